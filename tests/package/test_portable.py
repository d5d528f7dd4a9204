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
# Loaded with dlopen when first needed (src/validate/curl_api.hpp, src/pipeline/archive_api.hpp):
# ldd cannot see them, scripts/package bundles them and their dependencies.
DLOPENED = ("libcurl.so.4", "libarchive.so.13")
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
        # among them; a bundled shared library (Kerberos' GSSAPI: no static archive) may still
        # bring its own shared copy of one, found in lib/.
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
        # Whatever is bundled is a dependency of the binary or of a library it loads with
        # dlopen (DLOPENED): nothing stray in lib/.
        for f in os.listdir(os.path.join(self.top, "lib")):
            self.assertIn(f, libs + self.dlopened_closure())

    def dlopened_closure(self):
        """The libraries loaded with dlopen and their dependencies, resolved as the binary's run
        path resolves them (LD_LIBRARY_PATH stands in for it here): all in lib/ or the runtime."""
        lib = os.path.join(self.top, "lib")
        names = []
        for so in DLOPENED:
            self.assertTrue(os.path.isfile(os.path.join(lib, so)), so)
            out = subprocess.run(["ldd", os.path.join(lib, so)], capture_output=True, text=True, check=True,
                                 env={"LD_LIBRARY_PATH": lib, "PATH": "/usr/bin:/bin"}).stdout
            self.assertNotIn("not found", out)
            names.append(so)
            for m in re.finditer(r"^\s*(\S+) => (.+?) \(0x[0-9a-f]+\)$", out, re.M):
                inside = os.path.realpath(m.group(2)).startswith(os.path.realpath(lib) + os.sep)
                self.assertTrue(inside or RUNTIME.match(m.group(1)), f"{so} needs {m.group(1)} from {m.group(2)}")
                names.append(m.group(1))
        return names

    def test_dlopened_libraries_load_from_the_tarball(self):
        self.dlopened_closure()
        fx = artifacts.Fixture()
        try:
            # The archive member in the fixture makes the binary load libarchive: from lib/.
            r = subprocess.run([self.exe, "dir", fx.tree, "-q", "--exit-code", "0"], cwd="/",
                               env={"LD_DEBUG": "libs"}, capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr[-2000:])
            inits = re.findall(r"calling init: (.*)$", r.stderr, re.M)  # the path has a space
            loaded = [p for p in inits if p.endswith("/libarchive.so.13")]
            self.assertEqual([os.path.realpath(p) for p in loaded],
                             [os.path.realpath(os.path.join(self.top, "lib", "libarchive.so.13"))], r.stderr[-2000:])
            # ... and so does every library it needs (libxml2, ICU, liblzma, libzstd, ...), found
            # through the binary's DT_RPATH, not the build machine's copies: everything the process
            # initialised is in lib/ or the runtime.
            lib = os.path.realpath(os.path.join(self.top, "lib"))
            for p in inits:
                self.assertTrue(os.path.realpath(p).startswith(lib + os.sep) or RUNTIME.match(os.path.basename(p)),
                                f"{p} is neither bundled nor the runtime")
        finally:
            shutil.rmtree(fx.root, ignore_errors=True)

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
