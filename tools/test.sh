#!/usr/bin/env bash
# Runs every test of restop with g++ and with clang++: unit tests against include/ and against
# the single header, compile-fail tests, consumer tests, and the integration tests over real
# sockets against the local CodeCatalyst emulator. Installs what is missing first.
#
# Then the whole suite once more under AddressSanitizer and UndefinedBehaviorSanitizer (clang,
# build/test-asan): unit tests, the emulator and the integration tests all run instrumented, and
# any sanitizer report fails the run.
#
#   bash tools/test.sh                # both compilers, then ASan + UBSan
#   RESTOP_COMPILERS=g++ bash tools/test.sh
#   RESTOP_SANITIZE=0 bash tools/test.sh   # without the sanitizer build
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh

compilers=(${RESTOP_COMPILERS:-g++ clang++})
jobs=$(nproc)
status=0
for cxx in "${compilers[@]}"; do
  build="build/test-${cxx%++}"
  echo "==== ${cxx}: configure, build, test (${build})"
  # -g1: line tables for stack traces, without full debug info, which took most of the build's
  # time and memory on the Asio-heavy tests.
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_CXX_COMPILER="$cxx" \
    -DRESTOP_WERROR=ON >/dev/null
  cmake --build "$build" -j "$jobs"
  if ! ctest --test-dir "$build" -j "$jobs" --output-on-failure --timeout 300; then
    status=1
  fi
done

if [ "${RESTOP_SANITIZE:-1}" != 0 ]; then
  build=build/test-asan
  echo "==== clang++ with ASan + UBSan: configure, build, test (${build})"
  # -fno-sanitize=function: clang 14's function-type check cannot place its prologue data on
  # a coroutine's split-out functions ("Cannot represent a difference across sections"), so the
  # coroutine example and tests would not compile under UBSan with it.
  sanitizers="-fsanitize=address,undefined -fno-sanitize=function -fno-sanitize-recover=all"
  # Only what executes: the compile-only tests ran in both configurations above.
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_CXX_COMPILER=clang++ \
    -DRESTOP_WERROR=ON -DRESTOP_COMPILE_TESTS=OFF \
    -DCMAKE_CXX_FLAGS="$sanitizers -fno-omit-frame-pointer" -DCMAKE_EXE_LINKER_FLAGS="$sanitizers" >/dev/null
  cmake --build "$build" -j "$jobs"
  # Leaks count (LeakSanitizer is part of ASan on Linux); the first report aborts the process.
  # An 8 MB quarantine of freed blocks (default 256 MB) still catches use after free, and keeps
  # the soak test's bound on memory growth meaningful under ASan.
  if ! ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:quarantine_size_mb=8${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
       UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}" \
       ctest --test-dir "$build" -j "$jobs" --output-on-failure --timeout 600; then
    status=1
  fi
fi
exit $status
