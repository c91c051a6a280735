#!/usr/bin/env bash
# Installs what the platform needs to run: uv (from PyPI), the Python environment from
# uv.lock, and the front-end packages from package-lock.json; from Debian, only if missing,
# the Pango libraries and the DejaVu fonts WeasyPrint needs for the PDFs (docs/events.md).
# Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so.0" || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || missing+=(libpangoft2-1.0-0)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing from Debian: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! python -m uv --version >/dev/null 2>&1; then
  echo "==> Installing uv from PyPI"
  python -m pip install --quiet --disable-pip-version-check uv
fi
echo "==> Python environment (uv sync)"
python -m uv sync --frozen ${UV_SYNC_ARGS:-}
if [ ! -d node_modules/@kern-ux/native ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Front-end packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
