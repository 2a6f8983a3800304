#!/usr/bin/env bash
# The main job, end to end on this machine: build the codecatalyst-tokens CLI and the local
# CodeCatalyst emulator, start the emulator on 127.0.0.1, delete one access token through the
# CLI (success), delete it again (ResourceNotFoundException), stop the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh
build=build/quickstart
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRESTOP_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --target codecatalyst-emulator codecatalyst-tokens >/dev/null

workdir=$(mktemp -d)
emulator_pid=
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  rm -rf "$workdir"
}
trap cleanup EXIT

cp tests/emulator/users.json "$workdir/users.json"
"$build/tests/emulator/codecatalyst-emulator" --port 0 --port-file "$workdir/port" --users "$workdir/users.json" \
  >/dev/null 2>"$workdir/emulator.log" &
emulator_pid=$!
for _ in $(seq 200); do [ -s "$workdir/port" ] && break; sleep 0.05; done
[ -s "$workdir/port" ] || { echo "the emulator did not start" >&2; cat "$workdir/emulator.log" >&2; exit 1; }
endpoint="http://127.0.0.1:$(cat "$workdir/port")"
echo "emulator listening at $endpoint"

# The token travels in the environment, never on a command line; it is a fixture of the emulator.
export CODECATALYST_TOKEN=alice-pat-secret-1
id=a1b2c3d4-0002-4000-8000-00000000a002
cli="$build/examples/codecatalyst-tokens"

echo "\$ codecatalyst-tokens --endpoint $endpoint delete $id"
"$cli" --endpoint "$endpoint" delete "$id"
echo "exit $?"
echo "\$ codecatalyst-tokens --endpoint $endpoint delete $id   # again: it is gone"
set +e
"$cli" --endpoint "$endpoint" delete "$id"
status=$?
set -e
echo "exit $status"
[ "$status" -eq 1 ]
