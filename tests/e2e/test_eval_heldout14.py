"""The fourteenth held-out syntax set (eval/heldout14.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout14Test(HeldoutSetChecks, unittest.TestCase):
    N = 14
    MIN_SYNTAXES = 80


if __name__ == "__main__":
    unittest.main()
