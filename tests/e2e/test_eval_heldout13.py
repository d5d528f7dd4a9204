"""The thirteenth held-out syntax set (eval/heldout13.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout13Test(HeldoutSetChecks, unittest.TestCase):
    N = 13
    MIN_SYNTAXES = 70


if __name__ == "__main__":
    unittest.main()
