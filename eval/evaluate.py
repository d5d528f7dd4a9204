#!/usr/bin/env python3
"""Measure the rule pack: recall on generated credentials, false positives on clean code.

Recall: eval/gen.py writes N fake-but-format-valid credentials per rule (seeded) into a
temp dir with a manifest; nhiscan scans the dir; a sample counts as found when a finding
covers its lines and comes from the rule it was generated for, or from another rule that
names the same credential (same provider, or a non-generic rule whose own pattern matches
the same secret: cross-rule collapse keeps the most severe of them). A finding only from a
generic-* rule of another provider counts as "detected" but not as recall.

False positives: nhiscan scans clean real code installed on this machine (C/C++ headers,
GCC's Ada and C runtime sources, CPython standard libraries and site-packages, Node, Perl,
Vim, CMake and Tcl modules, package docs, the JDK's src.zip, the Rust standard library's
source pages); every finding is a false positive. Directories that are not present are
skipped, and the run prints which were used. The corpus size is what nhiscan scans: regular
files up to --max-file-size without a NUL byte in their first 8000 bytes (binary), symlinks
not followed. Zip archives (src.zip) are extracted to a temp dir first.

Vendor corpus: the Google Cloud SDK ships real credential material on purpose (public API
keys and installed-app OAuth client secrets in gcloud/gsutil/bq, private keys in vendored
libraries' test fixtures). It is scanned and reported separately, classified by rule,
confidence and test path, and does not count towards the clean-code aim.

Nothing prints a secret: examples are `rule id  path:line`.
"""
import argparse
import collections
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen  # noqa: E402

# The clean corpus: (glob, what). Globs expand `~`; a glob that matches nothing is skipped
# (and listed as missing). A match ending in .zip is extracted to a temp dir and scanned.
# Only one copy of each CPython standard library: /usr/lib/python3.11 is Debian's 3.11, the
# pyenv 3.13 tree adds the newest one, the pyenv 3.11 site-packages the third-party code (the
# other pyenv versions hold near-copies of these standard libraries and are left out so that
# duplicates do not inflate the size).
DEFAULT_CLEAN = [
    ("/usr/include", "C/C++ headers"),
    ("/usr/lib/gcc", "GCC's own headers, Ada runtime sources, Fortran modules"),
    ("/usr/lib/python3.*", "CPython standard library (Debian)"),
    ("/usr/lib/python3/dist-packages", "Debian Python packages"),
    ("~/.pyenv/versions/3.13*/lib/python3.13", "CPython 3.13 standard library (pyenv)"),
    ("~/.pyenv/versions/3.11*/lib/python3.11/site-packages", "pyenv site-packages: boto3, awscli, moto, sympy, IPython, cryptography ..."),
    ("/usr/lib/node_modules", "npm, corepack"),
    ("/usr/share/javascript", "Debian JavaScript libraries"),
    ("/usr/share/perl", "Perl core modules"),
    ("/usr/share/perl5", "Debian Perl modules"),
    ("/usr/lib/*-linux-gnu/perl*", "Perl modules with XS parts"),
    ("/usr/share/vim", "Vim runtime"),
    ("/usr/share/cmake-3.*", "CMake modules"),
    ("/usr/share/tcltk", "Tcl/Tk libraries"),
    ("/usr/share/doc", "package docs and examples"),
    ("/usr/lib/jvm/*/lib/src.zip", "JDK class library sources (Java)"),
    ("~/.rustup/toolchains/stable-*/share/doc/rust/html/src", "Rust standard library sources (rustdoc source pages)"),
    # What application repositories hold besides code: an npm tree with its package-lock.json,
    # source maps and minified bundles (the SARIF and schema validators the tests use), and SVG icons.
    ("/opt/nhiscan-tools", "npm tree: package-lock.json, *.map, *.min.js (sarif-multitool, ajv-cli)"),
    ("/usr/share/icons", "SVG icon themes (path data)"),
]
# Vendor code that ships real credentials: reported separately, not counted in the aim.
DEFAULT_VENDOR = [
    ("/usr/lib/google-cloud-sdk", "Google Cloud SDK: gcloud, gsutil, bq, vendored libraries with their tests"),
]
MAX_FILE = 26214400
AIM_RECALL = 0.98
AIM_FP = 1.0


def nhiscan_bin():
    b = os.environ.get("NHISCAN_BIN") or os.path.join(ROOT, "build", "nhiscan")
    if not os.access(b, os.X_OK):
        sys.exit(f"eval: no nhiscan binary at {b} (build it, or set NHISCAN_BIN)")
    return os.path.abspath(b)


