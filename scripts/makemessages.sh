#!/usr/bin/env bash
# Extract translatable strings into the Swedish .po files: one catalogue per app that has a
# locale/ folder, and the project catalogue (samordna/locale) for the rest.
set -euo pipefail
cd "$(dirname "$0")/../samordna"
DJ=../.venv/bin/django-admin
ignores=()
for app in */; do
  app=${app%/}
  if [ -d "$app/locale" ]; then
    (cd "$app" && $DJ makemessages -l sv -l en --no-obsolete --no-location)
    ignores+=(--ignore "$app/*.*")
  fi
done
$DJ makemessages -l sv -l en --no-obsolete --no-location "${ignores[@]}"
