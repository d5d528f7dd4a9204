"""The twentieth held-out syntax set (eval/heldout20.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout20Test(HeldoutSetChecks, unittest.TestCase):
    N = 20
    MIN_SYNTAXES = 80


if __name__ == "__main__":
    unittest.main()
