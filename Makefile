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
# Local commands run in development mode unless told otherwise; production sets DJANGO_DEBUG=0
# and must then provide a real secret key and allowed hosts.
export DJANGO_DEBUG ?= 1

.PHONY: help run test test-browser lint format migrations-check messages seed venv clean

help:
	@echo "make run               install, migrate, load the demo handbook, serve on http://127.0.0.1:$(PORT)"
	@echo "make test              the whole test suite (set DATABASE_URL for PostgreSQL)"
	@echo "make lint              ruff"
	@echo "make migrations-check  fail if models and migrations disagree"
	@echo "make messages          update and compile the translation catalogues"

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "Kompetenshandboken needs Python 3.12 or newer (python3.13 or python3.12 on PATH)."; \
		echo "None was found. Install Python 3.13, e.g. with your package manager or pyenv, and run make again."; \
		exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	@if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		rm -rf $(VENV); $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

seed: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-browser: $(STAMP)
	$(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale en --ignore '.venv/*' --ignore 'tests/*' --ignore 'methods/demo/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --locale en --locale sv --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
