#!/usr/bin/env bash
# Chromium (browser tests, print-to-PDF handouts) and fonts, from Debian's own packages.
# Installed only when missing; as root it installs them, otherwise it says exactly what to install.
set -euo pipefail
PACKAGES=(chromium fonts-dejavu-core fonts-liberation2 poppler-utils default-jre-headless)
missing=()
# CHROMIUM names another Chromium or Chrome build (e.g. the one GitHub's Ubuntu runners ship): then none is installed.
if [ -n "${CHROMIUM:-}" ]; then
  [ -x "$CHROMIUM" ] || { echo "CHROMIUM=$CHROMIUM is not an executable file." >&2; exit 1; }
else
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fi
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
dpkg -s fonts-liberation2 >/dev/null 2>&1 || missing+=(fonts-liberation2)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)          # PDF text for the handout tests
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)        # the Nu HTML Checker (vnu-jar)
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
