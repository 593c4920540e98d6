#!/usr/bin/env bash
# Makes sure nats-server and redis-server exist; installs Debian's packages when running as root.
set -euo pipefail
missing=()
command -v nats-server >/dev/null 2>&1 || missing+=(nats-server)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-servers: installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian packages start system services; the tests start their own on free ports.
  for svc in nats-server redis-server; do
    (command -v systemctl >/dev/null 2>&1 && systemctl stop "$svc" >/dev/null 2>&1) || true
  done
  exit 0
fi
echo "ensure-servers: missing ${missing[*]}. Install them (Debian: apt-get install ${missing[*]}) and run again." >&2
exit 1
