"""Report details: SARIF columns in UTF-16 code units, stdin's pseudo-path in every format,
and `complete: false` with reasons in JSON and JSON Lines when a scan left something out."""
import json
import os
import unittest

from support import NhiscanTest, github_token
from validators import run_ajv, run_multitool


class SarifColumns(NhiscanTest):
    def test_columns_count_utf16_code_units(self):
        token = github_token()
        # 2-, 3- and 4-byte UTF-8 before the secret: 18 bytes, 13 UTF-16 code units.
        prefix = "\u00e9\u4e2d\U0001F600 token = "
        self.assertEqual((len(prefix.encode()), len(prefix.encode("utf-16-le")) // 2), (18, 13))
        self.write("u.txt", f"ascii line\n{prefix}{token} \u00e9\n")
        r = self.run_nhiscan("dir", "u.txt", "-f", "json")
        [f] = r.json()
        self.assertEqual((f["line"], f["column"], f["end_column"]), (2, 19, 58))  # JSON: bytes, inclusive end
        out = os.path.join(self.root, "u.sarif")
        r = self.run_nhiscan("dir", "u.txt", "-f", "sarif", "-o", out)
        self.assertEqual(r.rc, 1, r)
        with open(out) as fh:
            run = json.load(fh)["runs"][0]
        self.assertEqual(run["columnKind"], "utf16CodeUnits")
        region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
        self.assertEqual(region, {"startLine": 2, "startColumn": 14, "endLine": 2, "endColumn": 14 + len(token)})
        problems, console = run_multitool(self, out)
        self.assertEqual(problems, [], console)

    def test_characters_beyond_the_bmp_count_two_units(self):
        token = github_token()
        self.write("v.txt", f"\U0001F600\U0001F600={token}\n")
        r = self.run_nhiscan("dir", "v.txt", "-f", "sarif")
        region = r.json()["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
        self.assertEqual((region["startColumn"], region["endColumn"]), (6, 6 + len(token)))


class StdinPath(NhiscanTest):
    def setUp(self):
        super().setUp()
        self.token = github_token()
        self.input = f"one\ntwo {self.token}\n"

    def scan(self, fmt, *args):
        r = self.run_nhiscan("dir", "-", "-f", fmt, "--no-color", *args, input=self.input)
        self.assertEqual(r.rc, 1, r)
        return r

    def test_every_format_names_stdin(self):
        self.assertIn("\n  <stdin>:2:5  critical", "\n" + self.scan("text").out)
        [f] = self.scan("json").json()
        self.assertEqual((f["path"], f["source"]), ("<stdin>", "stdin"))
        [line] = [json.loads(l) for l in self.scan("jsonl").out.splitlines()]
        self.assertEqual(line["path"], "<stdin>")
        res = self.scan("sarif").json()["runs"][0]["results"][0]
        self.assertEqual(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "%3Cstdin%3E")
        gl = os.path.join(self.root, "gl.json")
        self.scan("gitlab", "-o", gl)
        with open(gl) as fh:
            self.assertEqual(json.load(fh)["vulnerabilities"][0]["location"]["file"], "<stdin>")
        ok, out = run_ajv(self, gl)
        self.assertTrue(ok, out)

    def test_baseline_entries_name_stdin(self):
        b = os.path.join(self.root, "b.jsonl")
        self.scan("json", "--write-baseline", b)
        with open(b) as fh:
            self.assertEqual(json.loads(fh.readline())["path"], "<stdin>")


class Completeness(NhiscanTest):
    def setUp(self):
        super().setUp()
        self.token = github_token()
        self.write("a.txt", f"token = {self.token}\n")
        self.write("big.txt", f"token = {github_token()}\n" + "x" * 4000)

    def status_of(self, records):
        return [r for r in records if "rule_id" not in r]

    def test_complete_scan_has_only_findings(self):
        r = self.run_nhiscan("dir", "a.txt", "big.txt", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([f["path"] for f in r.json()], ["a.txt", "big.txt"])
        r = self.run_nhiscan("dir", "a.txt", "big.txt", "-f", "jsonl")
        self.assertEqual([f["path"] for f in r.jsonl()], ["a.txt", "big.txt"])

    def test_skipped_for_size(self):
        status = {"complete": False, "reasons": [
            {"reason": "too-large", "count": 1, "message": "1 input larger than --max-file-size was skipped"}]}
        r = self.run_nhiscan("dir", "a.txt", "big.txt", "-f", "json", "--max-file-size", "1KiB")
        self.assertEqual(r.rc, 1, r)
        records = r.json()
        self.assertEqual([f["path"] for f in records[:-1]], ["a.txt"])
        self.assertEqual(records[-1], status)  # last, after the findings
        r = self.run_nhiscan("dir", "a.txt", "big.txt", "-f", "jsonl", "--max-file-size", "1KiB")
        records = r.jsonl()
        self.assertEqual(records[-1], status)
        self.assertEqual(len(self.status_of(records)), 1)

    def test_unreadable_and_skipped_without_findings(self):
        r = self.run_nhiscan("dir", "big.txt", "no-such-file", "-f", "json", "--max-file-size", "100")
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(r.json(), [{"complete": False, "reasons": [
            {"reason": "unreadable", "count": 1, "message": "1 input could not be read"},
            {"reason": "too-large", "count": 1, "message": "1 input larger than --max-file-size was skipped"}]}])

    def test_git_history_skip(self):
        self.git("init", "-q", "-b", "main")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "c")
        r = self.run_nhiscan("git", "-f", "jsonl", "--max-file-size", "1KiB")
        [status] = self.status_of(r.jsonl())
        self.assertEqual(status["complete"], False)
        self.assertEqual([x["reason"] for x in status["reasons"]], ["too-large"])


if __name__ == "__main__":
    unittest.main()
