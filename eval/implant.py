#!/usr/bin/env python3
"""Recall on real files' own syntaxes: a random secret implanted where a real file assigns a credential.

The syntax sets (eval/gen.py, eval/heldout*.py) are written by us, so however blind they are,
their forms are the forms we thought of. This set takes its forms from real files instead: the
clean corpus (eval/evaluate.py's DEFAULT_CLEAN) and the fetched package trees of
eval/real_repos.py. In every text file it finds the lines where a credential-named key is given a
value (`password = "..."`, `DB_PASSWORD=...`, `"apiKey": "..."`, `<password>...</password>`,
`--token ...`), picks one per file, replaces that value with a random secret of a shape real
credentials have (a password, a token), keeps everything else byte for byte (path, quotes,
indentation, the rest of the file), and checks that nhiscan reports the implanted value on that
line.

It is a measurement, not a development set: the corpora are split into two halves by name
(`--half dev` and `--half heldout`). Fixes may be made from the dev half's misses only; the
held-out half is measured before and after, and says what to expect on real syntaxes nobody
looked at.

Caveats, read before the figures:
- a file under a test path (tests/, fixtures/, *_test.go, ...) lowers a finding one confidence
  level, and a medium one is then not reported (docs/rules.md, "Test paths"): those implants are
  counted apart, and the headline figure is the others;
- some candidate lines are not places a credential is ever written (a regex, a format string, a
  message that names a key); the value is still a leaked secret if it sits there, so it counts.

Usage: python3 eval/implant.py [--bin B] [--half dev|heldout|all] [--per-corpus N] [--keep DIR]
                               [--json F] [-v]
"""
import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

SEED = 20261205

# (name, path glob, half). Halves alternate over a fixed list so each mixes languages and
# ecosystems; a corpus that is not on this machine is skipped and named in the output.
CORPORA = [
    ("py-site", "~/.pyenv/versions/3.11*/lib/python3.11/site-packages", "dev"),
    ("jdk", "/tmp/bench-real/jdk", "heldout"),
    ("deb-python-pkgs", "/usr/lib/python3/dist-packages", "heldout"),
    ("usr-share-doc", "/usr/share/doc", "dev"),
    ("node-modules", "/usr/lib/node_modules", "dev"),
    ("perl5", "/usr/share/perl5", "heldout"),
    ("deb-backup", "/tmp/nhiscan-real/deb-backup", "dev"),
    ("deb-chat", "/tmp/nhiscan-real/deb-chat", "heldout"),
    ("deb-containers", "/tmp/nhiscan-real/deb-containers", "dev"),
    ("deb-db", "/tmp/nhiscan-real/deb-db", "heldout"),
    ("deb-erlang", "/tmp/nhiscan-real/deb-erlang", "dev"),
    ("deb-fileweb", "/tmp/nhiscan-real/deb-fileweb", "heldout"),
    ("deb-haskell", "/tmp/nhiscan-real/deb-haskell", "dev"),
    ("deb-java", "/tmp/nhiscan-real/deb-java", "heldout"),
    ("deb-mail", "/tmp/nhiscan-real/deb-mail", "dev"),
    ("deb-misc3", "/tmp/nhiscan-real/deb-misc3", "heldout"),
    ("deb-monitoring", "/tmp/nhiscan-real/deb-monitoring", "dev"),
    ("deb-netcrypto", "/tmp/nhiscan-real/deb-netcrypto", "heldout"),
    ("deb-php2", "/tmp/nhiscan-real/deb-php2", "dev"),
    ("deb-python2", "/tmp/nhiscan-real/deb-python2", "heldout"),
    ("deb-r", "/tmp/nhiscan-real/deb-r", "dev"),
    ("deb-scripting", "/tmp/nhiscan-real/deb-scripting", "heldout"),
    ("npm-ai2", "/tmp/nhiscan-real/npm-ai2", "dev"),
    ("npm-auth2", "/tmp/nhiscan-real/npm-auth2", "heldout"),
    ("npm-cli", "/tmp/nhiscan-real/npm-cli", "dev"),
    ("npm-cms", "/tmp/nhiscan-real/npm-cms", "heldout"),
    ("npm-commerce", "/tmp/nhiscan-real/npm-commerce", "dev"),
    ("npm-db", "/tmp/nhiscan-real/npm-db", "heldout"),
    ("npm-geo", "/tmp/nhiscan-real/npm-geo", "dev"),
    ("npm-git", "/tmp/nhiscan-real/npm-git", "heldout"),
    ("npm-iac2", "/tmp/nhiscan-real/npm-iac2", "dev"),
    ("npm-mobile", "/tmp/nhiscan-real/npm-mobile", "heldout"),
    ("npm-nodered", "/tmp/nhiscan-real/npm-nodered", "dev"),
    ("npm-notify", "/tmp/nhiscan-real/npm-notify", "heldout"),
    ("npm-publish", "/tmp/nhiscan-real/npm-publish", "dev"),
    ("npm-social", "/tmp/nhiscan-real/npm-social", "heldout"),
    ("npm-telemetry", "/tmp/nhiscan-real/npm-telemetry", "dev"),
    ("npm-testing", "/tmp/nhiscan-real/npm-testing", "heldout"),
    ("npm-web", "/tmp/nhiscan-real/npm-web", "dev"),
    ("etc", "/etc", "heldout"),
]

