"""The fourth held-out syntax set (eval/heldout4.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout4Test(HeldoutSetChecks, unittest.TestCase):
    N = 4
    MIN_SYNTAXES = 40


if __name__ == "__main__":
    unittest.main()
