# journeywidgets — the two commands in the README are `make demo` and `make test`.
# Everything they need is installed from this repository's own files into .venv/ and
# node_modules/; system packages (Chromium for browser tests, a CJK font for figures)
# come from the OS package manager via scripts/install-system-deps.sh.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: demo test setup system-deps lint typecheck pytest bench schema clean

setup: $(READY)

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

system-deps:
	bash scripts/install-system-deps.sh

## The README's first command: set up, then open JupyterLab on the examples.
demo: $(READY)
	$(BIN)/jupyter lab --notebook-dir=examples $(ROOT_FLAG) 01-getting-started.ipynb

## The README's second command: every check and every test.
test: $(READY) system-deps lint typecheck pytest

lint: $(READY)
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: $(READY)
	$(BIN)/mypy

pytest: $(READY)
	$(BIN)/python -m pytest

## Benchmarks print tables; they are never part of `make test`.
bench: $(READY)
	$(BIN)/python benchmarks/bench_model.py

## Regenerate what is generated from the schema (JSON Schema, docs/tables.md).
schema: $(READY)
	$(BIN)/python -m journeywidgets.io.json_schema
	$(BIN)/python scripts/generate_docs.py

clean:
	rm -rf $(VENV) node_modules build dist .pytest_cache .mypy_cache .ruff_cache
