"""End-to-end: archive members (zip, jar, tar, tar.gz/bz2/xz, gzip) in `dir` and `git`.
Archives are built at run time with zipfile/tarfile around runtime-built fake secrets."""
import bz2
import gzip
import io
import json
import lzma
import os
import random
import tarfile
import time
import urllib.parse
import zipfile

import support
from support import NhiscanTest, github_token
from validators import run_ajv, run_multitool


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


def tar_bytes(members, mode="w"):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as t:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1700000000
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


class ArchiveTest(NhiscanTest):
    def setUp(self):
        super().setUp()
        self.token = github_token()
        self.env_text = f'# app\nGITHUB_TOKEN = "{self.token}"\n'.encode()

    def write_bytes(self, rel, data):
        return self.write(rel, data, mode="wb")

    def findings(self, *args, rc=1, status=None):
        """The findings as tuples; `status` is the completeness record that must close the
        report (support.incomplete), or None for a complete scan."""
        r = self.run_nhiscan(*args, "-f", "json")
        self.assertEqual(r.rc, rc, r)
        records = r.json()
        if status is not None:
            self.assertEqual(records[-1:], [status], r)
            records = records[:-1]
        return r, [(f["path"], f["line"], f["column"], f["rule_id"], f["source"]) for f in records]


class DirArchives(ArchiveTest):
    def test_every_format_names_its_member(self):
        m = [("config/app.env", self.env_text), ("README", b"nothing\n")]
        self.write_bytes("bundle.zip", zip_bytes(m))
        self.write_bytes("lib/app.jar", zip_bytes(m))
        self.write_bytes("web.war", zip_bytes(m, zipfile.ZIP_STORED))
        self.write_bytes("plain.tar", tar_bytes(m))
        self.write_bytes("a.tar.gz", tar_bytes(m, "w:gz"))
        self.write_bytes("b.tgz", tar_bytes(m, "w:gz"))
        self.write_bytes("c.tar.bz2", tar_bytes(m, "w:bz2"))
        self.write_bytes("d.tar.xz", tar_bytes(m, "w:xz"))
        self.write_bytes("app.env.gz", gzip.compress(self.env_text))
        self.write_bytes("app.env.bz2", bz2.compress(self.env_text))
        self.write_bytes("app.env.xz", lzma.compress(self.env_text))
        r, got = self.findings("dir", ".")
        rule = "github-pat-classic"
        self.assertEqual(got, [
            ("a.tar.gz!config/app.env", 2, 17, rule, "file"),
            ("app.env.bz2", 2, 17, rule, "file"),
            ("app.env.gz", 2, 17, rule, "file"),
            ("app.env.xz", 2, 17, rule, "file"),
            ("b.tgz!config/app.env", 2, 17, rule, "file"),
            ("bundle.zip!config/app.env", 2, 17, rule, "file"),
            ("c.tar.bz2!config/app.env", 2, 17, rule, "file"),
            ("d.tar.xz!config/app.env", 2, 17, rule, "file"),
            ("lib/app.jar!config/app.env", 2, 17, rule, "file"),
            ("plain.tar!config/app.env", 2, 17, rule, "file"),
            ("web.war!config/app.env", 2, 17, rule, "file"),
        ])
        # Members are counted as files; the archives themselves are not.
        text = self.run_nhiscan("dir", ".")
        self.assertIn("11 findings (11 critical) in 19 files", text.out)
        self.assertNoSecret(self.token, r.out, r.err, text.out)

    def test_no_archives_leaves_them_binary(self):
        self.write_bytes("bundle.zip", zip_bytes([("config/app.env", self.env_text)]))
        r, got = self.findings("dir", ".", "--no-archives", rc=0)
        self.assertEqual(got, [])
        self.assertIn("0 findings in 0 files (0 B)", self.run_nhiscan("dir", ".", "--no-archives").out)
        self.assertIn("skipped 1 binary", self.run_nhiscan("dir", ".", "--no-archives").out)

    def test_member_paths_in_sarif_and_gitlab(self):
        self.write_bytes("dist/bundle.zip", zip_bytes([("config/app.env", self.env_text)]))
        sarif, gl = os.path.join(self.root, "r.sarif"), os.path.join(self.root, "r-gitlab.json")
        self.assertEqual(self.run_nhiscan("dir", ".", "-f", "sarif", "-o", sarif).rc, 1)
        self.assertEqual(self.run_nhiscan("dir", ".", "-f", "gitlab", "-o", gl).rc, 1)
        with open(sarif) as f:
            [res] = json.load(f)["runs"][0]["results"]
        loc = res["locations"][0]["physicalLocation"]
        self.assertEqual(loc["artifactLocation"]["uri"], urllib.parse.quote("dist/bundle.zip!config/app.env", safe="/"))
        self.assertEqual(loc["region"]["startLine"], 2)
        with open(gl) as f:
            [v] = json.load(f)["vulnerabilities"]
        self.assertEqual(v["location"]["file"], "dist/bundle.zip!config/app.env")
        self.assertEqual(v["location"]["start_line"], 2)
        problems, console = run_multitool(self, sarif)
        self.assertEqual(problems, [], console)
        ok, out = run_ajv(self, gl)
        self.assertTrue(ok, out)

    def nest(self, depth, inner_name="x.env"):
        """a.zip holding b.zip holding ... `depth` archives, the innermost holding the secret."""
        names = [chr(ord("a") + i) + ".zip" for i in range(depth)]
        data = zip_bytes([(inner_name, self.env_text)])
        for name in reversed(names[1:]):
            data = zip_bytes([(name, data)])
        self.write_bytes(names[0], data)
        return "!".join(names + [inner_name])

    def test_nesting_stops_at_the_depth_limit(self):
        path3 = self.nest(3)
        r, got = self.findings("dir", ".")
        self.assertEqual(got, [(path3, 2, 17, "github-pat-classic", "file")])
        self.assertEqual(path3, "a.zip!b.zip!c.zip!x.env")
        self.nest(4)
        r, got = self.findings("dir", ".", rc=0)
        self.assertEqual(got, [])
        self.assertIn("not opening archive a.zip!b.zip!c.zip!d.zip: nested deeper than --max-archive-depth (3)", r.err)
        r, got = self.findings("dir", ".", "--max-archive-depth", "4")
        self.assertEqual(got, [("a.zip!b.zip!c.zip!d.zip!x.env", 2, 17, "github-pat-classic", "file")])
        r = self.run_nhiscan("dir", ".", "--max-archive-depth", "0")
        self.assertEqual(r.rc, 2, r)

    def test_zip_bomb_costs_little_and_says_so(self):
        # 40 members of 16 MiB of one byte each: 640 MiB from about 0.6 MiB of zip.
        big = b"A" * (16 << 20)
        self.write_bytes("bomb.zip", zip_bytes([(f"m{i}.txt", big) for i in range(40)] + [("z.env", self.env_text)]))
        self.write("plain.env", self.env_text.decode())
        t0 = time.monotonic()
        r, got = self.findings("dir", ".")
        elapsed = time.monotonic() - t0
        self.assertEqual(got, [("plain.env", 2, 17, "github-pat-classic", "file")])
        self.assertIn("archive bomb.zip: decompresses to over 100 times its size (a zip bomb?); the rest of it "
                      "was not scanned", r.err)
        self.assertLess(elapsed, 30)
        # Members scanned before the limit are counted; far fewer than the 41 in the archive.
        summary = self.run_nhiscan("dir", ".").out
        self.assertRegex(summary, r"in [1-9] files")

    def test_total_bytes_bound(self):
        # Members that compress about 25:1, so the ratio bound holds and the 256 MiB one trips.
        rng = random.Random(7)
        lines = [os.urandom(32).hex().encode() for _ in range(50)]
        member = b"\n".join(rng.choice(lines) for _ in range(320000))  # 20.9 MB
        self.write_bytes("big.tar.gz", tar_bytes([(f"r{i}.txt", member) for i in range(14)]
                                                 + [("z.env", self.env_text)], "w:gz"))
        r, got = self.findings("dir", ".", rc=0)
        self.assertEqual(got, [])
        self.assertIn(f"archive big.tar.gz: more than {256 << 20} bytes decompressed; the rest of it was not "
                      "scanned", r.err)

    def test_member_count_bound(self):
        members = [(f"f{i}.txt", b"x\n") for i in range(10000)] + [("late.env", self.env_text)]
        self.write_bytes("many.zip", zip_bytes(members, zipfile.ZIP_STORED))
        r, got = self.findings("dir", ".", rc=0)
        self.assertEqual(got, [])
        self.assertIn("archive many.zip: more than 10000 members; the rest of it was not scanned", r.err)

    def test_member_over_max_file_size_is_skipped(self):
        self.write_bytes("b.zip", zip_bytes([("big.txt", b"A" * 5000), ("app.env", self.env_text)]))
        r, got = self.findings("dir", ".", "--max-file-size", "4096", status=support.incomplete(too_large=1))
        self.assertEqual(got, [("b.zip!app.env", 2, 17, "github-pat-classic", "file")])
        self.assertIn("skipping b.zip!big.txt: 5000 bytes is over --max-file-size (4096)", r.err)

    def test_corrupt_archive_gives_a_notice_and_the_scan_goes_on(self):
        good = tar_bytes([("first.env", self.env_text), ("second.txt", b"y" * 100000)])
        self.write_bytes("cut.tar", good[:2048])  # the first member whole, the second cut short
        self.write_bytes("junk.zip", b"PK\x03\x04" + b"\x00" * 20 + b"not a zip at all")
        self.write("plain.env", self.env_text.decode())
        r, got = self.findings("dir", ".")
        self.assertEqual(got, [
            ("cut.tar!first.env", 2, 17, "github-pat-classic", "file"),
            ("plain.env", 2, 17, "github-pat-classic", "file"),
        ])
        self.assertIn("archive junk.zip is corrupt or unreadable", r.err)
        self.assertIn("archive cut.tar is corrupt or unreadable", r.err)


