#!/usr/bin/env bash
# DeleteAccessToken under load (issue 13): builds the emulator and restop_load_benchmark
# (Release, -O2), installs the official JS SDK (@aws-sdk/client-codecatalyst, from the npm
# registry) into the build folder, starts the emulator on 127.0.0.1 and runs each client with 1,
# 64 and 1024 calls in flight: restop's async Beast transport on one thread, its sync Beast and
# curl transports with a thread per call in flight, and the JS SDK with Promise.all. Prints a
# markdown table on stdout (progress on stderr). Loopback only; each run is bounded by its
# number of calls.
#
#   bash tools/load_bench.sh
#   RESTOP_LOAD_CALLS=5000 bash tools/load_bench.sh       # calls per run at 64 and 1024 (default 20000)
#   RESTOP_LOAD_BUILD_DIR=/tmp/load bash tools/load_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh >&2

build=${RESTOP_LOAD_BUILD_DIR:-build/load}
calls=${RESTOP_LOAD_CALLS:-20000}
if ! [[ "$calls" =~ ^[1-9][0-9]*$ ]]; then echo "RESTOP_LOAD_CALLS must be a positive number" >&2; exit 2; fi
single_calls=$(( calls >= 10 ? calls / 10 : 1 ))
echo "==== load: build (Release, -O2) in $build" >&2
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DRESTOP_BUILD_TESTS=ON -DRESTOP_BUILD_BENCHMARKS=ON -DRESTOP_BUILD_EXAMPLES=OFF -DRESTOP_INSTALL=OFF >&2
cmake --build "$build" -j "$(nproc)" --target codecatalyst-emulator restop_load_benchmark >&2

js="$build/js"
source tools/js_sdk.sh
install_js_sdk "$js"
js_version=$js_sdk_version
cp tests/benchmarks/load_js.mjs "$js/load_js.mjs"  # beside its node_modules, where node resolves imports

# 1024 connections need more descriptors than the usual soft limit of 1024, in the emulator and
# in the clients: raise it to the hard limit.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 4096 ]; then
  echo "load_bench: 1024 connections need at least 4096 open files; the hard limit is $(ulimit -Hn)" >&2
  exit 1
fi

# The emulator logs one line per request; that goes to /dev/null, or the log would be what is
# measured.
source tools/emulator.sh
start_emulator "$build" /dev/null
# A fixture of the emulator's users.json; in a file, never on a command line.
(umask 077 && printf '%s' alice-pat-secret-1 >"$workdir/token")

# The emulator's CPU time (user + system, in seconds) from /proc, read around each run: beside
# the client's own, it shows which side the two cores were busy with.
ticks_per_second=$(getconf CLK_TCK)
emulator_cpu() { awk -v hz="$ticks_per_second" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$emulator_pid/stat"; }
# Runs one client (its command line after the first argument) and appends its JSON line with the
# emulator's CPU seconds of that run.
measure() {
  local before after line
  before=$(emulator_cpu)
  line=$("$@")
  after=$(emulator_cpu)  # fails (and so ends the script) if the emulator died during the run
  echo "${line%\}},\"emulator_cpu_seconds\":$(python3 -c "print(round($after - $before, 3))")}" | tee -a "$results" >&2
}

results="$workdir/results.jsonl"
for concurrency in 1 64 1024; do
  n=$calls
  [ "$concurrency" -eq 1 ] && n=$single_calls
  for client in async-beast beast curl; do
    echo "==== load: $client, $concurrency in flight, $n calls" >&2
    measure "$build/tests/benchmarks/restop_load_benchmark" --endpoint "$endpoint" --token-file "$workdir/token" \
      --client "$client" --concurrency "$concurrency" --calls "$n"
  done
  echo "==== load: js-sdk $js_version, $concurrency in flight, $n calls" >&2
  measure env -C "$js" ENDPOINT="$endpoint" TOKEN_FILE="$workdir/token" CONCURRENCY="$concurrency" CALLS="$n" node load_js.mjs
done

python3 - "$results" "$js_version" "$(node --version)" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
names = {"async-beast": "restop, `beast_async_transport`, 1 thread", "beast": "restop, `beast_transport`, a thread per call in flight",
         "curl": "restop, `curl_transport`, a thread per call in flight", "js-sdk": f"JS SDK {sys.argv[2]} (node {sys.argv[3]}), `Promise.all`"}
print("| client | in flight | calls | calls/s | p50 | p99 | ÷ JS SDK calls/s | client CPU per call | emulator CPU per call |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
js = {r["concurrency"]: r["per_second"] for r in rows if r["client"] == "js-sdk"}
def us(v):
    return f"{v / 1000:.2f} ms" if v >= 1000 else f"{v:.0f} µs"
for r in rows:
    ratio = f"{r['per_second'] / js[r['concurrency']]:.1f}×" if r["client"] != "js-sdk" and js.get(r["concurrency"]) else ""
    client_cpu = us(r["cpu_seconds"] * 1e6 / r["calls"])
    emulator_cpu = us(r["emulator_cpu_seconds"] * 1e6 / r["calls"])
    print(f"| {names[r['client']]} | {r['concurrency']} | {r['calls']} | {r['per_second']:,} | {us(r['p50_us'])} | {us(r['p99_us'])} | {ratio} | {client_cpu} | {emulator_cpu} |")
EOF
