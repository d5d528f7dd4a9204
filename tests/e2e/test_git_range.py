"""`nhiscan git --range BASE..HEAD`: the CI mode."""
import os
import unittest

from gitfixture import HistoryFixtureTest, SharedCacheTest
import support

ZERO = "0" * 40


class RangeOnFixture(HistoryFixtureTest):
    def places(self, r):
        inverse = {v: k[len("secret."):] for k, v in self.manifest.items() if k.startswith("secret.")}
        commits = {v: k[len("commit."):] for k, v in self.manifest.items() if k.startswith("commit.")}
        return sorted((inverse[f["secret"]], f["path"], f["line"], commits[f["commit"]]) for f in r.jsonl())

    def range(self, base, head):
        return f"{self.commit(base)}..{self.commit(head)}"

    def test_attributed_to_the_range_commit_that_introduced_it(self):
        r = self.scan("--range", self.range("c03", "c12"))
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(self.places(r), [
            ("T_DEL", "old/legacy.py", 5, "c04"),
            ("T_EVIL", "x.txt", 4, "c12"),
            ("T_MERGE", "lib/client.py", 4, "t01"),
            ("T_REN", "src/settings.py", 2, "c06"),  # the rename in c07 adds nothing new
            ("T_TWO", "a.cfg", 1, "c10"),
            ("T_TWO", "nested/b.cfg", 3, "c10"),
        ])
        f = [f for f in r.jsonl() if f["path"] == "old/legacy.py"][0]
        self.assertEqual((f["author_name"], f["author_email"]), ("Carol Example", "carol@example.com"))
        self.assertEqual(f["date"], "2024-01-01T04:00:00Z")
        self.assertFalse(f["in_head"])
        self.assertTrue([f for f in r.jsonl() if f["path"] == "x.txt"][0]["in_head"])

    def test_merged_branch_commits_are_in_the_range(self):
        r = self.scan("--range", self.range("c08", "c09"))
        self.assertEqual(self.places(r), [("T_MERGE", "lib/client.py", 4, "t01")])

    def test_merge_that_introduces_a_secret(self):
        r = self.scan("--range", self.range("c11", "c12"))
        self.assertEqual(self.places(r), [("T_EVIL", "x.txt", 4, "c12")])

    def test_merge_of_a_side_already_in_base(self):
        # topic (t01) is in the base's history; the merge c09 brings nothing new of its own.
        r = self.scan("--range", f"{self.commit('t01')}..{self.commit('c09')}")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.places(r), [])

    def test_removal_only(self):
        r = self.scan("--range", self.range("c02", "c03"))
        self.assertEqual(r.rc, 0, r)

    def test_refs_and_default_head(self):
        r = self.scan("--range", f"{self.commit('c10')}..")
        self.assertEqual(self.places(r), [("T_EVIL", "x.txt", 4, "c12")])
        r = self.scan("--range", "v0.9-secret~1..v0.9-secret")
        self.assertEqual(self.places(r), [("T_TAG", "notes/tagged.txt", 1, "g01")])

    def test_unknown_base_falls_back_to_what_no_other_ref_has(self):
        r = self.scan("--range", "deadbeef" * 5 + "..feature/deploy")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("not in this repository", r.err)
        self.assertEqual(self.places(r), [("A_SIDE", "deploy/keys.txt", 2, "f01")])

    def test_zero_base(self):
        r = self.scan("--range", ZERO + "..main")
        self.assertIn("all zeros", r.err)
        # Other branches and tags hold everything up to c10 and s01; main's own: c11, c12, c13.
        self.assertEqual(self.places(r), [("T_EVIL", "x.txt", 4, "c12")])

    def test_bad_ranges(self):
        for bad in ("HEAD", "..HEAD"):
            r = self.run_nhiscan("git", self.repo, "--range", bad)
            self.assertEqual(r.rc, 2, r)
            self.assertIn("BASE..HEAD", r.err)
        r = self.run_nhiscan("git", self.repo, "--range", "HEAD..no-such-ref")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("no-such-ref", r.err)

    def test_unknown_base_name_is_an_error(self):
        # A typo in BASE must not silently become a scan of something else (issue 20, item 5).
        for base in ("nope", "mian", "deadbee", "HEAD~999"):
            r = self.run_nhiscan("git", self.repo, "--range", f"{base}..HEAD")
            self.assertEqual(r.rc, 2, r)
            self.assertEqual(r.err.strip().splitlines(),
                             [f"nhiscan: error: --range: '{base}' is not a commit in this repository"])
            self.assertEqual(r.out, "")

    def test_reversed_range_warns_that_it_is_empty(self):
        r = self.scan("--range", self.range("c12", "c03"))
        self.assertEqual(r.rc, 0, r)
        self.assertIn("warning: --range", r.err)
        self.assertIn("is empty", r.err)
        self.assertIn("reversed", r.err)
        r = self.scan("--range", "main..main")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("is empty", r.err)

    def test_fail_on_empty_range(self):
        r = self.run_nhiscan("git", self.repo, "--range", self.range("c12", "c03"), "--fail-on-empty-range")
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertRegex(r.err, r"^nhiscan: error: --range .* is empty.*reversed")
        # A range with commits is unaffected.
        r = self.scan("--range", self.range("c03", "c12"), "--fail-on-empty-range")
        self.assertEqual(r.rc, 1, r)
        r = self.run_nhiscan("git", self.repo, "--fail-on-empty-range")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("--fail-on-empty-range needs --range", r.err)


