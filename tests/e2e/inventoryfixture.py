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


# --- Further fixtures (tests/e2e/test_inventory_lifecycle.py, test_inventory_identity.py) ---

SERVICE_ENV = "# service settings\nAPP_NAME=svc\nAPP_PORT=8080\nLOG_LEVEL=info\nREGION=eu-west-1\nRETRIES=3\n{token}TIMEOUT=30\n"


def lifecycle_secrets():
    rng = support.random.Random(777)
    tok = lambda: "ghp" + "_" + (lambda body: body + support.base62_crc32(body))(support.rand_chars(30, rng=rng))
    return {name: tok() for name in ("R1", "R2", "R3", "R4", "R5", "S1", "S2", "O1")}


def build_rotations(root, env, s):
    """gamma (main), rotations across a rename and across two commits:
      r1 2024-01-01 Alice  config/service.env API_TOKEN=R1; ci/vars.sh OLD_TOKEN=R4
      r2 2024-02-01 Bob    config/service.env renamed to deploy/service.env with API_TOKEN=R2
                           (rotation across a rename); ci/vars.sh's OLD_TOKEN=R4 becomes
                           NEW_TOKEN=R5 (a renamed variable: another slot, no rotation)
      r3 2024-03-01 Carol  deploy/service.env loses its API_TOKEN line (R2 removed)
      r4 2024-04-01 Dave   deploy/service.env gets API_TOKEN=R3 (rotation spanning r3 and r4)
    """
    c = {}
    g = Builder(os.path.join(root, "gamma"), env)
    g.write("config/service.env", SERVICE_ENV.format(token=f"API_TOKEN={s['R1']}\n"))
    g.write("ci/vars.sh", f"#!/bin/sh\nexport OLD_TOKEN={s['R4']}\n")
    c["r1"] = g.commit("Alice", "2024-01-01T00:00:00+00:00", "service config")
    os.makedirs(os.path.join(g.path, "deploy"))
    g.git("mv", "config/service.env", "deploy/service.env")
    g.write("deploy/service.env", SERVICE_ENV.format(token=f"API_TOKEN={s['R2']}\n"))
    g.write("ci/vars.sh", f"#!/bin/sh\nexport NEW_TOKEN={s['R5']}\n")
    c["r2"] = g.commit("Bob", "2024-02-01T00:00:00+00:00", "move config, new token")
    g.write("deploy/service.env", SERVICE_ENV.format(token=""))
    c["r3"] = g.commit("Carol", "2024-03-01T00:00:00+00:00", "drop token")
    g.write("deploy/service.env", SERVICE_ENV.format(token=f"API_TOKEN={s['R3']}\n"))
    c["r4"] = g.commit("Dave", "2024-04-01T00:00:00+00:00", "token back")
    return c


def build_shallow(root, env, s):
    """delta (main) and delta-shallow, its clone of depth 2 (commits d2, d3; d2 is the boundary):
      d1 2024-01-01 Alice  app/settings.env SERVICE_TOKEN=S1, OTHER_TOKEN=S2
      d2 2024-02-01 Bob    README.md only
      d3 2024-03-01 Zed    app/settings.env: S1's line gains a comment (Zed last changed it)
    In the clone, d2 seems to introduce both values; its author did not."""
    c = {}
    d = Builder(os.path.join(root, "delta"), env)
    d.write("app/settings.env", f"APP=1\nSERVICE_TOKEN={s['S1']}\nOTHER_TOKEN={s['S2']}\n")
    c["d1"] = d.commit("Alice", "2024-01-01T00:00:00+00:00", "settings")
    d.write("README.md", "# delta\n")
    c["d2"] = d.commit("Bob", "2024-02-01T00:00:00+00:00", "readme")
    d.write("app/settings.env", f"APP=1\nSERVICE_TOKEN={s['S1']}  # rotate by Q3\nOTHER_TOKEN={s['S2']}\n")
    c["d3"] = d.commit("Zed", "2024-03-01T00:00:00+00:00", "note")
    subprocess.run(["git", "clone", "-q", "--depth", "2", "file://" + d.path, os.path.join(root, "delta-shallow")],
                   env=d.env, check=True, capture_output=True)
    return c


GITLAB_CODEOWNERS = """# GitLab sections: each section's last matching line, owners added up.
*.env @root-env
[Backend] @backend-lead
/app/ @backend
/api/ @api-team
^[Ops][2]
*.env @ops
"""


def build_owners(root, env, s):
    """epsilon (main), one value in two places with different owners; CODEOWNERS in .gitlab/:
      e1 2024-01-01 Alice  .gitlab/CODEOWNERS; api/two.txt and app/one.env, both O1
      e2 2024-02-01 Bob    api/two.txt removed (app/one.env still holds O1 at HEAD)
    """
    c = {}
    e = Builder(os.path.join(root, "epsilon"), env)
    e.write(".gitlab/CODEOWNERS", GITLAB_CODEOWNERS)
    e.write("api/two.txt", f"token: {s['O1']}\n")
    e.write("app/one.env", f"TOKEN={s['O1']}\n")
    c["e1"] = e.commit("Alice", "2024-01-01T00:00:00+00:00", "two places")
    e.git("rm", "-q", "api/two.txt")
    c["e2"] = e.commit("Bob", "2024-02-01T00:00:00+00:00", "one place")
    return c


def identity_secrets():
    """Values whose formats carry a public identifier: a GCP service-account key file, a JWT
    and an AWS key pair. Built at run time from random bytes."""
    import base64
    import json as _json
    rng = support.random.Random(99)
    b64url = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    header = {"alg": "RS256", "kid": "key-2024", "typ": "JWT"}
    payload = {"iss": "https://auth.example.test", "sub": "svc-deployer", "aud": "api", "exp": 4102444800}
    jwt = ".".join([b64url(_json.dumps(header).encode()), b64url(_json.dumps(payload).encode()),
                    b64url(bytes(rng.randrange(256) for _ in range(256)))])
    key_id, secret = support.aws_key_pair()
    return {"JWT": jwt, "AWS_ID": key_id, "AWS_SECRET": secret,
            "PEM": support.rsa_private_key_pem(), "KEY_ID": support.rand_chars(40, "0123456789abcdef", rng=rng),
            "EMAIL": "deployer@proj-0000.iam.gserviceaccount.com"}


def build_identities(root, env, s):
    """zeta (main), one commit 2024-01-01 by Alice: gcp/sa.json, auth/service.env (JWT),
    aws/credentials (key pair)."""
    import json as _json
    z = Builder(os.path.join(root, "zeta"), env)
    z.write("gcp/sa.json", _json.dumps({
        "type": "service_account", "project_id": "proj-0000", "private_key_id": s["KEY_ID"],
        "private_key": s["PEM"], "client_email": s["EMAIL"], "client_id": "100000000000000000000"}, indent=2) + "\n")
    z.write("auth/service.env", f'SERVICE_JWT="{s["JWT"]}"\n')
    z.write("aws/credentials", f"[default]\naws_access_key_id = {s['AWS_ID']}\naws_secret_access_key = {s['AWS_SECRET']}\n")
    return {"z1": z.commit("Alice", "2024-01-01T00:00:00+00:00", "credentials")}
