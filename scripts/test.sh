#!/usr/bin/env bash
# `npm test`: set-up on a fresh machine, then type check, lint, proto checks and every suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-servers.sh
echo "== typecheck"; npx --no-install tsc -p tsconfig.json
echo "== lint"; npx --no-install biome ci --reporter=summary .
echo "== proto breaking"; bash scripts/proto-breaking.sh
mapfile -t files < <(find packages services e2e bench -name '*.test.ts' -not -path '*/node_modules/*' 2>/dev/null | sort)
echo "== tests (${#files[@]} files)"
node --import tsx --test --test-timeout=600000 "${files[@]}"
