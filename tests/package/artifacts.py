"""Shared by the package tests: where scripts/package left its artifacts, and a fixture to scan.

The tests check what scripts/package built into dist/ (NHISCAN_DIST_DIR); they do not build it
themselves (a second, static build takes minutes). When dist/ has no artifacts of this version
they exit 77, which ctest reports as skipped, with the command that builds them. .ci/run runs
scripts/package before the suite, so CI always runs them.
"""
import hashlib
import os
import subprocess
import sys
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import support  # noqa: E402  (the e2e tests' fake-secret builders)

SKIP = 77
SOURCE_DIR = support.SOURCE_DIR
BIN = support.BIN  # the build tree's binary: the packaged ones must report the same --version
DIST = os.environ.get("NHISCAN_DIST_DIR") or os.path.join(SOURCE_DIR, "dist")
VERSION = os.environ.get("NHISCAN_VERSION", "")


def artifact(name):
    """Path of dist/NAME, or exit 77 (skipped) when scripts/package has not built it."""
    if not VERSION:
        print("package tests: NHISCAN_VERSION is not set (ctest sets it)", file=sys.stderr)
        sys.exit(2)
    p = os.path.join(DIST, name)
    if not os.path.isfile(p):
        print(f"SKIPPED: {p} does not exist: run scripts/package first "
              f"(BUILD_DIR=<this build dir> scripts/package)", file=sys.stderr)
        sys.exit(SKIP)
    return p


def check_sha256sums(test, name):
    with open(os.path.join(DIST, "SHA256SUMS")) as f:
        sums = dict(reversed(line.split()) for line in f if line.strip())
    with open(os.path.join(DIST, name), "rb") as f:
        test.assertEqual(sums.get(name), hashlib.sha256(f.read()).hexdigest(), "SHA256SUMS")


def build_version_text():
    return subprocess.run([BIN, "--version"], capture_output=True, text=True, check=True).stdout


class Fixture:
    """A directory with a GitHub token (line 3) and an AWS key pair, and a git repository whose
    history holds the same token in a file deleted since: a dir scan and a git scan."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="nhiscan-package-")
        self.token = support.github_token()
        self.key_id, self.key_secret = support.aws_key_pair()
        self.tree = os.path.join(self.root, "tree")
        os.makedirs(os.path.join(self.tree, "app"))
        with open(os.path.join(self.tree, "app", "config.py"), "w") as f:
            f.write("import os\n\nGITHUB_TOKEN = '" + self.token + "'\n")
        with open(os.path.join(self.tree, "aws.env"), "w") as f:
            f.write("AWS_ACCESS_KEY_ID=" + self.key_id + "\nAWS_SECRET_ACCESS_KEY=" + self.key_secret + "\n")
        # An archive member: libarchive is loaded with dlopen on the first archive, so this is
        # what proves a package carries (or depends on) it.
        with zipfile.ZipFile(os.path.join(self.tree, "bundle.zip"), "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("config/app.env", "GITHUB_TOKEN=" + self.token + "\n")
        self.repo = os.path.join(self.root, "repo")
        env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
               "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
               "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z", "GIT_CONFIG_NOSYSTEM": "1",
               "HOME": self.root, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        git = lambda *a: subprocess.run(["git", "-C", self.repo, *a], env=env, check=True, capture_output=True)
        os.makedirs(self.repo)
        git("init", "-q", "-b", "main")
        with open(os.path.join(self.repo, "deploy.sh"), "w") as f:
            f.write("#!/bin/sh\nexport GH=" + self.token + "\n")
        git("add", "deploy.sh")
        git("commit", "-q", "-m", "deploy")
        git("rm", "-q", "deploy.sh")
        git("commit", "-q", "-m", "remove the token")

    def check_scans(self, test, argv0, env=None, cwd="/"):
        """Runs ARGV0 on the tree and the repository; asserts the exact findings, redacted."""
        import json
        r = subprocess.run([argv0, "dir", self.tree, "-f", "json"], cwd=cwd, env=env, capture_output=True, text=True)
        test.assertEqual(r.returncode, 1, r.stderr)
        got = sorted((f["rule_id"], os.path.relpath(f["path"], self.tree) if os.path.isabs(f["path"]) else f["path"],
                      f["line"]) for f in json.loads(r.stdout))
        test.assertEqual(got, [("aws-access-key-id", "aws.env", 1), ("aws-secret-access-key", "aws.env", 2),
                               ("github-pat-classic", "app/config.py", 3),
                               ("github-pat-classic", "bundle.zip!config/app.env", 1)])
        for s in (self.token, self.key_secret):
            test.assertNotIn(s, r.stdout + r.stderr)
        r = subprocess.run([argv0, "git", self.repo, "-f", "json"], cwd=cwd, env=env, capture_output=True, text=True)
        test.assertEqual(r.returncode, 1, r.stderr)
        [f] = json.loads(r.stdout)
        test.assertEqual((f["rule_id"], f["path"], f["line"]), ("github-pat-classic", "deploy.sh", 2))
        test.assertRegex(f["commit"], r"^[0-9a-f]{40}$")
        test.assertNotIn(self.token, r.stdout + r.stderr)


def check_ignores_test_hooks(test, exe, env=None, cwd="/"):
    """A packaged binary is built without the live-validation test hooks (docs/validation.md):
    with NHISCAN_TEST_CONNECT_TO / NHISCAN_TEST_CA aimed at a loopback mock provider, its request
    does not go there but takes the normal route, into a loopback proxy (https_proxy) that
    records the tunnel's target and refuses it. Nothing leaves the machine. The build tree's
    binary, which has the hooks, reaches the mock with the same variables: this check can fail."""
    import json
    import shutil
    from mock_providers import MockProviders, start_proxy
    scratch = tempfile.mkdtemp(prefix="nhiscan-hooks-")
    mock = MockProviders(scratch)
    proxy = start_proxy(None)  # refuses every tunnel
    token = support.github_token()
    argv = ["validate", "--rule", "github-pat-classic", "-f", "json"]
    try:
        hooks = dict(mock.env(), HOME=scratch)
        mock.reset(lambda req: (200, {}, json.dumps({"login": "mock"})))
        r = subprocess.run([BIN, *argv], input=token + "\n", env=dict(hooks, PATH="/usr/bin:/bin"), cwd=cwd,
                           capture_output=True, text=True)
        test.assertEqual((r.returncode, json.loads(r.stdout)["live"]), (0, "valid"), r.stderr)
        test.assertEqual([q.host for q in mock.requests], ["api.github.com"])

        mock.reset(lambda req: (200, {}, json.dumps({"login": "mock"})))
        run_env = dict(env or {}, **hooks, https_proxy=f"http://127.0.0.1:{proxy.server_address[1]}")
        r = subprocess.run([exe, *argv], input=token + "\n", env=run_env, cwd=cwd, capture_output=True, text=True)
        test.assertEqual(r.returncode, 0, r.stderr)
        test.assertEqual(json.loads(r.stdout)["live"], "error", r.stdout)
        test.assertEqual(mock.requests, [])                  # NHISCAN_TEST_CONNECT_TO ignored
        test.assertEqual(proxy.targets, ["api.github.com:443"])  # the normal route, refused on loopback
        test.assertNotIn(token, r.stdout + r.stderr)
    finally:
        mock.close()
        proxy.shutdown()
        proxy.server_close()
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    unittest.main(verbosity=2)
