"""`nhiscan git`: full-history audit of fixtures/make_history_repo.sh's repository."""
import os
import pty
import re
import subprocess
import unittest

from gitfixture import HistoryFixtureTest, SharedCacheTest, build_history_repo
import support


class FullHistory(HistoryFixtureTest):
    # secret -> [(path, line, commit key, author first name, in_head, unreachable)]
    EXPECTED = {
        "T_HIST": [("config/app.env", 3, "c02", "Bob", False, False)],
        "T_DEL": [("old/legacy.py", 5, "c04", "Carol", False, False)],
        "T_REN": [("src/settings.py", 2, "c06", "Dave", True, False),
                  ("src/conf/settings.py", 2, "c07", "Alice", True, False)],
        "T_MERGE": [("lib/client.py", 4, "t01", "Erin", True, False)],
        "T_TWO": [("a.cfg", 1, "c10", "Frank", True, False), ("nested/b.cfg", 3, "c10", "Frank", True, False)],
        "A_SIDE": [("deploy/keys.txt", 2, "f01", "Grace", False, False)],
        "T_TAG": [("notes/tagged.txt", 1, "g01", "Heidi", False, False)],
        "T_EVIL": [("x.txt", 4, "c12", "Ivan", True, False)],
        "T_AMEND": [("notes.txt", 2, "c13_dropped", "Mallory", False, True)],
        "T_STASH": [("README.md", 3, "stash", "Oscar", False, False)],
    }

    def test_every_secret_with_its_introducing_commit(self):
        r = self.scan("--include-unreachable")
        self.assertEqual(r.rc, 1, r)
        findings = r.jsonl()
        for name, places in self.EXPECTED.items():
            got = sorted(self.by_secret(findings, self.secret(name)), key=lambda f: f["path"])
            self.assertEqual(len(got), len(places), f"{name}: {got}")
            for f, (path, line, commit, author, in_head, unreachable) in zip(got, sorted(places)):
                with self.subTest(secret=name, path=path):
                    self.assertEqual(f["path"], path)
                    self.assertEqual(f["line"], line)
                    self.assertEqual(f["commit"], self.commit(commit))
                    self.assertEqual(f["author_name"], author + " Example")
                    self.assertEqual(f["author_email"], author.lower() + "@example.com")
                    self.assertRegex(f["date"], r"^2024-01-\d\dT\d\d:00:00Z$")
                    self.assertEqual(f["in_head"], in_head)
                    self.assertEqual(f.get("unreachable", False), unreachable)
                    self.assertEqual(f["source"], "git")
        # The blob that was staged and unstaged is in no commit: reported by blob id, with
        # --include-unreachable only (below).
        dangling = self.by_secret(findings, self.secret("T_DANGLING"))
        self.assertEqual(len(dangling), 1, dangling)
        self.assertEqual(dangling[0]["path"], "git-blob:" + self.manifest["blob.dangling"])
        self.assertEqual(dangling[0]["line"], 2)
        self.assertTrue(dangling[0]["unreachable"])
        self.assertNotIn("commit", dangling[0])
        # Nothing else.
        self.assertEqual(len(findings), sum(len(p) for p in self.EXPECTED.values()) + 1, findings)

    def test_blobs_in_no_commit_are_counted_not_reported_by_default(self):
        r = self.scan()
        self.assertEqual(self.by_secret(r.jsonl(), self.secret("T_DANGLING")), [])
        self.assertEqual(len(r.jsonl()), sum(len(p) for p in self.EXPECTED.values()), r)
        self.assertIn("nhiscan: notice: 1 unreachable blob with findings not reported "
                      "(--include-unreachable reports it)", r.err)
        # Findings in commits no ref reaches (amended away) have a path and a commit: still reported.
        amended = self.by_secret(r.jsonl(), self.secret("T_AMEND"))
        self.assertEqual([(f["path"], f["unreachable"]) for f in amended], [("notes.txt", True)])

    def test_head_status_per_place(self):
        findings = self.scan().jsonl()
        got = sorted((name, f["path"], f["head_status"], f.get("head_path"))
                     for name in self.EXPECTED for f in self.by_secret(findings, self.secret(name)))
        self.assertEqual(got, [
            ("A_SIDE", "deploy/keys.txt", "history-only", None),
            ("T_AMEND", "notes.txt", "history-only", None),
            ("T_DEL", "old/legacy.py", "history-only", None),
            ("T_EVIL", "x.txt", "this-file", None),
            ("T_HIST", "config/app.env", "history-only", None),
            ("T_MERGE", "lib/client.py", "this-file", None),
            ("T_REN", "src/conf/settings.py", "this-file", None),
            ("T_REN", "src/settings.py", "elsewhere", "src/conf/settings.py"),
            ("T_STASH", "README.md", "history-only", None),
            ("T_TAG", "notes/tagged.txt", "history-only", None),
            ("T_TWO", "a.cfg", "this-file", None),
            ("T_TWO", "nested/b.cfg", "this-file", None),
        ])

    def test_dates_are_the_author_dates(self):
        f = self.by_secret(self.scan().jsonl(), self.secret("T_HIST"))[0]
        self.assertEqual(f["date"], "2024-01-01T02:00:00Z")  # c02: the second hour

    def test_checksum_reported(self):
        findings = self.scan().jsonl()
        self.assertEqual(self.by_secret(findings, self.secret("T_STASH"))[0]["checksum"], "invalid")
        self.assertEqual(self.by_secret(findings, self.secret("T_HIST"))[0]["checksum"], "valid")

    def commits_holding(self, path, secret):
        """Commits (reachable, plus the amended-away one) whose tree has `secret` in `path`."""
        commits = self.git("rev-list", "--all", cwd=self.repo).split()
        commits.append(self.commit("c13_dropped"))
        n = 0
        for c in set(commits):
            p = subprocess.run(["git", "show", f"{c}:{path}"], cwd=self.repo, capture_output=True, text=True)
            n += p.returncode == 0 and secret in p.stdout
        return n

    def test_occurrences_count_commits_holding_the_secret_at_that_path(self):
        findings = self.scan().jsonl()
        for name, path in [("T_HIST", "config/app.env"), ("T_EVIL", "x.txt"), ("T_TWO", "a.cfg"),
                           ("T_REN", "src/conf/settings.py"), ("T_REN", "src/settings.py")]:
            with self.subTest(secret=name, path=path):
                f = [f for f in self.by_secret(findings, self.secret(name)) if f["path"] == path][0]
                self.assertEqual(f["occurrences"], self.commits_holding(path, self.secret(name)))
        self.assertEqual([f["occurrences"] for f in self.by_secret(findings, self.secret("T_HIST"))], [1])

    def test_all_occurrences_lists_each_commit(self):
        default = [f for f in self.by_secret(self.scan().jsonl(), self.secret("T_TWO")) if f["path"] == "a.cfg"][0]
        every = [f for f in self.by_secret(self.scan("--all-occurrences").jsonl(), self.secret("T_TWO"))
                 if f["path"] == "a.cfg"]
        self.assertEqual(len(every), default["occurrences"])
        self.assertEqual(len({f["commit"] for f in every}), len(every))
        self.assertIn(self.commit("c10"), {f["commit"] for f in every})
        self.assertTrue(all(f["occurrences"] == 1 for f in every))

    def test_each_blob_scanned_once(self):
        blobs = self.git("cat-file", "--batch-all-objects", "--batch-check=%(objecttype)", cwd=self.repo).split()
        r = self.run_nhiscan("git", self.repo, "--no-color")
        m = re.search(r"in (\d+) blobs", r.out)
        self.assertIsNotNone(m, r)
        self.assertEqual(int(m.group(1)), blobs.count("blob"))

    def test_threads_do_not_change_the_result(self):
        one = self.scan("-j", "1").jsonl()
        two = self.scan("-j", "2").jsonl()
        self.assertEqual(one, two)

    def test_redacted_by_default(self):
        for fmt in ("text", "json", "sarif"):
            r = self.run_nhiscan("git", self.repo, "-f", fmt)
            self.assertEqual(r.rc, 1, r)
            for key, value in self.manifest.items():
                if key.startswith("secret."):
                    self.assertNoSecret(value, r.out, r.err)

    def test_text_report_shows_provenance(self):
        r = self.run_nhiscan("git", self.repo, "--no-color")
        self.assertIn(self.commit("c02")[:12], r.out)
        self.assertIn("Bob Example <bob@example.com>", r.out)
        self.assertIn("  at HEAD in this file\n", r.out)
        self.assertIn("  at HEAD elsewhere (src/conf/settings.py)\n", r.out)
        self.assertIn("  history only\n", r.out)


