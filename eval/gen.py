#!/usr/bin/env python3
"""Generate a corpus of fake-but-format-valid credentials for every rule of the pack.

Nothing real-looking is committed: every credential is drawn at run time from a seeded RNG.
For each rule the generator walks the rule's `pattern` with Python's regex parser
(`re._parser`, formerly sre_parse): the capture group (the secret) is filled with random,
high-entropy characters from its character classes, and the text around it (key names,
URL schemes, connection-string fields) is filled "tamely" (short, plausible words). The
secret is then placed in realistic context lines (.env, shell, YAML, JSON, Python, JS, Go,
Java, Terraform, properties, TOML, XML ...), and structured credentials get bodies that
survive the offline validators: CRC32-valid GitHub/npm tokens, decodable JWTs, PEM bodies
that decode to DER, OpenSSH `openssh-key-v1` blobs, PuTTY/PGP/JWK/service-account files.

Each sample is checked against the rule's pattern with Python `re` (the pack's patterns are
a common subset of Hyperscan, RE2 and Python) so that a miss in the evaluation means the
engine, an entropy gate, a filter or an allowlist dropped it, not that the generator wrote
something the pattern can't match. Contexts that the pattern rejects are retried with other
templates and counted per rule as "context rejections" (a hint that a rule is too narrow).

Output: one file per sample under OUT/<rule-id>/, and OUT/manifest.jsonl with one record per
sample: file, line, end_line, rule, provider, kind, context, pattern_ok. The manifest
never holds the secret itself (only its length).

Usage: gen.py --rules RULES_DIR --out DIR [--per-rule 20] [--seed 1] [--only ID,...]
"""
import argparse
import base64
import hashlib
import json
import math
import os
import random
import re
import shutil
import string
import struct
import sys
import time
import tomllib
import zlib

try:  # Python 3.11+
    import re._parser as sre_parse
    import re._constants as sre_c
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse  # type: ignore
    import sre_constants as sre_c  # type: ignore

MAXREPEAT = sre_c.MAXREPEAT
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
# Characters a generated password may use when its class is very broad (negated classes):
# nothing that would need escaping in JSON, YAML, shell or URLs.
SAFE_PW = string.ascii_letters + string.digits + "!*+-_.~^"
PRINTABLE = [chr(i) for i in range(0x20, 0x7F)]
SPACES = " \t\n\r"


def shannon(s):
    if not s:
        return 0.0
    counts = {}
    for ch in s.encode("latin-1", "replace"):
        counts[ch] = counts.get(ch, 0) + 1
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def load_rules(rules_dir):
    rules = []
    for name in sorted(os.listdir(rules_dir)):
        if not name.endswith(".toml"):
            continue
        with open(os.path.join(rules_dir, name), "rb") as f:
            data = tomllib.load(f)
        for r in data.get("rules", []):
            r = dict(r)
            r["file"] = name
            rules.append(r)
    return rules


# ---------------------------------------------------------------------------------------
# Pattern walker
# ---------------------------------------------------------------------------------------

def fill_keyword_patterns(rules, binary):
    """Keyword rules (shape = "keyword") have no pattern in TOML: the engine builds it. Take
    the built patterns from `nhiscan rules list -f json` (the binary must embed these rules).
    $NHISCAN_PATTERNS_BIN names another binary to take them from: an older build is then
    measured on the newer pack's samples (rules it lacks count as its misses)."""
    import os
    import subprocess
    if not any(r.get("shape") == "keyword" for r in rules):
        return rules
    binary = os.environ.get("NHISCAN_PATTERNS_BIN") or binary
    out = subprocess.run([binary, "rules", "list", "-f", "json"], check=True, capture_output=True).stdout
    built = {r["id"]: r for r in json.loads(out)}
    for r in rules:
        if r.get("shape") == "keyword":
            b = built.get(r["id"])
            if b is None:
                raise SystemExit(f"gen.py: keyword rule {r['id']} is not in {binary}: rebuild it")
            r["pattern"] = b["pattern"]
            r.setdefault("min_entropy", b["min_entropy"])
    return rules


CHARSETS = {
    "hex": string.digits + "abcdef" + "ABCDEF", "hex-lower": string.digits + "abcdef",
    "hex-upper": string.digits + "ABCDEF", "digits": string.digits, "alnum": BASE62,
    "alnum-lower": string.digits + string.ascii_lowercase, "alnum-upper": string.digits + string.ascii_uppercase,
    "alpha": string.ascii_letters, "base64": BASE62 + "+/", "base64url": BASE62 + "_-", "word": BASE62 + "_",
    "token": BASE62 + "_.-",
}


def example_path(rule):
    """A path the rule's first `paths` glob matches: `**/` dropped, `*` and `?` read as `x`
    (the engine's example_path(), src/scan/scanner.cpp)."""
    g = rule["paths"][0]
    while g.startswith("**/"):
        g = g[3:]
    out = ""
    for c in g:
        if c == "*":
            if not out.endswith("x"):
                out += "x"
        elif c == "?":
            out += "x"
        else:
            out += c
    return out


def keyword_value(rule, rng):
    cs = rule["charset"]
    if cs == "uuid":
        return uuid4(rng)
    if cs in CHARSETS:
        alphabet = CHARSETS[cs]
        if cs == "hex":  # real hex values are of one case
            alphabet = rng.choice([string.digits + "abcdef", string.digits + "ABCDEF"])
    else:
        alphabet = "".join(sorted(class_chars(sre_parse.parse(cs)[0][1])))
    # Many keys only known as "lower-case alphanumeric" (a scanner's `[a-z0-9]{32}`) are hex in
    # practice: a quarter of the samples of a one-case alphanumeric charset are hex.
    if cs in ("alnum-lower", "alnum-upper") and rng.random() < 0.25:
        alphabet = string.digits + ("abcdef" if cs == "alnum-lower" else "ABCDEF")
    lo = rule.get("min_length", rule.get("length", 0))
    hi = rule.get("max_length", rule.get("length", 0))
    n = rng.randint(lo, hi)
    # The value must be one whole run: no leading/trailing characters that could be read as a
    # separator (`-`, `.`), as a real value seldom has them.
    while True:
        v = rand_str(rng, n, alphabet)
        if v[0].isalnum() and v[-1].isalnum() or not any(c.isalnum() for c in alphabet):
            return v


def keyword_sample(rule, rng, i, force_ext=None):
    """A keyword rule's value under a name built from one of its words, in one of several
    syntaxes; every fifth sample nests it under a section or parent key named for the word."""
    # Words that can be part of a name (a header form such as `x-auth-token: api-key` cannot).
    words = [w for w in rule["words"] if re.fullmatch(r"[A-Za-z0-9 _.-]+", w)] or rule["words"]
    word = rng.choice(words)
    w = re.sub(r"[^A-Za-z0-9]+", "_", word).strip("_")
    suffix = KIND_SUFFIX.get(rule.get("kind", ""), "API_KEY")
    value = keyword_value(rule, rng)
    if i % 5 == 4 and force_ext is None:
        sub = suffix.lower()
        ext = rng.choice(["yaml", "ini"])
        if ext == "yaml":
            body = [f"{w.lower()}:", f"  {sub}: " + (f'"{value}"' if rng.random() < 0.5 else value)]
        else:
            body = [f"[{w.lower()}]", f"{sub} = {value}"]
        content = "# settings\n" + "\n".join(body) + "\nenabled = true\n"
        return f"sample.{ext}", content, content.find(value), value, f"{ext}:section"
    ext = force_ext or ASSIGN_EXTS[(i + ctx_offset(rule)) % len(ASSIGN_EXTS)]
    key = f"{w}_{suffix}"
    body = render_value_line(ext, key, value, rng)
    content, idx = wrap_file(ext, body, rng)
    line_off = sum(len(l) + 1 for l in content.split("\n")[:idx])
    return ctx_file(ext), content, content.find(value, line_off), value, f"{ext}:keyword"


def category_chars(cat):
    digits = set(string.digits)
    word = set(string.ascii_letters + string.digits + "_")
    space = set(SPACES)
    printable = set(PRINTABLE) | set("\t\n\r")
    table = {
        sre_c.CATEGORY_DIGIT: digits,
        sre_c.CATEGORY_NOT_DIGIT: printable - digits,
        sre_c.CATEGORY_SPACE: space,
        sre_c.CATEGORY_NOT_SPACE: printable - space,
        sre_c.CATEGORY_WORD: word,
        sre_c.CATEGORY_NOT_WORD: printable - word,
    }
    return table.get(cat, set())


def class_chars(items):
    neg = False
    s = set()
    for op, av in items:
        if op is sre_c.NEGATE:
            neg = True
        elif op is sre_c.LITERAL:
            s.add(chr(av))
        elif op is sre_c.RANGE:
            s.update(chr(i) for i in range(av[0], min(av[1], 0x7E) + 1))
        elif op is sre_c.CATEGORY:
            s |= category_chars(av)
    if neg:
        s = (set(PRINTABLE) | set("\t\n\r")) - s
    return s


def single_class(body):
    """The char set if `body` is one character-matching item, else None."""
    if len(body) != 1:
        return None
    op, av = body[0]
    if op is sre_c.IN:
        return class_chars(av)
    if op is sre_c.LITERAL:
        return {chr(av)}
    if op is sre_c.CATEGORY:
        return category_chars(av)
    if op is sre_c.ANY:
        return set(PRINTABLE)
    return None


KEY_FILLERS = ["_api_key", "_key", "_token", "_secret", "_prod", ".api", "-prod", "_live", "_client"]
USER_FILLERS = ["app", "admin", "deploy", "svc_orders", "ci-bot", "backend", "reporting", "etl_user", "root"]
HOST_FILLERS = ["db.internal", "db-01.prod.internal", "10.0.3.17", "cache.prod.svc.cluster.local",
                "orders-db.c9x2k.eu-west-1.rds.amazonaws.com", "api.internal.corp", "localhost", "mq.prod"]
PREFIX_FILLERS = ["db_", "admin_", "smtp_", "app_", "root_", "redis_", "prod_", "DB_", "ldap_bind_", "service_"]
WORD_FILLERS = ["prod", "acme", "billing", "orders", "prodstore01", "myapp", "payments", "corp", "app01"]


