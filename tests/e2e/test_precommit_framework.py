"""The real pre-commit framework (Debian's `pre-commit`) running this repository's hooks.

The hook repository is a temp git clone of .pre-commit-hooks.yaml + hooks/ from the source
tree, tagged, so pre-commit fetches it like a pinned `rev:` without any network. nhiscan is
found on PATH (no NHISCAN_BIN), as for a user who installed it."""
import json
import os
import re
import shutil
import subprocess
import unittest

from support import BIN, SOURCE_DIR, NhiscanTest, github_token
from validators import SharedCacheMixin

PRE_COMMIT = shutil.which("pre-commit")
REV = "v0.0.0-test"


@unittest.skipUnless(PRE_COMMIT, "the pre-commit framework is not installed (apt-get install pre-commit)")
class PreCommitFrameworkTest(SharedCacheMixin, NhiscanTest):
    def setUp(self):
        super().setUp()
        # nhiscan on PATH, as installed; not through NHISCAN_BIN.
        bindir = self.path("bin")
        os.makedirs(bindir)
        os.symlink(os.path.realpath(BIN), os.path.join(bindir, "nhiscan"))
        self.env.pop("NHISCAN_BIN", None)
        self.env["PATH"] = bindir + os.pathsep + self.env.get("PATH", "/usr/bin:/bin")
        self.env["PRE_COMMIT_HOME"] = self.path("pre-commit-home")
        self.env["PRE_COMMIT_COLOR"] = "never"
        self.env.pop("SKIP", None)

        # The hook repository: our manifest and scripts, committed and tagged.
        self.hookrepo = self.path("hookrepo")
        os.makedirs(self.hookrepo)
        shutil.copy(os.path.join(SOURCE_DIR, ".pre-commit-hooks.yaml"), self.hookrepo)
        shutil.copytree(os.path.join(SOURCE_DIR, "hooks"), os.path.join(self.hookrepo, "hooks"))
        self.git("init", "-q", "-b", "main", cwd=self.hookrepo)
        self.git("add", "-A", cwd=self.hookrepo)
        self.git("commit", "-q", "-m", "hooks", cwd=self.hookrepo)
        self.git("tag", REV, cwd=self.hookrepo)

        self.repo = self.path("repo")
        os.makedirs(self.repo)
        self.git("init", "-q", "-b", "main", cwd=self.repo)
        self.write_config()
        self.write("repo/README.md", "# demo\n")
        self.git("add", "-A", cwd=self.repo)
        self.git("commit", "-q", "-m", "initial", cwd=self.repo)
        r = self.pre_commit("install", "-t", "pre-commit", "-t", "pre-push")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def write_config(self, commit_args=None):
        lines = [
            "repos:",
            f"  - repo: {self.hookrepo}",
            f"    rev: {REV}",
            "    hooks:",
            "      - id: nhiscan",
        ]
        if commit_args:
            lines.append(f"        args: {json.dumps(commit_args)}")
        lines += [
            "      - id: nhiscan-pre-push",
            "        verbose: true",
        ]
        self.write("repo/.pre-commit-config.yaml", "\n".join(lines) + "\n")

    def pre_commit(self, *args):
        return subprocess.run([PRE_COMMIT, *args], cwd=self.repo, capture_output=True, text=True, env=self.env,
                              errors="replace", timeout=300)

    def git_run(self, *args):
        return subprocess.run(["git", *args], cwd=self.repo, capture_output=True, text=True, env=self.env,
                              errors="replace", timeout=300)

    def commit(self, *args):
        c = self.git_run("commit", *args)
        return c.returncode, c.stdout + c.stderr

    def commits(self):
        return int(self.git("rev-list", "--count", "HEAD", cwd=self.repo))

    # --- the manifest itself -------------------------------------------------------------

    def test_manifest_and_config_validate(self):
        r = subprocess.run([PRE_COMMIT, "validate-manifest", os.path.join(SOURCE_DIR, ".pre-commit-hooks.yaml")],
                           capture_output=True, text=True, env=self.env)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        r = self.pre_commit("validate-config", ".pre-commit-config.yaml")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    # --- the docker_image hook (nhiscan-docker) -----------------------------------------
    # A stand-in for docker: `docker run` checks pre-commit's mount of the repository on /src,
    # then runs the --entrypoint as the image would (the image's /usr/share/nhiscan/hooks are
    # this tree's hooks/, installed by the .deb; its nhiscan is the build's) in the mounted dir.
    FAKE_DOCKER = r"""#!/usr/bin/env python3
import os, subprocess, sys
args = sys.argv[1:]
with open(os.environ["FAKE_DOCKER_LOG"], "a") as f:
    f.write(" ".join(args) + "\n")
if args[0] != "run":
    sys.exit(0)
i, src, workdir, entry = 1, None, None, None
while args[i].startswith("-"):
    if args[i] == "-v":
        host, dest = args[i + 1].split(":")[:2]
        src = host if dest == "/src" else src
    workdir = args[i + 1] if args[i] == "--workdir" else workdir
    entry = args[i + 1] if args[i] == "--entrypoint" else entry
    i += 1 if args[i] == "--rm" else 2
if workdir != "/src" or not src:
    sys.exit("fake docker: the repository is not mounted on /src")
prefix = "/usr/share/nhiscan/hooks/"
if not entry.startswith(prefix):
    sys.exit("fake docker: unknown entrypoint " + entry)
hook = os.path.join(os.environ["FAKE_IMAGE_HOOKS"], entry[len(prefix):])
env = {"PATH": os.environ["FAKE_IMAGE_PATH"], "HOME": os.environ["HOME"]}
sys.exit(subprocess.run([hook, *args[i + 1:]], cwd=src, env=env).returncode)
"""

    def use_docker_hook(self):
        fake = self.path("fake-docker")
        os.makedirs(fake)
        with open(os.path.join(fake, "docker"), "w") as f:
            f.write(self.FAKE_DOCKER)
        os.chmod(os.path.join(fake, "docker"), 0o755)
        image_bin = self.path("image-bin")
        os.makedirs(image_bin)
        os.symlink(os.path.realpath(BIN), os.path.join(image_bin, "nhiscan"))
        # nhiscan is not on the host's PATH for this hook: only docker is.
        self.env["PATH"] = fake + os.pathsep + "/usr/bin:/bin"
        self.env.update({"FAKE_DOCKER_LOG": self.path("docker.log"), "FAKE_IMAGE_PATH": image_bin + ":/usr/bin:/bin",
                         "FAKE_IMAGE_HOOKS": os.path.join(SOURCE_DIR, "hooks")})
        lines = ["repos:", f"  - repo: {self.hookrepo}", f"    rev: {REV}", "    hooks:", "      - id: nhiscan-docker"]
        self.write("repo/.pre-commit-config.yaml", "\n".join(lines) + "\n")
        self.git("add", ".pre-commit-config.yaml", cwd=self.repo)

    def docker_calls(self):
        with open(self.path("docker.log")) as f:
            return f.read().splitlines()

    def test_docker_image_hook_blocks_a_token_with_nothing_installed(self):
        self.use_docker_hook()
        token = github_token()
        self.write("repo/deploy.sh", f'#!/bin/sh\nexport GITHUB_TOKEN="{token}"\n')
        self.git("add", "deploy.sh", cwd=self.repo)
        rc, out = self.commit("-m", "deploy script")
        self.assertNotEqual(rc, 0, out)
        self.assertRegex(out, r"nhiscan \(credentials in staged changes, published image\)\.+Failed")
        self.assertIn("deploy.sh:2", out)
        self.assertNoSecret(token, out)
        self.assertEqual(self.commits(), 1)
        with open(os.path.join(SOURCE_DIR, "CMakeLists.txt")) as f:
            version = re.search(r"project\(nhiscan VERSION ([0-9.]+)", f.read()).group(1)
        [run] = [c for c in self.docker_calls() if c.startswith("run ")]
        self.assertRegex(run, r" --entrypoint /usr/share/nhiscan/hooks/pre-commit ghcr\.io/nhiscan/nhiscan:"
                         + re.escape(version) + "$")

    def test_docker_image_hook_passes_a_clean_commit(self):
        self.use_docker_hook()
        self.write("repo/app.py", "import os\nTOKEN = os.environ['GITHUB_TOKEN']\n")
        self.git("add", "app.py", cwd=self.repo)
        rc, out = self.commit("-m", "app")
        self.assertEqual(rc, 0, out)
        self.assertRegex(out, r"nhiscan \(credentials in staged changes, published image\)\.+Passed")
        self.assertEqual(self.commits(), 2)

    # --- pre-commit stage ----------------------------------------------------------------

    def test_commit_with_a_token_is_blocked(self):
        token = github_token()
        self.write("repo/deploy.sh", f'#!/bin/sh\nexport GITHUB_TOKEN="{token}"\n')
        self.git("add", "deploy.sh", cwd=self.repo)
        rc, out = self.commit("-m", "deploy script")
        self.assertNotEqual(rc, 0, out)
        self.assertRegex(out, r"nhiscan \(credentials in staged changes\)\.+Failed")
        self.assertIn("deploy.sh:2", out)
        self.assertIn(token[:4], out)  # the redacted form shows the prefix only
        self.assertNoSecret(token, out)
        self.assertIn("nhiscan:allow", out)
        self.assertEqual(self.commits(), 1)

    def test_clean_commit_passes(self):
        self.write("repo/app.py", "import os\nTOKEN = os.environ['GITHUB_TOKEN']\n")
        self.git("add", "app.py", cwd=self.repo)
        rc, out = self.commit("-m", "clean")
        self.assertEqual(rc, 0, out)
        self.assertRegex(out, r"nhiscan \(credentials in staged changes\)\.+Passed")
        self.assertEqual(self.commits(), 2)

    def test_commit_all_with_a_secret_is_blocked(self):
        self.write("repo/app.py", "print('v1')\n")
        self.git("add", "app.py", cwd=self.repo)
        self.assertEqual(self.commit("-m", "v1")[0], 0)
        token = github_token()
        self.write("repo/app.py", f"print('v1')\nTOKEN = '{token}'\n")  # modified, not staged
        rc, out = self.commit("-a", "-m", "v2")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("app.py:2", out)
        self.assertNoSecret(token, out)
        self.assertEqual(self.commits(), 2)

    def test_secret_already_in_head_does_not_block_an_unrelated_change(self):
        token = github_token()
        self.write("repo/settings.py", f"DEBUG = False\nTOKEN = '{token}'\n")
        self.git("add", "settings.py", cwd=self.repo)
        rc, out = self.commit("--no-verify", "-m", "legacy secret")  # already there before the hook
        self.assertEqual(rc, 0, out)
        self.write("repo/settings.py", f"DEBUG = True\nTOKEN = '{token}'\nLOG_LEVEL = 'info'\n")
        self.git("add", "settings.py", cwd=self.repo)
        rc, out = self.commit("-m", "turn on debug")
        self.assertEqual(rc, 0, out)
        self.assertNoSecret(token, out)
        self.assertEqual(self.commits(), 3)

    def test_hook_args_reach_nhiscan(self):
        # `args:` in the config are options for `nhiscan staged`.
        self.write_config(commit_args=["--exit-code", "0"])
        self.git("add", ".pre-commit-config.yaml", cwd=self.repo)
        token = github_token()
        self.write("repo/conf.py", f"TOKEN = '{token}'\n")
        self.git("add", "conf.py", cwd=self.repo)
        rc, out = self.commit("-m", "reported, not blocked")
        self.assertEqual(rc, 0, out)
        self.assertNoSecret(token, out)

    def test_install_hook_framework_install_hook_again(self):
        # nhiscan install-hook, then `pre-commit install` (migration mode: our hook becomes
        # pre-commit.legacy), then install-hook again (an upgrade): commits must still work,
        # not fail with the framework's "installed in migration mode" bug report.
        hooks = os.path.join(self.repo, ".git", "hooks")
        os.remove(os.path.join(hooks, "pre-commit"))
        self.assertEqual(self.run_nhiscan("install-hook", cwd=self.repo).rc, 0)
        r = self.pre_commit("install", "-t", "pre-commit")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertTrue(os.path.exists(os.path.join(hooks, "pre-commit.legacy")))
        r = self.run_nhiscan("install-hook", cwd=self.repo)
        self.assertEqual(r.rc, 0, r)
        self.write("repo/app.py", "print('hello')\n")
        self.git("add", "app.py", cwd=self.repo)
        rc, out = self.commit("-m", "clean")
        self.assertEqual(rc, 0, out)
        self.assertNotIn("migration mode", out)
        token = github_token()
        self.write("repo/conf.py", f"TOKEN = '{token}'\n")
        self.git("add", "conf.py", cwd=self.repo)
        rc, out = self.commit("-m", "leak")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("add a credential", out)
        self.assertNotIn("migration mode", out)
        self.assertNoSecret(token, out)
        self.assertEqual(self.commits(), 2)

    # --- pre-push stage ------------------------------------------------------------------

    def add_remote(self, name="origin"):
        remote = self.path(f"{name}.git")
        self.git("init", "-q", "--bare", remote)
        self.git("remote", "add", name, remote, cwd=self.repo)
        return remote

    def commit_file(self, name, content, msg):
        self.write(os.path.join("repo", name), content)
        self.git("add", name, cwd=self.repo)
        self.git("commit", "-q", "--no-verify", "-m", msg, cwd=self.repo)
        return self.git("rev-parse", "HEAD", cwd=self.repo).strip()

    def ran(self, out):
        return re.findall(r"nhiscan: running: nhiscan git (--range \S+|--branch \S+)", out)

    def test_pre_push_scans_the_pushed_range(self):
        self.add_remote()
        p = self.git_run("push", "--no-verify", "origin", "main")
        self.assertEqual(p.returncode, 0, p.stderr)
        base = self.git("rev-parse", "HEAD", cwd=self.repo).strip()
        tip = self.commit_file("a.py", "print('a')\n", "a")
        p = self.git_run("push", "origin", "main")
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(self.ran(p.stdout + p.stderr), [f"--range {base}..{tip}"])

        token = github_token()
        self.commit_file("conf.py", f"TOKEN = '{token}'\n", "leak")
        p = self.git_run("push", "origin", "main")
        self.assertNotEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertRegex(p.stdout + p.stderr, r"nhiscan \(credentials in pushed commits\)\.+Failed")
        self.assertIn("conf.py", p.stdout + p.stderr)
        self.assertNoSecret(token, p.stdout, p.stderr)

    def test_pre_push_new_branch(self):
        self.add_remote()
        self.assertEqual(self.git_run("push", "--no-verify", "origin", "main").returncode, 0)
        base = self.git("rev-parse", "HEAD", cwd=self.repo).strip()
        self.git("checkout", "-q", "-b", "feature", cwd=self.repo)
        token = github_token()
        tip = self.commit_file("conf.py", f"TOKEN = '{token}'\n", "leak")
        p = self.git_run("push", "origin", "feature")
        self.assertNotEqual(p.returncode, 0, p.stdout + p.stderr)
        # pre-commit computes the range of a new branch itself: the parent of the first
        # commit the remote lacks.
        self.assertEqual(self.ran(p.stdout + p.stderr), [f"--range {base}..{tip}"])
        self.assertNoSecret(token, p.stdout, p.stderr)

    def test_pre_push_whole_history_to_an_empty_remote(self):
        self.add_remote()
        token = github_token()
        self.commit_file("conf.py", f"TOKEN = '{token}'\n", "leak")
        p = self.git_run("push", "origin", "main")
        self.assertNotEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(self.ran(p.stdout + p.stderr), ["--branch refs/heads/main"])
        self.assertNoSecret(token, p.stdout, p.stderr)


if __name__ == "__main__":
    unittest.main()
