"""Issue 20 items 9, 12, 13: one baseline rule for every command, `baseline add`, JSON reports as
baselines; inline markers (gitleaks:allow, nhiscan:allow-next-line), --min-severity and
--min-confidence, `nhiscan import gitleaks`; the text report's order, its how-to-fix section,
one finding per secret per path in dir and git, and one finding for a secret two rules of one
provider match.
"""
import json
import os
import re
import unittest

from support import NhiscanTest, github_token, rand_chars

BASELINE = ".nhiscan-baseline.jsonl"


def testpypi_token():
    return "pypi-" + "AgENdGVzdC5weXBpLm9yZw" + rand_chars(90, "abcdefghijkmnopqrstuvwxyzABCDEFGH23456789_-")


class MigrateTest(NhiscanTest):
    def setUp(self):
        super().setUp()
        self.git("init", "-q", "-b", "main")

    def commit_all(self, msg="c"):
        self.git("add", "-A")
        self.git("commit", "-qm", msg)
        return self.git("rev-parse", "HEAD").strip()

    def jsonl(self, *args, rc=None):
        r = self.run_nhiscan(*args, "-f", "jsonl", "--no-redact")
        if rc is not None:
            self.assertEqual(r.rc, rc, r)
        return r, r.jsonl()


class InlineMarkers(MigrateTest):
    def setUp(self):
        super().setUp()
        self.t = [github_token() for _ in range(5)]
        self.write("a.py",
                   f"A = '{self.t[0]}'  # gitleaks:allow\n"
                   f"# nhiscan:allow-next-line\n"
                   f"B = '{self.t[1]}'\n"
                   f"C = '{self.t[2]}'\n"
                   f"D = '{self.t[3]}'  # nhiscan:allow\n"
                   f"E = '{self.t[4]}'\n"
                   f"# gitleaks:allow on a line of its own allows only itself\n")
        self.expected = {(self.t[2], 4), (self.t[4], 6)}

    def found(self, findings):
        return {(f["secret"], f["line"]) for f in findings}

    def test_dir(self):
        _, f = self.jsonl("dir", ".", rc=1)
        self.assertEqual(self.found(f), self.expected)

    def test_staged(self):
        self.git("add", "a.py")
        _, f = self.jsonl("staged", ".", rc=1)
        self.assertEqual(self.found(f), self.expected)

    def test_git_history(self):
        self.commit_all()
        _, f = self.jsonl("git", ".", rc=1)
        self.assertEqual(self.found(f), self.expected)

    def test_next_line_marker_does_not_reach_further(self):
        self.write("b.py", f"# nhiscan:allow-next-line\n\nX = '{self.t[0]}'\n")
        _, f = self.jsonl("dir", "b.py", rc=1)
        self.assertEqual(self.found(f), {(self.t[0], 3)})


class Gates(MigrateTest):
    def setUp(self):
        super().setUp()
        self.gh = github_token()  # critical, high confidence
        self.tp = testpypi_token()  # low severity, high confidence
        self.write("a.py", f"GH = '{self.gh}'\nTWINE_PASSWORD={self.tp}\n")

    def test_min_severity_gates_report_and_exit(self):
        _, f = self.jsonl("dir", ".", rc=1)
        self.assertEqual({x["secret"] for x in f}, {self.gh, self.tp})
        _, f = self.jsonl("dir", ".", "--min-severity", "high", rc=1)
        self.assertEqual([x["secret"] for x in f], [self.gh])
        self.write("a.py", f"TWINE_PASSWORD={self.tp}\n")
        r, f = self.jsonl("dir", ".", "--min-severity", "medium", rc=0)
        self.assertEqual(f, [])
        self.assertIn("1 finding below --min-severity medium", r.err)

    def test_min_confidence(self):
        self.write("b.py", "password = 'Zx81q-N0tR3alPw'\n")  # generic: medium confidence at most
        _, f = self.jsonl("dir", ".", "--min-confidence", "high", rc=1)
        self.assertEqual({x["confidence"] for x in f}, {"high"})
        self.assertEqual({x["secret"] for x in f}, {self.gh, self.tp})

    def test_git_and_staged_too(self):
        self.commit_all()
        _, f = self.jsonl("git", ".", "--min-severity", "critical", rc=1)
        self.assertEqual([x["secret"] for x in f], [self.gh])
        self.git("rm", "-q", "--cached", "a.py")
        self.git("commit", "-qm", "rm")
        self.git("add", "a.py")
        _, f = self.jsonl("staged", ".", "--min-severity", "critical", rc=1)
        self.assertEqual([x["secret"] for x in f], [self.gh])

    def test_bad_values_exit_2(self):
        for args in (("--min-severity", "severe"), ("--min-confidence", "certain"), ("--min-severity", "HIGH")):
            with self.subTest(args=args):
                r = self.run_nhiscan("dir", ".", *args)
                self.assertEqual(r.rc, 2, r)
                self.assertEqual(len(r.err.strip().splitlines()), 1, r)