class Walker:
    """Produces a string matching a parsed pattern: random in group 1, tame elsewhere."""

    def __init__(self, rng):
        self.rng = rng

    def run(self, parsed):
        self.out = []
        self.span = None
        self.walk(list(parsed), secret=False)
        text = "".join(self.out)
        return text, self.span

    def cur(self):
        return "".join(self.out[-8:])

    # character choice ------------------------------------------------------------------
    def secret_char(self, chars):
        pool = sorted(chars)
        if len(pool) > 66:  # very broad or negated class: a password alphabet
            safe = [c for c in SAFE_PW if c in chars]
            if safe:
                pool = safe
        no_space = [c for c in pool if c not in SPACES and c not in "\\\"'`"]
        if no_space:
            pool = no_space
        return self.rng.choice(pool)

    def tame_char(self, chars):
        if ":" in chars and "=" in chars:
            return self.rng.choice(":=")
        for c in "_ abcdefghijklmnopqrstuvwxyz0123456789-.:=/":
            if c in chars:
                return c
        pool = sorted(c for c in chars if c not in "\t\r\n") or sorted(chars)
        return pool[0]

    def filler(self, chars, lo, hi, optional=False):
        tail = self.cur()
        if tail.endswith("://"):
            pool = USER_FILLERS
        elif tail.endswith("@"):
            pool = HOST_FILLERS
        elif not self.out:
            pool = PREFIX_FILLERS
        elif optional:
            pool = KEY_FILLERS
        else:
            pool = WORD_FILLERS + USER_FILLERS + HOST_FILLERS
        fits = [w for w in pool if max(lo, 1) <= len(w) <= hi and all(c in chars for c in w)]
        if fits:
            return self.rng.choice(fits)
        return None

    # repeats -------------------------------------------------------------------------
    def secret_count(self, lo, hi, chars):
        if hi == MAXREPEAT:
            hi = lo + 64
        if lo == hi:
            return lo
        if hi <= 3:
            return self.rng.randint(lo, hi)
        a, b = lo, hi
        if chars is not None and len(chars) > 20:
            # realistic secret lengths: at least 12 when the format allows it
            if b >= 16 and a < 12:
                a = 12
            b = min(b, max(a, 16) + 24)
        else:
            b = min(b, a + 8)
        return self.rng.randint(a, b)

    def walk(self, items, secret):
        items = list(items)
        for i, (op, av) in enumerate(items):
            self.next_item = items[i + 1] if i + 1 < len(items) else None
            self.item(op, av, secret)

    def next_is_word(self):
        """Whether the pattern item after the current one starts with a keyword."""
        nxt = getattr(self, "next_item", None)
        if nxt is None:
            return False
        op, av = nxt
        if op is sre_c.LITERAL:
            return chr(av).isalpha()
        return op in (sre_c.SUBPATTERN, sre_c.BRANCH)

    def item(self, op, av, secret):
        rng = self.rng
        if op is sre_c.LITERAL:
            self.out.append(chr(av))
        elif op is sre_c.NOT_LITERAL:
            self.out.append("a" if chr(av) != "a" else "b")
        elif op is sre_c.ANY:
            self.out.append(self.secret_char(set(PRINTABLE)) if secret else "x")
        elif op is sre_c.IN:
            chars = class_chars(av)
            self.out.append(self.secret_char(chars) if secret else self.tame_char(chars))
        elif op is sre_c.CATEGORY:
            chars = category_chars(av)
            self.out.append(self.secret_char(chars) if secret else self.tame_char(chars))
        elif op is sre_c.AT:
            pass
        elif op is sre_c.BRANCH:
            alts = av[1]
            self.walk(rng.choice(alts), secret)
        elif op is sre_c.SUBPATTERN:
            group, _add, _del, body = av
            if group == 1 and not secret:
                start = len("".join(self.out))
                self.walk(body, True)
                self.span = (start, len("".join(self.out)))
            else:
                self.walk(body, secret)
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) or op is getattr(sre_c, "POSSESSIVE_REPEAT", None):
            lo, hi, body = av
            chars = single_class(body)
            if secret:
                n = self.secret_count(lo, hi, chars)
                for _ in range(n):
                    self.walk(body, True)
                return
            # tame
            if chars is not None:
                if lo == 0 and hi == 1:
                    if chars & set("\"'`\r"):
                        return
                    if chars <= set("_.-"):
                        if rng.random() < 0.85:
                            self.out.append("_" if "_" in chars else rng.choice(sorted(chars)))
                        return
                    if rng.random() < 0.3:
                        self.out.append(self.tame_char(chars))
                    return
                if chars <= set(SPACES):
                    self.out.append((" " if " " in chars else self.tame_char(chars)) * lo)
                    return
                hi2 = hi if hi != MAXREPEAT else lo + 40
                if lo == 0:
                    tail = self.cur()
                    seps = [c for c in "_-." if c in chars]
                    if tail[-1:].isalnum() and seps and not tail.endswith("://"):
                        if self.next_is_word():  # between two keywords: adyen_hmac, asana_secret
                            if rng.random() < 0.9:
                                self.out.append(seps[0])
                            return
                        p = 0.4
                    else:
                        p = 1.0 if tail.endswith(("://", "@")) else 0.3
                    if rng.random() < p:
                        w = self.filler(chars, 0, hi2, optional=True)
                        if w:
                            self.out.append(w)
                    return
                if len(chars) > 10:
                    w = self.filler(chars, lo, hi2)
                    if w:
                        self.out.append(w)
                        return
                if lo >= 6:  # an id-like field (account SID, UUID part): random, not "aaaa"
                    pool = sorted(c for c in chars if c.isalnum()) or sorted(chars)
                    self.out.append("".join(rng.choice(pool) for _ in range(lo)))
                    return
                for _ in range(lo):
                    self.out.append(self.tame_char(chars))
                return
            # repeated group
            if lo == 0:
                n = 1 if rng.random() < 0.4 else 0
                n = min(n, hi)
            else:
                n = lo
            for _ in range(n):
                self.walk(body, False)
        elif op is sre_c.GROUPREF:
            raise ValueError("backreference")
        elif op is getattr(sre_c, "ATOMIC_GROUP", None):
            self.walk(av, secret)
        else:
            raise ValueError(f"unsupported regex op {op}")


# ---------------------------------------------------------------------------------------
# Structured credentials (bodies that pass the offline validators)
# ---------------------------------------------------------------------------------------

def rand_str(rng, n, alphabet=BASE62):
    return "".join(rng.choice(alphabet) for _ in range(n))


def rand_bytes(rng, n):
    return bytes(rng.getrandbits(8) for _ in range(n))


# One CRC32-in-base62 implementation for tests, eval and bench: tests/e2e/support.py.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from support import base62_crc32  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import heldout  # noqa: E402
import heldout2  # noqa: E402
import heldout3  # noqa: E402
import heldout4  # noqa: E402
import heldout5  # noqa: E402
import heldout6  # noqa: E402
import heldout7  # noqa: E402
import heldout8  # noqa: E402
import heldout9  # noqa: E402
import heldout10  # noqa: E402
import heldout11  # noqa: E402
import heldout12  # noqa: E402
import heldout13  # noqa: E402
import heldout14  # noqa: E402
import heldout15  # noqa: E402
import heldout16  # noqa: E402
import heldout17  # noqa: E402
import heldout18  # noqa: E402
import heldout19  # noqa: E402
import heldout20  # noqa: E402
import heldout21  # noqa: E402
import heldout22  # noqa: E402


def crc_token(rng, prefix):
    body = rand_str(rng, 30)
    return prefix + body + base62_crc32(body)


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def make_jwt(rng):
    alg = rng.choice(["HS256", "RS256", "ES256"])
    header = {"alg": alg, "typ": "JWT"}
    now = 1700000000 + rng.randint(0, 40000000)
    payload = {"sub": rand_str(rng, 12), "iss": rng.choice(["https://auth.acme.io/", "orders-api", "svc-billing"]),
               "iat": now, "exp": now + rng.choice([3600, 86400, 31536000])}
    if rng.random() < 0.5:
        payload["scope"] = rng.choice(["read:orders write:orders", "admin", "api"])
    sig_len = {"HS256": 32, "RS256": 256, "ES256": 64}[alg]
    return ".".join([b64url(json.dumps(header, separators=(",", ":")).encode()),
                     b64url(json.dumps(payload, separators=(",", ":")).encode()),
                     b64url(rand_bytes(rng, sig_len))])


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag, content):
    return bytes([tag]) + der_len(len(content)) + content


def der_int(b):
    b = b.lstrip(b"\0") or b"\0"
    if b[0] & 0x80:
        b = b"\0" + b
    return der(0x02, b)


OID_RSA = bytes.fromhex("06092a864886f70d010101")
OID_P256 = bytes.fromhex("06082a8648ce3d030107")
OID_ED25519 = bytes.fromhex("06032b6570")
OID_PBES2 = bytes.fromhex("06092a864886f70d01050d")
OID_PBKDF2 = bytes.fromhex("06092a864886f70d01050c")
OID_AES256CBC = bytes.fromhex("060960864801650304012a")


def rsa_der(rng, nbytes=256):
    half = nbytes // 2
    return der(0x30, der_int(b"\0") + der_int(b"\xc1" + rand_bytes(rng, nbytes - 1)) + der_int(b"\x01\x00\x01")
               + der_int(rand_bytes(rng, nbytes)) + der_int(b"\xe1" + rand_bytes(rng, half - 1))
               + der_int(b"\xd3" + rand_bytes(rng, half - 1)) + der_int(rand_bytes(rng, half))
               + der_int(rand_bytes(rng, half)) + der_int(rand_bytes(rng, half)))


def ec_der(rng):
    return der(0x30, der_int(b"\x01") + der(0x04, rand_bytes(rng, 32)) + der(0xA0, OID_P256)
               + der(0xA1, der(0x03, b"\x00\x04" + rand_bytes(rng, 64))))


def dsa_der(rng):
    return der(0x30, der_int(b"\0") + der_int(b"\xc3" + rand_bytes(rng, 127)) + der_int(b"\xa1" + rand_bytes(rng, 19))
               + der_int(rand_bytes(rng, 128)) + der_int(rand_bytes(rng, 128)) + der_int(rand_bytes(rng, 20)))


def pkcs8_der(rng):
    kind = rng.choice(["rsa", "ec", "ed25519"])
    if kind == "rsa":
        alg = der(0x30, OID_RSA + b"\x05\x00")
        inner = rsa_der(rng, rng.choice([128, 256]))
    elif kind == "ec":
        alg = der(0x30, bytes.fromhex("06072a8648ce3d0201") + OID_P256)
        inner = ec_der(rng)
    else:
        alg = der(0x30, OID_ED25519)
        inner = der(0x04, rand_bytes(rng, 32))
    return der(0x30, der_int(b"\0") + alg + der(0x04, inner))


def enc_pkcs8_der(rng):
    kdf = der(0x30, OID_PBKDF2 + der(0x30, der(0x04, rand_bytes(rng, 8)) + der_int(b"\x08\x00")))
    enc = der(0x30, OID_AES256CBC + der(0x04, rand_bytes(rng, 16)))
    alg = der(0x30, OID_PBES2 + der(0x30, kdf + enc))
    return der(0x30, alg + der(0x04, rand_bytes(rng, rng.choice([160, 640, 1232]))))


def b64_lines(data, width=64):
    s = base64.b64encode(data).decode()
    return [s[i:i + width] for i in range(0, len(s), width)]


def pem_block(label, der_bytes, headers=None):
    lines = [f"-----BEGIN {label}-----"]
    if headers:
        lines += headers + [""]
    lines += b64_lines(der_bytes)
    lines.append(f"-----END {label}-----")
    return "\n".join(lines)


def openssh_block(rng):
    def sshstr(b):
        return struct.pack(">I", len(b)) + b
    pub32 = rand_bytes(rng, 32)
    pub = sshstr(b"ssh-ed25519") + sshstr(pub32)
    check = rand_bytes(rng, 4)
    priv = check + check + sshstr(b"ssh-ed25519") + sshstr(pub32) + sshstr(rand_bytes(rng, 32) + pub32) + sshstr(
        rng.choice([b"deploy@ci", b"backup@db-01", b"jenkins"]))
    pad = 1
    while len(priv) % 8:
        priv += bytes([pad])
        pad += 1
    blob = b"openssh-key-v1\0" + sshstr(b"none") + sshstr(b"none") + sshstr(b"") + struct.pack(">I", 1) + sshstr(pub) + sshstr(priv)
    return pem_block("OPENSSH PRIVATE KEY", blob)


