#!/usr/bin/env bash
# Installs what the platform needs to run: uv (from PyPI), the Python environment from
# uv.lock, and the front-end packages from package-lock.json. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

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
