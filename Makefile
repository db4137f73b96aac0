# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run demo-opnieuw test test-snel test-tools bench check lint clean

$(STAMP): pyproject.toml
	@echo "==> Paraaf installeren in $(VENV) (eenmalig, enkele minuten)"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install --progress-bar on -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@
	@echo "==> Installatie klaar"

install: $(STAMP)

## Start the service on http://$(HOST):$(PORT) with the demo data (SQLite in ./data).
## Another port: make run PORT=8080 (HOST=0.0.0.0 to listen on all interfaces).
run: install
	mkdir -p data
	@echo "==> Database bijwerken (data/paraaf.db)"
	$(PY) -m alembic upgrade head
	@echo "==> Demogegevens laden"
	$(VENV)/bin/paraaf demo laden
	@echo "==> Paraaf draait op http://$(HOST):$(PORT) (stoppen: Ctrl-C)"
	$(VENV)/bin/uvicorn app.main:app --host $(HOST) --port $(PORT)

## Start again with fresh demo data: the SQLite database in ./data is removed first.
demo-opnieuw:
	rm -f data/paraaf.db data/paraaf.db-wal data/paraaf.db-shm
	$(MAKE) run HOST=$(HOST) PORT=$(PORT)

## System packages the tests need (LibreOffice, poppler, Chromium); idempotent.
test-tools:
	scripts/test-tools.sh

## The whole suite: SQLite always, PostgreSQL when it is reachable.
test: install test-tools
	$(PY) -m pytest -n 2 -p xdist

## Everything but the slow end-to-end tests.
test-snel: install
	$(PY) -m pytest -m "not traag"

## Benchmarks (docs/performance.md): the full run, about 20 minutes; `make bench ARGS=--snel` about 2.
## One part only: ARGS="--alleen load" (or groei, merge); ARGS="--backends sqlite" without PostgreSQL.
bench: install
	$(PY) -m pip install -q -e '.[test,bench]'
	scripts/bench-tools.sh
	$(PY) -m bench $(ARGS)

## Static checks, run by CI before the tests: ruff (lint and format) over the whole tree, and
## mypy (strict on workflow/) held to mypy-basislijn.txt, which may only go down.
check: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) scripts/mypy_basislijn.py

lint: check

clean:
	rm -rf $(VENV) data

## Long load run (docs/reliability.md): 24 threads x 60 actions on SQLite (1 worker) and
## PostgreSQL (4 workers), plus schemathesis with 100 examples per operation and mode.
.PHONY: belasting crash
belasting: install
	PARAAF_LANG=1 $(PY) -m pytest -p no:cacheprovider -s -rA tests/betrouwbaarheid/test_belasting.py tests/betrouwbaarheid/test_schemathesis.py

## Long crash run (docs/reliability.md): kill -9 the server 12 times mid-stream, on SQLite and PostgreSQL.
crash: install
	PARAAF_LANG=1 $(PY) -m pytest -p no:cacheprovider -s -rA tests/betrouwbaarheid/test_crash.py
