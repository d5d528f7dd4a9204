"""Shared helpers for the nhiscan benchmark corpus generators and runner.

Nothing here needs more than a Debian machine: the corpora are built from text that ships
with the system (/usr/include, /usr/share, Python's and Perl's standard libraries).

Fake secrets are assembled at runtime from fragments, so this file never contains a
real-looking token (hosting services' push protection would trip on one).
"""
from __future__ import annotations

import json
import os
import sys
import random
import zlib

# Where the corpora live: outside the repository, never committed.
BENCH_DIR = os.environ.get("NHISCAN_BENCH_DIR") or "/tmp/nhiscan-bench"

# Text that ships with any Debian install (whichever of these exist are used, in this order).
TEXT_ROOTS = [
    "/usr/include",
    "/usr/share/doc",
    "/usr/share/perl",
    "/usr/share/perl5",
    "/usr/lib/x86_64-linux-gnu/perl",
    "/usr/lib/x86_64-linux-gnu/perl5",
    "/usr/lib/python3",
    "/usr/lib/python3.11",
    "/usr/lib/python3.12",
    "/usr/lib/python3.13",
    "/usr/share",  # everything else under /usr/share (man pages are gzipped and skipped)
]

# Suffixes that are never text (checked before reading a file).
BINARY_SUFFIXES = {
    ".gz", ".xz", ".bz2", ".zst", ".lz4", ".zip", ".jar", ".whl", ".egg", ".tar", ".tgz", ".7z",
    ".mo", ".gmo", ".pyc", ".pyo", ".so", ".a", ".o", ".ko", ".bin", ".dat", ".db", ".sqlite",
    ".png", ".jpg", ".jpeg", ".gif", ".ico", ".icns", ".bmp", ".tif", ".tiff", ".webp", ".xpm.gz",
    ".pdf", ".ps.gz", ".woff", ".woff2", ".ttf", ".otf", ".pfb", ".pcf", ".cache", ".wav", ".ogg",
    ".mp3", ".mp4", ".dll", ".exe", ".pack", ".idx", ".cat", ".hwdb",
}

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ALNUM = BASE62


def skip_name(name: str) -> bool:
    if name.startswith("."):
        return True  # hidden files: ripgrep skips them by default, so the corpora hold none
    low = name.lower()
    return any(low.endswith(s) for s in BINARY_SUFFIXES)


def iter_text_files(max_size: int, min_size: int = 64, roots=None):
    """Yields (abs_path, rel_path, size) of plausible text files under the roots, sorted,
    each real file once. Content is not read here (see read_text)."""
    seen_dirs = set()
    seen_files = set()
    for root in roots or TEXT_ROOTS:
        if not os.path.isdir(root):
            continue
        top = os.path.basename(root.rstrip("/")) or "root"
        for dirpath, dirnames, filenames in os.walk(root):
            real = os.path.realpath(dirpath)
            if real in seen_dirs:
                dirnames[:] = []
                continue
            seen_dirs.add(real)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
            for name in sorted(filenames):
                if skip_name(name):
                    continue
                p = os.path.join(dirpath, name)
                try:
                    st = os.lstat(p)
                except OSError:
                    continue
                if not os.path.isfile(p) or os.path.islink(p):
                    continue
                key = (st.st_dev, st.st_ino)
                if key in seen_files:
                    continue
                seen_files.add(key)
                if st.st_size < min_size or st.st_size > max_size:
                    continue
                rel = os.path.join(top, os.path.relpath(p, root))
                yield p, rel, st.st_size


def read_text(path: str):
    """The file's bytes if it is text (no NUL byte anywhere, so ripgrep and nhiscan both
    treat it as text), else None."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if b"\0" in data:
        return None
    return data


# ---------------------------------------------------------------------------------------
# Fake secrets. Every one matches a rule of the built-in pack and passes its filters, but
# is random, so it is not a real credential. Literal prefixes are split into fragments.

# One CRC32-in-base62 implementation for tests, eval and bench: tests/e2e/support.py.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from support import base62_crc32  # noqa: E402


def _chars(rng: random.Random, n: int, alphabet: str = ALNUM) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def github_pat(rng):
    body = _chars(rng, 30)
    return "gh" + "p_" + body + base62_crc32(body)


def aws_key_id(rng):
    return "AK" + "IA" + _chars(rng, 16, BASE32)


def slack_bot(rng):
    return "xo" + "xb-" + _chars(rng, 11, "0123456789") + "-" + _chars(rng, 12, "0123456789") + "-" + _chars(rng, 24)


def openai_project(rng):
    return "sk-" + "proj-" + _chars(rng, 40) + "T3Blbk" + "FJ" + _chars(rng, 40)


def gitlab_pat(rng):
    return "gl" + "pat-" + _chars(rng, 20)


# (kind, generator, line template): the line a developer might have written.
SECRET_KINDS = [
    ("github-pat-classic", github_pat, 'GITHUB_TOKEN = "{}"'),
    ("aws-access-key-id", aws_key_id, "aws_access_key_id = {}"),
    ("slack-bot-token", slack_bot, "SLACK_BOT_TOKEN={}"),
    ("openai-project-api-key", openai_project, 'openai.api_key = "{}"'),
    ("gitlab-personal-access-token", gitlab_pat, "private_token: {}"),
]


def make_secret(rng: random.Random, i: int):
    """The i-th planted secret: (kind, secret, line)."""
    kind, gen, tmpl = SECRET_KINDS[i % len(SECRET_KINDS)]
    s = gen(rng)
    return kind, s, tmpl.format(s)


def insert_line(data: bytes, line: str, rng: random.Random) -> bytes:
    """Inserts `line` at a line boundary roughly in the middle of `data`."""
    n = len(data)
    if n == 0:
        return line.encode() + b"\n"
    pos = rng.randrange(n // 4, max(n // 4 + 1, (3 * n) // 4))
    nl = data.rfind(b"\n", 0, pos)
    cut = 0 if nl < 0 else nl + 1
    return data[:cut] + line.encode() + b"\n" + data[cut:]


def write_json(path: str, obj) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
    os.replace(tmp, path)


def read_json(path: str):
    with open(path) as f:
        return json.load(f)


def human_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TiB"
