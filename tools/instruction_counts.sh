#!/usr/bin/env bash
# Instructions per DeleteAccessToken encode and decode, counted by callgrind: unlike timings they
# do not move with the load on the machine, so two versions of restop compare exactly.
#
#   bash tools/instruction_counts.sh                 # this checkout
#   bash tools/instruction_counts.sh /path/to/other  # another checkout's include/, same driver
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh >&2
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 1; }
include_dir="${1:-.}/include"
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
"${CXX:-g++}" -std=c++20 -O2 -DNDEBUG -I"$include_dir" tests/benchmarks/instructions/delete_access_token.cpp \
  -o "$build/counts" -lboost_json
echo "| case | instructions per call |"
echo "|---|---:|"
for c in encode decode-200 decode-404 decode-429 decode-402 decode-500; do
  # The difference of two runs removes start-up and set-up: what remains is N calls.
  total() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$build/counts" "$c" "$1" 2>&1 |
              sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
  small=$(total 1000)
  large=$(total 11000)
  echo "| $c | $(( (large - small) / 10000 )) |"
done
