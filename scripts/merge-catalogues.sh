#!/usr/bin/env bash
# Resolves merge conflicts in German catalogues (locale/de/LC_MESSAGES/django.po/.mo) after
# `git merge`: unites both sides' entries with msgcat (on a msgid translated differently,
# our side wins), refreshes the app's catalogue against its sources and recompiles the .mo
# (scripts/messages.sh), and stages the result. Check with `make check-messages`.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t conflicted < <(git diff --name-only --diff-filter=U -- '*/locale/*/LC_MESSAGES/django.po' '*/locale/*/LC_MESSAGES/django.mo')
if [ ${#conflicted[@]} -eq 0 ]; then
  echo "No conflicted catalogues."
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
apps=()
for path in "${conflicted[@]}"; do
  case "$path" in
    *.po)
      git show ":2:$path" > "$tmp/ours.po" 2>/dev/null || : > "$tmp/ours.po"
      git show ":3:$path" > "$tmp/theirs.po" 2>/dev/null || : > "$tmp/theirs.po"
      msgcat --use-first --no-location -o "$path" "$tmp/ours.po" "$tmp/theirs.po"
      echo "==> united $path"
      app=${path#src/stadtgespraeche/}; apps+=("${app%%/*}")
      ;;
  esac
done
./scripts/messages.sh "${apps[@]}"
for path in "${conflicted[@]}"; do git add "$path"; done
echo "==> Staged ${#conflicted[@]} catalogue files; fill any new empty msgstr, then make check-messages"
