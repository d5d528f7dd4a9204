#!/usr/bin/env python3
"""Catalog samples: recall on values built from the catalog's format facts, not from our rules.

eval/gen.py draws every sample from a rule's own metadata, so its recall says nothing about a
format our rule gets wrong: a value the rule rejects is never generated. Other scanners' test
cases are built from *their* formats. The shared catalog (../shared/catalog/credentials.toml)
records each credential type's format as facts, including the peers' bounds where they differ
from the provider's documentation. This script parses that notation, builds values from it
(the documented form, the shortest and longest lengths of a range, and each peer bound the
text states as a run, e.g. "peers accept 32-64 x [A-Za-z0-9_=.-]"), renders each value in a few
one-line contexts in the style of scanners' rule tests (an assignment named after the
provider, a Go `:=`, a JSON member, a shell export, a neutral `token:`), scans them with the
built binary and reports, per catalog entry and per variant, whether a finding covers the
value on its line.

Values are random over the stated class (no valid checksums: test cases rarely carry them).
Entries whose notation this parser does not understand are counted, not guessed.

Hand-built samples (--manual, on by default): the entries the parser cannot read (prose formats)
and every `structured`, `generic`, `url` and `pem` entry get samples from eval/catalog_manual.py,
written blind from the catalog's facts as whole files in their real context (a Kubernetes Secret,
a service-account JSON, a .netrc, a JDBC URL, a PEM block...). Each is written to its own file,
scanned in the same run, and counts as caught when a finding anywhere in the file reports a secret
that overlaps the sample's secret by at least 8 characters (or all of it, if shorter), or a
finding from a decoded view (base64 ...; it reports the decoded secret) whose location covers the
sample's encoded value.

  eval/catalog_samples.py [--bin build/nhiscan] [--catalog PATH] [--keep DIR] [--json OUT]
                          [--misses N] [--seed N] [--no-manual]
"""
import argparse
import difflib
import json
import os
import random
import re
import shutil
import string
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import catalog_manual  # noqa: E402

NAMED = {
    "alnum": string.ascii_letters + string.digits,
    "base62": string.ascii_letters + string.digits,
    "alphanumeric": string.ascii_letters + string.digits,
    "hex": "0123456789abcdef",
    "lower-case hex": "0123456789abcdef",
    "lowercase hex": "0123456789abcdef",
    "upper-case hex": "0123456789ABCDEF",
    "uppercase hex": "0123456789ABCDEF",
    "digits": string.digits,
    "digit": string.digits,
    "letters": string.ascii_letters,
    "base64": string.ascii_letters + string.digits + "+/",
    "base64url": string.ascii_letters + string.digits + "_-",
    "upper-case alnum": string.ascii_uppercase + string.digits,
    "upper-case letters": string.ascii_uppercase,
}
# Longest names first so that "lower-case hex" wins over "hex".
NAMED_RE = "|".join(sorted((re.escape(k) for k in NAMED), key=len, reverse=True))
DASH = "[-–]"  # the catalog writes ranges with an en dash


def bracket_class(body):
    """Characters of a bracket class body such as `A-Za-z0-9_=-`."""
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(body[i + 1])
            i += 2
            continue
        if i + 2 < len(body) and body[i + 1] == "-":
            lo, hi = ord(ch), ord(body[i + 2])
            if lo <= hi:
                out.extend(chr(c) for c in range(lo, hi + 1))
                i += 3
                continue
        out.append(ch)
        i += 1
    return "".join(dict.fromkeys(out))


CLASS = rf"(\[[^\]]+\]|{NAMED_RE})"


def charset(spec):
    spec = spec.strip()
    if spec.startswith("["):
        return bracket_class(spec[1:-1])
    return NAMED[spec]


def strip_parens(text):
    """Text without its (balanced) parenthetical remarks, and the remarks."""
    out, notes, depth, cur, tick = [], [], 0, [], False
    for ch in text:
        if ch == "`":
            tick = not tick
        if not tick and ch == "(":
            depth += 1
            if depth == 1:
                cur = []
                continue
        if not tick and ch == ")" and depth:
            depth -= 1
            if depth == 0:
                notes.append("".join(cur))
                continue
        (cur if depth else out).append(ch)
    return re.sub(r"\s+", " ", "".join(out)).strip(), notes


