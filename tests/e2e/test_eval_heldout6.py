"""The sixth held-out syntax set (eval/heldout6.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout6Test(HeldoutSetChecks, unittest.TestCase):
    N = 6
    MIN_SYNTAXES = 45


if __name__ == "__main__":
    unittest.main()
