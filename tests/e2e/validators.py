"""The real report validators, installed by tests/tools/install-validators.sh.

Tests that need them fail (never skip) when they are missing: a report nobody validated is
exactly what this suite exists to prevent.
"""
import json
import os
import subprocess
import tempfile

from support import SOURCE_DIR

TOOLS = os.environ.get("NHISCAN_TOOLS_DIR") or "/opt/nhiscan-tools"
MULTITOOL = os.path.join(TOOLS, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool")
AJV = os.path.join(TOOLS, "node_modules", ".bin", "ajv")
GITLAB_SCHEMA_NAME = "gitlab-secret-detection-report-15.0.0.json"
INSTALL_HINT = "run tests/tools/install-validators.sh (installs into $NHISCAN_TOOLS_DIR, default /opt/nhiscan-tools)"


def gitlab_schema():
    candidates = []
    if os.environ.get("NHISCAN_SHARED_DIR"):
        candidates.append(os.path.join(os.environ["NHISCAN_SHARED_DIR"], "schemas", GITLAB_SCHEMA_NAME))
    candidates.append(os.path.join(SOURCE_DIR, "..", "shared", "schemas", GITLAB_SCHEMA_NAME))
    for c in candidates:
        if os.path.isfile(c):
            return os.path.abspath(c)
    raise AssertionError(f"GitLab report schema not found (looked in {candidates}); set NHISCAN_SHARED_DIR")


def require(test, path, what):
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        test.fail(f"{what} missing at {path}: {INSTALL_HINT}")


def run_multitool(test, sarif_path):
    """Validates with the SARIF rules and GitHub's ingestion rules (Gh). Returns the problems
    (level error or warning) as strings, and the multitool's console summary."""
    require(test, MULTITOOL, "SARIF Multitool")
    test.assertTrue(os.path.isfile(sarif_path), f"no SARIF file at {sarif_path}")
    with tempfile.TemporaryDirectory() as d:
        log = os.path.join(d, "validation.sarif")
        env = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1")
        proc = subprocess.run([MULTITOOL, "validate", "--rule-kind", "Gh;Sarif", "--level", "Error;Warning",
                               "-o", log, sarif_path], capture_output=True, text=True, env=env, timeout=300)
        # The multitool exits 0 even when it reports errors: read its own SARIF log.
        console = proc.stdout + proc.stderr
        test.assertTrue(os.path.isfile(log), f"multitool wrote no log:\n{console}")
        # Tool failures (unreadable input, bad options) are ERRnnn lines, not results.
        test.assertNotRegex(console, r"\bERR\d+", console)
        test.assertIn("1 files scanned", console)
        with open(log) as f:
            results = json.load(f)["runs"][0].get("results", [])
    problems = [f"{r.get('level')} {r.get('ruleId')}: {r.get('message', {}).get('arguments')}" for r in results
                if r.get("level", "warning") in ("error", "warning")]
    return problems, console


def run_ajv(test, report_path):
    """Validates a GitLab report against the 15.0.0 schema. Returns (ok, ajv output)."""
    require(test, AJV, "ajv-cli")
    proc = subprocess.run([AJV, "validate", "--spec=draft7", "--strict=false", "-c", "ajv-formats",
                           "-s", gitlab_schema(), "-d", report_path], cwd=TOOLS, capture_output=True, text=True,
                          timeout=300)
    return proc.returncode == 0, (proc.stdout + proc.stderr).strip()


class SharedCacheMixin:
    """Kept for the tests that name it: NhiscanTest now shares one rule cache by default
    (support.shared_cache_dir)."""
