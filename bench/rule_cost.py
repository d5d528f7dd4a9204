#!/usr/bin/env python3
"""Per-rule Hyperscan cost (compile time and scan rate of each pattern alone), to find the
rules that bound the cold compile and the `dir` scan rate. Builds bench/tools/hs_cost.cpp
with the system compiler and libhs, samples a benchmark tree, and prints Markdown tables.

  bench/rule_cost.py [--tree tree-small] [--sample-mb 20] [--top 15]
"""
import argparse
import glob
import os
import subprocess
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import benchlib  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench-dir", default=benchlib.BENCH_DIR)
    ap.add_argument("--tree", default="tree-small")
    ap.add_argument("--sample-mb", type=float, default=20)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--rules-dir", default=os.path.join(HERE, "..", "rules"))
    a = ap.parse_args()

    tool = os.path.join(a.bench_dir, "hs_cost")
    src = os.path.join(HERE, "tools", "hs_cost.cpp")
    if not os.path.exists(tool) or os.path.getmtime(tool) < os.path.getmtime(src):
        cxx = os.environ.get("CXX", "g++")
        subprocess.run([cxx, "-O2", "-std=c++20", src, "-o", tool, "-lhs"], check=True)

    tsv = os.path.join(a.bench_dir, "rules.tsv")
    with open(tsv, "w") as f:
        for path in sorted(glob.glob(os.path.join(a.rules_dir, "*.toml"))):
            with open(path, "rb") as fh:
                for r in tomllib.load(fh).get("rules", []):
                    if r.get("pattern"):
                        f.write(f"{r['id']}\t{r['pattern'].replace(chr(10), '')}\n")

    tree = os.path.join(a.bench_dir, a.tree)
    if not os.path.isdir(tree):
        sys.exit(f"{tree} is missing: run bench/gen_tree.py first")
    sample = os.path.join(a.bench_dir, "sample.bin")
    limit = int(a.sample_mb * 1e6)
    n = 0
    with open(sample, "wb") as out:
        for dp, dns, fns in os.walk(tree):
            dns.sort()
            for fn in sorted(fns):
                with open(os.path.join(dp, fn), "rb") as f:
                    data = f.read()
                out.write(data)
                n += len(data)
                if n >= limit:
                    break
            if n >= limit:
                break
    return subprocess.run([tool, tsv, sample, str(a.top)]).returncode


if __name__ == "__main__":
    sys.exit(main())