MAX_FILE = 512 * 1024
MAX_LINE = 400

# Same globs as the hard-negatives test: directory and file names scanners treat as test paths.
TEST_DIRS = re.compile(r"(^|/)(tests?|__tests__|specs?|fixtures?|testdata|test-data|examples?|samples?|mocks?|__mocks__|e2e)(/|$)", re.I)
TEST_FILES = re.compile(r"(^test_.*\.py$|_test\.go$|_tests?\.[a-z]+$|\.test\.[a-z]+$|\.spec\.[a-z]+$|Tests?\.(java|cs|kt)$)")

# A key names a credential when its last word is one of these (after splitting camelCase,
# snake_case, dots and dashes), or `key` right after one of KEY_QUALIFIERS.
CRED_LAST = {"password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "secretkey", "accesskey",
             "accesstoken", "authtoken", "privatekey", "clientsecret", "pass"}
# `pass` alone is a verb or a render pass (`currentPass`, `pass = 'R_SPF_ALLOW'`); after these it is a password.
PASS_QUALIFIERS = {"db", "smtp", "mail", "user", "admin", "root", "ftp", "ldap", "redis", "mysql", "proxy", "bind",
                   "imap", "pop", "vnc", "sftp", "ssh", "wifi", "sql", "pg", "mongo", "amqp", "rabbit", "sasl"}
# Names whose token or key is not a credential: pagination, CSRF, idempotency and LLM tokens,
# public keys, record keys. A real file has these as often as credentials; they are left out of
# the set because no scanner should report them, whatever is assigned.
NOT_CREDENTIAL = {"next", "prev", "previous", "page", "cursor", "continuation", "pagination", "input", "output",
                  "csrf", "xsrf", "request", "idempotency", "sync", "max", "min", "public", "publishable", "cancel",
                  "cancellation", "completion", "prompt", "eos", "bos", "pad", "unk", "sep", "mask", "cls", "num",
                  "total", "primary", "foreign", "sort", "partition", "cache", "lookup", "dedup", "routing", "site",
                  "share", "type", "verification", "resume", "upload", "continue", "marker", "change", "lexer",
                  "parser", "safe"}
KEY_QUALIFIERS = {"api", "access", "secret", "private", "auth", "app", "client", "master", "signing", "encryption",
                  "account", "service", "license", "developer", "subscription", "admin", "write", "read", "ingest"}
PASSWORD_WORDS = {"password", "passwd", "pwd", "passphrase", "pass"}

KEY = r"[A-Za-z_$@][\w.\-$]{0,60}"
# The forms a value is given to a key, each with the groups key, q (quote, may be empty) and val.
FORMS = [
    ("quoted", re.compile(r"""(?P<kq>["'`]?)(?P<key>""" + KEY + r""")(?P=kq)\s*(?:=>|:=|\?\?=|=|:)\s*(?P<q>["'`])(?P<val>[^"'`\n\\]{0,200})(?P=q)""")),
    ("xml-element", re.compile(r"""<(?P<key>[A-Za-z_][\w.\-:]{0,60})>(?P<q>)(?P<val>[^<\n]{0,200})</(?P=key)>""")),
    ("cli-flag", re.compile(r"""(?<![\w-])--(?P<key>[a-z][\w-]{0,40})[= ](?P<q>["']?)(?P<val>[^\s"'\\]{1,200})(?P=q)(?=\s|$)""")),
    ("unquoted", re.compile(r"""^\s*(?:export\s+|set\s+|-\s+)?(?P<key>""" + KEY + r""")\s*(?:=|:)\s*(?P<q>)(?P<val>[^\s"'#;,{}\[\]()<>`\\]{1,200})\s*$""")),
]

