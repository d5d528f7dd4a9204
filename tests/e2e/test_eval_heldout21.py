"""The twenty-first held-out syntax set (eval/heldout21.py) and its matrix in eval/run (heldout_set.py)."""
import unittest

from heldout_set import HeldoutSetChecks


class Heldout21Test(HeldoutSetChecks, unittest.TestCase):
    N = 21
    MIN_SYNTAXES = 76


if __name__ == "__main__":
    unittest.main()
