"""The twenty-second held-out syntax set (eval/heldout22.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout22Test(HeldoutSetChecks, unittest.TestCase):
    N = 22
    MIN_SYNTAXES = 78


if __name__ == "__main__":
    unittest.main()
