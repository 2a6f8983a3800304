#!/usr/bin/env bash
# The compile-cost translation units (tests/benchmarks/compile_cost/) measured in instructions the
# compiler executes, counted by valgrind, against another checkout's headers: unlike CPU seconds,
# which on a shared machine move by a third between runs, the count is the same run after run, so
# a before/after comparison of compile cost is exact. It is not a time: the README's compile times
# come from tools/compile_cost.sh. Prints a markdown table on stdout (progress on stderr).
#
#   git worktree add /tmp/restop-before 2c27957
#   bash tools/compile_instructions.sh /tmp/restop-before
#   RESTOP_COMPILERS=clang++ bash tools/compile_instructions.sh /tmp/restop-before
#
# About 20 times slower than compiling: the two compilers run side by side, each about 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
other=${1:?usage: tools/compile_instructions.sh OTHER_CHECKOUT}
[ -d "$other/include/restop" ] || { echo "no include/restop in $other" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 1; }
compilers=(${RESTOP_COMPILERS:-g++ clang++})
level=${RESTOP_COMPILE_LEVEL:--O2}
src=tests/benchmarks/compile_cost
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name | translation unit | include directory below each checkout
units=(
  "\`<restop/core.hpp>\` + DeleteAccessToken's header, one call|one_operation_alone.cpp|include"
  "single header + one call|one_operation.cpp|single_include"
  "single header + 20 further operations, each called|twenty_operations.cpp|single_include"
)

# Billions of instructions of one compile, the driver and the compiler proper it starts (g++'s
# cc1plus) together; "failed" when it does not compile.
instructions() {
  local log=$work/valgrind.$BASHPID
  if ! valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null --trace-children=yes \
       --log-file="$log.%p" "$@" -o /dev/null >/dev/null 2>&1; then
    echo failed
    return
  fi
  cat "$log".* | awk '/I *refs:/ { gsub(",", "", $4); s += $4 } END { printf "%.2f\n", s / 1e9 }'
  rm -f "$log".*
}

# One compiler's counts, one per line: "file other|ours", then the <boost/json.hpp>-only baseline.
measure() {
  local cxx=$1 unit name file dir
  local common=("$cxx" -std=c++20 "$level" -c)
  echo "compile instructions: $cxx $level <boost/json.hpp> only" >&2
  echo "boost $(instructions "${common[@]}" "$src/boost_json_only.cpp")"
  for unit in "${units[@]}"; do
    IFS='|' read -r name file dir <<<"$unit"
    echo "compile instructions: $cxx $level $file" >&2
    echo "$file $(instructions "${common[@]}" -I"$other/$dir" "$src/$file") $(instructions "${common[@]}" -I"$dir" "$src/$file")"
  done
}

# The compilers side by side: the counts do not depend on what else runs.
for cxx in "${compilers[@]}"; do measure "$cxx" >"$work/$cxx.counts" & done
wait

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "failed" || b == "failed" || b == 0) print "—"; else printf "%.3f×", a / b }'; }
echo "Instructions the compiler executes ($level, billions; \`valgrind --tool=cachegrind\`), this checkout against $(git -C "$other" rev-parse --short HEAD 2>/dev/null || echo "$other"):"
echo
header="| translation unit |"
rule="|---|"
for cxx in "${compilers[@]}"; do
  header+=" $cxx before | $cxx after | after ÷ before | after ÷ \`<boost/json.hpp>\` only |"
  rule+="---:|---:|---:|---:|"
done
echo "$header"
echo "$rule"
for unit in "${units[@]}"; do
  IFS='|' read -r name file dir <<<"$unit"
  row="| $name |"
  for cxx in "${compilers[@]}"; do
    read -r _ before after < <(grep "^$file " "$work/$cxx.counts")
    boost=$(awk '$1 == "boost" { print $2 }' "$work/$cxx.counts")
    row+=" $before | $after | $(ratio "$after" "$before") | $(ratio "$after" "$boost") |"
  done
  echo "$row"
done
row="| each further operation ((20 operations − single header) ÷ 20) |"
for cxx in "${compilers[@]}"; do
  read -r _ one_before one_after < <(grep "^one_operation.cpp " "$work/$cxx.counts")
  read -r _ twenty_before twenty_after < <(grep "^twenty_operations.cpp " "$work/$cxx.counts")
  per_before=$(awk -v t="$twenty_before" -v o="$one_before" 'BEGIN { if (t == "failed" || o == "failed") print "failed"; else printf "%.3f", (t - o) / 20 }')
  per_after=$(awk -v t="$twenty_after" -v o="$one_after" 'BEGIN { printf "%.3f", (t - o) / 20 }')
  row+=" $per_before | $per_after | $(ratio "$per_after" "$per_before") | |"
done
echo "$row"
