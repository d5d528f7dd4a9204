"""`eval/run --syntaxes all`: every syntax matrix (the generator's own, the first held-out set
and the numbered sets eval/heldout2.py onwards) is reported on its own, holding exactly its
set's syntaxes, and no syntax is in two matrices. One run on four sampled rules; each set's
own test (test_eval_heldoutN.py) runs its matrix alone."""
import unittest

from heldout_set import ORDINAL, gen, run_matrices, sample_rules  # heldout_set puts eval/ on the path


def numbered_sets():
    n = 2
    while hasattr(gen, f"HELDOUT{n}_SYNTAXES"):
        yield n
        n += 1


class AllMatricesTest(unittest.TestCase):
    def test_every_set_is_its_own_matrix(self):
        sets = {"syntax_matrix": gen.MATRIX_EXTS, "heldout_syntax_matrix": gen.HELDOUT_SYNTAXES}
        for n in numbered_sets():
            self.assertIn(n, ORDINAL, f"tests/e2e/heldout_set.py has no ordinal for set {n}")
            sets[f"heldout{n}_syntax_matrix"] = getattr(gen, f"HELDOUT{n}_SYNTAXES")
        self.assertGreaterEqual(len(sets), 23)  # base, first, 2..22
        fig, stdout = run_matrices("all", sample_rules())
        seen = {}
        for key, names in sets.items():
            with self.subTest(matrix=key):
                self.assertIn(key, fig)
                per = {k for k in fig[key] if k not in ("missed_by_rule", "totals")}
                self.assertEqual(per, set(names))
                self.assertEqual(fig[key]["totals"]["samples"], 4 * len(per))
                for ext in per:
                    self.assertNotIn(ext, seen, f"{ext} is in {key} and {seen.get(ext)}")
                    seen[ext] = key
        for n in numbered_sets():
            self.assertIn(f"HELD-OUT MATRIX {n}: found ", stdout)


if __name__ == "__main__":
    unittest.main()
