"""The GitLab CI template (ci/nhiscan.gitlab-ci.yml) and its job script (ci/nhiscan-gitlab.sh)
against simulated CI_* variables in a fixture repository cloned the way a GitLab runner does
with GIT_DEPTH: "0". The report must validate against GitLab's secret-detection schema.

Fixture history:
    main:     c1 README  ->  c2 adds config.py with token A  ->  c3 clean app.py
    feature:  c3  ->  c4 adds feature.py with token B
"""
import json
import os
import re
import subprocess
import unittest

from support import SOURCE_DIR, NhiscanTest, github_token
from validators import SharedCacheMixin, run_ajv

SCRIPT = os.path.join(SOURCE_DIR, "ci", "nhiscan-gitlab.sh")
TEMPLATE = os.path.join(SOURCE_DIR, "ci", "nhiscan.gitlab-ci.yml")
ZERO = "0" * 40
try:
    import yaml
except ImportError:  # pragma: no cover
    yaml = None


class GitLabJobTest(SharedCacheMixin, NhiscanTest):
    def setUp(self):
        super().setUp()
        self.token_a = github_token()
        self.token_b = github_token()
        origin = self.path("origin")
        os.makedirs(origin)
        g = lambda *a: self.git(*a, cwd=origin)
        g("init", "-q", "-b", "main")
        self.write("origin/README.md", "# demo\n")
        g("add", "-A")
        g("commit", "-q", "-m", "c1")
        self.c1 = g("rev-parse", "HEAD").strip()
        self.write("origin/config.py", f'GITHUB_TOKEN = "{self.token_a}"\n')
        g("add", "-A")
        g("commit", "-q", "-m", "c2")
        self.c2 = g("rev-parse", "HEAD").strip()
        self.write("origin/app.py", "print('hello')\n")
        g("add", "-A")
        g("commit", "-q", "-m", "c3")
        self.c3 = g("rev-parse", "HEAD").strip()
        g("checkout", "-q", "-b", "feature")
        self.write("origin/feature.py", "import os\n\nAPI = '%s'\n" % self.token_b)
        g("add", "-A")
        g("commit", "-q", "-m", "c4")
        self.c4 = g("rev-parse", "HEAD").strip()
        g("checkout", "-q", "main")
        self.origin = origin
        self.project = self.path("project")
        self.git("clone", "-q", origin, self.project)

    def run_job(self, variables, project=None, checkout=None, raw_report_ok=False):
        project = project or self.project
        if checkout:
            self.git("checkout", "-q", "--detach", checkout, cwd=project)
        env = dict(self.env)
        env.update({"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_DIR": project, "CI_DEFAULT_BRANCH": "main"})
        env.update(variables)
        proc = subprocess.run(["bash", SCRIPT], cwd=project, capture_output=True, text=True, env=env,
                              errors="replace", timeout=600)
        report_path = os.path.join(project, variables.get("NHISCAN_REPORT", "gl-secret-detection-report.json"))
        report = None
        if os.path.exists(report_path):
            with open(report_path) as f:
                text = f.read()
            if not raw_report_ok:  # the report file is the one thing --no-redact may affect
                for token in (self.token_a, self.token_b):
                    self.assertNotIn(token, text)
            report = json.loads(text)
        for token in (self.token_a, self.token_b):
            self.assertNoSecret(token, proc.stdout, proc.stderr)
        return proc, report, report_path

    def command(self, proc):
        m = re.search(r"^nhiscan: running: (nhiscan git .*)$", proc.stdout, re.M)
        return m.group(1) if m else None

    def files(self, report):
        return sorted(v["location"]["file"] for v in report["vulnerabilities"])

    def assertValid(self, report_path):
        # ajv against GitLab's 15.0.0 schema (tests/tools/install-validators.sh).
        ok, output = run_ajv(self, report_path)
        self.assertTrue(ok, output)

    # --- the jobs ------------------------------------------------------------------------

    def test_merge_request_job_scans_diff_base_to_commit(self):
        proc, report, path = self.run_job({
            "NHISCAN_SCAN": "merge-request", "CI_PIPELINE_SOURCE": "merge_request_event",
            "CI_MERGE_REQUEST_DIFF_BASE_SHA": self.c3, "CI_COMMIT_SHA": self.c4,
            "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": "feature", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        }, checkout=self.c4)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)   # findings, but exit 0
        self.assertRegex(self.command(proc), rf"^nhiscan git --range {self.c3}\.\.{self.c4} .*-f gitlab")
        self.assertIn("--exit-code 0", self.command(proc))
        self.assertEqual(self.files(report), ["feature.py"])
        self.assertIn("1 finding", proc.stdout)
        self.assertValid(path)

    def test_push_job_scans_before_to_commit(self):
        proc, report, path = self.run_job({
            "NHISCAN_SCAN": "push", "CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main",
            "CI_COMMIT_BEFORE_SHA": self.c1, "CI_COMMIT_SHA": self.c3,
        })
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertRegex(self.command(proc), rf"^nhiscan git --range {self.c1}\.\.{self.c3} ")
        self.assertEqual(self.files(report), ["config.py"])
        self.assertValid(path)

    def test_clean_push_writes_an_empty_valid_report(self):
        proc, report, path = self.run_job({
            "NHISCAN_SCAN": "push", "CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main",
            "CI_COMMIT_BEFORE_SHA": self.c2, "CI_COMMIT_SHA": self.c3,
        })
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(report["vulnerabilities"], [])
        self.assertIn("no credentials found", proc.stdout)
        self.assertValid(path)

    def test_new_branch_push_scans_commits_not_on_the_default_branch(self):
        proc, report, path = self.run_job({
            "NHISCAN_SCAN": "push", "CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "feature",
            "CI_COMMIT_BEFORE_SHA": ZERO, "CI_COMMIT_SHA": self.c4,
        }, checkout=self.c4)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertRegex(self.command(proc), rf"^nhiscan git --range {self.c3}\.\.{self.c4} ")
        self.assertEqual(self.files(report), ["feature.py"])
        self.assertValid(path)

    def test_new_branch_fetches_the_default_branch_when_the_clone_lacks_it(self):
        # GitLab runners fetch only the pipeline's branch: origin/main is missing.
        single = self.path("single")
        self.git("clone", "-q", "--single-branch", "--branch", "feature", self.origin, single)
        self.assertNotIn("origin/main", self.git("branch", "-r", cwd=single))
        proc, report, path = self.run_job({
            "NHISCAN_SCAN": "push", "CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "feature",
            "CI_COMMIT_BEFORE_SHA": ZERO, "CI_COMMIT_SHA": self.c4,
        }, project=single)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertRegex(self.command(proc), rf"^nhiscan git --range {self.c3}\.\.{self.c4} ")

    def test_first_push_of_the_default_branch_scans_its_history(self):
        proc, report, path = self.run_job({
            "NHISCAN_SCAN": "push", "CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main",
            "CI_COMMIT_BEFORE_SHA": ZERO, "CI_COMMIT_SHA": self.c3,
        })
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertRegex(self.command(proc), rf"^nhiscan git --branch {self.c3} ")
        self.assertEqual(self.files(report), ["config.py"])
        self.assertValid(path)

    def test_full_history_variable(self):
        proc, report, path = self.run_job({
            "NHISCAN_FULL_HISTORY": "true", "NHISCAN_SCAN": "push", "CI_PIPELINE_SOURCE": "schedule",
            "CI_COMMIT_BRANCH": "main", "CI_COMMIT_BEFORE_SHA": ZERO, "CI_COMMIT_SHA": self.c3,
        })
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        cmd = self.command(proc)
        self.assertNotIn("--range", cmd)
        self.assertNotIn("--branch", cmd)
        self.assertEqual(self.files(report), ["config.py", "feature.py"])
        self.assertIn("full-history audit", proc.stdout)
        self.assertValid(path)

    def test_auto_mode_follows_the_pipeline_source(self):
        proc, _, _ = self.run_job({"CI_PIPELINE_SOURCE": "merge_request_event",
                                   "CI_MERGE_REQUEST_DIFF_BASE_SHA": self.c3, "CI_COMMIT_SHA": self.c4})
        self.assertRegex(self.command(proc), rf"--range {self.c3}\.\.{self.c4} ")
        proc, _, _ = self.run_job({"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main",
                                   "CI_COMMIT_BEFORE_SHA": self.c2, "CI_COMMIT_SHA": self.c3})
        self.assertRegex(self.command(proc), rf"--range {self.c2}\.\.{self.c3} ")
        proc, _, _ = self.run_job({"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_SHA": self.c3})
        self.assertNotIn("--range", self.command(proc))

    def test_fail_on_findings_option(self):
        proc, report, _ = self.run_job({
            "NHISCAN_SCAN": "push", "CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main",
            "CI_COMMIT_BEFORE_SHA": self.c1, "CI_COMMIT_SHA": self.c3, "NHISCAN_FAIL_ON_FINDINGS": "true",
        })
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        self.assertEqual(self.files(report), ["config.py"])  # the report is still written

    def test_extra_args(self):
        self.write("project/ci.toml", "")
        proc, report, _ = self.run_job({
            "NHISCAN_SCAN": "push", "CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main",
            "CI_COMMIT_BEFORE_SHA": self.c1, "CI_COMMIT_SHA": self.c3, "NHISCAN_ARGS": "--config ci.toml -j 1",
        })
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("--config ci.toml -j 1", self.command(proc))

    # --- errors fail the job -------------------------------------------------------------

    def test_missing_commit_fails_the_job(self):
        proc, report, _ = self.run_job({
            "NHISCAN_SCAN": "merge-request", "CI_MERGE_REQUEST_DIFF_BASE_SHA": "1234567890" * 4,
            "CI_COMMIT_SHA": self.c4,
        })
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        self.assertIn("GIT_DEPTH", proc.stderr)
        self.assertIsNone(report)

    def test_no_redact_reaches_only_the_report_file(self):
        # Issue 20, item 7: the job log is always redacted; --no-redact affects only the report.
        proc, report, _ = self.run_job({
            "NHISCAN_SCAN": "push", "CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main",
            "CI_COMMIT_BEFORE_SHA": self.c1, "CI_COMMIT_SHA": self.c3, "NHISCAN_ARGS": "--no-redact",
        }, raw_report_ok=True)  # run_job checks that the log holds no secret
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("warning: NHISCAN_ARGS has --no-redact", proc.stdout)
        self.assertIn(self.token_a, json.dumps(report))
        self.assertIn("config.py:1", proc.stderr)

    def test_no_redact_with_a_value_gets_the_warning(self):
        # `--no-redact=true` is the flag too (CLI11): the report holds secrets, so warn.
        proc, report, _ = self.run_job({
            "NHISCAN_SCAN": "push", "CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main",
            "CI_COMMIT_BEFORE_SHA": self.c1, "CI_COMMIT_SHA": self.c3, "NHISCAN_ARGS": "--no-redact=true",
        }, raw_report_ok=True)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("warning: NHISCAN_ARGS has --no-redact", proc.stdout)
        self.assertIn(self.token_a, json.dumps(report))

    def test_opt_in_gate_fails_on_findings(self):
        # Issue 20, item 8: the scan jobs pass so GitLab ingests the report; the opt-in gate
        # job reads that report (an artifact) and fails the pipeline on findings.
        scan = {"NHISCAN_SCAN": "push", "CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main",
                "CI_COMMIT_SHA": self.c3}
        proc, report, path = self.run_job({**scan, "CI_COMMIT_BEFORE_SHA": self.c1})
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        # The gate job has no repository (GIT_STRATEGY: none), only the artifact.
        gate_dir = self.path("gate")
        os.makedirs(gate_dir)
        os.rename(path, os.path.join(gate_dir, "gl-secret-detection-report.json"))
        proc, _, _ = self.run_job({"NHISCAN_SCAN": "gate", "NHISCAN_BIN": "/nonexistent"}, project=gate_dir)
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        self.assertIn("gate: 1 finding in the report", proc.stdout)
        self.assertIn("config.py:1", proc.stderr)
        # No findings: the gate passes.
        proc, report, path = self.run_job({**scan, "CI_COMMIT_BEFORE_SHA": self.c2})
        os.replace(path, os.path.join(gate_dir, "gl-secret-detection-report.json"))
        proc, _, _ = self.run_job({"NHISCAN_SCAN": "gate"}, project=gate_dir)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        # No report (no scan job ran): an error, never a pass.
        os.remove(os.path.join(gate_dir, "gl-secret-detection-report.json"))
        proc, _, _ = self.run_job({"NHISCAN_SCAN": "gate"}, project=gate_dir)
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        self.assertEqual(len(proc.stderr.strip().splitlines()), 1, proc.stderr)

    def test_unknown_mode_fails(self):
        proc, _, _ = self.run_job({"NHISCAN_SCAN": "everything", "CI_COMMIT_SHA": self.c3})
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)


