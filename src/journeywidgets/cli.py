"""journeywidgets: convert, render and check journey files; open the demo.

Formats follow the file name: ``.journey.json``/``.json``, Mermaid ``.mmd``/``.mermaid``,
Excel ``.xlsx``, a folder of CSV files, pictures ``.png``/``.svg``/``.pdf`` and a
standalone ``.html`` page. ``--grid`` reads a workshop spreadsheet (CSV, TSV or Excel).
``-`` reads or writes ``.journey.json`` text on standard input or output. A name whose
extension names no format is refused (``out.docx``), and so is a folder named like a file.
Exit status: 0 when done, 1 when a file is refused (the message says where), 2 for usage.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .datasets import SAMPLE_FILES, sample_path
from .io.mermaid import SUFFIXES
from .journey import Journey, from_grid, load, loads
from .model import JourneyError

PICTURES = (".png", ".svg", ".pdf")
STDIO = "-"
FILES = (*PICTURES, ".html", ".htm", ".xlsx", ".xlsm", ".json", *SUFFIXES)
OUTPUTS = (
    ".journey.json, .json, .mmd, .mermaid, .xlsx, .png, .svg, .pdf, .html, a folder (CSV) or -"
)


def _read(path: str, grid: bool) -> Journey:
    if path == STDIO:
        return loads(sys.stdin.read())
    if grid or Path(path).suffix.lower() in (".csv", ".tsv", ".tab"):
        return from_grid(path)
    if not Path(path).exists():
        raise JourneyError(f"{path}: no such file or folder")
    return load(path)


def _write(journey: Journey, path: str, *, dpi: float, width: float | None) -> Path | None:
    """Write in the format the name says (None: to standard output). Refuse a name that
    says no format we write, and a folder named like a file (``x.xlsx/``) or the reverse."""
    if path == STDIO:
        sys.stdout.write(journey.to_json())
        return None
    target = Path(path)
    suffix = target.suffix.lower()
    if path.endswith(("/", os.sep)) or suffix == "" or target.is_dir():
        if target.is_dir() and suffix in FILES:
            raise JourneyError(f"{path}: a folder is there; a {suffix} file cannot replace it")
        if target.exists() and not target.is_dir():
            raise JourneyError(f"{path}: a file is there, not a folder for CSV tables")
        return journey.to_csv(target)
    if suffix in PICTURES:
        return journey.save_image(target, dpi=dpi, width=width)
    if suffix in (".html", ".htm"):
        return journey.to_html(target)
    if suffix in (".xlsx", ".xlsm"):
        return journey.to_excel(target)
    if suffix in (".json", *SUFFIXES):
        return journey.save(target)
    raise JourneyError(f"{path}: cannot tell the format from {suffix!r}; write one of {OUTPUTS}")


def _convert(args: argparse.Namespace) -> int:
    journey = _read(args.input, args.grid)
    written = _write(journey, args.output, dpi=args.dpi, width=args.width)
    if written is not None:  # on standard output, the journey is all there is
        print(f"wrote {written}")
    return 0


def _render(args: argparse.Namespace) -> int:
    output = args.output or str(Path(args.input).with_suffix(".png"))
    if Path(output).suffix.lower() not in PICTURES:
        raise JourneyError(f"{output}: render writes .png, .svg or .pdf")
    journey = _read(args.input, args.grid)
    print(f"wrote {journey.save_image(output, dpi=args.dpi, width=args.width)}")
    return 0


def _check(args: argparse.Namespace) -> int:
    failed = 0
    for path in args.inputs:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                journey = _read(path, args.grid)
        except JourneyError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
            continue
        for warning in caught:
            print(f"warning: {warning.message}", file=sys.stderr)
        counts = ", ".join(
            f"{len(getattr(journey, t))} {t}"
            for t in ("stages", "steps", "lanes", "cards", "personas")
        )
        print(f"ok: {path}: {journey.meta['title']!r} ({counts})")
    return 1 if failed else 0


def _sample(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if folder.exists() and not folder.is_dir():
        raise JourneyError(f"{folder}: a file is there, not a folder for the samples")
    targets = [(sample_path(kind), folder / name) for kind, name in SAMPLE_FILES.items()]
    for _, target in targets:  # refuse before copying anything: never half the samples
        if target.exists() and not args.force:
            raise JourneyError(f"{target}: already there (--force replaces it)")
    folder.mkdir(parents=True, exist_ok=True)
    for source, target in targets:
        target.write_bytes(source.read_bytes())
        print(f"wrote {target}")
    json_name = targets[0][1]
    print(f"next: journeywidgets render {json_name}  (or open it in JupyterLab's map editor)")
    return 0


def _demo_folder() -> Path:
    """The repository's examples when run from a checkout; else a fresh folder with one
    notebook on the example map."""
    here = Path.cwd() / "examples"
    if (here / "01-getting-started.ipynb").exists():
        return here
    folder = Path(tempfile.mkdtemp(prefix="journeywidgets-demo-"))
    cells = [
        "import journeywidgets as jw\nfrom journeywidgets.datasets import bike_shop\n\n"
        "journey = bike_shop()\njourney",
        "journey.steps",
        "journey.plot()",
    ]
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "cells": [
            {"cell_type": "code", "id": f"cell-{n}", "metadata": {}, "execution_count": None,
             "outputs": [], "source": source}
            for n, source in enumerate(cells)
        ],
    }  # fmt: skip
    (folder / "demo.ipynb").write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return folder


def _demo(args: argparse.Namespace) -> int:
    folder = _demo_folder()
    # The notebook opens as the default page, so the link the server prints (the one people
    # click) opens it too; a notebook given as an argument opens only in a local browser.
    first = sorted(folder.glob("*.ipynb"))[0]
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={folder.resolve()}",
        f"--LabApp.default_url=/lab/tree/{first.name}",
    ]
    if os.name == "posix" and os.geteuid() == 0:
        command.append("--allow-root")
    if args.dry_run:
        print(" ".join(command))
        return 0
    if importlib.util.find_spec("jupyterlab") is None:
        raise JourneyError("the demo needs JupyterLab: pip install jupyterlab")
    return subprocess.call(command)


def parser() -> argparse.ArgumentParser:
    samples = ", ".join(SAMPLE_FILES.values())
    root = argparse.ArgumentParser(
        prog="journeywidgets",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"""\