class GitArchives(ArchiveTest):
    def commit_all(self, msg):
        self.git("add", "-A")
        self.git("-c", "commit.gpgsign=false", "commit", "-q", "-m", msg)

    def test_history_blobs_that_are_archives(self):
        self.git("init", "-q")
        self.write_bytes("dist/bundle.zip", zip_bytes([("config/app.env", self.env_text)]))
        self.write_bytes("tests/fixture.tgz", tar_bytes([("app.env", self.env_text)], "w:gz"))
        self.commit_all("add archives")
        first = self.git("rev-parse", "HEAD").strip()
        self.git("rm", "-q", "dist/bundle.zip")
        self.commit_all("drop the zip")
        r = self.run_nhiscan("git", ".", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        got = [(f["path"], f["line"], f["column"], f["source"], f["commit"], f["confidence"], f.get("note"))
               for f in r.json()]
        self.assertEqual(got, [
            ("dist/bundle.zip!config/app.env", 2, 17, "git", first, "high", None),
            # Path rules see the member's full path: a test path lowers the confidence.
            ("tests/fixture.tgz!app.env", 2, 17, "git", first, "medium", "test path"),
        ])
        r = self.run_nhiscan("git", ".", "-f", "json", "--no-archives")
        self.assertEqual((r.rc, r.json()), (0, []), r)

    def test_range_reports_an_archive_added_in_the_range(self):
        self.git("init", "-q")
        self.write("README", "x\n")
        self.commit_all("base")
        self.write_bytes("release.jar", zip_bytes([("META-INF/app.env", self.env_text)]))
        self.commit_all("add the jar")
        r = self.run_nhiscan("git", ".", "--range", "HEAD~1..HEAD", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([(f["path"], f["line"], f["source"]) for f in r.json()],
                         [("release.jar!META-INF/app.env", 2, "git")])

    def test_staged_does_not_open_archives(self):
        # "Already in HEAD" is a literal search of HEAD's blobs, which cannot see inside a
        # compressed member, so staged leaves archives to `git` and `dir`.
        self.git("init", "-q")
        self.write("README", "x\n")
        self.commit_all("base")
        self.write_bytes("bundle.zip", zip_bytes([("app.env", self.env_text)]))
        self.git("add", "bundle.zip")
        r = self.run_nhiscan("staged", ".", "-f", "json")
        self.assertEqual((r.rc, r.json()), (0, []), r)
