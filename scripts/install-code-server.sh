#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last line that runs on Node 20) into a cache
# outside the work tree, following ../shared/TEST-ENV.md's verified recipe for this machine:
# install scripts are skipped (they download from the internet) and the native modules rebuilt.
# Prints the path of entry.js. Idempotent: a finished install is reused.
set -euo pipefail
version=4.100.3
cache="${ILLMLAB_CACHE:-$HOME/.cache/illmlab}"
dir="$cache/code-server-$version"
entry="$dir/package/out/node/entry.js"
if [ -f "$dir/.complete" ]; then
  echo "$entry"
  exit 0
fi

need=()
for pkg in libkrb5-dev ripgrep; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ "${#need[@]}" -gt 0 ]; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi

rm -rf "$dir" && mkdir -p "$dir"
cd "$dir"
npm pack "code-server@$version" --silent >&2
tar -xzf "code-server-$version.tgz"
cd package
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2
npm rebuild argon2 --loglevel=error >&2
cd lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2
npm_config_yes=true npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid --loglevel=error >&2
mkdir -p node_modules/@vscode/ripgrep/bin
cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
touch "$dir/.complete"
echo "$entry"
