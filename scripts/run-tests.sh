#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: installs the dependencies, builds, and
# runs every test through ctest.
#
# Usage: scripts/run-tests.sh [--sanitize]
#   --sanitize  build with ASan and UBSan in build-sanitize/ and run the suite there.
#               The libtorch and blis backends are left out of that build. LibTorch
#               itself is not instrumented, and its headers double the build time of
#               a CI run. In a process holding BLIS's OpenMP worker threads, the
#               LeakSanitizer tracer (GCC 12's runtime) crashes at exit with "Tracer
#               caught signal 11", which fails every such test without finding a leak.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="$root/build"
build_args=()
if [[ "${1:-}" == "--sanitize" ]]; then
  build_dir="$root/build-sanitize"
  build_args=(--sanitize -- -DTB_WITH_LIBTORCH=OFF -DTB_WITH_BLIS=OFF)
fi

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" --build-dir "$build_dir" "${build_args[@]}"

# Sanitizer reports must fail the run; leak checks stay on.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)"
