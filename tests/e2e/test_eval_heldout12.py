"""The twelfth held-out syntax set (eval/heldout12.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout12Test(HeldoutSetChecks, unittest.TestCase):
    N = 12
    MIN_SYNTAXES = 55


if __name__ == "__main__":
    unittest.main()
