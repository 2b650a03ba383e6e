"""Sphinx configuration of the journeywidgets documentation site.

Built by ``make docs`` (scripts/build_docs.py), which stages docs/ and the executed example
notebooks into one source folder laid out like the repository, so the pages' relative links
(``../examples/…``) work on GitHub and on the site alike.
"""

from __future__ import annotations

from pathlib import Path

import journeywidgets

project = "journeywidgets"
author = "The journeywidgets developers"
copyright = "the journeywidgets developers, BSD-3-Clause"
release = journeywidgets.__version__
version = release

root_doc = "docs/index"
extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",  # the docstrings are numpy style
]
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]

# Every broken cross-reference is a warning, and the build treats warnings as errors.
nitpicky = True
nitpick_ignore_regex = [
    # Third-party and standard types named in signatures; the site links none of them
    # (intersphinx would need the network, which the build must not).
    (
        r"py:.*",
        r"(pd|pandas|np|numpy|nw|narwhals|matplotlib|mpl|os|pathlib|collections|"
        r"typing|datetime|ipywidgets|traitlets|anywidget|IPython|duckdb|polars|pyspark)\..*",
    ),
    (
        r"py:.*",
        r"(Any|Path|Figure|Axes|DataFrame|Series|Iterable|Iterator|Mapping|Sequence|"
        r"Callable|PathLike|Literal|Self|TypeVar|T|J|Value|Op|Observer|IntoFrame|optional)",
    ),
    (r"py:.*", r"journeywidgets\..*\._.*"),
    # The public Journey subclasses the model's (which files, pictures and widgets extend);
    # signatures below the top layer name the model's class.
    (r"py:class", r"journeywidgets\.model\.journey\.Journey"),
    # Types that signatures name by their home module (ops, exports, type aliases) but that
    # the reference documents where users meet them.
    (r"py:.*", r"journeywidgets\.(\w+\.)*_?\w+\.\w+"),
    (r"py:.*", r"journeywidgets\.io\.autosave\..*"),
    (r"py:class", r"dt\.\w+"),
    # Literal type aliases and option records named in signatures (Variant, Order, Anchor,
    # Count, LogOptions …): their values are listed in each docstring.
    (r"py:class", r"[A-Z][A-Za-z]+"),
]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Notebooks arrive executed (scripts/build_docs.py runs them once); the site never
# re-executes them.
nb_execution_mode = "off"
# The site opens from disk, offline: a live widget view would need the widget manager
# from a CDN, so every map shows the picture it carries beside its widget view.
nb_mime_priority_overrides = [
    ("html", "application/vnd.jupyter.widget-view+json", None),
    ("html", "application/vnd.jupyter.widget-state+json", None),
]

autosummary_generate = True
# Journey's methods live partly on model.Journey: show them; a widget's traitlets and
# ipywidgets machinery are not ours to document.
autodoc_default_options = {"members": True, "inherited-members": "AnyWidget"}
autodoc_typehints = "description"
autodoc_member_order = "bysource"
add_module_names = False
napoleon_google_docstring = False

html_theme = "pydata_sphinx_theme"
html_title = f"journeywidgets {release}"
html_static_path = ["_static"]
html_css_files = ["site.css"]
templates_path = [str(Path(__file__).parent / "_templates")]
html_theme_options = {
    "navigation_with_keys": True,
    "show_toc_level": 2,
    "header_links_before_dropdown": 4,
    # No icons or version switcher fetched from the web: the site must open offline.
    "icon_links": [],
}
html_copy_source = False
html_show_sourcelink = False


def _skip_widget_machinery(app, what, name, obj, skip, options):  # type: ignore[no-untyped-def]
    """Document what journeywidgets defines, not what every ipywidget inherits."""
    import anywidget

    inherited = name in dir(anywidget.AnyWidget) and not name.startswith("__")
    ours = str(getattr(obj, "__module__", "") or "").startswith("journeywidgets")
    return True if inherited and not ours else None


def setup(app):  # type: ignore[no-untyped-def]
    app.connect("autodoc-skip-member", _skip_widget_machinery)