class RepoBaseline(MigrateTest):
    """.nhiscan-baseline.jsonl at the repository root applies to dir, git and staged alike."""

    def setUp(self):
        super().setUp()
        self.old = github_token()
        self.write("app.py", f"T = '{self.old}'\n")
        self.commit_all("old secret")
        r = self.run_nhiscan("git", ".", "--write-baseline", BASELINE, "-q")
        self.assertEqual(r.rc, 1, r)

    def test_every_command_applies_it(self):
        self.commit_all("baseline")
        self.git("add", "app.py")
        for cmd in ("dir", "git"):
            with self.subTest(cmd=cmd):
                r, f = self.jsonl(cmd, ".", rc=0)
                self.assertEqual(f, [])
                self.assertRegex(r.err, r"1 finding suppressed by \S*/\.nhiscan-baseline\.jsonl \(--no-baseline")
                _, f = self.jsonl(cmd, ".", "--no-baseline", rc=1)
                self.assertEqual([x["secret"] for x in f], [self.old])
        # From a subdirectory, dir finds the baseline at the repository root.
        os.makedirs(self.path("sub"))
        r = self.run_nhiscan("dir", "..", "-q", "-f", "json", cwd=self.path("sub"))
        self.assertEqual((r.rc, r.json()), (0, []), r)
        # staged: a copy of the acknowledged secret in a new file is still the same secret.
        self.write("copy.py", f"T = '{self.old}'\n")
        self.git("add", "copy.py")
        r, f = self.jsonl("staged", ".", rc=0)
        self.assertEqual(f, [])

    def test_explicit_baseline_wins(self):
        empty = os.path.join(self.root, "empty.jsonl")
        open(empty, "w").close()
        _, f = self.jsonl("dir", ".", "--baseline", empty, rc=1)
        self.assertEqual([x["secret"] for x in f], [self.old])

    def test_malformed_repo_baseline_is_an_error(self):
        self.write(BASELINE, "not json\n")
        for cmd in ("dir", "git", "staged"):
            with self.subTest(cmd=cmd):
                r = self.run_nhiscan(cmd, ".")
                self.assertEqual(r.rc, 2, r)
                self.assertIn(BASELINE, r.err)