def pgp_block(rng):
    body = b"\x95\x03\xc6\x04" + rand_bytes(rng, rng.choice([600, 1200]))
    crc = base64.b64encode(rand_bytes(rng, 3)).decode()
    lines = ["-----BEGIN PGP PRIVATE KEY BLOCK-----", "", *b64_lines(body), f"={crc}",
             "-----END PGP PRIVATE KEY BLOCK-----"]
    if rng.random() < 0.4:
        lines.insert(1, "Comment: deploy key for release signing")
    return "\n".join(lines)


def putty_file(rng):
    pub = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rand_bytes(rng, 32)
    priv = b"\x00\x00\x00\x20" + rand_bytes(rng, 32)
    v = rng.choice([2, 3])
    lines = [f"PuTTY-User-Key-File-{v}: ssh-ed25519", "Encryption: none",
             f"Comment: eddsa-key-2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"]
    pl = b64_lines(pub)
    lines += [f"Public-Lines: {len(pl)}", *pl]
    ql = b64_lines(priv)
    lines += [f"Private-Lines: {len(ql)}", *ql]
    lines.append("Private-MAC: " + rand_str(rng, 64 if v == 3 else 40, "0123456789abcdef"))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------
# Contexts
# ---------------------------------------------------------------------------------------

KIND_SUFFIX = {"api-key": "API_KEY", "token": "TOKEN", "webhook": "WEBHOOK_URL", "private-key": "PRIVATE_KEY",
               "password": "PASSWORD", "connection-string": "DATABASE_URL", "secret": "SECRET",
               "certificate": "CERT"}
NEUTRAL_KEYS = ["value", "credential", "auth", "key", "apiKey", "access_token", "secret", "token"]

HEADERS = {
    "env": ["# runtime configuration", "APP_ENV=production", "LOG_LEVEL=info", ""],
    "sh": ["#!/usr/bin/env bash", "set -euo pipefail", ""],
    "yaml": ["service:", "  name: orders-api", "  replicas: 3", "credentials:"],
    "json": ["{", '  "name": "orders-api",', '  "region": "eu-west-1",'],
    "py": ["import logging", "", "log = logging.getLogger(__name__)", ""],
    "js": ["'use strict';", "", "const axios = require('axios');", ""],
    "go": ["package config", "", "func load() {"],
    "java": ["package com.acme.orders;", "", "public class Settings {"],
    "tf": ['provider "aws" {', '  region = "eu-west-1"', "}", "", 'resource "null_resource" "cfg" {'],
    "properties": ["# application settings", "server.port=8080", "spring.application.name=orders"],
    "toml": ["[service]", 'name = "orders"', "", "[credentials]"],
    "xml": ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>"],
    "log": ["2024-05-01T12:00:00Z INFO starting worker pid=4121"],
    "txt": [],
    # held-out syntaxes (docs/evaluation.md, "Recall per syntax")
    "yaml-sq": ["service:", "  name: orders-api", "credentials:"],
    "yaml-block": ["service:", "  name: orders-api", "credentials:"],
    "ini": ["; settings", "[default]", "region = eu-west-1"],
    "env-export": ["# source me", "export APP_ENV=production"],
    "dockerfile": ["FROM python:3.12-slim", "WORKDIR /app", "COPY . ."],
    "compose": ["services:", "  api:", "    image: acme/orders:1.4", "    environment:"],
    "k8s": ["apiVersion: v1", "kind: Secret", "metadata:", "  name: orders", "type: Opaque", "stringData:"],
    "gha": ["name: deploy", "on: push", "jobs:", "  deploy:", "    runs-on: ubuntu-latest", "    env:"],
    "xml-elem": ['<?xml version="1.0" encoding="utf-8"?>', "<settings>"],
    "cs": ["namespace Acme.Orders", "{", "    public static class Settings", "    {"],
    "rs": ["use std::time::Duration;", ""],
    "rb": ["require 'json'", ""],
    "php": ["<?php", ""],
    "go-struct": ["package config", "", "var cfg = Config{"],
    "py-kwargs": ["import acme", ""],
    "py-dict": ["SETTINGS = {"],
    "js-obj": ["module.exports = {"],
    "url-query": ["import requests", ""],
    "curl-bearer": ["#!/bin/sh", "set -e"],
    "curl-user": ["#!/bin/sh", "set -e"],
    "md": ["# Setup", "", "Set the credentials before the first run:", "", "```bash"],
    "ipynb": ["{", ' "cells": [', "  {", '   "cell_type": "code",', '   "metadata": {},', '   "source": ['],
    "csv": ["name,value,environment", "APP_ENV,production,production"],
    "sql": ["-- seed data", "CREATE TABLE settings (name TEXT, value TEXT);"],
    "bat": ["@echo off", "setlocal"],
    "ps1": ["# set up the environment", "$ErrorActionPreference = 'Stop'"],
}
FOOTERS = {
    "env": ["TIMEOUT=30"], "sh": ['echo "done"'], "yaml": ["  timeout: 30"], "json": ['  "timeout": 30', "}"],
    "py": ["", "def main():", '    log.info("ready")'], "js": ["", "module.exports = {};"],
    "go": ["}"], "java": ["}"], "tf": ["}"], "properties": ["server.timeout=30"], "toml": ["timeout = 30"],
    "xml": ["</configuration>"], "log": ["2024-05-01T12:00:02Z INFO ready"], "txt": [],
    "yaml-sq": ["  timeout: 30"], "yaml-block": ["  timeout: 30"], "ini": ["timeout = 30"],
    "env-export": ["export TIMEOUT=30"], "dockerfile": ['CMD ["python", "app.py"]'],
    "compose": ["    ports:", '      - "8080:8080"'], "k8s": ["  region: eu-west-1"],
    "gha": ["    steps:", "      - uses: actions/checkout@v4", "      - run: make deploy"],
    "xml-elem": ["</settings>"], "cs": ["    }", "}"], "rs": ["", "fn main() {}"], "rb": ["", "puts 'ready'"],
    "php": ["", "return $config;"], "go-struct": ["\tTimeout: 30,", "}"], "py-kwargs": ["client.ping()"],
    "py-dict": ['    "timeout": 30,', "}"], "js-obj": ["  timeout: 30,", "};"], "url-query": ["print(r.status_code)"],
    "curl-bearer": ['echo "done"'], "curl-user": ['echo "done"'], "md": ["```", "", "Then run `make`."],
    "ipynb": ['    "client.ping()"', "   ]", "  }", " ],", ' "nbformat": 4', "}"],
    "csv": ["TIMEOUT,30,production"], "sql": ["INSERT INTO settings (name, value) VALUES ('timeout', '30');"],
    "bat": ["python app.py"], "ps1": ["python app.py"],
}
# The file each context is written as (default: sample.<context>).
CTX_FILE = {
    "yaml-sq": "sample.yaml", "yaml-block": "sample.yaml", "ini": "settings.ini", "env-export": ".env",
    "dockerfile": "Dockerfile", "compose": "docker-compose.yml", "k8s": "secret.yaml",
    "gha": ".github/workflows/deploy.yml", "xml-elem": "settings.xml", "go-struct": "config.go",
    "py-kwargs": "client.py", "py-dict": "settings.py", "js-obj": "config.js", "url-query": "fetch.py",
    "curl-bearer": "call.sh", "curl-user": "upload.sh", "md": "README.md", "ipynb": "notebook.ipynb",
}


def ctx_file(ext):
    if ext in heldout.SYNTAXES:
        return heldout.SYNTAXES[ext][0]
    if ext in heldout2.SYNTAXES:
        return heldout2.SYNTAXES[ext][0]
    if ext in heldout3.SYNTAXES:
        return heldout3.SYNTAXES[ext][0]
    if ext in heldout4.SYNTAXES:
        return heldout4.SYNTAXES[ext][0]
    if ext in heldout5.SYNTAXES:
        return heldout5.SYNTAXES[ext][0]
    if ext in heldout6.SYNTAXES:
        return heldout6.SYNTAXES[ext][0]
    if ext in heldout7.SYNTAXES:
        return heldout7.SYNTAXES[ext][0]
    if ext in heldout8.SYNTAXES:
        return heldout8.SYNTAXES[ext][0]
    if ext in heldout9.SYNTAXES:
        return heldout9.SYNTAXES[ext][0]
    if ext in heldout10.SYNTAXES:
        return heldout10.SYNTAXES[ext][0]
    if ext in heldout11.SYNTAXES:
        return heldout11.SYNTAXES[ext][0]
    if ext in heldout12.SYNTAXES:
        return heldout12.SYNTAXES[ext][0]
    if ext in heldout13.SYNTAXES:
        return heldout13.SYNTAXES[ext][0]
    if ext in heldout14.SYNTAXES:
        return heldout14.SYNTAXES[ext][0]
    if ext in heldout15.SYNTAXES:
        return heldout15.SYNTAXES[ext][0]
    if ext in heldout16.SYNTAXES:
        return heldout16.SYNTAXES[ext][0]
    if ext in heldout17.SYNTAXES:
        return heldout17.SYNTAXES[ext][0]
    if ext in heldout18.SYNTAXES:
        return heldout18.SYNTAXES[ext][0]
    if ext in heldout19.SYNTAXES:
        return heldout19.SYNTAXES[ext][0]
    if ext in heldout20.SYNTAXES:
        return heldout20.SYNTAXES[ext][0]
    if ext in heldout21.SYNTAXES:
        return heldout21.SYNTAXES[ext][0]
    if ext in heldout22.SYNTAXES:
        return heldout22.SYNTAXES[ext][0]
    return CTX_FILE.get(ext, f"sample.{ext}")


def snake(s):
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_")


def camel(s):
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", s) if p]
    if not parts:
        return "value"
    return parts[0].lower() + "".join(p[:1].upper() + p[1:].lower() for p in parts[1:])


def key_variants(key):
    """Spellings of a key name, by file type."""
    sn = snake(key)
    return {
        "upper": sn.upper() or "VALUE",
        "lower": sn.lower() or "value",
        "camel": camel(key),
        "dotted": sn.lower().replace("_", "."),
        "raw": key,
    }


