"""The nineteenth held-out syntax set (eval/heldout19.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout19Test(HeldoutSetChecks, unittest.TestCase):
    N = 19
    MIN_SYNTAXES = 80


if __name__ == "__main__":
    unittest.main()