class Branch(HistoryFixtureTest):
    def secrets(self, r):
        inverse = {v: k[len("secret."):] for k, v in self.manifest.items() if k.startswith("secret.")}
        return sorted(inverse[f["secret"]] for f in r.jsonl())

    def test_main_only(self):
        r = self.scan("--branch", "main")
        self.assertEqual(self.secrets(r), ["T_DEL", "T_EVIL", "T_HIST", "T_MERGE", "T_REN", "T_REN", "T_TWO", "T_TWO"])
        self.assertFalse(any(f.get("unreachable") for f in r.jsonl()))

    def test_side_branch(self):
        r = self.scan("--branch", "feature/deploy")
        self.assertIn("A_SIDE", self.secrets(r))
        self.assertNotIn("T_EVIL", self.secrets(r))
        side = self.by_secret(r.jsonl(), self.secret("A_SIDE"))[0]
        self.assertEqual(side["commit"], self.commit("f01"))
        self.assertTrue(side["in_head"])  # "HEAD" is the branch's tip

    def test_tag(self):
        r = self.scan("--branch", "v0.9-secret")
        self.assertIn("T_TAG", self.secrets(r))
        self.assertEqual(self.by_secret(r.jsonl(), self.secret("T_TAG"))[0]["commit"], self.commit("g01"))

    def test_fewer_blobs_than_the_full_scan(self):
        full = self.run_nhiscan("git", self.repo).out
        branch = self.run_nhiscan("git", self.repo, "--branch", "topic").out
        count = lambda out: int(re.search(r"in (\d+) blobs", out).group(1))
        self.assertLess(count(branch), count(full))

    def test_unknown_ref(self):
        r = self.run_nhiscan("git", self.repo, "--branch", "no-such-branch")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("no-such-branch", r.err)

    def test_range_and_branch_exclusive(self):
        r = self.run_nhiscan("git", self.repo, "--branch", "main", "--range", "HEAD~1..HEAD")
        self.assertEqual(r.rc, 2, r)


