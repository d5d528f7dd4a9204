"""Helpers shared by the git e2e tests: the history fixture and a rules cache per class."""
import os
import shutil
import subprocess
import tempfile

import support

FIXTURE = os.path.join(support.SOURCE_DIR, "fixtures", "make_history_repo.sh")


def build_history_repo(dest, env):
    """Runs fixtures/make_history_repo.sh; returns its manifest as a dict."""
    out = subprocess.run(["bash", FIXTURE, dest], capture_output=True, text=True, check=True, env=env).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


class SharedCacheTest(support.NhiscanTest):
    """Compiling the rule pack takes seconds; these tests share one compiled cache per class
    (the cache is not what they test)."""

    @classmethod
    def setUpClass(cls):
        cls.class_tmp = tempfile.mkdtemp(prefix="nhiscan-git-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.class_tmp, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.env["XDG_CACHE_HOME"] = os.path.join(self.class_tmp, "cache")

    def by_secret(self, findings, secret):
        return [f for f in findings if f["secret"] == secret]


class HistoryFixtureTest(SharedCacheTest):
    """The fixture repository is built once per class and treated as read-only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = dict(os.environ, HOME=cls.class_tmp, GIT_CONFIG_NOSYSTEM="1")
        cls.repo = os.path.join(cls.class_tmp, "repo")
        cls.manifest = build_history_repo(cls.repo, env)

    def commit(self, key):
        return self.manifest["commit." + key]

    def secret(self, name):
        return self.manifest["secret." + name]

    def scan(self, *args, repo=None, env=None):
        r = self.run_nhiscan("git", repo or self.repo, "-f", "jsonl", "--no-redact", *args, env=env)
        self.assertIn(r.rc, (0, 1), r)
        return r
