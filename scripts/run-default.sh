#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: installs the dependencies, builds, and
# runs the default benchmark matrix. Extra arguments go to `transformer-bench run`.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
exec "$root/build/bin/transformer-bench" run "$@"