class BaselineAdd(MigrateTest):
    def test_add_keeps_history_only_entries(self):
        gone, kept = github_token(), github_token()
        self.write("old.py", f"T = '{gone}'\n")
        self.commit_all("old")
        os.remove(self.path("old.py"))
        self.write("app.py", f"T = '{kept}'\n")
        self.commit_all("new")
        self.run_nhiscan("git", ".", "--write-baseline", BASELINE, "-q")
        with open(self.path(BASELINE)) as fh:
            before = fh.read().splitlines()
        self.assertEqual(len(before), 2)
        self.commit_all("baseline")
        new = github_token()
        self.write("new.py", f"T = '{new}'\n")
        r, f = self.jsonl("dir", ".", rc=1)
        self.assertEqual([x["secret"] for x in f], [new])
        # The text report shows the fingerprint that `baseline add` takes.
        text = self.run_nhiscan("dir", ".", "--no-color").out
        fp = f[0]["fingerprint"]
        self.assertIn(f"fingerprint: {fp}", text)
        r = self.run_nhiscan("baseline", "add", fp, "--rule", "github-pat-classic", "--path", "new.py")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("added 1 entry", r.err)
        with open(self.path(BASELINE)) as fh:
            after = fh.read().splitlines()
        self.assertEqual(len(after), 3)
        self.assertTrue(set(before) <= set(after), "history-only entries are kept")
        self.assertEqual(after, sorted(after))
        self.assertIn({"fingerprint": fp, "rule_id": "github-pat-classic", "path": "new.py"},
                      [json.loads(l) for l in after])
        _, f = self.jsonl("dir", ".", rc=0)
        self.assertEqual(f, [])
        _, f = self.jsonl("git", ".", rc=0)  # the history-only secret is still acknowledged
        self.assertEqual(f, [])
        # Adding it again changes nothing.
        r = self.run_nhiscan("baseline", "add", fp)
        self.assertIn("added 0 entries", r.err)
        with open(self.path(BASELINE)) as fh:
            self.assertEqual(fh.read().splitlines(), after)

    def test_bad_fingerprint_exits_2(self):
        for bad in ("abc", "G" * 64, "ghp_" + "x" * 60):
            with self.subTest(bad=bad):
                r = self.run_nhiscan("baseline", "add", bad)
                self.assertEqual(r.rc, 2, r)
                self.assertFalse(os.path.exists(self.path(BASELINE)))

    def test_a_pasted_secret_is_not_echoed(self):
        # "Acknowledge it in the baseline" leads some to paste the secret itself: the error
        # printed it back whole, into the terminal and whatever log captures it.
        token = github_token()
        r = self.run_nhiscan("baseline", "add", token)
        self.assertEqual(r.rc, 2, r)
        self.assertNoSecret(token, r.out, r.err)
        self.assertNotIn(token[4:12], r.err)
        self.assertIn("not a fingerprint", r.err)
        self.assertFalse(os.path.exists(self.path(BASELINE)))

    def test_malformed_existing_baseline_is_not_overwritten(self):
        self.write(BASELINE, "garbage\n")
        r = self.run_nhiscan("baseline", "add", "a" * 64)
        self.assertEqual(r.rc, 2, r)
        with open(self.path(BASELINE)) as fh:
            self.assertEqual(fh.read(), "garbage\n")


class JsonReportAsBaseline(MigrateTest):
    def test_json_report_suppresses(self):
        gh = github_token()
        self.write("a.py", f"T = '{gh}'\n")
        report = os.path.join(self.root, "report.json")
        r = self.run_nhiscan("dir", ".", "-f", "json", "-o", report, "--no-baseline")
        self.assertEqual(r.rc, 1, r)
        r = self.run_nhiscan("dir", ".", "-f", "json", "--baseline", report)
        self.assertEqual((r.rc, r.json()), (0, []), r)
        new = github_token()
        self.write("b.py", f"T = '{new}'\n")
        r = self.run_nhiscan("dir", ".", "-f", "json", "--baseline", report, "--no-redact")
        self.assertEqual([f["secret"] for f in r.json()], [new])

    def test_malformed_json_report(self):
        bad = os.path.join(self.root, "bad.json")
        for text in ('[{"fingerprint": "x"}]', "[1, 2]", "[{"):
            with self.subTest(text=text):
                with open(bad, "w") as fh:
                    fh.write(text)
                r = self.run_nhiscan("dir", ".", "--baseline", bad)
                self.assertEqual(r.rc, 2, r)
                self.assertIn("bad.json", r.err)


GITLEAKS_TOML = r"""
title = "team config"

[extend]
useDefault = true
disabledRules = ["generic-api-key", "github-pat", "no-such-gitleaks-rule"]

[allowlist]
description = "global"
paths = ['''^vendor/''', '''(.*?)(jpg|png)$''', '''\.lock$''', '''fixtures''', '''a[0-9]+b''']
regexes = ['''EXAMPLEKEY''', '''(?<=x)y''']
stopwords = ["dummy"]
commits = ["0123456789abcdef0123456789abcdef01234567"]

[[allowlists]]
targetRules = ["aws-access-token"]
regexTarget = "line"
regexes = ['''AWS_TEST''']

[[allowlists]]
targetRules = ["slack-bot-token"]
paths = ['''^docs/''']

[[rules]]
id = "acme-key"
description = "Acme"
regex = '''acme_[a-z0-9]{32}'''
"""