def render_value_line(ext, key, value, rng, quote_ok=True):
    """One line assigning `value` to `key` in the style of `ext`. Returns (lines, index)."""
    if ext in heldout.SYNTAXES:
        return heldout.render(ext, key, value, rng)
    if ext in heldout2.SYNTAXES:
        return heldout2.render(ext, key, value, rng)
    if ext in heldout3.SYNTAXES:
        return heldout3.render(ext, key, value, rng)
    if ext in heldout4.SYNTAXES:
        return heldout4.render(ext, key, value, rng)
    if ext in heldout5.SYNTAXES:
        return heldout5.render(ext, key, value, rng)
    if ext in heldout6.SYNTAXES:
        return heldout6.render(ext, key, value, rng)
    if ext in heldout7.SYNTAXES:
        return heldout7.render(ext, key, value, rng)
    if ext in heldout8.SYNTAXES:
        return heldout8.render(ext, key, value, rng)
    if ext in heldout9.SYNTAXES:
        return heldout9.render(ext, key, value, rng)
    if ext in heldout10.SYNTAXES:
        return heldout10.render(ext, key, value, rng)
    if ext in heldout11.SYNTAXES:
        return heldout11.render(ext, key, value, rng)
    if ext in heldout12.SYNTAXES:
        return heldout12.render(ext, key, value, rng)
    if ext in heldout13.SYNTAXES:
        return heldout13.render(ext, key, value, rng)
    if ext in heldout14.SYNTAXES:
        return heldout14.render(ext, key, value, rng)
    if ext in heldout15.SYNTAXES:
        return heldout15.render(ext, key, value, rng)
    if ext in heldout16.SYNTAXES:
        return heldout16.render(ext, key, value, rng)
    if ext in heldout17.SYNTAXES:
        return heldout17.render(ext, key, value, rng)
    if ext in heldout18.SYNTAXES:
        return heldout18.render(ext, key, value, rng)
    if ext in heldout19.SYNTAXES:
        return heldout19.render(ext, key, value, rng)
    if ext in heldout20.SYNTAXES:
        return heldout20.render(ext, key, value, rng)
    if ext in heldout21.SYNTAXES:
        return heldout21.render(ext, key, value, rng)
    if ext in heldout22.SYNTAXES:
        return heldout22.render(ext, key, value, rng)
    kv = key_variants(key)
    raw = kv["raw"]
    # keep the key as written when it isn't a plain identifier (x-api-key, X-Vault-Token)
    k_upper = kv["upper"] if re.fullmatch(r"[A-Za-z0-9_]+", raw) or rng.random() < 0.5 else raw
    if ext == "env":
        return [f"{k_upper}={value}"]
    if ext == "sh":
        return [f'export {kv["upper"]}="{value}"']
    if ext == "yaml":
        return [f"  {rng.choice([kv['lower'], raw])}: " + (f'"{value}"' if rng.random() < 0.5 else value)]
    if ext == "json":
        return [f'  "{rng.choice([kv["lower"], kv["camel"], raw])}": "{value}",']
    if ext == "py":
        if rng.random() < 0.5:
            return [f'{kv["upper"]} = "{value}"']
        return [f'{kv["lower"]} = \'{value}\'']
    if ext == "js":
        return [f"const {kv['camel']} = '{value}';"]
    if ext == "go":
        return [f'\t{kv["camel"]} := "{value}"']
    if ext == "java":
        return [f'    private static final String {kv["upper"]} = "{value}";']
    if ext == "tf":
        return [f'  {kv["lower"]} = "{value}"']
    if ext == "properties":
        return [f"{rng.choice([kv['dotted'], raw])}={value}"]
    if ext == "toml":
        return [f'{kv["lower"]} = "{value}"']
    if ext == "xml":
        return [f'  <add key="{kv["camel"]}" value="{value}" />']
    pascal = kv["camel"][:1].upper() + kv["camel"][1:]
    q = rng.choice(['"', "'"])
    if ext == "yaml-sq":
        return [f"  {kv['lower']}: '{value}'"]
    if ext == "yaml-block":  # a block scalar: the value on the next line
        return [f"  {kv['lower']}: {rng.choice(['|', '>', '|-', '>-'])}", f"    {value}"]
    if ext == "ini":
        return [f"{kv['lower']} = {value}"]
    if ext == "env-export":
        return [f"export {kv['upper']}={value}"]
    if ext == "dockerfile":
        return [rng.choice([f"ENV {kv['upper']}={value}", f"ENV {kv['upper']} {value}", f"ARG {kv['upper']}={value}"])]
    if ext == "compose":
        return [rng.choice([f"      - {kv['upper']}={value}", f"      {kv['upper']}: {value}"])]
    if ext == "k8s":
        return [f"  {kv['lower']}: " + (f'"{value}"' if rng.random() < 0.5 else value)]
    if ext == "gha":
        return [f"      {kv['upper']}: {value}"]
    if ext == "xml-elem":
        return [f"  <{kv['camel']}>{value}</{kv['camel']}>"]
    if ext == "cs":
        return [rng.choice([f'        public const string {pascal} = "{value}";', f'        var {kv["camel"]} = "{value}";'])]
    if ext == "rs":
        return [rng.choice([f'const {kv["upper"]}: &str = "{value}";', f'let {kv["lower"]} = "{value}";'])]
    if ext == "rb":
        return [rng.choice([f"{kv['upper']} = {q}{value}{q}", f'config.{kv["lower"]} = "{value}"'])]
    if ext == "php":
        return [rng.choice([f"${kv['camel']} = '{value}';", f"define('{kv['upper']}', '{value}');",
                            f"$config['{kv['lower']}'] = '{value}';"])]
    if ext == "go-struct":
        return [f'\t{pascal}: "{value}",']
    if ext == "py-kwargs":
        return [f'client = acme.Client({kv["lower"]}="{value}", timeout=30)']
    if ext == "py-dict":
        return [f'    "{kv["lower"]}": "{value}",']
    if ext == "js-obj":
        return [f"  {kv['camel']}: '{value}',"]
    if ext == "url-query":
        return [f'r = requests.get("https://api.fake0test.internal/v1/items?{kv["lower"]}={value}&limit=10")']
    if ext == "curl-bearer":
        return [f'curl -s -H "Authorization: Bearer {value}" https://api.fake0test.internal/v1/{kv["lower"]}']
    if ext == "curl-user":
        return [f"curl -fsS -u {kv['lower']}:{value} https://api.fake0test.internal/v1/upload -T dist.tgz"]
    if ext == "md":
        return [f"export {kv['upper']}={value}"]
    if ext == "ipynb":  # JSON-escaped Python source
        return [f'    "{kv["upper"]} = \\"{value}\\"\\n",']
    if ext == "csv":
        return [f"{kv['upper']},{value},production"]
    if ext == "sql":
        return [f"INSERT INTO settings (name, value) VALUES ('{kv['lower']}', '{value}');"]
    if ext == "bat":
        return [f"set {kv['upper']}={value}"]
    if ext == "ps1":
        return [f'$env:{kv["upper"]} = "{value}"']
    if ext == "log":
        return [rng.choice([
            f"2024-05-01T12:00:01Z DEBUG http: sent header Authorization: token {value} to upstream",
            f"[deploy] using credential {value} for {kv['lower']}",
            f"curl -s -H 'X-Api-Key: {value}' https://api.fake0test.internal/v1/health",
        ])]
    return [f"{raw}: {value}"]


COMMENT = {"env": "# ", "sh": "# ", "yaml": "# ", "py": "# ", "properties": "# ", "toml": "# ", "js": "// ",
           "go": "// ", "java": "// ", "tf": "# ", "yaml-sq": "# ", "yaml-block": "# ", "ini": "; ", "env-export": "# ",
           "dockerfile": "# ", "compose": "# ", "k8s": "# ", "gha": "# ", "cs": "// ", "rs": "// ", "rb": "# ",
           "php": "// ", "go-struct": "// ", "py-kwargs": "# ", "py-dict": "# ", "js-obj": "// ", "url-query": "# ",
           "curl-bearer": "# ", "curl-user": "# ", "sql": "-- ", "bat": "REM ", "ps1": "# "}
PROSE = ("the service reads these settings at start up and retries with backoff when the upstream "
         "endpoint is unavailable see the runbook for rotation steps and the on call rota").split()


def filler_line(ext, rng):
    """A line of random length, so that secrets sit at varied byte offsets in their files."""
    n = rng.randint(0, 24)
    text = " ".join(rng.choice(PROSE) for _ in range(n))
    if ext == "json":
        return f'  "description": "{text}",'
    if ext == "xml":
        return f"  <!-- {text} -->"
    if ext in COMMENT:
        return COMMENT[ext] + text
    return None


def wrap_file(ext, body_lines, rng=None):
    head = list(HEADERS.get(ext, []))
    if rng is not None:
        fl = filler_line(ext, rng)
        if fl is not None:
            pos = 1 if ext in ("json", "xml", "sh", "xml-elem", "php", "curl-bearer", "curl-user") else 0
            head.insert(min(pos, len(head)), fl)
    lines = head + body_lines
    idx = len(head)
    lines += FOOTERS.get(ext, [])
    return "\n".join(lines) + "\n", idx


# Held-out syntaxes: every rule gets samples in them too (the rotation starts at an offset per
# rule, so that 20 samples per rule still cover every syntax across the pack).
HELDOUT_EXTS = ["yaml-sq", "yaml-block", "ini", "env-export", "dockerfile", "compose", "k8s", "gha", "xml",
                "xml-elem", "cs", "rs", "rb", "php", "go-struct", "py-kwargs", "py-dict", "js-obj", "url-query",
                "curl-user", "md", "ipynb", "csv", "sql", "bat", "ps1"]
ASSIGN_EXTS = ["env", "yaml", "json", "py", "js", "go", "java", "tf", "properties", "toml", "sh"] + HELDOUT_EXTS
# Self-identifying tokens are also found outside assignments: in logs, and in an Authorization
# header, which names no provider (a keyword rule cannot attribute it; see the syntax matrix).
TOKEN_EXTS = ASSIGN_EXTS + ["log", "curl-bearer"]
LITERAL_EXTS = ["env", "yaml", "json", "py", "js", "properties", "toml"] + HELDOUT_EXTS
# The syntax matrix (eval/run --syntaxes): one sample per rule in each of these, kept even when
# the rule's own pattern rejects the syntax, as a held-out corpus in that syntax would have it.
MATRIX_EXTS = ASSIGN_EXTS + ["curl-bearer"]
# Syntaxes the generator never uses for recall and the engine was not tuned against (eval/heldout.py):
# a matrix of their own, reported separately by `eval/run --syntaxes`.
HELDOUT_SYNTAXES = heldout.HELDOUT_SYNTAXES
# A second held-out set (eval/heldout2.py), written blind and never tuned against: its own
# matrix, so that it stays an honest predictor once the first one is used to fix rules.
HELDOUT2_SYNTAXES = heldout2.HELDOUT2_SYNTAXES
assert not set(HELDOUT2_SYNTAXES) & (set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# A third held-out set (eval/heldout3.py), written blind once the second became a development
# set: the predictor now, never tuned against.
HELDOUT3_SYNTAXES = heldout3.HELDOUT3_SYNTAXES
assert not set(HELDOUT3_SYNTAXES) & (set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS) | set(HEADERS)), \
    "syntax name reused"
# A fourth held-out set (eval/heldout4.py), written blind once the third was used to fix rules:
# the predictor now, never tuned against.
HELDOUT4_SYNTAXES = heldout4.HELDOUT4_SYNTAXES
assert not set(HELDOUT4_SYNTAXES) & (set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES)
                                     | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# A fifth held-out set (eval/heldout5.py), written blind once the fourth was about to be used to
# fix rules: the predictor now, never tuned against.
HELDOUT5_SYNTAXES = heldout5.HELDOUT5_SYNTAXES
assert not set(HELDOUT5_SYNTAXES) & (set(HELDOUT4_SYNTAXES) | set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES)
                                     | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# A sixth held-out set (eval/heldout6.py), written blind once the fifth was about to be used to
# fix rules: the predictor now, never tuned against.
HELDOUT6_SYNTAXES = heldout6.HELDOUT6_SYNTAXES
assert not set(HELDOUT6_SYNTAXES) & (set(HELDOUT5_SYNTAXES) | set(HELDOUT4_SYNTAXES) | set(HELDOUT3_SYNTAXES)
                                     | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS)
                                     | set(HEADERS)), "syntax name reused"
