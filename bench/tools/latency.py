#!/usr/bin/env python3
"""Wall-clock latency of several nhiscan binaries on the same command, interleaved: each round
runs every binary once, N rounds (env N, default 25); prints each binary's median and minimum.
Run it in the directory the command needs (a repository with a staged change, say).

  N=60 bench/tools/latency.py OLD/nhiscan,NEW/nhiscan staged -q --no-color --progress never .
"""
import os
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    bins = sys.argv[1].split(",")
    args = sys.argv[2:]
    times = {b: [] for b in bins}
    codes = {}
    for _ in range(int(os.environ.get("N", "25"))):
        for b in bins:
            t = time.perf_counter()
            r = subprocess.run([b] + args, capture_output=True)
            times[b].append((time.perf_counter() - t) * 1000)
            codes[b] = r.returncode
    for b in bins:
        print(f"{b} rc {codes[b]} median {statistics.median(times[b]):.1f} ms min {min(times[b]):.1f}")


if __name__ == "__main__":
    main()
