"""Plain git hooks (hooks/pre-commit, hooks/pre-push) and `nhiscan install-hook`.

The hooks run under real git: commits and pushes in temp repositories, with a bare repository
as the remote. Tokens are built at runtime (support.github_token)."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from support import BIN, SOURCE_DIR, NhiscanTest, github_token

ZERO = "0" * 40

# One compiled rule cache for the whole module: the pack compiles in seconds, and the cache
# is not what these tests are about.
_cache = None


def setUpModule():
    global _cache
    _cache = tempfile.mkdtemp(prefix="nhiscan-e2e-cache-")


def tearDownModule():
    shutil.rmtree(_cache, ignore_errors=True)


class HookTest(NhiscanTest):
    def setUp(self):
        super().setUp()
        self.env["XDG_CACHE_HOME"] = _cache
        self.repo = self.path("repo")
        os.makedirs(self.repo)
        self.git("init", "-q", "-b", "main", cwd=self.repo)
        self.git("config", "commit.gpgsign", "false", cwd=self.repo)
        self.write("repo/README.md", "# demo\n")
        self.git("add", "README.md", cwd=self.repo)
        self.git("commit", "-q", "-m", "initial", cwd=self.repo)

    # git without check=True: hooks are expected to fail.
    def git_run(self, *args, cwd=None, env=None, input=None):
        e = dict(self.env)
        if env:
            e.update(env)
        return subprocess.run(["git", *args], cwd=cwd or self.repo, capture_output=True, text=True, env=e,
                              input=input, errors="replace", timeout=300)

    def install(self, *args, cwd=None):
        return self.run_nhiscan("install-hook", *args, cwd=cwd or self.repo)

    def hooks_dir(self):
        return os.path.join(self.repo, ".git", "hooks")

    def read(self, p):
        with open(p) as f:
            return f.read()

    def write_hook(self, path, body):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(body)
        os.chmod(path, 0o755)

    def secret_line(self):
        token = github_token()
        return token, f'GITHUB_TOKEN = "{token}"\n'


class InstallHookTest(HookTest):
    def test_fresh_install(self):
        r = self.install()
        self.assertEqual(r.rc, 0, r)
        hook = os.path.join(self.hooks_dir(), "pre-commit")
        self.assertIn(hook, r.out)
        self.assertTrue(os.access(hook, os.X_OK))
        content = self.read(hook)
        self.assertIn("# nhiscan-managed-hook: pre-commit\n", content)
        # The installed script is hooks/pre-commit with the installing binary filled in.
        self.assertIn("nhiscan_installed_bin='%s'" % os.path.realpath(BIN), content)
        source = self.read(os.path.join(SOURCE_DIR, "hooks", "pre-commit"))
        self.assertEqual(content.replace("nhiscan_installed_bin='%s'" % os.path.realpath(BIN), "nhiscan_installed_bin=''"),
                         source)
        self.assertFalse(os.path.exists(hook + ".local"))

    def test_fresh_install_adds_the_pre_merge_commit_hook(self):
        # Issue 20, item 3: a clean merge commit runs pre-merge-commit, not pre-commit, and
        # install-hook did not install it, so merges were never scanned.
        r = self.install()
        self.assertEqual(r.rc, 0, r)
        hook = os.path.join(self.hooks_dir(), "pre-merge-commit")
        self.assertIn(hook, r.out)
        self.assertTrue(os.access(hook, os.X_OK))
        content = self.read(hook)
        self.assertIn("# nhiscan-managed-hook: pre-merge-commit\n", content)
        source = self.read(os.path.join(SOURCE_DIR, "hooks", "pre-merge-commit"))
        self.assertEqual(content.replace("nhiscan_installed_bin='%s'" % os.path.realpath(BIN), "nhiscan_installed_bin=''"),
                         source)
        # Someone else's pre-merge-commit hook is chained like a pre-commit hook.
        shutil.rmtree(self.hooks_dir())
        mine = "#!/bin/sh\nexit 0\n"
        self.write_hook(hook, mine)
        r = self.install()
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.read(hook + ".local"), mine)
        # A refusal for either hook changes nothing at all.
        shutil.rmtree(self.hooks_dir())
        self.write_hook(hook, mine)
        self.write_hook(hook + ".local", mine)
        r = self.install()
        self.assertEqual(r.rc, 2, r)
        self.assertFalse(os.path.exists(os.path.join(self.hooks_dir(), "pre-commit")))

    def test_install_pre_push(self):
        r = self.install("--pre-push")
        self.assertEqual(r.rc, 0, r)
        hook = os.path.join(self.hooks_dir(), "pre-push")
        self.assertIn("# nhiscan-managed-hook: pre-push\n", self.read(hook))
        self.assertFalse(os.path.exists(os.path.join(self.hooks_dir(), "pre-commit")))

    def test_repo_argument_and_subdirectory(self):
        os.makedirs(os.path.join(self.repo, "src", "deep"))
        r = self.run_nhiscan("install-hook", "repo", cwd=self.tmp)
        self.assertEqual(r.rc, 0, r)
        self.assertTrue(os.path.exists(os.path.join(self.hooks_dir(), "pre-commit")))
        # From a subdirectory the repository is found upwards.
        r = self.install("--pre-push", cwd=os.path.join(self.repo, "src", "deep"))
        self.assertEqual(r.rc, 0, r)
        self.assertTrue(os.path.exists(os.path.join(self.hooks_dir(), "pre-push")))

    def test_reinstall_is_idempotent(self):
        self.assertEqual(self.install().rc, 0)
        hook = os.path.join(self.hooks_dir(), "pre-commit")
        before = self.read(hook)
        r = self.install()
        self.assertEqual(r.rc, 0, r)
        self.assertIn("already installed", r.out)
        self.assertEqual(self.read(hook), before)
        self.assertFalse(os.path.exists(hook + ".local"), "re-installing must not chain our own hook")

    def test_reinstall_updates_an_older_nhiscan_hook(self):
        hook = os.path.join(self.hooks_dir(), "pre-commit")
        self.write_hook(hook, "#!/bin/sh\n# nhiscan-managed-hook: pre-commit\n# an older version\nexit 0\n")
        r = self.install()
        self.assertEqual(r.rc, 0, r)
        self.assertIn("updated", r.out)
        self.assertNotIn("an older version", self.read(hook))
        self.assertFalse(os.path.exists(hook + ".local"))

    def test_chains_an_existing_hook(self):
        hook = os.path.join(self.hooks_dir(), "pre-commit")
        mine = "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/local-hook-ran\"\nexit 0\n"
        self.write_hook(hook, mine)
        r = self.install()
        self.assertEqual(r.rc, 0, r)
        self.assertIn("moved to", r.out)
        self.assertIn(hook + ".local", r.out)
        self.assertEqual(self.read(hook + ".local"), mine)
        self.assertTrue(os.access(hook + ".local", os.X_OK))
        self.assertIn("nhiscan-managed-hook: pre-commit", self.read(hook))

        # A clean commit runs the old hook, then nhiscan.
        self.write("repo/app.py", "print('hello')\n")
        self.git("add", "app.py", cwd=self.repo)
        c = self.git_run("commit", "-m", "clean")
        self.assertEqual(c.returncode, 0, c.stdout + c.stderr)
        self.assertEqual(self.read(os.path.join(self.repo, ".git", "local-hook-ran")), "ran\n")

        # Installing again changes nothing (ours is there; the chained hook stays).
        r = self.install()
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.read(hook + ".local"), mine)

    def test_failing_chained_hook_stops_the_commit(self):
        hook = os.path.join(self.hooks_dir(), "pre-commit")
        self.write_hook(hook, "#!/bin/sh\necho 'local policy says no' >&2\nexit 3\n")
        self.assertEqual(self.install().rc, 0)
        self.write("repo/app.py", "print('hello')\n")
        self.git("add", "app.py", cwd=self.repo)
        c = self.git_run("commit", "-m", "clean")
        self.assertNotEqual(c.returncode, 0)
        self.assertIn("local policy says no", c.stderr)

    def test_reinstall_after_the_framework_took_over_in_migration_mode(self):
        # install-hook; then `pre-commit install`, which moves our hook to pre-commit.legacy and
        # runs it from its own hook; then install-hook again (an upgrade), which moves the
        # framework's hook to pre-commit.local. Our legacy copy must not run pre-commit.local
        # (the framework) again from inside it: the framework refuses to be re-entered, and
        # every commit failed with its "bug: ... migration mode" error.
        hooks = self.hooks_dir()
        self.assertEqual(self.install().rc, 0)
        os.rename(os.path.join(hooks, "pre-commit"), os.path.join(hooks, "pre-commit.legacy"))
        framework = (
            "#!/bin/sh\n# File generated by pre-commit: https://pre-commit.com\n"
            "HERE=$(dirname -- \"$0\")\n"
            "if [ -n \"$FAKE_RUNNING_LEGACY\" ]; then\n"
            "    echo \"bug: pre-commit's script is installed in migration mode\" >&2\n    exit 1\nfi\n"
            "if [ -x \"$HERE/pre-commit.legacy\" ]; then\n"
            "    FAKE_RUNNING_LEGACY=1 \"$HERE/pre-commit.legacy\" \"$@\" || exit $?\nfi\n"
            "echo framework-ran >> \"$(git rev-parse --git-dir)/framework-ran\"\n")
        self.write_hook(os.path.join(hooks, "pre-commit"), framework)
        r = self.install()
        self.assertEqual(r.rc, 0, r)
        self.assertIn("pre-commit framework", r.out)

        self.write("repo/app.py", "print('hello')\n")
        self.git("add", "app.py", cwd=self.repo)
        c = self.git_run("commit", "-m", "clean")
        self.assertEqual(c.returncode, 0, c.stdout + c.stderr)
        self.assertNotIn("migration mode", c.stderr)
        self.assertEqual(self.read(os.path.join(self.repo, ".git", "framework-ran")), "framework-ran\n")

        token, line = self.secret_line()
        self.write("repo/conf.py", line)
        self.git("add", "conf.py", cwd=self.repo)
        c = self.git_run("commit", "-m", "leak")
        self.assertEqual(c.returncode, 1, c.stdout + c.stderr)
        self.assertIn("add a credential", c.stderr)
        self.assertNotIn("migration mode", c.stderr)
        self.assertNoSecret(token, c.stdout, c.stderr)

    def test_refuses_when_both_hook_and_local_exist(self):
        hook = os.path.join(self.hooks_dir(), "pre-commit")
        self.write_hook(hook, "#!/bin/sh\nexit 0\n")
        self.write_hook(hook + ".local", "#!/bin/sh\necho other\n")
        r = self.install()
        self.assertEqual(r.rc, 2, r)
        self.assertIn("Nothing was changed", r.err)
        self.assertEqual(self.read(hook), "#!/bin/sh\nexit 0\n")
        self.assertEqual(self.read(hook + ".local"), "#!/bin/sh\necho other\n")

    def test_refuses_a_directory(self):
        os.makedirs(os.path.join(self.hooks_dir(), "pre-commit"))
        r = self.install()
        self.assertEqual(r.rc, 2, r)
        self.assertIn("not a file", r.err)

    def test_respects_relative_core_hooks_path(self):
        self.git("config", "core.hooksPath", ".githooks", cwd=self.repo)
        r = self.install(cwd=os.path.join(self.repo))
        self.assertEqual(r.rc, 0, r)
        hook = os.path.join(self.repo, ".githooks", "pre-commit")
        self.assertTrue(os.path.exists(hook), r)
        self.assertFalse(os.path.exists(os.path.join(self.hooks_dir(), "pre-commit")))
        # git really runs it from there: a secret is blocked.
        token, line = self.secret_line()
        self.write("repo/conf.py", line)
        self.git("add", "conf.py", cwd=self.repo)
        c = self.git_run("commit", "-m", "leak")
        self.assertEqual(c.returncode, 1, c.stdout + c.stderr)
        self.assertIn("add a credential", c.stderr)
        self.assertNoSecret(token, c.stdout, c.stderr)

    def test_respects_absolute_core_hooks_path(self):
        shared = self.path("shared-hooks")
        self.git("config", "core.hooksPath", shared, cwd=self.repo)
        r = self.install("--pre-push")
        self.assertEqual(r.rc, 0, r)
        self.assertTrue(os.path.exists(os.path.join(shared, "pre-push")))

    def test_worktree_installs_into_the_common_hooks_dir(self):
        self.git("worktree", "add", "-q", self.path("wt"), "-b", "side", cwd=self.repo)
        r = self.install(cwd=self.path("wt"))
        self.assertEqual(r.rc, 0, r)
        self.assertTrue(os.path.exists(os.path.join(self.hooks_dir(), "pre-commit")), r)

    def test_not_a_repository(self):
        os.makedirs(self.path("plain"))
        r = self.run_nhiscan("install-hook", self.path("plain"))
        self.assertEqual(r.rc, 2, r)
        self.assertIn("not in a git repository", r.err)


class PreCommitHookTest(HookTest):
    def setUp(self):
        super().setUp()
        r = self.install()
        self.assertEqual(r.rc, 0, r)

    def test_blocks_a_secret_with_guidance(self):
        token, line = self.secret_line()
        self.write("repo/settings.py", "DEBUG = True\n" + line)
        self.git("add", "settings.py", cwd=self.repo)
        c = self.git_run("commit", "-m", "add settings")
        self.assertEqual(c.returncode, 1, c.stdout + c.stderr)
        out = c.stdout + c.stderr
        self.assertNoSecret(token, out)
        self.assertIn("settings.py:2", out)            # where
        self.assertIn(token[:4], out)                 # what, redacted
        self.assertIn("commit blocked: the staged changes above add a credential", out)
        for advice in ("rotate", "nhiscan:allow", "baseline", "--no-verify"):
            self.assertIn(advice, out)
        # Nothing was committed.
        self.assertEqual(self.git("rev-list", "--count", "HEAD", cwd=self.repo).strip(), "1")

    def test_clean_merge_that_brings_a_secret_is_blocked(self):
        # The branch got its secret past the pre-commit hook (--no-verify); merging it is a
        # clean merge, which git records without running pre-commit.
        token, line = self.secret_line()
        self.git("checkout", "-q", "-b", "topic", cwd=self.repo)
        self.write("repo/settings.py", line)
        self.git("add", "settings.py", cwd=self.repo)
        self.git("commit", "-q", "--no-verify", "-m", "leak", cwd=self.repo)
        self.git("checkout", "-q", "main", cwd=self.repo)
        self.write("repo/other.txt", "main moves on\n")
        self.git("add", "other.txt", cwd=self.repo)
        self.git("commit", "-q", "-m", "main", cwd=self.repo)
        before = self.git("rev-parse", "HEAD", cwd=self.repo).strip()
        m = self.git_run("merge", "--no-edit", "topic")
        out = m.stdout + m.stderr
        self.assertNotEqual(m.returncode, 0, out)
        self.assertIn("merge blocked", out)
        self.assertIn("settings.py:1", out)
        self.assertNoSecret(token, out)
        self.assertEqual(self.git("rev-parse", "HEAD", cwd=self.repo).strip(), before)  # no merge commit
        self.git("merge", "--abort", cwd=self.repo)
        # A clean merge without a new secret goes through.
        self.git("checkout", "-q", "-b", "clean", "main~1", cwd=self.repo)
        self.write("repo/clean.txt", "nothing here\n")
        self.git("add", "clean.txt", cwd=self.repo)
        self.git("commit", "-q", "-m", "clean", cwd=self.repo)
        self.git("checkout", "-q", "main", cwd=self.repo)
        m = self.git_run("merge", "--no-edit", "clean")
        self.assertEqual(m.returncode, 0, m.stdout + m.stderr)
        self.assertEqual(self.git("rev-list", "--count", "--merges", "HEAD", cwd=self.repo).strip(), "1")

    def test_separate_git_dir_and_work_tree_use_the_work_tree_baseline_and_config(self):
        # The "dotfiles" setup: a bare repository with `git --git-dir=D --work-tree=W`, which git
        # passes to hooks as GIT_DIR and GIT_WORK_TREE. The repository root, where
        # .nhiscan-baseline.jsonl and .nhiscan.toml are read, is the work tree: before, nhiscan
        # ignored GIT_WORK_TREE, found no baseline or config, and a baselined or allowlisted
        # secret blocked every commit.
        gitdir, home = self.path("dotfiles.git"), self.path("home")
        os.makedirs(home)
        self.git("init", "-q", "--bare", gitdir)
        g = ["--git-dir=" + gitdir, "--work-tree=" + home]
        self.write("home/.profile", "export EDITOR=vi\n")
        self.git(*g, "add", ".profile", cwd=home)
        self.git(*g, "commit", "-q", "-m", "initial", cwd=home)
        self.assertEqual(self.run_nhiscan("install-hook", gitdir).rc, 0)
        token, line = self.secret_line()
        self.write("home/.profile", "export EDITOR=vi\n" + line)
        self.git(*g, "add", ".profile", cwd=home)
        c = self.git_run(*g, "commit", "-m", "leak", cwd=home)
        self.assertEqual(c.returncode, 1, c.stdout + c.stderr)
        self.assertIn("add a credential", c.stderr)
        fp = re.search(r"fingerprint: ([0-9a-f]{64})", c.stdout + c.stderr).group(1)
        # Acknowledged in the work tree's baseline, the commit goes through.
        self.write("home/.nhiscan-baseline.jsonl", json.dumps({"fingerprint": fp, "rule_id": "", "path": ""}) + "\n")
        self.git(*g, "add", ".nhiscan-baseline.jsonl", cwd=home)
        c = self.git_run(*g, "commit", "-m", "acknowledged", cwd=home)
        self.assertEqual(c.returncode, 0, c.stdout + c.stderr)
        self.assertNoSecret(token, c.stdout, c.stderr)
        # `nhiscan staged` by hand, with the same two variables, reads that repository's index.
        self.write("home/.bashrc", "alias ll='ls -l'\n")
        self.git(*g, "add", ".bashrc", cwd=home)
        r = self.run_nhiscan("staged", cwd=home, env={"GIT_DIR": gitdir, "GIT_WORK_TREE": home})
        self.assertEqual(r.rc, 0, r)

    def test_clean_commit_passes(self):
        self.write("repo/app.py", "import os\ntoken = os.environ['GITHUB_TOKEN']\n")
        self.git("add", "app.py", cwd=self.repo)
        c = self.git_run("commit", "-m", "clean")
        self.assertEqual(c.returncode, 0, c.stdout + c.stderr)

    def test_commit_all_with_a_secret_is_blocked(self):
        self.write("repo/app.py", "print('v1')\n")
        self.git("add", "app.py", cwd=self.repo)
        self.assertEqual(self.git_run("commit", "-m", "v1").returncode, 0)
        token, line = self.secret_line()
        self.write("repo/app.py", "print('v1')\n" + line)   # not staged: `commit -a` stages it
        c = self.git_run("commit", "-a", "-m", "v2")
        self.assertEqual(c.returncode, 1, c.stdout + c.stderr)
        self.assertNoSecret(token, c.stdout, c.stderr)

    def test_inline_allow_lets_the_commit_through(self):
        token = github_token()
        self.write("repo/fixture.py", f'TOKEN = "{token}"  # nhiscan:allow test fixture\n')
        self.git("add", "fixture.py", cwd=self.repo)
        c = self.git_run("commit", "-m", "fixture")
        self.assertEqual(c.returncode, 0, c.stdout + c.stderr)

    def test_baseline_at_the_top_of_the_repository_is_applied(self):
        token, line = self.secret_line()
        self.write("repo/fixture.py", line)
        self.git("add", "fixture.py", cwd=self.repo)
        self.assertEqual(self.git_run("commit", "-m", "fixture").returncode, 1)
        # The advice the hook prints: record the working tree's secrets in the baseline.
        r = self.run_nhiscan("dir", "--write-baseline", ".nhiscan-baseline.jsonl", cwd=self.repo)
        self.assertEqual(r.rc, 1, r)
        with open(os.path.join(self.repo, ".nhiscan-baseline.jsonl")) as f:
            self.assertNotIn(token, f.read())
        self.git("add", ".nhiscan-baseline.jsonl", cwd=self.repo)
        c = self.git_run("commit", "-m", "fixture, baselined")
        self.assertEqual(c.returncode, 0, c.stdout + c.stderr)

    def test_skip_variable(self):
        token, line = self.secret_line()
        self.write("repo/conf.py", line)
        self.git("add", "conf.py", cwd=self.repo)
        c = self.git_run("commit", "-m", "skip", env={"NHISCAN_SKIP": "1"})
        self.assertEqual(c.returncode, 0, c.stdout + c.stderr)
        self.assertIn("NOT scanned", c.stderr)

    def test_finds_the_binary_it_was_installed_with(self):
        # No NHISCAN_BIN and no nhiscan on PATH: the path recorded at install time is used.
        env = {"PATH": "/usr/bin:/bin"}
        self.env.pop("NHISCAN_BIN", None)
        token, line = self.secret_line()
        self.write("repo/conf.py", line)
        self.git("add", "conf.py", cwd=self.repo)
        c = self.git_run("commit", "-m", "leak", env=env)
        self.assertEqual(c.returncode, 1, c.stdout + c.stderr)
        self.assertIn("add a credential", c.stderr)

    def test_missing_binary_blocks_with_a_clear_message(self):
        # The repository's own script (no recorded binary) via core.hooksPath, nhiscan nowhere.
        hooks = self.path("plain-hooks")
        shutil.copytree(os.path.join(SOURCE_DIR, "hooks"), hooks)
        self.git("config", "core.hooksPath", hooks, cwd=self.repo)
        self.env.pop("NHISCAN_BIN", None)
        self.write("repo/app.py", "print('x')\n")
        self.git("add", "app.py", cwd=self.repo)
        c = self.git_run("commit", "-m", "x", env={"PATH": "/usr/bin:/bin"})
        self.assertEqual(c.returncode, 1, c.stdout + c.stderr)
        self.assertIn("nhiscan binary was not found", c.stderr)

    def test_scan_error_blocks(self):
        # A broken config makes the scan fail (exit 2): the commit must not go through.
        self.write("repo/.nhiscan.toml", "this is [not valid toml\n")
        self.write("repo/app.py", "print('x')\n")
        self.git("add", "app.py", cwd=self.repo)
        c = self.git_run("commit", "-m", "x")
        self.assertNotEqual(c.returncode, 0, c.stdout + c.stderr)
        self.assertIn("scan failed", c.stderr)


class PrePushHookTest(HookTest):
    """The pre-push hook against a bare remote; the hook logs each nhiscan command it runs."""

    def setUp(self):
        super().setUp()
        self.remote = self.path("remote.git")
        self.git("init", "-q", "--bare", self.remote)
        self.git("remote", "add", "origin", self.remote, cwd=self.repo)
        p = self.git_run("push", "-q", "origin", "main")
        self.assertEqual(p.returncode, 0, p.stderr)
        r = self.install("--pre-push")
        self.assertEqual(r.rc, 0, r)

    def commit_file(self, name, content, msg):
        self.write(os.path.join("repo", name), content)
        self.git("add", name, cwd=self.repo)
        self.git("commit", "-q", "--no-verify", "-m", msg, cwd=self.repo)
        return self.git("rev-parse", "HEAD", cwd=self.repo).strip()

    def head(self, ref="HEAD"):
        return self.git("rev-parse", ref, cwd=self.repo).strip()

    def ranges(self, stderr):
        return re.findall(r"nhiscan: running: nhiscan git (--range \S+|--branch \S+)", stderr)

    def test_clean_push_passes_and_scans_the_new_commits(self):
        base = self.head()
        tip = self.commit_file("a.py", "print('a')\n", "a")
        p = self.git_run("push", "origin", "main")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.ranges(p.stderr), [f"--range {base}..{tip}"])

    def test_secret_in_pushed_commits_blocks(self):
        base = self.head()
        token, line = self.secret_line()
        self.commit_file("conf.py", line, "leak")
        tip = self.commit_file("b.py", "print('b')\n", "more")
        p = self.git_run("push", "origin", "main")
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertEqual(self.ranges(p.stderr), [f"--range {base}..{tip}"])
        self.assertIn("push blocked", p.stderr)
        self.assertIn("conf.py", p.stdout + p.stderr)
        self.assertNoSecret(token, p.stdout, p.stderr)
        # The remote did not move.
        self.assertEqual(self.git("rev-parse", "main", cwd=self.remote).strip(), base)

    def test_new_branch_scans_only_commits_not_on_the_remote(self):
        # A secret already on the remote's main (pushed past the hook) does not block a new
        # branch that adds clean commits.
        token, line = self.secret_line()
        self.commit_file("old.py", line, "old leak")
        p = self.git_run("push", "--no-verify", "origin", "main")
        self.assertEqual(p.returncode, 0, p.stderr)
        base = self.head()
        self.git("checkout", "-q", "-b", "feature", cwd=self.repo)
        tip = self.commit_file("f.py", "print('f')\n", "feature")
        p = self.git_run("push", "origin", "feature")
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(self.ranges(p.stderr), [f"--range {base}..{tip}"])

    def test_new_branch_with_a_secret_is_blocked(self):
        base = self.head()
        self.git("checkout", "-q", "-b", "feature", cwd=self.repo)
        token, line = self.secret_line()
        tip = self.commit_file("conf.py", line, "leak")
        p = self.git_run("push", "origin", "feature")
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertEqual(self.ranges(p.stderr), [f"--range {base}..{tip}"])
        self.assertNoSecret(token, p.stdout, p.stderr)
        self.assertNotIn("feature", self.git("branch", "--list", cwd=self.remote))

    def test_first_push_of_a_whole_history(self):
        # A remote with nothing of ours: the pushed history reaches a root commit.
        empty = self.path("empty.git")
        self.git("init", "-q", "--bare", empty)
        self.git("remote", "add", "empty", empty, cwd=self.repo)
        token, line = self.secret_line()
        tip = self.commit_file("conf.py", line, "leak")
        p = self.git_run("push", "empty", "main")
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertEqual(self.ranges(p.stderr), [f"--branch {tip}"])
        self.assertNoSecret(token, p.stdout, p.stderr)

    def test_branch_deletion_scans_nothing(self):
        self.git("checkout", "-q", "-b", "gone", cwd=self.repo)
        self.assertEqual(self.git_run("push", "-q", "--no-verify", "origin", "gone").returncode, 0)
        p = self.git_run("push", "origin", "--delete", "gone")
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(self.ranges(p.stderr), [])

    def test_several_refs_at_once(self):
        base = self.head()
        self.git("checkout", "-q", "-b", "one", cwd=self.repo)
        one = self.commit_file("one.py", "print(1)\n", "one")
        self.git("checkout", "-q", "-b", "two", "main", cwd=self.repo)
        token, line = self.secret_line()
        two = self.commit_file("two.py", line, "two")
        p = self.git_run("push", "origin", "one", "two")
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertEqual(sorted(self.ranges(p.stderr)), sorted([f"--range {base}..{one}", f"--range {base}..{two}"]))

    def test_chained_pre_push_hook_gets_the_same_input(self):
        hook = os.path.join(self.hooks_dir(), "pre-push")
        os.rename(hook, hook + ".keep")
        self.write_hook(hook, "#!/bin/sh\nd=$(git rev-parse --git-dir)\n"
                              "echo \"$1 $2\" > \"$d/seen-args\"\ncat > \"$d/seen-stdin\"\n")
        r = self.install("--pre-push")
        self.assertEqual(r.rc, 0, r)
        base = self.head()
        tip = self.commit_file("a.py", "print('a')\n", "a")
        p = self.git_run("push", "origin", "main")
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(self.read(os.path.join(self.repo, ".git", "seen-args")).strip(), f"origin {self.remote}")
        self.assertEqual(self.read(os.path.join(self.repo, ".git", "seen-stdin")).split(),
                         ["refs/heads/main", tip, "refs/heads/main", base])
        self.assertEqual(self.ranges(p.stderr), [f"--range {base}..{tip}"])


if __name__ == "__main__":
    unittest.main()
