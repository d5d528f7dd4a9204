"""libcurl (--validate) and libarchive (archives) are loaded with dlopen when first needed, not
linked: a scan that needs neither never maps them (a pre-commit hook pays ~6 ms less per
commit, docs/benchmarks.md "The lazy-loading round"). When one is needed but cannot be
loaded, the command says so in one line and exits 2: never a crash, never a silent skip.

A library that cannot be loaded is simulated with LD_LIBRARY_PATH pointing at a directory
holding a broken file (not ELF) or another library under its name (ELF, but without its
functions): dlopen searches LD_LIBRARY_PATH first."""
import io
import os
import shutil
import subprocess
import unittest
import zipfile

import support


def zip_bytes(name, data):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)
    return buf.getvalue()


def system_libz():
    """A real shared library of this machine's ABI that is not libcurl: libz.so.1."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.strip().startswith("libz.so.1 ("):
            return line.split("=>")[-1].strip()
    return None


class LazyLibraries(support.NhiscanTest):
    def setUp(self):
        super().setUp()
        self.token = support.github_token()
        self.write("app.env", f"GITHUB_TOKEN={self.token}\n")
        self.libdir = os.path.join(self.root, "fakelib")
        os.makedirs(self.libdir)

    def broken(self, soname):
        with open(os.path.join(self.libdir, soname), "w") as f:
            f.write("not a shared object\n")
        self.env["LD_LIBRARY_PATH"] = self.libdir

    def test_the_binary_does_not_link_them(self):
        dyn = subprocess.run(["readelf", "-d", support.BIN], capture_output=True, text=True, check=True).stdout
        needed = [l for l in dyn.splitlines() if "(NEEDED)" in l]
        self.assertTrue(any("libc.so.6" in l for l in needed), dyn)
        for lib in ("libcurl", "libarchive"):
            self.assertFalse([l for l in needed if lib in l], needed)

    def test_a_scan_without_archives_or_validate_never_loads_them(self):
        self.broken("libcurl.so.4")
        self.broken("libarchive.so.13")
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([(f["path"], f["rule_id"]) for f in r.json()], [("app.env", "github-pat-classic")])
        self.assertEqual(r.err, "")

    def test_archives_load_libarchive_and_find_the_member(self):
        self.write("bundle.zip", zip_bytes("config/app.env", f"GITHUB_TOKEN={self.token}\n"), mode="wb")
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(sorted(f["path"] for f in r.json()), ["app.env", "bundle.zip!config/app.env"])

    def test_an_archive_without_a_loadable_libarchive_is_an_error(self):
        self.broken("libarchive.so.13")
        self.write("bundle.zip", zip_bytes("config/app.env", f"GITHUB_TOKEN={self.token}\n"), mode="wb")
        # With the plain file's finding: exit 1 (the contract's "or 1 when it also found
        # something") and the report closes with the unreadable record.
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(r.json()[-1:], [support.incomplete(unreadable=1)], r)
        self.assertEqual([(f["path"], f["rule_id"]) for f in r.json()[:-1]], [("app.env", "github-pat-classic")])
        lines = r.err.strip().splitlines()
        self.assertEqual(len(lines), 1, r.err)
        self.assertIn("scanning inside archives needs libarchive.so.13", lines[0])
        # Without it: exit 2, never a clean-looking 0.
        os.remove(self.path("app.env"))
        r = self.run_nhiscan("dir", ".", "-f", "json")
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(r.json(), [support.incomplete(unreadable=1)], r)
        self.assertNotIn(self.token, r.out + r.err)

    def test_an_archive_in_git_history_without_a_loadable_libarchive_is_an_error(self):
        # Git blobs are opened in memory on scan workers (ScanDriver::bytes), not as files: the
        # load error must end as a reported scan error there too, never a crash or a clean 0.
        self.write("bundle.zip", zip_bytes("config/app.env", f"GITHUB_TOKEN={self.token}\n"), mode="wb")
        self.git("init", "-q")
        self.git("add", ".")
        self.git("commit", "-q", "-m", "add")
        self.broken("libarchive.so.13")
        # As in a directory: the other blobs' findings, the unreadable record, exit 1 (2 without
        # a finding), one line on stderr; not the whole history's report thrown away.
        for threads in ("1", "4"):
            r = self.run_nhiscan("git", ".", "-f", "json", "--threads", threads)
            self.assertEqual(r.rc, 1, r)
            self.assertEqual(r.json()[-1:], [support.incomplete(unreadable=1)], r)
            self.assertEqual([(f["path"], f["rule_id"]) for f in r.json()[:-1]], [("app.env", "github-pat-classic")])
            lines = r.err.strip().splitlines()
            self.assertEqual(len(lines), 1, r.err)
            self.assertIn("scanning inside archives needs libarchive.so.13", lines[0])
            self.assertNotIn(self.token, r.out + r.err)

    def test_validate_without_a_loadable_libcurl_is_an_error(self):
        self.broken("libcurl.so.4")
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json")
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(r.out, "")
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertIn("--validate needs libcurl.so.4", r.err)
        self.assertNotIn(self.token, r.err)

    def test_validate_with_a_libcurl_lacking_its_functions_is_an_error(self):
        libz = system_libz()
        if not libz:
            self.skipTest("no libz.so.1 in ldconfig's cache")
        shutil.copy(libz, os.path.join(self.libdir, "libcurl.so.4"))
        self.env["LD_LIBRARY_PATH"] = self.libdir
        r = self.run_nhiscan("dir", ".", "--validate", "-f", "json")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("--validate needs libcurl.so.4 with curl_easy_init(), which this copy lacks", r.err)


if __name__ == "__main__":
    unittest.main()
