# Kansenkamer: `make run` serves the portal, `make test` runs every check. Both set everything up first.

PYTHON ?= python3
PORT ?= 5000
VENV := .venv
BIN := $(VENV)/bin
# The PostgreSQL pass of `make test`; the tests create this database when it is missing.
TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/kansenkamer_test
export FLASK_APP := wsgi

.PHONY: setup run test lint messages clean

CATALOGUES := $(wildcard portal/translations/*/LC_MESSAGES/messages.po)

setup: $(VENV)/.installed portal/static/vendor/.copied $(CATALOGUES:.po=.mo)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The NL Design System CSS comes from npm at setup and is never committed.
portal/static/vendor/.copied: node_modules/.installed
	mkdir -p portal/static/vendor
	cp node_modules/@utrecht/component-library-css/dist/index.css portal/static/vendor/utrecht-components.css
	cp node_modules/@utrecht/design-tokens/dist/theme.css portal/static/vendor/utrecht-design-tokens.css
	touch $@

# Compiled catalogues are built here, never committed.
%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

# Refresh the catalogue after changing texts in code or templates; then translate the new entries.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract --no-location --sort-output --project Kansenkamer -F babel.cfg -k _l -o portal/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --width 120 -i portal/translations/messages.pot -d portal/translations

run: setup
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

lint: $(VENV)/.installed
	$(BIN)/ruff check .

test: setup lint
	@echo '== test suite on SQLite'
	$(BIN)/python -m pytest
	@echo '== test suite on PostgreSQL ($(TEST_POSTGRES_URL))'
	TEST_DATABASE_URL='$(TEST_POSTGRES_URL)' $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) node_modules portal/static/vendor .pytest_cache .ruff_cache
	find portal/translations -name '*.mo' -delete

# The speed of the staff's demand pages on 10,000 organisations and 50,000 postings: a fresh SQLite file,
# or PostgreSQL with BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/kansenkamer_bench
# (a database with "bench" in its name, dropped and created again). Prints `name: value unit` lines.
# Then the matching engine, without a database: ranking 100,000 candidates for one need, every pair of
# 1,000 needs and 20,000 candidates against a one-pair-at-a-time Python loop, and the peak memory.
.PHONY: bench
bench: setup
	$(BIN)/python benchmarks/demand.py
	$(BIN)/python benchmarks/matching.py