CONFIG = None  # --config: a .nhiscan.toml for every scan (e.g. another [test_paths] threshold)


def scan(binary, paths, cwd, threads):
    cmd = [binary, "dir", "-j", str(threads), "-q", "-f", "jsonl", "--exit-code", "0"]
    if CONFIG:
        cmd += ["-c", CONFIG]
    cmd += paths
    t = time.time()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace")
    if p.returncode != 0:
        sys.exit(f"eval: nhiscan failed ({p.returncode}): {p.stderr.strip()[:2000]}")
    records = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    # An incomplete scan ends with a status record (docs/reports.md), not a finding: say why.
    findings = [r for r in records if "complete" not in r]
    for r in records:
        if "complete" in r:
            print("eval: the scan was incomplete: " + "; ".join(x["message"] for x in r.get("reasons", [])), file=sys.stderr)
    return findings, time.time() - t


# ---------------------------------------------------------------------------------------
# recall
# ---------------------------------------------------------------------------------------

def recall(binary, rules, per_rule, seed, threads, keep=None, only=None, matrix=None):
    """matrix: None for the recall corpus, else the list of syntaxes of a syntax matrix."""
    out = keep or tempfile.mkdtemp(prefix="nhiscan-eval-")
    try:
        if matrix:
            manifest, gstats = gen.generate_matrix(rules, out, seed, only, matrix), {}
        else:
            manifest, gstats = gen.generate(rules, out, per_rule, seed, only)
        # Not the manifest: it holds every sample again, and a large matrix's (100,000 samples)
        # outgrows the default --max-file-size, which makes the scan incomplete.
        findings, secs = scan(binary, sorted(e for e in os.listdir(out) if e != "manifest.jsonl"), out, threads)
        by_id = {r["id"]: r for r in rules}
        by_file = collections.defaultdict(list)
        for f in findings:
            by_file[os.path.normpath(f["path"])].append(f)
        rx_cache = {}
        results = []
        extras = 0
        for m in manifest:
            fs = by_file.get(os.path.normpath(m["file"]), [])
            hits = [f for f in fs if f["line"] <= m["end_line"] and f["end_line"] >= m["line"]]
            extras += len(fs) - len(hits)
            target = by_id[m["rule"]]
            status, fired, checksum = "missed", None, None
            for f in hits:
                if f["rule_id"] == m["rule"]:
                    status, fired, checksum = "found", f["rule_id"], f.get("checksum")
                    break
            if status == "missed":
                for f in hits:
                    other = by_id.get(f["rule_id"])
                    if other is None:
                        continue
                    ok = other.get("provider") == target.get("provider")
                    # A generic sample (a keyed value of no provider) found by another generic
                    # rule (generic-dotenv-secret on `export API_KEY=...`) is the attribution
                    # expected of it: no provider's name was there to find.
                    ok = ok or (target["id"].startswith("generic-") and other["id"].startswith("generic-"))
                    if not ok and not other["id"].startswith("generic-"):
                        ok = pattern_covers(rx_cache, other, os.path.join(out, m["file"]), m)
                    if ok:
                        status, fired = "found-as", f["rule_id"]
                        break
                if status == "missed" and hits:
                    status, fired = "generic-only", hits[0]["rule_id"]
            reason = None
            if status == "generic-only":
                reason = "reported by a generic rule instead (cross-rule collapse)"
            elif status == "missed":
                if not m["pattern_ok"]:
                    reason = "pattern does not match this context"
                elif m["min_entropy"] and m["entropy"] < m["min_entropy"]:
                    reason = "below min_entropy"
                else:
                    reason = "dropped by a filter/allowlist, or not matched by the engine"
            results.append(dict(m, status=status, fired=fired, checksum=checksum, reason=reason,
                                keyword_rule=target.get("shape") == "keyword"))
        return results, gstats, secs, extras
    finally:
        if not keep:
            shutil.rmtree(out, ignore_errors=True)


