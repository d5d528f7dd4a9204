"""The command line: checks before a scan, "did you mean", sizes, plurals, cwd-relative paths.

A scan that cannot finish must fail before it starts: `git` and `staged` check --baseline,
--config and the report path first. The proof that no scan ran is what a scan prints, not
timing: `git --progress always` prints its phases on stderr, and `staged` with a gitlink in
the index prints its "skipping submodule" notice.
"""
import json
import os
import re
import unittest

from gitfixture import SharedCacheTest
import support


class PreScanChecks(SharedCacheTest):
    def setUp(self):
        super().setUp()
        self.repo = self.path("repo")
        self.git("init", "-q", "-b", "main", self.repo)
        self.write("repo/conf.txt", f"token = {support.github_token()}\n")
        self.git("add", "-A", cwd=self.repo)
        self.git("commit", "-q", "-m", "c", cwd=self.repo)
        # A gitlink in the index: the staged scan says it skips it (proof that it ran).
        head = self.git("rev-parse", "HEAD", cwd=self.repo).strip()
        self.git("update-index", "--add", "--cacheinfo", f"160000,{head},vendored", cwd=self.repo)
        self.write("bad-baseline.jsonl", "this is not json\n")
        self.write("bad.toml", "[[rules]\nid = 1\n")

    def git_scan(self, *args):
        return self.run_nhiscan("git", self.repo, "--progress", "always", "-f", "json", *args)

    def staged_scan(self, *args):
        return self.run_nhiscan("staged", self.repo, "-f", "json", *args)

    def assertFailsBeforeScan(self, r, *needles):
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(r.out, "", r)
        lines = r.err.splitlines()
        self.assertEqual(len(lines), 1, r)  # one line: the error, no progress or notices
        self.assertTrue(lines[0].startswith("nhiscan: error: "), r)
        for n in needles:
            self.assertIn(n, lines[0], r)

    def test_the_proofs_of_a_scan_are_there_when_nothing_is_wrong(self):
        r = self.git_scan()
        self.assertEqual(r.rc, 1, r)
        self.assertIn("nhiscan: scanning blobs", r.err)
        r = self.staged_scan()
        self.assertEqual(r.rc, 0, r)
        self.assertIn("skipping submodule 'vendored'", r.err)

    def test_malformed_baseline(self):
        self.assertFailsBeforeScan(self.git_scan("--baseline", self.path("bad-baseline.jsonl")), "bad-baseline.jsonl:1")
        self.assertFailsBeforeScan(self.staged_scan("--baseline", self.path("bad-baseline.jsonl")), "bad-baseline.jsonl:1")

    def test_missing_baseline(self):
        self.assertFailsBeforeScan(self.git_scan("--baseline", self.path("none.jsonl")), "none.jsonl")
        self.assertFailsBeforeScan(self.staged_scan("--baseline", self.path("none.jsonl")), "none.jsonl")

    def test_unreadable_config(self):
        self.assertFailsBeforeScan(self.git_scan("-c", self.path("none.toml")), "none.toml")
        self.assertFailsBeforeScan(self.staged_scan("-c", self.path("none.toml")), "none.toml")

    def test_malformed_config(self):
        self.assertFailsBeforeScan(self.git_scan("-c", self.path("bad.toml")), "bad.toml:1")
        self.assertFailsBeforeScan(self.staged_scan("-c", self.path("bad.toml")), "bad.toml:1")

    def test_report_in_a_missing_directory(self):
        report = self.path("no", "such", "r.json")
        self.assertFailsBeforeScan(self.git_scan("-o", report), "no such directory")
        self.assertFailsBeforeScan(self.staged_scan("-o", report), "no such directory")
        self.assertFalse(os.path.exists(self.path("no")))

    def test_report_path_that_is_a_directory(self):
        os.makedirs(self.path("out"))
        self.assertFailsBeforeScan(self.git_scan("-o", self.path("out")), "is a directory")

    def test_write_baseline_in_a_missing_directory(self):
        # Before, the staged scan ran and wrote nothing; the baseline is checked up front too.
        self.assertFailsBeforeScan(self.staged_scan("--write-baseline", self.path("no", "b.jsonl")),
                                   "no such directory")
        self.assertFailsBeforeScan(self.git_scan("--write-baseline", self.path("no", "b.jsonl")),
                                   "no such directory")

    def test_dir_checks_the_report_path_first_too(self):
        r = self.run_nhiscan("dir", self.repo, "-o", self.path("no", "r.txt"))
        self.assertFailsBeforeScan(r, "no such directory")


