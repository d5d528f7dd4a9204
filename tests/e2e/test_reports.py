"""Reports platforms accept: SARIF checked by the official SARIF Multitool (with GitHub's
ingestion rules), GitLab reports checked by ajv against the 15.0.0 schema, redaction in
every format, and --exit-code.
"""
import json
import os
import re
import shutil
import tempfile
import unittest
import urllib.parse

from gitfixture import build_history_repo
from support import NhiscanTest, aws_key_pair, github_token
from validators import SharedCacheMixin, run_ajv, run_multitool

SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "1.0"}
SARIF_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
GITLAB_SEVERITY = {"critical": "Critical", "high": "High", "medium": "Medium", "low": "Low", "info": "Info"}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
GITLAB_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
FORMATS = ["text", "json", "jsonl", "sarif", "gitlab"]

# Extra rules at the severities the built-in fixture does not reach, so every SARIF level
# and GitLab severity goes through the validators. One has no remediation or references.
LEVELS_CONFIG = """
[[rules]]
id = "demo-medium-token"
name = "Demo medium token"
provider = "Demo"
kind = "token"
severity = "medium"
pattern = '''\\b(demomed_[a-z0-9]{12})\\b'''
remediation = "Rotate the demo token."
references = ["https://example.com/demo-medium"]

[[rules]]
id = "demo-low-token"
name = "Demo low token"
severity = "low"
pattern = '''\\b(demolow_[a-z0-9]{12})\\b'''

[[rules]]
id = "demo-info-token"
name = "Demo info token"
provider = "Demo"
severity = "info"
pattern = '''\\b(demoinfo_[a-z0-9]{12})\\b'''
remediation = "Nothing to rotate."
"""


class ReportTest(SharedCacheMixin, NhiscanTest):
    def out(self, name):
        """Report files go beside the work tree, never into what is scanned."""
        return os.path.join(self.root, name)

    def make_repo(self):
        """A repository with secrets in awkward paths (space, non-ASCII, '#') at every severity."""
        self.gh = github_token()
        self.key_id, self.aws_secret = aws_key_pair()
        self.secrets = [self.gh, self.key_id, self.aws_secret]
        self.git("init", "-q", "-b", "main")
        self.write("app/config.py", f'GITHUB_TOKEN = "{self.gh}"\n')
        self.write("deploy/aws env.sh",
                   f"export AWS_ACCESS_KEY_ID={self.key_id}\nexport AWS_SECRET_ACCESS_KEY={self.aws_secret}\n")
        self.write("docs/\u00fc#1.md", f"# notes\n\n    token: {self.gh}\n")
        self.write("levels.txt", "a demomed_abcdef123456 b\nc demolow_abcdef123456\ndemoinfo_abcdef123456\n")
        self.write("README.md", "nothing to see\n")
        self.write(".nhiscan.toml", LEVELS_CONFIG)
        self.git("add", "-A")
        self.git("commit", "-qm", "initial")
        self.head = self.git("rev-parse", "HEAD").strip()

    def scan(self, *args, fmt="json", expect_rc=1, paths=(".",)):
        r = self.run_nhiscan("dir", *paths, "-f", fmt, *args)
        self.assertEqual(r.rc, expect_rc, r)
        return r

    def findings(self):
        return self.scan("-q").json()


