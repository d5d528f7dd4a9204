#!/usr/bin/env bash
# Runs one libFuzzer target for a given time: fuzz/run.sh TARGET SECONDS [extra libFuzzer flags]
#   TARGET: rules | scan | config | baseline | pack | decode | archive
# Builds (or refreshes) the clang build in $FUZZ_BUILD_DIR (default build-fuzz) with
# -DNHISCAN_FUZZ=ON, then fuzzes in one process on one core. The working corpus grows in
# $FUZZ_BUILD_DIR/corpus/TARGET (seeded from the checked-in fuzz/corpus/TARGET); crashes,
# leaks and timeouts land in $FUZZ_BUILD_DIR/artifacts/TARGET/. Copy a minimized crash
# (fuzz_TARGET -minimize_crash=1 -runs=10000 FILE) into fuzz/regressions/TARGET/ with the fix:
# ctest replays that directory in every build.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh rules|scan|config|baseline|pack|decode|archive SECONDS [libFuzzer flags]}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
shift 2
case $target in
  rules|config) dict=fuzz/dicts/toml.dict; max_len=4096 ;;
  scan) dict=fuzz/dicts/scan.dict; max_len=65536 ;;
  baseline) dict=fuzz/dicts/baseline.dict; max_len=4096 ;;
  pack) dict=""; max_len=65536 ;;
  decode) dict=fuzz/dicts/scan.dict; max_len=65536 ;;
  archive) dict=""; max_len=65536 ;;
  *) echo "fuzz/run.sh: unknown target '$target' (rules|scan|config|baseline|pack|decode|archive)" >&2; exit 2 ;;
esac

BUILD=${FUZZ_BUILD_DIR:-build-fuzz}
CXX_FUZZ=${CXX_FUZZ:-$(command -v clang++-14 || command -v clang++ || true)}
if [ -z "$CXX_FUZZ" ]; then
  echo "fuzz/run.sh: needs clang with libFuzzer: apt-get install clang-14 libclang-rt-14-dev llvm-14" >&2
  exit 2
fi
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DNHISCAN_FUZZ=ON -DNHISCAN_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER="$CXX_FUZZ" >/dev/null
fi
# One build at a time when two targets are started together.
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  flock "$BUILD/.build-lock" cmake --build "$BUILD" -j "${FUZZ_BUILD_JOBS:-2}" --target "fuzz_$target"
fi

work="$BUILD/corpus/$target"
art="$BUILD/artifacts/$target/"
mkdir -p "$work" "$art"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$BUILD/fuzz/fuzz_$target" "$work" "fuzz/corpus/$target" \
  -max_total_time="$seconds" -max_len="$max_len" ${dict:+-dict="$dict"} -timeout=20 -rss_limit_mb=2560 \
  -artifact_prefix="$art" -print_final_stats=1 "$@"
