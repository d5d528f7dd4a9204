"""Baselines: --write-baseline records the current findings (never the secrets), --baseline
suppresses them by content fingerprint, so edits that move lines keep them suppressed.
"""
import json
import os
import re
import unittest

from support import NhiscanTest, aws_key_pair, github_token
from validators import SharedCacheMixin

FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")


class BaselineTest(SharedCacheMixin, NhiscanTest):
    def setUp(self):
        super().setUp()
        self.gh = github_token()
        self.key_id, self.aws_secret = aws_key_pair()
        self.git("init", "-q", "-b", "main")
        self.write("app/settings.py", f'DEBUG = True\nGITHUB_TOKEN = "{self.gh}"\n')
        self.write("deploy/env.sh", f"AWS_ACCESS_KEY_ID={self.key_id}\nAWS_SECRET_ACCESS_KEY={self.aws_secret}\n")
        self.git("add", "-A")
        self.git("commit", "-qm", "initial")
        self.baseline = os.path.join(self.root, "baseline.jsonl")

    def scan(self, *args, expect_rc=None, fmt="json"):
        r = self.run_nhiscan("dir", ".", "-f", fmt, *args)
        if expect_rc is not None:
            self.assertEqual(r.rc, expect_rc, r)
        return r

    def write_baseline(self, path=None):
        path = path or self.baseline
        r = self.scan("--write-baseline", path, expect_rc=1)
        with open(path) as f:
            return r, f.read()

    def test_written_baseline_lists_fingerprints_never_secrets(self):
        r, text = self.write_baseline()
        findings = r.json()
        for s in (self.gh, self.key_id, self.aws_secret):
            self.assertNoSecret(s, text, r.out, r.err)
        lines = text.splitlines()
        self.assertEqual(len(lines), len(findings))
        entries = [json.loads(l) for l in lines]
        for e in entries:
            self.assertRegex(e["fingerprint"], FINGERPRINT)
            self.assertEqual(set(e), {"fingerprint", "rule_id", "path"}, "dir scans have no commit")
        self.assertEqual(lines, sorted(lines), "sorted, so merges don't conflict")
        self.assertEqual({(e["fingerprint"], e["rule_id"], e["path"]) for e in entries},
                         {(f["fingerprint"], f["rule_id"], f["path"]) for f in findings})

    def test_writing_is_deterministic(self):
        _, first = self.write_baseline()
        _, second = self.write_baseline()
        self.assertEqual(first, second)

    def test_round_trip_suppresses_everything(self):
        self.write_baseline()
        r = self.scan("--baseline", self.baseline, expect_rc=0)
        self.assertEqual(r.json(), [])
        text = self.scan("--baseline", self.baseline, "--no-color", expect_rc=0, fmt="text").out
        self.assertRegex(text.splitlines()[-1], r"^0 findings .*; 3 suppressed by baseline$")

    def test_report_file_summary_counts_suppressed(self):
        self.write_baseline()
        r = self.scan("--baseline", self.baseline, "-o", os.path.join(self.root, "r.json"), expect_rc=0)
        self.assertIn("0 findings (3 suppressed by baseline) written to", r.err)

    def test_survives_edits_that_move_lines(self):
        self.write_baseline()
        # Move the token down, re-indent it, and rename the variable around it.
        self.write("app/settings.py",
                   f'"""Settings."""\n\nimport os\n\nclass Config:\n    DEBUG = False\n'
                   f'    TOKEN = "{self.gh}"\n')
        self.write("deploy/env.sh",
                   f"#!/bin/sh\n# deploy\nexport AWS_SECRET_ACCESS_KEY={self.aws_secret}\n"
                   f"export AWS_ACCESS_KEY_ID={self.key_id}\n")
        r = self.scan("--baseline", self.baseline, expect_rc=0)
        self.assertEqual(r.json(), [])

    def test_new_secrets_are_still_reported(self):
        self.write_baseline()
        new = github_token()
        self.write("app/more.py", f"OTHER = '{new}'\n")
        r = self.scan("--baseline", self.baseline, "--no-redact", expect_rc=1)
        self.assertEqual([f["secret"] for f in r.json()], [new])

    def test_baseline_matches_content_not_place(self):
        # The baseline acknowledges a secret: a copy of it elsewhere is the same credential.
        self.write_baseline()
        self.write("docs/copy.md", f"token {self.gh}\n")
        self.assertEqual(self.scan("--baseline", self.baseline, expect_rc=0).json(), [])

    def test_refresh_drops_fixed_secrets_and_keeps_the_rest(self):
        self.write_baseline()
        self.write("deploy/env.sh", "# credentials moved to the vault\n")
        r = self.scan("--baseline", self.baseline, "--write-baseline", self.baseline, expect_rc=0)
        self.assertEqual(r.json(), [])
        with open(self.baseline) as f:
            entries = [json.loads(l) for l in f]
        self.assertEqual([e["rule_id"] for e in entries], ["github-pat-classic"])

    def test_write_baseline_keeps_the_findings_exit_code(self):
        r = self.scan("--write-baseline", self.baseline, "--exit-code", "5")
        self.assertEqual(r.rc, 5, r)
        self.assertTrue(os.path.isfile(self.baseline))

    def test_clean_scan_writes_an_empty_baseline(self):
        os.remove(self.path("app/settings.py"))
        os.remove(self.path("deploy/env.sh"))
        self.write("README.md", "nothing\n")
        self.scan("--write-baseline", self.baseline, expect_rc=0)
        with open(self.baseline) as f:
            self.assertEqual(f.read(), "")
        self.scan("--baseline", self.baseline, expect_rc=0)

    def test_committed_baseline_is_not_itself_a_finding(self):
        inside = self.path(".nhiscan-baseline.jsonl")
        self.write_baseline(inside)
        r = self.scan("--baseline", inside, expect_rc=0)
        self.assertEqual(r.json(), [])
        # At the repository root it applies without --baseline (docs/reports.md#baselines).
        self.assertEqual(self.scan(expect_rc=0).json(), [])
        r = self.scan("--no-redact", "-q", "--no-baseline", expect_rc=1)
        self.assertNotIn(".nhiscan-baseline.jsonl", {f["path"] for f in r.json()})

    def test_comments_and_blank_lines_are_allowed(self):
        _, text = self.write_baseline()
        with open(self.baseline, "w") as f:
            f.write("# accepted 2024-01-01, rotation tracked in SEC-1\n\n" + text.replace("\n", "\r\n"))
        self.assertEqual(self.scan("--baseline", self.baseline, expect_rc=0).json(), [])