@unittest.skipUnless(yaml, "PyYAML not available")
class GitLabTemplateTest(unittest.TestCase):
    def setUp(self):
        with open(TEMPLATE) as f:
            self.t = yaml.safe_load(f)

    def job(self, name):
        job = dict(self.t[".nhiscan"])
        job.update({k: v for k, v in self.t[name].items() if k != "variables"})
        job["variables"] = {**self.t[".nhiscan"].get("variables", {}), **self.t[name].get("variables", {})}
        return job

    def test_jobs_write_the_secret_detection_report(self):
        for name, mode in (("nhiscan-merge-request", "merge-request"), ("nhiscan-push", "push"),
                           ("nhiscan-full-history", "full")):
            self.assertEqual(self.t[name]["extends"], ".nhiscan")
            job = self.job(name)
            self.assertEqual(job["variables"]["NHISCAN_SCAN"], mode)
            self.assertEqual(job["variables"]["GIT_DEPTH"], "0")
            self.assertEqual(job["artifacts"]["reports"]["secret_detection"], "gl-secret-detection-report.json")
            self.assertEqual(job["artifacts"]["when"], "always")
            self.assertEqual(job["script"], ["nhiscan-gitlab"])
            self.assertEqual(job["image"]["entrypoint"], [""])

    def test_rules(self):
        rules = lambda name: [r["if"] for r in self.t[name]["rules"]]
        self.assertIn('$CI_PIPELINE_SOURCE == "merge_request_event"', rules("nhiscan-merge-request"))
        self.assertIn('$CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH', rules("nhiscan-push"))
        self.assertEqual(rules("nhiscan-full-history")[-1], '$NHISCAN_FULL_HISTORY == "true"')
        # With the full-history audit on, the range jobs step aside.
        for name in ("nhiscan-merge-request", "nhiscan-push"):
            never = [r for r in self.t[name]["rules"] if r.get("when") == "never"]
            self.assertIn('$NHISCAN_FULL_HISTORY == "true"', [r["if"] for r in never])
        self.assertEqual(self.t["variables"]["NHISCAN_FULL_HISTORY"], "false")

    def test_image_is_the_published_release_image(self):
        # Issue 20, item 8: the default image was "nhiscan:latest", which nothing publishes.
        with open(os.path.join(SOURCE_DIR, "CMakeLists.txt")) as f:
            version = re.search(r"project\(nhiscan VERSION ([0-9.]+)", f.read()).group(1)
        self.assertEqual(self.t["variables"]["NHISCAN_IMAGE"], f"ghcr.io/nhiscan/nhiscan:{version}")
        for name in ("nhiscan-merge-request", "nhiscan-push", "nhiscan-full-history", "nhiscan-gate"):
            self.assertEqual(self.job(name)["image"]["name"], "$NHISCAN_IMAGE", name)
        with open(os.path.join(SOURCE_DIR, "scripts", "publish-image")) as f:
            self.assertIn('image="ghcr.io/nhiscan/nhiscan:$version"', f.read())

    def test_opt_in_gate_job(self):
        self.assertEqual(self.t["variables"]["NHISCAN_GATE"], "false")
        gate = self.t["nhiscan-gate"]
        self.assertEqual(gate["variables"]["NHISCAN_SCAN"], "gate")
        self.assertEqual(gate["variables"]["GIT_STRATEGY"], "none")
        self.assertEqual(gate["script"], ["nhiscan-gitlab"])
        self.assertEqual(sorted((n["job"], n["optional"]) for n in gate["needs"]),
                         [("nhiscan-full-history", True), ("nhiscan-merge-request", True), ("nhiscan-push", True)])
        runs = [r["if"] for r in gate["rules"] if r.get("when") != "never"]
        self.assertTrue(runs and all(r.startswith('$NHISCAN_GATE == "true"') for r in runs), runs)

    def test_image_ships_the_job_script(self):
        with open(os.path.join(SOURCE_DIR, "action", "Dockerfile")) as f:
            self.assertIn("COPY ci/nhiscan-gitlab.sh /usr/local/bin/nhiscan-gitlab", f.read())


if __name__ == "__main__":
    unittest.main()
