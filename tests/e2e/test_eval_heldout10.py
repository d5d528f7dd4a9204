"""The tenth held-out syntax set (eval/heldout10.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout10Test(HeldoutSetChecks, unittest.TestCase):
    N = 10
    MIN_SYNTAXES = 55


if __name__ == "__main__":
    unittest.main()