class WriteBaselineTargetTest(SharedCacheMixin, NhiscanTest):
    """--write-baseline FILE writes a temp file and renames it over FILE. Over a device or a
    pipe (/dev/stdout, /dev/full, a FIFO) that rename replaced the special file itself when
    run as root (a CI container), and a disk-full /dev/full reported "wrote 1 baseline
    entry"; over a symlink it replaced the link with a regular file."""

    def setUp(self):
        super().setUp()
        self.write("app/settings.py", f'GITHUB_TOKEN = "{github_token()}"\n')
        key_id, secret = aws_key_pair()
        self.write("deploy/env.sh", f"AWS_ACCESS_KEY_ID={key_id}\nAWS_SECRET_ACCESS_KEY={secret}\n")

    def scan(self, *args, expect_rc=None):
        r = self.run_nhiscan("dir", ".", "-f", "json", *args)
        if expect_rc is not None:
            self.assertEqual(r.rc, expect_rc, r)
        return r

    def test_fifo_is_written_to_not_replaced(self):
        import stat
        import threading
        fifo = os.path.join(self.root, "baseline.fifo")
        os.mkfifo(fifo)
        got = {}

        def reader():
            fd = os.open(fifo, os.O_RDONLY)
            with os.fdopen(fd) as f:
                got["text"] = f.read()

        t = threading.Thread(target=reader, daemon=True)
        t.start()
        r = self.scan("--write-baseline", fifo)
        if t.is_alive():  # the bug: nobody ever opened the FIFO; unblock the reader
            with open(fifo, "w"):
                pass
        t.join(10)
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(len(got.get("text", "").splitlines()), 3, r)

    @unittest.skipUnless(hasattr(os, "geteuid") and os.geteuid() == 0, "mknod needs root")
    def test_full_device_is_an_error_and_stays_a_device(self):
        import stat
        full = os.path.join(self.root, "full")
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # a private /dev/full
        r = self.scan("--write-baseline", full)
        self.assertTrue(stat.S_ISCHR(os.lstat(full).st_mode), "the device node was replaced by a file")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("cannot write baseline", r.err)
        self.assertNotIn("wrote", r.err)

    def test_symlink_writes_the_file_it_names(self):
        real = os.path.join(self.root, "shared-baseline.jsonl")
        link = os.path.join(self.root, "link.jsonl")
        with open(real, "w"):
            pass
        os.symlink(real, link)
        r = self.scan("--write-baseline", link, expect_rc=1)
        self.assertTrue(os.path.islink(link), "the symlink was replaced by a file")
        with open(real) as f:
            self.assertEqual(len(f.read().splitlines()), 3, r)


