"""eval/catalog_samples.py: the catalog's format notation is read into the values it states,
and a run over a small catalog counts a caught and a missed entry exactly."""
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unittest

import support

EVAL = os.path.join(support.SOURCE_DIR, "eval")
sys.path.insert(0, EVAL)
import catalog_samples as cs  # noqa: E402
import catalog_manual as cm  # noqa: E402


def shared_catalog():
    """The shared catalog, found as the report validators find shared/: NHISCAN_SHARED_DIR, else
    the shared/ folder beside the source tree."""
    shared = os.environ.get("NHISCAN_SHARED_DIR") or os.path.join(support.SOURCE_DIR, "..", "shared")
    path = os.path.join(shared, "catalog", "credentials.toml")
    if not os.path.isfile(path):
        raise AssertionError(f"catalog not found at {path}; set NHISCAN_SHARED_DIR")
    import tomllib
    with open(path, "rb") as f:
        return tomllib.load(f)["credential"]


def shape_of(items):
    """The items as comparable tuples, with charsets as sorted strings."""
    out = []
    for it in items:
        if it[0] == "run":
            out.append(("run", "".join(sorted(it[1])), it[2], it[3]))
        else:
            out.append(it)
    return out


class ParseTest(unittest.TestCase):
    def test_prefix_and_run(self):
        forms = cs.alternatives("`jina_` + 60 × [A-Za-z0-9]")
        self.assertEqual([f[0] for f in forms], ["documented"])
        self.assertEqual(shape_of(forms[0][1]),
                         [("lit", ["jina_"]), ("run", "".join(sorted(cs.NAMED["alnum"])), 60, 60)])

    def test_literal_choice_range_and_named_class(self):
        forms = cs.alternatives("one of `sdk-`, `mob-` + 8–12 × hex (lower case)")
        self.assertEqual(shape_of(forms[0][1]), [("lit", ["sdk-", "mob-"]), ("run", "0123456789abcdef", 8, 12)])

    def test_or_between_literals_is_a_choice_not_two_forms(self):
        forms = cs.alternatives("`duffel_live_` or `duffel_test_` + 43 × [A-Za-z0-9_=-]")
        self.assertEqual(len(forms), 1)
        self.assertEqual(forms[0][1][0], ("lit", ["duffel_live_", "duffel_test_"]))

    def test_later_sentences_and_remarks_are_not_the_format(self):
        fmt = ("`v1.0-` + 24 × hex + `-` + 146 × hex (176 chars). Kingfisher/Titus accept `v1.0-` + 160 or more "
               "× [a-z0-9._-] within 64 chars after `cloudflare`")
        forms = cs.alternatives(fmt)
        self.assertEqual(shape_of(forms[0][1]),
                         [("lit", ["v1.0-"]), ("run", "0123456789abcdef", 24, 24), ("lit", ["-"]),
                          ("run", "0123456789abcdef", 146, 146)])

    def test_peer_bound_replaces_the_last_run(self):
        forms = cs.alternatives("`pscale_pw_` + 43 × [A-Za-z0-9_-] (peers accept 32–64 × [A-Za-z0-9_=.-])")
        self.assertEqual([f[0] for f in forms], ["documented", "peer 32-64"])
        self.assertEqual(shape_of(forms[1][1])[1], ("run", "".join(sorted(cs.bracket_class("A-Za-z0-9_=.-"))), 32, 64))

    def test_juxtaposed_items_and_uuid(self):
        forms = cs.alternatives("4 × hex `-` 8 × hex")
        self.assertEqual(shape_of(forms[0][1]),
                         [("run", "0123456789abcdef", 4, 4), ("lit", ["-"]), ("run", "0123456789abcdef", 8, 8)])
        self.assertEqual(cs.alternatives("`px-api-` + UUID (8-4-4-4-12 hex)")[0][1], [("lit", ["px-api-"]), ("uuid",)])

    def test_prose_is_not_understood(self):
        self.assertEqual(cs.alternatives("any string; the generated settings file assigns it"), [])

    def test_values_follow_the_items(self):
        rng = random.Random(1)
        items = cs.alternatives("`abc_` + 20–30 × [a-f0-9]")[0][1]
        lo, hi = cs.build(rng, items, "lo"), cs.build(rng, items, "hi")
        self.assertRegex(lo, r"^abc_[a-f0-9]{20}$")
        self.assertRegex(hi, r"^abc_[a-f0-9]{30}$")