class Clones(HistoryFixtureTest):
    def test_bare_mirror(self):
        bare = self.path("mirror.git")
        self.git("clone", "-q", "--mirror", "--no-local", self.repo, bare)
        findings = self.scan(repo=bare).jsonl()
        full = self.scan().jsonl()
        # The unreachable objects stay behind in the original; everything else is identical,
        # except that the original's occurrence counts include its unreachable commits.
        expected = [f for f in full if not f.get("unreachable")]
        self.assertEqual(len(findings), len(expected))
        for got, want in zip(findings, expected):
            self.assertLessEqual(got.pop("occurrences"), want.pop("occurrences"))
            self.assertEqual(got, want)

    def test_same_findings_from_deltas_and_from_loose_objects(self):
        # The same objects stored three ways: the fixture's (two packs and loose objects),
        # one pack of long delta chains (read by nhiscan's own pack reader), and all loose
        # (read by libgit2). Every finding, field for field, is the same.
        import glob
        import shutil
        full = self.scan().jsonl()
        packed, loose = self.path("packed"), self.path("loose")
        for d in (packed, loose):
            shutil.copytree(self.repo, d, symlinks=True)
        self.git("repack", "-q", "-A", "-d", "-f", "--depth=50", "--window=250", cwd=packed)
        verify = self.git("verify-pack", "-v", *glob.glob(os.path.join(packed, ".git/objects/pack/*.idx")))
        self.assertIn("chain length = 2", verify)
        for pack in glob.glob(os.path.join(loose, ".git/objects/pack/*.pack")):
            aside = self.path(os.path.basename(pack))
            shutil.move(pack, aside)
            os.remove(pack[:-5] + ".idx")
            with open(aside, "rb") as f:
                subprocess.run(["git", "unpack-objects", "-q"], cwd=loose, stdin=f, check=True, env=self.env)
        self.assertEqual(glob.glob(os.path.join(loose, ".git/objects/pack/*.pack")), [])
        for repo in (packed, loose):
            with self.subTest(repo=os.path.basename(repo)):
                self.assertEqual(self.scan(repo=repo).jsonl(), full)

    def test_bare_repo_from_inside(self):
        bare = self.path("bare.git")
        self.git("clone", "-q", "--bare", "--no-local", self.repo, bare)
        r = self.run_nhiscan("git", "-f", "jsonl", "--no-redact", cwd=bare)
        self.assertEqual(r.rc, 1, r)
        self.assertTrue(self.by_secret(r.jsonl(), self.secret("T_HIST")))

    def test_shallow_clone_says_history_is_truncated(self):
        shallow = self.path("shallow")
        self.git("clone", "-q", "--depth", "1", "file://" + self.repo, shallow)
        r = self.scan(repo=shallow)
        self.assertEqual(r.rc, 1, r)
        self.assertIn("history is truncated", r.err)
        findings = r.jsonl()
        # Only HEAD's tree is present; the boundary commit is where everything "starts".
        self.assertEqual(sorted(f["path"] for f in findings),
                         ["a.cfg", "lib/client.py", "nested/b.cfg", "src/conf/settings.py", "x.txt"])
        self.assertTrue(all(f["commit"] == self.commit("c13") for f in findings))

    def test_progress_reported_on_request(self):
        r = self.run_nhiscan("git", self.repo, "--progress", "always", "-q")
        self.assertRegex(r.err, r"scanning blobs \d+/\d+ \(100%\)")
        for key, value in self.manifest.items():
            if key.startswith("secret."):
                self.assertNoSecret(value, r.err)

    def test_no_progress_when_not_a_terminal(self):
        for args in ([], ["--progress", "auto"], ["--progress", "never"]):
            r = self.run_nhiscan("git", self.repo, *args)
            self.assertNotIn("scanning blobs", r.err)

    def test_progress_on_a_terminal(self):
        out = self.run_on_pty([support.BIN, "git", self.repo, "-o", self.path("r.json"), "-f", "json"])
        self.assertIn("\r\x1b[K", out)
        self.assertIn("scanning blobs", out)
        out = self.run_on_pty([support.BIN, "git", self.repo, "-o", self.path("r.json"), "--progress", "never"])
        self.assertNotIn("scanning blobs", out)

    def run_on_pty(self, argv):
        """Runs argv with stderr on a pseudo-terminal; returns what it wrote there."""
        master, slave = pty.openpty()
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=slave, env=self.env, cwd=self.tmp)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        p.wait(timeout=120)
        os.close(master)
        return b"".join(chunks).decode(errors="replace")