def syntax_report(results, out, title="Syntax matrix", label="SYNTAX MATRIX"):
    """Recall per syntax on the matrix: found (the expected rule or one naming the same
    credential), detected (by any rule, generic included), and how often the rule's own
    pattern accepts the syntax."""
    w = out.write
    per = collections.defaultdict(lambda: [0, 0, 0, 0])
    kw = collections.defaultdict(lambda: [0, 0])  # keyword rules (shape = "keyword"): found, samples
    for r in results:
        c = r["context"].split(":")[0]
        per[c][0] += r["status"] in ("found", "found-as")
        per[c][1] += r["status"] != "missed"
        per[c][2] += r["pattern_ok"]
        per[c][3] += 1
        if r["context"].endswith(":keyword") and r.get("keyword_rule"):
            kw[c][0] += r["status"] in ("found", "found-as")
            kw[c][1] += 1
    n = len(results)
    found = sum(v[0] for v in per.values())
    det = sum(v[1] for v in per.values())
    w(f"\n== {title}: one sample per rule in each syntax ({n} samples) ==\n")
    cw = max([14] + [len(c) for c in per])  # the second held-out set has longer names
    w(f"{'syntax':{cw}} {'found':>13} {'detected':>8} {'pattern accepts':>16} {'keyword rules found':>20}\n")
    for c, (a, d, p, t) in sorted(per.items(), key=lambda kv: kv[1][0] / kv[1][3]):
        ka, kt = kw[c]
        w(f"{c:{cw}} {a:5}/{t:<5} {pct(a, t)} {pct(d, t)} {pct(p, t):>16} {ka:5}/{kt:<5}{pct(ka, kt)}\n")
    w(f"{label}: found {found}/{n} = {pct(found, n).strip()}, detected by any rule {pct(det, n).strip()}\n")
    missed = collections.Counter((r["context"].split(":")[0], r["rule"]) for r in results if r["status"] == "missed")
    by_rule = collections.Counter(r for (_, r) in missed)
    if by_rule:
        w("rules missing the most syntaxes: " + ", ".join(f"{k} {v}" for k, v in by_rule.most_common(12)) + "\n")
    kf, kn = sum(v[0] for v in kw.values()), sum(v[1] for v in kw.values())
    if kn:
        w(f"keyword rules (shape = \"keyword\"): found {kf}/{kn} = {pct(kf, kn).strip()}\n")
    # The other rules: hand-written patterns (and generic rules), whose key names and separators
    # are the ones their authors thought of.
    hand = [r for r in results if not r.get("keyword_rule")]
    hf = sum(r["status"] in ("found", "found-as") for r in hand)
    if hand:
        w(f"hand-written rules (not keyword): found {hf}/{len(hand)} = {pct(hf, len(hand)).strip()}\n")
    summary = {c: {"found": a, "detected": d, "pattern_ok": p, "samples": t, "keyword_found": kw[c][0],
                   "keyword_samples": kw[c][1]} for c, (a, d, p, t) in per.items()}
    # Per rule, the syntaxes it missed: the work list for rule fixes (JSON only; too long to print).
    summary["missed_by_rule"] = {r: sorted(c for (c, rr) in missed if rr == r) for r in sorted(by_rule)}
    summary["totals"] = {"samples": n, "found": found, "detected": det, "keyword_found": kf, "keyword_samples": kn,
                         "handwritten_found": hf, "handwritten_samples": len(hand),
                         "rules": len({r["rule"] for r in results})}
    return summary


def pattern_covers(cache, rule, path, m):
    rx = cache.get(rule["id"])
    if rx is None:
        rx = cache[rule["id"]] = re.compile(rule["pattern"])
    with open(path, encoding="utf-8", errors="replace") as f:
        content = f.read()
    for mm in rx.finditer(content):
        a = content.count("\n", 0, mm.start(1)) + 1
        b = content.count("\n", 0, mm.end(1)) + 1
        if a <= m["end_line"] and b >= m["line"]:
            return True
    return False


# ---------------------------------------------------------------------------------------
# clean corpus
# ---------------------------------------------------------------------------------------

def corpus_size(paths):
    files = 0
    size = 0
    for root in paths:
        for dirpath, dirnames, filenames in os.walk(root):
            for name in filenames:
                p = os.path.join(dirpath, name)
                try:
                    st = os.lstat(p)
                except OSError:
                    continue
                if not os.path.isfile(p) or os.path.islink(p) or st.st_size > MAX_FILE:
                    continue
                try:
                    with open(p, "rb") as f:
                        head = f.read(8000)
                except OSError:
                    continue
                if b"\0" in head:
                    continue
                files += 1
                size += st.st_size
    return files, size


