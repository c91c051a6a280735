#!/usr/bin/env bash
# Updates the German catalogue of every app (make messages): makemessages per app directory
# with the flags scripts/check_messages.py checks against, then compilemessages.
# Afterwards fill every empty msgstr, remove "#, fuzzy" flags, run this again (to compile)
# and commit the .po and .mo files. Pass app directory names to update only those apps.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=stadtgespraeche.settings
export STADTGESPRAECHE_DEMO=1
DJANGO_ADMIN="python -m uv run --frozen django-admin"

apps=("$@")
if [ ${#apps[@]} -eq 0 ]; then
  for config in src/stadtgespraeche/*/apps.py; do apps+=("$(basename "$(dirname "$config")")"); done
fi
for app in "${apps[@]}"; do
  dir="src/stadtgespraeche/$app"
  [ -f "$dir/apps.py" ] || { echo "No app directory $dir" >&2; exit 1; }
  created=""
  [ -d "$dir/locale" ] || { mkdir -p "$dir/locale"; created=1; }
  echo "==> $app: makemessages"
  (cd "$dir" && $DJANGO_ADMIN makemessages -l de --no-location --no-obsolete --verbosity 0)
  if [ -n "$created" ] && [ ! -f "$dir/locale/de/LC_MESSAGES/django.po" ]; then
    rm -r "$dir/locale"  # no translatable strings: no catalogue
    continue
  fi
  (cd "$dir" && $DJANGO_ADMIN compilemessages --verbosity 0)
done
echo "==> Catalogues updated; fill empty msgstr entries, then: make messages check-messages"