class ImportGitleaks(MigrateTest):
    def test_output_to_a_symlink_or_a_pipe(self):
        # -o was written to PATH.tmp (a fixed name: a user's file of that name was overwritten)
        # and renamed over PATH: a symlinked .nhiscan.toml became a plain file, and with
        # --force a FIFO (or, as root, /dev/stdout) was replaced instead of written to.
        import stat
        import threading
        self.write(".gitleaks.toml", GITLEAKS_TOML)
        self.write("shared.toml", "")
        self.write("out.toml.tmp", "mine\n")
        os.symlink("shared.toml", self.path("out.toml"))
        r = self.run_nhiscan("import", "gitleaks", "-o", "out.toml", "--force")
        self.assertEqual(r.rc, 0, r)
        self.assertTrue(os.path.islink(self.path("out.toml")))
        with open(self.path("shared.toml")) as fh:
            self.assertIn("[allowlist]", fh.read())
        with open(self.path("out.toml.tmp")) as fh:
            self.assertEqual(fh.read(), "mine\n")
        fifo = self.path("pipe.toml")
        os.mkfifo(fifo)
        got = {}

        def reader():
            with open(fifo) as f:
                got["text"] = f.read()

        t = threading.Thread(target=reader, daemon=True)
        t.start()
        r = self.run_nhiscan("import", "gitleaks", "-o", fifo, "--force")
        if t.is_alive():
            with open(fifo, "w"):
                pass
        t.join(10)
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("[allowlist]", got.get("text", ""))

    def test_config_is_converted_and_loads(self):
        self.write(".gitleaks.toml", GITLEAKS_TOML)
        r = self.run_nhiscan("import", "gitleaks")
        self.assertEqual(r.rc, 0, r)
        with open(self.path(".nhiscan.toml")) as fh:
            cfg = fh.read()
        import tomllib
        c = tomllib.loads(cfg)
        self.assertEqual(c["disable"], ["generic-api-key", "github-pat-classic"])
        self.assertEqual(c["allowlist"]["paths"],
                         ["/vendor/**", "*jpg", "*png", "*.lock", "*fixtures*", "**/*fixtures*/**"])
        self.assertEqual(c["allowlist"]["regexes"], ["EXAMPLEKEY"])
        self.assertEqual(c["allowlist"]["stopwords"], ["dummy"])
        self.assertEqual(c["override"], [{"id": "slack-bot-token", "allowlist": {"paths": ["/docs/**"]}}])
        skipped = [l for l in r.err.splitlines() if l.startswith("nhiscan: not converted: ")]
        for needle in ("no-such-gitleaks-rule", "a[0-9]+b", "(?<=x)y", "0123456789abcdef", 'regexTarget = "line"',
                       "rule 'acme-key'"):
            self.assertEqual(sum(needle in l for l in skipped), 1, (needle, r.err))
        self.assertEqual(len(skipped), 6, r.err)
        # The written config is what scans use: the disabled rule and the allowlists apply.
        gh = github_token()
        self.write("app.py", f"T = '{gh}'\n")
        self.write("vendor/x.py", f"T = '{github_token('gho' + '_')}'\n")
        self.write("b.py", f"T = '{github_token('gho' + '_')}'\n")
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([(f["rule_id"], f["path"]) for f in r.json()], [("github-oauth-access-token", "b.py")])

    def test_never_overwrites_without_force(self):
        self.write(".gitleaks.toml", GITLEAKS_TOML)
        self.write(".nhiscan.toml", "# mine\n")
        r = self.run_nhiscan("import", "gitleaks")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("--force", r.err)
        with open(self.path(".nhiscan.toml")) as fh:
            self.assertEqual(fh.read(), "# mine\n")
        r = self.run_nhiscan("import", "gitleaks", "--force")
        self.assertEqual(r.rc, 0, r)

    def test_malformed_input_exits_2(self):
        cases = {
            ".gitleaks.toml": ["[allowlist\n", "[allowlist]\npaths = 'x'\n", "[[rules]]\ndescription = 'no id'\n"],
            ".gitleaksignore": ["just-one-field\n", "a.py:rule:notanumber\n"],
        }
        for name, texts in cases.items():
            for text in texts:
                with self.subTest(name=name, text=text):
                    self.write(name, text)
                    r = self.run_nhiscan("import", "gitleaks", "--force")
                    self.assertEqual(r.rc, 2, r)
                    self.assertEqual(len(r.err.strip().splitlines()), 1, r)
                    self.assertIn(name, r.err)
                    os.remove(self.path(name))

    def test_nothing_to_import_exits_2(self):
        r = self.run_nhiscan("import", "gitleaks")
        self.assertEqual(r.rc, 2, r)

    def test_gitleaksignore_becomes_a_baseline(self):
        a, b = github_token(), github_token()
        self.write("src/app.py", f"# config\nT = '{a}'\n")
        c1 = self.commit_all("one")
        self.write("src/app.py", "# config\n")
        self.write("w.py", f"\n\nX = '{b}'\n")
        self.commit_all("two")
        self.write(".gitleaksignore",
                   f"# acknowledged\n{c1}:src/app.py:github-pat:2\nw.py:github-pat:3\n"
                   f"{c1}:src/app.py:github-pat:1\n{'f' * 40}:nope.py:github-pat:1\n")
        r = self.run_nhiscan("import", "gitleaks")
        self.assertEqual(r.rc, 0, r)
        self.assertFalse(os.path.exists(self.path(".nhiscan.toml")), "no .gitleaks.toml: no config written")
        self.assertIn("2 of 4 .gitleaksignore entries resolved to 2 baseline entries", r.err)
        skipped = [l for l in r.err.splitlines() if l.startswith("nhiscan: not converted: ")]
        self.assertEqual(len(skipped), 2, r.err)
        self.assertIn(".gitleaksignore:4:", skipped[0])
        self.assertIn(".gitleaksignore:5:", skipped[1])
        with open(self.path(BASELINE)) as fh:
            entries = [json.loads(l) for l in fh]
        self.assertEqual({(e["rule_id"], e["path"], e.get("commit")) for e in entries},
                         {("github-pat-classic", "src/app.py", c1), ("github-pat-classic", "w.py", None)})
        # The baseline now acknowledges both: history and work tree scans are clean.
        r = self.run_nhiscan("git", ".", "-q")
        self.assertEqual(r.rc, 0, r)
        r = self.run_nhiscan("dir", ".", "-q")
        self.assertEqual(r.rc, 0, r)


