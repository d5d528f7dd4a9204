"""Issue 20, item 10: blobs no commit holds (what a commit the pre-commit hook blocked leaves
once it is unstaged) are not audit findings by default; `--include-unreachable` reports them
in their own section, with what they are and how they go away (docs/git.md).

Everything runs under real git with the installed hook. Tokens are built at run time."""
import json
import os
import re
import subprocess
import unittest

from support import NhiscanTest, github_token
from validators import run_ajv

ZERO = "0" * 40
NOTE = "unreachable: not in any branch or tag; `git gc --prune=now` removes it"
LEFT_OUT = "1 unreachable blob with findings not reported (--include-unreachable reports it)"


class HookWorkflow(NhiscanTest):
    LEGACY = True

    def setUp(self):
        super().setUp()
        self.repo = self.path("repo")
        os.makedirs(self.repo)
        self.git("init", "-q", "-b", "main", cwd=self.repo)
        self.git("config", "commit.gpgsign", "false", cwd=self.repo)
        # A secret the team committed before the hook: an ordinary history finding.
        self.old = github_token()
        self.write("repo/legacy.env", f"GH={self.old}\n" if self.LEGACY else "GH=\n")
        self.git("add", "legacy.env", cwd=self.repo)
        self.git("commit", "-q", "-m", "legacy", cwd=self.repo)
        r = self.run_nhiscan("install-hook", cwd=self.repo)
        self.assertEqual(r.rc, 0, r)
        # The hook's own workflow: the commit is blocked, the developer unstages the file.
        self.token = github_token()
        self.write("repo/settings.py", "DEBUG = True\n" + f"TOKEN = '{self.token}'\n")
        self.git("add", "settings.py", cwd=self.repo)
        c = subprocess.run(["git", "commit", "-m", "settings"], cwd=self.repo, capture_output=True, text=True,
                           env=self.env)
        self.assertEqual(c.returncode, 1, c.stdout + c.stderr)  # blocked by nhiscan
        self.git("restore", "--staged", "settings.py", cwd=self.repo)
        self.blob = self.git("hash-object", "settings.py", cwd=self.repo).strip()
        self.head = self.git("rev-parse", "HEAD", cwd=self.repo).strip()

    def audit(self, *args):
        return self.run_nhiscan("git", self.repo, "--no-color", *args)


class HookWorkflowAlone(HookWorkflow):
    """The blocked secret is the only one the repository ever saw."""
    LEGACY = False

    def test_audit_is_clean_by_default(self):
        r = self.audit()
        self.assertEqual(r.rc, 0, r)
        self.assertRegex(r.out, r"^0 findings in 2 blobs \(.*\) in \d+\.\d+s; " + re.escape(LEFT_OUT) + "\n$")
        r = self.audit("-f", "jsonl")
        self.assertEqual((r.rc, r.out), (0, ""), r)

    def test_include_unreachable_finds_it(self):
        r = self.audit("--include-unreachable", "-f", "jsonl")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([f["path"] for f in r.jsonl()], [f"git-blob:{self.blob}"])


