"""The third held-out syntax set (eval/heldout3.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout3Test(HeldoutSetChecks, unittest.TestCase):
    N = 3
    MIN_SYNTAXES = 40


if __name__ == "__main__":
    unittest.main()
