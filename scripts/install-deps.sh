#!/usr/bin/env bash
# Installs the Debian 12 packages transformer-bench needs to build, test and plot.
# Idempotent: packages already installed are skipped, and apt-get is not called when
# nothing is missing. Runs as root directly, or through sudo otherwise.
#
# Usage: scripts/install-deps.sh [--no-libtorch]
#   --no-libtorch  skip libtorch-dev (about 1 GB); the libtorch backend is then not built
set -euo pipefail

packages=(
  build-essential        # gcc, g++, make
  cmake
  pkg-config
  clang                  # builds one ABI test plugin with another compiler
  libboost-dev           # Boost.DLL (header-only)
  libboost-filesystem-dev
  libboost-program-options-dev
  libblis-openmp-dev     # BLIS with OpenMP threading, for the blis backend
  libblis-dev
  libyaml-cpp-dev        # benchmark matrix files
  nlohmann-json3-dev     # result files, golden vectors, safetensors headers
  libgtest-dev           # GoogleTest
  librsvg2-bin           # rsvg-convert, turns the SVG charts into PNG
  libxml2-dev            # strict XML parsing of the SVG charts in the tests
)

with_libtorch=1
for arg in "$@"; do
  case "$arg" in
    --no-libtorch) with_libtorch=0 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "install-deps.sh: unknown option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done
if [[ "$with_libtorch" -eq 1 ]]; then
  packages+=(libtorch-dev)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [[ "${#missing[@]}" -eq 0 ]]; then
  echo "install-deps.sh: all ${#packages[@]} packages are already installed" >&2
  exit 0
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  sudo=(sudo)
fi

echo "install-deps.sh: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