class DidYouMean(support.NhiscanTest):
    def assertOneLineError(self, r, text):
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(r.out, "", r)
        self.assertEqual(r.err.count("\n"), 1, r)
        self.assertIn(text, r.err, r)

    def test_mistyped_subcommand(self):
        self.assertOneLineError(self.run_nhiscan("dri", "."), "unknown command 'dri'; did you mean 'dir'?")
        self.assertOneLineError(self.run_nhiscan("stagged"), "did you mean 'staged'?")
        self.assertOneLineError(self.run_nhiscan("rules", "lst"), "unknown command 'lst'; did you mean 'list'?")

    def test_mistyped_option(self):
        self.assertOneLineError(self.run_nhiscan("dir", "--formt", "json", "."),
                                "unknown option '--formt'; did you mean '--format'?")
        self.assertOneLineError(self.run_nhiscan("git", "--brnach=main"), "did you mean '--branch'?")
        self.assertOneLineError(self.run_nhiscan("dir", "--no-redcat", "."), "did you mean '--no-redact'?")

    def test_nothing_close(self):
        r = self.run_nhiscan("xyzzy")
        self.assertOneLineError(r, "unknown command 'xyzzy' (commands: dir, git, staged, rules, install-hook, validate, baseline, import, inventory)")
        r = self.run_nhiscan("dir", "--completely-different", ".")
        self.assertEqual(r.rc, 2, r)
        self.assertNotIn("did you mean", r.err)

    def test_scan_is_a_hint(self):
        r = self.run_nhiscan("scan", ".")
        self.assertOneLineError(r, "nhiscan has no 'scan' command: use 'nhiscan dir [PATH...]' for files")

    def test_version_is_the_project_version(self):
        with open(os.path.join(support.SOURCE_DIR, "CMakeLists.txt")) as f:
            version = re.search(r"project\(nhiscan VERSION (\S+)", f.read()).group(1)
        r = self.run_nhiscan("--version")
        # Three lines (issue 19): the version, the rule pack's hash and the Hyperscan version.
        lines = r.out.strip().split("\n")
        self.assertEqual((r.rc, lines[0], len(lines)), (0, f"nhiscan {version}", 3), r)
        self.assertRegex(lines[1], r"^rules [0-9a-f]{12}$")
        self.assertRegex(lines[2], r"^hyperscan \d+\.\d+\.\d+")


class MaxFileSize(support.NhiscanTest):
    def setUp(self):
        super().setUp()
        self.token = support.github_token()
        line = f"token = {self.token}\n"
        self.write("big.txt", line + "x" * (1010 - len(line)))  # 1010 bytes

    def scan(self, size):
        return self.run_nhiscan("dir", "big.txt", "-f", "json", "--max-file-size", size)

    def test_units(self):
        for size, scanned in [("1010", True), ("1009", False), ("1KB", False), ("1KiB", True), ("1kib", True),
                              ("10MB", True), ("2K", True), ("1k", False)]:
            r = self.scan(size)
            self.assertEqual(r.rc, 1 if scanned else 0, (size, r))
            if not scanned:
                self.assertIn("skipping big.txt: 1010 bytes is over --max-file-size", r.err, (size, r))

    def test_bad_values(self):
        for size in ["10XB", "-5", "1.5MB", "ten", "", "99999999999999GB"]:
            r = self.scan(size)
            self.assertEqual(r.rc, 2, (size, r))
            self.assertEqual(r.out, "", (size, r))
            self.assertEqual(r.err.count("\n"), 1, (size, r))
            self.assertIn("--max-file-size", r.err, (size, r))