# Values that are code, not a literal: replacing them with a string would change the syntax.
CODE_VALUE = re.compile(r"^(?:None|null|nil|undefined|true|false|True|False|self\..*|this\..*|os\..*|process\..*|"
                        r"[A-Za-z_][\w.]*\(.*|\d+(?:\.\d+)?)$")
PASSWORD_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
SYMBOLS = "!*-_.@"


def words(key):
    key = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", key.strip("$@"))
    return [w for w in re.split(r"[^A-Za-z0-9]+", key.lower()) if w]


def credential_key(key):
    """The credential word the key ends with, or None."""
    w = words(key)
    if not w:
        return None
    if NOT_CREDENTIAL & set(w):
        return None
    last = w[-1]
    if last == "pass":
        return "pass" if len(w) >= 2 and w[-2] in PASS_QUALIFIERS else None
    if last in CRED_LAST:
        return last
    if last in ("key", "keys") and len(w) >= 2 and w[-2] in KEY_QUALIFIERS:
        return w[-2] + "key"
    return None


def secret_for(word, rng):
    """A random value of a shape real credentials of that kind have."""
    if word in PASSWORD_WORDS:
        n = rng.randint(14, 22)
        chars = [rng.choice(PASSWORD_CHARS) for _ in range(n)]
        for _ in range(rng.randint(1, 2)):
            chars[rng.randrange(1, n - 1)] = rng.choice(SYMBOLS)
        chars[rng.randrange(n)] = rng.choice("23456789")
        return "".join(chars)
    style = rng.random()
    if style < 0.35:
        return "".join(rng.choice("0123456789abcdef") for _ in range(rng.choice((32, 40, 64))))
    if style < 0.7:
        return "".join(rng.choice(TOKEN_CHARS) for _ in range(rng.randint(28, 44)))
    body = "".join(rng.choice(TOKEN_CHARS + "+/") for _ in range(rng.choice((40, 44, 48))))
    return body


def test_path(rel):
    return bool(TEST_DIRS.search(rel) or TEST_FILES.search(rel.rsplit("/", 1)[-1]))


# File types where an unquoted value is a literal (configuration, shell, docs); in code it is a
# variable, and a random string in its place would not be how a secret is written.
UNQUOTED_OK = {"", ".env", ".ini", ".conf", ".cfg", ".cnf", ".properties", ".yaml", ".yml", ".toml", ".txt", ".sh",
               ".bash", ".rc", ".service", ".md", ".rst", ".example", ".sample", ".dist", ".config", ".list"}
QUICK = re.compile(rb"(?i)pass|secret|token|key|pwd")


def candidates(text, ext=""):
    """(line index, form, match) for every credential-named assignment in the text."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if len(line) > MAX_LINE:
            continue
        taken = []
        for form, rx in FORMS:
            for m in rx.finditer(line):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                word = credential_key(m.group("key"))
                if not word:
                    continue
                val = m.group("val")
                if form == "unquoted" and (CODE_VALUE.match(val) or ext not in UNQUOTED_OK):
                    continue
                if form == "cli-flag" and val.startswith("-"):
                    continue
                taken.append((m.start(), m.end()))
                out.append((i, form, m, word))
    return out


def walk(root):
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x not in (".git", "node_modules.cache"))
        for f in sorted(files):
            p = os.path.join(d, f)
            if os.path.islink(p) or not os.path.isfile(p):
                continue
            yield p


PACKAGE_DIR = re.compile(r"(?:^|/)(?:site-packages|dist-packages|node_modules|perl5|vendor)/")


def package_path(rel):
    """The path inside a package directory (site-packages/, dist-packages/, node_modules/ ...),
    which names the same file of the same package in two corpora; None outside one."""
    m = None
    for m in PACKAGE_DIR.finditer(rel):
        pass
    return rel[m.end():] if m else None


def dev_package_paths(corpora):
    """package_path of every file of the dev half's corpora on this machine."""
    out = set()
    for _name, pattern, h in corpora:
        if h != "dev":
            continue
        for root in sorted(glob.glob(os.path.expanduser(pattern)))[-1:]:
            for p in walk(root):
                key = package_path(os.path.relpath(p, root))
                if key:
                    out.add(key)
    return out


