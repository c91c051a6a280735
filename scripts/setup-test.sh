#!/usr/bin/env bash
# Installs what the test suite needs beyond scripts/setup.sh: Chromium from Debian for the
# browser tests and gettext for the translation check (the PDF's fonts and Pango come with
# scripts/setup.sh; the PDF tests need them as well). PostgreSQL comes from the machine's
# binaries (scripts/with-postgres.sh) and is installed from Debian only if absent.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing from Debian: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