def expand(specs):
    """(glob, what) -> [(path, what)] of existing, distinct directories and zip files; missing globs."""
    used, missing, seen = [], [], set()
    for spec, what in specs:
        hits = sorted(glob.glob(os.path.expanduser(spec)))
        hits = [h for h in hits if os.path.isdir(h) or (h.endswith(".zip") and os.path.isfile(h))]
        if not hits:
            missing.append(spec)
        for h in hits:
            real = os.path.realpath(h)
            if real in seen:
                continue
            seen.add(real)
            used.append((h, what))
    return used, missing


def work_tree(path):
    """The git work tree containing path (nhiscan reports paths relative to it), or None."""
    p = os.path.abspath(path)
    while True:
        if os.path.exists(os.path.join(p, ".git")):
            return p
        parent = os.path.dirname(p)
        if parent == p:
            return None
        p = parent


def clean(binary, entries, threads):
    """Scan each entry on its own; per-entry sizes and findings (paths inside zips: ZIP!/member)."""
    per_dir = {}
    findings_all = []
    total_secs = 0.0
    for d, what in entries:
        tmp = None
        try:
            if d.endswith(".zip") and os.path.isfile(d):
                tmp = tempfile.mkdtemp(prefix="nhiscan-eval-zip-")
                with zipfile.ZipFile(d) as z:
                    z.extractall(tmp)
                root = tmp
            else:
                root = d
            files, size = corpus_size([root])
            findings, secs = scan(binary, [root], "/", threads)
            top = work_tree(root)
            for f in findings:
                if not os.path.isabs(f["path"]) and top:
                    f["path"] = os.path.join(top, f["path"])  # inside a git work tree: repo-relative
                if tmp:
                    f["path"] = d + "!" + f["path"][len(tmp):]
        finally:
            if tmp:
                shutil.rmtree(tmp, ignore_errors=True)
        total_secs += secs
        for f in findings:
            f["corpus_dir"] = d
        per_dir[d] = {"files": files, "bytes": size, "findings": len(findings), "seconds": round(secs, 2), "what": what}
        findings_all += findings
    return per_dir, findings_all, total_secs


# ---------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------

def pct(a, b):
    return f"{100.0 * a / b:5.1f}%" if b else "   -  "


