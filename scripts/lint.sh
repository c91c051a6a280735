#!/usr/bin/env bash
# Static checks that run beside the tests (make lint).
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="python -m uv run --frozen"

echo "==> ruff lint"; $RUN ruff check .
echo "==> ruff format"; $RUN ruff format --check .
echo "==> import-linter"; $RUN lint-imports
echo "==> migrations up to date"; STADTGESPRAECHE_DEMO=1 $RUN stadtgespraeche makemigrations --check --dry-run
