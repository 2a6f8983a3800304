#!/usr/bin/env bash
# What restop costs at compile time, as a markdown table (issue 5). For each compiler and -O0/-O2
# it compiles (no link) the translation units of tests/benchmarks/compile_cost/ and reports the
# median of N runs:
#   boost_json_only.cpp       includes only <boost/json.hpp>, restop's one dependency;
#   one_operation_alone.cpp   <restop/core.hpp> and DeleteAccessToken's header from include/, and
#                             a whole call of it: one operation without the rest of its service;
#   one_operation.cpp         single_include/restop/restop.hpp, which holds CodeCatalyst's 38
#                             operations, plus the same call: the whole service declared, one used;
#   twenty_operations.cpp     the same plus 20 made-up operations, each called;
# the cost of one more operation, (twenty_operations - one_operation) / 20, and the compiler's
# peak memory (maximum resident set, one run) for the whole service in one TU.
#
# Times are CPU seconds (user + sys) of the compiler, not wall time (tools/compile_timing.sh).
# tools/compile_cost_against.sh compares these translation units with another checkout's headers in
# time, tools/compile_instructions.sh in instructions (exact, where times move with the load).
#
#   bash tools/compile_cost.sh
#   RESTOP_COMPILE_RUNS=3 RESTOP_COMPILERS=g++ bash tools/compile_cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RESTOP_COMPILE_RUNS:-5}
compilers=(${RESTOP_COMPILERS:-g++ clang++})
levels=(${RESTOP_COMPILE_LEVELS:--O0 -O2})
src=tests/benchmarks/compile_cost
source tools/compile_timing.sh

# The compiler's peak resident memory in MiB, from one compile.
peak_mib() {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'
}

declare -A seconds peak
for cxx in "${compilers[@]}"; do
  for level in "${levels[@]}"; do
    common=("$cxx" -std=c++20 "$level" -c -o /dev/null)
    echo "compile cost: $cxx $level ($runs runs each)" >&2
    # Each run compiles every translation unit once, in turn, so that a stretch of load from
    # elsewhere on the machine falls on all of them alike rather than on one unit's runs (the
    # cost of one more operation is a difference of two of them).
    boost=() alone=() one=() twenty=()
    for ((i = 0; i < runs; i++)); do
      boost+=("$(cpu_seconds "${common[@]}" "$src/boost_json_only.cpp")")
      alone+=("$(cpu_seconds "${common[@]}" -Iinclude "$src/one_operation_alone.cpp")")
      one+=("$(cpu_seconds "${common[@]}" -Isingle_include "$src/one_operation.cpp")")
      twenty+=("$(cpu_seconds "${common[@]}" -Isingle_include "$src/twenty_operations.cpp")")
    done
    seconds[$cxx$level.boost]=$(printf '%s\n' "${boost[@]}" | median)
    seconds[$cxx$level.alone]=$(printf '%s\n' "${alone[@]}" | median)
    seconds[$cxx$level.one]=$(printf '%s\n' "${one[@]}" | median)
    seconds[$cxx$level.twenty]=$(printf '%s\n' "${twenty[@]}" | median)
    peak[$cxx$level]=$(peak_mib "${common[@]}" -Isingle_include "$src/one_operation.cpp")
  done
done

header="| translation unit |"
rule="|---|"
for cxx in "${compilers[@]}"; do
  for level in "${levels[@]}"; do
    header+=" $cxx $level |"
    rule+="---:|"
  done
done
header+=" target |"
rule+="---|"

row_boost="| \`<boost/json.hpp>\` only |"
row_alone="| \`<restop/core.hpp>\` + DeleteAccessToken's header, one call |"
row_alone_ratio="| ratio to \`<boost/json.hpp>\` only |"
row_one="| single header (all 38 CodeCatalyst operations) + one call |"
row_ratio="| ratio to \`<boost/json.hpp>\` only |"
row_peak="| peak compiler memory, single header + one call |"
row_each="| each further operation (20 in one TU) |"
for cxx in "${compilers[@]}"; do
  for level in "${levels[@]}"; do
    boost=${seconds[$cxx$level.boost]}
    one=${seconds[$cxx$level.one]}
    twenty=${seconds[$cxx$level.twenty]}
    alone=${seconds[$cxx$level.alone]}
    row_boost+=" $(printf '%.2f s' "$boost") |"
    row_alone+=" $(printf '%.2f s' "$alone") |"
    row_one+=" $(printf '%.2f s' "$one") |"
    row_peak+=" ${peak[$cxx$level]} MiB |"
    # The targets apply at -O2: a mark says whether this run met them.
    check=$([ "$level" = -O2 ] && echo 1 || echo 0)
    row_alone_ratio+=" $(awk -v a="$alone" -v b="$boost" -v c="$check" \
      'BEGIN { r = a / b; printf "%.2f×%s", r, c ? (r <= 1.3 ? " ✓" : " ✗") : "" }') |"
    row_ratio+=" $(awk -v a="$one" -v b="$boost" -v c="$check" \
      'BEGIN { r = a / b; printf "%.2f×%s", r, c ? (r <= 1.5 ? " ✓" : " ✗") : "" }') |"
    row_each+=" $(awk -v a="$twenty" -v b="$one" -v c="$check" \
      'BEGIN { ms = (a - b) * 1000 / 20; printf "%.0f ms%s", ms, c ? (ms <= 40 ? " ✓" : " ✗") : "" }') |"
  done
done
row_boost+=" |"
row_alone+=" |"
row_alone_ratio+=" ≤ 1.3× at -O2 |"
row_one+=" |"
row_ratio+=" ≤ 1.5× at -O2 |"
row_peak+=" reported |"
row_each+=" ≤ 40 ms at -O2 |"

printf '%s\n' "$header" "$rule" "$row_boost" "$row_alone" "$row_alone_ratio" "$row_one" "$row_ratio" "$row_each" "$row_peak"
