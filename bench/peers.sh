#!/bin/bash
# make bench-peers: the portal and the two peers (django-wiki, Wagtail from ../shared/peerbench)
# on the same corpus, like for like, BENCH_REPEAT times in one go, then compare.py's tables.
#
#   bash bench/peers.sh            (the Makefile passes every variable below)
#
# Each repetition measures, back to back so they share the machine's load:
#   - the peers in-process in their three cache modes (peerbench run_bench.sh: LocMemCache,
#     DummyCache, PageCache), plus their last listing page, which peerbench does not measure;
#   - the portal in-process on PostgreSQL and on SQLite (the peers run on SQLite), the compared
#     pages only, with its caches warm (served and rendered) and with every cache off;
# and the first repetition also over HTTP (run_load.sh for the peers, bench/http.sh for the
# portal on both databases; BENCH_HTTP=0 skips it). Results stay in $PEERS_DIR/runs/<i>/{peers,portal}/; the tables
# go to stdout and $PEERS_DIR/runs/comparison.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
N=${BENCH_N:-10000}
REPEAT=${BENCH_REPEAT:-3}
RUNS=${BENCH_RUNS:-20}
PEERBENCH=${PEERBENCH:-$(cd "$ROOT/../shared/peerbench" && pwd)}
PEERS_DIR=${PEERS_DIR:-/tmp/peers}
PG_URL=${BENCH_PEERS_URL:-postgres://postgres@127.0.0.1:5432/kompetenshandboken_peers_bench}
SQLITE_URL=${BENCH_PEERS_SQLITE_URL:-sqlite:///$ROOT/bench-peers.sqlite3}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

# Production-like settings, one secret key for every step (bench/http.sh's session cookie).
export DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=testserver,127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_LOG_LEVEL=WARNING EMAIL_DISABLED=1
# Redis as the shared cache, as in production (and as make bench / bench-pg run).
export REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/6}
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')}

# The peers, built from PyPI (minutes); a directory built earlier for the same N is reused.
if [ -f "$PEERS_DIR/.built-n" ] && [ "$(cat "$PEERS_DIR/.built-n")" = "$N" ]; then
    echo "Reusing the peers in $PEERS_DIR ($N articles)"
else
    if [ -e "$PEERS_DIR" ] && [ ! -f "$PEERS_DIR/.built-n" ]; then
        echo "$PEERS_DIR exists but was not built by make bench-peers; remove it or set PEERS_DIR" >&2
        exit 1
    fi
    rm -rf "$PEERS_DIR"
    bash "$PEERBENCH/setup.sh" "$PEERS_DIR" "$N"
    echo "$N" > "$PEERS_DIR/.built-n"
fi
python3 "$PEERS_DIR/common/textgen.py" "$N" > "$PEERS_DIR/corpus.jsonl"

# The portal on the peers' own corpus, on both databases (seeded only when missing or other;
# BENCH_RESEED=1 seeds again, e.g. after the seeder changed).
for URL in "$PG_URL" "$SQLITE_URL"; do
    DATABASE_URL=$URL "$PY" -m bench.seed --n "$N" --corpus "$PEERS_DIR/corpus.jsonl" \
        ${BENCH_RESEED:+--force}
done

# The peers in-process: what peerbench's run_bench.sh runs (its common/bench.py, the same pages
# and settings, the three cache modes), plus their last listing page (30 articles a page in
# both), which it does not measure, and BENCH_RUNS timed runs like the portal. django-wiki is
# measured in the first repetition only, 5 runs: it is not the target, and its listing pages
# take seconds each.
LAST=$(( (N + 29) / 30 ))
peer_bench() {
    local cache
    for cache in locmem dummy pagecache; do
        if [ "$1" = 1 ]; then
            (cd "$PEERS_DIR/wiki" && BENCH_CACHE=$cache ../venv-wiki/bin/python ../common/bench.py \
                --name wiki --settings wikisite.settings --runs 5 --warmup 1 \
                --url hello=/_hello/ --url detail=/handbok/artikel-1000/ --url listing=/handbok/_dir/ \
                --url "search=/_search/?q=kvarnsten" --url "listing-deep=/handbok/_dir/?page=$LAST")
        fi
        (cd "$PEERS_DIR/wagtail" && BENCH_CACHE=$cache ../venv-wagtail/bin/python ../common/bench.py \
            --name wagtail --settings wtsite.settings.bench --runs "$RUNS" --warmup 2 \
            --url hello=/_hello/ --url detail=/handbok/artikel-1000/ --url listing=/handbok/ \
            --url "search=/search/?query=kvarnsten" --url "listing-deep=/handbok/?page=$LAST")
    done
}

PAGES=(--page hello --page detail --page list --page list-deep --page list-facets --page search)
rm -rf "$PEERS_DIR/runs"
for I in $(seq 1 "$REPEAT"); do
    echo "=== repetition $I of $REPEAT"
    RUN="$PEERS_DIR/runs/$I"
    mkdir -p "$RUN/peers" "$RUN/portal"
    rm -rf "$PEERS_DIR/results"
    peer_bench "$I"
    for URL in "$PG_URL" "$SQLITE_URL"; do
        DATABASE_URL=$URL "$PY" -m bench.run --runs "$RUNS" "${PAGES[@]}" --output-dir "$RUN/portal"
        DATABASE_URL=$URL "$PY" -m bench.run --runs "$RUNS" "${PAGES[@]}" --caches off --output-dir "$RUN/portal"
    done
    if [ "$I" = 1 ] && [ "${BENCH_HTTP:-1}" = 1 ]; then
        bash "$PEERBENCH/run_load.sh" "$PEERS_DIR"
        for URL in "$PG_URL" "$SQLITE_URL"; do
            DATABASE_URL=$URL BENCH_OUTPUT_DIR="$RUN/portal" bash bench/http.sh
        done
    fi
    cp "$PEERS_DIR"/results/*.json "$PEERS_DIR"/results/*.txt "$RUN/peers/" 2>/dev/null || true
done
"$PY" bench/compare.py peers --peers-dir "$PEERS_DIR" | tee "$PEERS_DIR/runs/comparison.md"