def report(results, gstats, per_dir, fps, vendor_dirs, vendor_fps, args, rules, out):
    w = out.write
    summary = {}
    if results is not None:
        n = len(results)
        found = sum(r["status"] in ("found", "found-as") for r in results)
        exact = sum(r["status"] == "found" for r in results)
        anyr = sum(r["status"] != "missed" for r in results)
        summary["recall"] = found / n if n else 0.0
        summary["samples"] = n
        w(f"\n== Recall on generated credentials ({n} samples, {args.per_rule} per rule, seed {args.seed}) ==\n")
        # per rule
        per_rule = collections.OrderedDict()
        for r in results:
            per_rule.setdefault(r["rule"], []).append(r)
        rows = []
        for rid, rs in per_rule.items():
            f = sum(x["status"] in ("found", "found-as") for x in rs)
            fired = collections.Counter(x["fired"] for x in rs if x["fired"])
            reasons = collections.Counter(x["reason"] for x in rs if x["reason"])
            ctx_miss = collections.Counter(x["context"].split(":")[0] for x in rs if x["status"] not in ("found", "found-as"))
            cks = [x["checksum"] for x in rs if x["checksum"]]
            rows.append((rid, f, len(rs), fired, reasons, ctx_miss, cks))
        summary["per_rule"] = {rid: {"found": f, "expected": t, "fired": dict(fi), "reasons": dict(re_),
                                     "checksum_valid": sum(c == "valid" for c in ck), "checksum_total": len(ck)}
                               for rid, f, t, fi, re_, _, ck in rows}
        below = [r for r in rows if r[1] < r[2]]
        w(f"rules at 100%: {len(rows) - len(below)} of {len(rows)}\n")
        if below or args.verbose:
            w(f"{'rule':44} {'found':>9}  fired by / why missed\n")
            for rid, f, t, fired, reasons, ctx_miss, _ in sorted(rows if args.verbose else below, key=lambda r: r[1] / r[2]):
                fb = ", ".join(f"{k}×{v}" for k, v in fired.most_common(3))
                why = "; ".join(f"{k} ×{v}" for k, v in reasons.most_common())
                ctx = ",".join(f"{k}×{v}" for k, v in ctx_miss.most_common(4))
                w(f"{rid:44} {f:4}/{t:<4}  {fb}" + (f" | missed: {why} [{ctx}]" if why else "") + "\n")
        # validators
        vrows = [(rid, ck) for rid, f, t, fi, re_, cm, ck in rows if by_validator(rules, rid)]
        if vrows:
            w("\nvalidators on generated (valid) bodies: checksum valid / reported by the rule\n")
            for rid, ck in vrows:
                w(f"  {rid:42} {sum(c == 'valid' for c in ck):3}/{len(ck)}\n")
        # per provider
        prov = collections.defaultdict(lambda: [0, 0])
        kind = collections.defaultdict(lambda: [0, 0])
        for r in results:
            ok = r["status"] in ("found", "found-as")
            prov[r["provider"]][0] += ok
            prov[r["provider"]][1] += 1
            kind[r["kind"]][0] += ok
            kind[r["kind"]][1] += 1
        summary["per_provider"] = {k: v for k, v in prov.items()}
        summary["per_kind"] = {k: v for k, v in kind.items()}
        w("\nrecall per credential kind:\n")
        for k, (a, b) in sorted(kind.items(), key=lambda kv: kv[1][0] / kv[1][1]):
            w(f"  {k:20} {a:5}/{b:<5} {pct(a, b)}\n")
        worst = sorted(prov.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0]))
        w("\nrecall per provider (worst first, 100% omitted):\n")
        for k, (a, b) in worst:
            if a < b or args.verbose:
                w(f"  {k:28} {a:4}/{b:<4} {pct(a, b)}\n")
        ctx = collections.defaultdict(lambda: [0, 0])
        for r in results:
            c = r["context"].split(":")[0]
            ctx[c][0] += r["status"] in ("found", "found-as")
            ctx[c][1] += 1
        summary["per_context"] = dict(ctx)
        w("\nrecall per file context: " + ", ".join(f"{k} {pct(a, b).strip()}" for k, (a, b) in sorted(ctx.items())) + "\n")
        # Per syntax, counting a sample whose rule's pattern rejected the syntax it was meant for
        # as a miss of that syntax (the generator then retried it in another one): the figure a
        # held-out corpus in that syntax would show.
        crej = collections.Counter()
        for v in gstats.values():
            crej.update(v.get("ctx_rejections", {}))
        held = {}
        for c in sorted(set(ctx) | set(crej)):
            a, b = ctx.get(c, [0, 0])
            held[c] = {"found": a, "samples": b, "pattern_rejected": crej.get(c, 0)}
        summary["per_syntax"] = held
        w("recall per syntax (found / samples meant for it; rejected = the rule's pattern does not accept the syntax):\n")
        for c, v in sorted(held.items(), key=lambda kv: kv[1]["found"] / max(1, kv[1]["samples"] + kv[1]["pattern_rejected"])):
            t = v["samples"] + v["pattern_rejected"]
            w(f"  {c:12} {v['found']:5}/{t:<5} {pct(v['found'], t)}  (rejected {v['pattern_rejected']})\n")
        rej = sorted(((v["rejections"], k) for k, v in gstats.items() if v["rejections"]), reverse=True)
        summary["context_rejections"] = {k: v for v, k in rej}
        if rej:
            w("contexts the pattern rejected while generating (retried with other templates): "
              + ", ".join(f"{k} {v}" for v, k in rej[:8]) + "\n")
        w(f"\nOVERALL RECALL: {found}/{n} = {pct(found, n).strip()} (by the expected rule: {pct(exact, n).strip()}; "
          f"detected by any rule incl. generic: {pct(anyr, n).strip()})  aim >= {AIM_RECALL:.0%}\n")
    if per_dir is not None:
        summary.update(fp_section("False positives on clean code", per_dir, fps, args, w, rules))
        mb = summary["clean_bytes"] / 1e6
        w(f"\nFALSE POSITIVES: {len(fps)} in {mb:.1f} MB = {summary['fp_per_100mb']:.2f} per 100 MB  aim <= {AIM_FP:g}"
          f"  ({summary['fp_distinct']} distinct file+secret pairs = {summary['fp_distinct_per_100mb']:.2f} per 100 MB)\n")
    if vendor_dirs is not None:
        v = fp_section("Vendor corpus that ships credentials (reported separately, not counted in the aim)",
                       vendor_dirs, vendor_fps, args, w, rules)
        # What the findings are: by credential kind and whether they sit in a test path.
        kinds = {r["id"]: r.get("kind", "?") for r in rules}
        grid = collections.Counter()
        for f in vendor_fps:
            grid[(f["rule_id"], "test path" if "test path" in f.get("note", "") else "not a test path", f["confidence"])] += 1
        v["by_rule_testpath_confidence"] = [{"rule": r, "where": t, "confidence": c, "count": n}
                                            for (r, t, c), n in sorted(grid.items())]
        if grid:
            w("\nvendor findings by rule, kind, test path and confidence:\n")
            for (r, t, c), n in sorted(grid.items(), key=lambda kv: (-kv[1], kv[0])):
                w(f"  {r:36} {kinds.get(r, '?'):18} {t:16} {c:7} {n:4}\n")
        mb = v["clean_bytes"] / 1e6
        w(f"\nVENDOR CORPUS: {len(vendor_fps)} findings in {mb:.1f} MB ({v['fp_distinct']} distinct file+secret pairs;"
          f" {v['fp_in_test_paths']} in test paths) -- shipped credentials, see docs/evaluation.md\n")
        summary["vendor"] = v
    return summary


