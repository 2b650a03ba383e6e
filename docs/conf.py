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

# Every broken cross-reference is a warning, and the build treats warnings as errors. What
# is ignored below is named: names of other libraries, and a few of ours that are not
# targets. (Intersphinx would link the other libraries, but the build runs offline and
# their inventories are not installed here: Debian ships Python's and pandas 1.5's, none
# for numpy, matplotlib or narwhals.)
nitpicky = True
nitpick_ignore_regex = [
    # Third-party and standard types named in signatures, by their module.
    (
        r"py:.*",
        r"(pd|pandas|np|numpy|nw|narwhals|matplotlib|mpl|os|pathlib|collections|"
        r"typing|datetime|ipywidgets|traitlets|anywidget|IPython|duckdb|polars|pyspark)\..*",
    ),
    (r"py:class", r"dt\.\w+"),
    # The same, named bare in signatures and docstrings.
    (
        r"py:.*",
        r"(Any|Path|Figure|Axes|DataFrame|Series|Iterable|Iterator|Mapping|Sequence|"
        r"Callable|PathLike|Literal|Self|TypeVar|IntoFrame|optional)",
    ),
    # Type variables and private aliases of ours: a signature's T, J, Value, Op or Observer
    # is explained in its docstring; private modules and names are not documented.
    (r"py:class", r"(T|J|Value|Op|Observer|journeywidgets\.model\.journey\.J)"),
    (r"py:.*", r"journeywidgets\.(\w+\.)*_\w+(\.\w+)*"),
    # The public Journey subclasses the model's (which files, pictures and widgets extend);
    # signatures below the top layer name the model's class.
    (r"py:class", r"journeywidgets\.model\.journey\.Journey"),
    # A rubric's items: written as YAML or dicts, explained in docs/teaching.md.
    (r"py:class", r"journeywidgets\.teaching\.rubric\.RubricItem"),
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
