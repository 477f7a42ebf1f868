#!/bin/bash
# Load test on PostgreSQL (see bench/load.py for what it does and checks):
#
#   bash bench/load.sh                                   # 50 clients, 60 s
#   bash bench/load.sh --clients 50 --seconds 60 --restart-db-at 20 [--outage 5]
#
# Recreates the scratch database kh_load_run. gunicorn is stopped by its process id and
# PostgreSQL is started again when the script ends, however it ends. Results: bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
PIDFILE=$(mktemp /tmp/kh-load-gunicorn.XXXXXX)

cleanup() {
    local pid
    pid=$(cat "$PIDFILE" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" && echo "gunicorn $pid stopped"
    fi
    rm -f "$PIDFILE"
    # A run stopped while PostgreSQL was down must not leave it down.
    if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
        echo "starting PostgreSQL again"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    fi
}
trap cleanup EXIT INT TERM

.venv/bin/python bench/load.py --pid-file "$PIDFILE" "$@"
