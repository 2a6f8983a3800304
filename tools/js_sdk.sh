# Sourced by tools/load_bench.sh and tools/bench.sh: installs the official JS SDK
# (@aws-sdk/client-codecatalyst, from the npm registry) into a build folder, once, and says which
# version it is. Nothing of it is committed; npm's lock file in that folder pins it from then on.
#
#   source tools/js_sdk.sh
#   install_js_sdk build/load/js      # sets js_sdk_version
install_js_sdk() {
  local dir=$1
  if [ ! -d "$dir/node_modules/@aws-sdk/client-codecatalyst" ]; then
    echo "==== npm install @aws-sdk/client-codecatalyst into $dir" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error @aws-sdk/client-codecatalyst@3 @smithy/node-http-handler >&2
  fi
  js_sdk_version=$(cd "$dir" && node -p "require('./node_modules/@aws-sdk/client-codecatalyst/package.json').version")
}
