# Kompetenshandboken: the commands a developer needs. `make run` and `make test` work from a
# fresh clone with only Python 3.12+ installed.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The first interpreter that is Python 3.12 or newer. pyenv shims for missing versions fail the
# version check, so they are skipped instead of breaking the build.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	echo $$p; break; fi; done)
STAMP := $(VENV)/.installed
# requirements.lock pins every package, transitive ones too, with the sha256 of each PyPI file:
# `make venv` installs exactly that, and `make lock` regenerates it from pyproject.toml. pip-tools
# runs in a throwaway virtualenv and resolves against PyPI alone (no local pip configuration), so
# the hashes are those of the public files and the lock works on any machine.
LOCK := requirements.lock
PIP_TOOLS := pip-tools==7.6.2
LOCK_INDEX_URL ?= https://pypi.org/simple
# Local commands run in development mode unless told otherwise; production sets DJANGO_DEBUG=0
# and must then provide a real secret key and allowed hosts.
export DJANGO_DEBUG ?= 1
# Links, QR codes, e-mails, PDFs and the site's name in account mails (set by migrate) point at
# SITE_URL: by default the address `make run` serves, PORT included; a SITE_URL in the
# environment is kept.
SITE_URL ?= http://127.0.0.1:$(PORT)
RUN_ENV = SITE_URL=$(SITE_URL)

.PHONY: help run test test-browser lint format migrations-check messages messages-check seed venv lock clean audit vnu
.PHONY: bench bench-pg bench-peers lighthouse

help:
	@echo "make run               install, migrate, load the demo handbook, serve on http://127.0.0.1:$(PORT)"
	@echo "make test              the whole test suite (set DATABASE_URL for PostgreSQL)"
	@echo "make lint              ruff, and import-linter for the direction of dependencies"
	@echo "make migrations-check  fail if models and migrations disagree"
	@echo "make messages          update and compile the translation catalogues"
	@echo "make messages-check    fail if a string in the code is missing or untranslated there (CI)"
	@echo "make lock              regenerate requirements.lock (hashes) after editing pyproject.toml"
	@echo "make vnu               the W3C HTML checker (npm vnu-jar, needs Java) for the browser tests"
	@echo "make audit             check --deploy, pip-audit on the lock, hostile input against gunicorn"
	@echo "make lighthouse        Lighthouse accessibility, best practices and SEO at 100 on six pages"
	@echo "make bench             benchmark on SQLite (bench.sqlite3, BENCH_N methods, default 10000)"
	@echo "make bench-pg          the same on PostgreSQL (BENCH_PG_URL, a *_bench database)"
	@echo "make bench-peers       django-wiki and Wagtail on the same corpus, side by side"

$(STAMP): $(LOCK) pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "Kompetenshandboken needs Python 3.12 or newer (python3.13 or python3.12 on PATH)."; \
		echo "None was found. Install Python 3.13, e.g. with your package manager or pyenv, and run make again."; \
		exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	@if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		rm -rf $(VENV); $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	@touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

