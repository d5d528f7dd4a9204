#!/usr/bin/env python3
"""Dumps the `pattern` field of every rule in rules/*.toml, one per line, for ripgrep
(`rg -f FILE`). Each pattern is tried alone with rg first; those rg rejects are left out
and counted, so the baseline searches for as many of the same patterns as rg can take.
With --bin, the patterns come from `BIN rules list -f json` instead: the whole built-in pack,
keyword rules included (their pattern is built by the engine, not written in TOML), less the
path-scoped rules (`paths`), which nhiscan runs only on files with the names they list. rg
rejects a keyword rule's pattern (its value may sit on the line after a section line, `\r?\n`,
which rg matches only with --multiline); such a pattern is given to rg in its same-line form,
so rg searches for slightly less than nhiscan does (counted as "same_line").

  bench/extract_patterns.py [--rules-dir rules | --bin nhiscan] [--rg rg] OUT.txt
Prints a JSON summary on stdout: {"total": N, "kept": K, "rejected": [{"id", "error"}]}.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import re
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))


def rg_accepts(rg: str, pattern: str):
    """None if rg compiles the pattern, else its error message."""
    p = subprocess.run([rg, "-c", "-e", pattern, "-"], input=b"", capture_output=True)
    if p.returncode in (0, 1):  # 1: compiled fine, no match
        return None
    msg = p.stderr.decode(errors="replace").strip().splitlines()
    return " ".join(l.strip() for l in msg[-3:])[:300]


# A keyword rule's gap: the rest of the word's line, or the rest of a section/parent-key line, a
# newline and the start of the next (rules/keyword_shape.cpp, build_keyword_pattern).
KEYWORD_GAP = re.compile(r'\(\?:(\[\^\\r\\n\]\{0,\d+\})\|\[\\w\.-\]\{0,24\}\["\'\\\]\]\?\[ \\t\]\{0,8\}'
                         r'\[:\{=\]\?\[ \\t\]\{0,8\}'
                         # a YAML block scalar indicator (`key: |`) may end the section line
                         r'(?:\(\?:\[\|>\]\[1-9\+-\]\{0,2\}\[ \\t\]\{0,8\}\)\?)?'
                         r'\\r\?\\n\[\^\\r\\n\]\{0,\d+\}\)')


def same_line(pattern):
    """The keyword pattern without its next-line alternative, or None if it has none."""
    q = KEYWORD_GAP.sub(lambda m: "(?:" + m.group(1) + ")", pattern)
    return q if q != pattern else None


def rules_of(a):
    if a.bin:
        out = subprocess.run([a.bin, "rules", "list", "-f", "json"], capture_output=True, check=True).stdout
        yield from (r for r in json.loads(out) if not r.get("paths"))
        return
    for path in sorted(glob.glob(os.path.join(a.rules_dir, "*.toml"))):
        with open(path, "rb") as f:
            yield from tomllib.load(f).get("rules", [])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--rules-dir", default=os.path.join(HERE, "..", "rules"))
    ap.add_argument("--bin", help="take the patterns of this binary's built-in pack (rules list -f json)")
    ap.add_argument("--rg", default="rg")
    a = ap.parse_args()

    kept, rejected, total, one_line = [], [], 0, 0
    for rule in rules_of(a):
        pat = rule.get("pattern")
        if not pat:
            continue
        total += 1
        if "\n" in pat:
            rejected.append({"id": rule.get("id"), "error": "pattern spans lines"})
            continue
        err = rg_accepts(a.rg, pat)
        if err and same_line(pat) and not rg_accepts(a.rg, same_line(pat)):
            pat, err = same_line(pat), None
            one_line += 1
        if err:
            rejected.append({"id": rule.get("id"), "error": err})
        else:
            kept.append(pat)
    with open(a.out, "w") as f:
        f.write("\n".join(kept) + "\n")
    json.dump({"total": total, "kept": len(kept), "same_line": one_line, "rejected": rejected}, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
