"""The Examples sections of the public API's docstrings run, and every public name has one.

The API reference (``make docs``) shows these examples; running them here keeps what it
shows true. Each docstring is its own test, named after the function it documents.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import warnings
from collections.abc import Iterator

import matplotlib
import pytest

import journeywidgets as jw
from journeywidgets import analytics

matplotlib.use("Agg")

MODULES = [
    "journeywidgets.journey",
    "journeywidgets.model.journey",
    "journeywidgets.model.building",
    "journeywidgets.model.coding",
    "journeywidgets.datasets",
    "journeywidgets.research.synthesis",
    "journeywidgets.research_files",
    "journeywidgets.io.refi_read",
    "journeywidgets.io.refi_write",
    "journeywidgets.io.taguette",
    "journeywidgets.io.quote_sheet",
    "journeywidgets.teaching.report",
    "journeywidgets.teaching.compare",
    "journeywidgets.teaching.gradebook",
    "journeywidgets.teaching.templates",
    "journeywidgets.model.scales",
    "journeywidgets.analytics.funnel",
    "journeywidgets.analytics.paths",
    "journeywidgets.analytics.results",
]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _examples() -> Iterator[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    for name in MODULES:
        module = importlib.import_module(name)
        yield from (test for test in finder.find(module, name) if test.examples)


EXAMPLES = sorted(_examples(), key=lambda test: test.name)


@pytest.mark.parametrize("example", EXAMPLES, ids=[test.name for test in EXAMPLES])
def test_docstring_example_runs(example: doctest.DocTest) -> None:
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)  # examples show the current API
        runner.run(example, out=report.append)
    assert runner.failures == 0, "".join(report)


def _public_callables() -> list[tuple[str, object]]:
    top = [n for n in jw.__all__ if not n.startswith("_")]
    functions = [n for n in top if inspect.isfunction(getattr(jw, n))]
    methods = [
        n for n, v in inspect.getmembers(jw.Journey) if not n.startswith("_") and callable(v)
    ]
    events = [n for n in analytics.__all__ if inspect.isfunction(getattr(analytics, n))]
    return (
        [(f"jw.{n}", getattr(jw, n)) for n in functions]
        + [(f"Journey.{n}", getattr(jw.Journey, n)) for n in methods]
        + [(f"analytics.{n}", getattr(analytics, n)) for n in events]
        + [("Journey", jw.Journey)]
    )


def test_every_public_function_and_method_has_an_example() -> None:
    missing = [name for name, value in _public_callables() if ">>>" not in (value.__doc__ or "")]
    assert missing == [], f"no Examples section in the docstring of {', '.join(missing)}"


def test_the_examples_are_collected_from_where_they_are_written() -> None:
    names = {test.name.rsplit(".", 1)[-1] for test in EXAMPLES}
    assert {"add_card", "to_json", "load", "funnel", "check", "gradebook"} <= names
