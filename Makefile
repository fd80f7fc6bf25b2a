# Conference Board — `make run` serves the board, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
DATA ?= instance
REDIS ?=
ASYNC ?= eventlet

.PHONY: setup setup-dev run test check lint format bench fuzz clean facilitator

## setup: create .venv and install what requirements.txt and package-lock.json list (only what is missing)
setup: $(VENV)/.installed-runtime node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-runtime: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

## setup-dev: also install what the tests and the benchmark need
setup-dev: setup $(VENV)/.installed-dev

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## run: install, then serve on http://$(HOST):$(PORT)/ with the SQLite file in $(DATA)/
run: setup
	$(BIN)/python -m conference run --host $(HOST) --port $(PORT) --data $(DATA) --async-mode $(ASYNC) $(if $(REDIS),--redis $(REDIS))

## facilitator: add a chair's account (asks for the password): make facilitator NAME=jo
facilitator: setup
	$(BIN)/python -m conference facilitator add $(NAME) --data $(DATA) $(if $(REDIS),--redis $(REDIS))

## test: install, lint, then run every test (unit, property, integration against a real server)
test: setup-dev
	$(BIN)/python -m ruff check conference tests bench
	node_modules/.bin/eslint static/js tests/js tests/oidc eslint.config.js
	node_modules/.bin/prettier --check static/js tests/js tests/oidc eslint.config.js
	$(BIN)/python -m mypy conference/domain conference/store
	$(BIN)/python -m tests.domain.export_streams tests/js/streams.json.gz 200
	$(BIN)/python -m conference.i18n export-for-tests tests/js/catalogues.json
	node --test tests/js/
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	@echo "--- the integration tests again, with the server under gevent ---"
	CONFERENCE_ASYNC_MODE=gevent $(BIN)/python -m pytest tests/integration $(PYTEST_ARGS)

## check: the edit loop, under a minute: lint, the domain's tests, the docs test and the Node tests
check: setup-dev
	$(BIN)/python -m ruff check conference tests bench
	node_modules/.bin/eslint static/js tests/js tests/oidc eslint.config.js
	node_modules/.bin/prettier --check static/js tests/js tests/oidc eslint.config.js
	$(BIN)/python -m mypy conference/domain conference/store
	$(BIN)/python -m tests.domain.export_streams tests/js/streams.json.gz 200
	$(BIN)/python -m conference.i18n export-for-tests tests/js/catalogues.json
	node --test tests/js/
	$(BIN)/python -m pytest -q tests/domain tests/test_docs.py tests/test_languages.py

lint: setup-dev
	$(BIN)/python -m ruff check conference tests bench
	$(BIN)/python -m ruff format --check conference tests bench
	node_modules/.bin/eslint static/js tests/js tests/oidc eslint.config.js
	node_modules/.bin/prettier --check static/js tests/js tests/oidc eslint.config.js

format: setup-dev
	$(BIN)/python -m ruff format conference tests bench
	node_modules/.bin/prettier --write static/js tests/js tests/oidc eslint.config.js

## bench: the app and the bare framework (bench/floor.py), alternating, 100 boards x 10 members (see bench/README.md)
bench: setup-dev
	$(BIN)/python -m bench.compare $(BENCH_ARGS)

## fuzz: 100,000 fuzzed messages against one real server process (see bench/README.md)
fuzz: setup-dev
	$(BIN)/python -m bench.fuzz $(FUZZ_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
