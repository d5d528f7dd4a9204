"""The GitHub Action's entry script (action/entrypoint.sh) against simulated GitHub
environments: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH (a JSON payload), GITHUB_WORKSPACE,
GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP, in a fixture repository cloned the way
actions/checkout with fetch-depth: 0 leaves it (origin/* refs).

Fixture history:
    main:     c1 README  ->  c2 adds config.py with token A  ->  c3 clean app.py
    feature:  c3  ->  c4 adds feature.py with token B
"""
import json
import os
import re
import subprocess
import unittest

from support import BIN, SOURCE_DIR, NhiscanTest, github_token
from validators import SharedCacheMixin, run_multitool

ENTRYPOINT = os.path.join(SOURCE_DIR, "action", "entrypoint.sh")
ZERO = "0" * 40



def project_version():
    with open(os.path.join(SOURCE_DIR, "CMakeLists.txt")) as f:
        return re.search(r"project\(nhiscan VERSION ([0-9.]+)", f.read()).group(1)


try:
    import yaml
except ImportError:  # pragma: no cover
    yaml = None


class ActionRun:
    def __init__(self, proc, outputs, summary, sarif_text):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr
        self.outputs = outputs
        self.summary = summary
        self.sarif_text = sarif_text

    @property
    def log(self):
        return self.out + self.err

    def sarif(self):
        return json.loads(self.sarif_text)

    def command(self):
        """The nhiscan command line the entrypoint ran for the JSON report."""
        m = re.search(r"^nhiscan: running: (nhiscan git .*-f json.*)$", self.log, re.M)
        return m.group(1) if m else None

    def __repr__(self):
        return f"rc={self.rc}\nstdout:\n{self.out}\nstderr:\n{self.err}\noutputs: {self.outputs}\nsummary:\n{self.summary}"


