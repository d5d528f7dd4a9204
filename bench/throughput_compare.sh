#!/usr/bin/env bash
# Throughput of several nhiscan binaries on the same real code, interleaved: each round runs
# every binary once on `dir` and once on `git`, five rounds, user CPU seconds (/usr/bin/time
# %U), medians. The first binary is the baseline of the ratios (issue 13: the 277-rule binary).
#
#   bench/throughput_compare.sh before=/path/old/nhiscan start=/path/nhiscan end=build/nhiscan
#
# Env: DIRS (default: the JDK sources, /usr/include, /usr/lib/python3.11), REPO (a bare clone
# of ../shared/corpora/ripgrep.bundle), ROUNDS (5). Run it on an otherwise idle machine: the
# spread between runs is about ±0.05 s even so, so compare binaries within one run only.
set -euo pipefail
dirs=${DIRS:-/tmp/bench-real/jdk /usr/include /usr/lib/python3.11}
repo=${REPO:-/tmp/bench-real/ripgrep.git}
rounds=${ROUNDS:-5}
(( $# >= 1 )) || { echo "usage: $0 NAME=BIN [NAME=BIN ...]" >&2; exit 2; }
for arg in "$@"; do [[ $arg == *=* && -x ${arg#*=} ]] || { echo "$0: not NAME=executable: $arg" >&2; exit 2; }; done
out=$(mktemp); t=$(mktemp); trap 'rm -f "$out" "$t"' EXIT
for ((i = 0; i < rounds; i++)); do
  for arg in "$@"; do
    name=${arg%%=*} bin=${arg#*=}
    # shellcheck disable=SC2086  # DIRS is a list of paths
    /usr/bin/time -o "$t" -f %U "$bin" dir -q -j1 --progress never --exit-code 0 $dirs >/dev/null 2>&1
    echo "dir $name $(cat "$t")" >>"$out"
    /usr/bin/time -o "$t" -f %U "$bin" git -q -j1 --progress never --exit-code 0 "$repo" >/dev/null 2>&1
    echo "git $name $(cat "$t")" >>"$out"
  done
done
python3 - "$out" "${@%%=*}" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    kind, name, secs = line.split()
    runs[(kind, name)].append(float(secs))
names = sys.argv[2:]
for kind in ("dir", "git"):
    med = {n: statistics.median(runs[(kind, n)]) for n in names}
    base = med[names[0]]
    print(kind, "  ".join(f"{n} {med[n]:.2f} s ({base / med[n]:.2f}x)" for n in names),
          "| runs:", {n: runs[(kind, n)] for n in names})
PY
