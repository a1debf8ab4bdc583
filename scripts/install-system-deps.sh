#!/usr/bin/env bash
# Installs the Debian packages Lianxin's tests and tools use beyond Node and npm.
# Safe to run again; needs root (or sudo) for apt-get. Nothing here is needed to run the server.
set -euo pipefail

PACKAGES=(postgresql-client curl)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages present: ${PACKAGES[*]}"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
