#!/usr/bin/env bash
# Installs the test OpenID provider (npm package oidc-provider, version pinned in
# tests/oidc/package-lock.json) into tests/oidc/node_modules. Idempotent: does nothing when it
# is there. Needs Node.js (>= 20) and the npm registry; tests/web/test_oidc.py calls it too.
set -euo pipefail
cd "$(dirname "$0")/../tests/oidc"
if [ -f node_modules/oidc-provider/package.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "oidc-provider: npm ontbreekt; installeer Node.js 20 of nieuwer (apt-get install nodejs npm)" >&2
  exit 1
fi
echo "oidc-provider: npm ci in tests/oidc" >&2
npm ci --no-audit --no-fund --loglevel=error >&2
