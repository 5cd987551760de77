#!/usr/bin/env bash
# Installs what the tests and the lab need on a fresh machine of this kind (Debian 12, Node 20).
# Idempotent: a second run only checks. Used by `npm run check` and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "illmlab needs Node.js 20 or newer (found $(node --version))." >&2
  exit 1
fi

# Debian packages the test suites use, installed only when missing: Chromium drives the
# end-to-end tests; Prometheus (and promtool) answers the query tests and checks rules; openssl
# makes the certificates of the Kubernetes API stand-in; code-server's install
# (scripts/install-code-server.sh) needs libkrb5-dev and ripgrep.
apt_packages=(chromium prometheus openssl libkrb5-dev ripgrep)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

# The apps under images/ are npm packages of their own: their tests, and the no-cluster proof
# that runs metrics-app, need their dependencies.
for app in images/*/; do
  if [ -f "$app/package-lock.json" ] && { [ ! -f "$app/node_modules/.package-lock.json" ] || [ "$app/package-lock.json" -nt "$app/node_modules/.package-lock.json" ]; }; then
    echo "setup: npm ci in $app"
    npm ci --prefix "$app" --no-audit --no-fund
  fi
done