class SarifTest(ReportTest):
    def setUp(self):
        super().setUp()
        self.make_repo()

    def sarif(self, *args, expect_rc=1, paths=(".",)):
        out = self.out("out.sarif")
        self.scan("-o", out, *args, fmt="sarif", expect_rc=expect_rc, paths=paths)
        with open(out) as f:
            return out, json.load(f)

    def assertValidSarif(self, path):
        problems, console = run_multitool(self, path)
        self.assertEqual(problems, [], console)

    def test_multitool_accepts_the_report(self):
        path, _ = self.sarif()
        self.assertValidSarif(path)

    def test_log_run_and_driver(self):
        _, log = self.sarif()
        self.assertEqual(log["version"], "2.1.0")
        self.assertIn("sarif", log["$schema"])
        self.assertEqual(len(log["runs"]), 1)
        driver = log["runs"][0]["tool"]["driver"]
        self.assertEqual(driver["name"], "nhiscan")
        self.assertRegex(driver["version"], r"^\d+\.\d+\.\d+")
        self.assertTrue(driver["informationUri"].startswith("https://"))

    def test_one_rule_per_rule_that_fired(self):
        findings = self.findings()
        _, log = self.sarif()
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        self.assertEqual([r["id"] for r in rules], sorted({f["rule_id"] for f in findings}))
        by_id = {f["rule_id"]: f for f in findings}
        for r in rules:
            f = by_id[r["id"]]
            self.assertTrue(r["shortDescription"]["text"])
            self.assertTrue(r["fullDescription"]["text"])
            self.assertTrue(r["help"]["text"])
            self.assertTrue(r["help"]["markdown"])
            if f["remediation"]:
                self.assertIn(f["remediation"], r["help"]["text"])
                self.assertIn(f["remediation"], r["help"]["markdown"])
            sev = r["properties"]["security-severity"]
            self.assertIsInstance(sev, str)
            self.assertEqual(sev, SECURITY_SEVERITY[f["severity"]])
            float(sev)
            self.assertIn("security", r["properties"]["tags"])
            self.assertEqual(len(set(r["properties"]["tags"])), len(r["properties"]["tags"]))
        self.assertEqual({f["severity"] for f in findings}, set(SECURITY_SEVERITY), "fixture covers every severity")

    def test_results_locations_and_fingerprints(self):
        findings = self.findings()
        _, log = self.sarif()
        run = log["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        results = run["results"]
        self.assertEqual(len(results), len(findings))
        for res, f in zip(results, findings):
            self.assertEqual(res["ruleId"], f["rule_id"])
            self.assertEqual(rules[res["ruleIndex"]]["id"], res["ruleId"])
            self.assertEqual(res["level"], SARIF_LEVEL[f["severity"]])
            self.assertTrue(res["message"]["text"])
            self.assertEqual(len(res["locations"]), 1)
            phys = res["locations"][0]["physicalLocation"]
            self.assertEqual(phys["artifactLocation"]["uri"], urllib.parse.quote(f["path"], safe="/"))
            region = phys["region"]
            for k in ("startLine", "startColumn", "endLine", "endColumn"):
                self.assertGreaterEqual(region[k], 1, k)
            self.assertEqual(region["startLine"], f["line"])
            self.assertEqual(region["startColumn"], f["column"])
            self.assertEqual(region["endLine"], f["end_line"])
            self.assertEqual(region["endColumn"], f["end_column"] + 1, "SARIF end columns are exclusive")
            self.assertEqual(res["partialFingerprints"]["nhiscan/v1"], f["fingerprint"])
            self.assertNotIn("commit", res.get("properties", {}))
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
        self.assertIn("deploy/aws%20env.sh", uris)
        self.assertIn("docs/%C3%BC%231.md", uris)

    def test_no_findings_is_a_valid_empty_run(self):
        path, log = self.sarif(expect_rc=0, paths=("README.md",))
        self.assertEqual(log["runs"][0]["results"], [])
        self.assertEqual(log["runs"][0]["tool"]["driver"]["rules"], [])
        self.assertValidSarif(path)

    def test_unreadable_input_marks_the_invocation_failed(self):
        path, log = self.sarif(expect_rc=1, paths=(".", "no-such-file"))
        inv = log["runs"][0]["invocations"][0]
        self.assertFalse(inv["executionSuccessful"])
        self.assertEqual(inv["toolExecutionNotifications"][0]["level"], "error")
        self.assertValidSarif(path)


class GitlabTest(ReportTest):
    def setUp(self):
        super().setUp()
        self.make_repo()

    def gitlab(self, *args, expect_rc=0, paths=(".",)):
        out = self.out("gl-secret-detection-report.json")
        r = self.run_nhiscan("dir", *paths, "-f", "gitlab", "-o", out, "--exit-code", "0", *args)
        self.assertEqual(r.rc, expect_rc, r)
        with open(out) as f:
            return out, json.load(f)

    def assertValidGitlab(self, path):
        ok, output = run_ajv(self, path)
        self.assertTrue(ok, output)

    def test_ajv_accepts_the_report(self):
        path, _ = self.gitlab()
        self.assertValidGitlab(path)

    def test_scan_section(self):
        _, rep = self.gitlab()
        self.assertEqual(rep["version"], "15.0.0")
        scan = rep["scan"]
        self.assertEqual(scan["type"], "secret_detection")
        self.assertEqual(scan["status"], "success")
        self.assertEqual(scan["analyzer"]["id"], "nhiscan")
        self.assertEqual(scan["scanner"]["vendor"]["name"], "nhiscan")
        self.assertRegex(scan["start_time"], GITLAB_TIME)
        self.assertRegex(scan["end_time"], GITLAB_TIME)
        self.assertLessEqual(scan["start_time"], scan["end_time"])

    def test_vulnerabilities(self):
        findings = self.findings()
        _, rep = self.gitlab()
        vulns = rep["vulnerabilities"]
        self.assertEqual(len(vulns), len(findings))
        for v, f in zip(vulns, findings):
            self.assertRegex(v["id"], UUID)
            self.assertEqual(v["name"], f["rule_name"])
            self.assertEqual(v["severity"], GITLAB_SEVERITY[f["severity"]])
            if f["remediation"]:
                self.assertEqual(v["solution"], f["remediation"])
            self.assertEqual(v["identifiers"][0], {"type": "nhiscan_rule_id",
                                                   "name": f"nhiscan rule ID {f['rule_id']}",
                                                   "value": f["rule_id"]})
            loc = v["location"]
            self.assertEqual(loc["file"], f["path"])
            self.assertEqual(loc["start_line"], f["line"])
            self.assertEqual(loc["end_line"], f["end_line"])
            self.assertEqual(loc["commit"]["sha"], self.head, "non-git scans name HEAD")
        self.assertEqual(len({v["id"] for v in vulns}), len(vulns), "ids are unique")

    def test_ids_are_stable_across_runs_and_line_moves(self):
        _, first = self.gitlab()
        with open(self.path("app/config.py")) as f:
            body = f.read()
        self.write("app/config.py", "# moved down\n\n" + body)
        _, second = self.gitlab()
        ids = lambda rep: {(v["location"]["file"], v["identifiers"][0]["value"]): v["id"]
                           for v in rep["vulnerabilities"]}
        self.assertEqual(ids(first), ids(second))

    def test_same_secret_twice_in_a_file_gets_distinct_ids(self):
        self.write("twice.py", f"a = '{self.gh}'\nb = '{self.gh}'\n")
        # One finding per secret per path by default (docs/reports.md); every place with
        # --all-occurrences, and then each has its own id.
        _, rep = self.gitlab()
        self.assertEqual([v["location"]["start_line"] for v in rep["vulnerabilities"]
                          if v["location"]["file"] == "twice.py"], [1])
        path, rep = self.gitlab("--all-occurrences")
        ids = [v["id"] for v in rep["vulnerabilities"] if v["location"]["file"] == "twice.py"]
        self.assertEqual(len(ids), 2)
        self.assertNotEqual(ids[0], ids[1])
        self.assertValidGitlab(path)

    def test_outside_a_repository_uses_the_placeholder_commit(self):
        outside = tempfile.mkdtemp(prefix="nhiscan-norepo-")
        self.addCleanup(shutil.rmtree, outside, True)
        with open(os.path.join(outside, "creds.env"), "w") as f:
            f.write(f"GITHUB_TOKEN={self.gh}\n")
        out = os.path.join(outside, "report.json")
        r = self.run_nhiscan("dir", "creds.env", "-f", "gitlab", "-o", out, "--exit-code", "0", cwd=outside)
        self.assertEqual(r.rc, 0, r)
        with open(out) as f:
            rep = json.load(f)
        self.assertEqual(len(rep["vulnerabilities"]), 1)
        self.assertEqual(rep["vulnerabilities"][0]["location"]["commit"]["sha"], "0" * 40)
        self.assertValidGitlab(out)

    def test_exit_code_zero_still_writes_findings(self):
        _, rep = self.gitlab(expect_rc=0)
        self.assertTrue(rep["vulnerabilities"])

    def test_unreadable_input_is_a_failed_scan_and_exit_2(self):
        path, rep = self.gitlab(expect_rc=2, paths=(".", "no-such-file"))
        self.assertEqual(rep["scan"]["status"], "failure")
        self.assertEqual(rep["scan"]["messages"][0]["level"], "warn")
        self.assertTrue(rep["vulnerabilities"])
        self.assertValidGitlab(path)

    def test_empty_report(self):
        path, rep = self.gitlab(expect_rc=0, paths=("README.md",))
        self.assertEqual(rep["vulnerabilities"], [])
        self.assertValidGitlab(path)


class GitHistoryReportTest(ReportTest):
    """Git sources carry the introducing commit into SARIF properties and GitLab's location."""

    def setUp(self):
        super().setUp()
        self.make_repo()
        self.first = self.head
        self.write("later.py", f"TOKEN = '{github_token()}'\n")
        self.git("add", "-A")
        self.git("commit", "-qm", "second", env={"GIT_AUTHOR_DATE": "2024-02-03T04:05:06Z",
                                                 "GIT_COMMITTER_DATE": "2024-02-03T04:05:06Z"})
        self.second = self.git("rev-parse", "HEAD").strip()

    def history(self, fmt):
        out = self.out(f"history-{fmt}.json")  # ajv picks its parser by extension
        r = self.run_nhiscan("git", ".", "-f", fmt, "-o", out)
        self.assertEqual(r.rc, 1, r)
        with open(out) as f:
            return out, f.read()

    def test_sarif_results_name_the_commit(self):
        path, text = self.history("sarif")
        self.assertNoSecret(self.gh, text)
        results = json.loads(text)["runs"][0]["results"]
        later = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "later.py"]
        self.assertEqual(len(later), 1)
        props = later[0]["properties"]
        self.assertEqual(props["commit"], self.second)
        self.assertEqual(props["author"], "Test Author <author@example.com>")
        self.assertTrue(props["date"].startswith("2024-02-03T04:05:06"))
        self.assertTrue(all(r["properties"].get("commit") in (self.first, self.second) for r in results))
        problems, console = run_multitool(self, path)
        self.assertEqual(problems, [], console)

    def test_gitlab_location_names_the_introducing_commit(self):
        path, text = self.history("gitlab")
        vulns = json.loads(text)["vulnerabilities"]
        by_file = {v["location"]["file"]: v["location"]["commit"] for v in vulns}
        self.assertEqual(by_file["later.py"]["sha"], self.second)
        self.assertEqual(by_file["app/config.py"]["sha"], self.first)
        ok, output = run_ajv(self, path)
        self.assertTrue(ok, output)