# A seventh held-out set (eval/heldout7.py), written blind once the sixth was about to be used to
# fix rules: the predictor now, never tuned against.
HELDOUT7_SYNTAXES = heldout7.HELDOUT7_SYNTAXES
assert not set(HELDOUT7_SYNTAXES) & (set(HELDOUT6_SYNTAXES) | set(HELDOUT5_SYNTAXES) | set(HELDOUT4_SYNTAXES)
                                     | set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES)
                                     | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# An eighth held-out set (eval/heldout8.py), written blind once the seventh was about to be used
# to fix rules: the predictor now, never tuned against.
HELDOUT8_SYNTAXES = heldout8.HELDOUT8_SYNTAXES
assert not set(HELDOUT8_SYNTAXES) & (set(HELDOUT7_SYNTAXES) | set(HELDOUT6_SYNTAXES) | set(HELDOUT5_SYNTAXES)
                                     | set(HELDOUT4_SYNTAXES) | set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES)
                                     | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# A ninth held-out set (eval/heldout9.py), written blind so that a set nobody has tuned against
# remains once the eighth is used to fix rules.
HELDOUT9_SYNTAXES = heldout9.HELDOUT9_SYNTAXES
assert not set(HELDOUT9_SYNTAXES) & (set(HELDOUT8_SYNTAXES) | set(HELDOUT7_SYNTAXES) | set(HELDOUT6_SYNTAXES)
                                     | set(HELDOUT5_SYNTAXES) | set(HELDOUT4_SYNTAXES) | set(HELDOUT3_SYNTAXES)
                                     | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS)
                                     | set(HEADERS)), "syntax name reused"
# A tenth held-out set (eval/heldout10.py), written blind so that a set nobody has tuned against
# remains once the ninth is used to fix rules.
HELDOUT10_SYNTAXES = heldout10.HELDOUT10_SYNTAXES
assert not set(HELDOUT10_SYNTAXES) & (set(HELDOUT9_SYNTAXES) | set(HELDOUT8_SYNTAXES) | set(HELDOUT7_SYNTAXES)
                                      | set(HELDOUT6_SYNTAXES) | set(HELDOUT5_SYNTAXES) | set(HELDOUT4_SYNTAXES)
                                      | set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES)
                                      | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# An eleventh held-out set (eval/heldout11.py), written blind so that a set nobody has tuned
# against remains once the tenth is used to fix rules.
HELDOUT11_SYNTAXES = heldout11.HELDOUT11_SYNTAXES
assert not set(HELDOUT11_SYNTAXES) & (set(HELDOUT10_SYNTAXES) | set(HELDOUT9_SYNTAXES) | set(HELDOUT8_SYNTAXES)
                                      | set(HELDOUT7_SYNTAXES) | set(HELDOUT6_SYNTAXES) | set(HELDOUT5_SYNTAXES)
                                      | set(HELDOUT4_SYNTAXES) | set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES)
                                      | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# A twelfth held-out set (eval/heldout12.py), written blind so that a set nobody has tuned
# against remains once the eleventh is used to fix rules.
HELDOUT12_SYNTAXES = heldout12.HELDOUT12_SYNTAXES
assert not set(HELDOUT12_SYNTAXES) & (set(HELDOUT11_SYNTAXES) | set(HELDOUT10_SYNTAXES) | set(HELDOUT9_SYNTAXES)
                                      | set(HELDOUT8_SYNTAXES) | set(HELDOUT7_SYNTAXES) | set(HELDOUT6_SYNTAXES)
                                      | set(HELDOUT5_SYNTAXES) | set(HELDOUT4_SYNTAXES) | set(HELDOUT3_SYNTAXES)
                                      | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS)
                                      | set(HEADERS)), "syntax name reused"
# A thirteenth held-out set (eval/heldout13.py), written blind so that a set nobody has tuned
# against remains once the twelfth is used to fix rules.
HELDOUT13_SYNTAXES = heldout13.HELDOUT13_SYNTAXES
assert not set(HELDOUT13_SYNTAXES) & (set(HELDOUT12_SYNTAXES) | set(HELDOUT11_SYNTAXES) | set(HELDOUT10_SYNTAXES)
                                      | set(HELDOUT9_SYNTAXES) | set(HELDOUT8_SYNTAXES) | set(HELDOUT7_SYNTAXES)
                                      | set(HELDOUT6_SYNTAXES) | set(HELDOUT5_SYNTAXES) | set(HELDOUT4_SYNTAXES)
                                      | set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES)
                                      | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# A fourteenth held-out set (eval/heldout14.py), written blind so that a set nobody has tuned
# against remains once the thirteenth is used to fix rules.
HELDOUT14_SYNTAXES = heldout14.HELDOUT14_SYNTAXES
assert not set(HELDOUT14_SYNTAXES) & (set(HELDOUT13_SYNTAXES) | set(HELDOUT12_SYNTAXES) | set(HELDOUT11_SYNTAXES)
                                      | set(HELDOUT10_SYNTAXES) | set(HELDOUT9_SYNTAXES) | set(HELDOUT8_SYNTAXES)
                                      | set(HELDOUT7_SYNTAXES) | set(HELDOUT6_SYNTAXES) | set(HELDOUT5_SYNTAXES)
                                      | set(HELDOUT4_SYNTAXES) | set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES)
                                      | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# A fifteenth held-out set (eval/heldout15.py), written blind so that a set nobody has tuned
# against remains once the fourteenth is used to fix rules.
HELDOUT15_SYNTAXES = heldout15.HELDOUT15_SYNTAXES
assert not set(HELDOUT15_SYNTAXES) & (set(HELDOUT14_SYNTAXES) | set(HELDOUT13_SYNTAXES) | set(HELDOUT12_SYNTAXES)
                                      | set(HELDOUT11_SYNTAXES) | set(HELDOUT10_SYNTAXES) | set(HELDOUT9_SYNTAXES)
                                      | set(HELDOUT8_SYNTAXES) | set(HELDOUT7_SYNTAXES) | set(HELDOUT6_SYNTAXES)
                                      | set(HELDOUT5_SYNTAXES) | set(HELDOUT4_SYNTAXES) | set(HELDOUT3_SYNTAXES)
                                      | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS)
                                      | set(HEADERS)), "syntax name reused"
# A sixteenth held-out set (eval/heldout16.py), written blind so that a set nobody has tuned
# against remains once the fifteenth is used to fix rules.
HELDOUT16_SYNTAXES = heldout16.HELDOUT16_SYNTAXES
assert not set(HELDOUT16_SYNTAXES) & (set(HELDOUT15_SYNTAXES) | set(HELDOUT14_SYNTAXES) | set(HELDOUT13_SYNTAXES)
                                      | set(HELDOUT12_SYNTAXES) | set(HELDOUT11_SYNTAXES) | set(HELDOUT10_SYNTAXES)
                                      | set(HELDOUT9_SYNTAXES) | set(HELDOUT8_SYNTAXES) | set(HELDOUT7_SYNTAXES)
                                      | set(HELDOUT6_SYNTAXES) | set(HELDOUT5_SYNTAXES) | set(HELDOUT4_SYNTAXES)
                                      | set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES)
                                      | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# A seventeenth held-out set (eval/heldout17.py), written blind so that a set nobody has tuned
# against remains once the sixteenth is used to fix rules.
HELDOUT17_SYNTAXES = heldout17.HELDOUT17_SYNTAXES
assert not set(HELDOUT17_SYNTAXES) & (set(HELDOUT16_SYNTAXES) | set(HELDOUT15_SYNTAXES) | set(HELDOUT14_SYNTAXES)
                                      | set(HELDOUT13_SYNTAXES) | set(HELDOUT12_SYNTAXES) | set(HELDOUT11_SYNTAXES)
                                      | set(HELDOUT10_SYNTAXES) | set(HELDOUT9_SYNTAXES) | set(HELDOUT8_SYNTAXES)
                                      | set(HELDOUT7_SYNTAXES) | set(HELDOUT6_SYNTAXES) | set(HELDOUT5_SYNTAXES)
                                      | set(HELDOUT4_SYNTAXES) | set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES)
                                      | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# An eighteenth held-out set (eval/heldout18.py), written blind so that a set nobody has tuned
# against remains once the seventeenth is used to fix rules.
HELDOUT18_SYNTAXES = heldout18.HELDOUT18_SYNTAXES
assert not set(HELDOUT18_SYNTAXES) & (set(HELDOUT17_SYNTAXES) | set(HELDOUT16_SYNTAXES) | set(HELDOUT15_SYNTAXES)
                                      | set(HELDOUT14_SYNTAXES) | set(HELDOUT13_SYNTAXES) | set(HELDOUT12_SYNTAXES)
                                      | set(HELDOUT11_SYNTAXES) | set(HELDOUT10_SYNTAXES) | set(HELDOUT9_SYNTAXES)
                                      | set(HELDOUT8_SYNTAXES) | set(HELDOUT7_SYNTAXES) | set(HELDOUT6_SYNTAXES)
                                      | set(HELDOUT5_SYNTAXES) | set(HELDOUT4_SYNTAXES) | set(HELDOUT3_SYNTAXES)
                                      | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS)
                                      | set(HEADERS)), "syntax name reused"
# A nineteenth held-out set (eval/heldout19.py), written blind so that a set nobody has tuned
# against remains once the eighteenth is used to fix rules.
HELDOUT19_SYNTAXES = heldout19.HELDOUT19_SYNTAXES
assert not set(HELDOUT19_SYNTAXES) & (set(HELDOUT18_SYNTAXES) | set(HELDOUT17_SYNTAXES) | set(HELDOUT16_SYNTAXES)
                                      | set(HELDOUT15_SYNTAXES) | set(HELDOUT14_SYNTAXES) | set(HELDOUT13_SYNTAXES)
                                      | set(HELDOUT12_SYNTAXES) | set(HELDOUT11_SYNTAXES) | set(HELDOUT10_SYNTAXES)
                                      | set(HELDOUT9_SYNTAXES) | set(HELDOUT8_SYNTAXES) | set(HELDOUT7_SYNTAXES)
                                      | set(HELDOUT6_SYNTAXES) | set(HELDOUT5_SYNTAXES) | set(HELDOUT4_SYNTAXES)
                                      | set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES)
                                      | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# A twentieth held-out set (eval/heldout20.py), written blind so that a set nobody has tuned
# against remains once the nineteenth is used to fix rules.
HELDOUT20_SYNTAXES = heldout20.HELDOUT20_SYNTAXES
assert not set(HELDOUT20_SYNTAXES) & (set(HELDOUT19_SYNTAXES) | set(HELDOUT18_SYNTAXES) | set(HELDOUT17_SYNTAXES)
                                      | set(HELDOUT16_SYNTAXES) | set(HELDOUT15_SYNTAXES) | set(HELDOUT14_SYNTAXES)
                                      | set(HELDOUT13_SYNTAXES) | set(HELDOUT12_SYNTAXES) | set(HELDOUT11_SYNTAXES)
                                      | set(HELDOUT10_SYNTAXES) | set(HELDOUT9_SYNTAXES) | set(HELDOUT8_SYNTAXES)
                                      | set(HELDOUT7_SYNTAXES) | set(HELDOUT6_SYNTAXES) | set(HELDOUT5_SYNTAXES)
                                      | set(HELDOUT4_SYNTAXES) | set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES)
                                      | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
