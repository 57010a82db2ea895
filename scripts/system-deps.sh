#!/usr/bin/env bash
# Chromium (browser tests, print-to-PDF handouts) and fonts, from Debian's own packages.
# Installed only when missing; as root it installs them, otherwise it says exactly what to install.
set -euo pipefail
PACKAGES=(chromium fonts-dejavu-core fonts-liberation2)
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
dpkg -s fonts-liberation2 >/dev/null 2>&1 || missing+=(fonts-liberation2)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing from Debian: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "The tests need: ${missing[*]} (Debian/Ubuntu: sudo apt-get install ${PACKAGES[*]} nodejs npm)." >&2
  echo "Set CHROMIUM=/path/to/chromium to use another Chromium or Chrome build." >&2
  exit 1
fi