def build(half="all", per_corpus=400, seed=SEED, corpora=None):
    """The implants: a list of dicts (corpus, rel, form, word, line, value, content) and the corpora
    that are not on this machine. A held-out file that the dev half also has (the same package in
    pip's site-packages and Debian's dist-packages) is left out: the halves share no file."""
    cases, missing = [], []
    corpora = corpora or CORPORA
    in_dev = dev_package_paths(corpora) if half != "dev" else set()
    for name, pattern, h in corpora:
        if half != "all" and h != half:
            continue
        roots = sorted(glob.glob(os.path.expanduser(pattern)))
        if not roots:
            missing.append(name)
            continue
        root = roots[-1]
        found = []
        for p in walk(root):
            if h != "dev" and package_path(os.path.relpath(p, root)) in in_dev:
                continue
            try:
                if os.path.getsize(p) > MAX_FILE:
                    continue
                with open(p, "rb") as fh:
                    data = fh.read()
            except OSError:
                continue
            if b"\0" in data[:8192] or not QUICK.search(data):
                continue
            text = data.decode("utf-8", "surrogateescape")
            cands = candidates(text, os.path.splitext(p)[1].lower())
            if cands:
                found.append((os.path.relpath(p, root), text, cands))
        rng = random.Random(f"{seed}:{name}")
        if len(found) > per_corpus:
            found = rng.sample(found, per_corpus)
            found.sort(key=lambda t: t[0])
        for rel, text, cands in found:
            frng = random.Random(f"{seed}:{name}:{rel}")
            i, form, m, word = frng.choice(cands)
            value = secret_for(word, frng)
            lines = text.split("\n")
            line = lines[i]
            lines[i] = line[:m.start("val")] + value + line[m.end("val"):]
            cases.append({"corpus": name, "half": h, "rel": rel,
                          "form": form, "word": word, "line": i + 1, "value": value,
                          "original": m.group("val"), "content": "\n".join(lines), "text": lines[i][:300],
                          "test_path": test_path(rel)})
    return cases, missing


