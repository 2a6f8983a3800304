# Sourced by tools/quickstart.sh and tools/load_bench.sh: starts the CodeCatalyst emulator built in
# BUILD on a free port of 127.0.0.1, with a copy of tests/emulator/users.json, and sets `endpoint`,
# `emulator_pid` and `workdir` (a temporary folder, removed with the emulator on exit). It sets
# the EXIT trap; a script that needs its own calls stop_emulator from it.
#
#   start_emulator BUILD [LOG]   # LOG: where its one line per request goes (default $workdir/emulator.log;
#                                # /dev/null drops it)

start_emulator() {
  local build=$1
  workdir=$(mktemp -d)
  local log=${2:-$workdir/emulator.log}
  emulator_pid=
  trap stop_emulator EXIT
  cp tests/emulator/users.json "$workdir/users.json"
  "$build/tests/emulator/codecatalyst-emulator" --port 0 --port-file "$workdir/port" --users "$workdir/users.json" \
    >/dev/null 2>"$log" &
  emulator_pid=$!
  for _ in $(seq 200); do
    [ -s "$workdir/port" ] && break
    kill -0 "$emulator_pid" 2>/dev/null || break  # it exited: do not wait the whole 10 s
    sleep 0.05
  done
  if [ ! -s "$workdir/port" ]; then
    echo "the emulator did not start" >&2
    [ -f "$log" ] && cat "$log" >&2
    exit 1
  fi
  endpoint="http://127.0.0.1:$(cat "$workdir/port")"
}

stop_emulator() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  rm -rf "$workdir"
}
