#!/usr/bin/env python3
"""Regenerates the checked-in seed corpus under fuzz/corpus/ (fake data only).

scan:     the built-in rule pack's own examples and negative examples (already fake and
          checked in under rules/), one seed per rule file, plus hand-made edge cases.
rules:    small rule files, including a few of the built-in ones.
config:   small .nhiscan.toml files.
baseline: small baseline files.
pack:     git packs of a tiny fake history (OFS_DELTA and REF_DELTA), minus their 12-byte
          header and checksum, behind a 0x00 mode byte; hand-made deltas behind 0x01.
Run from anywhere: python3 fuzz/make_seeds.py (the pack seeds need git)
"""
import os
import re
import shutil
import subprocess
import tempfile
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "corpus")


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def main():
    for t in ("scan", "rules", "config", "baseline", "pack"):
        shutil.rmtree(os.path.join(CORPUS, t), ignore_errors=True)

    # scan: rule examples, grouped per provider file.
    rules_dir = os.path.join(ROOT, "rules")
    for fn in sorted(os.listdir(rules_dir)):
        if not fn.endswith(".toml"):
            continue
        with open(os.path.join(rules_dir, fn), "rb") as f:
            doc = tomllib.load(f)
        lines = []
        for r in doc.get("rules", []):
            lines += r.get("examples", []) + r.get("negative_examples", [])
        if lines:
            write("scan", fn[:-5] + ".txt", "\n".join(lines) + "\n")
    write("scan", "crlf.txt", b"a = 1\r\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\r\nb\rc\n")
    write("scan", "nul.txt", b"key=\x00AKIAIOSFODNN7EXAMPLE\x00\n")
    write("scan", "allow.txt", b"x = 'AKIAIOSFODNN7EXAMPLE'  # nhiscan:allow\n")
    write("scan", "empty.txt", b"")
    write("scan", "latin1.txt", b"\xe9\xff token: \xc3\xa9 AKIAIOSFODNN7EXAMPLE\n")
    write("scan", "pem-open.txt", b"-----BEGIN RSA PRIVATE KEY-----\n" + b"QUFB" * 40 + b"\n")

    # rules: hand-made files and a few small built-in ones.
    write("rules", "minimal.toml", "[[rules]]\nid = 'demo'\npattern = '''\\b(demo_[a-z]{6})\\b'''\n"
          "examples = ['demo_abcdef']\nnegative_examples = ['demo_abc']\n")
    write("rules", "full.toml", """[[rules]]
id = "acme-key"
name = "ACME key"
provider = "ACME"
kind = "api-key"
severity = "high"
confidence = "medium"
pattern = '''(?i)acme[_.-]?key["']?[ \\t]{0,4}[:=][ \\t]{0,4}["']?([a-z0-9]{16,32})\\b'''
keywords = ["acme"]
min_entropy = 3.0
filters = ["placeholder"]
remediation = "Rotate it."
references = ["https://example.com/acme"]
examples = ["acme_key = 'q8zr4ktn2lw9hx7p'"]
negative_examples = ["acme_key = 'changeme'"]

[rules.allowlist]
paths = ["**/test/**", "*.md"]
regexes = ['''^0+$''']
stopwords = ["sample"]

[[filters]]
id = "placeholder"
description = "placeholders"
secret_regexes = ['''(?i)^changeme$''']
checks = ["repeated", "sequential"]
examples = ["changeme"]
negative_examples = ["q8zr4ktn2lw9hx7p"]

[allowlist]
paths = ["vendor/**"]
""")
    write("rules", "bad-regex.toml", "[[rules]]\nid = 'x'\npattern = '''(x_[a-z'''\n")
    write("rules", "two-groups.toml", "[[rules]]\nid = 'x'\npattern = '''(a)(b)'''\n")
    write("rules", "hs-only.toml", "[[rules]]\nid = 'x'\npattern = '''(?U)(a+)'''\n")
    write("rules", "re2-only.toml", "[[rules]]\nid = 'x'\npattern = '''(a(?=b))'''\n")
    write("rules", "validator.toml", "[[rules]]\nid = 'gh'\nvalidator = 'github-crc32'\n"
          "pattern = '''\\b(ghp_[0-9A-Za-z]{36})\\b'''\n")
    for fn in ("age.toml", "npm.toml", "pypi.toml", "jwt.toml"):
        p = os.path.join(rules_dir, fn)
        if os.path.exists(p):
            with open(p, "rb") as f:
                write("rules", "builtin-" + fn, f.read())

    # config
    write("config", "empty.toml", "")
    write("config", "extend.toml", "[[rules]]\nid = 'acme-key'\nname = 'ACME'\nseverity = 'low'\n"
          "pattern = '''\\b(acme_[0-9a-f]{12})\\b'''\n")
    write("config", "replace.toml", "use_builtin_rules = false\n[[rules]]\nid = 'only'\n"
          "pattern = '''(only_[a-z]{8})'''\nfilters = ['placeholder']\n")
    write("config", "disable-override.toml", "disable = ['generic-api-key']\n\n[[override]]\n"
          "id = 'github-pat-classic'\nseverity = 'low'\nmin_entropy = 2.5\n\n[override.allowlist]\n"
          "paths = ['fixtures/**']\nstopwords = ['example']\n\n[allowlist]\nregexes = ['''^test''']\n"
          "paths = ['**/*.lock']\n")
    write("config", "bad.toml", "[[rules]\nid = 1\n")
    write("config", "no-rules.toml", "use_builtin_rules = false\n")

    # baseline
    fp = "0123456789abcdef" * 4
    write("baseline", "one.jsonl", '{"fingerprint":"%s","rule_id":"github-pat-classic","path":"a.py"}\n' % fp)
    write("baseline", "commented.jsonl", "# baseline\n\n" + '{"fingerprint":"%s","rule_id":"x","path":"d\\u00e9j\\u00e0/\\n.txt","commit":"%s"}\r\n' % (fp, "ab" * 20))
    write("baseline", "bad.jsonl", '{"fingerprint":"XYZ","rule_id":1}\n[1,2]\n')
    write("baseline", "empty.jsonl", "")

    pack_seeds()