# A twenty-first held-out set (eval/heldout21.py), written blind so that a set nobody has tuned
# against remains once the twentieth is used to fix rules.
HELDOUT21_SYNTAXES = heldout21.HELDOUT21_SYNTAXES
assert not set(HELDOUT21_SYNTAXES) & (set(HELDOUT20_SYNTAXES) | set(HELDOUT19_SYNTAXES) | set(HELDOUT18_SYNTAXES)
                                      | set(HELDOUT17_SYNTAXES) | set(HELDOUT16_SYNTAXES) | set(HELDOUT15_SYNTAXES)
                                      | set(HELDOUT14_SYNTAXES) | set(HELDOUT13_SYNTAXES) | set(HELDOUT12_SYNTAXES)
                                      | set(HELDOUT11_SYNTAXES) | set(HELDOUT10_SYNTAXES) | set(HELDOUT9_SYNTAXES)
                                      | set(HELDOUT8_SYNTAXES) | set(HELDOUT7_SYNTAXES) | set(HELDOUT6_SYNTAXES)
                                      | set(HELDOUT5_SYNTAXES) | set(HELDOUT4_SYNTAXES) | set(HELDOUT3_SYNTAXES)
                                      | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES) | set(MATRIX_EXTS)
                                      | set(HEADERS)), "syntax name reused"
# A twenty-second held-out set (eval/heldout22.py), written blind so that a set nobody has tuned
# against remains once the twenty-first is used to fix rules.
HELDOUT22_SYNTAXES = heldout22.HELDOUT22_SYNTAXES
assert not set(HELDOUT22_SYNTAXES) & (set(HELDOUT21_SYNTAXES) | set(HELDOUT20_SYNTAXES) | set(HELDOUT19_SYNTAXES)
                                      | set(HELDOUT18_SYNTAXES) | set(HELDOUT17_SYNTAXES) | set(HELDOUT16_SYNTAXES)
                                      | set(HELDOUT15_SYNTAXES) | set(HELDOUT14_SYNTAXES) | set(HELDOUT13_SYNTAXES)
                                      | set(HELDOUT12_SYNTAXES) | set(HELDOUT11_SYNTAXES) | set(HELDOUT10_SYNTAXES)
                                      | set(HELDOUT9_SYNTAXES) | set(HELDOUT8_SYNTAXES) | set(HELDOUT7_SYNTAXES)
                                      | set(HELDOUT6_SYNTAXES) | set(HELDOUT5_SYNTAXES) | set(HELDOUT4_SYNTAXES)
                                      | set(HELDOUT3_SYNTAXES) | set(HELDOUT2_SYNTAXES) | set(HELDOUT_SYNTAXES)
                                      | set(MATRIX_EXTS) | set(HEADERS)), "syntax name reused"
for _name, (_file, _head, _foot, _comment) in (list(heldout.SYNTAXES.items()) + list(heldout2.SYNTAXES.items())
                                               + list(heldout3.SYNTAXES.items()) + list(heldout4.SYNTAXES.items())
                                               + list(heldout5.SYNTAXES.items()) + list(heldout6.SYNTAXES.items())
                                               + list(heldout7.SYNTAXES.items()) + list(heldout8.SYNTAXES.items())
                                               + list(heldout9.SYNTAXES.items()) + list(heldout10.SYNTAXES.items())
                                               + list(heldout11.SYNTAXES.items()) + list(heldout12.SYNTAXES.items())
                                               + list(heldout13.SYNTAXES.items()) + list(heldout14.SYNTAXES.items())
                                               + list(heldout15.SYNTAXES.items()) + list(heldout16.SYNTAXES.items())
                                               + list(heldout17.SYNTAXES.items()) + list(heldout18.SYNTAXES.items())
                                               + list(heldout19.SYNTAXES.items()) + list(heldout20.SYNTAXES.items())
                                               + list(heldout21.SYNTAXES.items()) + list(heldout22.SYNTAXES.items())):
    HEADERS[_name], FOOTERS[_name] = _head, _foot
    if _comment:
        COMMENT[_name] = _comment


def ctx_offset(rule):
    return zlib.crc32(rule["id"].encode())


# ---------------------------------------------------------------------------------------
# Per-rule special generators: return (filename_suffix_or_name, content, secret) or None
# ---------------------------------------------------------------------------------------

def provider_slug(rule):
    slug = re.sub(r"[^A-Za-z0-9]+", "_", rule.get("provider", "app")).strip("_").upper()
    if not slug or slug[0].isdigit():
        slug = "OP_" + slug
    return slug


PEM_LABELS = {
    "pem-rsa-private-key": ("RSA PRIVATE KEY", rsa_der),
    "pem-ec-private-key": ("EC PRIVATE KEY", ec_der),
    "pem-dsa-private-key": ("DSA PRIVATE KEY", dsa_der),
    "pem-pkcs8-private-key": ("PRIVATE KEY", pkcs8_der),
    "pem-encrypted-private-key": ("ENCRYPTED PRIVATE KEY", enc_pkcs8_der),
}


def embed_block(rng, block, i, key="PRIVATE_KEY"):
    """A multi-line block as a file of its own or embedded in config/code."""
    style = ["raw", "yaml", "py", "json", "env"][i % 5]
    if style == "raw":
        return "key.pem" if "PGP" not in block else "key.asc", block + "\n", block
    if style == "yaml":
        ind = "    "
        content = "tls:\n  cert_file: /etc/ssl/app.crt\n  private_key: |\n" + "\n".join(ind + l for l in block.split("\n")) + "\n"
        return "values.yaml", content, block.replace("\n", "\n" + ind)
    if style == "py":
        content = f'import ssl\n\n{key} = """{block}\n"""\n\n\ndef context():\n    return ssl.create_default_context()\n'
        return "keys.py", content, block
    if style == "json":
        esc = block.replace("\n", "\\n")
        content = "{\n  \"name\": \"signer\",\n  \"" + key.lower() + "\": \"" + esc + "\\n\",\n  \"kid\": \"k1\"\n}\n"
        return "signer.json", content, esc
    esc = block.replace("\n", "\\n")
    return ".env", f'APP_ENV=production\n{key}="{esc}"\nLOG_LEVEL=info\n', esc