class TextReport(MigrateTest):
    def test_sorted_by_severity_then_path_with_fixes_once(self):
        tp = testpypi_token()  # low
        self.write("a_low.py", f"TWINE_PASSWORD={tp}\n")
        self.write("b_crit.py", f"A = '{github_token()}'\nB = '{github_token()}'\n")
        self.write("c_crit.py", f"A = '{github_token()}'\n")
        r = self.run_nhiscan("dir", ".", "--no-color")
        self.assertEqual(r.rc, 1, r)
        lines = r.out.splitlines()
        heads = [l for l in lines if re.match(r"^  \S+:\d+:\d+  ", l)]
        self.assertEqual([h.split()[0] for h in heads], ["b_crit.py:1:6", "b_crit.py:2:6", "c_crit.py:1:6", "a_low.py:1:16"])
        self.assertEqual(sum(l.strip().startswith("fix: ") for l in lines), 2, r.out)
        fix = lines.index("How to fix")
        self.assertGreater(fix, lines.index(heads[-1]))
        self.assertTrue(lines[fix + 1].startswith("  github-pat-classic  "))
        self.assertTrue(lines[fix + 3].startswith("  pypi-test-upload-token  "))

    def test_one_per_secret_per_path_in_dir_and_git(self):
        gh = github_token()
        self.write("a.py", f"A = '{gh}'\nB = 1\nC = '{gh}'\n")
        self.write("b.py", f"A = '{gh}'\n")
        self.commit_all()
        for cmd in ("dir", "git"):
            with self.subTest(cmd=cmd):
                _, f = self.jsonl(cmd, ".", rc=1)
                # dir and staged write `occurrences` when a secret is in a file more than once.
                self.assertEqual([(x["path"], x["line"], x.get("occurrences", 1)) for x in f],
                                 [("a.py", 1, 2), ("b.py", 1, 1)] if cmd == "dir" else [("a.py", 1, 1), ("b.py", 1, 1)])
                _, f = self.jsonl(cmd, ".", "--all-occurrences", rc=1)
                self.assertEqual([(x["path"], x["line"]) for x in f], [("a.py", 1), ("a.py", 3), ("b.py", 1)])

    def test_one_secret_two_rules_of_one_provider(self):
        tp = testpypi_token()
        self.write(".pypirc", f'[testpypi]\nusername = __token__\npassword = "{tp}"\n')
        self.commit_all()
        for cmd in ("dir", "git"):
            with self.subTest(cmd=cmd):
                _, f = self.jsonl(cmd, ".", rc=1)
                self.assertEqual([(x["rule_id"], x["line"]) for x in f], [("pypirc-password", 3)])


if __name__ == "__main__":
    unittest.main()