def split_top(text, sep):
    """Splits on `sep` outside backticks and brackets."""
    parts, cur, tick, br, i = [], [], False, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "`":
            tick = not tick
        elif not tick and ch == "[":
            br += 1
        elif not tick and ch == "]" and br:
            br -= 1
        if not tick and not br and text.startswith(sep, i):
            parts.append("".join(cur))
            cur = []
            i += len(sep)
            continue
        cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


UUID = ("uuid",)


def parse_item(item):
    """One `+`-separated item: ('lit', [choices]) or ('run', chars, lo, hi) or None."""
    s = item.strip().rstrip(".,")
    s = re.sub(r"\s+(chars?|characters)$", "", s)
    optional = s.startswith("optional ")
    s = re.sub(r"^(?:the |an? |optional )", "", s)
    m = re.fullmatch(r"(?:one of )?(`[^`]*`(?:\s*(?:,|or|,\s*or)\s*`[^`]*`)*)", s)
    if m:
        lits = [re.sub(r"<digit>", "7", x) for x in re.findall(r"`([^`]*)`", m.group(1))]
        return ("lit", lits + ([""] if optional else []))
    if re.fullmatch(r"UUID.*", s, re.I):
        return ("uuid",)
    m = re.fullmatch(rf"(\d+)\s*(?:{DASH}\s*(\d+))?\s*(?:\+\s*)?×\s*{CLASS}.*", s)
    if m:
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        if re.match(rf"\d+\s*\+\s*×", s):
            hi = lo + 40
        return ("run", charset(m.group(3)), lo, hi)
    m = re.fullmatch(rf"(\d+) or more\s*×\s*{CLASS}.*", s)
    if m:
        lo = int(m.group(1))
        return ("run", charset(m.group(2)), lo, lo + 40)
    m = re.fullmatch(rf"(\d+)\s*(?:{DASH}\s*(\d+))?\s+({NAMED_RE})\b.*", s)
    if m:
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        return ("run", charset(m.group(3)), lo, hi)
    m = re.fullmatch(rf"(?:a )?run of {CLASS}.*", s) or re.fullmatch(rf"{CLASS} run\b.*", s)
    if m:
        return ("run", charset(m.group(1)), 32, 32)
    return None


def parse_sequence(text):
    """A list of items for one alternative of a format, or None."""
    body, _ = strip_parens(text)
    body = re.sub(r"^(?:Current|Legacy|legacy|current)\s*:\s*", "", body)
    body = re.sub(r"^[A-Za-z ]+≥ [\d.]+:\s*", "", body)  # "Vault ≥ 1.10: ..."
    items = []
    parts = split_top(body, " + ")
    if len(parts) == 1:
        toks = [m.group(0) for m in re.finditer(rf"`[^`]*`|\d+\s*×\s*{CLASS}", body)]
        if len(toks) > 1 and re.fullmatch(r"[\s+]*", re.sub(rf"`[^`]*`|\d+\s*×\s*{CLASS}", "", body)):
            parts = toks
    for part in parts:
        # "X, ending in Y" and similar prose tails end the sequence
        part = re.split(r",\s+(?:then|ending|sent|used|passed|assigned|valid|usable|stored|near|within|context)", part)[0]
        it = parse_item(part)
        if it is None:
            return None
        items.append(it)
    return items or None


PEER_RUN = re.compile(rf"(?:accepts?|allows?|matches?|expects?|takes?|also)\s+(?:also\s+)?"
                      rf"(\d+)\s*(?:(?:{DASH}|to)\s*(\d+)|( or more|\+))?\s*×\s*{CLASS}")


def alternatives(fmt):
    """(label, items) for each form the entry's format states."""
    # the first sentence states the format; later ones are remarks about peers
    main = re.split(r"(?<=[\w`)\]])\. (?=[A-Z])", fmt.split(";")[0])[0]
    out = []
    whole = parse_sequence(main)
    alts = [main] if whole else split_top(main, ", or ")
    if len(alts) == 1 and not whole:
        alts = split_top(main, " or ")
    for i, alt in enumerate(alts):
        items = parse_sequence(alt)
        if items:
            out.append((f"form{i + 1}" if len(alts) > 1 else "documented", items))
    if not out:
        return out
    # Peer bounds: a run given in a remark replaces the last run of the documented form.
    base = out[0][1]
    last = max((i for i, it in enumerate(base) if it[0] == "run"), default=None)
    if last is not None:
        for m in PEER_RUN.finditer(fmt):
            lo = int(m.group(1))
            hi = int(m.group(2)) if m.group(2) else (lo + 40 if m.group(3) else lo)
            chars = charset(m.group(4))
            if (chars, lo, hi) == base[last][1:]:
                continue
            alt = list(base)
            alt[last] = ("run", chars, lo, hi)
            out.append((f"peer {lo}-{hi}", alt))
    return out


