"""The hard-negatives set (eval/negatives.py): deterministic, unique realistic file names, no file
under a test path, every category non-empty, and its harness finds every positive control on a
small subset (so a broken harness fails instead of reporting zero false positives). No false
positive count is asserted: the set is measured, not tuned against (docs/evaluation.md)."""
import os
import re
import sys
import tempfile
import unittest

import support

sys.path.insert(0, os.path.join(support.SOURCE_DIR, "eval"))
import negatives  # noqa: E402

# Directory names and file names that scanners commonly treat as test paths.
TEST_DIRS = re.compile(r"(^|/)(tests?|__tests__|specs?|fixtures?|testdata|test-data|examples?|samples?|mocks?|__mocks__|e2e)(/|$)", re.I)
TEST_FILES = re.compile(r"(^test_.*\.py$|_test\.go$|_tests?\.[a-z]+$|\.test\.[a-z]+$|\.spec\.[a-z]+$|Tests?\.(java|cs|kt)$)")


class NegativesSetTest(unittest.TestCase):
    def test_deterministic(self):
        self.assertEqual(negatives.build(), negatives.build())
        self.assertEqual(negatives.build(one_per_category=True), negatives.build(one_per_category=True))

    def test_names_unique_and_not_test_paths(self):
        cases = negatives.build()
        paths = [c["path"] for c in cases]
        self.assertEqual(len(paths), len(set(paths)))
        for p in paths:
            with self.subTest(path=p):
                self.assertIsNone(TEST_DIRS.search(p))
                self.assertIsNone(TEST_FILES.search(p.rsplit("/", 1)[-1]))
                self.assertFalse(p.startswith("/") or ".." in p.split("/"))

    def test_every_category_non_empty(self):
        cases = negatives.build()
        cats = {c["category"] for c in cases}
        for cat, _ in negatives.CATEGORIES:
            with self.subTest(category=cat):
                self.assertIn(cat, cats)
        self.assertGreaterEqual(len(negatives.CATEGORIES), 25)
        self.assertEqual(sum(1 for c in cases if c["category"] == negatives.CONTROL), 10)

    @unittest.skipUnless(os.access(support.BIN, os.X_OK), f"no nhiscan binary at {support.BIN}")
    def test_harness_finds_every_control(self):
        cases = negatives.build(one_per_category=True)
        self.assertEqual(len(cases), len(negatives.CATEGORIES) + 10)
        with tempfile.TemporaryDirectory() as d:
            env_cache = os.environ.get("XDG_CACHE_HOME")
            os.environ["XDG_CACHE_HOME"] = support.shared_cache_dir()
            try:
                fig = negatives.measure(os.path.abspath(support.BIN), cases, d)
            finally:
                if env_cache is None:
                    os.environ.pop("XDG_CACHE_HOME", None)
                else:
                    os.environ["XDG_CACHE_HOME"] = env_cache
        self.assertEqual(fig["controls"]["files"], 10)
        self.assertEqual(fig["controls"]["found"], 10, fig["controls"]["missed"])
        self.assertEqual(fig["files"], len(negatives.CATEGORIES))
        self.assertEqual(set(fig["by_category"]), {c for c, _ in negatives.CATEGORIES})
        self.assertEqual(fig["stray"], 0)


if __name__ == "__main__":
    unittest.main()
