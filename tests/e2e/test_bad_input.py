"""End-to-end: the bad-input matrix (docs/hardening.md). Every case states its exact outcome:
findings, or a one-line error and exit 2, or a notice and the scan goes on.

The large-input cases are in test_bad_input_huge.py (a separate ctest entry with its own time
budget); its 2 GB file runs only with NHISCAN_SLOW_TESTS=1. Under the sanitizer build
(NHISCAN_SANITIZED=1, set by scripts/sanitize) peak-RSS bounds are not asserted: ASan's shadow
memory and quarantine are not nhiscan's.
"""
import json
import os
import re
import resource
import shutil
import socket
import stat
import subprocess
import tempfile
import time
import unittest

from support import BIN, NhiscanTest, Result, aws_key_pair, github_token, incomplete

SLOW = os.environ.get("NHISCAN_SLOW_TESTS") == "1"
SANITIZED = os.environ.get("NHISCAN_SANITIZED") == "1"
MiB = 1 << 20
RSS_BOUND = 512 * MiB


def one_line(test, r):
    """The error contract: exit 2 and exactly one line on stderr, starting 'nhiscan: error: '.
    (A cold cache's "compiled N rules" notice may come first: it is not about the error.)"""
    test.assertEqual(r.rc, 2, r)
    lines = [l for l in r.err.strip("\n").split("\n") if not re.match(r"nhiscan: notice: compiled \d+ rules", l)]
    test.assertEqual(len(lines), 1, r)
    test.assertTrue(lines[0].startswith("nhiscan: error: "), r)
    return lines[0]


def rm_deep(path):
    """shutil.rmtree recurses once per level: too deep for Python's stack here."""
    subprocess.run(["rm", "-rf", "--", path], check=True)


def nobody_prefix():
    """A command prefix that runs as an unprivileged user (root ignores file permissions)."""
    for cmd in (["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"],
                ["runuser", "-u", "nobody", "--"]):
        if shutil.which(cmd[0]) is None:
            continue
        try:
            out = subprocess.run(cmd + ["id", "-u"], capture_output=True, text=True, timeout=30)
        except OSError:
            continue
        if out.returncode == 0 and out.stdout.strip() == "65534":
            return cmd
    return None


class BadInput(NhiscanTest):
    """The built-in pack's compiled cache is shared by the run (support.py); tests about the
    cache, or that must see a cold compile, point XDG_CACHE_HOME at their own self.cache."""

    def run_measured(self, *args, env=None, stdin=None, prefix=()):
        """Runs nhiscan and returns (Result, peak RSS in bytes, seconds), measured with wait4
        on this child alone (RUSAGE_CHILDREN would fold in every earlier child)."""
        e = dict(self.env)
        if env:
            e.update(env)
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            t0 = time.monotonic()
            p = subprocess.Popen([*prefix, BIN, *args], cwd=self.tmp, env=e, stdout=out, stderr=err,
                                 stdin=stdin if stdin is not None else subprocess.DEVNULL)
            _, status, usage = os.wait4(p.pid, 0)
            p.returncode = os.waitstatus_to_exitcode(status)
            secs = time.monotonic() - t0
            out.seek(0)
            err.seek(0)
            p.stdout = out.read().decode("utf-8", "replace")
            p.stderr = err.read().decode("utf-8", "replace")
        return Result(p), usage.ru_maxrss * 1024, secs

    def assertRssBounded(self, rss, bound=RSS_BOUND):
        if not SANITIZED:
            self.assertLess(rss, bound, f"peak RSS {rss / MiB:.0f} MiB")

    def custom_rule(self, rid="acme-key", body="acme_[0-9a-f]{12}"):
        return f"[[rules]]\nid = '{rid}'\nname = 'ACME'\npattern = '''\\b({body})\\b'''\n"