class HistoryFixtureReportTest(SharedCacheMixin, NhiscanTest):
    """Reports from the deterministic history fixture (merges, renames, tags, unreachable and
    dangling objects, stash) validate, in every scan mode, and never carry its secrets."""

    def test_fixture_reports_validate(self):
        repo = os.path.join(self.root, "history")
        manifest = build_history_repo(repo, self.env)
        secrets = [v for k, v in manifest.items() if k.startswith("secret.")]
        self.assertGreater(len(secrets), 5)
        for args in (["git", repo, "--include-unreachable"], ["git", repo, "--all-occurrences", "--include-unreachable"],
                     ["dir", repo]):
            with self.subTest(args=args):
                sarif, gitlab = os.path.join(self.root, "h.sarif"), os.path.join(self.root, "h-gitlab.json")
                r1 = self.run_nhiscan(*args, "-f", "sarif", "-o", sarif)
                self.assertEqual(r1.rc, 1, r1)
                r2 = self.run_nhiscan(*args, "-f", "gitlab", "-o", gitlab, "--exit-code", "0")
                self.assertEqual(r2.rc, 0, r2)
                with open(sarif) as f:
                    sarif_text = f.read()
                with open(gitlab) as f:
                    gitlab_text = f.read()
                for s in secrets:
                    self.assertNoSecret(s, sarif_text, gitlab_text, r1.out, r1.err, r2.out, r2.err)
                self.assertTrue(json.loads(sarif_text)["runs"][0]["results"])
                vulns = json.loads(gitlab_text)["vulnerabilities"]
                self.assertTrue(vulns)
                self.assertEqual(len({v["id"] for v in vulns}), len(vulns))
                problems, console = run_multitool(self, sarif)
                self.assertEqual(problems, [], console)
                ok, output = run_ajv(self, gitlab)
                self.assertTrue(ok, output)


