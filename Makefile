# journeywidgets — the two commands in the README are `make demo` and `make test`.
# Everything they need is installed from this repository's own files into .venv/ and
# node_modules/; system packages (Chromium for browser tests) come from the OS package
# manager via scripts/install-system-deps.sh.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
NODE_READY := node_modules/.package-lock.json
BUNDLE := src/journeywidgets/static/journey_map.js
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: demo test setup system-deps lint typecheck jstest pytest bench bench-widget bench-render bench-analytics bench-research bench-evidence-panel bench-qdpx schema clean

setup: $(READY)

$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The widget's front-end, bundled by esbuild (also done by hatch_build.py when a wheel is
# built); rebuilt whenever a TypeScript source changes.
$(BUNDLE): $(NODE_READY) $(wildcard js/src/*)
	npm run build

$(READY): pyproject.toml hatch_build.py $(BUNDLE)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

system-deps:
	bash scripts/install-system-deps.sh

## The README's first command: set up, then open JupyterLab on the examples.
demo: $(READY) $(BUNDLE)
	$(BIN)/jupyter lab --ServerApp.root_dir=examples $(ROOT_FLAG) examples/01-getting-started.ipynb

## The README's second command: every check and every test.
test: $(READY) $(BUNDLE) system-deps lint typecheck jstest pytest

lint: $(READY)
	$(BIN)/ruff format --check src tests benchmarks scripts hatch_build.py
	$(BIN)/ruff check src tests benchmarks scripts hatch_build.py

typecheck: $(READY)
	$(BIN)/mypy

## TypeScript: fixtures generated from Python, Biome (format + lint), tsc, vitest.
jstest: $(NODE_READY) $(READY)
	$(BIN)/python scripts/generate_ts_fixtures.py
	$(BIN)/python scripts/generate_ts_research_fixture.py
	npm run lint
	npm run typecheck
	npm test

pytest: $(READY)
	$(BIN)/python -m pytest

## Benchmarks print tables; they are never part of `make test`.
bench: $(READY)
	$(BIN)/python benchmarks/bench_model.py

## Static figures and exports of a 12 × 204 map.
bench-render: $(READY) system-deps
	$(BIN)/python benchmarks/bench_render.py

## Funnel and paths on 1M generated events, against hand SQL and plain pandas.
## USERS=1000000 for 10M events.
bench-analytics: $(READY)
	$(BIN)/python benchmarks/bench_analytics.py --users $(or $(USERS),100000)

## Emotion aggregation over 100 participants × 200 steps × 20 ratings, vs a pandas groupby.
bench-research: $(READY)
	$(BIN)/python benchmarks/bench_research.py

## Opening the evidence panel of a step with 500 quotes, in headless Chromium.
bench-evidence-panel: $(READY) $(BUNDLE) system-deps
	$(BIN)/python benchmarks/bench_evidence_panel.py
## Importing a generated .qdpx (200 sources, 50,000 selections) beside pyrefiqda.
bench-qdpx: $(READY)
	$(BIN)/python benchmarks/bench_qdpx.py

## The widget's benchmark drives a real JupyterLab in headless Chromium (a few minutes).
bench-widget: $(READY) $(BUNDLE) system-deps
	$(BIN)/python benchmarks/bench_widget.py

## Regenerate what is generated from the schema (JSON Schema, docs/tables.md).
schema: $(READY)
	$(BIN)/python -m journeywidgets.io.json_schema
	$(BIN)/python scripts/generate_docs.py

clean:
	rm -rf $(VENV) node_modules build dist .pytest_cache .mypy_cache .ruff_cache
