#!/usr/bin/env bash
# The main job, end to end on this machine: build the codecatalyst-tokens CLI and the local
# CodeCatalyst emulator, start the emulator on 127.0.0.1, and through the CLI check the token,
# create an access token, list, delete it (success), delete it again (ResourceNotFoundException),
# list again; then stop the emulator.
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
cli="$build/examples/codecatalyst-tokens"
run() {
  echo "\$ codecatalyst-tokens $*"
  set +e
  "$cli" --endpoint "$endpoint" "$@"
  status=$?
  set -e
  echo "(exit $status)"
}

run whoami
run create quickstart-demo --expires 2030-01-31T12:00:00Z
id=$("$cli" --endpoint "$endpoint" list | python3 -c 'import json,sys; print([t["id"] for t in map(json.loads, sys.stdin) if t["name"] == "quickstart-demo"][0])')
run list --max-results 2
run delete "$id"
[ "$status" -eq 0 ]
run delete "$id"   # again: it is gone
[ "$status" -eq 1 ]
run list
