"""The eleventh held-out syntax set (eval/heldout11.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout11Test(HeldoutSetChecks, unittest.TestCase):
    N = 11
    MIN_SYNTAXES = 55


if __name__ == "__main__":
    unittest.main()
