#!/usr/bin/env bash
# The main job, end to end on this machine: build the codecatalyst-tokens and codecatalyst CLIs
# and the local CodeCatalyst emulator, start the emulator on 127.0.0.1, and through
# codecatalyst-tokens check the token, create an access token, list, delete it (success), delete
# it again (ResourceNotFoundException), list again; then through codecatalyst walk a short project
# lifecycle (spaces, a project, a repository and its branches, a dev environment started and
# stopped, then deleted with everything else made); then stop the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh
build=build/quickstart
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRESTOP_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --target codecatalyst-emulator codecatalyst-tokens codecatalyst >/dev/null

source tools/emulator.sh
start_emulator "$build"
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

# A project's lifecycle through the codecatalyst CLI: one JSON object per call.
cc="$build/examples/codecatalyst"
step() {  # any failure ends the quickstart (set -e)
  echo "\$ codecatalyst $*"
  out=$("$cc" --endpoint "$endpoint" "$@")
  echo "$out"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }
where=(--space-name restop-space --project-name Quickstart-Demo)
step list-spaces
step create-project --space-name restop-space --display-name "Quickstart Demo"
step create-source-repository "${where[@]}" --name quickstart-repo --description "Made by the quickstart."
step list-source-repositories "${where[@]}"
step list-source-repository-branches "${where[@]}" --source-repository-name quickstart-repo
step create-dev-environment "${where[@]}" --instance-type dev.standard1.small --persistent-storage '{"sizeInGiB":16}' \
  --repositories '{"repositoryName":"quickstart-repo","branchName":"main"}'
dev=$(field id <<<"$out")
step stop-dev-environment "${where[@]}" --id "$dev"
step delete-dev-environment "${where[@]}" --id "$dev"
step delete-source-repository "${where[@]}" --name quickstart-repo
step delete-project --space-name restop-space --name Quickstart-Demo
