"""The second hard-negatives set (eval/negatives2.py): deterministic, unique realistic file names,
no file under a test path, every category non-empty, none of the first set's category names, and
the shared harness (eval/negatives.py's, imported) finds every positive control on a small subset
(so a broken harness fails instead of reporting zero false positives). No false-positive count is
asserted: the set is measured, not tuned against (docs/evaluation.md)."""
import os
import sys
import tempfile
import unittest

import support
from test_eval_negatives import TEST_DIRS, TEST_FILES

sys.path.insert(0, os.path.join(support.SOURCE_DIR, "eval"))
import negatives  # noqa: E402
import negatives2  # noqa: E402


class Negatives2SetTest(unittest.TestCase):
    def test_deterministic(self):
        self.assertEqual(negatives2.build(), negatives2.build())
        self.assertEqual(negatives2.build(one_per_category=True), negatives2.build(one_per_category=True))
        self.assertNotEqual(negatives2.SEED, negatives.SEED)

    def test_names_unique_and_not_test_paths(self):
        cases = negatives2.build()
        paths = [c["path"] for c in cases]
        self.assertEqual(len(paths), len(set(paths)))
        for p in paths:
            with self.subTest(path=p):
                self.assertIsNone(TEST_DIRS.search(p))
                self.assertIsNone(TEST_FILES.search(p.rsplit("/", 1)[-1]))
                self.assertFalse(p.startswith("/") or ".." in p.split("/"))

    def test_every_category_non_empty_and_new(self):
        cases = negatives2.build()
        cats = {c["category"] for c in cases}
        for cat, _ in negatives2.CATEGORIES:
            with self.subTest(category=cat):
                self.assertIn(cat, cats)
                self.assertNotIn(cat, {c for c, _ in negatives.CATEGORIES})
        self.assertGreaterEqual(len(negatives2.CATEGORIES), 25)
        self.assertGreaterEqual(sum(1 for c in cases if c["category"] != negatives2.CONTROL), 800)
        self.assertEqual(sum(1 for c in cases if c["category"] == negatives2.CONTROL), 10)

    def test_first_set_unchanged_by_the_generalisation(self):
        self.assertEqual(negatives.build(), negatives.build(negatives.SEED, False, negatives.CATEGORIES))

    @unittest.skipUnless(os.access(support.BIN, os.X_OK), f"no nhiscan binary at {support.BIN}")
    def test_harness_finds_every_control(self):
        cases = negatives2.build(one_per_category=True)
        self.assertEqual(len(cases), len(negatives2.CATEGORIES) + 10)
        with tempfile.TemporaryDirectory() as d:
            env_cache = os.environ.get("XDG_CACHE_HOME")
            os.environ["XDG_CACHE_HOME"] = support.shared_cache_dir()
            try:
                fig = negatives2.measure(os.path.abspath(support.BIN), cases, d)
            finally:
                if env_cache is None:
                    os.environ.pop("XDG_CACHE_HOME", None)
                else:
                    os.environ["XDG_CACHE_HOME"] = env_cache
        self.assertEqual(fig["controls"]["files"], 10)
        self.assertEqual(fig["controls"]["found"], 10, fig["controls"]["missed"])
        self.assertEqual(fig["files"], len(negatives2.CATEGORIES))
        self.assertEqual(set(fig["by_category"]), {c for c, _ in negatives2.CATEGORIES})
        self.assertEqual(fig["stray"], 0)


if __name__ == "__main__":
    unittest.main()
