#!/usr/bin/env bash
# Where does nhiscan spend its time? Samples one run with perf (software cpu-clock event, which
# works in VMs without hardware counters) and DWARF call graphs, then prints
#   1. time per shared object (libhs = Hyperscan, libz = inflate, libgit2, libre2, kernel, ...)
#   2. inclusive time of nhiscan's own functions (which phase pays for the above)
#   3. the hottest leaf symbols
#
#   bench/profile.sh dir    [CORPUS]    default $NHISCAN_BENCH_DIR/tree-small
#   bench/profile.sh git    [REPO]      default $NHISCAN_BENCH_DIR/history-small
#   bench/profile.sh staged [REPO]      default $NHISCAN_BENCH_DIR/history-staged
#   bench/profile.sh compile            cold rule compile (--no-cache)
# Env: NHISCAN_BIN (default build-bench/nhiscan), THREADS (default 1), FREQ (default 1000).
# Without perf, falls back to valgrind --tool=callgrind (slow: use the tiny corpora).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
bench=${NHISCAN_BENCH_DIR:-/tmp/nhiscan-bench}
bin=${NHISCAN_BIN:-$root/build-bench/nhiscan}
threads=${THREADS:-1}
freq=${FREQ:-1000}
mode=${1:?usage: profile.sh dir|git|staged|compile [PATH]}
export XDG_CACHE_HOME=$bench/cache

case $mode in
  dir)     args=(dir -j"$threads" -q "${2:-$bench/tree-small}") ;;
  git)     args=(git -j"$threads" -q "${2:-$bench/history-small}") ;;
  staged)  args=(staged -q "${2:-$bench/history-staged}") ;;
  compile) printf 'nothing to see here\n' > "$bench/one-line.txt"; args=(dir --no-cache -q "$bench/one-line.txt") ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
"$bin" "${args[@]}" >/dev/null 2>&1 || true   # warm the rule cache and the page cache

out=$bench/profile-$mode
if perf stat -e cpu-clock true >/dev/null 2>&1; then
  perf record -q -F "$freq" -e cpu-clock --call-graph dwarf,16384 -o "$out.perf" -- "$bin" "${args[@]}" >/dev/null 2>&1 || true
  echo "== $mode: time per shared object"
  perf report -i "$out.perf" --stdio --no-children --sort dso -g none 2>/dev/null | grep -E '^ +[0-9]' | head -12
  echo
  echo "== $mode: inclusive time of nhiscan functions (children included)"
  perf report -i "$out.perf" --stdio --children --sort sym -g none 2>/dev/null | grep -E '^ +[0-9]' \
    | grep -E 'nhiscan::' | grep -vE 'cli::run|cli::cmd_|_Function_handler|std::' | cut -c1-170 | head -30
  echo
  echo "== $mode: hottest symbols (self time)"
  perf report -i "$out.perf" --stdio --no-children --sort dso,sym -g none 2>/dev/null | grep -E '^ +[0-9]' | cut -c1-170 | head -25
  echo
  echo "(perf data: $out.perf)"
else
  valgrind --tool=callgrind --callgrind-out-file="$out.callgrind" "$bin" "${args[@]}" >/dev/null 2>&1 || true
  callgrind_annotate --inclusive=yes "$out.callgrind" | head -60
fi