def fp_section(title, per_dir, fps, args, w, rules):
    """Per-directory table, findings by rule / confidence / test path and examples (no values)."""
    s = {}
    total_bytes = sum(d["bytes"] for d in per_dir.values())
    total_files = sum(d["files"] for d in per_dir.values())
    mb = total_bytes / 1e6
    s["clean_bytes"] = total_bytes
    s["clean_files"] = total_files
    s["fp"] = len(fps)
    s["fp_per_100mb"] = len(fps) / mb * 100 if mb else 0.0
    w(f"\n== {title} ({total_files} files, {mb:.1f} MB) ==\n")
    width = max([36] + [len(d) for d in per_dir])
    for d, x in per_dir.items():
        w(f"  {d:{width}} {x['files']:6} files {x['bytes'] / 1e6:8.1f} MB  {x['findings']:4} findings  {x['seconds']:.1f}s\n")
    by_rule = collections.Counter(f["rule_id"] for f in fps)
    s["fp_by_rule"] = dict(by_rule)
    # Confidence as reported, and how many sit in test paths (reported there at a lowered
    # confidence, note "test path"; see rules/test-paths.toml).
    by_conf = collections.Counter(f["confidence"] for f in fps)
    in_tests = sum("test path" in f.get("note", "") for f in fps)
    s["fp_by_confidence"] = dict(by_conf)
    s["fp_in_test_paths"] = in_tests
    kinds = {r["id"]: r.get("kind") for r in rules}
    keys = [f for f in fps if kinds.get(f["rule_id"]) == "private-key"]
    s["fp_private_keys"] = len(keys)
    s["fp_private_keys_in_test_paths"] = sum("test path" in f.get("note", "") for f in keys)
    if fps:
        w(f"\nprivate keys (kind private-key; their structure validates: {sum(f.get('checksum') == 'valid' for f in keys)}):"
          f" {len(keys)}, {s['fp_private_keys_in_test_paths']} of them in test paths; other findings: {len(fps) - len(keys)}")
        w("\nby reported confidence: " + ", ".join(f"{k} {by_conf[k]}" for k in ("high", "medium", "low") if by_conf[k])
          + f"; in test paths (confidence lowered, note \"test path\"): {in_tests}\n")
    if by_rule:
        w("\nper 100 MB by rule:\n")
        for rid, c in by_rule.most_common():
            w(f"  {rid:44} {c:4}  {c / mb * 100:6.2f}\n")
        w(f"\nexamples (rule  path:line, values never shown):\n")
        shown = collections.Counter()
        for f in sorted(fps, key=lambda f: (-by_rule[f["rule_id"]], f["rule_id"], f["path"], f["line"])):
            if shown[f["rule_id"]] >= args.examples:
                continue
            shown[f["rule_id"]] += 1
            tag = f"  [{f['confidence']}{', test path' if 'test path' in f.get('note', '') else ''}]"
            w(f"  {f['rule_id']:40} {f['path']}:{f['line']}{tag}\n")
    distinct = len({(f["path"], f.get("fingerprint")) for f in fps})
    s["fp_distinct"] = distinct
    s["fp_distinct_per_100mb"] = distinct / mb * 100 if mb else 0.0
    s["per_dir"] = per_dir
    return s


def by_validator(rules, rid):
    for r in rules:
        if r["id"] == rid:
            return bool(r.get("validator"))
    return False


