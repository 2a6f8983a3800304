#!/usr/bin/env bash
# Installs what restop's build, tests and examples need from Debian 12's archive, and nothing
# that is already there. Safe to run again and again.
set -euo pipefail

packages=(
  cmake ninja-build g++ clang git python3 curl
  libboost1.81-dev libboost-json1.81-dev   # Boost.JSON needs 1.81; Beast comes with the headers
  doctest-dev
  libcurl4-openssl-dev libcpp-httplib-dev libssl-dev pkg-config   # Debian's cpp-httplib is a library: its flags come from pkg-config
  libbenchmark-dev
  zlib1g-dev   # restop/compression.hpp (@requestCompression)
  libcli11-dev   # the codecatalyst CLI parses its arguments with CLI11
  libclang-rt-14-dev   # clang's sanitizer and libFuzzer runtimes (tools/test.sh's ASan build, tools/fuzz.sh)
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing: ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
