#!/usr/bin/env bash
# `npm run demo`: installs npm dependencies when needed, then runs the embedded cluster demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
exec npx --no-install tsx services/cli/src/main.ts demo "$@"
