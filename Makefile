# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run test test-snel test-tools bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

## Start the service on http://$(HOST):$(PORT) with the demo data (SQLite in ./data).
run: install
	mkdir -p data
	$(PY) -m alembic upgrade head
	$(VENV)/bin/paraaf demo laden
	$(VENV)/bin/uvicorn app.main:app --host $(HOST) --port $(PORT)

## System packages the tests need (LibreOffice, poppler, Chromium); idempotent.
test-tools:
	scripts/test-tools.sh

## The whole suite: SQLite always, PostgreSQL when it is reachable.
test: install test-tools
	$(PY) -m pytest -n 2 -p xdist

## Everything but the slow end-to-end tests.
test-snel: install
	$(PY) -m pytest -m "not traag"

clean:
	rm -rf $(VENV) data