class Problems(SharedCacheTest):
    def make_repo(self, files):
        repo = self.path("r")
        os.makedirs(repo, exist_ok=True)
        self.git("init", "-q", "-b", "main", repo)
        for name, content in files.items():
            mode = "wb" if isinstance(content, bytes) else "w"
            self.write(os.path.join("r", name), content, mode)
        self.git("add", "-A", cwd=repo)
        self.git("commit", "-q", "-m", "c", cwd=repo)
        return repo

    def test_not_a_repository(self):
        os.makedirs(self.path("plain"))
        r = self.run_nhiscan("git", self.path("plain"))
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r)
        self.assertIn("is not a git repository", r.err)

    def test_missing_path(self):
        r = self.run_nhiscan("git", self.path("nope"))
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r)

    def test_corrupt_object(self):
        repo = self.make_repo({"clean.txt": "nothing to see\n"})
        blob = self.git("rev-parse", "HEAD:clean.txt", cwd=repo).strip()
        obj = os.path.join(repo, ".git", "objects", blob[:2], blob[2:])
        os.chmod(obj, 0o644)
        with open(obj, "wb") as f:
            f.write(b"this is not zlib data")
        r = self.run_nhiscan("git", repo)
        self.assertEqual(r.rc, 2, r)
        errors = [l for l in r.err.splitlines() if "error" in l]
        self.assertEqual(len(errors), 1, r)
        self.assertIn(blob, errors[0])

    def test_corrupt_object_with_findings_elsewhere_exits_1(self):
        token = support.github_token()
        repo = self.make_repo({"clean.txt": "nothing to see\n", "leak.txt": f"t={token}\n"})
        blob = self.git("rev-parse", "HEAD:clean.txt", cwd=repo).strip()
        obj = os.path.join(repo, ".git", "objects", blob[:2], blob[2:])
        os.chmod(obj, 0o644)
        with open(obj, "wb") as f:
            f.write(b"garbage")
        r = self.run_nhiscan("git", repo)
        self.assertEqual(r.rc, 1, r)
        self.assertIn("error", r.err)
        self.assertNoSecret(token, r.out, r.err)

    def test_large_blob_skipped_and_counted(self):
        token = support.github_token()
        repo = self.make_repo({"big.txt": "x\n" * 100000 + f"t={token}\n", "small.txt": "ok\n"})
        r = self.run_nhiscan("git", repo, "--max-file-size", "100000", "--no-color")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("1 too large", r.out)
        self.assertIn("--max-file-size", r.err)
        r = self.run_nhiscan("git", repo)
        self.assertEqual(r.rc, 1, r)

    def test_binary_blob_skipped(self):
        token = support.github_token()
        repo = self.make_repo({"blob.bin": b"\0\1\2" + f"t={token}\n".encode()})
        r = self.run_nhiscan("git", repo, "--no-color")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("1 binary", r.out)

    def test_utf16_blob_scanned_as_text(self):
        token = support.github_token()
        repo = self.make_repo({"setup.ps1": ("# setup\r\n\r\n$t = '" + token + "'\r\n").encode("utf-16")})
        r = self.run_nhiscan("git", repo, "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([(f["path"], f["line"], f["column"], f["rule_id"]) for f in r.json()],
                         [("setup.ps1", 3, 7, "github-pat-classic")])

    def test_submodule_skipped_with_notice(self):
        inner = self.make_repo({"inner.txt": "inner\n"})
        sub_head = self.git("rev-parse", "HEAD", cwd=inner).strip()
        outer = self.path("outer")
        self.git("init", "-q", "-b", "main", outer)
        self.write("outer/.gitmodules", '[submodule "vendor/lib"]\n\tpath = vendor/lib\n\turl = ../r\n')
        self.git("add", ".gitmodules", cwd=outer)
        self.git("update-index", "--add", "--cacheinfo", f"160000,{sub_head},vendor/lib", cwd=outer)
        self.git("commit", "-q", "-m", "add submodule", cwd=outer)
        r = self.run_nhiscan("git", outer)
        self.assertEqual(r.rc, 0, r)
        self.assertIn("skipping submodule 'vendor/lib'", r.err)

    def test_empty_repository(self):
        repo = self.path("empty")
        self.git("init", "-q", repo)
        r = self.run_nhiscan("git", repo, "--no-color")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("0 findings", r.out)