def main(argv=None):
    ap = argparse.ArgumentParser(description="nhiscan rule-pack evaluation: recall and false positives")
    ap.add_argument("--per-rule", type=int, default=20, help="generated samples per rule (default 20)")
    ap.add_argument("--seed", default="1", help="generator seed (default 1)")
    ap.add_argument("--rules", default=os.path.join(ROOT, "rules"), help="rule pack to generate samples for")
    ap.add_argument("--only", default="", help="comma-separated rule ids (recall only)")
    ap.add_argument("--clean", action="append",
                    help="clean corpus directory or .zip (repeatable; replaces the default set, globs allowed)")
    ap.add_argument("--vendor", action="append",
                    help="vendor corpus directory reported separately (repeatable; replaces the default)")
    ap.add_argument("--no-recall", action="store_true")
    ap.add_argument("--no-clean", action="store_true")
    ap.add_argument("--no-vendor", action="store_true", help="skip the vendor corpus")
    ap.add_argument("-j", "--threads", type=int, default=2)
    ap.add_argument("--keep", help="write the generated corpus here and keep it")
    ap.add_argument("--json", help="write the figures as JSON to this file")
    ap.add_argument("--examples", type=int, default=3, help="FP examples shown per rule")
    ap.add_argument("-v", "--verbose", action="store_true", help="every rule and provider, not only the misses")
    ap.add_argument("-c", "--config", help="repository config passed to every scan (nhiscan -c FILE)")
    ap.add_argument("--syntaxes", nargs="?", const="all",
                    choices=["all", "base", "heldout", "heldout2", "heldout3", "heldout4", "heldout5",
                             "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11",
                             "heldout12", "heldout13", "heldout14", "heldout15", "heldout16",
                             "heldout17", "heldout18", "heldout19", "heldout20", "heldout21",
                             "heldout22"],
                    help="also the syntax matrices: one sample per rule in every syntax, kept when the rule's "
                         "pattern rejects it; recall per syntax. 'base': the generator's own syntaxes; "
                         "'heldout': the held-out syntaxes (eval/heldout.py), never used for recall; "
                         "'heldout2': the second held-out set (eval/heldout2.py); "
                         "'heldout3': the third held-out set (eval/heldout3.py), written blind; "
                         "'heldout4': the fourth held-out set (eval/heldout4.py), written blind; "
                         "'heldout5': the fifth held-out set (eval/heldout5.py), written blind; "
                         "'heldout6': the sixth held-out set (eval/heldout6.py), written blind; "
                         "'heldout7': the seventh held-out set (eval/heldout7.py), written blind; "
                         "'heldout8': the eighth held-out set (eval/heldout8.py), written blind, used to fix rules since the seventh session; "
                         "'heldout9': the ninth held-out set (eval/heldout9.py), written blind, used to fix rules since the eighth session; "
                         "'heldout10': the tenth held-out set (eval/heldout10.py), written blind, measured blind once in the eighth session; "
                         "'heldout11': the eleventh held-out set (eval/heldout11.py), written blind, measured blind once in the ninth session; "
                         "'heldout12': the twelfth held-out set (eval/heldout12.py), written blind, measured blind once in the tenth session; "
                         "'heldout13': the thirteenth held-out set (eval/heldout13.py), written blind, measured blind once in the eleventh session; "
                         "'heldout14': the fourteenth held-out set (eval/heldout14.py), written blind, measured blind once in the twelfth session; "
                         "'heldout15': the fifteenth held-out set (eval/heldout15.py), written blind, measured blind once in the thirteenth session; "
                         "'heldout16': the sixteenth held-out set (eval/heldout16.py), written blind, measured blind once in the fourteenth session; "
                         "'heldout17': the seventeenth held-out set (eval/heldout17.py), written blind, measured blind once in the fifteenth session; "
                         "'heldout18': the eighteenth held-out set (eval/heldout18.py), written blind, measured blind once in the sixteenth session; "
                         "'heldout19': the nineteenth held-out set (eval/heldout19.py), written blind, measured blind once in the seventeenth session; "
                         "'heldout20': the twentieth held-out set (eval/heldout20.py), written blind, measured blind once in the eighteenth session; "
                         "'heldout21': the twenty-first held-out set (eval/heldout21.py), written blind, measured blind once in the nineteenth session; "
                         "'heldout22': the twenty-second held-out set (eval/heldout22.py), written blind; "
                         "default: all twenty-three, reported separately")
    args = ap.parse_args(argv)
    global CONFIG
    CONFIG = os.path.abspath(args.config) if args.config else None

    binary = nhiscan_bin()
    rules = gen.fill_keyword_patterns(gen.load_rules(args.rules), binary)
    only = set(x for x in args.only.split(",") if x)
    print(f"nhiscan: {binary}\nrules: {len(rules)} from {args.rules}" + (f"\nconfig: {CONFIG}" if CONFIG else ""),
          flush=True)
    results = gstats = per_dir = fps = vendor_dirs = vendor_fps = None
    if not args.no_recall:
        results, gstats, secs, extras = recall(binary, rules, args.per_rule, args.seed, args.threads, args.keep, only)
        print(f"recall corpus scanned in {secs:.1f}s ({extras} findings outside the samples' lines)", flush=True)
    matrix = heldout = None
    if args.syntaxes in ("all", "base"):
        keep = args.keep + "-syntaxes" if args.keep else None
        matrix, _, secs, _ = recall(binary, rules, 0, args.seed, args.threads, keep, only, matrix=gen.MATRIX_EXTS)
        print(f"syntax matrix scanned in {secs:.1f}s", flush=True)
    if args.syntaxes in ("all", "heldout"):
        keep = args.keep + "-heldout" if args.keep else None
        heldout, _, secs, _ = recall(binary, rules, 0, args.seed, args.threads, keep, only, matrix=gen.HELDOUT_SYNTAXES)
        print(f"held-out syntax matrix scanned in {secs:.1f}s", flush=True)
    numbered = {}  # the numbered held-out sets (eval/heldoutN.py): N -> their matrix
    for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22):
        if args.syntaxes in ("all", f"heldout{n}"):
            keep = f"{args.keep}-heldout{n}" if args.keep else None
            numbered[n], _, secs, _ = recall(binary, rules, 0, args.seed, args.threads, keep, only,
                                             matrix=getattr(gen, f"HELDOUT{n}_SYNTAXES"))
            print(f"held-out matrix {n} scanned in {secs:.1f}s", flush=True)
    if not args.no_clean:
        specs = [(c, "given on the command line") for c in args.clean] if args.clean else DEFAULT_CLEAN
        entries, missing = expand(specs)
        print("clean corpus: " + ", ".join(d for d, _ in entries), flush=True)
        if missing:
            print("clean corpus, not on this machine (skipped): " + ", ".join(missing), flush=True)
        per_dir, fps, secs = clean(binary, entries, args.threads)
        print(f"clean corpus scanned in {secs:.1f}s", flush=True)
    # The vendor corpus runs with the default clean corpus, or when named with --vendor.
    if args.vendor or not (args.no_vendor or args.no_clean or args.clean):
        specs = [(c, "given on the command line") for c in args.vendor] if args.vendor else DEFAULT_VENDOR
        entries, missing = expand(specs)
        if missing:
            print("vendor corpus, not on this machine (skipped): " + ", ".join(missing), flush=True)
        if entries:
            print("vendor corpus: " + ", ".join(d for d, _ in entries), flush=True)
            vendor_dirs, vendor_fps, secs = clean(binary, entries, args.threads)
            print(f"vendor corpus scanned in {secs:.1f}s", flush=True)
    summary = report(results, gstats, per_dir, fps, vendor_dirs, vendor_fps, args, rules, sys.stdout)
    if matrix is not None:
        summary["syntax_matrix"] = syntax_report(matrix, sys.stdout)
    if heldout is not None:
        summary["heldout_syntax_matrix"] = syntax_report(heldout, sys.stdout, "Held-out syntax matrix",
                                                         "HELD-OUT SYNTAX MATRIX")
    for n, m in numbered.items():
        summary[f"heldout{n}_syntax_matrix"] = syntax_report(m, sys.stdout, f"Held-out matrix {n}", f"HELD-OUT MATRIX {n}")
    if args.json:
        summary["binary"] = binary
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=1, sort_keys=True)
    parts, ok = [], True
    if results is not None:
        good = summary["recall"] >= AIM_RECALL
        ok &= good
        parts.append(f"recall {100 * summary['recall']:.1f}% {'>=' if good else '<'} {AIM_RECALL:.0%}")
    if per_dir is not None:
        good = summary["fp_per_100mb"] <= AIM_FP and summary["clean_bytes"] > 0
        ok &= good
        parts.append(f"{summary['fp_per_100mb']:.2f} false positives per 100 MB of clean code "
                     f"{'<=' if good else '>'} {AIM_FP:g}")
    if vendor_dirs is not None:
        parts.append("vendor corpus reported separately, not counted")
    if results is None or per_dir is None:
        verdict = "aims NOT fully measured (recall or clean corpus skipped)" + (": " if parts else "")
    else:
        verdict = ("aims met on the clean corpus: " if ok else "aims NOT met on the clean corpus: ")
    print("\n" + verdict + "; ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