class MalformedBaselineTest(SharedCacheMixin, NhiscanTest):
    def setUp(self):
        super().setUp()
        self.gh = github_token()
        self.write("a.py", f"T = '{self.gh}'\n")
        self.baseline = self.path("baseline.jsonl")

    def assertBaselineError(self, content, line):
        with open(self.baseline, "w") as f:
            f.write(content)
        r = self.run_nhiscan("dir", "a.py", "--baseline", self.baseline)
        self.assertEqual(r.rc, 2, r)
        errors = [l for l in r.err.splitlines() if l.startswith("nhiscan: error:")]
        self.assertEqual(len(errors), 1, r)
        self.assertIn(f"{self.baseline}:{line}:", errors[0])
        self.assertEqual(r.out, "", "fails before scanning")
        return r

    def test_not_json(self):
        good = '{"fingerprint": "%s", "rule_id": "x", "path": "a"}\n' % ("a" * 64)
        self.assertBaselineError(good + "# comment\n" + "this is not json\n", 3)

    def test_pasted_secret_is_not_echoed(self):
        r = self.assertBaselineError(f"{self.gh}\n", 1)
        self.assertNoSecret(self.gh, r.err)

    def test_bad_fingerprint(self):
        self.assertBaselineError('{"fingerprint": "abc", "rule_id": "x", "path": "a"}\n', 1)

    def test_missing_rule_id(self):
        self.assertBaselineError('\n{"fingerprint": "%s", "path": "a"}\n' % ("b" * 64), 2)

    def test_wrong_type(self):
        self.assertBaselineError('{"fingerprint": "%s", "rule_id": 7}\n' % ("c" * 64), 1)

    def test_not_an_object(self):
        self.assertBaselineError('["%s"]\n' % ("d" * 64), 1)

    def test_missing_file(self):
        r = self.run_nhiscan("dir", "a.py", "--baseline", self.path("nope.jsonl"))
        self.assertEqual(r.rc, 2, r)
        self.assertIn("nope.jsonl", r.err)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r)

    def test_unwritable_write_baseline(self):
        r = self.run_nhiscan("dir", "a.py", "--write-baseline", self.path("no", "such", "dir", "b.jsonl"))
        self.assertEqual(r.rc, 2, r)
        self.assertIn("cannot write baseline", r.err)


class GitHistoryBaselineTest(SharedCacheMixin, NhiscanTest):
    """A baseline from history names the commit that introduced each secret."""

    def setUp(self):
        super().setUp()
        self.gh = github_token()
        self.git("init", "-q", "-b", "main")
        self.write("a.py", f"T = '{self.gh}'\n")
        self.git("add", "-A")
        self.git("commit", "-qm", "one")
        self.first = self.git("rev-parse", "HEAD").strip()
        self.write("a.py", f"# moved\n\nT = '{self.gh}'\n")
        self.git("commit", "-qam", "two")
        self.baseline = os.path.join(self.root, "history.jsonl")

    def test_history_baseline_round_trip(self):
        r = self.run_nhiscan("git", ".", "--write-baseline", self.baseline, "-f", "json")
        self.assertEqual(r.rc, 1, r)
        with open(self.baseline) as f:
            entries = [json.loads(l) for l in f]
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries[0]["path"], "a.py")
        self.assertEqual(entries[0]["commit"], self.first)
        r = self.run_nhiscan("git", ".", "--baseline", self.baseline, "-f", "json")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.json(), [])
        # The same baseline also quiets a working-tree scan.
        r = self.run_nhiscan("dir", ".", "--baseline", self.baseline, "-f", "json")
        self.assertEqual(r.rc, 0, r)


if __name__ == "__main__":
    unittest.main()
