#!/usr/bin/env bash
# Compile time of this checkout against another one's headers, for before/after comparisons:
# the translation units of tests/benchmarks/compile_cost/ (this checkout's, so both sides compile
# the same code) against OTHER/include and OTHER/single_include, then against this checkout's,
# then <boost/json.hpp> alone, in alternation within each run, so that a machine that speeds up
# or slows down during the measurement moves all three alike. Prints a markdown table of the
# medians on stdout (progress on stderr); a translation unit the other checkout cannot compile
# is shown as "does not compile".
#
#   git worktree add /tmp/restop-before 2c27957
#   bash tools/compile_cost_against.sh /tmp/restop-before
#   RESTOP_COMPILE_RUNS=9 RESTOP_COMPILERS=clang++ RESTOP_COMPILE_LEVELS=-O0 bash tools/compile_cost_against.sh /tmp/restop-before
set -euo pipefail
cd "$(dirname "$0")/.."
other=${1:?usage: tools/compile_cost_against.sh OTHER_CHECKOUT}
[ -d "$other/include/restop" ] || { echo "no include/restop in $other" >&2; exit 2; }

runs=${RESTOP_COMPILE_RUNS:-7}
compilers=(${RESTOP_COMPILERS:-g++ clang++})
levels=(${RESTOP_COMPILE_LEVELS:--O2})
src=tests/benchmarks/compile_cost
source tools/compile_timing.sh

# name | translation unit | include directory below each checkout
units=(
  "\`<restop/core.hpp>\` + DeleteAccessToken's header, one call|one_operation_alone.cpp|include"
  "single header + one call|one_operation.cpp|single_include"
  "single header + 20 further operations, each called|twenty_operations.cpp|single_include"
)

compiles() { "$@" -o /dev/null >/dev/null 2>&1; }

declare -A theirs ours boost
for unit in "${units[@]}"; do
  IFS='|' read -r name file dir <<<"$unit"
  for cxx in "${compilers[@]}"; do
    for level in "${levels[@]}"; do
      common=("$cxx" -std=c++20 "$level" -c)
      key="$file $cxx $level"
      echo "compile cost against $other: $file, $cxx $level ($runs runs each)" >&2
      if ! compiles "${common[@]}" -I"$other/$dir" "$src/$file"; then continue; fi
      t=() o=() b=()
      for ((i = 0; i < runs; i++)); do
        t+=("$(cpu_seconds "${common[@]}" -o /dev/null -I"$other/$dir" "$src/$file")")
        o+=("$(cpu_seconds "${common[@]}" -o /dev/null -I"$dir" "$src/$file")")
        b+=("$(cpu_seconds "${common[@]}" -o /dev/null "$src/boost_json_only.cpp")")
      done
      theirs[$key]=$(printf '%s\n' "${t[@]}" | median)
      ours[$key]=$(printf '%s\n' "${o[@]}" | median)
      boost[$key]=$(printf '%s\n' "${b[@]}" | median)
    done
  done
done

echo "| translation unit | compiler | \`<boost/json.hpp>\` only | $other | this checkout | this ÷ other |"
echo "|---|---|---:|---:|---:|---:|"
for unit in "${units[@]}"; do
  IFS='|' read -r name file dir <<<"$unit"
  for cxx in "${compilers[@]}"; do
    for level in "${levels[@]}"; do
      key="$file $cxx $level"
      if [ -z "${theirs[$key]:-}" ]; then
        echo "| $name | $cxx $level | | does not compile | | |"
        continue
      fi
      awk -v n="$name" -v c="$cxx $level" -v t="${theirs[$key]}" -v o="${ours[$key]}" -v b="${boost[$key]}" \
        'BEGIN { printf "| %s | %s | %.2f s | %.2f s (%.2f×) | %.2f s (%.2f×) | %.2f× |\n", n, c, b, t, t / b, o, o / b, o / t }'
    done
  done
done
# Each further operation: (twenty operations - one operation) / 20, on each side.
for cxx in "${compilers[@]}"; do
  for level in "${levels[@]}"; do
    one="one_operation.cpp $cxx $level" twenty="twenty_operations.cpp $cxx $level"
    [ -n "${theirs[$one]:-}" ] && [ -n "${theirs[$twenty]:-}" ] || continue
    awk -v c="$cxx $level" -v t1="${theirs[$one]}" -v t20="${theirs[$twenty]}" -v o1="${ours[$one]}" -v o20="${ours[$twenty]}" \
      'BEGIN { t = (t20 - t1) * 1000 / 20; o = (o20 - o1) * 1000 / 20
               printf "| each further operation | %s | | %.0f ms | %.0f ms | %.2f× |\n", c, t, o, o / t }'
  done
done
