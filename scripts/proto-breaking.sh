#!/usr/bin/env bash
# Fails when proto/ breaks wire or source compatibility with the main branch.
set -euo pipefail
cd "$(dirname "$0")/.."
against="${1:-.git#branch=main}"
if ! git rev-parse --verify -q main >/dev/null; then
  echo "proto-breaking: no main branch to compare against; nothing to check"
  exit 0
fi
npx --no-install buf breaking --against "$against"