class GitHubActionTest(SharedCacheMixin, NhiscanTest):
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
        g("commit", "-q", "-m", "c2: config", "--date", "2024-01-02T00:00:00Z")
        self.c2 = g("rev-parse", "HEAD").strip()
        self.write("origin/app.py", "print('hello')\n")
        g("add", "-A")
        g("commit", "-q", "-m", "c3: app")
        self.c3 = g("rev-parse", "HEAD").strip()
        g("checkout", "-q", "-b", "feature")
        self.write("origin/feature.py", "import os\n\nAPI = '%s'\n" % self.token_b)
        g("add", "-A")
        g("commit", "-q", "-m", "c4: feature")
        self.c4 = g("rev-parse", "HEAD").strip()
        g("checkout", "-q", "main")
        self.origin = origin
        # The workspace: a full clone, as actions/checkout with fetch-depth: 0 makes it.
        self.ws = self.path("workspace")
        self.git("clone", "-q", origin, self.ws)
        self.runner_temp = self.path("runner-temp")
        os.makedirs(self.runner_temp)

    def run_action(self, event, payload, inputs=None, workspace=None, raw_sarif_ok=False):
        n = len(os.listdir(self.runner_temp))
        event_path = os.path.join(self.runner_temp, f"event{n}.json")
        with open(event_path, "w") as f:
            json.dump(payload, f)
        output = os.path.join(self.runner_temp, f"output{n}")
        summary = os.path.join(self.runner_temp, f"summary{n}.md")
        open(output, "w").close()
        open(summary, "w").close()
        env = dict(self.env)
        env.update({
            "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event, "GITHUB_EVENT_PATH": event_path,
            "GITHUB_WORKSPACE": workspace or self.ws, "GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary,
            "RUNNER_TEMP": self.runner_temp, "GITHUB_REPOSITORY": "acme/demo",
        })
        for k, v in (inputs or {}).items():
            env["INPUT_" + k.upper().replace("-", "_")] = v
        proc = subprocess.run(["bash", ENTRYPOINT], cwd=workspace or self.ws, capture_output=True, text=True,
                              env=env, errors="replace", timeout=600)
        outputs = {}
        with open(output) as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    outputs[k] = v
        with open(summary) as f:
            summary_text = f.read()
        sarif_text = ""
        if outputs.get("sarif-file") and os.path.exists(outputs["sarif-file"]):
            with open(outputs["sarif-file"]) as f:
                sarif_text = f.read()
        r = ActionRun(proc, outputs, summary_text, sarif_text)
        for token in (self.token_a, self.token_b):
            # The log, the annotations, the summary and the outputs are never unredacted; the
            # SARIF file is the report file, which --no-redact may affect.
            self.assertNoSecret(token, r.out, r.err, r.summary, json.dumps(outputs))
            if not raw_sarif_ok:
                self.assertNoSecret(token, r.sarif_text)
        return r

    def push_payload(self, before, after, ref="refs/heads/main", **extra):
        p = {"ref": ref, "before": before, "after": after, "repository": {"default_branch": "main",
                                                                           "full_name": "acme/demo"}}
        p.update(extra)
        return p

    def sarif_results(self, r):
        log = r.sarif()
        self.assertEqual(log["version"], "2.1.0")
        return [res for run in log["runs"] for res in run.get("results", [])]

    def sarif_uris(self, r):
        return sorted(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                      for res in self.sarif_results(r))

    def assertOutputs(self, r, findings, scanned):
        self.assertEqual(r.outputs.get("findings"), str(findings), r)
        self.assertEqual(r.outputs.get("scanned"), scanned, r)
        self.assertTrue(r.outputs.get("sarif-file", "").startswith(self.runner_temp), r)
        self.assertTrue(os.path.isfile(r.outputs["sarif-file"]), r)

    # --- action.yml's steps, run as the runner would, with a stand-in for docker ----------
    # FAKE_DOCKER logs each call; `docker run` checks that every path the entry script is
    # given is mounted, then runs the image's entry script here (the image's nhiscan is the
    # build's binary), with only the variables passed by -e: what the container would see.
    FAKE_DOCKER = r"""#!/usr/bin/env python3
import json, os, subprocess, sys
args = sys.argv[1:]
with open(os.environ["FAKE_DOCKER_LOG"], "a") as f:
    f.write(json.dumps(args) + "\n")
if args[0] != "run":
    sys.exit(0)
env, mounts, workdir, i = {"PATH": os.environ["FAKE_IMAGE_PATH"], "HOME": os.environ["HOME"]}, [], None, 1
while args[i].startswith("-"):
    if args[i] == "-e":
        env[args[i + 1]] = os.environ.get(args[i + 1], ""); i += 2
    elif args[i] == "-v":
        mounts.append(args[i + 1].split(":")[0]); i += 2
    elif args[i] in ("--user", "--workdir"):
        workdir = args[i + 1] if args[i] == "--workdir" else workdir; i += 2
    else:
        i += 1
for var in ("GITHUB_WORKSPACE", "RUNNER_TEMP", "GITHUB_EVENT_PATH", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"):
    if not any(env[var] == m or env[var].startswith(m + "/") for m in mounts):
        sys.exit(f"fake docker: {var}={env[var]} is not mounted: {mounts}")
sys.exit(subprocess.run(["bash", os.environ["FAKE_IMAGE_ENTRYPOINT"]], cwd=workdir, env=env).returncode)
"""

    def run_composite(self, event, payload, inputs=None):
        """Runs action.yml's steps in order, with ${{ inputs.* }} and ${{ steps.*.outputs.* }}
        filled in as the runner does. Returns (ActionRun of the last step, docker calls)."""
        with open(os.path.join(SOURCE_DIR, "action", "action.yml")) as f:
            action = yaml.safe_load(f)
        fake = os.path.join(self.root, "fake-bin")
        image_bin = os.path.join(self.root, "image-bin")
        os.makedirs(fake, exist_ok=True)
        os.makedirs(image_bin, exist_ok=True)
        with open(os.path.join(fake, "docker"), "w") as f:
            f.write(self.FAKE_DOCKER)
        os.chmod(os.path.join(fake, "docker"), 0o755)
        if not os.path.exists(os.path.join(image_bin, "nhiscan")):
            os.symlink(os.path.abspath(BIN), os.path.join(image_bin, "nhiscan"))
        docker_log = os.path.join(self.root, "docker.log")
        open(docker_log, "w").close()
        values = {k: v.get("default", "") for k, v in action["inputs"].items()}
        values.update(inputs or {})
        step_outputs = {}

        def expand(text):
            def one(m):
                ref = m.group(1).split(".")
                if ref[0] == "inputs":
                    return values[ref[1]]
                self.assertEqual((ref[0], ref[2]), ("steps", "outputs"), m.group(0))
                return step_outputs[ref[1]].get(ref[3], "")
            return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", one, str(text))

        event_path = os.path.join(self.runner_temp, "event.json")
        with open(event_path, "w") as f:
            json.dump(payload, f)
        summary = os.path.join(self.runner_temp, "summary.md")
        open(summary, "w").close()
        proc = None
        for n, step in enumerate(action["runs"]["steps"]):
            output = os.path.join(self.runner_temp, f"output-step{n}")
            open(output, "w").close()
            env = dict(self.env)
            env["PATH"] = fake + os.pathsep + env["PATH"]
            env.update({
                "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event, "GITHUB_EVENT_PATH": event_path,
                "GITHUB_WORKSPACE": self.ws, "GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary,
                "RUNNER_TEMP": self.runner_temp, "GITHUB_REPOSITORY": "acme/demo",
                "GITHUB_ACTION_PATH": os.path.join(SOURCE_DIR, "action"), "FAKE_DOCKER_LOG": docker_log,
                "FAKE_IMAGE_PATH": image_bin + os.pathsep + "/usr/bin:/bin", "FAKE_IMAGE_ENTRYPOINT": ENTRYPOINT,
            })
            env.update({k: expand(v) for k, v in step.get("env", {}).items()})
            self.assertEqual(step["shell"], "bash")
            proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step["run"])], cwd=self.ws, capture_output=True,
                                  text=True, env=env, errors="replace", timeout=600)
            with open(output) as f:
                step_outputs[step.get("id", str(n))] = dict(l.rstrip("\n").split("=", 1) for l in f if "=" in l)
            if proc.returncode != 0 or n == len(action["runs"]["steps"]) - 1:
                break
        with open(docker_log) as f:
            calls = [json.loads(l) for l in f]
        outputs = step_outputs.get("scan", {})
        sarif_text = ""
        if outputs.get("sarif-file") and os.path.exists(outputs["sarif-file"]):
            with open(outputs["sarif-file"]) as f:
                sarif_text = f.read()
        with open(summary) as f:
            r = ActionRun(proc, outputs, f.read(), sarif_text)
        for token in (self.token_a, self.token_b):
            self.assertNoSecret(token, r.out, r.err, r.summary, r.sarif_text)
        return r, calls

    @unittest.skipUnless(yaml, "PyYAML not available")
    def test_action_default_pulls_the_published_image_and_builds_nothing(self):
        r, calls = self.run_composite("push", self.push_payload(self.c1, self.c3))
        self.assertEqual(r.rc, 1, r)
        self.assertOutputs(r, 1, f"{self.c1}..{self.c3}")
        image = f"ghcr.io/nhiscan/nhiscan:{project_version()}"
        self.assertEqual([c[0] for c in calls], ["pull", "run"], calls)
        self.assertEqual(calls[0], ["pull", "--quiet", image])
        self.assertEqual(calls[1][-1], image)
        self.assertEqual(calls[1][calls[1].index("--user") + 1], f"{os.getuid()}:{os.getgid()}")

    @unittest.skipUnless(yaml, "PyYAML not available")
    def test_action_build_from_source_opt_in(self):
        r, calls = self.run_composite("pull_request", {"pull_request": {"base": {"sha": self.c3}, "head": {"sha": self.c4}}},
                                      {"build-from-source": "true"})
        self.assertEqual(r.rc, 1, r)
        self.assertOutputs(r, 1, f"{self.c3}..{self.c4}")
        self.assertEqual([c[0] for c in calls], ["build", "run"], calls)
        build = calls[0]
        self.assertEqual(build[build.index("--file") + 1], os.path.join(SOURCE_DIR, "action", "Dockerfile.source"))
        self.assertEqual(os.path.normpath(build[-1]), SOURCE_DIR)
        self.assertEqual(calls[1][-1], build[build.index("--tag") + 1])

    @unittest.skipUnless(yaml, "PyYAML not available")
    def test_action_with_a_runner_binary_uses_no_docker(self):
        r, calls = self.run_composite("push", self.push_payload(self.c2, self.c3), {"nhiscan": os.path.abspath(BIN)})
        self.assertEqual(r.rc, 0, r)
        self.assertOutputs(r, 0, f"{self.c2}..{self.c3}")
        self.assertEqual(calls, [])

    @unittest.skipUnless(yaml, "PyYAML not available")
    def test_action_rejects_a_bad_build_from_source_value(self):
        r, calls = self.run_composite("push", self.push_payload(self.c1, self.c3), {"build-from-source": "maybe"})
        self.assertEqual(r.rc, 2, r)
        self.assertIn("::error title=nhiscan::build-from-source must be \"true\" or \"false\", not 'maybe'", r.out)
        self.assertEqual(calls, [])

    # --- the events ----------------------------------------------------------------------

    def test_push_scans_before_after(self):
        r = self.run_action("push", self.push_payload(self.c1, self.c3))
        self.assertEqual(r.rc, 1, r)
        self.assertRegex(r.command(), rf"^nhiscan git --range {self.c1}\.\.{self.c3} ")
        self.assertOutputs(r, 1, f"{self.c1}..{self.c3}")
        self.assertEqual(self.sarif_uris(r), ["config.py"])
        # One redacted annotation per finding, at the file and line.
        ann = re.findall(r"^::error file=([^,]+),line=(\d+)[^:]*::(.*)$", r.out, re.M)
        self.assertEqual([(f, l) for f, l, _ in ann], [("config.py", "1")], r)
        self.assertIn(self.token_a[:4], ann[0][2])
        self.assertIn(self.c2[:12], ann[0][2])
        # The summary: a Markdown table with the finding.
        self.assertIn("### nhiscan", r.summary)
        self.assertIn("| Severity | Rule | Location | Secret (redacted) | Commit |", r.summary)
        self.assertIn("`config.py:1`", r.summary)
        self.assertIn(self.c2[:12], r.summary)

    def test_push_without_new_secrets_passes(self):
        r = self.run_action("push", self.push_payload(self.c2, self.c3))
        self.assertEqual(r.rc, 0, r)
        self.assertRegex(r.command(), rf"^nhiscan git --range {self.c2}\.\.{self.c3} ")
        self.assertOutputs(r, 0, f"{self.c2}..{self.c3}")
        self.assertEqual(self.sarif_results(r), [])
        self.assertIn("No credentials found", r.summary)
        self.assertNotIn("::error", r.out)

    def test_new_branch_push_scans_commits_not_on_the_default_branch(self):
        r = self.run_action("push", self.push_payload(ZERO, self.c4, ref="refs/heads/feature", created=True))
        self.assertEqual(r.rc, 1, r)
        self.assertRegex(r.command(), rf"^nhiscan git --range {self.c3}\.\.{self.c4} ")
        self.assertIn("new branch", r.log)
        self.assertOutputs(r, 1, f"{self.c3}..{self.c4}")
        self.assertEqual(self.sarif_uris(r), ["feature.py"])
        self.assertIn("`feature.py:3`", r.summary)

    def test_new_default_branch_push_scans_its_history(self):
        r = self.run_action("push", self.push_payload(ZERO, self.c3, created=True))
        self.assertEqual(r.rc, 1, r)
        self.assertRegex(r.command(), rf"^nhiscan git --branch {self.c3} ")
        self.assertOutputs(r, 1, f"history of {self.c3}")
        self.assertEqual(self.sarif_uris(r), ["config.py"])

    def test_force_push_over_an_unknown_commit_falls_back(self):
        unknown = "1234567890" * 4
        r = self.run_action("push", self.push_payload(unknown, self.c4, ref="refs/heads/feature", forced=True))
        self.assertEqual(r.rc, 1, r)
        self.assertRegex(r.command(), rf"^nhiscan git --range {self.c3}\.\.{self.c4} ")

    def test_deleted_branch_scans_nothing(self):
        r = self.run_action("push", self.push_payload(self.c4, ZERO, ref="refs/heads/feature", deleted=True))
        self.assertEqual(r.rc, 0, r)
        self.assertIsNone(r.command())
        self.assertOutputs(r, 0, "nothing")
        self.assertEqual(self.sarif_results(r), [])
        self.assertIn("Nothing to scan", r.summary)

    def test_pull_request_scans_base_head(self):
        payload = {"action": "synchronize", "number": 7,
                   "pull_request": {"base": {"sha": self.c3, "ref": "main"}, "head": {"sha": self.c4, "ref": "feature"}},
                   "repository": {"default_branch": "main"}}
        r = self.run_action("pull_request", payload)
        self.assertEqual(r.rc, 1, r)
        self.assertRegex(r.command(), rf"^nhiscan git --range {self.c3}\.\.{self.c4} ")
        self.assertOutputs(r, 1, f"{self.c3}..{self.c4}")
        self.assertEqual(self.sarif_uris(r), ["feature.py"])
        self.assertRegex(r.out, r"(?m)^::error file=feature\.py,line=3")

    def test_pull_request_target_from_a_fork_fetches_the_head(self):
        # pull_request_target checks out the base branch; a fork's head commit is only under
        # refs/pull/N/head, which even fetch-depth: 0 does not fetch. The action failed with
        # "the pull request head commit ... is not in the repository" (it fetched missing
        # commits only in shallow clones); it now fetches a missing base or head once.
        token_c = github_token()
        g = lambda *a: self.git(*a, cwd=self.origin)
        g("checkout", "-q", "--detach", self.c3)
        self.write("origin/fork.py", f"TOKEN = '{token_c}'\n")
        g("add", "-A")
        g("commit", "-q", "-m", "c5: from a fork")
        c5 = g("rev-parse", "HEAD").strip()
        g("update-ref", "refs/pull/7/head", c5)
        g("checkout", "-q", "main")
        with self.assertRaises(subprocess.CalledProcessError):
            self.git("cat-file", "-e", c5 + "^{commit}", cwd=self.ws)
        payload = {"pull_request": {"base": {"sha": self.c3}, "head": {"sha": c5}}}
        r = self.run_action("pull_request_target", payload)
        self.assertEqual(r.rc, 1, r)
        self.assertRegex(r.command(), rf"^nhiscan git --range {self.c3}\.\.{c5} ")
        self.assertEqual(self.sarif_uris(r), ["fork.py"])
        self.assertNoSecret(token_c, r.out, r.err, r.summary, r.sarif_text)
        # A commit that origin does not have either: one clear error, exit 2.
        payload = {"pull_request": {"base": {"sha": self.c3}, "head": {"sha": "1" * 40}}}
        r = self.run_action("pull_request_target", payload)
        self.assertEqual(r.rc, 2, r)
        self.assertIn("is not in the repository", r.out)

    def test_schedule_scans_the_full_history(self):
        r = self.run_action("schedule", {"schedule": "0 3 * * 1"})
        self.assertEqual(r.rc, 1, r)
        cmd = r.command()
        self.assertIsNotNone(cmd, r)
        self.assertNotIn("--range", cmd)
        self.assertNotIn("--branch", cmd)
        self.assertOutputs(r, 2, "full history")
        self.assertEqual(self.sarif_uris(r), ["config.py", "feature.py"])
        self.assertIn("Scanned: full history", r.summary)
        self.assertEqual(len(re.findall(r"(?m)^::error file=", r.out)), 2)

    def test_workflow_dispatch_scans_the_full_history(self):
        r = self.run_action("workflow_dispatch", {"inputs": {}})
        self.assertEqual(r.rc, 1, r)
        self.assertNotIn("--range", r.command())
        self.assertOutputs(r, 2, "full history")

    # --- the inputs ----------------------------------------------------------------------

    def test_fail_on_findings_false_reports_without_failing(self):
        r = self.run_action("push", self.push_payload(self.c1, self.c3), inputs={"fail-on-findings": "false"})
        self.assertEqual(r.rc, 0, r)
        self.assertOutputs(r, 1, f"{self.c1}..{self.c3}")
        self.assertIn("::error file=config.py", r.out)

    def test_scan_full_and_range_inputs_override_the_event(self):
        r = self.run_action("push", self.push_payload(self.c2, self.c3), inputs={"scan": "full"})
        self.assertOutputs(r, 2, "full history")
        r = self.run_action("schedule", {}, inputs={"range": f"{self.c3}..{self.c4}"})
        self.assertRegex(r.command(), rf"^nhiscan git --range {self.c3}\.\.{self.c4} ")

    def test_sarif_file_input_and_extra_args(self):
        self.write("workspace/.nhiscan-ci.toml", "")
        r = self.run_action("push", self.push_payload(self.c1, self.c3),
                            inputs={"sarif-file": "reports/out.sarif", "args": "--config .nhiscan-ci.toml --threads 1"})
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(r.outputs["sarif-file"], os.path.join(self.ws, "reports", "out.sarif"))
        self.assertIn("--config .nhiscan-ci.toml --threads 1", r.command())
        self.assertEqual(self.sarif_uris(r), ["config.py"])

    def test_no_redact_reaches_only_the_report_file(self):
        # Issue 20, item 7: `args: --no-redact` printed raw secrets into the annotations and the
        # job summary, which are public on a public repository.
        r = self.run_action("push", self.push_payload(self.c1, self.c3), inputs={"args": "--no-redact"},
                            raw_sarif_ok=True)  # run_action checks log, annotations and summary
        self.assertEqual(r.rc, 1, r)
        self.assertNotIn("--no-redact", r.command())  # the JSON behind annotations and summary
        ann = re.findall(r"^::error file=config\.py[^:]*::(.*)$", r.out, re.M)
        self.assertEqual(len(ann), 1, r)
        self.assertIn(self.token_a[:4] + "*****", ann[0])
        self.assertIn(f"`{self.token_a[:4]}*****`", r.summary)
        self.assertRegex(r.out, r"(?m)^::warning title=nhiscan::args has --no-redact: it applies only to the SARIF")
        # The report file is what --no-redact is for.
        self.assertIn(self.token_a, r.sarif_text)
        self.assertRegex(r.log, r"(?m)^nhiscan: running: nhiscan git .*--no-redact.*-f sarif")
        # Without it, no warning.
        r = self.run_action("push", self.push_payload(self.c1, self.c3))
        self.assertNotIn("::warning", r.out)

    def test_no_redact_with_a_value_is_recognised(self):
        # CLI11 takes `--no-redact=true` (and `=1`) as the flag: it reached the JSON report
        # and no warning was printed (only the second redaction kept the log clean).
        for arg in ("--no-redact=true", "--no-redact=1"):
            r = self.run_action("push", self.push_payload(self.c1, self.c3), inputs={"args": arg},
                                raw_sarif_ok=True)
            self.assertEqual(r.rc, 1, r)
            self.assertNotIn("--no-redact", r.command())
            self.assertRegex(r.out, r"(?m)^::warning title=nhiscan::args has --no-redact")
            self.assertIn(self.token_a, r.sarif_text)
        r = self.run_action("push", self.push_payload(self.c1, self.c3), inputs={"args": "--no-redact=false"})
        self.assertEqual(r.rc, 1, r)
        self.assertNotIn("::warning", r.out)

    # --- errors never look clean ---------------------------------------------------------

    # Issue 20, item 6: on a shallow checkout (actions/checkout's default depth 1) the action
    # fell back to the whole tip and reported every old finding as new. It now fetches the
    # history the scan needs, or fails at once telling the user to set fetch-depth: 0. (The
    # old test_shallow_clone_fails_with_a_hint expected a failure for a PR whose commits can
    # be fetched; it is replaced, deliberately, by the tests below.)

    def shallow_checkout(self, branch="main"):
        shallow = self.path(f"shallow-{branch}-{len(os.listdir(self.path('.')))}")
        self.git("clone", "-q", "--depth", "1", "--branch", branch, "file://" + self.origin, shallow)
        self.assertEqual(self.git("rev-parse", "--is-shallow-repository", cwd=shallow).strip(), "true")
        return shallow

    def test_shallow_push_fetches_the_range_and_reports_nothing_old(self):
        ws = self.shallow_checkout()
        r = self.run_action("push", self.push_payload(self.c2, self.c3), workspace=ws)
        self.assertEqual(r.rc, 0, r)  # config.py's token came in c2, before the push
        self.assertRegex(r.command(), rf"^nhiscan git --range {self.c2}\.\.{self.c3} ")
        self.assertIn("shallow checkout: fetching the history", r.log)
        self.assertIn("fetch-depth: 0", r.log)
        self.assertOutputs(r, 0, f"{self.c2}..{self.c3}")
        self.assertNotIn("::error", r.out)
        # The push that did add it is still reported, at its commit.
        ws = self.shallow_checkout()
        r = self.run_action("push", self.push_payload(self.c1, self.c3), workspace=ws)
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(self.sarif_uris(r), ["config.py"])
        self.assertIn(self.c2[:12], r.summary)

    def test_shallow_pull_request_fetches_base_and_head(self):
        ws = self.shallow_checkout()
        payload = {"pull_request": {"base": {"sha": self.c3}, "head": {"sha": self.c4}}}
        r = self.run_action("pull_request", payload, workspace=ws)
        self.assertEqual(r.rc, 1, r)
        self.assertRegex(r.command(), rf"^nhiscan git --range {self.c3}\.\.{self.c4} ")
        self.assertEqual(self.sarif_uris(r), ["feature.py"])

    def test_shallow_new_branch_and_schedule_fetch_the_whole_history(self):
        ws = self.shallow_checkout("feature")
        r = self.run_action("push", self.push_payload(ZERO, self.c4, ref="refs/heads/feature", created=True),
                            workspace=ws)
        self.assertEqual(r.rc, 1, r)
        self.assertIn("git fetch --unshallow", r.log)
        self.assertRegex(r.command(), rf"^nhiscan git --range {self.c3}\.\.{self.c4} ")
        self.assertEqual(self.sarif_uris(r), ["feature.py"])
        ws = self.shallow_checkout()
        r = self.run_action("schedule", {}, workspace=ws)
        self.assertEqual(r.rc, 1, r)
        self.assertOutputs(r, 2, "full history")
        self.assertNotIn("history is truncated", r.log)

    def test_shallow_checkout_that_cannot_fetch_fails_with_a_hint(self):
        ws = self.shallow_checkout()
        self.git("remote", "set-url", "origin", "file://" + self.path("gone"), cwd=ws)
        for event, payload in (("push", self.push_payload(self.c2, self.c3)),
                               ("pull_request", {"pull_request": {"base": {"sha": self.c1}, "head": {"sha": self.c4}}}),
                               ("schedule", {})):
            r = self.run_action(event, payload, workspace=ws)
            self.assertEqual(r.rc, 2, (event, r))
            self.assertIsNone(r.command(), r)  # nothing scanned: no old finding reported as new
            errors = re.findall(r"(?m)^::error title=nhiscan::(.*)$", r.out)
            self.assertEqual(len(errors), 1, r)
            self.assertIn("set fetch-depth: 0 in actions/checkout", errors[0])
            self.assertIn("nhiscan failed", r.summary)

    def test_missing_checkout_fails(self):
        empty = self.path("empty-ws")
        os.makedirs(empty)
        r = self.run_action("push", self.push_payload(self.c1, self.c3), workspace=empty)
        self.assertEqual(r.rc, 2, r)
        self.assertIn("not a git repository", r.out)

    def test_incomplete_scan_with_findings_reports_them_and_fails(self):
        # A blob that cannot be read (here: deleted from the odb) next to a finding: nhiscan
        # exits 1 for the JSON report and 2 for the SARIF one (--exit-code 0 covers findings,
        # not errors). The action stopped at the SARIF step with "could not write the SARIF
        # report" (it had been written), before the annotations and the summary, so the
        # finding was never shown. It must show the finding and the incomplete scan, and fail
        # with 2 whatever fail-on-findings says: an incomplete scan never passes.
        oid = self.git("rev-parse", f"{self.c3}:app.py", cwd=self.ws).strip()
        self.git("repack", "-a", "-d", "-q", cwd=self.ws)
        packdir = os.path.join(self.ws, ".git", "objects", "pack")
        # Explode the pack so that the one blob can be removed.
        for name in os.listdir(packdir):
            if name.endswith(".pack"):
                pack = os.path.join(packdir, name)
                os.rename(pack, pack + ".tmp")
                os.remove(pack[:-5] + ".idx")
                with open(pack + ".tmp", "rb") as f:
                    subprocess.run(["git", "unpack-objects", "-q"], cwd=self.ws, stdin=f, check=True)
                os.remove(pack + ".tmp")
        os.remove(os.path.join(self.ws, ".git", "objects", oid[:2], oid[2:]))
        for inputs in ({}, {"fail-on-findings": "false"}):
            r = self.run_action("push", self.push_payload(self.c1, self.c3), inputs=inputs)
            self.assertEqual(r.rc, 2, r)
            self.assertNotIn("could not write the SARIF", r.log)
            self.assertIn("::error file=config.py", r.out)
            self.assertIn("::warning title=nhiscan: incomplete scan::", r.out)
            self.assertEqual(r.outputs.get("findings"), "1", r)
            self.assertIn("Incomplete scan", r.summary)
            self.assertIn("config.py", r.summary)
            self.assertEqual(self.sarif_uris(r), ["config.py"])

    # --- the SARIF is what code scanning accepts ----------------------------------------

    def test_sarif_validates(self):
        # The official SARIF Multitool with GitHub's ingestion rules (tests/tools/install-validators.sh).
        for r in (self.run_action("schedule", {}), self.run_action("push", self.push_payload(self.c2, self.c3)),
                  self.run_action("push", self.push_payload(self.c3, ZERO, deleted=True))):
            problems, output = run_multitool(self, r.outputs["sarif-file"])
            self.assertEqual(problems, [], output)