class RangeScenarios(SharedCacheTest):
    def setUp(self):
        super().setUp()
        self.repo = self.path("repo")
        self.git("init", "-q", "-b", "main", self.repo)

    def commit_file(self, name, content, message="c"):
        self.write(os.path.join("repo", name), content)
        self.git("add", "-A", cwd=self.repo)
        self.git("commit", "-q", "-m", message, cwd=self.repo)
        return self.git("rev-parse", "HEAD", cwd=self.repo).strip()

    def scan(self, range_, repo=None):
        return self.run_nhiscan("git", repo or self.repo, "--range", range_, "-f", "jsonl", "--no-redact")

    def test_secret_kept_from_base_is_not_new(self):
        token = support.github_token()
        base = self.commit_file("conf.ini", f"[a]\ntoken={token}\n")
        self.commit_file("conf.ini", f"[a]\nuser=ci\ntoken={token}\nport=1\n")
        r = self.scan(f"{base}..HEAD")
        self.assertEqual(r.rc, 0, r)

    def test_secret_moved_between_files_is_not_new(self):
        token = support.github_token()
        base = self.commit_file("a.ini", f"token={token}\n")
        self.write("repo/a.ini", "nothing\n")
        self.commit_file("b.ini", f"moved={token}\n")
        r = self.scan(f"{base}..HEAD")
        self.assertEqual(r.rc, 0, r)

    def test_new_secret_next_to_an_old_one(self):
        old, new = support.github_token(), support.github_token()
        base = self.commit_file("conf.ini", f"token={old}\n")
        c = self.commit_file("conf.ini", f"token={old}\nother={new}\n")
        r = self.scan(f"{base}..HEAD")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([(f["secret"], f["line"], f["commit"]) for f in r.jsonl()], [(new, 2, c)])

    def test_zero_base_without_other_refs_scans_the_whole_history(self):
        token = support.github_token()
        first = self.commit_file("a.txt", f"t={token}\n")
        self.commit_file("b.txt", "clean\n")
        r = self.scan(ZERO + "..HEAD")
        self.assertIn("its whole history", r.err)
        self.assertEqual([(f["path"], f["commit"]) for f in r.jsonl()], [("a.txt", first)])

    def test_new_branch_push_in_a_clone(self):
        old, new = support.github_token(), support.github_token()
        self.commit_file("old.txt", f"t={old}\n")
        clone = self.path("clone")
        self.git("clone", "-q", "--no-local", self.repo, clone)
        self.git("checkout", "-q", "-b", "feature", cwd=clone)
        self.write("clone/new.txt", f"t={new}\n")
        self.git("add", "-A", cwd=clone)
        self.git("commit", "-q", "-m", "feature", cwd=clone)
        r = self.scan(ZERO + "..HEAD", repo=clone)
        self.assertEqual([f["secret"] for f in r.jsonl()], [new])

    def test_shallow_ci_checkout_with_unknown_base(self):
        # Before issue 20 this fell back to HEAD's whole tree and reported b.txt, committed
        # before the range, as new in HEAD. An old secret must never be reported as new: a
        # base the shallow clone lacks is now an error that says what to fetch.
        token = support.github_token()
        base = self.commit_file("a.txt", "clean\n")
        self.commit_file("b.txt", f"t={token}\n")
        head = self.commit_file("c.txt", "clean\n")
        clone = self.path("ci")
        self.git("clone", "-q", "--depth", "1", "file://" + self.repo, clone)
        r = self.scan(f"{base}..HEAD", repo=clone)
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(r.out, "")
        self.assertIn("not in this shallow clone", r.err)
        self.assertIn("fetch-depth: 0", r.err)
        self.assertNotIn(token, r.err)
        # Deepened far enough, the same range scans normally and finds the secret where it was added.
        self.git("fetch", "-q", "--deepen=2", cwd=clone)
        r = self.scan(f"{base}..HEAD", repo=clone)
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([(f["path"], f["commit"]) for f in r.jsonl()], [("b.txt", self.git("rev-parse", "HEAD~1", cwd=self.repo).strip())])
        self.assertNotEqual(head, r.jsonl()[0]["commit"])

    def test_shallow_range_reaching_the_boundary_is_an_error(self):
        # The base is here, but HEAD's history is cut before it reaches the base: the boundary
        # commit would seem to add everything it holds.
        token = support.github_token()
        self.commit_file("a.txt", f"t={token}\n")
        self.git("checkout", "-q", "-b", "side", cwd=self.repo)
        self.commit_file("s.txt", "side\n")
        self.git("checkout", "-q", "main", cwd=self.repo)
        self.commit_file("b.txt", "clean\n")
        self.commit_file("c.txt", "clean\n")
        clone = self.path("ci")
        self.git("clone", "-q", "--depth", "1", "--no-single-branch", "file://" + self.repo, clone)
        r = self.scan("origin/side..origin/main", repo=clone)
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(r.out, "")
        self.assertIn("reaches the boundary of this shallow clone", r.err)
        self.assertNotIn(token, r.err)

    def test_zero_base_in_a_shallow_clone_is_an_error(self):
        token = support.github_token()
        self.commit_file("a.txt", f"t={token}\n")
        self.commit_file("b.txt", "clean\n")
        clone = self.path("ci")
        self.git("clone", "-q", "--depth", "1", "file://" + self.repo, clone)
        r = self.scan(ZERO + "..HEAD", repo=clone)
        self.assertEqual(r.rc, 2, r)
        self.assertIn("shallow clone", r.err)
        self.assertEqual(r.out, "")

    def test_submodule_change_noticed(self):
        base = self.commit_file("a.txt", "clean\n")
        sub = self.git("rev-parse", "HEAD", cwd=self.repo).strip()
        self.git("update-index", "--add", "--cacheinfo", f"160000,{sub},vendor/x", cwd=self.repo)
        self.git("commit", "-q", "-m", "sub", cwd=self.repo)
        r = self.scan(f"{base}..HEAD")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("skipping submodule 'vendor/x'", r.err)


if __name__ == "__main__":
    unittest.main()
