#!/usr/bin/env bash
# Installs every build and test dependency from Debian 12's own archive.
# Idempotent: packages already present are left alone, and apt-get runs only
# when something is missing. Used by the README, .ci/run and the Dockerfile.
#
#   scripts/install-deps.sh            build + test dependencies
#   scripts/install-deps.sh --runtime  only what the elastic-ingest binary needs
set -euo pipefail

build_packages=(
  build-essential cmake pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libboost-program-options1.81-dev
  libpq-dev libpqxx-dev libssl-dev
  libspdlog-dev libfmt-dev libyaml-cpp-dev libxxhash-dev
  libgtest-dev libgmock-dev
  postgresql ca-certificates
)
runtime_packages=(
  libboost-json1.81.0 libboost-url1.81.0 libboost-program-options1.81.0
  libpq5 libssl3 libspdlog1.10 libfmt9 libyaml-cpp0.7 ca-certificates
)

packages=("${build_packages[@]}")
if [[ "${1:-}" == "--runtime" ]]; then
  packages=("${runtime_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
