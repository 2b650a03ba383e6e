"""Build the documentation site into build/site/ (``make docs``); it opens from disk.

1. Stage one source folder laid out like the repository: ``docs/`` and ``examples/``
   (so the pages' relative links work on GitHub and on the site alike).
2. Execute every example notebook once (cached by the notebook's content in
   build/executed/), and take each notebook's first picture as its gallery thumbnail.
3. Generate the pages that come from code: the API reference (every public name of
   ``journeywidgets``), the command line (from the CLI's own parser) and the gallery.
4. Run Sphinx with warnings as errors, then check what it wrote: every source page became
   a page, every internal link and anchor resolves, and nothing is fetched from the web.

Usage: python scripts/build_docs.py [--no-execute]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
STAGE = BUILD / "docs-src"
EXECUTED = BUILD / "executed"
SITE = BUILD / "site"


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument(
        "--no-execute", action="store_true", help="use the notebooks as stored (quick look)"
    )
    args = options.parse_args(argv)

    if STAGE.exists():
        shutil.rmtree(STAGE)
    shutil.copytree(
        ROOT / "docs", STAGE / "docs", ignore=shutil.ignore_patterns("conf.py", "_templates")
    )
    notebooks = sorted((ROOT / "examples").rglob("*.ipynb"))
    notebooks = [p for p in notebooks if ".ipynb_checkpoints" not in p.parts]
    gallery = []
    for path in notebooks:
        relative = path.relative_to(ROOT)
        notebook = nbformat.read(path, as_version=4) if args.no_execute else _executed(path)
        target = STAGE / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)
        gallery.append((relative, notebook))
    (STAGE / "docs" / "api.md").write_text(_api_page(), encoding="utf-8")
    (STAGE / "docs" / "cli.md").write_text(_cli_page(), encoding="utf-8")
    (STAGE / "docs" / "gallery.md").write_text(_gallery_page(gallery), encoding="utf-8")

    if SITE.exists():
        shutil.rmtree(SITE)
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
               "-c", str(ROOT / "docs"), str(STAGE), str(SITE)]  # fmt: skip
    if subprocess.call(command) != 0:
        print("docs: Sphinx reported warnings or errors (above); the site is not built")
        return 1
    (SITE / "index.html").write_text(
        '<!DOCTYPE html><meta charset="utf-8"><title>journeywidgets</title>'
        '<meta http-equiv="refresh" content="0; url=docs/index.html">'
        '<a href="docs/index.html">journeywidgets documentation</a>\n',
        encoding="utf-8",
    )
    problems = _missing_pages() + _check_links()
    for problem in problems:
        print(f"docs: {problem}")
    if problems:
        return 1
    pages = [p for p in SITE.rglob("*.html") if "_static" not in p.relative_to(SITE).parts]
    print(f"docs: {len(pages)} pages, all links resolve; open {SITE / 'index.html'}")
    return 0


# --- executed notebooks -------------------------------------------------------------------


def _executed(path: Path) -> nbformat.NotebookNode:
    """The notebook run top to bottom in a fresh kernel; reused while its text is unchanged."""
    source = path.read_bytes()
    key = hashlib.sha256(source).hexdigest()
    cached = EXECUTED / path.relative_to(ROOT)
    if cached.exists():
        notebook = nbformat.read(cached, as_version=4)
        if notebook.metadata.get("journeywidgets", {}).get("source_sha256") == key:
            return notebook
    notebook = nbformat.reads(source.decode("utf-8"), as_version=4)
    print(f"docs: executing {path.relative_to(ROOT)}", flush=True)
    with tempfile.TemporaryDirectory() as workdir:
        for name in ("data",):  # notebooks may read files that sit beside them
            if (path.parent / name).is_dir():
                shutil.copytree(path.parent / name, Path(workdir) / name)
        NotebookClient(
            notebook,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": workdir}},
            store_widget_state=False,
        ).execute()
    notebook.metadata.setdefault("journeywidgets", {})["source_sha256"] = key
    cached.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, cached)
    return notebook


# --- generated pages ----------------------------------------------------------------------


# Objects the public API returns or takes whose classes live below the top level: each is
# documented at its home, so the signatures that name it link to it.
RETURNED = {
    "journeywidgets.io.mermaid": ["MermaidExport"],
    "journeywidgets.io.autosave": ["Autosave", "AutosaveStatus"],
    "journeywidgets.teaching.rubric": ["Rubric"],
    "journeywidgets.research.strength": ["EvidenceRule"],
    "journeywidgets.model.ops": ["Insert", "Update", "Delete", "Move", "SetMeta"],
    "journeywidgets.model.journey": ["SavedFile"],
}

# Type aliases that signatures name without a module (``variant: Variant``), documented in
# the module whose functions use them: (module, name, where it is defined).
ALIASES = [
    ("journeywidgets", "Variant", "journeywidgets.render.content"),
    ("journeywidgets.analytics", "Order", "journeywidgets.analytics.semantics"),
    ("journeywidgets.analytics", "Anchor", "journeywidgets.analytics.semantics"),
    ("journeywidgets.analytics", "Count", "journeywidgets.analytics.semantics"),
    ("journeywidgets.analytics", "LogOptions", "journeywidgets.analytics.events"),
]


def _api_page() -> str:
    import importlib
    import typing

    import journeywidgets
    from journeywidgets import analytics

    def listing(module: str, names: list[str]) -> str:
        rows = "\n".join(f"   {name}" for name in names)
        return (
            f"```{{eval-rst}}\n.. currentmodule:: {module}\n\n"
            f".. autosummary::\n   :toctree: api\n\n{rows}\n```\n"
        )

    def alias(module: str, name: str, home: str) -> str:
        value = getattr(importlib.import_module(home), name)
        if typing.get_origin(value) is typing.Literal:
            body = "One of " + ", ".join(f"``{v!r}``" for v in typing.get_args(value)) + "."
        else:  # an options record (a TypedDict): its keys, and its docstring
            keys = ", ".join(f"``{k}``" for k in value.__annotations__)
            body = f"Keyword arguments: {keys}.\n\n" + textwrap.dedent(
                "\n".join(str(value.__doc__).splitlines()[1:])
            )
        body = textwrap.indent(body.strip(), "   ")
        return (
            f"```{{eval-rst}}\n.. currentmodule:: {module}\n\n"
            f".. py:type:: {name}\n\n{body}\n\n   Defined in ``{home}``.\n```\n"
        )

    top = [n for n in journeywidgets.__all__ if not n.startswith("_") and n != "analytics"]
    classes = [n for n in top if isinstance(getattr(journeywidgets, n), type)]
    functions = [n for n in top if n not in classes and callable(getattr(journeywidgets, n))]
    others = [n for n in top if n not in classes and n not in functions]
    parts = [
        "# API reference\n",
        "Every public name of the package, generated from the docstrings; their examples run\n"
        "as tests (`tests/test_docstring_examples.py`). Start with\n"
        "{py:class}`~journeywidgets.Journey`: its tables are DataFrames and its methods build,\n"
        "change, save and draw a map. How the names and arguments are chosen:\n"
        "[How the API reads](conventions.md).\n",
        "## Classes\n",
        listing("journeywidgets", classes),
        "## Functions\n",
        listing("journeywidgets", functions),
        "## Analytics\n",
        "Event logs onto the map (`journeywidgets.analytics`).\n",
        listing("journeywidgets.analytics", list(analytics.__all__)),
        "## Objects the API returns\n",
        "What some methods return or take, documented where they are defined: the Mermaid\n"
        "export, the autosaver and its status, a teaching rubric, the evidence rule, and the\n"
        "operations a {py:class}`~journeywidgets.Change` lists.\n",
        *(listing(module, names) for module, names in RETURNED.items()),
        "## Types in signatures\n",
        *(alias(module, name, home) for module, name, home in ALIASES),
    ]
    if others:
        parts += ["## Other names\n", ", ".join(f"`{n}`" for n in others) + "\n"]
    return "\n".join(parts)


def _cli_page() -> str:
    from journeywidgets import cli

    root = cli.parser()
    parts = [
        "# The command line\n",
        "`journeywidgets` is installed with the package. Every command reads and writes the\n"
        "same formats as the Python API and exits 1 with a located message on bad input.\n",
        "```text\n" + _help(root) + "```\n",
    ]
    commands = next(a for a in root._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in commands.choices.items():
        parts += [f"## `journeywidgets {name}`\n", "```text\n" + _help(command) + "```\n"]
    return "\n".join(parts)


def _help(parser: argparse.ArgumentParser) -> str:
    os.environ["COLUMNS"] = "88"  # argparse wraps to the terminal's width; make it stable
    return parser.format_help()


def _gallery_page(notebooks: list[tuple[Path, nbformat.NotebookNode]]) -> str:
    thumbs = STAGE / "docs" / "_static" / "gallery"
    thumbs.mkdir(parents=True, exist_ok=True)
    parts = [
        "# Gallery\n",
        "The example notebooks, executed when this site was built. Each opens as a page with\n"
        "its code and outputs; the same files are in `examples/` to run in Jupyter.\n",
        "::::{container} gallery\n",
    ]
    for relative, notebook in notebooks:
        title, summary = _title_and_summary(notebook, relative)
        link = "../" + relative.as_posix()
        picture = _first_picture(notebook)
        card = [":::{container} gallery-card\n", f"**[{_alt(title)}]({link})**\n"]
        if picture is not None:
            name = relative.with_suffix(".png").as_posix().replace("/", "--")
            (thumbs / name).write_bytes(picture)
            card.append(f"[![{_alt(title)}](_static/gallery/{name})]({link})\n")
        card += [f"{summary}\n", ":::\n"]
        parts.append("\n".join(card))
    parts.append("::::\n")
    return "\n".join(parts)


def _title_and_summary(notebook: nbformat.NotebookNode, relative: Path) -> tuple[str, str]:
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        lines = [line.strip() for line in cell.source.splitlines()]
        heading = next((line.lstrip("# ") for line in lines if line.startswith("#")), None)
        if heading is None:
            continue
        body = " ".join(line for line in lines if line and not line.startswith("#"))
        return heading, textwrap.shorten(body, 300, placeholder=" …") if body else ""
    return relative.stem, ""


def _first_picture(notebook: nbformat.NotebookNode) -> bytes | None:
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                return base64.b64decode(data["image/png"])
    return None


def _alt(title: str) -> str:
    return "".join(ch for ch in title if ch not in "[]")


# --- checks on what Sphinx wrote ----------------------------------------------------------


def _missing_pages() -> list[str]:
    sources = [p for p in STAGE.rglob("*") if p.suffix in {".md", ".ipynb"}]
    missing = []
    for source in sources:
        page = SITE / source.relative_to(STAGE).with_suffix(".html")
        if not page.exists():
            missing.append(f"{source.relative_to(STAGE)} became no page ({page.name} missing)")
    return missing


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("name"):
            self.ids.add(str(found["name"]))
        for attribute in ("href", "src"):
            value = found.get(attribute)
            if value is not None:
                self.links.append((tag, value))


def _check_links() -> list[str]:
    pages: dict[Path, _Links] = {}
    for page in SITE.rglob("*.html"):
        if "_static" in page.relative_to(SITE).parts:  # the theme's template fragments
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        pages[page.resolve()] = parser
    problems = []
    for page, parser in pages.items():
        where = page.relative_to(SITE.resolve())
        for tag, link in parser.links:
            parts = urlsplit(link)
            if parts.scheme in {"http", "https"} or link.startswith("//"):
                if tag != "a":  # a link to read elsewhere is fine; a resource is not
                    problems.append(f"{where}: <{tag}> loads {link} from the web")
                continue
            if parts.scheme in {"mailto", "data", "javascript", "blob"} or not link:
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{where}: broken link {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{where}: {link} names no anchor on that page")
    return problems


if __name__ == "__main__":
    sys.exit(main())
