#!/bin/bash
# The portal over HTTP: gunicorn (gunicorn.conf.py: 2 gthread workers x 4 threads, 127.0.0.1
# only) against the benchmark database, production-like settings (DEBUG off), then
# wrk -t2 -c8 -d10s --latency on:
#   - hello, and detail, list and search as anonymous readers get them (page cache on);
#   - detail and list again with Accept-Encoding: gzip (what compression costs and saves);
#   - detail and list as a signed-in member (a session cookie made by bench.run --session:
#     force_login, the session in the database; plain GETs need no CSRF token);
#   - detail and list rendered (a second gunicorn with PAGE_CACHE_SECONDS=0).
# compare.py turns the figures into requests per second per core and concurrent users. Each
# server is stopped by its process id when it is done, however the script ends.
#
#   bash bench/http.sh                 # bench.sqlite3
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kompetenshandboken_bench bash bench/http.sh
#
# Env: WRK_DURATION (10s), WRK_THREADS (2), WRK_CONNECTIONS (8), WRK_TIMEOUT (30s),
# BENCH_STATIC_ROOT, BENCH_OUTPUT_DIR (default bench/results), REDIS_URL (passed through).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

export DATABASE_URL=${DATABASE_URL:-sqlite:///$ROOT/bench.sqlite3}
export DJANGO_DEBUG=0
# One key for the cookie script and the servers: the session's auth hash depends on it.
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')}
export DJANGO_ALLOWED_HOSTS=testserver,127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=0
# No mail server here: mails are dropped, never printed with their links (core/mail.py).
export EMAIL_DISABLED=1
export DJANGO_LOG_LEVEL=${DJANGO_LOG_LEVEL:-WARNING}
# wrk sends thousands of searches a second from one address: the per-address search limit
# (60 a minute) would turn the measurement into one of 429 pages.
export RATELIMIT_SEARCH=0
export BENCH_STATIC_ROOT=${BENCH_STATIC_ROOT:-/tmp/kompetenshandboken-bench-static}
DURATION=${WRK_DURATION:-10s} THREADS=${WRK_THREADS:-2} CONNECTIONS=${WRK_CONNECTIONS:-8}
# wrk's default 2 s timeout drops the latencies of slow pages (they count only as errors).
TIMEOUT=${WRK_TIMEOUT:-30s}

# Which paths (they depend on the data), and the hashed static files the pages link to.
PAGES=$("$PY" -m bench.run --list-pages --page hello --page detail --page list --page search)
read -r _ VENDOR N SOURCE <<< "$(head -1 <<< "$PAGES")"
PAGES=$(tail -n +2 <<< "$PAGES")
path_of() { awk -v l="$1" '$1 == l {print $2}' <<< "$PAGES"; }
COOKIE=$("$PY" -m bench.run --session member | tail -1)
OUT=$(mktemp -d /tmp/kompetenshandboken-http.XXXXXX)
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
GPID=
FILES=()

start_server() {
    # The production configuration (gunicorn.conf.py), with 2 worker processes as before.
    "$ROOT/.venv/bin/gunicorn" -c "$ROOT/gunicorn.conf.py" --workers 2 --bind "127.0.0.1:$PORT" \
        --pid "$OUT/gunicorn.pid" --control-socket "$OUT/gunicorn.ctl" --access-logfile /dev/null \
        --error-logfile "$OUT/gunicorn.err" bench.wsgi:application &
    GPID=$!
    for _ in $(seq 1 100); do
        curl -sf -o /dev/null "http://127.0.0.1:$PORT/_hello/" && break
        kill -0 "$GPID" 2>/dev/null || { cat "$OUT/gunicorn.err" >&2; exit 1; }
        sleep 0.2
    done
    echo "gunicorn $GPID on 127.0.0.1:$PORT ($DATABASE_URL${PAGE_CACHE_SECONDS:+, PAGE_CACHE_SECONDS=$PAGE_CACHE_SECONDS})"
}
stop_server() {
    if [ -n "$GPID" ] && kill -0 "$GPID" 2>/dev/null; then
        kill -TERM "$GPID"
        wait "$GPID" || true
        echo "gunicorn $GPID stopped"
    fi
    GPID=
}
trap stop_server EXIT INT TERM

# run_wrk LABEL PATH [HEADER...]: check the status, warm both workers, then measure.
run_wrk() {
    local label=$1 urlpath=$2; shift 2
    local url="http://127.0.0.1:$PORT$urlpath" curl_headers=() wrk_headers=()
    for header in "$@"; do curl_headers+=(-H "$header"); wrk_headers+=(-H "$header"); done
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' "${curl_headers[@]}" "$url")
    [ "$status" = 200 ] || { echo "$label $urlpath answered $status" >&2; tail -20 "$OUT/gunicorn.err" >&2; exit 1; }
    for _ in 1 2 3 4 5 6 7 8; do curl -s -o /dev/null "${curl_headers[@]}" "$url"; done
    echo "== wrk $label $urlpath $*"
    timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency \
        "${wrk_headers[@]}" "$url" | tee "$OUT/$label.txt"
    FILES+=("$label=$urlpath=$OUT/$label.txt")
}

start_server
for LABEL in hello detail list search; do run_wrk "$LABEL" "$(path_of "$LABEL")"; done
for LABEL in detail list; do run_wrk "$LABEL-gzip" "$(path_of "$LABEL")" "Accept-Encoding: gzip"; done
for LABEL in detail list; do run_wrk "member-$LABEL" "$(path_of "$LABEL")" "Cookie: $COOKIE"; done
stop_server
# What the first reader after a change, or a rare URL, gets: the page cache off.
PAGE_CACHE_SECONDS=0 start_server
for LABEL in detail list; do run_wrk "$LABEL-rendered" "$(path_of "$LABEL")"; done
stop_server

"$PY" bench/compare.py wrk-json --database "$VENDOR" --n "$N" --source "$SOURCE" --threads "$THREADS" --connections "$CONNECTIONS" \
    --duration "$DURATION" ${BENCH_OUTPUT_DIR:+--output-dir "$BENCH_OUTPUT_DIR"} "${FILES[@]}"
rm -rf "$OUT"
