"""End-to-end: `nhiscan dir` on temp directories with runtime-built fake secrets."""
import json
import os
import stat
import unittest

import support
from support import NhiscanTest, aws_key_pair, github_token

FIELDS = ["rule_id", "rule_name", "provider", "kind", "severity", "confidence", "path", "line", "column",
          "end_line", "end_column", "secret", "redacted", "fingerprint", "location_fingerprint", "source",
          "remediation"]


class DirScan(NhiscanTest):
    def make_leaky_tree(self):
        self.token = github_token()
        self.key_id, self.key_secret = aws_key_pair()
        self.write("app/config.py", f'import os\n\nGITHUB_TOKEN = "{self.token}"\n')
        self.write("deploy/aws.env", "# deploy\nAWS_ACCESS_KEY_ID=" + self.key_id + "\n"
                   + "AWS_SECRET_ACCESS_KEY=" + self.key_secret + "\n")
        self.write("README.md", "nothing to see\n")

    def test_reports_github_token_and_aws_pair_with_lines_redacted_exit_1(self):
        self.make_leaky_tree()
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        got = [(f["rule_id"], f["path"], f["line"], f["column"]) for f in r.json()]
        self.assertEqual(got, [
            ("github-pat-classic", "app/config.py", 3, 17),
            ("aws-access-key-id", "deploy/aws.env", 2, 19),
            ("aws-secret-access-key", "deploy/aws.env", 3, 23),
        ])
        self.assertNoSecret(self.token, r.out, r.err)
        self.assertNoSecret(self.key_secret, r.out, r.err)
        self.assertNoSecret(self.key_id, r.out, r.err)

    def test_every_json_field(self):
        self.make_leaky_tree()
        r = self.run_nhiscan("dir", "app", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        [f] = r.json()
        for k in FIELDS:
            self.assertIn(k, f)
        self.assertEqual(f["rule_id"], "github-pat-classic")
        self.assertEqual(f["source"], "file")
        self.assertEqual(f["checksum"], "valid")
        self.assertEqual(f["confidence"], "high")
        self.assertEqual((f["line"], f["column"], f["end_line"], f["end_column"]), (3, 17, 3, 56))
        self.assertEqual(f["secret"], "ghp_*****")
        self.assertTrue(f["redacted"])
        self.assertRegex(f["fingerprint"], r"^[0-9a-f]{64}$")
        self.assertNotEqual(f["fingerprint"], f["location_fingerprint"])

    def test_invalid_checksum_lowers_confidence_but_is_reported(self):
        bad = github_token(valid=False)
        self.write("t.txt", bad + "\n")
        [f] = self.run_nhiscan("dir", "t.txt", "-f", "json").json()
        self.assertEqual((f["checksum"], f["confidence"]), ("invalid", "low"))

    def test_no_redact_shows_the_secret(self):
        self.make_leaky_tree()
        r = self.run_nhiscan("dir", "app", "-f", "jsonl", "--no-redact")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(r.jsonl()[0]["secret"], self.token)
        self.assertFalse(r.jsonl()[0]["redacted"])

    def test_fingerprint_is_stable_when_lines_move(self):
        self.make_leaky_tree()
        before = self.run_nhiscan("dir", "app", "-f", "json").json()[0]
        self.write("app/config.py", f'# moved\n\n\n\nX = 1\nGITHUB_TOKEN = "{self.token}"\n')
        after = self.run_nhiscan("dir", "app", "-f", "json").json()[0]
        self.assertEqual(after["line"], 6)
        self.assertEqual(before["fingerprint"], after["fingerprint"])

    def test_clean_tree_exits_0(self):
        self.write("src/main.c", "int main(void) { return 0; }\n")
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual((r.rc, r.json()), (0, []), r)

    def test_text_output_groups_by_file_with_summary(self):
        self.make_leaky_tree()
        r = self.run_nhiscan("dir", ".")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("app/config.py:3:17", r.out)
        self.assertIn("github-pat-classic", r.out)
        self.assertIn("ghp_*****", r.out)
        self.assertIn("fix: ", r.out)
        self.assertNotIn("\033[", r.out)  # not a TTY: no colour
        self.assertRegex(r.out.splitlines()[-1], r"^3 findings \(.*\) in 3 files")

    def test_nonexistent_path_is_an_error(self):
        r = self.run_nhiscan("dir", "does-not-exist")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("does-not-exist", r.err)

    def test_gitignore_and_dot_git_are_respected_in_a_work_tree(self):
        self.git("init", "-q")
        token = github_token()
        self.write(".gitignore", "secrets/\n*.log\n")
        self.write("secrets/a.txt", token + "\n")
        self.write("debug.log", token + "\n")
        self.write(".git/leak.txt", token + "\n")
        self.write("kept.txt", "x\n" + token + "\n")
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual([(f["path"], f["line"]) for f in r.json()], [("kept.txt", 2)], r)
        # Paths are repository-relative even when scanning a subdirectory.
        self.write("sub/dir/x.txt", token)
        r = self.run_nhiscan("dir", "sub", "-f", "json")
        self.assertEqual([f["path"] for f in r.json()], ["sub/dir/x.txt"], r)

    def test_ignored_files_are_counted_and_no_ignore_scans_them(self):
        # Issue 20, item 1: a token in a git-ignored .env gave "0 findings in 2 files", exit 0,
        # with no word about what was left out.
        self.git("init", "-q")
        token = github_token()
        self.write(".gitignore", ".env\nbuild/\n")
        self.write(".env", f"GITHUB_TOKEN={token}\n")
        self.write("build/out/conf.txt", f"t={token}\n")
        self.write("app.py", "print('hi')\n")
        r = self.run_nhiscan("dir", ".")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("skipped 1 file and 1 directory ignored by .gitignore (--no-ignore scans them)", r.out)
        self.assertIn("not scanned: 1 file and 1 directory ignored by .gitignore; --no-ignore scans them", r.err)
        r = self.run_nhiscan("dir", ".", "-f", "json", "-q")
        self.assertEqual((r.rc, r.json(), r.err), (0, [], ""), r)
        r = self.run_nhiscan("dir", ".", "--no-ignore", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(sorted(f["path"] for f in r.json()), [".env", "build/out/conf.txt"])
        self.assertNotIn(token, r.out + r.err)  # still redacted
        r = self.run_nhiscan("dir", ".", "--no-ignore")
        self.assertNotIn("ignored", r.out)
        # .git is never scanned, --no-ignore or not.
        self.write(".git/leak.txt", token + "\n")
        r = self.run_nhiscan("dir", ".", "--no-ignore", "-f", "json")
        self.assertNotIn(".git/leak.txt", [f["path"] for f in r.json()])

    def test_inline_allow(self):
        token = github_token()
        self.write("a.py", f'T = "{token}"  # nhiscan:allow\nU = "{github_token()}"\n')
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual([f["line"] for f in r.json()], [2], r)

    def test_binary_files_are_skipped(self):
        self.write("blob.bin", b"\x00\x01" + github_token().encode() + b"\n", mode="wb")
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual((r.rc, r.json()), (0, []), r)
        r = self.run_nhiscan("dir", ".")
        self.assertIn("skipped 1 binary", r.out)

    def test_utf16_files_are_scanned_as_text(self):
        # Windows "Unicode" files: a NUL in every ASCII character, so not binary (core/utf16.hpp).
        token, other = github_token(), github_token()
        self.write("deploy.ps1", ("# deploy\r\n$env:GITHUB_TOKEN = '" + token + "'\r\n").encode("utf-16"), mode="wb")
        self.write("be.txt", ("x=1\nt=" + other + "\n").encode("utf-16-be"), mode="wb")  # no byte-order mark
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        got = sorted((f["path"], f["line"], f["column"], f["rule_id"]) for f in r.json())
        self.assertEqual(got, [("be.txt", 2, 3, "github-pat-classic"), ("deploy.ps1", 2, 22, "github-pat-classic")])
        self.assertNoSecret(token, r.out, r.err)
        r = self.run_nhiscan("dir", ".", "--no-color")
        self.assertNotIn("binary", r.out)

    def test_size_limit_skips_with_a_notice(self):
        self.write("big.txt", "x" * 5000 + "\n" + github_token() + "\n")
        r = self.run_nhiscan("dir", ".", "--max-file-size", "1000", "-f", "json")
        # No findings, and the status record saying the scan is incomplete (docs/reports.md).
        self.assertEqual((r.rc, r.json()), (0, [{"complete": False, "reasons": [
            {"reason": "too-large", "count": 1, "message": "1 input larger than --max-file-size was skipped"}]}]), r)
        self.assertIn("skipping big.txt: 5042 bytes is over --max-file-size (1000)", r.err)
        r = self.run_nhiscan("dir", ".", "--max-file-size", "100000", "-f", "json")
        self.assertEqual([f["line"] for f in r.json()], [2], r)

    def test_symlinks_are_not_followed(self):
        self.write("outside/t.txt", github_token() + "\n")
        os.makedirs(self.path("tree"))
        os.symlink(self.path("outside"), self.path("tree", "link"))
        os.symlink(self.path("outside", "t.txt"), self.path("tree", "file-link"))
        os.symlink(self.path("tree"), self.path("tree", "loop"))
        r = self.run_nhiscan("dir", "tree", "-f", "json")
        self.assertEqual((r.rc, r.json()), (0, []), r)

    def test_named_symlinks_are_followed(self):
        # Issue 20, item 2: a symlink the user names (file or directory) is followed; before,
        # a named file link failed with "Too many levels of symbolic links" and a named
        # directory link was refused as "not a regular file".
        token = github_token()
        self.write("outside/t.txt", token + "\n")
        os.makedirs(self.path("tree"))
        os.symlink(self.path("outside"), self.path("tree", "link"))
        os.symlink(self.path("outside", "t.txt"), self.path("tree", "file-link"))
        for named, path in (("tree/file-link", "tree/file-link"), ("tree/link", "tree/link/t.txt")):
            r = self.run_nhiscan("dir", named, "-f", "json")
            self.assertEqual(r.rc, 1, (named, r))
            self.assertEqual([(f["path"], f["line"]) for f in r.json()], [(path, 1)], r)
            self.assertEqual(r.err, "", r)
        # Inside a git work tree the named link keeps its own repository-relative name.
        self.git("init", "-q")
        os.symlink(self.path("outside", "t.txt"), self.path("leak.txt"))
        r = self.run_nhiscan("dir", "leak.txt", "-f", "json")
        self.assertEqual([f["path"] for f in r.json()], ["leak.txt"], r)
        # Links met while walking a named link are still not followed.
        os.symlink(self.path("tree"), self.path("outside", "back"))
        r = self.run_nhiscan("dir", "tree/link", "-f", "json")
        self.assertEqual([f["path"] for f in r.json()], ["tree/link/t.txt"], r)

    def test_stdin(self):
        token = github_token()
        r = self.run_nhiscan("dir", "-", "-f", "json", input=f"one\ntwo {token}\n")
        self.assertEqual(r.rc, 1, r)
        [f] = r.json()
        self.assertEqual((f["path"], f["line"], f["column"], f["source"]), ("<stdin>", 2, 5, "stdin"))

    def test_fifo_is_never_opened(self):
        os.mkfifo(self.path("pipe"))
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual((r.rc, r.json()), (0, []), r)
        self.assertIn("skipping pipe: not a regular file", r.err)

    def test_threads_give_the_same_findings(self):
        for i in range(40):
            self.write(f"f{i:02d}.txt", "x\n" * i + github_token() + "\n")
        one = self.run_nhiscan("dir", ".", "-j", "1", "-f", "json").json()
        two = self.run_nhiscan("dir", ".", "-j", "2", "-f", "json").json()
        self.assertEqual(len(one), 40)
        self.assertEqual(one, two)
        self.assertEqual([f["line"] for f in one], list(range(1, 41)))

    def test_report_file_and_exit_code_option(self):
        self.make_leaky_tree()
        r = self.run_nhiscan("dir", "app", "-f", "json", "-o", "out.json", "--exit-code", "0")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.out, "")
        with open(self.path("out.json")) as f:
            self.assertEqual(len(json.load(f)), 1)

    def test_usage_errors_exit_2(self):
        for args in (["dir", "-f", "xml"], ["frobnicate"], ["dir", "-j", "0"]):
            r = self.run_nhiscan(*args)
            self.assertEqual(r.rc, 2, (args, r))
            self.assertEqual(len(r.err.strip().splitlines()), 1, r)


class Cache(NhiscanTest):
    """The on-disk cache holds the databases of user packs (a `.nhiscan.toml` with rules); the
    built-in pack's database is linked into the binary (test_breadth.BuiltinDatabase)."""
    isolated_cache = True
    USER_PACK = ("use_builtin_rules = false\n[[rules]]\nid = 'demo-github-token'\n"
                 "pattern = '''\\b(ghp_[0-9A-Za-z]{36})\\b'''\n")

    def setUp(self):
        super().setUp()
        self.write(".nhiscan.toml", self.USER_PACK)

    def cache_files(self):
        d = os.path.join(self.cache, "nhiscan")
        return sorted(os.path.join(d, f) for f in os.listdir(d)) if os.path.isdir(d) else []

    def test_cold_then_warm_then_truncated_then_garbage(self):
        token = github_token()
        self.write("t.txt", token + "\n")
        cold = self.run_nhiscan("dir", "t.txt", "-f", "json")
        self.assertEqual(cold.rc, 1, cold)
        self.assertIn("compiled", cold.err)
        [db] = self.cache_files()
        mtime = os.stat(db).st_mtime_ns
        warm = self.run_nhiscan("dir", "t.txt", "-f", "json")
        self.assertEqual(warm.json(), cold.json())
        self.assertNotIn("compiled", warm.err)
        self.assertEqual(os.stat(db).st_mtime_ns, mtime)
        size = os.path.getsize(db)
        with open(db, "r+b") as f:
            f.truncate(size // 2)
        r = self.run_nhiscan("dir", "t.txt", "-f", "json")
        self.assertEqual(r.json(), cold.json())
        self.assertIn("is truncated; rebuilding it", r.err)
        self.assertEqual(os.path.getsize(db), size)
        with open(db, "r+b") as f:
            f.seek(size - 100)
            f.write(b"garbage!" * 10)
        r = self.run_nhiscan("dir", "t.txt", "-f", "json")
        self.assertEqual(r.json(), cold.json())
        self.assertIn("is corrupt; rebuilding it", r.err)
        with open(db, "wb") as f:
            f.write(b"not a cache")
        r = self.run_nhiscan("dir", "t.txt", "-f", "json")
        self.assertIn("is not a cache file; rebuilding it", r.err)
        self.assertEqual(r.json(), cold.json())

    def test_unwritable_cache_dir_still_scans_and_says_so_once(self):
        blocker = self.path("not-a-dir")
        self.write("not-a-dir", "file in the way\n")
        self.write("t.txt", github_token() + "\n")
        r = self.run_nhiscan("dir", "t.txt", "-f", "json", env={"XDG_CACHE_HOME": blocker})
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(len(r.json()), 1)
        self.assertEqual(r.err.count("cannot write the rule cache"), 1, r)

    def test_concurrent_runs_share_the_cache_safely(self):
        import subprocess
        from support import BIN
        self.write("t.txt", github_token() + "\n")
        procs = [subprocess.Popen([BIN, "dir", "t.txt", "-f", "json"], cwd=self.tmp, env=self.env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
        outs = [p.communicate() for p in procs]
        self.assertEqual([p.returncode for p in procs], [1] * 4)
        self.assertEqual(len({o[0] for o in outs}), 1)
        self.assertEqual(len(self.cache_files()), 1)  # no temp files left behind


class UserRules(NhiscanTest):
    def test_malformed_toml_is_a_one_line_error(self):
        self.write("bad.toml", "[[rules]\nid = 'x'\n")
        self.write("t.txt", "hello\n")
        r = self.run_nhiscan("dir", "t.txt", "-c", "bad.toml")
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r)
        self.assertRegex(r.err, r"^nhiscan: error: bad\.toml:1: invalid TOML")

    def test_invalid_regex_names_file_line_and_rule(self):
        self.write("rules.toml", "# custom\n[[rules]]\nid = 'my-token'\npattern = '''(my_[a-z'''\n")
        self.write("t.txt", "hello\n")
        r = self.run_nhiscan("dir", "t.txt", "-c", "rules.toml")
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r)
        self.assertIn("rules.toml:2: rule 'my-token': invalid regex", r.err)

    def test_custom_rule_from_repo_config_fires(self):
        self.git("init", "-q")
        self.write(".nhiscan.toml", "[[rules]]\nid = 'acme-key'\nname = 'ACME key'\nseverity = 'low'\n"
                   "pattern = '''\\b(acme_[0-9a-f]{12})\\b'''\n")
        self.write("x.txt", "k = acme_" + "0a1b2c3d4e5f" + "\n")
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual([(f["rule_id"], f["line"]) for f in r.json()], [("acme-key", 1)], r)


class RulesCommand(NhiscanTest):
    def test_rules_list_and_check_on_the_builtin_pack(self):
        r = self.run_nhiscan("rules", "list")
        self.assertEqual(r.rc, 0, r)
        self.assertRegex(r.out.splitlines()[-1], r"^\d+ rules from \d+ providers$")
        self.assertGreaterEqual(int(r.out.splitlines()[-1].split()[0]), 40)
        # Grouped by provider (issue 13): a provider line with its count, then its rules indented.
        self.assertRegex(r.out, r"\nGitHub \(\d+ rules\)\n  github-pat-classic\s+critical\s+token\s+pattern  live \(api\.github\.com\)\n")
        c = self.run_nhiscan("rules", "check")
        self.assertEqual(c.rc, 0, c)
        self.assertRegex(c.out, r"checked: 0 failures\n$")

    def test_rules_check_reports_failures_with_exit_1(self):
        self.write("r.toml", "[[rules]]\nid = 'demo'\npattern = '''\\b(demo_[a-z]{6})\\b'''\n"
                   "examples = ['demo_abcdef', 'demo_ABCDEF']\nnegative_examples = ['demo_qwerty']\n")
        r = self.run_nhiscan("rules", "check", "r.toml")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("FAIL r.toml:1: demo: example 2 is not reported", r.out)
        self.assertIn("FAIL r.toml:1: demo: negative example 1 is reported", r.out)


if __name__ == "__main__":
    unittest.main()


class Dogfood(NhiscanTest):
    def test_this_repository_scans_clean(self):
        # The README's first command. Tests build their fake secrets at run time, so the tree
        # holds none outside what .nhiscan.toml allowlists (rule examples, fuzz seeds).
        r = self.run_nhiscan("dir", ".", "-q", cwd=support.SOURCE_DIR)
        self.assertEqual(r.rc, 0, r)