class HookWorkflowWithHistory(HookWorkflow):

    def test_no_audit_finding_by_default(self):
        r = self.audit("-f", "jsonl", "--no-redact")
        self.assertEqual(r.rc, 1, r)  # the legacy secret only
        self.assertEqual([(f["path"], f["secret"]) for f in r.jsonl()], [("legacy.env", self.old)])
        self.assertIn(f"nhiscan: notice: {LEFT_OUT}", r.err)
        self.assertNoSecret(self.token, r.out, r.err)

    def test_text_summary_counts_what_was_left_out(self):
        r = self.audit()
        self.assertEqual(r.rc, 1, r)
        self.assertNotIn("git-blob:", r.out)
        self.assertNotIn("Unreachable blobs", r.out)
        self.assertTrue(r.out.rstrip("\n").splitlines()[-1].endswith("; " + LEFT_OUT), r.out)

    def test_report_file_summary_counts_it(self):
        out = self.path("r.json")
        r = self.audit("-f", "json", "-o", out)
        self.assertEqual(r.rc, 1, r)
        self.assertIn(f"nhiscan: 1 finding written to {out}; {LEFT_OUT}", r.err)
        with open(out) as f:
            self.assertEqual([v["path"] for v in json.load(f)], ["legacy.env"])

    def test_include_unreachable_reports_them_in_their_own_section(self):
        r = self.audit("--include-unreachable")
        self.assertEqual(r.rc, 1, r)
        lines = r.out.splitlines()
        header = lines.index("Unreachable blobs: in no commit, branch or tag (left by unstaged or reset changes)")
        self.assertLess(lines.index("legacy.env"), header)  # the history findings come first
        self.assertEqual(lines[header + 1], f"git-blob:{self.blob}")
        self.assertTrue(lines[header + 2].startswith(f"  git-blob:{self.blob}:2:10  critical  github-pat-classic"),
                        lines[header + 2])
        self.assertIn("    " + NOTE, lines[header + 3:header + 6])
        self.assertNotIn(LEFT_OUT, r.out)
        self.assertNoSecret(self.token, r.out, r.err)

    def test_include_unreachable_json_marks_it_with_no_commit(self):
        r = self.audit("--include-unreachable", "-f", "jsonl", "--no-redact")
        loose = [f for f in r.jsonl() if f["secret"] == self.token]
        self.assertEqual(len(loose), 1, r)
        f = loose[0]
        self.assertEqual((f["path"], f["line"], f["source"]), (f"git-blob:{self.blob}", 2, "git"))
        self.assertIs(f["unreachable"], True)
        self.assertIs(f["in_head"], False)
        self.assertEqual(f["head_status"], "unreachable")
        for field in ("commit", "author_name", "date", "head_path"):
            self.assertNotIn(field, f)

    def test_include_unreachable_sarif_marks_it(self):
        r = self.audit("--include-unreachable", "-f", "sarif")
        results = json.loads(r.out)["runs"][0]["results"]
        loose = [x for x in results if x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("git-blob")]
        self.assertEqual(len(loose), 1, results)
        props = loose[0]["properties"]
        self.assertIs(props["unreachable"], True)
        self.assertNotIn("commit", props)
        self.assertEqual(props["headStatus"], "unreachable")
        self.assertIn("Unreachable: not in any branch or tag; `git gc --prune=now` removes it.",
                      loose[0]["message"]["text"])

    def test_gitlab_does_not_give_it_heads_commit(self):
        path = self.path("gl.json")
        r = self.audit("--include-unreachable", "-f", "gitlab", "-o", path, "--exit-code", "0")
        self.assertEqual(r.rc, 0, r)
        with open(path) as f:
            vulns = json.load(f)["vulnerabilities"]
        by_file = {v["location"]["file"]: v for v in vulns}
        self.assertEqual(set(by_file), {"legacy.env", f"git-blob:{self.blob}"})
        self.assertEqual(by_file[f"git-blob:{self.blob}"]["location"]["commit"], {"sha": ZERO})
        self.assertEqual(by_file["legacy.env"]["location"]["commit"]["sha"], self.head)  # introduced at HEAD
        self.assertIn("Unreachable: not in any branch or tag; `git gc --prune=now` removes it.",
                      by_file[f"git-blob:{self.blob}"]["description"])
        ok, output = run_ajv(self, path)
        self.assertTrue(ok, output)

    def test_gc_prune_now_removes_it_as_the_report_says(self):
        self.git("gc", "-q", "--prune=now", cwd=self.repo)
        r = self.audit("--include-unreachable", "-f", "jsonl")
        self.assertEqual([f["path"] for f in r.jsonl()], ["legacy.env"])
        self.assertNotIn("unreachable blob", r.err)

    def test_a_blob_a_tag_points_at_is_reachable(self):
        # A ref reaches it (git.git's junio-gpg-pub is such a tag): reported by default, not as unreachable.
        self.git("tag", "blob-tag", self.blob, cwd=self.repo)
        r = self.audit("-f", "jsonl", "--no-redact")
        tagged = [f for f in r.jsonl() if f["secret"] == self.token]
        self.assertEqual([(f["path"], f.get("unreachable", False), f["head_status"]) for f in tagged],
                         [(f"git-blob:{self.blob}", False, "history-only")])
        self.assertNotIn("unreachable blob", r.err)

    def test_a_blob_the_index_stages_is_not_unreachable(self):
        # Staged again (about to be committed): git keeps it, so the audit reports it by default.
        self.git("add", "settings.py", cwd=self.repo)
        r = self.audit("-f", "jsonl", "--no-redact")
        staged = [f for f in r.jsonl() if f["secret"] == self.token]
        self.assertEqual([(f["path"], f.get("unreachable", False)) for f in staged], [(f"git-blob:{self.blob}", False)])
        self.assertNotIn("unreachable blob", r.err)

    def test_inventory_follows_the_same_rule(self):
        env = {"NHISCAN_INVENTORY_KEY": "inventory-test-key-0123456789abcdef"}
        r = self.run_nhiscan("inventory", self.repo, "-f", "json", env=env)
        self.assertEqual(r.rc, 1, r)
        records = json.loads(r.out)["records"]
        self.assertEqual([[p["path"] for p in rec["places"]] for rec in records], [["legacy.env"]])
        self.assertIn("nhiscan: notice: repo: 1 unreachable blob with findings not recorded "
                      "(--include-unreachable records it)", r.err)
        r = self.run_nhiscan("inventory", self.repo, "-f", "json", "--include-unreachable", env=env)
        self.assertEqual(r.rc, 1, r)
        places = sorted((p["path"], p["status"]) for rec in json.loads(r.out)["records"] for p in rec["places"])
        self.assertEqual(places, [("git-blob:" + self.blob, "unreachable object"),
                                  ("legacy.env", "at HEAD in this file")])


if __name__ == "__main__":
    unittest.main()
