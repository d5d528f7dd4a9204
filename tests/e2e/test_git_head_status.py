"""Issue 20, item 11: "still in HEAD" is said per place. Each history finding says whether HEAD
holds its secret in this file, elsewhere (which path), or nowhere (history only), in every
format (docs/git.md, "At HEAD, per place").

The fixture: one secret stays in its file, one moves to another file, one is deleted.
Tokens are built at run time."""
import json
import os
import unittest

from support import NhiscanTest, github_token
from validators import run_ajv


class HeadStatus(NhiscanTest):
    def setUp(self):
        super().setUp()
        self.stay, self.moved, self.gone = github_token(), github_token(), github_token()
        self.git("init", "-q", "-b", "main")
        self.git("commit", "-q", "--allow-empty", "-m", "start")
        self.base = self.git("rev-parse", "HEAD").strip()
        self.write("same.env", f"A={self.stay}\n")
        self.write("old.env", f"B={self.moved}\n")
        self.write("gone.env", f"C={self.gone}\n")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "three secrets")
        self.git("mv", "old.env", "new.env")
        self.git("rm", "-q", "gone.env")
        self.git("commit", "-q", "-m", "move one, delete one")
        self.write("same.env", f"# edited\nA={self.stay}\n")
        self.git("commit", "-q", "-am", "edit")

    def places(self, *args):
        r = self.run_nhiscan("git", ".", "-f", "jsonl", "--no-redact", *args)
        self.assertEqual(r.rc, 1, r)
        return sorted((f["path"], f["head_status"], f.get("head_path"), f["in_head"]) for f in r.jsonl())

    def test_full_audit_json(self):
        self.assertEqual(self.places(), [
            ("gone.env", "history-only", None, False),
            ("new.env", "this-file", None, True),
            ("old.env", "elsewhere", "new.env", True),   # in_head keeps meaning "the secret is in HEAD"
            ("same.env", "this-file", None, True),
        ])

    def test_range_json(self):
        # The range's commits add all three; HEAD is the range's end.
        self.assertEqual(self.places("--range", f"{self.base}..HEAD"), [
            ("gone.env", "history-only", None, False),
            ("old.env", "elsewhere", "new.env", True),
            ("same.env", "this-file", None, True),
        ])

    def test_text(self):
        r = self.run_nhiscan("git", ".", "--no-color")
        self.assertEqual(r.rc, 1, r)
        blocks = {}
        for block in r.out.split("\n\n"):
            lines = block.splitlines()
            if lines and lines[0].endswith(".env"):
                blocks[lines[0]] = lines
        self.assertIn("    occurrences: 3  at HEAD in this file", blocks["same.env"])
        self.assertIn("    occurrences: 2  at HEAD in this file", blocks["new.env"])
        self.assertIn("    occurrences: 1  at HEAD elsewhere (new.env)", blocks["old.env"])
        self.assertIn("    occurrences: 1  history only", blocks["gone.env"])
        self.assertNotIn("still in HEAD", r.out)

    def test_sarif_properties_and_message(self):
        r = self.run_nhiscan("git", ".", "-f", "sarif")
        got = {}
        for x in json.loads(r.out)["runs"][0]["results"]:
            uri = x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            got[uri] = (x["properties"]["headStatus"], x["properties"].get("headPath"), x["properties"]["inHead"])
            self.assertIn({"this-file": "at HEAD in this file", "elsewhere": "at HEAD elsewhere (new.env)",
                           "history-only": "history only"}[got[uri][0]], x["message"]["text"])
        self.assertEqual(got, {"same.env": ("this-file", None, True), "new.env": ("this-file", None, True),
                               "old.env": ("elsewhere", "new.env", True), "gone.env": ("history-only", None, False)})

    def test_gitlab_description(self):
        path = self.path("..", "gl.json")
        r = self.run_nhiscan("git", ".", "-f", "gitlab", "-o", path, "--exit-code", "0")
        self.assertEqual(r.rc, 0, r)
        with open(path) as f:
            desc = {v["location"]["file"]: v["description"] for v in json.load(f)["vulnerabilities"]}
        self.assertIn(" At HEAD in this file.", desc["same.env"])
        self.assertIn(" At HEAD elsewhere (new.env).", desc["old.env"])
        self.assertIn(" History only.", desc["gone.env"])
        ok, output = run_ajv(self, path)
        self.assertTrue(ok, output)


if __name__ == "__main__":
    unittest.main()
