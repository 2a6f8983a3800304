# Timing helpers for the compile-cost scripts (sourced by tools/compile_cost.sh and
# tools/compile_cost_against.sh). Times are CPU seconds (user + sys) of the compiler, not wall
# time, so that other work on the machine disturbs them less.

# One compile; prints its CPU seconds. A compile that fails is shown and ends the script.
cpu_seconds() {
  local TIMEFORMAT='%3U %3S' times
  if ! times=$( { time "$@" >/dev/null 2>/dev/null; } 2>&1 ); then
    echo "compile failed: $*" >&2
    "$@" -o /dev/null >&2 || true
    exit 1
  fi
  awk '{ printf "%.3f\n", $1 + $2 }' <<<"$times"
}

# The median of the numbers on standard input, one a line.
median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