def random_run(rng, chars, n):
    pool = chars.replace("=", "") or chars
    while True:
        v = "".join(rng.choice(pool) for _ in range(n))
        # what real keys look like: letters and digits mixed, where the class has both
        if n < 8 or not (set(pool) & set(string.digits)) or not (set(pool) & set(string.ascii_letters)):
            return v
        if any(c.isdigit() for c in v) and any(c.isalpha() for c in v):
            return v


def build(rng, items, length):
    """A value; `length` picks each run's length: 'lo', 'hi' or 'mid'."""
    out = []
    for it in items:
        if it[0] == "lit":
            out.append(rng.choice(it[1]))
        elif it[0] == "uuid":
            h = "0123456789abcdef"
            out.append("-".join("".join(rng.choice(h) for _ in range(n)) for n in (8, 4, 4, 4, 12)))
        else:
            _, chars, lo, hi = it
            n = {"lo": lo, "hi": hi, "mid": (lo + hi) // 2}[length]
            out.append(random_run(rng, chars, n))
    return "".join(out)


GENERIC_WORDS = {"key", "token", "secret", "api", "apikey", "api_key", "password", "auth", "bearer", "authorization",
                 "access", "client", "id", "private", "live", "test", "sandbox"}


def provider_word(entry):
    """The word a test case names the variable after: the catalog's first plain keyword."""
    for k in entry.get("keywords", []):
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9]{2,}", k) and k.lower() not in GENERIC_WORDS:
            return k.lower()
    words = re.findall(r"[A-Za-z][A-Za-z0-9]+", entry["provider"])
    return (words[0] if words else "app").lower()


def contexts(entry, value):
    """(name, file name, text) per context; each puts the value on line 1."""
    w = provider_word(entry)
    W = w.upper()
    ctx = [
        ("py-assign", "settings.py", f'{W}_API_KEY = "{value}"\n'),
        ("go-define", "client.go", f'{w}Token := "{value}"\n'),
        ("json-member", "config.json", f'{{"{w}_secret": "{value}"}}\n'),
        ("sh-export", "env.sh", f"export {W}_TOKEN={value}\n"),
    ]
    if entry["shape"] != "keyword":
        ctx.append(("neutral-yaml", "app.yaml", f"token: {value}\n"))
    return ctx


MANUAL_SHAPES = ("structured", "generic", "url", "pem")


def needs_manual(entry):
    """Entries the parser cannot build: prose formats and the non-prefixed/keyword shapes."""
    return entry["shape"] in MANUAL_SHAPES or (entry["shape"] in ("prefixed", "keyword")
                                               and not alternatives(entry["format"]))


def guess_file_name(text):
    if "kind: Secret" in text:
        return "secret.yaml"
    if "PRIVATE KEY" in text and text.lstrip().startswith("-----"):
        return "id_rsa"
    if text.lstrip().startswith(("{", "[")):
        return "config.json"
    return "config.txt"


def overlap(a, b):
    """Length of the longest common substring of a and b."""
    m = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size


def span_of(text, secret):
    """(line, column, end_line, end_column) of the first occurrence of secret in text, 1-based and
    inclusive like a finding's, or None."""
    i = text.find(secret)
    if i < 0 or not secret:
        return None
    j = i + len(secret) - 1
    line, end_line = text.count("\n", 0, i) + 1, text.count("\n", 0, j) + 1
    return line, i - (text.rfind("\n", 0, i) + 1) + 1, end_line, j - (text.rfind("\n", 0, j) + 1) + 1


def manual_caught(findings, secret, text=None):
    """findings: the file's finding records. A finding from a decoded view (`decoded`: base64,
    ...) reports the decoded secret, not the encoded text of the sample: it counts when its
    location covers the sample's encoded value."""
    need = min(8, len(secret))
    span = span_of(text, secret) if text else None
    for f in findings:
        sec, rule = f.get("secret") or "", f["rule_id"]
        if sec and (secret in sec or overlap(sec, secret) >= need):
            return rule
        if f.get("decoded") and span and "line" in f and "column" in f:
            a = (f["line"], f["column"])
            b = (f.get("end_line", f["line"]), f.get("end_column", f["column"]))
            if a <= (span[2], span[3]) and (span[0], span[1]) <= b:
                return rule
    return None