class RulesAndConfig(BadInput):
    """Rule packs and configs: one-line error naming file:line (and the rule), exit 2."""

    def setUp(self):
        super().setUp()
        self.write("t.txt", "hello\n")

    def run_bounded(self, *args, input=None):
        """A hang is the bug these look for: 20 s, then killed (rc None)."""
        try:
            p = subprocess.run([BIN, *args], cwd=self.tmp, env=self.env, capture_output=True, text=True,
                               errors="replace", timeout=20, input=input)
        except subprocess.TimeoutExpired:
            self.fail(f"nhiscan {' '.join(args)} hung")
        return Result(p)

    def test_config_and_baseline_that_are_fifos_or_devices_are_errors_not_hangs(self):
        # A FIFO with no writer blocked the open for ever (`-c pipe`, `--baseline pipe`, and a
        # .nhiscan-baseline.jsonl FIFO at the repository root hung every pre-commit hook);
        # /dev/zero as a config read without end.
        self.git("init", "-q")
        os.mkfifo(self.path("pipe"))
        for args in (("-c", "pipe"), ("--baseline", "pipe"), ("-c", "/dev/zero"), ("--baseline", "/dev/zero")):
            with self.subTest(args=args):
                line = one_line(self, self.run_bounded("dir", "t.txt", *args))
                self.assertIn("not a regular file", line)
        os.mkfifo(self.path(".nhiscan-baseline.jsonl"))
        line = one_line(self, self.run_bounded("dir", "t.txt"))
        self.assertIn(".nhiscan-baseline.jsonl", line)
        self.assertIn("not a regular file", line)
        os.remove(self.path(".nhiscan-baseline.jsonl"))
        # Through a symlink, as a shell's <(...) or /dev/stdin: read as a stream.
        r = self.run_bounded("dir", "t.txt", "-c", "/dev/stdin", input="[allowlist]\nstopwords = ['x']\n")
        self.assertEqual(r.rc, 0, r)
        # /dev/null is the conventional empty file (`-c /dev/null`: no configuration, as
        # scripts/rules-doc runs `rules list`): read as empty, not refused.
        for args in (("-c", "/dev/null"), ("--baseline", "/dev/null")):
            with self.subTest(args=args):
                r = self.run_bounded("dir", "t.txt", *args)
                self.assertEqual(r.rc, 0, r)

    def test_repository_config_that_is_not_a_file_is_an_error_not_ignored(self):
        # A .nhiscan.toml that is a directory, a dangling symlink (a shared config not checked
        # out) or a FIFO was skipped without a word: the repository's own rules and allowlists
        # silently did not apply.
        self.git("init", "-q")
        cfg = self.path(".nhiscan.toml")
        # A symlink to a device, as a checked-out repository can hold (`.nhiscan.toml ->
        # /dev/zero` in a pull request): read without end until memory ran out.
        for kind in ("dir", "dangling", "fifo", "zero", "urandom"):
            with self.subTest(kind=kind):
                if kind == "dir":
                    os.mkdir(cfg)
                elif kind == "dangling":
                    os.symlink("../shared/nhiscan.toml", cfg)
                elif kind in ("zero", "urandom"):
                    os.symlink("/dev/" + kind, cfg)
                else:
                    os.mkfifo(cfg)
                try:
                    line = one_line(self, self.run_bounded("dir", "t.txt"))
                    self.assertIn(".nhiscan.toml", line)
                finally:
                    if kind == "dir":
                        os.rmdir(cfg)
                    else:
                        os.remove(cfg)

    def test_malformed_toml_in_the_repository_config_is_found_and_rejected(self):
        self.git("init", "-q")
        self.write(".nhiscan.toml", "# config\n\n[allowlist\npaths = []\n")
        line = one_line(self, self.run_nhiscan("dir", "."))
        self.assertRegex(line, r"^nhiscan: error: .*\.nhiscan\.toml:3: invalid TOML: ")

    def test_malformed_toml_variants(self):
        cases = {
            "unterminated.toml": ("[[rules]]\nid = 'x'\npattern = '''(abc\n", 3),
            "dup-key.toml": ("[[rules]]\nid = 'x'\nid = 'y'\n", 3),
            "bad-utf8.toml": (b"# \xff\xfe\n[[rules]]\nid = 'x'\n", 1),
            "nul.toml": (b"[[rules]]\nid = 'x\x00'\n", 2),
            "wrong-type.toml": ("[[rules]]\nid = 42\npattern = '''(a)'''\n", 2),
            "unknown-key.toml": ("[[rules]]\nid = 'x'\npatern = '''(a)'''\n", 3),
            "rules-not-array.toml": ("rules = 'x'\n", 1),
            "deep.toml": ("a = " + "[" * 5000 + "]" * 5000 + "\n", 1),
        }
        for name, (content, line_no) in cases.items():
            with self.subTest(name):
                self.write(name, content, mode="wb" if isinstance(content, bytes) else "w")
                line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", name))
                self.assertIn(f"{name}:{line_no}: ", line)

    def test_non_ascii_where_toml_expects_whitespace(self):
        # Found by fuzz_rules: toml++ 3.3.0 reaches TOML_UNREACHABLE (undefined behaviour) when
        # it asks whether U+00A1..U+0499 is whitespace. The packaged library answers "no"; pin
        # that this stays a plain TOML error (fuzz/regressions/rules/ holds the input).
        for name, text in (("delta.toml", "\u0394#le "), ("inv.toml", "\u00a1 = 1\n"),
                           ("after-key.toml", "[[rules]]\nid\u0499= 'x'\n")):
            with self.subTest(name):
                self.write(name, text.encode(), mode="wb")
                line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", name))
                self.assertRegex(line, rf"^nhiscan: error: {name}:\d+: invalid TOML: ")
                line = one_line(self, self.run_nhiscan("rules", "check", name))
                self.assertRegex(line, rf"^nhiscan: error: {name}:\d+: invalid TOML: ")

    def test_config_that_is_a_directory_or_missing(self):
        os.makedirs(self.path("cfgdir"))
        line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", "cfgdir"))
        self.assertIn("cannot read 'cfgdir': Is a directory", line)
        line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", "missing.toml"))
        self.assertIn("cannot read 'missing.toml': No such file or directory", line)

    def test_pattern_hyperscan_rejects_but_re2_accepts(self):
        # (?U) (ungreedy) is RE2 syntax that Hyperscan does not support.
        self.write("r.toml", "# pack\n[[rules]]\nid = 'ungreedy'\npattern = '''(?U)(a+)'''\n")
        line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", "r.toml"))
        self.assertRegex(line, r"r\.toml:2: rule 'ungreedy': Hyperscan rejects the pattern: ")
        r = self.run_nhiscan("rules", "check", "r.toml")
        self.assertRegex(one_line(self, r), r"r\.toml:2: rule 'ungreedy': Hyperscan rejects the pattern: ")

    def test_pattern_re2_rejects_but_hyperscan_accepts(self):
        # Lookahead is Hyperscan (PCRE) syntax that RE2 does not support.
        self.write("r.toml", "[[rules]]\nid = 'look'\npattern = '''(a(?=b))'''\n")
        line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", "r.toml"))
        self.assertRegex(line, r"r\.toml:1: rule 'look': invalid regex: ")
        line = one_line(self, self.run_nhiscan("rules", "check", "r.toml"))
        self.assertRegex(line, r"r\.toml:1: rule 'look': invalid regex: ")

    def test_pattern_both_reject_and_capture_group_count(self):
        cases = {
            "(a)\\1": "invalid regex",                                  # backreference
            "abc": "exactly one capture group (the secret), it has 0",
            "(a)(b)": "exactly one capture group (the secret), it has 2",
            "": "empty pattern",
        }
        for pattern, why in cases.items():
            with self.subTest(pattern):
                self.write("r.toml", f"[[rules]]\nid = 'p'\npattern = '''{pattern}'''\n")
                line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", "r.toml"))
                self.assertIn("r.toml:1: rule 'p': ", line)
                self.assertIn(why, line)

    def test_duplicate_rule_ids(self):
        self.write("r.toml", self.custom_rule() + "\n" + self.custom_rule())
        line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", "r.toml"))
        self.assertIn("r.toml:6: rule 'acme-key': duplicate rule id (first defined at r.toml:1)", line)
        # A config rule that reuses a built-in id while extending the built-in pack.
        self.write("r.toml", self.custom_rule("github-pat-classic"))
        line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", "r.toml"))
        self.assertRegex(line, r"r\.toml:1: rule 'github-pat-classic': duplicate rule id \(first defined at "
                               r"rules/github\.toml:\d+\)")
        # The same through `rules check` on two files.
        self.write("a.toml", self.custom_rule())
        self.write("b.toml", self.custom_rule())
        line = one_line(self, self.run_nhiscan("rules", "check", "a.toml", "b.toml"))
        self.assertIn("b.toml:1: rule 'acme-key': duplicate rule id (first defined at a.toml:1)", line)

    def test_empty_pack_is_an_error(self):
        self.write("r.toml", "use_builtin_rules = false\n")
        line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", "r.toml"))
        self.assertEqual(line, "nhiscan: error: the rule pack is empty: nothing to scan for")
        # Disabling every rule of a custom-only pack is the same.
        self.write("r.toml", "use_builtin_rules = false\ndisable = ['acme-key']\n" + self.custom_rule())
        line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", "r.toml"))
        self.assertEqual(line, "nhiscan: error: the rule pack is empty: nothing to scan for")
        # rules list says the same; rules check on the empty pack too.
        line = one_line(self, self.run_nhiscan("rules", "list", "-c", "r.toml"))
        self.assertEqual(line, "nhiscan: error: the rule pack is empty: nothing to scan for")

    def test_disable_or_override_unknown_rule(self):
        self.write("r.toml", "disable = ['no-such-rule']\n")
        line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", "r.toml"))
        self.assertRegex(line, r"r\.toml:(1:)? 'disable' names unknown rule 'no-such-rule'$")
        self.write("r.toml", "\n[[override]]\nid = 'nope'\nseverity = 'low'\n")
        line = one_line(self, self.run_nhiscan("dir", "t.txt", "-c", "r.toml"))
        self.assertIn("r.toml:2: override names unknown rule 'nope'", line)

    def test_huge_pack_of_2000_rules_compiles_caches_and_finds(self):
        n = 2000
        rules = "".join(f"[[rules]]\nid = 'gen-{i:04d}'\nname = 'Generated {i}'\nseverity = 'low'\n"
                        f"pattern = '''\\b(gen{i:04d}_[a-z0-9]{{16}})\\b'''\n\n" for i in range(n))
        self.write("big.toml", "use_builtin_rules = false\n" + rules)
        self.write("t.txt", "x = gen0000_abcdefgh12345678\nnothing\ny = gen1999_q1w2e3r4t5y6u7i8\n")
        self.env["XDG_CACHE_HOME"] = self.cache  # this test needs a cold compile
        t0 = time.monotonic()
        cold = self.run_nhiscan("dir", "t.txt", "-c", "big.toml", "-f", "json")
        cold_secs = time.monotonic() - t0
        self.assertEqual(cold.rc, 1, cold)
        self.assertEqual([(f["rule_id"], f["line"]) for f in cold.json()], [("gen-0000", 1), ("gen-1999", 3)])
        self.assertRegex(cold.err, r"compiled 2000 rules in [0-9.]+s; cached in ")
        t0 = time.monotonic()
        warm = self.run_nhiscan("dir", "t.txt", "-c", "big.toml", "-f", "json")
        warm_secs = time.monotonic() - t0
        self.assertEqual(warm.json(), cold.json())
        self.assertNotIn("compiled", warm.err)
        self.assertLess(cold_secs, 120)
        self.assertLess(warm_secs, cold_secs)
        r = self.run_nhiscan("rules", "list", "-c", "big.toml")
        self.assertEqual(r.out.splitlines()[-1], "2000 rules from 1 provider")