def pack_seeds():
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null",
               GIT_AUTHOR_NAME="Fuzz", GIT_AUTHOR_EMAIL="fuzz@example.com", GIT_COMMITTER_NAME="Fuzz",
               GIT_COMMITTER_EMAIL="fuzz@example.com", GIT_AUTHOR_DATE="2024-01-01T00:00:00Z",
               GIT_COMMITTER_DATE="2024-01-01T00:00:00Z")
    with tempfile.TemporaryDirectory() as d:
        git = lambda *a: subprocess.run(["git", *a], cwd=d, env=env, check=True, capture_output=True).stdout
        git("init", "-q", "-b", "main", ".")
        body = "".join(f"line {n} of a small fake file\n" for n in range(40))
        for v in range(4):
            os.makedirs(os.path.join(d, "src"), exist_ok=True)
            with open(os.path.join(d, "src", "a.txt"), "w") as f:
                f.write(body + f"version {v}\n")
            git("add", "-A")
            git("commit", "-q", "-m", f"v{v}")
        objects = git("rev-list", "--objects", "--all")
        for name, flags in (("ofs-delta", ["--delta-base-offset"]), ("ref-delta", [])):
            out = os.path.join(d, name)
            sha = subprocess.run(["git", "pack-objects", "-q", "--window=10", "--depth=10", *flags, out], cwd=d, env=env,
                                 input=objects, check=True, capture_output=True).stdout.decode().strip()
            with open(f"{out}-{sha}.pack", "rb") as f:
                pack = f.read()
            write("pack", name + ".bin", b"\x00" + pack[12:-20])
    # Deltas: base "0123456789"; copy 4 bytes at 2, insert "xyz"; then a copy past the end.
    write("pack", "delta.bin", b"\x01\x0a\x00" + b"0123456789" + b"\x0a\x07\x91\x02\x04\x03xyz")
    write("pack", "delta-bad.bin", b"\x01\x0a\x00" + b"0123456789" + b"\x0a\x04\x91\x08\x04")
    archive_seeds()


def archive_seeds():
    """Small archives of every format the archive source opens, nested, and damaged."""
    import bz2
    import gzip
    import io
    import lzma
    import tarfile
    import zipfile
    shutil.rmtree(os.path.join(CORPUS, "archive"), ignore_errors=True)
    text = b"# app\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"

    def zipped(members, method=zipfile.ZIP_DEFLATED):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", method) as z:
            for name, data in members:
                info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
                z.writestr(info, data, compress_type=method)
        return buf.getvalue()

    def tarred(members, mode="w"):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode=mode) as t:
            for name, data in members:
                info = tarfile.TarInfo(name)
                info.size, info.mtime = len(data), 1700000000
                t.addfile(info, io.BytesIO(data))
        return buf.getvalue()

    m = [("config/app.env", text), ("README", b"x\n")]
    write("archive", "zip.bin", zipped(m))
    write("archive", "zip-stored.bin", zipped(m, zipfile.ZIP_STORED))
    write("archive", "tar.bin", tarred(m))
    write("archive", "tar-gz.bin", tarred(m, "w:gz"))
    write("archive", "tar-bz2.bin", tarred(m, "w:bz2"))
    write("archive", "tar-xz.bin", tarred(m, "w:xz"))
    write("archive", "gz.bin", gzip.compress(text, mtime=0))
    write("archive", "bz2.bin", bz2.compress(text))
    write("archive", "xz.bin", lzma.compress(text))
    write("archive", "nested.bin", zipped([("lib/inner.tgz", tarred(m, "w:gz"))]))
    write("archive", "truncated.bin", tarred(m)[:700])
    write("archive", "zeros.bin", zipped([("z", b"\0" * (2 << 20))]))


if __name__ == "__main__":
    main()
