#!/usr/bin/env bash
# Builds restop's libFuzzer targets (tests/fuzz/, clang with ASan + UBSan) into build/fuzz and
# runs each for SECONDS (default 60), starting from the committed seeds in
# tests/fuzz/corpus/<target>/. Fails on any crash, leak, timeout or sanitizer report.
#
#   bash tools/fuzz.sh          # 60 s per target
#   bash tools/fuzz.sh 3600     # an hour per target
#
# New inputs the fuzzers find go to build/fuzz/corpus/<target>/ (kept between runs, never to the
# seeds); a failing input is saved as build/fuzz/artifacts/<target>/crash-* (or leak-*, timeout-*)
# and can be replayed with: build/fuzz/tests/fuzz/<target> <that file>
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bash tools/fuzz.sh [SECONDS]" >&2
  exit 2
fi

bash tools/install-deps.sh

build=build/fuzz
targets=(decode_fuzzer label_fuzzer)
echo "==== fuzzers: configure, build (${build})"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DRESTOP_BUILD_TESTS=OFF -DRESTOP_BUILD_EXAMPLES=OFF -DRESTOP_INSTALL=OFF \
  -DRESTOP_BUILD_FUZZERS=ON -DRESTOP_WERROR=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# The targets run side by side (one per core on CI's two), each for the full SECONDS.
run() {
  local target=$1
  mkdir -p "$build/corpus/$target" "$build/artifacts/$target"
  "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$target/" \
    "$build/corpus/$target" "tests/fuzz/corpus/$target" >"$build/$target.log" 2>&1
}
echo "==== fuzzers: ${targets[*]}, ${seconds} s each"
declare -A pid
for target in "${targets[@]}"; do
  run "$target" &
  pid[$target]=$!
done
declare -A code
for target in "${targets[@]}"; do
  code[$target]=0
  wait "${pid[$target]}" || code[$target]=$?
done

# A run fails on a non-zero exit (crash, leak, timeout, sanitizer abort) and, to be sure, on any
# sanitizer or libFuzzer error report in its log.
status=0
for target in "${targets[@]}"; do
  log="$build/$target.log"
  runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 executions in \2 s/p' "$log" | tail -1)
  if [ "${code[$target]}" -ne 0 ] || [ -z "$runs" ] || grep -qE '^==[0-9]+==ERROR|runtime error:|ERROR: libFuzzer|LeakSanitizer|deadly signal|SUMMARY: ' "$log"; then
    echo "FAIL $target: exit ${code[$target]} (log: $log)"
    grep -E '==ERROR|runtime error:|ERROR: libFuzzer|invariant broken|SUMMARY|Test unit written' "$log" | head -20 || true
    status=1
  else
    echo "ok   $target: $runs, corpus $(ls "$build/corpus/$target" | wc -l) inputs"
  fi
done
exit $status