class RedactionTest(ReportTest):
    """The raw secrets appear nowhere, in any format, on stdout, stderr or in the report file."""

    def setUp(self):
        super().setUp()
        self.make_repo()

    def test_no_format_leaks_the_secret(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt, to="stdout"):
                r = self.scan(fmt=fmt)
                self.assertTrue(r.out)
                for s in self.secrets:
                    self.assertNoSecret(s, r.out, r.err)
            with self.subTest(fmt=fmt, to="file"):
                out = self.out(f"report.{fmt}")
                r = self.scan("-o", out, fmt=fmt)
                with open(out) as f:
                    body = f.read()
                self.assertTrue(body)
                for s in self.secrets:
                    self.assertNoSecret(s, r.out, r.err, body)

    def test_no_redact_shows_the_secret(self):
        findings = self.scan("--no-redact", "-q").json()
        self.assertIn(self.gh, [f["secret"] for f in findings])
        self.assertIn(self.aws_secret, [f["secret"] for f in findings])
        for fmt in ("text", "jsonl", "sarif", "gitlab"):
            with self.subTest(fmt=fmt):
                self.assertIn(self.gh, self.scan("--no-redact", "-q", fmt=fmt).out)


class TextReportTest(ReportTest):
    def setUp(self):
        super().setUp()
        self.make_repo()

    def test_grouped_by_file_with_a_summary(self):
        out = self.scan("--no-color", fmt="text").out
        lines = out.splitlines()
        self.assertEqual(lines.count("app/config.py"), 1)
        self.assertEqual(lines.count("deploy/aws env.sh"), 1)
        self.assertRegex(lines[-1], r"^\d+ findings \(.*critical.*\) in \d+ files \(.*\) in \d+\.\d+s")