class ActionDefinitionTest(unittest.TestCase):
    """action.yml and the Dockerfile agree with the entry script."""

    def read(self, *parts):
        with open(os.path.join(SOURCE_DIR, *parts)) as f:
            return f.read()

    @unittest.skipUnless(yaml, "PyYAML not available")
    def test_action_yml(self):
        action = yaml.safe_load(self.read("action", "action.yml"))
        self.assertEqual(action["runs"]["using"], "composite")
        for name in ("path", "fail-on-findings", "sarif-file", "scan", "range", "args", "nhiscan", "build-from-source"):
            self.assertIn(name, action["inputs"])
        self.assertEqual(action["inputs"]["fail-on-findings"]["default"], "true")
        self.assertEqual(action["inputs"]["build-from-source"]["default"], "false")
        for name in ("sarif-file", "findings", "scanned"):
            self.assertEqual(action["outputs"][name]["value"], "${{ steps.scan.outputs.%s }}" % name)
        steps = {s.get("id", s.get("name")): s for s in action["runs"]["steps"]}
        scan = steps["scan"]
        script = self.read("action", "entrypoint.sh")
        for var in scan["env"]:
            if var == "NHISCAN_ACTION_IMAGE":  # the image to run, from the image step
                self.assertIn('"$NHISCAN_ACTION_IMAGE"', scan["run"])
                continue
            self.assertIn(var, script, f"entrypoint.sh does not read {var}")
            if var != "INPUT_NHISCAN":  # only used outside the container
                self.assertIn(f"-e {var}", scan["run"], f"{var} is not passed into the container")
        self.assertIn("entrypoint.sh", scan["run"])
        # The default path pulls the published image of this version; building it is opt-in.
        image = steps["image"]
        self.assertEqual(image["env"]["NHISCAN_IMAGE"], f"ghcr.io/nhiscan/nhiscan:{project_version()}")
        self.assertIn('docker pull --quiet "$NHISCAN_IMAGE"', image["run"])
        self.assertIn('--file "$GITHUB_ACTION_PATH/Dockerfile.source" "$GITHUB_ACTION_PATH/.."', image["run"])
        self.assertNotIn("docker build", scan["run"])
        self.assertFalse([s for s in action["runs"]["steps"] if "if" in s], "the steps decide in bash (tested below)")

    RUNTIME_STAGE_END = (
        "COPY action/entrypoint.sh /usr/local/bin/nhiscan-action\n"
        "COPY ci/nhiscan-gitlab.sh /usr/local/bin/nhiscan-gitlab\n")

    def check_ignore_file(self, dockerfile):
        # Everything the image COPYs from the context is let through the ignore file.
        docker = self.read("action", dockerfile)
        ignore = self.read("action", dockerfile + ".dockerignore")
        for src in re.findall(r"(?m)^COPY (?!--from)(\S+) ", docker):
            if src.startswith("dist/"):  # made by scripts/package
                self.assertIn("!dist/*.deb", ignore)
                continue
            self.assertIn("!" + src.rstrip("/"), ignore.replace("/\n", "\n"), src)
            self.assertTrue(os.path.exists(os.path.join(SOURCE_DIR, src)), src)

    def test_dockerfile(self):
        # The published image: one runtime stage that installs the release .deb, no compiler.
        docker = self.read("action", "Dockerfile")
        self.assertEqual(re.findall(r"(?m)^FROM .*$", docker), ["FROM debian:bookworm-slim"])
        self.assertIn("COPY dist/nhiscan_${NHISCAN_VERSION}_amd64.deb /tmp/nhiscan.deb", docker)
        self.assertRegex(docker, r"apt-get install -y --no-install-recommends ca-certificates git python3 /tmp/nhiscan\.deb")
        self.assertNotRegex(docker, r"cmake|ninja|g\+\+|-dev\b")
        self.assertIn(self.RUNTIME_STAGE_END, docker)
        self.assertIn('ENTRYPOINT ["/usr/local/bin/nhiscan-action"]', docker)
        self.check_ignore_file("Dockerfile")

    def test_source_dockerfile_makes_the_same_runtime_stage(self):
        docker = self.read("action", "Dockerfile.source")
        self.assertEqual(re.findall(r"(?m)^FROM .*$", docker), ["FROM debian:bookworm AS build", "FROM debian:bookworm-slim"])
        self.assertIn("cpack -G DEB --config /build/CPackConfig.cmake -B /dist", docker)
        self.assertIn("COPY --from=build /dist/nhiscan_*.deb /tmp/nhiscan.deb", docker)
        # From the apt-get install of the .deb on, the two images are made the same way.
        tail = lambda text: text[text.index("RUN apt-get update", text.index("/tmp/nhiscan.deb")):]
        self.assertEqual(tail(docker), tail(self.read("action", "Dockerfile")))
        self.check_ignore_file("Dockerfile.source")

    def test_image_build_context_configures(self):
        # What the Dockerfile's build stage COPYs is enough for CMake to configure a build
        # without tests (the image build itself needs Docker, which the suite doesn't have).
        import shutil
        import tempfile
        docker = self.read("action", "Dockerfile.source")
        build_stage = docker.split("\nFROM debian:bookworm-slim\n")[0]
        with tempfile.TemporaryDirectory() as d:
            for src, dest in re.findall(r"(?m)^COPY (?!--from)(\S+) (\S+)$", build_stage):
                target = os.path.join(d, os.path.relpath(dest.rstrip("/") if not dest.endswith("/") else
                                                         os.path.join(dest, os.path.basename(src)), "/src"))
                source = os.path.join(SOURCE_DIR, src)
                if os.path.isdir(source):
                    shutil.copytree(source, target)
                else:
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    shutil.copy(source, target)
            r = subprocess.run(["cmake", "-S", d, "-B", os.path.join(d, "build"), "-G", "Ninja",
                                "-DNHISCAN_TESTS=OFF"], capture_output=True, text=True, timeout=300)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            # The hook scripts that install-hook embeds are in the copy (the embedding step,
            # run by hand: through ninja it would first build every library).
            self.assertTrue(any(f.endswith(".toml") for f in os.listdir(os.path.join(d, "rules"))))
            out = os.path.join(d, "embedded_hooks.cpp")
            r = subprocess.run(["cmake", "-DHOOKS_DIR=" + os.path.join(d, "hooks"), "-DOUT=" + out, "-P",
                                os.path.join(d, "src", "cli", "embed_hooks.cmake")], capture_output=True, text=True,
                               timeout=120)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertGreater(os.path.getsize(out), 10000)


if __name__ == "__main__":
    unittest.main()
