#!/usr/bin/env bash
# Binary size of one call (issue 12): builds tests/benchmarks/binary_size/ (Release, -O2) with
# each compiler: restop_one_call.cpp, one DeleteAccessToken call through restop's curl
# transport, and hand_one_call.cpp, the same program written by hand on libcurl. It checks that
# the two print the same line against the emulator (a token id that does not exist: a 404
# ResourceNotFoundException decoded), strips copies of both and prints a markdown table of their
# sizes on stdout (progress on stderr).
#
#   bash tools/binary_size.sh
#   RESTOP_COMPILERS=g++ bash tools/binary_size.sh
#   RESTOP_BINARY_SIZE_BUILD_DIR=/tmp/size bash tools/binary_size.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh >&2

compilers=(${RESTOP_COMPILERS:-g++ clang++})
build_root=${RESTOP_BINARY_SIZE_BUILD_DIR:-build/binary_size}
source tools/emulator.sh

declare -A restop_size hand_size
for cxx in "${compilers[@]}"; do
  build="$build_root/${cxx%++}"
  echo "==== binary size: $cxx, build (Release, -O2) in $build" >&2
  cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DRESTOP_BUILD_BENCHMARKS=ON -DRESTOP_BUILD_TESTS=ON \
    -DRESTOP_BUILD_EXAMPLES=OFF -DRESTOP_INSTALL=OFF >&2
  cmake --build "$build" -j "$(nproc)" --target codecatalyst-emulator restop_binary_size_restop restop_binary_size_hand >&2

  # The same job: both programs print the same line for the same response.
  start_emulator "$build" /dev/null
  (umask 077 && printf '%s' alice-pat-secret-1 >"$workdir/token")  # a fixture of users.json; never on a command line
  missing=00000000-0000-4000-8000-000000000000
  ours=$("$build/tests/benchmarks/restop_binary_size_restop" "$endpoint" "$missing" "$workdir/token" || true)
  theirs=$("$build/tests/benchmarks/restop_binary_size_hand" "$endpoint" "$missing" "$workdir/token" || true)
  stop_emulator
  trap - EXIT
  echo "restop: $ours" >&2
  echo "hand:   $theirs" >&2
  if [ "$ours" != "$theirs" ] || [[ "$ours" != "error 404 ResourceNotFoundException:"* ]]; then
    echo "binary_size: the two programs did not print the same 404 line" >&2
    exit 1
  fi

  for side in restop hand; do
    strip -o "$build/one_call_$side.stripped" "$build/tests/benchmarks/restop_binary_size_$side"
  done
  restop_size[$cxx]=$(stat -c %s "$build/one_call_restop.stripped")
  hand_size[$cxx]=$(stat -c %s "$build/one_call_hand.stripped")
done

kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
header="| program (stripped, -O2) |"
rule="|---|"
row_restop="| restop, \`curl_transport\`, one DeleteAccessToken call |"
row_hand="| the same by hand (libcurl + \`hand_written.hpp\`) |"
row_ratio="| ratio |"
for cxx in "${compilers[@]}"; do
  header+=" $cxx |"
  rule+="---:|"
  row_restop+=" $(kib "${restop_size[$cxx]}") |"
  row_hand+=" $(kib "${hand_size[$cxx]}") |"
  row_ratio+=" $(awk -v a="${restop_size[$cxx]}" -v b="${hand_size[$cxx]}" \
    'BEGIN { r = a / b; printf "%.2f×%s", r, r <= 1.2 ? " ✓" : " ✗" }') |"
done
printf '%s\n' "$header target |" "$rule---|" "$row_restop |" "$row_hand |" "$row_ratio ≤ 1.2× |"
