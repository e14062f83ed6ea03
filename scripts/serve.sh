#!/usr/bin/env bash
# `make serve`: the production process set on this machine. Production settings; migrate and
# collectstatic, then gunicorn (config/gunicorn.py) in the foreground and, when CELERY_EAGER=0,
# a Celery worker and beat beside it. Ctrl-C stops all three. Same processes as the Procfile.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.production}"
BIN=.venv/bin
VAR="${ATLAS_VAR_DIR:-var}"
mkdir -p "$VAR"
# The release step: two independent commands (database, files) side by side.
$BIN/python manage.py migrate --noinput & migrate=$!
$BIN/python manage.py collectstatic --noinput -v0 & collect=$!
wait "$migrate"
wait "$collect"
pids=()
stop() { [[ ${#pids[@]} -eq 0 ]] || kill "${pids[@]}" 2>/dev/null || true; }
trap stop EXIT
if [[ "${CELERY_EAGER:-1}" =~ ^(0|false|no|off)$ ]]; then
  $BIN/celery -A config worker --loglevel=info --concurrency="${CELERY_CONCURRENCY:-2}" & pids+=($!)
  $BIN/celery -A config beat --loglevel=info --schedule="$VAR/celerybeat-schedule" & pids+=($!)
fi
$BIN/gunicorn -c config/gunicorn.py
