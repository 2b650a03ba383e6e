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
# The map editor's prebuilt JupyterLab extension (hatch_build.py builds it for wheels).
LABEXT := build/labextension/package.json
LABEXT_NODE := labextension/node_modules/.package-lock.json
LABEXT_LINK := $(VENV)/.labextension-linked
LAB_STAGING = $(shell $(BIN)/python -c "import jupyterlab, pathlib; print(pathlib.Path(jupyterlab.__file__).parent / 'staging')")

.PHONY: demo test setup system-deps lint typecheck jstest pytest docs bench bench-widget bench-render bench-analytics bench-research bench-editor schema clean bench-qdpx bench-teaching teaching-docs bench-io bench-evidence-panel

setup: $(READY) $(LABEXT) $(LABEXT_LINK)

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

$(LABEXT_NODE): labextension/package.json labextension/package-lock.json
	cd labextension && npm ci --no-audit --no-fund
	touch $@

# Rebuilt whenever the editor's or the map's TypeScript changes.
$(LABEXT): $(READY) $(NODE_READY) $(LABEXT_NODE) $(wildcard labextension/src/* labextension/style/* labextension/scripts/* js/src/*)
	cd labextension && node scripts/build.mjs "$(LAB_STAGING)"

# The editable install copied the extension once; link it so rebuilds take effect.
$(LABEXT_LINK): $(READY)
	rm -rf $(VENV)/share/jupyter/labextensions/journeywidgets
	ln -s ../../../../build/labextension $(VENV)/share/jupyter/labextensions/journeywidgets
	touch $@

system-deps:
	bash scripts/install-system-deps.sh

## The README's first command: set up, then open JupyterLab on the examples (the map
## editor active: double-click bike-shop.journey.json in the file browser).
demo: setup $(BUNDLE)
	$(BIN)/jupyter lab --ServerApp.root_dir=examples $(ROOT_FLAG) --LabApp.default_url=/lab/tree/01-getting-started.ipynb

## The README's second command: every check and every test.
test: setup $(BUNDLE) system-deps lint typecheck jstest pytest docs

lint: $(READY)
	$(BIN)/ruff format --check src tests benchmarks scripts hatch_build.py
	$(BIN)/ruff check src tests benchmarks scripts hatch_build.py

typecheck: $(READY)
	$(BIN)/mypy

## TypeScript: fixtures generated from Python, Biome (format + lint), tsc, vitest.
jstest: $(NODE_READY) $(READY) $(LABEXT_NODE)
	$(BIN)/python scripts/generate_ts_fixtures.py
	$(BIN)/python scripts/generate_ts_research_fixture.py
	$(BIN)/python scripts/generate_ts_teaching_fixture.py
	npm run lint
	npm run typecheck
	cd labextension && npm run typecheck
	npm test
	cd labextension && npm test

pytest: $(READY)
	$(BIN)/python -m pytest

## The documentation site, into build/site/ (opens from disk): docs/ and the executed
## example notebooks, an API reference and a gallery; warnings and broken links fail it.
docs: $(READY) $(BUNDLE)
	$(BIN)/python scripts/build_docs.py

## Benchmarks print tables; they are never part of `make test`.
bench: $(READY)
	$(BIN)/python benchmarks/bench_model.py

## Static figures and exports of a 12 × 204 map.
bench-render: $(READY) system-deps
	$(BIN)/python benchmarks/bench_render.py

## File formats: to_excel of 200 steps × 5,000 evidence rows, 1 MB of Mermaid, vs .journey.json.
bench-io: $(READY)
	$(BIN)/python benchmarks/bench_io.py

## Funnel and paths on generated events, against hand SQL, tuned SQL, pandas and a bare
## Parquet scan. EVENTS=10M or EVENTS=100M (Parquet on disk, DuckDB memory-limited).
bench-analytics: $(READY)
	$(BIN)/python benchmarks/bench_analytics.py --events $(or $(EVENTS),1M)

## Emotion aggregation over 100 participants × 200 steps × 20 ratings, vs a pandas groupby.
bench-research: $(READY)
	$(BIN)/python benchmarks/bench_research.py

## Opening the evidence panel of a step with 500 quotes, in headless Chromium.
bench-evidence-panel: $(READY) $(BUNDLE) system-deps
	$(BIN)/python benchmarks/bench_evidence_panel.py
## Importing a generated .qdpx (200 sources, 50,000 selections) beside pyrefiqda.
bench-qdpx: $(READY)
	$(BIN)/python benchmarks/bench_qdpx.py
## Checks, comparison and the gradebook on generated maps.
bench-teaching: $(READY) system-deps
	$(BIN)/python benchmarks/bench_teaching.py

## The widget's benchmark drives a real JupyterLab in headless Chromium (a few minutes).
bench-widget: $(READY) $(BUNDLE) system-deps
	$(BIN)/python benchmarks/bench_widget.py

## The map editor: first paint, save and tab-to-tab latency in a real JupyterLab.
bench-editor: setup $(BUNDLE) system-deps
	$(BIN)/python benchmarks/bench_editor.py

## Regenerate what is generated from the schema (JSON Schema, docs/tables.md).
schema: $(READY)
	$(BIN)/python -m journeywidgets.io.json_schema
	$(BIN)/python scripts/generate_docs.py

## Regenerate the teaching templates and the check table in docs/teaching.md.
teaching-docs: $(READY)
	$(BIN)/python scripts/generate_templates.py
	$(BIN)/python scripts/generate_teaching_docs.py

clean:
	rm -rf $(VENV) node_modules labextension/node_modules labextension/lib build dist .pytest_cache .mypy_cache .ruff_cache