if __name__ == "__main__":
    unittest.main()


class TestPaths(SharedCacheTest):
    """The test-path rule (rules/test-paths.toml) in history and ranges: applied once a blob's
    content is placed at a path, per path."""

    def test_applied_per_path_in_history_and_ranges(self):
        repo = self.path("r")
        self.git("init", "-q", "-b", "main", repo)
        self.write("r/README", "start\n")
        self.git("add", "-A", cwd=repo)
        self.git("commit", "-q", "-m", "base", cwd=repo)
        token, pw = support.github_token(), "Zq8" + support.rand_chars(13)
        self.write("r/tests/test_app.py", f'GH = "{token}"\ndb_password = "{pw}"\n')
        self.write("r/app/settings.py", f'db_password = "{pw}"\n')
        self.git("add", "-A", cwd=repo)
        self.git("commit", "-q", "-m", "secrets", cwd=repo)
        for args in (("git", repo), ("git", repo, "--range", "HEAD~1..HEAD")):
            with self.subTest(args=args):
                r = self.run_nhiscan(*args, "-f", "jsonl")
                self.assertEqual(r.rc, 1, r)
                got = sorted((f["rule_id"], f["path"], f["confidence"], f.get("note")) for f in r.jsonl())
                self.assertEqual(got, [("generic-password", "app/settings.py", "low", None),
                                       ("github-pat-classic", "tests/test_app.py", "medium", "test path")])
                self.assertNoSecret(token, r.out, r.err)