class Paths(BadInput):
    """Paths that cannot be read are errors (exit 2, or 1 with findings); special files are
    never opened."""

    def test_nonexistent_path_next_to_a_finding_exits_1_and_says_so(self):
        self.write("real/t.txt", github_token() + "\n")
        r = self.run_nhiscan("dir", "real", "missing", "-f", "json")
        self.assertEqual(r.rc, 1, r)  # findings win, but the error is on stderr
        # One finding, then the status record of an incomplete scan (docs/reports.md).
        self.assertEqual([f.get("path") for f in r.json()], ["real/t.txt", None])
        self.assertEqual(r.json()[-1], incomplete(unreadable=1))
        self.assertIn("nhiscan: error: cannot read missing: No such file or directory", r.err)
        r = self.run_nhiscan("dir", "missing", "-f", "json")
        self.assertEqual((r.rc, r.json()), (2, [incomplete(unreadable=1)]), r)
        self.assertEqual(r.err.count("nhiscan: error: "), 1, r)

    def unprivileged(self):
        prefix = nobody_prefix()
        if prefix is None:
            self.skipTest("cannot drop to an unprivileged user (no setpriv/runuser working here); "
                          "root reads every file, so permission errors cannot be provoked")
        if os.geteuid() != 0 and os.geteuid() != 65534:
            self.skipTest("needs root to switch to nobody")
        # nobody must reach the binary, the work tree and a cache; the temp root is 0700.
        for d in (self.root, self.tmp, self.home):
            os.chmod(d, 0o755)
        check = subprocess.run(prefix + [BIN, "--version"], capture_output=True, text=True)
        if check.returncode != 0:
            self.skipTest(f"the binary is not executable by nobody here: {check.stderr.strip()}")
        return prefix

    def test_permission_denied_file_and_directory(self):
        prefix = self.unprivileged()
        token = github_token()
        self.write("tree/ok.txt", "x\n" + token + "\n")
        self.write("tree/locked.txt", github_token() + "\n")
        self.write("tree/closed/inner.txt", github_token() + "\n")
        os.chmod(self.path("tree/locked.txt"), 0o000)
        os.chmod(self.path("tree/closed"), 0o000)
        for dirpath, dirs, files in os.walk(self.tmp):
            if dirpath.endswith("closed"):
                continue
            os.chmod(dirpath, 0o755)
        r, _, _ = self.run_measured("dir", "tree", "-f", "json", "--no-cache", prefix=prefix)
        self.assertEqual(r.rc, 1, r)
        records = json.loads(r.out)
        self.assertEqual([(f["path"], f["line"]) for f in records[:-1]], [("tree/ok.txt", 2)])
        self.assertEqual(records[-1], incomplete(unreadable=2))
        self.assertIn("nhiscan: error: cannot read tree/locked.txt: Permission denied", r.err)
        self.assertIn("nhiscan: error: cannot read tree/closed: Permission denied", r.err)
        self.assertEqual(r.err.count("nhiscan: error:"), 2, r)
        # Nothing else found: the same errors make it exit 2.
        os.remove(self.path("tree/ok.txt"))
        r, _, _ = self.run_measured("dir", "tree", "-f", "json", "--no-cache", prefix=prefix)
        self.assertEqual((r.rc, json.loads(r.out)), (2, [incomplete(unreadable=2)]), r)
        # A named unreadable file, and the text report's summary says the scan is incomplete.
        r, _, _ = self.run_measured("dir", "tree/locked.txt", "--no-cache", prefix=prefix)
        self.assertEqual(r.rc, 2, r)
        self.assertIn("cannot read tree/locked.txt: Permission denied", r.err)

    def test_unwritable_cache_directory_as_an_unprivileged_user(self):
        prefix = self.unprivileged()
        self.env["XDG_CACHE_HOME"] = self.cache
        os.makedirs(self.cache + "/nhiscan")
        for d in (self.cache, self.cache + "/nhiscan"):
            os.chmod(d, 0o555)
        self.write("t.txt", github_token() + "\n")
        os.chmod(self.path("t.txt"), 0o644)
        # A user pack: the built-in pack's database is linked into the binary and needs no cache.
        self.write(".nhiscan.toml", "[[rules]]\nid = 'demo-token'\npattern = '''\\b(demo_[a-z0-9]{20})\\b'''\n")
        os.chmod(self.path(".nhiscan.toml"), 0o644)
        r, _, _ = self.run_measured("dir", "t.txt", "-f", "json", prefix=prefix)
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(len(json.loads(r.out)), 1)
        self.assertEqual(r.err.count("cannot write the rule cache"), 1, r)
        self.assertIn("Permission denied", r.err)

    def test_symlink_loops(self):
        os.symlink("b", self.path("a"))
        os.symlink("a", self.path("b"))
        os.symlink("self", self.path("self"))
        os.symlink("does-not-exist", self.path("dangling"))
        self.write("ok.txt", "fine\n")
        # Inside a tree: symlinks are never followed, so loops cost nothing.
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual((r.rc, r.json()), (0, []), r)
        self.assertNotIn("error", r.err)
        # Named on the command line: followed once, so the loop is an error.
        for name in ("a", "self"):
            r = self.run_nhiscan("dir", name)
            self.assertEqual(one_line(self, r), f"nhiscan: error: cannot read {name}: Too many levels of symbolic links")
        r = self.run_nhiscan("dir", "dangling")
        self.assertEqual(one_line(self, r), "nhiscan: error: cannot read dangling: No such file or directory")

    def test_fifo_socket_and_device_in_a_tree_are_skipped_never_opened(self):
        os.mkfifo(self.path("pipe"))
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(self.path("sock"))
        self.addCleanup(sock.close)
        device = None
        try:
            os.mknod(self.path("null"), 0o666 | stat.S_IFCHR, os.makedev(1, 3))
            device = "null"
        except OSError:
            pass  # no CAP_MKNOD in this container; the named /dev/null case below still runs
        self.write("t.txt", github_token() + "\n")
        r = self.run_nhiscan("dir", ".", "-f", "json")  # a FIFO opened for reading would hang here
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([f["path"] for f in r.json()], ["t.txt"])
        for name in ["pipe", "sock"] + ([device] if device else []):
            self.assertIn(f"nhiscan: notice: skipping {name}: not a regular file", r.err)

    def test_named_fifo_and_device_are_errors_not_hangs(self):
        os.mkfifo(self.path("pipe"))
        for name in ("pipe", "/dev/null", "/dev/zero"):
            with self.subTest(name):
                r = self.run_nhiscan("dir", name)
                line = one_line(self, r)
                self.assertIn(f"cannot read {name}: not a regular file", line)
                self.assertIn("pipe the content to 'nhiscan dir -'", line)

    def test_deep_directories_no_recursion_limit(self):
        # 2000 levels: the walker keeps an explicit stack. Built with mkdir relative to an open
        # directory so that the test itself never needs the full path.
        depth = 2000
        fd = os.open(self.tmp, os.O_RDONLY)
        try:
            for _ in range(depth):
                os.mkdir("d", dir_fd=fd)
                nfd = os.open("d", os.O_RDONLY, dir_fd=fd)
                os.close(fd)
                fd = nfd
            token = github_token()
            wfd = os.open("s.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
            os.write(wfd, f"\n{token}\n".encode())
            os.close(wfd)
        finally:
            os.close(fd)
        try:
            r = self.run_nhiscan("dir", "d", "-f", "json")
            self.assertEqual(r.rc, 1, r)
            [f] = r.json()
            self.assertEqual(f["path"], "d/" * depth + "s.txt")
            self.assertEqual(f["line"], 2)
        finally:
            rm_deep(self.path("d"))

    def test_paths_longer_than_path_max_are_a_loud_error(self):
        # Past PATH_MAX (4096) the kernel refuses the path: an error naming it, never a crash
        # and never a silent skip.
        fd = os.open(self.tmp, os.O_RDONLY)
        try:
            for _ in range(30):
                os.mkdir("x" * 200, dir_fd=fd)
                nfd = os.open("x" * 200, os.O_RDONLY, dir_fd=fd)
                os.close(fd)
                fd = nfd
            wfd = os.open("s.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
            os.write(wfd, (github_token() + "\n").encode())
            os.close(wfd)
        finally:
            os.close(fd)
        try:
            r = self.run_nhiscan("dir", ".", "-f", "json")
            self.assertEqual(r.rc, 2, r)
            self.assertEqual(r.json(), [incomplete(unreadable=1)])
            self.assertIn("File name too long", r.err)
            self.assertEqual(r.err.count("nhiscan: error:"), 1, r)
        finally:
            rm_deep(self.path("x" * 200))

class NamesAndContents(BadInput):
    def test_non_utf8_and_newline_file_names(self):
        token = github_token()
        raw = os.fsencode(self.tmp) + b"/caf\xe9-\x01.txt"
        with open(raw, "w") as f:
            f.write(token + "\n")
        self.write("new\nline.txt", "x\n" + token + "\n")
        self.write('quote"and\\back.txt', token + "\n")
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        findings = r.json()  # valid JSON despite the names
        paths = sorted(f["path"] for f in findings)
        # Invalid UTF-8 becomes U+FFFD in JSON (the report stays valid); control bytes are escaped.
        self.assertEqual(paths, sorted(["caf\ufffd-\x01.txt", "new\nline.txt", 'quote"and\\back.txt']))
        for line in subprocess.run([BIN, "dir", ".", "-f", "jsonl"], cwd=self.tmp, env=self.env,
                                   capture_output=True).stdout.splitlines():
            json.loads(line)  # one finding per line: no raw newline inside a path
        # Text output: every name on one line, bytes escaped.
        t = self.run_nhiscan("dir", ".")
        self.assertIn("caf\\xe9-\\x01.txt:1:1", t.out)
        self.assertIn("new\\x0aline.txt:2:1", t.out)
        self.assertNotIn("new\nline", t.out)
        # Notices and errors escape them too.
        r = self.run_nhiscan("dir", ".", "--max-file-size", "10")
        self.assertIn("skipping new\\x0aline.txt: ", r.err)
        self.assertIn("skipping caf\\xe9-\\x01.txt: ", r.err)
        self.assertNoSecret(token, r.err)

    def test_nul_bytes(self):
        token = github_token()
        # A NUL in the first 8000 bytes: binary, skipped and counted.
        self.write("early.bin", b"\x00" + b"x" * 10 + b"\n" + token.encode() + b"\n", mode="wb")
        # Past 8000 bytes: text; the NUL is just a byte, and the secret after it is found.
        late = b"a\n" * 4500 + b"\x00\x00 " + token.encode() + b"\x00\n"
        self.write("late.txt", late, mode="wb")
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([(f["path"], f["line"], f["column"]) for f in r.json()], [("late.txt", 4501, 4)])
        r = self.run_nhiscan("dir", ".")
        self.assertIn("skipped 1 binary", r.out)
        # NUL-separated secrets on stdin (e.g. `git ls-files -z | ...`) are not binary past 8000 bytes.
        r = self.run_nhiscan("dir", "-", "-f", "json", input=("a" * 8100 + "\x00" + token + "\x00"))
        self.assertEqual([(f["line"], f["column"]) for f in r.json()], [(1, 8102)], r)

    def test_crlf_and_mixed_line_endings_exact_positions(self):
        # Lines end at LF. A CR before LF belongs to the line it ends; a lone CR is a byte in the
        # line (old Mac OS line ends are not line breaks), so it counts in the column.
        t1, t2, t3, t4 = (github_token() for _ in range(4))
        content = (f"one\r\n{t1}\r\n"        # line 2, CRLF
                   f"\r\n  {t2}\n"           # line 4, after an empty CRLF line
                   f"a\rb {t3}\r\n"          # line 5: lone CR then the token at column 5
                   f"\r\r\n\n\t{t4}")        # line 8, no final newline
        self.write("mixed.txt", content.encode(), mode="wb")
        r = self.run_nhiscan("dir", "mixed.txt", "-f", "json")
        got = [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in r.json()]
        self.assertEqual(got, [(2, 1, 2, 40), (4, 3, 4, 42), (5, 5, 5, 44), (8, 2, 8, 41)], r)
        # A secret split by a CRLF is not joined.
        self.write("split.txt", (t1[:20] + "\r\n" + t1[20:] + "\r\n").encode(), mode="wb")
        r = self.run_nhiscan("dir", "split.txt", "-f", "json")
        self.assertEqual((r.rc, r.json()), (0, []), r)

class CacheHardening(BadInput):
    """Beyond test_dir.Cache (truncated, garbage, unwritable, 4 concurrent runs)."""

    def setUp(self):
        super().setUp()
        self.env["XDG_CACHE_HOME"] = self.cache  # each test its own cache: the cache is the subject

    def cache_dir(self):
        return os.path.join(self.cache, "nhiscan")

    def prime(self):
        # A one-rule pack (found as ./.nhiscan.toml): the cache code is the same for any pack,
        # and a cold compile of the built-in pack takes a minute under the sanitizers.
        self.write(".nhiscan.toml", "use_builtin_rules = false\n[[rules]]\nid = 'acme-key'\n"
                   "pattern = '''\\b(acme_[0-9a-f]{12})\\b'''\n")
        self.write("t.txt", "k = acme_" + "0a1b2c3d4e5f\n")
        cold = self.run_nhiscan("dir", "t.txt", "-f", "json")
        self.assertEqual(cold.rc, 1, cold)
        [db] = os.listdir(self.cache_dir())
        return cold, os.path.join(self.cache_dir(), db)

    def test_cache_entry_replaced_by_a_fifo_a_directory_or_a_symlink(self):
        cold, db = self.prime()
        os.remove(db)
        os.mkfifo(db)  # a blocking open would hang the scan here
        r = self.run_nhiscan("dir", "t.txt", "-f", "json")
        self.assertEqual(r.json(), cold.json())
        self.assertIn("is not a cache file; rebuilding it", r.err)
        self.assertTrue(stat.S_ISREG(os.lstat(db).st_mode))  # the rebuild replaced it
        os.remove(db)
        os.makedirs(os.path.join(db, "sub"))
        r = self.run_nhiscan("dir", "t.txt", "-f", "json")
        self.assertEqual(r.json(), cold.json())
        self.assertIn("is not a cache file; rebuilding it", r.err)
        self.assertEqual(r.err.count("cannot write the rule cache"), 1, r)
        shutil.rmtree(db)
        victim = self.path("victim.txt")
        self.write("victim.txt", "do not touch\n")
        os.symlink(victim, db)
        r = self.run_nhiscan("dir", "t.txt", "-f", "json")
        self.assertEqual(r.json(), cold.json())
        with open(victim) as f:
            self.assertEqual(f.read(), "do not touch\n")  # replaced the link, never wrote through it

    def test_checksummed_payload_that_is_not_a_database(self):
        import struct
        import zlib
        cold, db = self.prime()
        for payload in (b"\x05\x00\x00\x00garbage", struct.pack("<I", 0xFFFFFFFF) + b"x" * 64, b""):
            with open(db, "wb") as f:  # the layout in src/compile/db_cache.hpp, checksum right
                f.write(b"NHSDB02\n" + struct.pack("<QII", len(payload), zlib.crc32(payload), 0) + payload)
            r = self.run_nhiscan("dir", "t.txt", "-f", "json")
            self.assertEqual(r.json(), cold.json(), r)
            self.assertIn("does not match the rule pack; rebuilding it", r.err)  # past the checksum

    def test_huge_garbage_cache_file_is_not_read_into_memory(self):
        cold, db = self.prime()
        with open(db, "wb") as f:
            f.truncate(8 << 30)  # sparse 8 GiB
        r, rss, secs = self.run_measured("dir", "t.txt", "-f", "json")
        self.assertEqual(json.loads(r.out), cold.json())
        self.assertIn("is not a cache file; rebuilding it", r.err)
        self.assertRssBounded(rss, 256 * MiB)
        self.assertLess(os.path.getsize(db), 1 << 30)

    def test_eight_concurrent_cold_runs_with_a_big_pack(self):
        rules = "".join(f"[[rules]]\nid = 'gen-{i:04d}'\npattern = '''\\b(gen{i:04d}_[a-z0-9]{{16}})\\b'''\n"
                        for i in range(300))
        self.write("big.toml", "use_builtin_rules = false\n" + rules)
        self.write("t.txt", "gen0299_abcdefgh12345678\ngen0000_q1w2e3r4t5y6u7i8\n")
        procs = [subprocess.Popen([BIN, "dir", "t.txt", "-c", "big.toml", "-f", "json"], cwd=self.tmp, env=self.env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(8)]
        outs = [p.communicate() for p in procs]
        self.assertEqual([p.returncode for p in procs], [1] * 8, outs)
        self.assertEqual(len({o[0] for o in outs}), 1)
        self.assertEqual(len(json.loads(outs[0][0])), 2)
        self.assertEqual(len(os.listdir(self.cache_dir())), 1)  # one entry, no temp files left
        for o in outs:
            self.assertNotIn("error", o[1])


class SecretsNeverLeak(BadInput):
    """Errors and notices name paths, sizes and rule ids, never matched text."""

    def test_errors_and_notices_around_a_secret_file(self):
        token = github_token()
        key_id, key_secret = aws_key_pair()
        body = f"GITHUB_TOKEN={token}\nAWS_SECRET_ACCESS_KEY={key_secret}\n"
        self.write("secrets.env", body)
        self.write("big/secrets.env", body + "x" * 2000)
        secrets = (token, key_secret, token[4:20], key_secret[:16])
        errs = []
        # Size-limit notice.
        errs.append(self.run_nhiscan("dir", "big", "--max-file-size", "100").err)
        # The secrets file given as a config, a rule file and a baseline: parse errors.
        errs.append(self.run_nhiscan("dir", "secrets.env", "-c", "secrets.env").err)
        errs.append(self.run_nhiscan("rules", "check", "secrets.env").err)
        errs.append(self.run_nhiscan("rules", "list", "-c", "secrets.env").err)
        errs.append(self.run_nhiscan("dir", "secrets.env", "--baseline", "secrets.env").err)
        # A TOML file whose values hold the secret in places the loader complains about.
        self.write("bad.toml", f"[[rules]]\nid = 'x'\npattern = '''(a)'''\nseverity = '{token}'\n")
        errs.append(self.run_nhiscan("dir", "secrets.env", "-c", "bad.toml").err)
        self.write("bad2.toml", f"[[rules]]\nid = 'x'\npattern = '''(a)'''\nkeywords = {token}\n")
        errs.append(self.run_nhiscan("dir", "secrets.env", "-c", "bad2.toml").err)
        self.write("bad3.toml", f"x = \"{token}\n")
        errs.append(self.run_nhiscan("dir", "secrets.env", "-c", "bad3.toml").err)
        # Values in the wrong place are shown only when they are short plain words.
        for extra in (f"validator = '{token}'", f"filters = ['{token}']", f"confidence = '{key_secret}'"):
            self.write("bad4.toml", "[[rules]]\nid = 'x'\npattern = '''(a)'''\n" + extra + "\n")
            errs.append(self.run_nhiscan("dir", "secrets.env", "-c", "bad4.toml").err)
            self.assertRegex(errs[-1], r"\(a \d+-byte value, not shown\)")
        self.write("bad5.toml", f"[[filters]]\nid = 'f'\nchecks = ['{token}']\n")
        errs.append(self.run_nhiscan("dir", "secrets.env", "-c", "bad5.toml").err)
        # A config file that mentions nothing secret but is wrong.
        self.write("cfg.toml", "[allowlist]\npaths = [1]\n")
        errs.append(self.run_nhiscan("dir", "secrets.env", "-c", "cfg.toml").err)
        # Findings + a read error in the same run, text and JSON reports.
        errs.append(self.run_nhiscan("dir", "secrets.env", "missing").err)
        errs.append(self.run_nhiscan("dir", "secrets.env", "missing", "-f", "json").err)
        # A report path that cannot be written.
        errs.append(self.run_nhiscan("dir", "secrets.env", "-o", self.path("no/such/dir/out.json")).err)
        for e in errs:
            self.assertTrue(e.strip(), "each case must have produced a message")
            for s in secrets:
                self.assertNotIn(s, e)

    def test_unreadable_secret_file_as_an_unprivileged_user(self):
        prefix = nobody_prefix()
        if prefix is None:
            self.skipTest("cannot drop to an unprivileged user; root reads every file")
        for d in (self.root, self.tmp, self.home):
            os.chmod(d, 0o755)
        token = github_token()
        self.write("secret.txt", token + "\n")
        os.chmod(self.path("secret.txt"), 0o000)
        r, _, _ = self.run_measured("dir", ".", "--no-cache", prefix=prefix)
        self.assertEqual(r.rc, 2, r)
        self.assertIn("nhiscan: error: cannot read secret.txt: Permission denied", r.err)
        self.assertNoSecret(token, r.out, r.err)

    def test_rules_check_failures_never_print_example_text(self):
        token = github_token()
        key_id, key_secret = aws_key_pair()
        # Examples that fail both ways: a positive the rule misses, a negative it reports, and
        # a filter whose examples misbehave.
        self.write("r.toml", f"""[[rules]]
id = 'leaky'
pattern = '''\\b(ghp_[0-9A-Za-z]{{36}})\\b'''
examples = ['{key_secret}', 'prefix {key_id}']
negative_examples = ['{token}']

[[filters]]
id = 'noisy'
secret_regexes = ['''^never$''']
examples = ['{token}']
negative_examples = ['never']
""")
        r = self.run_nhiscan("rules", "check", "r.toml")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("FAIL r.toml:1: leaky: example 1 is not reported", r.out)
        self.assertIn("FAIL r.toml:1: leaky: negative example 1 is reported", r.out)
        self.assertIn("FAIL r.toml:7: noisy: filter example 1 is not dropped", r.out)
        self.assertIn("FAIL r.toml:7: noisy: filter negative example 1 is dropped", r.out)
        for s in (token, key_id, key_secret):
            self.assertNoSecret(s, r.out, r.err)


if __name__ == "__main__":
    unittest.main()
