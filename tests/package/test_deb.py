"""The .deb from scripts/package: unpacked into a scratch root with dpkg -x, it holds the
binary, the hooks, the docs and the man page; its Depends names Debian's runtime packages; the
unpacked binary reports the build's version and scans (ctest: package.deb)."""
import os
import re
import shutil
import stat
import subprocess
import tempfile
import unittest

import artifacts

DEB = artifacts.artifact(f"nhiscan_{artifacts.VERSION}_amd64.deb")


class Deb(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="nhiscan-deb-root-")
        subprocess.run(["dpkg-deb", "-x", DEB, cls.root], check=True)
        cls.exe = os.path.join(cls.root, "usr", "bin", "nhiscan")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.root, ignore_errors=True)

    def field(self, name):
        return subprocess.run(["dpkg-deb", "-f", DEB, name], capture_output=True, text=True, check=True).stdout.strip()

    def test_control_fields(self):
        self.assertEqual(self.field("Package"), "nhiscan")
        self.assertEqual(self.field("Version"), artifacts.VERSION)
        self.assertEqual(self.field("Architecture"), "amd64")
        depends = [d.split()[0] for d in self.field("Depends").split(", ")]
        # Debian 12's runtime packages of what the binary links (dpkg-shlibdeps).
        # And the two loaded with dlopen when first needed, which dpkg-shlibdeps cannot see.
        for pkg in ("libc6", "libstdc++6", "libhyperscan5", "libgit2-1.5", "libre2-9", "libfmt9",
                    "libtomlplusplus3", "libssl3", "zlib1g", "libdeflate0", "libcurl4", "libarchive13"):
            self.assertIn(pkg, depends)
        self.assertFalse([d for d in depends if d.endswith("-dev")], depends)
        artifacts.check_sha256sums(self, os.path.basename(DEB))

    def test_contents(self):
        self.assertTrue(os.access(self.exe, os.X_OK))
        for hook in ("pre-commit", "pre-merge-commit", "pre-push"):
            p = os.path.join(self.root, "usr", "share", "nhiscan", "hooks", hook)
            self.assertTrue(os.stat(p).st_mode & stat.S_IXOTH, p)
        for doc in ("README.md", "LICENSE", "install.md", "architecture.md"):
            self.assertTrue(os.path.isfile(os.path.join(self.root, "usr", "share", "doc", "nhiscan", doc)), doc)
        man = os.path.join(self.root, "usr", "share", "man", "man1", "nhiscan.1.gz")
        self.assertTrue(os.path.isfile(man))
        # The man page renders without warnings where man is installed.
        if shutil.which("man"):
            r = subprocess.run(["man", "--warnings", "-l", man], capture_output=True, text=True,
                               env={**os.environ, "MANWIDTH": "80", "MAN_KEEP_FORMATTING": "0"})
            self.assertEqual(r.returncode, 0, r.stderr)
            text = re.sub(".\b", "", r.stdout)  # overstrike bold/underline
            self.assertRegex(text, r"\n\s+nhiscan\s+-\s+find leaked credentials")
            self.assertIn("EXIT STATUS", text)
            self.assertEqual(r.stderr, "")

    def test_version(self):
        r = subprocess.run([self.exe, "--version"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], f"nhiscan {artifacts.VERSION}")
        self.assertRegex(lines[1], r"^rules [0-9a-f]{12}$")
        self.assertRegex(lines[2], r"^hyperscan \d+\.\d+\.\d+")
        self.assertEqual(r.stdout, artifacts.build_version_text())

    def test_ignores_the_live_validation_test_hooks(self):
        artifacts.check_ignores_test_hooks(self, self.exe, env={"PATH": "/usr/bin:/bin"})

    def test_scans(self):
        fx = artifacts.Fixture()
        try:
            env = {"PATH": "/usr/bin:/bin", "HOME": fx.root}
            fx.check_scans(self, self.exe, env=env)
        finally:
            shutil.rmtree(fx.root, ignore_errors=True)

    @unittest.skipUnless(os.geteuid() == 0 and shutil.which("apt-get") and any(
        "_Packages" in n for n in os.listdir("/var/lib/apt/lists")),
                         "needs root and apt lists")
    def test_apt_resolves_the_dependencies(self):
        # What `apt-get install ./nhiscan_<v>_amd64.deb` would do here, simulated: every
        # Depends resolves from the configured Debian archive.
        r = subprocess.run(["apt-get", "install", "-s", "--no-install-recommends", DEB],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"(?m)^Inst nhiscan \(" + artifacts.VERSION.replace(".", r"\.") + " ")


if __name__ == "__main__":
    artifacts.main()
