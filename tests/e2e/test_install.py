"""`cmake --install BUILD --prefix DIR` installs a working binary, the git hooks and the docs."""
import os
import shutil
import stat
import subprocess
import unittest

from support import BIN, NhiscanTest, github_token


class Install(NhiscanTest):
    def test_install_to_a_prefix(self):
        cmake = shutil.which("cmake")
        if not cmake:
            self.fail("cmake is needed to test the install target")
        build = os.path.dirname(os.path.abspath(BIN))
        prefix = os.path.join(self.root, "prefix")
        proc = subprocess.run([cmake, "--install", build, "--prefix", prefix], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)

        exe = os.path.join(prefix, "bin", "nhiscan")
        self.assertTrue(os.path.isfile(exe) and os.access(exe, os.X_OK), proc.stdout)
        for hook in ("pre-commit", "pre-merge-commit", "pre-push"):
            p = os.path.join(prefix, "share", "nhiscan", "hooks", hook)
            self.assertTrue(os.stat(p).st_mode & stat.S_IXUSR, p)
        for doc in ("README.md", "LICENSE", "reports.md", "architecture.md"):
            self.assertTrue(os.path.isfile(os.path.join(prefix, "share", "doc", "nhiscan", doc)), doc)

        # The installed binary is self-contained (rules and their database are built in).
        self.write("a.txt", f"token = {github_token()}\n")
        r = subprocess.run([exe, "dir", "a.txt", "-f", "json"], cwd=self.tmp, env=self.env, capture_output=True, text=True)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn('"rule_id": "github-pat-classic"', r.stdout)


if __name__ == "__main__":
    unittest.main()
