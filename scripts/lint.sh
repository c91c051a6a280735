#!/usr/bin/env bash
# Static checks that run beside the tests (make lint). Every step runs even if an earlier one
# fails; the script lists the failed steps at the end and exits non-zero if there are any.
# `make fmt` applies the formatters.
set -uo pipefail
cd "$(dirname "$0")/.."
RUN="python -m uv run --frozen"
failed=()

step() {  # step "title" command...
  local title=$1
  shift
  printf '\n==> %s\n' "$title"
  "$@" || failed+=("$title")
}

mypy_files() {
  # Every services and queries module or package, the ports between apps and the helpers
  # that decide privacy and data rights (docs/architecture.md).
  find src/stadtgespraeche -path '*/migrations' -prune -o -name '*.py' \( \
    -name services.py -o -name queries.py -o -path '*/services/*' -o -path '*/queries/*' \
    -o -path '*/rooms/providers/*' -o -name privacy.py -o -name suggestions.py \
    -o -name personal_data.py -o -path '*/events/changes.py' -o -path '*/events/participation.py' \
    -o -path '*/core/audit.py' -o -path '*/core/mail.py' -o -path '*/core/htmx.py' \
    -o -path '*/core/throttling.py' -o -path '*/core/periodic.py' -o -path '*/core/indexing.py' \
    -o -path '*/core/uploads.py' -o -path '*/core/tasks.py' -o -path '*/core/converters.py' \
    -o -path '*/core/pdf.py' -o -path '*/core/markdown.py' \
    -o -path '*/operations/*' -o -path '*/notifications/kinds.py' \) -print | sort
}

# The one run of `check --deploy` per `make test` (the test suite does not repeat it): the
# production settings with no setting variable from the caller's environment (the same names
# as SETTINGS_VARIABLES in src/tests/test_settings_deploy.py), only production-like values.
deploy_check() {
  local data_dir output status
  data_dir=$(mktemp -d /tmp/stadtgespraeche-deploy.XXXXXX)
  output=$(env -u DEBUG -u STADTGESPRAECHE_DEMO -u SECRET_KEY -u SECRET_KEY_FILE -u DATABASE_URL \
    -u ALLOWED_HOSTS -u EMAIL_BACKEND -u SECURE_SSL_REDIRECT -u SECURE_HSTS_SECONDS \
    -u DJANGO_SETTINGS_MODULE \
    SECRET_KEY="lint-only-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
    ALLOWED_HOSTS=stadtgespraeche.example.org \
    CSRF_TRUSTED_ORIGINS=https://stadtgespraeche.example.org \
    SITE_URL=https://stadtgespraeche.example.org \
    DATA_DIR="$data_dir" \
    $RUN stadtgespraeche check --deploy --fail-level WARNING 2>&1)
  status=$?
  rm -rf "$data_dir"
  printf '%s\n' "$output"
  if [ $status -eq 0 ] && ! grep -q "System check identified no issues" <<<"$output"; then
    echo "check --deploy reported issues below WARNING level; the production settings give none"
    status=1
  fi
  return $status
}

mapfile -t typed < <(mypy_files)

step "ruff lint" $RUN ruff check .
step "ruff format --check" $RUN ruff format --check .
step "mypy with django-stubs (services, queries, core helpers)" \
  env STADTGESPRAECHE_DEMO=1 $RUN mypy "${typed[@]}"
step "import-linter (app dependency direction)" $RUN lint-imports
step "template format (djangofmt --check)" $RUN djangofmt --check src/stadtgespraeche
step "template lint (djangofmt check)" $RUN djangofmt check src/stadtgespraeche
step "migrations up to date (makemigrations --check)" \
  env STADTGESPRAECHE_DEMO=1 $RUN stadtgespraeche makemigrations --check --dry-run
step "deployment checks (check --deploy --fail-level WARNING, production-like settings)" \
  deploy_check
step "translations (scripts/check_messages.py)" \
  $RUN python scripts/check_messages.py

if [ ${#failed[@]} -gt 0 ]; then
  printf '\n==> lint FAILED in %d step(s):\n' "${#failed[@]}"
  printf '    - %s\n' "${failed[@]}"
  exit 1
fi
printf '\n==> lint passed\n'
