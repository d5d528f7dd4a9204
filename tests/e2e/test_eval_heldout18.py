"""The eighteenth held-out syntax set (eval/heldout18.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout18Test(HeldoutSetChecks, unittest.TestCase):
    N = 18
    MIN_SYNTAXES = 78


if __name__ == "__main__":
    unittest.main()
