#!/usr/bin/env bash
# Serve Samordna on 127.0.0.1:$PORT with a task worker beside it; stop both on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
PY=.venv/bin/python
mkdir -p var/mail var/log
# This script starts the only worker: a task left RUNNING now belongs to a worker that died.
$PY manage.py requeue_stale_tasks --older-than 0 >>var/log/worker.log 2>&1
$PY manage.py db_worker --queue-name '*' >>var/log/worker.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
echo "Task worker running (pid $WORKER, log var/log/worker.log)."
echo "Samordna: http://127.0.0.1:${PORT}/  (e-mail is written to var/mail/)"
$PY manage.py runserver "127.0.0.1:${PORT}" --noreload