class RunTest(unittest.TestCase):
    def test_counts_a_caught_and_a_missed_entry(self):
        catalog = '''
[[credential]]
provider = "GitHub"
name = "GitHub personal access token (classic)"
shape = "prefixed"
format = "`ghp_` + 36 × [A-Za-z0-9]"
keywords = ["github", "ghp_"]
nhiscan = "covered"

[[credential]]
provider = "Nowhere"
name = "A format no rule knows"
shape = "prefixed"
format = "`zzq~` + 12 × [a-z]"
keywords = ["nowhere"]
nhiscan = "missing"
'''
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "credentials.toml")
            with open(path, "w") as f:
                f.write(catalog)
            out = os.path.join(d, "out.json")
            run = subprocess.run([sys.executable, os.path.join(EVAL, "catalog_samples.py"), "--bin", support.BIN,
                                  "--catalog", path, "--json", out], capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertIn("2 prefixed/keyword entries, 2 parsed", run.stdout)
            self.assertIn("samples: 10, caught 5 (50.0%)", run.stdout)
            with open(out) as f:
                samples = json.load(f)["samples"]
            caught = {(s["name"], s["context"]): s["rule"] for s in samples}
            self.assertEqual(caught[("GitHub personal access token (classic)", "py-assign")], "github-pat-classic")
            self.assertIsNone(caught[("A format no rule knows", "py-assign")])


TEST_PATH = re.compile(r"(^|/)(tests?|spec|fixtures|testdata|examples|mocks)/|_test\.go$|\.test\.js$|(^|/)test_[^/]*\.py$")


class ManualTest(unittest.TestCase):
    """eval/catalog_manual.py: one builder per entry the parser cannot read, each sample well formed."""

    def test_every_builder_returns_well_formed_samples(self):
        rng = random.Random(7)
        for name, build in cm.BUILDERS.items():
            with self.subTest(entry=name):
                samples = build(rng)
                self.assertTrue(samples, "no sample")
                for smp in samples:
                    self.assertIn(len(smp), (3, 4))
                    label, text, secret = smp[:3]
                    self.assertRegex(label, cm.LABEL_RE)
                    self.assertIsNotNone(cm.LABEL_RE.fullmatch(label), label)
                    self.assertTrue(secret, label)
                    self.assertEqual(text.count(secret), 1, f"{label}: the secret must occur exactly once")
                    if len(smp) == 4:
                        self.assertNotRegex(smp[3], TEST_PATH)
                        self.assertNotIn("/", smp[3])

    def test_builders_are_random(self):
        a = [s[2] for b in cm.BUILDERS.values() for s in b(random.Random(1))]
        b = [s[2] for b in cm.BUILDERS.values() for s in b(random.Random(2))]
        same = sum(x == y for x, y in zip(a, b))
        self.assertLess(same, 3, "samples should depend on the seed")

    def test_every_unparsed_or_structured_entry_has_a_builder(self):
        catalog = shared_catalog()
        names = {e["name"] for e in catalog}
        need = sorted({e["name"] for e in catalog if cs.needs_manual(e)})
        missing = [n for n in need if n not in cm.BUILDERS and n not in cm.SKIPPED]
        self.assertEqual(missing, [], "add a builder (or a SKIPPED reason) to eval/catalog_manual.py")
        self.assertGreater(len(need), 150)
        for n in list(cm.BUILDERS) + list(cm.SKIPPED):
            self.assertIn(n, names, "a builder for a name the catalog no longer has")
        for reason in cm.SKIPPED.values():
            self.assertTrue(reason.strip())

    def test_overlap_rule(self):
        def f(secret, rule="r", **kw):
            return dict(secret=secret, rule_id=rule, **kw)

        self.assertEqual(cs.manual_caught([f("xxabcdefghyy")], "abcdefgh"), "r")
        self.assertIsNone(cs.manual_caught([f("abcdefg")], "abcdefghij"))
        self.assertEqual(cs.manual_caught([f("abcdefgh")], "zzabcdefghzz"), "r")
        self.assertEqual(cs.manual_caught([f("pw12")], "pw12"), "r")
        self.assertIsNone(cs.manual_caught([f("")], "pw12"))
        # a finding from a decoded view reports the decoded secret: it counts where its location
        # covers the sample's encoded value, and not elsewhere
        text = "a: 1\nkey: QUJDREVGR0hJSktM\n"
        self.assertEqual(cs.manual_caught([f("ABCDEFGHIJKL", decoded="base64", line=2, column=6, end_line=2,
                                             end_column=21)], "QUJDREVGR0hJSktM", text), "r")
        self.assertIsNone(cs.manual_caught([f("ABCDEFGHIJKL", decoded="base64", line=1, column=1, end_line=1,
                                              end_column=4)], "QUJDREVGR0hJSktM", text))

    def test_manual_run_counts_caught_and_missed(self):
        catalog = '''
[[credential]]
provider = "Example"
name = "Password in an FTP URL"
shape = "generic"
format = "`ftp://` user `:` password `@` host"
keywords = ["ftp://"]
nhiscan = "covered"
'''
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "credentials.toml")
            with open(path, "w") as f:
                f.write(catalog)
            out = os.path.join(d, "out.json")
            run = subprocess.run([sys.executable, os.path.join(EVAL, "catalog_samples.py"), "--bin", support.BIN,
                                  "--catalog", path, "--json", out, "--misses", "5"], capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stderr)
            m = re.search(r"hand-built \(prose and structured formats\): caught (\d+) of 2 samples", run.stdout)
            self.assertIsNotNone(m, run.stdout)
            with open(out) as f:
                manual = json.load(f)["manual"]
            self.assertEqual(len(manual), 2)
            for s in manual:
                self.assertEqual(s["text"].count(s["secret"]), 1)
                self.assertIn("rule", s)
            # the count printed is the samples the JSON says were caught, whatever it is
            self.assertEqual(int(m.group(1)), sum(1 for s in manual if s["rule"]))
            run = subprocess.run([sys.executable, os.path.join(EVAL, "catalog_samples.py"), "--bin", support.BIN,
                                  "--catalog", path, "--no-manual"], capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertNotIn("hand-built", run.stdout)


if __name__ == "__main__":
    unittest.main()
