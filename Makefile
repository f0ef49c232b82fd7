# Samordna – see README.md. `make run` and `make test` are all a fresh machine needs.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/samordna

.PHONY: run test test-sqlite test-postgres lint format messages install install-dev chromium \
        migrate demo worker backup restore bench clean

$(VENV)/bin/activate:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Compile the translations (Swedish first). Needs gettext's msgfmt.
messages-compile:
	@command -v msgfmt >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	@if find samordna -name '*.po' | grep -q .; then $(PY) manage.py compilemessages --ignore=.venv -v 0; fi

# Extract new strings into the .po files (then translate them, see CONTRIBUTING.md).
messages: install-dev
	bash scripts/makemessages.sh

migrate: install messages-compile
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data

demo: migrate
	$(PY) manage.py seed_demo --if-empty

run: demo
	PORT=$(PORT) bash scripts/run.sh

worker: install
	$(PY) manage.py db_worker --queue-name '*'

# Tools the tests drive: Debian's chromium (browser tests) and poppler-utils (PDF text, tags, pages).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v pdftotext >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }

lint: install-dev
	@mkdir -p var
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory messages-compile

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The whole suite: lint, then SQLite (with browser tests), then PostgreSQL. Each pass runs in
# PYTEST_WORKERS pytest-xdist processes (one per core; PYTEST_WORKERS=0 runs in one process).
PYTEST_WORKERS ?= 2
XDIST := -n $(PYTEST_WORKERS) --dist worksteal
test: install-dev chromium lint test-sqlite test-postgres

test-sqlite: install-dev chromium messages-compile
	env -u DATABASE_URL $(VENV)/bin/pytest -q $(XDIST)

test-postgres: install-dev chromium messages-compile
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -q -m "not browser" $(XDIST)

backup: install
	$(PY) manage.py backup_database

# Database and uploaded files in one archive; FORCE=1 replaces a target that already holds data.
restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/samordna-….tar [FORCE=1]"; exit 2; }
	$(PY) manage.py restore_database $(FILE) $(if $(FORCE),--force)

# County-scale benchmarks (about 1/20 of national; see bench/README.md for the national runs):
# fill PostgreSQL, HTTP load on the main pages, a registration burst on PostgreSQL and SQLite.
BENCH_PG ?= postgres://postgres@127.0.0.1:5432/samordna_bench_county
BENCH_SQLITE ?= sqlite:////tmp/samordna-bench-county.sqlite3
bench: install
	DATABASE_URL=$(BENCH_PG) $(PY) bench/scale_data.py --scale county --reset
	DATABASE_URL=$(BENCH_PG) $(PY) bench/http_load.py --duration 5 --warmup 1
	DATABASE_URL=$(BENCH_PG) $(PY) bench/registration_burst.py --registrations 500 --concurrency 32
	DATABASE_URL=$(BENCH_SQLITE) $(PY) bench/scale_data.py --scale county --reset
	DATABASE_URL=$(BENCH_SQLITE) $(PY) bench/registration_burst.py --registrations 500 --concurrency 32

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
