"""The sixteenth held-out syntax set (eval/heldout16.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout16Test(HeldoutSetChecks, unittest.TestCase):
    N = 16
    MIN_SYNTAXES = 77


if __name__ == "__main__":
    unittest.main()