def write(cases, root):
    for c in cases:
        path = os.path.join(root, c["corpus"], c["rel"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(c["content"].encode("utf-8", "surrogateescape"))


def nhiscan_bin(explicit=None):
    here = os.path.dirname(os.path.abspath(__file__))
    return explicit or os.environ.get("NHISCAN_BIN") or os.path.join(here, "..", "build", "nhiscan")


def scan(binary, root, threads=2):
    env = dict(os.environ)
    env.setdefault("XDG_CACHE_HOME", os.path.join(root, ".cache-unused"))
    r = subprocess.run([binary, "dir", "-q", "-f", "json", "--exit-code", "0", "--no-redact", f"-j{threads}", "."],
                       cwd=root, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit(f"implant: {binary} exited {r.returncode}: {r.stderr.strip()[:300]}")
    doc = json.loads(r.stdout)
    return doc["findings"] if isinstance(doc, dict) else doc


def measure(binary, cases, root, threads=2):
    """Scans the implanted tree (already written) and marks each case found or not."""
    findings = scan(binary, root, threads)
    by_path = {}
    for f in findings:
        by_path.setdefault(os.path.normpath(f["path"]), []).append(f)
    for c in cases:
        rel = os.path.normpath(os.path.join(c["corpus"], c["rel"]))
        on_line = [f for f in by_path.get(rel, []) if f["line"] <= c["line"] <= f.get("end_line", f["line"])]
        hit = [f for f in on_line if c["value"] in f["secret"] or (len(f["secret"]) >= 8 and f["secret"] in c["value"])]
        c["found"] = bool(hit)
        c["rules"] = sorted({f["rule_id"] for f in (hit or on_line)})
    return cases


def pct(a, b):
    return f"{100.0 * a / b:.1f}%" if b else "-"


DOC_EXT = {".md", ".rst", ".txt", ".html", ".htm", ".adoc", ".pod", ".texi", ".1", ".5", ".8"}
COMMENT = re.compile(r"^\s*(?:\*|//|#|--|;|%|/\*|<!--|\"\"\"|\'\'\'|rem\b|')")


def context(c):
    """Where the implant sits: a documentation file, a comment or docstring line, or code/config."""
    if os.path.splitext(c["rel"])[1].lower() in DOC_EXT:
        return "documentation file"
    line = c["content"].split("\n")[c["line"] - 1]
    return "comment line" if COMMENT.match(line) else "code or config line"


def summary(cases):
    def group(key, within=None):
        g = {}
        for c in cases if within is None else within:
            k = key(c)
            t = g.setdefault(k, [0, 0])
            t[0] += 1
            t[1] += c["found"]
        return {k: {"implants": v[0], "found": v[1]} for k, v in sorted(g.items())}

    main = [c for c in cases if not c["test_path"]]
    tests = [c for c in cases if c["test_path"]]
    return {
        "implants": len(cases),
        "outside_test_paths": {"implants": len(main), "found": sum(c["found"] for c in main)},
        "test_paths": {"implants": len(tests), "found": sum(c["found"] for c in tests)},
        "by_half": group(lambda c: c["half"]),
        "by_corpus": group(lambda c: c["corpus"]),
        "by_form": group(lambda c: c["form"]),
        "by_word": group(lambda c: "password" if c["word"] in PASSWORD_WORDS else "token/key/secret"),
        "by_ext": group(lambda c: os.path.splitext(c["rel"])[1].lower() or "(none)"),
        "by_context": group(context, [c for c in cases if not c["test_path"]]),
        "by_half_code": group(lambda c: c["half"],
                              [c for c in cases if not c["test_path"] and context(c) == "code or config line"]),
    }


def report(cases, missing, verbose=False, out=sys.stdout):
    s = summary(cases)
    m, t = s["outside_test_paths"], s["test_paths"]
    print(f"implants: {s['implants']} in as many real files", file=out)
    print(f"found, outside test paths: {m['found']}/{m['implants']} ({pct(m['found'], m['implants'])})", file=out)
    print(f"found, under test paths:   {t['found']}/{t['implants']} ({pct(t['found'], t['implants'])})"
          "  (a test path lowers confidence one level)", file=out)
    for title, key in (("half", "by_half"), ("context, outside test paths", "by_context"),
                       ("half, code or config lines outside test paths", "by_half_code"), ("form", "by_form"), ("credential word", "by_word"),
                       ("corpus", "by_corpus")):
        print(f"\nby {title}:", file=out)
        for k, v in s[key].items():
            print(f"  {k:24} {v['found']:5}/{v['implants']:<5} {pct(v['found'], v['implants']):>7}", file=out)
    exts = sorted(s["by_ext"].items(), key=lambda kv: -kv[1]["implants"])[:25]
    print("\nby extension (25 most common):", file=out)
    for k, v in exts:
        print(f"  {k:24} {v['found']:5}/{v['implants']:<5} {pct(v['found'], v['implants']):>7}", file=out)
    if missing:
        print("\nnot on this machine (skipped): " + ", ".join(missing), file=out)
    if verbose:
        print("\nmisses (outside test paths):", file=out)
        for c in cases:
            if c["found"] or c["test_path"]:
                continue
            line = c["content"].split("\n")[c["line"] - 1].strip()
            print(f"  {c['corpus']}/{c['rel']}:{c['line']} [{c['form']}] {line[:160]}"
                  + (f"  (on the line: {', '.join(c['rules'])})" if c["rules"] else ""), file=out)
    return s


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", help="nhiscan binary (default $NHISCAN_BIN or build/nhiscan); several, comma-separated, "
                                  "are measured on the same implants one after the other")
    ap.add_argument("--half", choices=["dev", "heldout", "all"], default="all")
    ap.add_argument("--per-corpus", type=int, default=400, help="at most this many files per corpus (default 400)")
    ap.add_argument("-j", "--threads", type=int, default=2)
    ap.add_argument("--keep", help="write the implanted files here (must not exist) and keep them")
    ap.add_argument("--json", help="write the figures and every implant's outcome here (the last binary's)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the misses outside test paths")
    args = ap.parse_args(argv)
    binaries = [nhiscan_bin(b) for b in (args.bin.split(",") if args.bin else [None])]
    for binary in binaries:
        if not os.access(binary, os.X_OK):
            sys.exit(f"implant: no nhiscan binary at {binary}")
    cases, missing = build(args.half, args.per_corpus)
    if not cases:
        sys.exit("implant: no corpus of this half is on this machine")
    if args.keep:
        if os.path.exists(args.keep):
            sys.exit(f"implant: {args.keep} exists; name a new directory")
        os.makedirs(args.keep)
        root, tmp = args.keep, None
    else:
        tmp = tempfile.TemporaryDirectory(prefix="nhiscan-implant-")
        root = tmp.name
    try:
        write(cases, root)
        for binary in binaries:
            print(f"== {binary}", flush=True)
            measure(binary, cases, root, args.threads)
            s = report(cases, missing, args.verbose)
            print(flush=True)
    finally:
        if tmp:
            tmp.cleanup()
    if args.json:
        s["binary"] = os.path.abspath(binaries[-1])
        s["missing_corpora"] = missing
        s["cases"] = [{k: v for k, v in c.items() if k != "content"} for c in cases]
        with open(args.json, "w") as fh:
            json.dump(s, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
