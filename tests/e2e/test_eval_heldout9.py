"""The ninth held-out syntax set (eval/heldout9.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout9Test(HeldoutSetChecks, unittest.TestCase):
    N = 9
    MIN_SYNTAXES = 45


if __name__ == "__main__":
    unittest.main()
