#!/usr/bin/env bash
# Regenerates packages/proto/src/gen from proto/ with the local protoc-gen-es plugin (offline).
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install buf lint
npx --no-install buf format -w
npx --no-install buf generate