sample maps ship with the package ({samples}); to try the
commands on them:
  journeywidgets sample                                copy both into this folder
  journeywidgets render bike-shop.journey.json         draw bike-shop.journey.png
  journeywidgets convert bike-shop.mmd bike-shop.xlsx  Mermaid to Excel""",
    )
    root.add_argument("--version", action="version", version=f"journeywidgets {__version__}")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def picture_options(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--dpi", type=float, default=200, help="pixels per inch (PNG; default 200)"
        )
        command.add_argument("--width", type=float, help="figure width in inches (default: chosen)")

    convert = commands.add_parser(
        "convert",
        help="convert a journey between formats",
        description="Read IN and write OUT, each format chosen by its name: .journey.json, "
        ".mmd, .xlsx, a folder (CSV), .png/.svg/.pdf, .html.",
    )
    convert.add_argument("input", metavar="IN")
    convert.add_argument("output", metavar="OUT")
    convert.add_argument("--grid", action="store_true", help="IN is a workshop grid spreadsheet")
    picture_options(convert)
    convert.set_defaults(run=_convert)

    render = commands.add_parser("render", help="draw a journey as PNG, SVG or PDF",
                                 description="Draw the map of IN as a picture.")  # fmt: skip
    render.add_argument("input", metavar="IN")
    render.add_argument("-o", "--output", metavar="OUT", help="map.png, map.svg or map.pdf")
    render.add_argument("--grid", action="store_true", help="IN is a workshop grid spreadsheet")
    picture_options(render)
    render.set_defaults(run=_render)

    check = commands.add_parser(
        "check",
        help="validate journey files",
        description="Read each file as journeywidgets would; print what is wrong and where. "
        "Exit 1 if any file is refused.",
    )
    check.add_argument("inputs", metavar="IN", nargs="+")
    check.add_argument("--grid", action="store_true", help="the files are workshop grids")
    check.set_defaults(run=_check)

    sample = commands.add_parser(
        "sample",
        help=f"copy the sample maps ({samples}) into a folder",
        description="Copy the sample maps shipped with the package into FOLDER (default: "
        "here), to render, convert or open in the map editor.",
    )
    sample.add_argument("folder", metavar="FOLDER", nargs="?", default=".")
    sample.add_argument("--force", action="store_true", help="replace files already there")
    sample.set_defaults(run=_sample)

    demo = commands.add_parser("demo", help="open JupyterLab on the example notebooks",
                               description="Open JupyterLab on the examples.")  # fmt: skip
    demo.add_argument("--dry-run", action="store_true", help="print the command, do not run it")
    demo.set_defaults(run=_demo)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)

    def show(message: Warning | str, *rest: object, **options: object) -> None:
        print(f"warning: {message}", file=sys.stderr)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = show
            result: int = args.run(args)
            return result
    except JourneyError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # not ours to explain further, but never a traceback
        where = f"{error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
