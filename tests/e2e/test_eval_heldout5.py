"""The fifth held-out syntax set (eval/heldout5.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout5Test(HeldoutSetChecks, unittest.TestCase):
    N = 5
    MIN_SYNTAXES = 45


if __name__ == "__main__":
    unittest.main()
