#!/usr/bin/env bash
# Runs every test of restop with g++ and with clang++: unit tests against include/ and against
# the single header, compile-fail tests, consumer tests, and the integration tests over real
# sockets against the local CodeCatalyst emulator. Installs what is missing first.
#
#   bash tools/test.sh                # both compilers
#   RESTOP_COMPILERS=g++ bash tools/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh

compilers=(${RESTOP_COMPILERS:-g++ clang++})
jobs=$(nproc)
status=0
for cxx in "${compilers[@]}"; do
  build="build/test-${cxx%++}"
  echo "==== ${cxx}: configure, build, test (${build})"
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER="$cxx" -DRESTOP_WERROR=ON >/dev/null
  cmake --build "$build" -j "$jobs"
  if ! ctest --test-dir "$build" -j "$jobs" --output-on-failure --timeout 300; then
    status=1
  fi
done
exit $status