def excerpt(text, secret, width=110):
    """The line holding the start of `secret`, with the secret shortened to 12 chars + '…'."""
    i = text.find(secret)
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    end = len(text) if end < 0 else end
    line = text[start:i] + secret[:12] + "…" + (text[i + len(secret):end] if i + len(secret) <= end else "")
    line = line.strip()
    return line if len(line) <= width else line[:width] + "…"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.environ.get("NHISCAN_BIN", os.path.join(ROOT, "build", "nhiscan")))
    shared = os.environ.get("NHISCAN_SHARED_DIR") or os.path.join(ROOT, "..", "shared")
    ap.add_argument("--catalog", default=os.path.join(shared, "catalog", "credentials.toml"))
    ap.add_argument("--keep", help="write the samples here (kept) instead of a temporary directory")
    ap.add_argument("--json", help="write per-entry results here")
    ap.add_argument("--misses", type=int, default=0, help="print up to N missed entries with their format")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--manual", action=argparse.BooleanOptionalAction, default=True,
                    help="also scan the hand-built samples of eval/catalog_manual.py (default: on)")
    a = ap.parse_args(argv)

    with open(a.catalog, "rb") as f:
        catalog = tomllib.load(f)["credential"]
    rng = random.Random(a.seed)
    root = a.keep or tempfile.mkdtemp(prefix="nhiscan-catalog-")
    if a.keep and os.path.isdir(root):
        shutil.rmtree(root)
    os.makedirs(root, exist_ok=True)

    samples, unparsed, considered = [], [], 0
    for n, e in enumerate(catalog):
        if e["shape"] not in ("prefixed", "keyword"):
            continue
        considered += 1
        forms = alternatives(e["format"])
        if not forms:
            unparsed.append(e)
            continue
        for label, items in forms:
            lengths = ["mid"] if all(it[0] != "run" or it[2] == it[3] for it in items) else ["lo", "hi"]
            for length in lengths:
                value = build(rng, items, length)
                for cname, fname, text in contexts(e, value):
                    d = os.path.join(root, f"e{n:04d}")
                    os.makedirs(d, exist_ok=True)
                    path = os.path.join(d, f"{len(samples):05d}-{fname}")
                    with open(path, "w") as f:
                        f.write(text)
                    samples.append({"entry": n, "provider": e["provider"], "name": e["name"], "shape": e["shape"],
                                    "form": label, "length": length, "context": cname,
                                    "path": os.path.relpath(path, root), "value": value})

    manual, no_builder = [], []
    if a.manual:
        for n, e in enumerate(catalog):
            if not needs_manual(e):
                continue
            build_fn = catalog_manual.BUILDERS.get(e["name"])
            if build_fn is None:
                if e["name"] not in catalog_manual.SKIPPED:
                    no_builder.append(e["name"])
                continue
            # One stream per entry, seeded by its name: a builder added or changed leaves the
            # other entries' samples as they were, so runs stay comparable.
            for k, smp in enumerate(build_fn(random.Random(f"{a.seed}:{e['name']}"))):
                label, text, secret = smp[:3]
                fname = smp[3] if len(smp) > 3 else guess_file_name(text)
                d = os.path.join(root, f"m{n:04d}", f"{k:02d}")
                os.makedirs(d, exist_ok=True)
                path = os.path.join(d, fname)
                with open(path, "w") as f:
                    f.write(text)
                manual.append({"entry": n, "provider": e["provider"], "name": e["name"], "shape": e["shape"],
                               "form": label, "path": os.path.relpath(path, root), "secret": secret, "text": text})

    out = subprocess.run([a.bin, "dir", "-q", "-j2", "-f", "json", "--no-redact", "--exit-code", "0",
                          "--progress", "never", "."], cwd=root, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"scan failed: {out.stderr.strip()}")
    found = {}
    for fnd in json.loads(out.stdout):
        found.setdefault(fnd["path"].removeprefix("./"), []).append(fnd)

    def caught(s):
        for fnd in found.get(s["path"], []):
            sec = fnd.get("secret") or ""
            if fnd.get("line") == 1 and sec and (sec in s["value"] or s["value"] in sec) and len(sec) >= min(8, len(s["value"])):
                return fnd["rule_id"]
        return None

    per_entry, per_ctx, per_form = {}, {}, {}
    for s in samples:
        s["rule"] = caught(s)
        ok = s["rule"] is not None
        ent = per_entry.setdefault(s["entry"], {"n": 0, "ok": 0, "doc_ok": 0, "doc_n": 0, "samples": []})
        ent["n"] += 1
        ent["ok"] += ok
        if s["form"] in ("documented", "form1"):
            ent["doc_n"] += 1
            ent["doc_ok"] += ok
        ent["samples"].append(s)
        c = per_ctx.setdefault((s["shape"], s["context"]), [0, 0])
        c[0] += ok
        c[1] += 1
        kind = "peer bound" if s["form"].startswith("peer") else "documented"
        f = per_form.setdefault((s["shape"], kind), [0, 0])
        f[0] += ok
        f[1] += 1

    total_ok = sum(1 for s in samples if s["rule"])
    print(f"catalog: {considered} prefixed/keyword entries, {considered - len(unparsed)} parsed, "
          f"{len(unparsed)} not understood by this parser")
    print(f"samples: {len(samples)}, caught {total_ok} ({100 * total_ok / max(1, len(samples)):.1f}%)")
    for (shape, kind), (ok, n) in sorted(per_form.items()):
        print(f"  {shape:9} {kind:11} {ok}/{n} ({100 * ok / n:.1f}%)")
    for (shape, cname), (ok, n) in sorted(per_ctx.items()):
        print(f"  {shape:9} {cname:13} {ok}/{n} ({100 * ok / n:.1f}%)")
    doc_all = sum(1 for v in per_entry.values() if v["doc_n"] and v["doc_ok"] == v["doc_n"])
    doc_any = sum(1 for v in per_entry.values() if v["doc_ok"])
    print(f"entries: documented form caught in every context {doc_all}/{len(per_entry)}, "
          f"in at least one {doc_any}/{len(per_entry)}; every sample caught "
          f"{sum(1 for v in per_entry.values() if v['ok'] == v['n'])}/{len(per_entry)}")

    man_entry, man_shape = {}, {}
    for s in manual:
        s["rule"] = manual_caught(found.get(s["path"], []), s["secret"], s["text"])
        ent = man_entry.setdefault(s["entry"], {"n": 0, "ok": 0, "samples": []})
        ent["n"] += 1
        ent["ok"] += s["rule"] is not None
        ent["samples"].append(s)
    for n, v in man_entry.items():
        sh = man_shape.setdefault(catalog[n]["shape"], [0, 0, 0, 0])
        sh[0] += v["ok"]
        sh[1] += v["n"]
        sh[2] += v["ok"] == v["n"]
        sh[3] += 1
    if a.manual:
        ok = sum(v[0] for v in man_shape.values())
        every = sum(v[2] for v in man_shape.values())
        print(f"hand-built (prose and structured formats): caught {ok} of {len(manual)} samples, "
              f"entries caught in every sample {every}/{len(man_entry)}")
        for shape, (sok, sn, sev, sen) in sorted(man_shape.items()):
            print(f"  {shape:10} {sok}/{sn} samples ({100 * sok / sn:.1f}%), entries caught in every sample {sev}/{sen}")
        if no_builder:
            print(f"  {len(no_builder)} entries need a builder in eval/catalog_manual.py: {', '.join(no_builder[:5])}")

    if a.misses:
        shown = 0
        for n, v in sorted(per_entry.items()):
            if v["ok"] == v["n"] or shown >= a.misses:
                continue
            shown += 1
            e = catalog[n]
            print(f"\n[{v['ok']}/{v['n']}] {e['provider']} / {e['name']} ({e['shape']}; {e['nhiscan'][:60]})")
            print(f"    format: {e['format'][:220]}")
            for s in v["samples"]:
                if not s["rule"]:
                    print(f"    miss {s['form']:12} {s['length']:3} {s['context']:13} {s['value'][:70]}")
        shown = 0
        if man_entry:
            print("\nhand-built samples missed:")
        for n, v in sorted(man_entry.items()):
            if v["ok"] == v["n"] or shown >= a.misses:
                continue
            shown += 1
            e = catalog[n]
            print(f"\n[{v['ok']}/{v['n']}] {e['provider']} / {e['name']} ({e['shape']}; {e['nhiscan'][:60]})")
            print(f"    format: {e['format'][:220]}")
            for s in v["samples"]:
                if not s["rule"]:
                    print(f"    miss {s['form']:14} {s['path']:40} {excerpt(s['text'], s['secret'])}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"samples": samples, "unparsed": [e["name"] for e in unparsed], "manual": manual,
                       "manual_no_builder": no_builder}, f, indent=1)
    if not a.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
