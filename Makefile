# Two commands: `make run` and `make test`. Everything else is a step they share.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian's Python can load mod_spatialite; pyenv builds here cannot.
PYTHON_SYS ?= /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PG_TEST_URL ?= postgis://postgres@127.0.0.1:5432/atlas
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup system-deps run serve test test-spatialite test-postgis lint bench

help:
	@echo "make run   - set up, load the default gazetteer and demo reports, serve on 127.0.0.1:8000"
	@echo "make test  - set up, lint, run the whole suite on SpatiaLite and on PostGIS"
	@echo "make serve - production: gunicorn (+ Celery worker and beat when CELERY_EAGER=0), docs/operations.md"

setup: system-deps $(VENV)/.installed node_modules/.installed

system-deps:
	@scripts/install-system-deps.sh

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON_SYS) -c "import sqlite3; sqlite3.connect(':memory:').enable_load_extension(True)" 2>/dev/null || \
	  { echo "error: $(PYTHON_SYS) cannot load SQLite extensions (SpatiaLite). Use Debian's python3: make PYTHON_SYS=/usr/bin/python3" >&2; exit 1; }
	$(PYTHON_SYS) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: setup
	@if [[ "$${DATABASE_URL:-}" == postgis://* ]]; then scripts/ensure-postgres.sh "$${DATABASE_URL##*/}"; fi
	$(MANAGE) migrate --noinput
	$(MANAGE) gazetteer_load_default
	$(MANAGE) ingest demo/reports
	$(MANAGE) atlas_create_analyst
	$(MANAGE) runserver 127.0.0.1:8000

# Production settings: SECRET_KEY and ALLOWED_HOSTS must be in the environment (docs/operations.md).
serve: setup
	@if [[ "$${DATABASE_URL:-}" == postgis://* ]]; then scripts/ensure-postgres.sh "$${DATABASE_URL##*/}"; fi
	scripts/serve.sh

test: setup lint test-spatialite test-postgis

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test-spatialite:
	@echo "==> Test suite on SpatiaLite"
	DATABASE_URL=spatialite:///$(CURDIR)/var/test.sqlite3 $(VENV)/bin/pytest --durations=15

# The pure packages' tests (no Django, no database) ran in the SpatiaLite pass already.
PURE_TESTS := tests/geoparser tests/extraction tests/evaluation

test-postgis:
	@scripts/ensure-postgres.sh
	@echo "==> Test suite on PostGIS (the pure packages' tests ran above)"
	DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest --durations=15 $(addprefix --ignore=,$(PURE_TESTS))

bench: setup
	$(PY) -m bench
