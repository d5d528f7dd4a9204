"""End-to-end: the large-input half of the bad-input matrix (docs/hardening.md): 100k files,
a 10 MB line, the 64 MiB chunk boundary, a 4 GiB sparse file, 300 MB and 2 GB files, 200 MiB
on stdin. Exact findings, and peak RSS measured per child with wait4 (not asserted under
the sanitizer build). The 2 GB case runs only with NHISCAN_SLOW_TESTS=1.
"""
import collections
import json
import math
import os
import subprocess
import unittest

from support import aws_key_pair, github_token, incomplete
from test_bad_input import MiB, SANITIZED, SLOW, BadInput


def entropy(s):
    counts = collections.Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


class ManyAndLong(BadInput):
    def test_100k_small_files(self):
        n = 100_000
        token = github_token()
        for d in range(100):
            os.makedirs(self.path(f"many/{d:02d}"))
        for i in range(n):
            with open(self.path(f"many/{i % 100:02d}/f{i:06d}.txt"), "w") as f:
                f.write(f"file {i}\n")
        self.write(f"many/42/f{n + 1}.txt", f"a\nb\n{token}\n")
        r, rss, secs = self.run_measured("dir", "many", "-f", "json", "-j", "2")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual([(f["path"], f["line"]) for f in json.loads(r.out)], [(f"many/42/f{n + 1}.txt", 3)])
        self.assertLess(secs, 120)
        self.assertRssBounded(rss, 256 * MiB)
        r = self.run_nhiscan("dir", "many")
        self.assertRegex(r.out, r"in 100001 files")

    def test_10_mb_single_line_with_a_secret_at_the_end(self):
        token = github_token()
        size = 10 * MiB
        filler = "abcdefghij" * (size // 10)
        self.write("long.txt", filler + " " + token)
        r, rss, secs = self.run_measured("dir", "long.txt", "-f", "json")
        self.assertEqual(r.rc, 1, r)
        [f] = json.loads(r.out)
        self.assertEqual((f["line"], f["column"], f["end_column"]), (1, size + 2, size + 41))
        self.assertLess(secs, 60)
        self.assertRssBounded(rss)
        # The same line through stdin.
        with open(self.path("long.txt"), "rb") as fh:
            r, rss, _ = self.run_measured("dir", "-", "-f", "json", stdin=fh)
        [f] = json.loads(r.out)
        self.assertEqual((f["path"], f["line"], f["column"]), ("<stdin>", 1, size + 2))

    def test_minified_line_with_thousands_of_secrets_is_linear(self):
        # One 10 MB line holding 5000 AWS key ids: the inline-allow lookup and line/column
        # placement used to cost the line's length per match (quadratic: minutes here).
        ids = []
        while len(ids) < 5000:  # keep ids clear of the rule's min_entropy (3.0 bits/char)
            i = aws_key_pair()[0]
            if entropy(i) >= 3.2:
                ids.append(i)
        filler = "q" * 2000
        line = "".join(f'{filler},"{i}",' for i in ids)
        self.write("bundle.min.js", line + "\n" + f'x = "{ids[0]}"  // nhiscan:allow\n')
        r, rss, secs = self.run_measured("dir", "bundle.min.js", "-f", "jsonl")
        self.assertEqual(r.rc, 1, r)
        found = [json.loads(l) for l in r.out.splitlines()]
        self.assertEqual(len(found), 5000)  # the allowed line adds nothing
        self.assertTrue(all(f["line"] == 1 for f in found))
        self.assertEqual(found[-1]["column"], line.rindex(ids[-1]) + 1)
        self.assertLess(secs, 60)
        self.assertRssBounded(rss)

    def test_token_straddling_the_64_mib_chunk_boundary_is_reported_once_whole(self):
        # The chunk size is 64 MiB with a 64 KiB overlap. A bearer token (20 to 1000 characters,
        # ended by a non-token byte *or the end of the data*) cut by the first chunk's end looks
        # complete to that chunk: it must be reported once, whole, by the next one.
        from support import rand_chars
        token = github_token()
        bearer = rand_chars(60)
        boundary = 64 * MiB
        prefix = b"\nAuthorization: Bearer "
        path = self.path("chunky.txt")
        n_filler = (boundary - 7 - 100) // 100
        with open(path, "wb") as f:
            f.write(b"header\n")
            f.write((b"z" * 99 + b"\n") * n_filler)
            f.write(b" " * (boundary - 30 - len(prefix) - f.tell()))
            f.write(prefix + bearer.encode())  # bytes boundary-30 .. boundary+30
            f.write(f"\nx {token}\n".encode())
        r, rss, _ = self.run_measured("dir", "chunky.txt", "-f", "json", "--no-redact", "--max-file-size", str(1 << 30))
        self.assertEqual(r.rc, 1, r)
        got = [(f["rule_id"], f["secret"], f["line"], f["column"]) for f in json.loads(r.out)]
        self.assertEqual(got, [("generic-bearer-token", bearer, n_filler + 3, 23),
                               ("github-pat-classic", token, n_filler + 4, 3)])
        self.assertRssBounded(rss)


class HugeFiles(BadInput):
    def sparse_file(self, name, size, head=b"", tail=b""):
        path = self.path(name)
        with open(path, "wb") as f:
            f.write(head)
            f.truncate(size - len(tail))
            f.seek(size - len(tail))
            f.write(tail)
        self.addCleanup(lambda: os.path.exists(path) and os.remove(path))
        return path

    def test_4_gib_sparse_file_skipped_by_default_then_scanned_in_chunks(self):
        token = github_token()
        size = 4 << 30
        # 8 KiB of text up front so it is not taken for binary; the hole reads as NUL bytes,
        # which Hyperscan and RE2 scan like any other byte.
        head = b"# big\n" + (b"text " * 1638) + b"\n"
        self.sparse_file("huge.log", size, head, f"\nkey {token}\n".encode())
        self.write("small.txt", "x\n")
        self.run_nhiscan("dir", "small.txt")  # compile the rules first: only the walk is timed
        r, rss, secs = self.run_measured("dir", ".", "-f", "json")
        # No findings, and the status record saying the scan is incomplete (docs/reports.md).
        self.assertEqual((r.rc, json.loads(r.out)), (0, [{"complete": False, "reasons": [
            {"reason": "too-large", "count": 1, "message": "1 input larger than --max-file-size was skipped"}]}]), r)
        self.assertIn(f"nhiscan: notice: skipping huge.log: {size} bytes is over --max-file-size (26214400)", r.err)
        self.assertLess(secs, 10)  # skipped from its size alone: never read
        r, rss, secs = self.run_measured("dir", ".", "-f", "json", "--max-file-size", str(size))
        self.assertEqual(r.rc, 1, r)
        [f] = json.loads(r.out)
        self.assertEqual((f["path"], f["line"], f["column"]), ("huge.log", 4, 5))
        self.assertRssBounded(rss)
        print(f"\n  4 GiB sparse file: scanned in {secs:.1f}s, peak RSS {rss / MiB:.0f} MiB", flush=True)

    def big_text_file(self, name, size):
        """A real (non-sparse) text file of `size` bytes with a secret on its second-to-last line."""
        token = github_token()
        path = self.path(name)
        line = b"".join(b"%06d lorem ipsum dolor sit amet, consectetur adipiscing elit\n" % i for i in range(16384))
        tail = f"AWS key follows\nfound = {token}\nend\n".encode()
        with open(path, "wb") as f:
            while f.tell() + len(line) + len(tail) <= size:
                f.write(line)
            f.write(b"x" * (size - len(tail) - f.tell() - 1) + b"\n")
            f.write(tail)
        self.addCleanup(lambda: os.path.exists(path) and os.remove(path))
        with open(path, "rb") as f:
            f.seek(0)
            newlines = 0
            while True:
                b = f.read(16 * MiB)
                if not b:
                    break
                newlines += b.count(b"\n")
        return token, newlines - 1  # the token's line: the last two lines are "found" and "end"

    def scan_big(self, size, label):
        token, line = self.big_text_file("big.txt", size)
        r, rss, secs = self.run_measured("dir", "big.txt", "-f", "json", "--max-file-size", str(size), "-j", "1")
        self.assertEqual(r.rc, 1, r)
        [f] = json.loads(r.out)
        self.assertEqual((f["rule_id"], f["line"], f["column"]), ("github-pat-classic", line, 9))
        self.assertNoSecret(token, r.out, r.err)
        self.assertRssBounded(rss)
        print(f"\n  {label}: scanned in {secs:.1f}s, peak RSS {rss / MiB:.0f} MiB", flush=True)

    def test_300_mb_file_with_a_secret_near_the_end(self):
        self.scan_big(300 * 1000 * 1000, "300 MB file")

    @unittest.skipUnless(SLOW and not SANITIZED, "slow: set NHISCAN_SLOW_TESTS=1 (writes a 2 GB file)")
    def test_slow_2_gb_file_with_a_secret_near_the_end(self):
        self.scan_big(2 * 1000 * 1000 * 1000, "2 GB file")

    def test_stdin_over_the_size_limit_is_skipped_with_bounded_memory(self):
        token = github_token()
        # 200 MiB through a pipe with the default 25 MiB limit: skipped once the limit is passed.
        script = (f"import sys\nb = b'y' * (1 << 20)\ntry:\n    for _ in range(200): sys.stdout.buffer.write(b)\n"
                  f"    print('\\n{token}')\nexcept BrokenPipeError:\n    sys.stderr.close()\n")
        feeder = subprocess.Popen(["python3", "-c", script], stdout=subprocess.PIPE)
        r, rss, _ = self.run_measured("dir", "-", "-f", "json", stdin=feeder.stdout)
        feeder.stdout.close()
        feeder.wait()
        self.assertEqual((r.rc, json.loads(r.out)), (0, [incomplete(too_large=1)]), r)
        self.assertIn("nhiscan: notice: skipping stdin: more than --max-file-size (26214400) bytes", r.err)
        self.assertRssBounded(rss, 256 * MiB)
        # Raised limit: scanned in chunks, memory stays bounded, the token at the end is found.
        feeder = subprocess.Popen(["python3", "-c", script], stdout=subprocess.PIPE)
        r, rss, _ = self.run_measured("dir", "-", "-f", "json", "--max-file-size", str(1 << 30), stdin=feeder.stdout)
        feeder.stdout.close()
        feeder.wait()
        self.assertEqual(r.rc, 1, r)
        [f] = json.loads(r.out)
        self.assertEqual((f["path"], f["line"], f["column"]), ("<stdin>", 2, 1))
        self.assertRssBounded(rss)


if __name__ == "__main__":
    unittest.main()
