#!/usr/bin/env bash
# Installs the Debian packages the benchmarks drive: wrk (the HTTP load generator of the ceiling
# comparison in bench/plafond.py). Idempotent; does nothing when present.
set -euo pipefail
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "bench-tools: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