class Plurals(support.NhiscanTest):
    def test_one_of_everything(self):
        self.write("a.txt", f"token = {support.github_token()}\n")
        r = self.run_nhiscan("dir", "a.txt", "--no-color")
        self.assertEqual(r.rc, 1, r)
        summary = r.out.splitlines()[-1]
        self.assertRegex(summary, r"^1 finding \(1 critical\) in 1 file \(")
        r = self.run_nhiscan("dir", "a.txt", "-o", self.path("r.txt"))
        self.assertEqual(r.err, f"nhiscan: 1 finding written to {self.path('r.txt')}\n", r)

    def test_many(self):
        self.write("a.txt", f"token = {support.github_token()}\n")
        self.write("b.txt", f"token = {support.github_token()}\n")
        r = self.run_nhiscan("dir", ".", "--no-color")
        self.assertRegex(r.out.splitlines()[-1], r"^2 findings \(2 critical\) in 2 files \(")

    def test_rules_list_and_check_with_one_rule(self):
        self.write("one.toml", "use_builtin_rules = false\n[[rules]]\nid = \"only-one\"\nprovider = \"Acme\"\n"
                   "pattern = '''(acme_[a-z]{12})'''\nexamples = ['acme_abcdefghijkl']  # nhiscan:allow\n")
        r = self.run_nhiscan("rules", "list", "-c", self.path("one.toml"))
        self.assertEqual(r.rc, 0, r)
        self.assertIn("Acme (1 rule)\n", r.out)
        self.assertTrue(r.out.endswith("1 rule from 1 provider\n"), r)
        r = self.run_nhiscan("rules", "check", self.path("one.toml"))
        self.assertRegex(r.out, r"1 rule, \d+ filters checked: 0 failures\n$")

    def test_no_plural_placeholders_in_messages(self):
        # "(s)" is how a message dodges the count; the program, hooks and CI scripts have none.
        offenders = []
        for top in ("src", "hooks", "action", "ci"):
            for root, _, files in os.walk(os.path.join(support.SOURCE_DIR, top)):
                for name in files:
                    with open(os.path.join(root, name), errors="replace") as f:
                        for n, line in enumerate(f, 1):
                            if re.search(r'"[^"]*[a-z]\((s|es)\)[^"]*"', line):
                                offenders.append(f"{top}/{name}:{n}")
        self.assertEqual(offenders, [])


class CwdRelativePaths(support.NhiscanTest):
    """From a subdirectory the text report names files as git does (relative to where you
    stand); JSON, SARIF, GitLab and report files keep repository-relative paths."""

    def setUp(self):
        super().setUp()
        self.git("init", "-q", "-b", "main", self.tmp)
        self.write("sub/deep/a.txt", f"token = {support.github_token()}\n")
        self.write("top.txt", f"token = {support.github_token()}\n")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "c")
        self.sub = self.path("sub")

    def test_text_from_a_subdirectory(self):
        r = self.run_nhiscan("dir", "..", "--no-color", cwd=self.sub)
        self.assertEqual(r.rc, 1, r)
        self.assertIn("\n  ../top.txt:1:9  critical", r.out)
        self.assertTrue(r.out.startswith("deep/a.txt\n  deep/a.txt:1:9  critical"), r)
        r = self.run_nhiscan("git", "--no-color", cwd=self.sub)
        self.assertTrue(r.out.startswith("deep/a.txt\n  deep/a.txt:1:9"), r)
        self.assertIn("\n../top.txt\n", r.out)

    def test_machine_formats_and_files_stay_repository_relative(self):
        r = self.run_nhiscan("dir", "..", "-f", "json", cwd=self.sub)
        self.assertEqual([f["path"] for f in r.json()], ["sub/deep/a.txt", "top.txt"])
        r = self.run_nhiscan("git", "-f", "sarif", cwd=self.sub)
        uris = [res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in r.json()["runs"][0]["results"]]
        self.assertEqual(uris, ["sub/deep/a.txt", "top.txt"])
        r = self.run_nhiscan("dir", "..", "-o", self.path("r.txt"), cwd=self.sub)
        with open(self.path("r.txt")) as f:
            self.assertTrue(f.read().startswith("sub/deep/a.txt\n"))

    def test_at_the_root_nothing_changes(self):
        r = self.run_nhiscan("dir", ".", "--no-color")
        self.assertTrue(r.out.startswith("sub/deep/a.txt\n"), r)


if __name__ == "__main__":
    unittest.main()
