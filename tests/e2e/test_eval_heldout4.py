"""The fourth held-out syntax set (eval/heldout4.py) and its matrix in eval/run: every syntax
renders for every way the generator calls it (a keyword rule's name, a self-identifying token
under a provider or neutral name, a pattern's own key, a whole literal such as a URL), with
the value where the manifest says, and `eval/run --syntaxes` reports it as a matrix of its own.
Recall figures are not asserted: the set was written blind and nobody tunes against it
(docs/evaluation.md)."""
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

import support

EVAL = os.path.join(support.SOURCE_DIR, "eval")
sys.path.insert(0, EVAL)
import gen  # noqa: E402
import heldout4  # noqa: E402


def sample_rules():
    """One rule for each way render() is called: keyword rule, token, a pattern's key, a literal."""
    rules = gen.fill_keyword_patterns(gen.load_rules(os.path.join(support.SOURCE_DIR, "rules")),
                                      os.path.abspath(support.BIN))
    picked = {}
    for r in rules:
        got = gen.Sampler(r, "probe").sample(0, force_ext="gha-with")
        if got is None:
            continue
        kind = "keyword-rule" if r.get("shape") == "keyword" else got[4].split(":")[1]
        picked.setdefault(kind, r)
        if len(picked) == 4:
            break
    return picked


class Heldout4Test(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rules = sample_rules()

    def test_the_set_is_new_and_large_enough(self):
        names = set(heldout4.HELDOUT4_SYNTAXES)
        self.assertGreaterEqual(len(names), 40)
        self.assertEqual(names, set(heldout4.SYNTAXES))
        self.assertEqual(len(names), len(heldout4.HELDOUT4_SYNTAXES))
        self.assertFalse(names & set(gen.MATRIX_EXTS), "a base syntax reused")
        self.assertFalse(names & set(gen.HELDOUT_SYNTAXES), "a first held-out syntax reused")
        self.assertFalse(names & set(gen.HELDOUT2_SYNTAXES), "a second held-out syntax reused")
        self.assertFalse(names & set(gen.HELDOUT3_SYNTAXES), "a third held-out syntax reused")

    def test_every_syntax_renders_for_every_call_kind(self):
        self.assertEqual(set(self.rules), {"keyword-rule", "assign", "keyword", "literal"})
        for kind, rule in self.rules.items():
            s = gen.Sampler(rule, "t")
            for i, ext in enumerate(heldout4.HELDOUT4_SYNTAXES):
                with self.subTest(kind=kind, rule=rule["id"], syntax=ext):
                    fname, content, off, secret, ctx = s.sample(i, force_ext=ext)
                    self.assertEqual(fname, heldout4.SYNTAXES[ext][0])
                    self.assertTrue(ctx.startswith(ext + ":"), ctx)
                    self.assertGreaterEqual(off, 0)
                    self.assertEqual(content[off:off + len(secret)], secret)
                    head, foot = heldout4.SYNTAXES[ext][1], heldout4.SYNTAXES[ext][2]
                    lines = content.split("\n")
                    line = content.count("\n", 0, off)
                    # the value sits in the rendered body, between the header and the footer
                    self.assertGreaterEqual(line, len(head))
                    self.assertLess(line, len(lines) - 1 - len(foot))

    def test_eval_run_reports_it_as_its_own_matrix(self):
        ids = ",".join(r["id"] for r in self.rules.values())
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "figures.json")
            p = subprocess.run([sys.executable, os.path.join(EVAL, "evaluate.py"), "--no-recall", "--no-clean",
                                "--no-vendor", "--syntaxes", "all", "--only", ids, "--json", out],
                               capture_output=True, text=True, env=dict(os.environ, NHISCAN_BIN=support.BIN))
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(out) as f:
                fig = json.load(f)
        self.assertIn("== Held-out matrix 4: one sample per rule in each syntax", p.stdout)
        self.assertIn("HELD-OUT MATRIX 4: found ", p.stdout)
        m4 = fig["heldout4_syntax_matrix"]
        per = {k: v for k, v in m4.items() if k not in ("missed_by_rule", "totals")}
        self.assertEqual(set(per), set(heldout4.HELDOUT4_SYNTAXES))
        for ext, v in per.items():
            self.assertEqual(v["samples"], 4, ext)  # one per sampled rule
        t = m4["totals"]
        self.assertEqual(t["samples"], 4 * len(per))
        self.assertEqual(t["rules"], 4)
        self.assertEqual(t["keyword_samples"], len(per))  # one keyword rule
        self.assertEqual(t["keyword_samples"] + t["handwritten_samples"], t["samples"])
        self.assertEqual(t["found"], sum(v["found"] for v in per.values()))
        self.assertLessEqual(t["found"], t["detected"])
        missed = sum(len(v) for v in m4["missed_by_rule"].values())
        self.assertEqual(missed, t["samples"] - t["detected"])
        # reported separately: the other matrices hold none of its syntaxes
        for key in ("syntax_matrix", "heldout_syntax_matrix", "heldout2_syntax_matrix", "heldout3_syntax_matrix"):
            self.assertIn(key, fig)
            self.assertFalse(set(fig[key]) & set(heldout4.HELDOUT4_SYNTAXES), key)
        # never used for recall: the recall corpus does not draw from it
        self.assertFalse(set(heldout4.HELDOUT4_SYNTAXES) & set(gen.ASSIGN_EXTS + gen.TOKEN_EXTS + gen.LITERAL_EXTS))


if __name__ == "__main__":
    unittest.main()
