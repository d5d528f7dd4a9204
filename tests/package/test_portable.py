"""The portable tarball from scripts/package, unpacked outside the build tree: ldd resolves
every library inside the tarball or to the C/C++ runtime, the libraries with static archives
are linked in, and the binary scans with an empty environment from another directory
(ctest: package.portable)."""
import os
import platform
import re
import shutil
import subprocess
import tarfile
import tempfile
import unittest

import artifacts

NAME = f"nhiscan-{artifacts.VERSION}-linux-{platform.machine()}"
TARBALL = artifacts.artifact(NAME + ".tar.gz")
# The C and C++ runtime: the only libraries left to the system (scripts/package's list).
RUNTIME = re.compile(r"^(linux-vdso|ld-linux-x86-64|ld-linux-aarch64|libc|libm|libdl|librt|libpthread|libresolv"
                     r"|libstdc\+\+|libgcc_s)\.so")
# Debian ships these as static archives: they must be inside the binary, not beside it.
STATIC = ("libhs", "libre2", "libdeflate", "libgit2", "libfmt", "libtomlplusplus", "libssh2", "libmbed",
          "libhttp_parser", "libpcre2", "libz.", "libssl", "libcrypto", "libgpg-error")


class Portable(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Outside the source and build trees, under a path with a space.
        cls.root = tempfile.mkdtemp(prefix="nhiscan portable ")
        with tarfile.open(TARBALL) as t:
            names = t.getnames()
            t.extractall(cls.root)
        cls.names = names
        cls.top = os.path.join(cls.root, NAME)
        cls.exe = os.path.join(cls.top, "bin", "nhiscan")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.root, ignore_errors=True)

    def test_layout(self):
        self.assertTrue(all(n == NAME or n.startswith(NAME + "/") for n in self.names), self.names[:5])
        for rel in ("bin/nhiscan", "share/nhiscan/hooks/pre-commit", "share/nhiscan/hooks/pre-push",
                    "share/man/man1/nhiscan.1.gz", "README.md", "LICENSE", "lib"):
            self.assertTrue(os.path.exists(os.path.join(self.top, rel)), rel)
        artifacts.check_sha256sums(self, os.path.basename(TARBALL))

    def test_every_library_is_bundled_or_the_c_runtime(self):
        out = subprocess.run(["ldd", self.exe], capture_output=True, text=True, check=True).stdout
        self.assertNotIn("not found", out)
        # What the binary itself needs (DT_NEEDED). A library with a static archive must not be
        # among them; a bundled shared library (libcurl, libarchive: no usable static closure)
        # may still bring its own shared copy of one (libssl for libcurl), found in lib/.
        dyn = subprocess.run(["readelf", "-d", self.exe], capture_output=True, text=True, check=True).stdout
        direct = set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dyn))
        self.assertIn("libc.so.6", direct)
        libs = []
        for line in out.splitlines():
            # "NAME => PATH (0xADDR)" or "PATH (0xADDR)"; PATH may hold spaces.
            m = re.match(r"^\s*(\S+)(?: => (.+?))? \(0x[0-9a-f]+\)$", line)
            self.assertTrue(m, line)
            name = os.path.basename(m.group(1))
            path = m.group(2) or m.group(1)
            libs.append(name)
            inside = os.path.realpath(path).startswith(os.path.realpath(os.path.join(self.top, "lib")) + os.sep)
            self.assertTrue(inside or RUNTIME.match(name), f"{name} resolves outside the tarball: {path}")
            if name in direct:
                self.assertFalse(name.startswith(STATIC), f"{name} has a static archive and should be linked in")
        self.assertIn("libc.so.6", libs)
        # Kerberos' GSSAPI (libgit2's HTTP Negotiate auth) has no static archive in Debian:
        # it is the bundled case, found in lib/ through the run path, with its own dependencies.
        for bundled in ("libgssapi_krb5.so.2", "libkrb5.so.3"):
            self.assertIn(bundled, libs)
            self.assertTrue(os.path.isfile(os.path.join(self.top, "lib", bundled)), bundled)
        # Whatever is bundled is a dependency: nothing stray in lib/.
        for f in os.listdir(os.path.join(self.top, "lib")):
            self.assertIn(f, libs)

    def test_run_path_is_origin_relative(self):
        out = subprocess.run(["readelf", "-d", self.exe], capture_output=True, text=True, check=True).stdout
        self.assertRegex(out, r"\(RPATH\)\s+Library rpath: \[\$ORIGIN/\.\./lib\]")
        needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out)
        self.assertFalse([n for n in needed if n.startswith(STATIC)], needed)

    def test_version_with_an_empty_environment(self):
        r = subprocess.run(["env", "-i", self.exe, "--version"], cwd="/", capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines()[0], f"nhiscan {artifacts.VERSION}")
        # Same rule pack and Hyperscan as the build tree's binary.
        self.assertEqual(r.stdout, artifacts.build_version_text())

    def test_ignores_the_live_validation_test_hooks(self):
        artifacts.check_ignores_test_hooks(self, self.exe, env={})

    def test_scans_with_an_empty_environment(self):
        fx = artifacts.Fixture()
        try:
            fx.check_scans(self, self.exe, env={}, cwd="/")
            # And through a relative path from another directory.
            rel = os.path.relpath(self.exe, fx.root)
            fx.check_scans(self, rel, env={}, cwd=fx.root)
        finally:
            shutil.rmtree(fx.root, ignore_errors=True)


if __name__ == "__main__":
    artifacts.main()