def special(rule, rng, i):
    rid = rule["id"]
    if rid in PEM_LABELS:
        label, fn = PEM_LABELS[rid]
        return embed_block(rng, pem_block(label, fn(rng)), i)
    if rid == "pem-legacy-encrypted-private-key":
        label = rng.choice(["RSA", "EC", "DSA"])
        block = pem_block(f"{label} PRIVATE KEY", rand_bytes(rng, 1200 if label == "RSA" else 240),
                          headers=["Proc-Type: 4,ENCRYPTED", f"DEK-Info: AES-128-CBC,{rand_str(rng, 32, '0123456789ABCDEF')}"])
        return embed_block(rng, block, i)
    if rid == "openssh-private-key":
        block = openssh_block(rng)
        if i % 5 == 0:
            return "id_ed25519", block + "\n", block
        return embed_block(rng, block, i, key="SSH_PRIVATE_KEY")
    if rid == "pgp-private-key-block":
        return embed_block(rng, pgp_block(rng), i, key="GPG_PRIVATE_KEY")
    if rid == "putty-private-key":
        content = putty_file(rng)
        return "deploy.ppk", content, content.rstrip("\n")
    if rid == "oci-api-signing-key":
        block = pem_block(rng.choice(["PRIVATE KEY", "RSA PRIVATE KEY"]), rsa_der(rng))
        return "oci_api_key.pem", block + "\nOCI_API_KEY\n", block
    if rid == "gcp-service-account-key":
        block = pem_block("PRIVATE KEY", der(0x30, der_int(b"\0") + der(0x30, OID_RSA + b"\x05\x00") + der(0x04, rsa_der(rng))))
        esc = block.replace("\n", "\\n")
        proj = f"{rng.choice(['acme', 'orders', 'billing'])}-prod-{rng.randint(100000, 999999)}"
        sa = {"type": "service_account", "project_id": proj, "private_key_id": rand_str(rng, 40, "0123456789abcdef"),
              "private_key": "@@KEY@@", "client_email": f"deployer@{proj}.iam.gserviceaccount.com",
              "client_id": str(rng.randint(10**20, 10**21)), "auth_uri": "https://accounts.google.com/o/oauth2/auth",
              "token_uri": "https://oauth2.googleapis.com/token"}
        content = json.dumps(sa, indent=2).replace('"@@KEY@@"', '"' + esc + '\\n"') + "\n"
        return f"{proj}-sa.json", content, esc
    if rid == "jwt":
        tok = make_jwt(rng)
        return None, tok, None  # a token: the generic context machinery places it
    if rid in ("github-pat-classic", "github-oauth-access-token", "github-user-to-server-token",
               "github-server-to-server-token", "github-refresh-token"):
        return None, crc_token(rng, rid_prefix(rule)), None
    if rid == "npm-access-token":
        return None, crc_token(rng, "npm_"), None
    if rid == "aws-access-key-pair":
        kid = ("AKIA" if rng.random() < 0.7 else "ASIA") + rand_str(rng, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        sec = rand_str(rng, 40, string.ascii_letters + string.digits + "+/")
        style = i % 4
        if style == 0:
            content = f"[default]\naws_access_key_id = {kid}\naws_secret_access_key = {sec}\nregion = eu-west-1\n"
            return "credentials", content, sec
        if style == 1:
            content = f"AWS_ACCESS_KEY_ID={kid}\nAWS_SECRET_ACCESS_KEY={sec}\nAWS_DEFAULT_REGION=eu-west-1\n"
            return ".env", content, sec
        if style == 2:
            content = (f"import boto3\n\ns3 = boto3.client(\n    's3',\n    aws_access_key_id='{kid}',\n"
                       f"    aws_secret_access_key='{sec}',\n)\n")
            return "upload.py", content, sec
        content = f"aws:\n  access_key_id: {kid}\n  secret_access_key: {sec}\n"
        return "config.yaml", content, sec
    if rid in ("docker-config-auth", "docker-config-identity-token"):
        reg = rng.choice(["https://index.docker.io/v1/", "ghcr.io", "registry.gitlab.com", "acme.azurecr.io"])
        if rid == "docker-config-auth":
            user = rng.choice(USER_FILLERS)
            sec = base64.b64encode(f"{user}:{rand_str(rng, 20, SAFE_PW)}".encode()).decode()
            entry = {"auth": sec}
        else:
            sec = rand_str(rng, 40, string.ascii_letters + string.digits + "-_.") if rng.random() < 0.5 else make_jwt(rng)
            entry = {"auth": "", "identitytoken": sec}
        content = json.dumps({"auths": {reg: entry}}, indent=rng.choice([2, 4, "\t"])) + "\n"
        return "config.json", content, sec
    if rid.startswith("npmrc-"):
        reg = rng.choice(["//registry.npmjs.org/", "//npm.pkg.github.com/", "//acme.jfrog.io/artifactory/api/npm/npm/"])
        if rid == "npmrc-auth-token":
            sec = rng.choice([lambda: crc_token(rng, "npm_"), lambda: uuid4(rng),
                              lambda: rand_str(rng, 64, string.ascii_letters + string.digits)])()
            content = f"registry=https:{reg}\n{reg}:_authToken={sec}\nalways-auth=true\n"
        elif rid == "npmrc-auth-basic":
            sec = base64.b64encode(f"{rng.choice(USER_FILLERS)}:{rand_str(rng, 18, SAFE_PW)}".encode()).decode()
            content = f"registry=https:{reg}\n_auth={sec}\nemail=ci@acme.io\nalways-auth=true\n"
        else:
            sec = base64.b64encode(rand_str(rng, 18, SAFE_PW).encode()).decode()
            content = f"registry=https:{reg}\n{reg}:username=ci-bot\n{reg}:_password={sec}\n"
        return ".npmrc", content, sec
    if rid == "pypirc-password":
        if rng.random() < 0.6:
            sec = "pypi-AgEIcHlwaS5vcmc" + rand_str(rng, 120, string.ascii_letters + string.digits + "-_")
            user = "__token__"
        else:
            sec = rand_str(rng, 16, SAFE_PW)
            user = rng.choice(USER_FILLERS)
        content = f"[distutils]\nindex-servers =\n    pypi\n\n[pypi]\nusername = {user}\npassword = {sec}\n"
        return ".pypirc", content, sec
    if rid == "netrc-password":
        sec = rand_str(rng, rng.randint(14, 24), SAFE_PW)
        host = rng.choice(["api.heroku.com", "github.com", "ftp.acme.io", "git.acme.internal"])
        if rng.random() < 0.5:
            content = f"machine {host}\n  login {rng.choice(USER_FILLERS)}\n  password {sec}\n"
        else:
            content = f"machine {host} login {rng.choice(USER_FILLERS)} password {sec}\n"
        return ".netrc", content, sec
    if rid == "git-credentials-url":
        sec = rng.choice([lambda: crc_token(rng, "ghp_"), lambda: rand_str(rng, 20, SAFE_PW),
                          lambda: "glpat-" + rand_str(rng, 20, string.ascii_letters + string.digits)])()
        host = rng.choice(["github.com", "gitlab.com", "bitbucket.org", "dev.azure.com", "git.acme.io"])
        return ".git-credentials", f"https://{rng.choice(USER_FILLERS)}:{sec}@{host}\n", sec
    if rid.startswith("jwk-"):
        return jwk_sample(rule, rng)
    if rid == "gcp-oauth-client-secret-json":
        sec = rand_str(rng, 24, string.ascii_letters + string.digits + "_-")
        cid = f"{rng.randint(10**11, 10**12)}-{rand_str(rng, 32, string.ascii_lowercase + string.digits)}.apps.googleusercontent.com"
        d = {"installed": {"client_id": cid, "project_id": "acme-prod", "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                           "client_secret": sec, "redirect_uris": ["http://localhost"]}}
        return "client_secret.json", json.dumps(d, indent=2) + "\n", sec
    if rid == "ibm-service-credentials-api-key":
        sec = rand_str(rng, 44, string.ascii_letters + string.digits + "_-")
        d = {"apikey": sec, "endpoints": "https://control.cloud-object-storage.cloud.ibm.com/v2/endpoints",
             "iam_apikey_description": "Auto-generated for key crn:v1:bluemix:public:cloud-object-storage",
             "iam_apikey_name": "orders-writer", "iam_role_crn": "crn:v1:bluemix:public:iam::::serviceRole:Writer"}
        return "credentials.json", json.dumps(d, indent=2) + "\n", sec
    if rid == "linode-terraform-provider-token":
        sec = rand_str(rng, 64, "0123456789abcdef")
        return "main.tf", f'provider "linode" {{\n  token = "{sec}"\n}}\n', sec
    if rid == "generic-bearer-token":
        sec = rng.choice([lambda: rand_str(rng, 40, string.ascii_letters + string.digits + "-._~"), lambda: make_jwt(rng)])()
        style = i % 4
        if style == 0:
            return "call.sh", f'curl -s -H "Authorization: Bearer {sec}" https://api.acme.io/v1/orders\n', sec
        if style == 1:
            return "client.py", f'headers = {{"Authorization": "Bearer {sec}", "Accept": "application/json"}}\n', sec
        if style == 2:
            return "request.http", f"GET /v1/orders HTTP/1.1\nHost: api.acme.io\nAuthorization: Bearer {sec}\n", sec
        return "client.js", f"const res = await fetch(url, {{ headers: {{ authorization: 'Bearer {sec}' }} }});\n", sec
    if rid == "generic-basic-auth-header":
        sec = base64.b64encode(f"{rng.choice(USER_FILLERS)}:{rand_str(rng, 16, SAFE_PW)}".encode()).decode()
        style = i % 3
        if style == 0:
            return "call.sh", f'curl -H "Authorization: Basic {sec}" https://api.acme.io/v1/orders\n', sec
        if style == 1:
            return "client.py", f'headers = {{"Authorization": "Basic {sec}"}}\n', sec
        return "request.http", f"GET / HTTP/1.1\nHost: api.acme.io\nAuthorization: Basic {sec}\n", sec
    if rid == "generic-basic-credentials":
        sec = base64.b64encode(f"{rng.choice(USER_FILLERS)}:{rand_str(rng, 16, SAFE_PW)}".encode()).decode()
        style = i % 4
        if style == 0:
            return "session.har", f'{{"log": {{"entries": [{{"request": {{"headers": [\n  {{"name": "Authorization", "value": "Basic {sec}"}}\n]}}}}]}}}}\n', sec
        if style == 1:
            return "orders.postman_collection.json", f'{{"header": [{{"key": "Authorization", "value": "Basic {sec}", "type": "text"}}]}}\n', sec
        if style == 2:
            return "deployment.yaml", f"livenessProbe:\n  httpGet:\n    path: /healthz\n    httpHeaders:\n      - name: Authorization\n        value: Basic {sec}\n", sec
        return "client.py", f'AUTH_HEADER = "Basic {sec}"\n', sec
    if rid == "generic-curl-user-password":
        sec = rand_str(rng, rng.randint(12, 20), SAFE_PW)
        return "deploy.sh", f"#!/bin/sh\ncurl -fsS -u {rng.choice(USER_FILLERS)}:{sec} https://repo.acme.io/upload -T dist.tgz\n", sec
    if rid == "generic-xml-credential":
        tag = rng.choice(["password", "secret", "apiKey", "token", "access_token", "client_secret"])
        sec = rand_str(rng, rng.randint(14, 30), SAFE_PW)
        content = f'<?xml version="1.0"?>\n<settings>\n  <server>\n    <id>nexus</id>\n    <username>deploy</username>\n    <{tag}>{sec}</{tag}>\n  </server>\n</settings>\n'
        return "settings.xml", content, sec
    if rid == "generic-xml-property-credential":
        name = rng.choice(["DbPassword", "db.password", "ApiKey", "client_secret", "AuthToken"])
        sec = rand_str(rng, rng.randint(14, 30), SAFE_PW)
        elem = rng.choice(["add", "property", "entry", "setting"])
        attr = "key" if elem in ("add", "entry") else "name"
        content = f'<?xml version="1.0"?>\n<configuration>\n  <appSettings>\n    <{elem} {attr}="{name}" value="{sec}" />\n  </appSettings>\n</configuration>\n'
        return "App.config", content, sec
    fam = connection_sample(rule, rng, i)
    if fam:
        return fam
    return None


URL_SCHEMES = {
    "postgres-connection-uri": ["postgres", "postgresql", "postgresql+psycopg2", "postgresql+asyncpg"],
    "mysql-connection-uri": ["mysql", "mysql+pymysql", "mariadb", "mysqlx"],
    "mongodb-connection-uri": ["mongodb", "mongodb+srv"],
    "redis-connection-uri": ["redis", "rediss"],
    "amqp-connection-uri": ["amqp", "amqps"],
    "mssql-connection-uri": ["sqlserver"],
    "snowflake-connection-uri": ["snowflake"],
    "jdbc-url-userinfo": ["jdbc:postgresql", "jdbc:mysql", "jdbc:mariadb"],
    "url-credentials": ["https", "http", "ftp", "sftp", "smb", "ldap", "ldaps", "socks5"],
}
URL_TAILS = {
    "postgres": ":5432/orders?sslmode=require", "mysql": ":3306/orders", "mariadb": ":3306/orders",
    "mongodb": ":27017/orders?authSource=admin", "mongodb+srv": "/orders?retryWrites=true&w=majority",
    "redis": ":6379/0", "rediss": ":6380/0", "amqp": ":5672/%2F", "amqps": ":5671/prod",
    "sqlserver": ":1433;database=orders", "snowflake": "/ORDERS/PUBLIC?warehouse=COMPUTE_WH",
    "https": "/repository/releases/", "http": ":8081/artifactory/api/pypi/simple", "ftp": "/incoming/",
    "sftp": ":22/uploads", "smb": "/share/reports", "ldap": ":389/dc=acme,dc=io", "ldaps": ":636/dc=acme,dc=io",
    "socks5": ":1080",
}
URL_KEYS = ["DATABASE_URL", "url", "dsn", "connection_string", "SQLALCHEMY_DATABASE_URI", "broker_url", "uri"]


def embed_value(rng, i, key, value, exts=None):
    exts = exts or LITERAL_EXTS
    ext = exts[i % len(exts)]
    content, _ = wrap_file(ext, render_value_line(ext, key, value, rng), rng)
    return ctx_file(ext), content


def connection_sample(rule, rng, i):
    rid = rule["id"]
    pw = rand_str(rng, rng.randint(12, 24), SAFE_PW)
    user = rng.choice(USER_FILLERS)
    host = rng.choice(HOST_FILLERS[:6] + ["acme-xy12345", "nexus.acme.io"])
    if rid in URL_SCHEMES:
        scheme = rng.choice(URL_SCHEMES[rid])
        base = scheme.split("+")[0].replace("jdbc:", "")
        if rid == "snowflake-connection-uri":
            host = "acme-xy12345"
        url = f"{scheme}://{user}:{pw}@{host}{URL_TAILS.get(base, '/')}"
        fname, content = embed_value(rng, i, rng.choice(URL_KEYS), url)
        return fname, content, pw
    if rid == "postgres-keyword-connection-string":
        v = f"host={host} port=5432 dbname=orders user={user} password={pw} sslmode=require"
    elif rid == "mssql-ado-connection-string":
        v = rng.choice([f"Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=orders;User ID={user};Password={pw};Encrypt=True;",
                        f"Data Source={host};Initial Catalog=orders;User Id={user};Pwd={pw};"])
    elif rid == "jdbc-url-password-param":
        v = rng.choice([f"jdbc:postgresql://{host}:5432/orders?user={user}&password={pw}&ssl=true",
                        f"jdbc:sqlserver://{host}:1433;databaseName=orders;user={user};password={pw};encrypt=true"])
    elif rid == "jdbc-oracle-thin-credentials":
        v = f"jdbc:oracle:thin:{user}/{pw}@{host}:1521:ORCL"
    elif rid == "azure-sas-token":
        pw = base64.b64encode(rand_bytes(rng, 32)).decode().replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
        v = (f"https://acmebackups.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rl"
             f"&se=2026-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig={pw}")
    else:
        return None
    fname, content = embed_value(rng, i, rng.choice(["connection_string", "DB_CONNECTION", "url", "SAS_URL"]), v)
    return fname, content, pw


def rid_prefix(rule):
    m = re.search(r"\(([a-z]{3}_)", rule["pattern"])
    return m.group(1)


def uuid4(rng):
    h = rand_str(rng, 32, "0123456789abcdef")
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def jwk_sample(rule, rng):
    rid = rule["id"]
    if "symmetric" in rid:
        sec = b64url(rand_bytes(rng, 32))
        d = {"kty": "oct", "kid": "hmac-1", "alg": "HS256", "k": sec}
        if rid.endswith("sorted"):
            d = dict(sorted(d.items()))
    else:
        kty = rng.choice(["RSA", "EC", "OKP"])
        if kty == "RSA":
            sec = b64url(rand_bytes(rng, 256))
            d = {"kty": "RSA", "kid": "sig-1", "use": "sig", "n": b64url(rand_bytes(rng, 256)), "e": "AQAB", "d": sec,
                 "p": b64url(rand_bytes(rng, 128)), "q": b64url(rand_bytes(rng, 128))}
        elif kty == "EC":
            sec = b64url(rand_bytes(rng, 32))
            d = {"kty": "EC", "crv": "P-256", "x": b64url(rand_bytes(rng, 32)), "y": b64url(rand_bytes(rng, 32)), "d": sec}
        else:
            sec = b64url(rand_bytes(rng, 32))
            d = {"kty": "OKP", "crv": "Ed25519", "x": b64url(rand_bytes(rng, 32)), "d": sec}
        if rid.endswith("sorted"):
            d = dict(sorted(d.items()))
    content = json.dumps({"keys": [d]}, indent=2) + "\n"
    return "jwks.json", content, sec


# ---------------------------------------------------------------------------------------
# Sampling
# ---------------------------------------------------------------------------------------

# `key = `, `key: `, `key => `, `key := `, and Makefile's `key ?= ` (a lead the generator must
# re-spell per syntax: nesting it as the value of another assignment is no real syntax).
ASSIGN_LEAD = re.compile(r"^(?P<key>[A-Za-z0-9_.\-]*[A-Za-z][A-Za-z0-9_.\-]*)[\"'\]]*[ \t]*(?:=>|:=|\?=|[:=]{1,2}>?)[ \t]*[\"']?$")


def classify(lead):
    """token: nothing but boundaries before the secret; assign: `key = `; literal: other text."""
    if lead.strip(" \t") == "":
        return "token", None
    m = ASSIGN_LEAD.match(lead.strip())
    if m:
        return "assign", m.group("key")
    return "literal", None


def verify(rx, content, secret_off, secret):
    """True when the pattern matches `content` with group 1 == secret at secret_off."""
    line_start = content.rfind("\n", 0, secret_off) + 1
    lo = line_start
    for _ in range(6):  # patterns may start a few lines before the secret
        if lo <= 0:
            break
        lo = content.rfind("\n", 0, lo - 1) + 1
    for start in range(lo, secret_off + 1):
        m = rx.match(content, start)
        if m and m.start(1) == secret_off and m.group(1) == secret:
            return True
    return False


class Sampler:
    def __init__(self, rule, seed):
        self.rule = rule
        self.rx = re.compile(rule["pattern"])
        self.parsed = sre_parse.parse(rule["pattern"])
        self.rng = random.Random(f"{seed}:{rule['id']}")
        self.walker = Walker(self.rng)
        self.rejections = 0
        self.ctx_rejections = {}

    def walk(self):
        for _ in range(50):
            text, span = self.walker.run(self.parsed)
            if span and self.rx.search(text):
                return text, span
        return text, span

    def token_value(self):
        """The secret for rules whose special generator only supplies the value."""
        sp = special(self.rule, self.rng, 0)
        if sp and sp[0] is None:
            return sp[1]
        return None

    def sample(self, i, force_ext=None):
        """A sample; with force_ext, one in that syntax whether or not the pattern accepts it
        (None for rules whose samples are files of their own)."""
        rng = self.rng
        rule = self.rule
        if rule.get("shape") == "keyword":
            return keyword_sample(rule, rng, i, force_ext)
        if force_ext and (rule.get("paths") or (special(rule, random.Random(0), i) or (None,))[0] is not None):
            return None
        if rule.get("paths"):
            # A rule for one kind of file (.pgpass, initialAdminPassword): its walked text as
            # the whole file, at a path its first glob matches (as `rules check` does).
            text, span = self.walk()
            return example_path(rule), text + "\n", span[0], text[span[0]:span[1]], "file:" + example_path(rule)
        sp = special(rule, rng, i)
        if sp and sp[0] is not None:
            fname, content, secret = sp
            off = content.find(secret)
            return fname, content, off, secret, "file:" + fname
        forced_secret = sp[1] if sp else None
        # walk the pattern: lead + secret + trail
        text, span = self.walk()
        lead, secret, trail = text[:span[0]], text[span[0]:span[1]], text[span[1]:]
        if forced_secret is not None:
            secret = forced_secret
        cls, key = classify(lead)
        exts = TOKEN_EXTS if cls == "token" else ASSIGN_EXTS if cls == "assign" else LITERAL_EXTS
        if cls == "literal" and lead.lstrip().startswith("<"):
            exts = ["xml"]
        if cls == "literal" and lead.lstrip().startswith('"'):
            exts = ["json"]
        if force_ext:
            exts = [force_ext]
        for attempt in range(1 if force_ext else 40):
            ext = exts[(i + attempt + ctx_offset(rule)) % len(exts)]
            if cls == "token":
                if rng.random() < 0.7:
                    k = provider_slug(rule) + "_" + KIND_SUFFIX.get(rule.get("kind", ""), "TOKEN")
                else:
                    k = rng.choice(NEUTRAL_KEYS)
                body = render_value_line(ext, k, secret, rng)
                ctx = f"{ext}:assign"
            elif cls == "assign":
                body = render_value_line(ext, key if attempt < 20 else key, secret, rng)
                ctx = f"{ext}:keyword"
            else:
                whole = lead + secret + trail.rstrip("\n")
                k = provider_slug(rule) + "_" + KIND_SUFFIX.get(rule.get("kind", ""), "URL")
                if cls == "inline" and ext == "sh":
                    body = [f"./deploy.sh --set {whole.rstrip()} --verbose"]
                elif cls == "inline":
                    body = [f'r = requests.get("https://api.fake0test.internal/v1/items?{whole.rstrip()}&limit=10")']
                elif ext == "xml":
                    body = ["  " + whole]
                elif ext == "json" and whole.startswith('"'):
                    body = ["  " + whole + ","]
                else:
                    body = render_value_line(ext, k, whole, rng)
                ctx = f"{ext}:literal"
            content, idx = wrap_file(ext, body, rng)
            line_off = sum(len(l) + 1 for l in content.split("\n")[:idx])
            off = content.find(secret, line_off)
            if off >= 0 and (force_ext or verify(self.rx, content, off, secret)):
                return ctx_file(ext), content, off, secret, ctx
            self.rejections += 1
            if attempt == 0:  # the syntax this sample was meant for: the pattern rejects it
                self.ctx_rejections[ext] = self.ctx_rejections.get(ext, 0) + 1
            if attempt >= 10 and cls != "literal":
                # fall back to the text the walker produced, verbatim; a `key=value` lead the
                # assignment syntaxes reject (an inline rule wants a terminator after the value)
                # goes on a command line, not nested as the value of another assignment
                cls = "inline" if cls == "assign" else "literal"
                exts = ["sh", "url-query"] if cls == "inline" else LITERAL_EXTS
            if attempt >= 25:
                text, span = self.walk()
                lead, secret0, trail = text[:span[0]], text[span[0]:span[1]], text[span[1]:]
                if forced_secret is None:
                    secret = secret0
        if force_ext:
            return None
        # last resort: the walked text on its own line
        content = text + "\n"
        return "sample.txt", content, span[0], secret, "txt:raw"


def generate_matrix(rules, out, seed, only=None, exts=None):
    """One sample per rule in each syntax (MATRIX_EXTS), kept whether or not the rule's own
    pattern accepts it: manifest records as generate() writes them, with pattern_ok saying which."""
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    manifest = []
    for rule in rules:
        if only and rule["id"] not in only:
            continue
        s = Sampler(rule, f"matrix:{seed}")
        for i, ext in enumerate(exts or MATRIX_EXTS):
            got = s.sample(i, force_ext=ext)
            if got is None:
                continue
            fname, content, off, secret, ctx = got
            if off < 0:
                continue
            path = os.path.join(out, rule["id"], ext, fname)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", newline="") as f:
                f.write(content)
            manifest.append({
                "file": os.path.relpath(path, out), "line": content.count("\n", 0, off) + 1,
                "end_line": content.count("\n", 0, off + len(secret)) + 1, "rule": rule["id"],
                "provider": rule.get("provider", ""), "kind": rule.get("kind", ""), "context": ctx,
                "pattern_ok": verify(s.rx, content, off, secret), "secret_len": len(secret),
                "entropy": round(shannon(secret), 3), "min_entropy": rule.get("min_entropy", 0.0),
            })
    with open(os.path.join(out, "manifest.jsonl"), "w") as f:
        for m in manifest:
            f.write(json.dumps(m) + "\n")
    return manifest


def generate(rules, out, per_rule, seed, only=None):
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    manifest = []
    stats = {}
    for rule in rules:
        if only and rule["id"] not in only:
            continue
        s = Sampler(rule, seed)
        ok = 0
        for i in range(per_rule):
            fname, content, off, secret, ctx = s.sample(i)
            d = os.path.join(out, rule["id"], f"{i:03d}")
            os.makedirs(d, exist_ok=True)
            path = os.path.join(d, fname)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", newline="") as f:
                f.write(content)
            line = content.count("\n", 0, off) + 1
            end_line = content.count("\n", 0, off + len(secret)) + 1
            pattern_ok = verify(s.rx, content, off, secret)
            ok += pattern_ok
            manifest.append({
                "file": os.path.relpath(path, out), "line": line, "end_line": end_line, "rule": rule["id"],
                "provider": rule.get("provider", ""), "kind": rule.get("kind", ""), "context": ctx,
                "pattern_ok": pattern_ok, "secret_len": len(secret),
                "entropy": round(shannon(secret), 3), "min_entropy": rule.get("min_entropy", 0.0),
            })
        stats[rule["id"]] = {"rejections": s.rejections, "pattern_ok": ok, "ctx_rejections": s.ctx_rejections}
    with open(os.path.join(out, "manifest.jsonl"), "w") as f:
        for m in manifest:
            f.write(json.dumps(m) + "\n")
    with open(os.path.join(out, "gen-stats.json"), "w") as f:
        json.dump(stats, f, indent=1)
    return manifest, stats


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--rules", default=os.path.join(here, "..", "rules"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-rule", type=int, default=20)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--only", default="")
    a = ap.parse_args(argv)
    t = time.time()
    rules = load_rules(a.rules)
    only = set(x for x in a.only.split(",") if x)
    manifest, stats = generate(rules, a.out, a.per_rule, a.seed, only)
    bad = sum(1 for m in manifest if not m["pattern_ok"])
    print(f"generated {len(manifest)} samples for {len(stats)} rules in {a.out} "
          f"({bad} not matching their own pattern) in {time.time() - t:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
