#!/usr/bin/env bash
# Configures and builds transformer-bench in a build folder (default: build/).
#
# Usage: scripts/build.sh [--build-dir DIR] [--sanitize] [-- extra cmake arguments]
#   --sanitize  AddressSanitizer + UndefinedBehaviorSanitizer build (RelWithDebInfo)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="$root/build"
cmake_args=(-DCMAKE_BUILD_TYPE=Release)

while [[ $# -gt 0 ]]; do
  case "$1" in
    --build-dir) build_dir="$2"; shift 2 ;;
    --sanitize) cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DTB_SANITIZE=ON); shift ;;
    --) shift; cmake_args+=("$@"); break ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

jobs="$(nproc)"
cmake -S "$root" -B "$build_dir" "${cmake_args[@]}"
cmake --build "$build_dir" --parallel "$jobs"
