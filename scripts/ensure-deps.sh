#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
marker=node_modules/.package-lock.json
if [ ! -f "$marker" ] || [ package-lock.json -nt "$marker" ] || [ package.json -nt "$marker" ]; then
  echo "ensure-deps: installing npm dependencies from package-lock.json"
  # Not `npm ci`: npm 11.19 rejects lockfiles whose optional platform packages (biome, buf)
  # were not installable here. `npm install` honours the lockfile's pinned versions.
  npm install --no-audit --no-fund
fi
