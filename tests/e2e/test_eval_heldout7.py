"""The seventh held-out syntax set (eval/heldout7.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout7Test(HeldoutSetChecks, unittest.TestCase):
    N = 7
    MIN_SYNTAXES = 45


if __name__ == "__main__":
    unittest.main()
