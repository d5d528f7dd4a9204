"""The second held-out syntax set (eval/heldout2.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout2Test(HeldoutSetChecks, unittest.TestCase):
    N = 2
    MIN_SYNTAXES = 30


if __name__ == "__main__":
    unittest.main()