class ExitCodeTest(ReportTest):
    def setUp(self):
        super().setUp()
        self.make_repo()

    def test_exit_code_replaces_the_findings_status(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                self.scan("--exit-code", "3", "-q", fmt=fmt, expect_rc=3)
                self.scan("--exit-code", "0", "-q", fmt=fmt, expect_rc=0)

    def test_exit_code_in_git_and_staged_scans(self):
        self.write("staged.py", f"T = '{github_token()}'\n")
        self.git("add", "staged.py")
        for cmd in ("git", "staged"):
            with self.subTest(cmd=cmd):
                for code in ("0", "6"):
                    r = self.run_nhiscan(cmd, ".", "-q", "-f", "json", "--exit-code", code)
                    self.assertEqual(r.rc, int(code), r)
                    self.assertTrue(r.json())

    def test_clean_scan_exits_0_whatever_the_exit_code(self):
        self.scan("--exit-code", "7", expect_rc=0, paths=("README.md",))

    def test_errors_are_never_clean(self):
        # Findings plus an unreadable input: the findings status, unless it was set to 0.
        both = (".", "no-such-file")
        self.scan("-q", expect_rc=1, paths=both)
        self.scan("-q", "--exit-code", "4", expect_rc=4, paths=both)
        self.scan("-q", "--exit-code", "0", expect_rc=2, paths=both)
        self.scan("-q", "--exit-code", "0", expect_rc=2, paths=("README.md", "no-such-file"))

    def test_out_of_range_is_a_usage_error(self):
        r = self.run_nhiscan("dir", ".", "--exit-code", "300")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("exit-code", r.err)


if __name__ == "__main__":
    unittest.main()
