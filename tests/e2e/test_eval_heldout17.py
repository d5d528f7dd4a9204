"""The seventeenth held-out syntax set (eval/heldout17.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout17Test(HeldoutSetChecks, unittest.TestCase):
    N = 17
    MIN_SYNTAXES = 78


if __name__ == "__main__":
    unittest.main()
