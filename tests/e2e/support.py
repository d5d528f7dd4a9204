"""Shared helpers for end-to-end tests of the built nhiscan binary.

Fake secrets are assembled at runtime from fragments so that no real-looking token is ever
committed (push protection on hosting services would trip on them).
"""
import atexit
import base64
import json
import os
import random
import shutil
import subprocess
import tempfile
import unittest
import zlib

BIN = os.environ.get("NHISCAN_BIN") or os.path.join(os.path.dirname(__file__), "..", "..", "build", "nhiscan")
SOURCE_DIR = os.environ.get("NHISCAN_SOURCE_DIR") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_rng = random.Random(20261122)


def rand_chars(n, alphabet=BASE62, rng=_rng):
    return "".join(rng.choice(alphabet) for _ in range(n))


def base62_crc32(body):
    crc = zlib.crc32(body.encode())
    out = ""
    while crc:
        crc, r = divmod(crc, 62)
        out = BASE62[r] + out
    return out.rjust(6, "0")


def github_token(prefix="ghp" + "_", valid=True):
    body = rand_chars(30)
    crc = base62_crc32(body)
    if not valid:
        crc = crc[:-1] + ("A" if crc[-1] != "A" else "B")
    return prefix + body + crc


def aws_key_pair():
    key_id = "AK" + "IA" + rand_chars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    secret = rand_chars(40, BASE62 + "+/")
    return key_id, secret


def rsa_private_key_pem():
    """A PEM RSA private key whose DER structure parses (random numbers, not a usable key),
    built at run time so no key-shaped block is committed."""
    def der(tag, content):
        n = len(content)
        length = bytes([n]) if n < 0x80 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8, "big")
        return bytes([tag]) + length + content

    def integer(b):
        b = b.lstrip(b"\0") or b"\0"
        return der(0x02, b"\0" + b if b[0] & 0x80 else b)

    rnd = lambda n: bytes(_rng.randrange(256) for _ in range(n))
    body = der(0x30, integer(b"\0") + integer(b"\xc1" + rnd(255)) + integer(b"\x01\x00\x01") + integer(rnd(256))
               + b"".join(integer(b"\xe1" + rnd(127)) for _ in range(5)))
    b64 = base64.b64encode(body).decode()
    label = "RSA PRIVATE" + " KEY"
    return "\n".join([f"-----BEGIN {label}-----"] + [b64[i:i + 64] for i in range(0, len(b64), 64)]
                     + [f"-----END {label}-----"]) + "\n"


def incomplete(unreadable=0, too_large=0):
    """The status record that closes a JSON / JSON Lines report of an incomplete scan
    (docs/reports.md)."""
    reasons = []
    if unreadable:
        reasons.append({"reason": "unreadable", "count": unreadable,
                        "message": f"{unreadable} input{'' if unreadable == 1 else 's'} could not be read"})
    if too_large:
        reasons.append({"reason": "too-large", "count": too_large,
                        "message": f"{too_large} input{'' if too_large == 1 else 's'} larger than --max-file-size "
                                   f"{'was' if too_large == 1 else 'were'} skipped"})
    return {"complete": False, "reasons": reasons}


class Result:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def jsonl(self):
        return [json.loads(l) for l in self.out.splitlines() if l.strip()]

    def __repr__(self):
        return f"rc={self.rc}\nstdout:\n{self.out}\nstderr:\n{self.err}"


_shared_cache = None


def shared_cache_dir():
    """One rule-database cache for the whole test run (NHISCAN_TEST_CACHE, set by ctest) or at
    least for this process: the built-in pack then compiles once instead of once per test.
    Cache writes are atomic (temp file + rename), so sharing is safe."""
    global _shared_cache
    if _shared_cache is None:
        _shared_cache = os.environ.get("NHISCAN_TEST_CACHE")
        if _shared_cache:
            os.makedirs(_shared_cache, exist_ok=True)
        else:
            _shared_cache = tempfile.mkdtemp(prefix="nhiscan-e2e-cache-")
            atexit.register(shutil.rmtree, _shared_cache, True)
    return _shared_cache


class NhiscanTest(unittest.TestCase):
    """Each test gets a temp work dir and HOME. The rule cache is shared across the run unless
    the class sets isolated_cache = True (tests of the cache itself)."""

    isolated_cache = False

    def setUp(self):
        # The work dir is a child of the temp root so that the cache and HOME are never
        # inside what a test scans.
        self.root = tempfile.mkdtemp(prefix="nhiscan-e2e-")
        self.tmp = os.path.join(self.root, "work")
        self.home = os.path.join(self.root, "home")
        os.makedirs(self.tmp)
        os.makedirs(self.home)
        # self.cache is always this test's own directory; XDG_CACHE_HOME points at it only
        # for isolated_cache classes (or tests that set it themselves).
        self.cache = os.path.join(self.root, "cache")
        self.env = dict(os.environ)
        self.env["XDG_CACHE_HOME"] = self.cache if self.isolated_cache else shared_cache_dir()
        self.env.pop("GIT_INDEX_FILE", None)
        self.env.update({
            "GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.com",
            "GIT_COMMITTER_NAME": "Test Committer", "GIT_COMMITTER_EMAIL": "committer@example.com",
            "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
            "GIT_CONFIG_NOSYSTEM": "1", "HOME": self.home,
        })

    def tearDown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def write(self, rel, content, mode="w"):
        p = self.path(rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, mode) as f:
            f.write(content)
        return p

    def run_nhiscan(self, *args, cwd=None, input=None, env=None):
        e = dict(self.env)
        if env:
            e.update(env)
        proc = subprocess.run([BIN, *args], cwd=cwd or self.tmp, input=input, capture_output=True,
                              text=True, env=e, errors="replace", timeout=600)
        return Result(proc)

    def git(self, *args, cwd=None, env=None):
        e = dict(self.env)
        if env:
            e.update(env)
        return subprocess.run(["git", *args], cwd=cwd or self.tmp, capture_output=True, text=True,
                              env=e, check=True).stdout

    def assertNoSecret(self, secret, *texts):
        for t in texts:
            self.assertNotIn(secret, t)
