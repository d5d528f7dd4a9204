"""Checks shared by the held-out syntax sets' tests (eval/heldout2.py to heldout22.py):
every syntax renders for every way the generator calls it (a keyword rule's name, a
self-identifying token under a provider or neutral name, a pattern's own key, a whole literal
such as a URL), with the value where the manifest says; the set reuses no earlier set's syntax;
and `eval/run --syntaxes` reports it as a matrix of its own. Recall figures are not asserted:
nobody tunes against a set while it is the blind one (docs/evaluation.md)."""
import importlib
import json
import os
import subprocess
import sys
import tempfile

import support

EVAL = os.path.join(support.SOURCE_DIR, "eval")
sys.path.insert(0, EVAL)
import gen  # noqa: E402

ORDINAL = {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth",
           11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth", 15: "fifteenth", 16: "sixteenth",
           17: "seventeenth", 18: "eighteenth", 19: "nineteenth", 20: "twentieth", 21: "twenty-first", 22: "twenty-second"}


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


def run_matrices(which, rules):
    """`eval/run --syntaxes WHICH` on the sampled rules only: (its --json figures, its stdout)."""
    ids = ",".join(r["id"] for r in rules.values())
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "figures.json")
        p = subprocess.run([sys.executable, os.path.join(EVAL, "evaluate.py"), "--no-recall", "--no-clean",
                            "--no-vendor", "--syntaxes", which, "--only", ids, "--json", out],
                           capture_output=True, text=True, env=dict(os.environ, NHISCAN_BIN=support.BIN))
        if p.returncode != 0:
            raise AssertionError(f"eval/run --syntaxes {which} exited {p.returncode}: {p.stderr}")
        with open(out) as f:
            return json.load(f), p.stdout


class HeldoutSetChecks:
    """Mixed into a unittest.TestCase with N (the set's number) and MIN_SYNTAXES."""
    N = 0
    MIN_SYNTAXES = 30

    @classmethod
    def setUpClass(cls):
        cls.mod = importlib.import_module(f"heldout{cls.N}")
        cls.names = list(getattr(cls.mod, f"HELDOUT{cls.N}_SYNTAXES"))
        cls.rules = sample_rules()

    def earlier_sets(self):
        """(gen's name of each earlier set's syntaxes, its matrix key in --json, its ordinal)."""
        out = [("MATRIX_EXTS", "syntax_matrix", "base"), ("HELDOUT_SYNTAXES", "heldout_syntax_matrix", "first held-out")]
        out += [(f"HELDOUT{k}_SYNTAXES", f"heldout{k}_syntax_matrix", f"{ORDINAL[k]} held-out") for k in range(2, self.N)]
        return out

    def test_the_set_is_new_and_large_enough(self):
        names = set(self.names)
        self.assertGreaterEqual(len(names), self.MIN_SYNTAXES)
        self.assertEqual(names, set(self.mod.SYNTAXES))
        self.assertEqual(len(names), len(self.names))
        for attr, _, what in self.earlier_sets():
            self.assertFalse(names & set(getattr(gen, attr)), f"a {what} syntax reused")

    def test_every_syntax_renders_for_every_call_kind(self):
        self.assertEqual(set(self.rules), {"keyword-rule", "assign", "keyword", "literal"})
        for kind, rule in self.rules.items():
            s = gen.Sampler(rule, "t")
            for i, ext in enumerate(self.names):
                with self.subTest(kind=kind, rule=rule["id"], syntax=ext):
                    fname, content, off, secret, ctx = s.sample(i, force_ext=ext)
                    self.assertEqual(fname, self.mod.SYNTAXES[ext][0])
                    self.assertTrue(ctx.startswith(ext + ":"), ctx)
                    self.assertGreaterEqual(off, 0)
                    self.assertEqual(content[off:off + len(secret)], secret)
                    head, foot = self.mod.SYNTAXES[ext][1], self.mod.SYNTAXES[ext][2]
                    lines = content.split("\n")
                    line = content.count("\n", 0, off)
                    # the value sits in the rendered body, between the header and the footer
                    self.assertGreaterEqual(line, len(head))
                    self.assertLess(line, len(lines) - 1 - len(foot))

    def test_eval_run_reports_it_as_its_own_matrix(self):
        fig, stdout = run_matrices(f"heldout{self.N}", self.rules)
        self.assertIn(f"== Held-out matrix {self.N}: one sample per rule in each syntax", stdout)
        self.assertIn(f"HELD-OUT MATRIX {self.N}: found ", stdout)
        m = fig[f"heldout{self.N}_syntax_matrix"]
        per = {k: v for k, v in m.items() if k not in ("missed_by_rule", "totals")}
        self.assertEqual(set(per), set(self.names))
        for ext, v in per.items():
            self.assertEqual(v["samples"], 4, ext)  # one per sampled rule
        t = m["totals"]
        self.assertEqual(t["samples"], 4 * len(per))
        self.assertEqual(t["rules"], 4)
        self.assertEqual(t["keyword_samples"], len(per))  # one keyword rule
        self.assertEqual(t["keyword_samples"] + t["handwritten_samples"], t["samples"])
        self.assertEqual(t["found"], sum(v["found"] for v in per.values()))
        self.assertLessEqual(t["found"], t["detected"])
        missed = sum(len(v) for v in m["missed_by_rule"].values())
        self.assertEqual(missed, t["samples"] - t["detected"])
        # `--syntaxes heldoutN` runs that matrix alone (test_eval_matrices.py runs them all at once)
        for _, key, _ in self.earlier_sets():
            self.assertNotIn(key, fig)
        # never used for recall: the recall corpus does not draw from it
        self.assertFalse(set(self.names) & set(gen.ASSIGN_EXTS + gen.TOKEN_EXTS + gen.LITERAL_EXTS))
