"""The eighth held-out syntax set (eval/heldout8.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout8Test(HeldoutSetChecks, unittest.TestCase):
    N = 8
    MIN_SYNTAXES = 45


if __name__ == "__main__":
    unittest.main()