seed: $(STAMP)
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py seed_demo

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-browser: $(STAMP)
	$(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

# The W3C Nu HTML Checker that checks every page the browser tests load
# (tests/browser/html_check.py), pinned, from npm into .cache/vnu, run with the machine's Java.
# --ignore-scripts: the package's install script would download a Java runtime of its own.
VNU_VERSION := 26.9.27
VNU_STAMP := .cache/vnu/.vnu-jar-$(VNU_VERSION)

vnu: $(VNU_STAMP)

$(VNU_STAMP):
	@command -v npm >/dev/null || { echo "make vnu needs npm (Debian package npm)"; exit 1; }
	@command -v java >/dev/null || echo "note: the checker needs Java (Debian package default-jre-headless)"
	rm -rf .cache/vnu
	npm install --no-save --ignore-scripts --no-audit --no-fund --prefix .cache/vnu vnu-jar@$(VNU_VERSION)
	@touch $(VNU_STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale en --ignore '.venv/*' --ignore 'tests/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --locale en --locale sv --ignore '.venv/*'

# CI: the committed catalogues hold every string the code has, each translated (a string added
# without `make messages` would show in Swedish on the English pages). Regenerates them and fails
# on any change but the source locations and the creation date.
messages-check: messages
	$(BIN)/python -m pytest tests/test_translations.py -q -p no:cacheprovider
	git diff --quiet -I '^#: ' -I '^"POT-Creation-Date' -- locale/ || { git diff --stat -- locale/; \
		echo "locale/ is out of date: run make messages, translate, commit" >&2; exit 1; }

# Resolves against PyPI with the Python that `make venv` uses; pip's own configuration and
# PIP_* index variables are switched off so a local mirror or wheel folder cannot end up in the lock.
lock:
	@if [ -z "$(PYTHON)" ]; then echo "make lock needs Python 3.12 or newer"; exit 1; fi
	@tools=$$(mktemp -d) && trap 'rm -rf "$$tools"' EXIT && \
	export PIP_CONFIG_FILE=/dev/null && \
	unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS PIP_NO_INDEX PIP_CONSTRAINT && \
	$(PYTHON) -m venv "$$tools" && \
	"$$tools/bin/python" -m pip install --quiet --index-url $(LOCK_INDEX_URL) $(PIP_TOOLS) && \
	CUSTOM_COMPILE_COMMAND="make lock" "$$tools/bin/pip-compile" --quiet --extra dev \
		--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--index-url $(LOCK_INDEX_URL) --output-file $(LOCK) pyproject.toml
	@echo "$(LOCK) updated; run make venv to install it"

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# What an outside tester would run (issue 12), in about a minute:
# 1. Django's deployment checks with production settings: DEBUG off, a fresh random secret key,
#    a real host name, behind the TLS proxy as deployed (docs/deploy.md), mail off on purpose.
#    Every warning fails; nothing is silenced.
# 2. pip-audit (a pinned version in a throwaway virtualenv, never in the lock) on the locked
#    packages, from the lock alone (--disable-pip: nothing is installed). bench/audit.py deps
#    judges its report: a known vulnerability fails, and so does a package that could not be
#    looked up, unless AUDIT_UNAUDITED=warn (then it is listed as not audited, never as safe).
# 3. bench/audit.py http: gunicorn with gunicorn.conf.py on a scratch SQLite database with the
#    demo handbook; the XSS, NUL and pathological-markdown corpora; no 5xx, nothing a browser
#    would run, every answer within gunicorn's timeout.
PIP_AUDIT := pip-audit==2.10.1
AUDIT_UNAUDITED ?= fail
AUDIT_ENV = DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
	DJANGO_ALLOWED_HOSTS=kompetenshandboken.se DJANGO_BEHIND_TLS_PROXY=1 EMAIL_DISABLED=1

audit: $(STAMP)
	$(AUDIT_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	@tools=$$(mktemp -d /tmp/kh-pip-audit.XXXXXX) && trap 'rm -rf "$$tools"' EXIT && \
	$(PYTHON) -m venv "$$tools/venv" && \
	PIP_CONFIG_FILE=/dev/null "$$tools/venv/bin/python" -m pip install --quiet \
		--disable-pip-version-check --index-url $(LOCK_INDEX_URL) $(PIP_AUDIT) && \
	echo "pip-audit on $(LOCK) ($(PIP_AUDIT))" && \
	{ "$$tools/venv/bin/pip-audit" -r $(LOCK) --require-hashes --disable-pip \
		--progress-spinner off --format json --output "$$tools/report.json" \
		2>"$$tools/pip-audit.log" || cat "$$tools/pip-audit.log"; } && \
	$(BIN)/python bench/audit.py deps "$$tools/report.json" --unaudited $(AUDIT_UNAUDITED)
	$(BIN)/python bench/audit.py http

# Benchmark (docs/performance.md), run as its own commands (python -m bench.seed, bench.run);
# the site never imports bench/. Never the development database: bench.seed only writes to a
# database whose name contains "bench". It seeds only when the data is missing or has another N.
BENCH_N ?= 10000
BENCH_RUNS ?= 20
BENCH_SQLITE_URL := sqlite:///$(CURDIR)/bench.sqlite3
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/kompetenshandboken_bench
# The portal on the peers' corpus: on PostgreSQL, its production database, and on SQLite, the
# peers' database in peerbench.
BENCH_PEERS_URL ?= postgres://postgres@127.0.0.1:5432/kompetenshandboken_peers_bench
BENCH_PEERS_SQLITE_URL := sqlite:///$(CURDIR)/bench-peers.sqlite3
# Repetitions of the peers comparison: ratios are reported as the median with each value.
BENCH_REPEAT ?= 3
BENCH_PDF ?= 200
PEERBENCH ?= $(abspath $(CURDIR)/../shared/peerbench)
PEERS_DIR ?= /tmp/peers
# Production-like settings: DEBUG off, a fresh random secret key, local hosts only, no TLS, Redis
# as the shared cache (BENCH_REDIS_URL; bench/http.sh takes REDIS_URL from the environment).
BENCH_ENV = DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
	DJANGO_ALLOWED_HOSTS=testserver,127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_LOG_LEVEL=WARNING \
	EMAIL_DISABLED=1 REDIS_URL=$${BENCH_REDIS_URL:-redis://127.0.0.1:6379/6}

bench: $(STAMP)
	@command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
	DATABASE_URL=$(BENCH_SQLITE_URL) $(BENCH_ENV) $(BIN)/python -m bench.seed --n $(BENCH_N)
	DATABASE_URL=$(BENCH_SQLITE_URL) $(BENCH_ENV) $(BIN)/python -m bench.run --runs $(BENCH_RUNS) --handbook-pdf $(BENCH_PDF)
	DATABASE_URL=$(BENCH_SQLITE_URL) $(BENCH_ENV) $(BIN)/python -m bench.run --runs $(BENCH_RUNS) --caches off
	DATABASE_URL=$(BENCH_SQLITE_URL) REDIS_URL=$${BENCH_REDIS_URL:-redis://127.0.0.1:6379/6} bash bench/http.sh

bench-pg: $(STAMP)
	@command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
	DATABASE_URL=$(BENCH_PG_URL) $(BENCH_ENV) $(BIN)/python -m bench.seed --n $(BENCH_N)
	DATABASE_URL=$(BENCH_PG_URL) $(BENCH_ENV) $(BIN)/python -m bench.run --runs $(BENCH_RUNS) --handbook-pdf $(BENCH_PDF)
	DATABASE_URL=$(BENCH_PG_URL) $(BENCH_ENV) $(BIN)/python -m bench.run --runs $(BENCH_RUNS) --caches off
	DATABASE_URL=$(BENCH_PG_URL) REDIS_URL=$${BENCH_REDIS_URL:-redis://127.0.0.1:6379/6} bash bench/http.sh

# The peers are built from PyPI into PEERS_DIR (minutes); a directory built earlier for the same
# N is reused. The portal loads the peers' own corpus on PostgreSQL and on SQLite, and both
# sides are measured BENCH_REPEAT times (bench/peers.sh says what, compare.py prints the tables).
bench-peers: $(STAMP)
	BENCH_N=$(BENCH_N) BENCH_RUNS=$(BENCH_RUNS) BENCH_REPEAT=$(BENCH_REPEAT) PEERBENCH=$(PEERBENCH) \
		PEERS_DIR=$(PEERS_DIR) BENCH_PEERS_URL=$(BENCH_PEERS_URL) \
		BENCH_PEERS_SQLITE_URL=$(BENCH_PEERS_SQLITE_URL) bash bench/peers.sh

# Lighthouse (issue 13): accessibility, best practices and SEO must be 100 on the start page, a
# phase, the method list, a method, search and the company list, with the mobile and desktop
# presets. bench/lighthouse.py serves the demo handbook from gunicorn with production settings
# on a scratch SQLite database and fails below 100. Lighthouse itself comes from npm, pinned,
# into a scratch prefix (not the project); it drives the Debian Chromium (CHROME_PATH).
LIGHTHOUSE_VERSION := 12.2.3
LIGHTHOUSE_PREFIX ?= /tmp/lh
LIGHTHOUSE_BIN := $(LIGHTHOUSE_PREFIX)/node_modules/.bin/lighthouse
CHROME_PATH ?= /usr/bin/chromium

lighthouse: $(STAMP)
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install -y npm"; exit 1; }
	@if [ "$$($(LIGHTHOUSE_BIN) --version 2>/dev/null)" != "$(LIGHTHOUSE_VERSION)" ]; then \
		npm install --prefix $(LIGHTHOUSE_PREFIX) --no-audit --no-fund lighthouse@$(LIGHTHOUSE_VERSION); fi
	CHROME_PATH=$(CHROME_PATH) $(BIN)/python bench/lighthouse.py --lighthouse $(LIGHTHOUSE_BIN)
