"""Fixture repositories for `nhiscan inventory` (tests/e2e/test_inventory*.py).

Two repositories with fixed authors and dates, built with plain git:

alpha (main):
  c1 2024-01-01 Alice  README.md, .github/CODEOWNERS (overlapping patterns)
  c2 2024-01-02 Alice  config/app.env  GITHUB_TOKEN=K1          (introduced by Alice)
  c3 2024-02-15 Bob    config/app.env  GITHUB_TOKEN=K2          (Bob rotates K1 -> K2)
  c4 2024-03-01 Dave   tests/fixtures/creds.py  AWS key id AKIA  (a key under tests/)
  c5 2024-03-10 Erin   config/db.yml  a PostgreSQL URI           (CODEOWNERS /config/)
    staging/deploy   2024-04-01 Frank  deploy/keys.txt  K3  (only on a branch)
    tag v1.0         2024-04-05 Grace  notes/tag.txt    K4  (only in a tag)
  c6 2024-05-01 Heidi  ci/deploy.sh  K5                      (also in beta)
  c7 2024-05-10 Judy   ci/deploy.sh moved to ci/release.sh
  c8 2024-06-01 Carol  config/app.env loses its token line   (Carol removes K2)
beta (main):
  b1 2024-05-02 Ivan   scripts/run.sh K5; .nhiscan/triage.toml (K5 triaged, one stale entry)

Secrets are generated at run time (support.py); the inventory key is fixed (KEY) so record
keys can be computed here with HMAC-SHA256.
"""
import hashlib
import hmac
import os
import subprocess

import support

KEY = "inventory-test-key-0123456789abcdef"
NOW = 1719792000  # 2024-07-01T00:00:00Z, SOURCE_DATE_EPOCH for the runs
STALE_KEY = hmac.new(KEY.encode(), b"a credential that no longer exists", hashlib.sha256).hexdigest()

CODEOWNERS = """# Overlapping patterns: the last matching line wins.
*                @org/everyone
/config/         @org/platform
*.env            @org/env-owners
/tests/
"""


def record_key(secret):
    return hmac.new(KEY.encode(), secret.encode(), hashlib.sha256).hexdigest()


def secrets():
    rng = support.random.Random(4242)
    tok = lambda: "ghp" + "_" + (lambda body: body + support.base62_crc32(body))(support.rand_chars(30, rng=rng))
    aws = "AK" + "IA" + support.rand_chars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", rng=rng)
    pw = "Zq7" + support.rand_chars(13, rng=rng)
    return {"K1": tok(), "K2": tok(), "K3": tok(), "K4": tok(), "K5": tok(), "AWS": aws, "PW": pw}


class Builder:
    def __init__(self, path, env):
        self.path = path
        self.env = dict(env, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null")
        for k in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
            self.env.pop(k, None)
        os.makedirs(path)
        self.git("init", "-q", "-b", "main")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args):
        return subprocess.run(["git", *args], cwd=self.path, env=self.env, capture_output=True, text=True,
                              check=True).stdout.strip()

    def write(self, rel, text):
        p = os.path.join(self.path, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
        self.git("add", rel)

    def commit(self, who, date, message):
        e = {"GIT_AUTHOR_NAME": f"{who} Example", "GIT_AUTHOR_EMAIL": f"{who.lower()}@example.com",
             "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_NAME": "CI Committer",
             "GIT_COMMITTER_EMAIL": "ci@example.com", "GIT_COMMITTER_DATE": date}
        subprocess.run(["git", "commit", "-q", "-m", message], cwd=self.path, env=dict(self.env, **e), check=True)
        return self.git("rev-parse", "HEAD")


def build(root, env):
    """Builds alpha and beta under root; returns (secrets, commits)."""
    s = secrets()
    c = {}
    a = Builder(os.path.join(root, "alpha"), env)
    a.write("README.md", "# alpha\n")
    a.write(".github/CODEOWNERS", CODEOWNERS)
    c["c1"] = a.commit("Alice", "2024-01-01T00:00:00+00:00", "initial")
    a.write("config/app.env", f"APP_ENV=prod\nGITHUB_TOKEN={s['K1']}\n")
    c["c2"] = a.commit("Alice", "2024-01-02T00:00:00+00:00", "add config")
    a.write("config/app.env", f"APP_ENV=prod\nGITHUB_TOKEN={s['K2']}\n")
    c["c3"] = a.commit("Bob", "2024-02-15T00:00:00+00:00", "rotate token")
    a.write("tests/fixtures/creds.py", f'import os\n\nAWS_KEY = "{s["AWS"]}"\n')
    c["c4"] = a.commit("Dave", "2024-03-01T00:00:00+00:00", "test creds")
    a.write("config/db.yml", f"db:\n  url: postgresql://svc_app:{s['PW']}@db.internal:5432/app\n")
    c["c5"] = a.commit("Erin", "2024-03-10T00:00:00+00:00", "database")
    a.git("checkout", "-q", "-b", "staging/deploy")
    a.write("deploy/keys.txt", f"# deploy\ntoken: {s['K3']}\n")
    c["f1"] = a.commit("Frank", "2024-04-01T00:00:00+00:00", "deploy keys")
    a.git("checkout", "-q", "main")
    a.git("checkout", "-q", "-b", "tmp")
    a.write("notes/tag.txt", f"token: {s['K4']}\n")
    c["g1"] = a.commit("Grace", "2024-04-05T00:00:00+00:00", "tagged")
    a.git("tag", "v1.0")
    a.git("checkout", "-q", "main")
    a.git("branch", "-q", "-D", "tmp")
    a.write("ci/deploy.sh", f"#!/bin/sh\nexport GH_TOKEN={s['K5']}\n")
    c["c6"] = a.commit("Heidi", "2024-05-01T00:00:00+00:00", "ci")
    a.git("mv", "ci/deploy.sh", "ci/release.sh")
    c["c7"] = a.commit("Judy", "2024-05-10T00:00:00+00:00", "rename ci script")
    a.write("config/app.env", "APP_ENV=prod\n")
    c["c8"] = a.commit("Carol", "2024-06-01T00:00:00+00:00", "drop token")

    b = Builder(os.path.join(root, "beta"), env)
    b.write("scripts/run.sh", f"#!/bin/sh\nGH_TOKEN={s['K5']} ./run\n")
    b.write(".nhiscan/triage.toml", f"""# triage
[[credential]]
key = "{record_key(s['K5'])}"
status = "accepted-risk"
owner = "@org/sec"
note = "CI token, scoped to one repository"
reviewer = "rita"
date = 2024-05-03

[[credential]]
key = "{STALE_KEY}"
status = "revoked"
""")
    c["b1"] = b.commit("Ivan", "2024-05-02T00:00:00+00:00", "run script")
    return s, c
