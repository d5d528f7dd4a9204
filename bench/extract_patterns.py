#!/usr/bin/env python3
"""Dumps the `pattern` field of every rule in rules/*.toml, one per line, for ripgrep
(`rg -f FILE`). Each pattern is tried alone with rg first; those rg rejects are left out
and counted, so the baseline searches for as many of the same patterns as rg can take.

  bench/extract_patterns.py [--rules-dir rules] [--rg rg] OUT.txt
Prints a JSON summary on stdout: {"total": N, "kept": K, "rejected": [{"id", "error"}]}.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))


def rg_accepts(rg: str, pattern: str):
    """None if rg compiles the pattern, else its error message."""
    p = subprocess.run([rg, "-c", "-e", pattern, "-"], input=b"", capture_output=True)
    if p.returncode in (0, 1):  # 1: compiled fine, no match
        return None
    msg = p.stderr.decode(errors="replace").strip().splitlines()
    return " ".join(l.strip() for l in msg[-3:])[:300]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--rules-dir", default=os.path.join(HERE, "..", "rules"))
    ap.add_argument("--rg", default="rg")
    a = ap.parse_args()

    kept, rejected, total = [], [], 0
    for path in sorted(glob.glob(os.path.join(a.rules_dir, "*.toml"))):
        with open(path, "rb") as f:
            doc = tomllib.load(f)
        for rule in doc.get("rules", []):
            pat = rule.get("pattern")
            if not pat:
                continue
            total += 1
            if "\n" in pat:
                rejected.append({"id": rule.get("id"), "error": "pattern spans lines"})
                continue
            err = rg_accepts(a.rg, pat)
            if err:
                rejected.append({"id": rule.get("id"), "error": err})
            else:
                kept.append(pat)
    with open(a.out, "w") as f:
        f.write("\n".join(kept) + "\n")
    json.dump({"total": total, "kept": len(kept), "rejected": rejected}, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
