"""The fifteenth held-out syntax set (eval/heldout15.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout15Test(HeldoutSetChecks, unittest.TestCase):
    N = 15
    MIN_SYNTAXES = 80


if __name__ == "__main__":
    unittest.main()
