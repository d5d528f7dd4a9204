#!/usr/bin/env python3
"""Split the built-in pack's Hyperscan patterns (what nhiscan compiles: a rule's `hs_pattern`,
else its `pattern`; rules without `paths`) into TSV sets for bench/tools/hs_sets.cpp:

  all.tsv        every such rule
  keyword.tsv    keyword rules (their words' literals)
  prefilter.tsv  the other rules with a prefilter
  plain.tsv      the other rules, their whole pattern

  nhiscan rules list -f json > rules.json && bench/tools/hs_split.py rules.json OUTDIR
"""
import json
import os
import sys


def main():
    rules = [r for r in json.load(open(sys.argv[1])) if not r.get("paths")]
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    sets = {
        "all": rules,
        "keyword": [r for r in rules if r["shape"] == "keyword"],
        "prefilter": [r for r in rules if r["shape"] != "keyword" and r.get("hs_pattern")],
        "plain": [r for r in rules if r["shape"] != "keyword" and not r.get("hs_pattern")],
    }
    for name, members in sets.items():
        with open(os.path.join(out, name + ".tsv"), "w") as f:
            for r in members:
                f.write(f"{r['id']}\t{r.get('hs_pattern') or r['pattern']}\n")
        print(f"{name}: {len(members)}")


if __name__ == "__main__":
    main()
