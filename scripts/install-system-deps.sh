#!/usr/bin/env bash
# Installs the Debian packages Lianxin's tests and tools use beyond Node and npm:
#   chromium          the real browser the browser tests drive (/usr/bin/chromium)
#   fonts-noto-cjk    Chinese type for PNG/PDF posters and for screenshots
#   zbar-tools        zbarimg, which decodes the QR codes of posters in the tests
#   poppler-utils     pdftotext, which reads the posters' PDF text back in the tests
#   libreoffice-calc  LibreOffice, which reads the Excel exports back (converted to CSV) in the tests
#   postgresql-client psql, to create the test database; curl for the start check
#   faketime          runs the date-sensitive tests with the clock moved ahead (.ci/run)
#   nginx             the load balancer in front of three app nodes in the multi-node test
#                     (scripts/test-multinode.ts starts its own, from a generated config; the
#                     package's own service is not needed)
#   wrk               the HTTP load generator of `npm run bench:bare`
# Safe to run again; needs root (or sudo) for apt-get. The server itself needs none of them,
# except that PNG and PDF posters need a CJK font (fonts-noto-cjk or LIANXIN_POSTER_FONT).
set -euo pipefail

PACKAGES=(postgresql-client curl chromium fonts-noto-cjk zbar-tools poppler-utils libreoffice-calc faketime nginx wrk)
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
