"""gunicorn settings for Kompetenshandboken (gunicorn 27, see requirements.lock).

    gunicorn -c gunicorn.conf.py handbook_site.wsgi

Options on the command line win over this file, so an instance can still pass its own
`--bind 10.0.0.11:8000` (docs/deploy.md). The load test (bench/load.py), the HTTP benchmark
(bench/http.sh), `make audit` (bench/audit.py) and tests/test_gunicorn_config.py start gunicorn
with this file, so what they measure is what production runs.
"""

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


# Loopback unless told otherwise: a public address is a decision made on the command line
# (--bind) or with GUNICORN_BIND, never a default. PORT is the usual platform variable.
bind = [os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{_int('PORT', 8000)}"]

# gthread, not the default sync worker. A sync worker serves one connection at a time and
# blocks on it while the client is still sending: two clients that sent half a request line
# held both workers of a two-worker server, and /healthz waited until the worker timeout killed
# them (32 s, issue 12). A gthread worker accepts every connection in its main loop and gives a
# connection to a thread only once bytes arrived; a client that sent part of a request and
# stalls still holds one thread until it disconnects, so the threads bound how many such
# clients one instance survives (workers x threads - 1). In production the load balancer
# (nginx, HAProxy) reads the whole request before it forwards it (nginx's
# proxy_request_buffering, client_header_timeout and client_body_timeout, all on by default),
# so no slow client reaches gunicorn at all; this setting is the second line.
worker_class = "gthread"
# Processes: about one per core (more do not add throughput on two cores, docs/deploy.md);
# threads: a worker keeps serving while a thread waits for PostgreSQL. 4 x 4 held 50 signed-in
# clients reading and writing (bench/load.py, docs/reliability.md).
workers = _int("GUNICORN_WORKERS", 4)
threads = _int("GUNICORN_THREADS", 4)
# Connections a worker keeps open at once (kept-alive and waiting ones included); beyond it the
# worker stops accepting and the listen queue (backlog) holds the rest.
worker_connections = 1000
backlog = 2048

# A worker whose main loop has not reported for this long is killed and replaced. With gthread
# the main loop keeps reporting while threads work, so this catches a hung process (a C
# extension stuck while holding the GIL), not a slow page; the work of a request is bounded in
# the application (the markdown and diff budgets, the database statement timeout) and
# bench/audit.py checks that every hostile request is answered well within this.
timeout = 30
# On a restart (HUP, a deploy), requests in progress get this long to finish before the worker
# is killed: longer than the slowest page, short enough that a deploy does not hang.
graceful_timeout = 30
# Seconds an idle kept-alive connection stays open. Behind a load balancer that reuses its
# upstream connections (nginx "keepalive 32") a few seconds save a TCP handshake per request
# without idle connections holding worker slots for long; nginx retries a request on a
# connection gunicorn closed meanwhile (proxy_next_upstream error).
keepalive = 5

# Request size limits, checked by gunicorn before Django sees anything; beyond them the client
# gets 414 (request line) or 431/400 (headers) and no thread does work for it.
# The request line (method, path and query string, version): the longest links of the site are
# filtered method lists with several facets ticked, well under this; 4094 is gunicorn's default.
# Over it: 414 URI Too Long.
limit_request_line = 4094
# Header fields: a browser sends 10-20, the proxy adds a few forwarding headers.
limit_request_fields = 50
# One header field: the Cookie header is the largest (session, CSRF, language and messages
# cookies, a few hundred bytes); 8190 is gunicorn's default and leaves room for a long one.
limit_request_field_size = 8190

# Logs to stderr, where the process manager (systemd, the container runtime) collects them;
# the access log is the load balancer's job.
errorlog = "-"
accesslog = None
