"""Coded research data in and out: REFI-QDA, Taguette, QualCoder and quote sheets.

``read_*`` make a new journey from a file; ``import_*`` add a file's material to a journey
you have, as one change (one ``undo()`` takes it back) and return the
:class:`~journeywidgets.io.research_batch.ImportReport` of what was read, converted and
left out. ``read_*`` warn with that report (a ``ResearchImportWarning``) when something
was left out. Nothing is half-imported: a file that fails loads nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .io.offsets import Unit
from .io.qualcoder import import_qualcoder as _import_qualcoder
from .io.quote_sheet import import_quotes
from .io.refi_read import Misfits, import_qdc, import_qdpx
from .io.refi_write import ExportReport, write_qdc, write_qdpx
from .io.research_batch import ImportReport, ResearchImportWarning
from .io.taguette import import_taguette
from .journey import Journey


def _fresh(path: object) -> Journey:
    title = Path(os.fspath(path)).stem if isinstance(path, (str, os.PathLike)) else "Quotes"
    journey = Journey(title)
    return journey


def _read(journey: Journey, report: ImportReport) -> Journey:
    journey._start_afresh()  # a file just read has nothing to undo, like load()
    report.warn()
    return journey


def read_qdpx(
    path: str | os.PathLike[str], *, misfits: Misfits = "refuse", unit: Unit | None = None
) -> Journey:
    """A journey from a REFI-QDA project (``.qdpx``, or a bare ``.qde``): NVivo, ATLAS.ti,
    MAXQDA, QualCoder, Taguette, qc … Position units are detected per source."""
    journey = _fresh(path)
    return _read(journey, import_qdpx(journey, path, misfits=misfits, unit=unit))


def read_qdc(path: str | os.PathLike[str]) -> Journey:
    """A journey holding the code tree of a REFI-QDA codebook (``.qdc``)."""
    journey = _fresh(path)
    return _read(journey, import_qdc(journey, path))


def read_taguette(
    path: str | os.PathLike[str], *, participants: bool = True, project: int | None = None
) -> Journey:
    """A journey from a Taguette export: highlights CSV/XLSX, codebook CSV/XLSX/QDC, or
    the project's SQLite database (which has the documents and positions)."""
    journey = _fresh(path)
    return _read(
        journey, import_taguette(journey, path, participants=participants, project=project)
    )


def import_qualcoder(journey: Journey, path: str | os.PathLike[str]) -> ImportReport:
    """Import a QualCoder coding-report CSV, or QualCoder's ``.qdpx`` export."""
    if Path(path).suffix.lower() in (".qdpx", ".qde"):
        return import_qdpx(journey, path)
    return _import_qualcoder(journey, path)


def read_qualcoder(path: str | os.PathLike[str]) -> Journey:
    """A journey from a QualCoder coding-report CSV or its ``.qdpx`` export."""
    journey = _fresh(path)
    return _read(journey, import_qualcoder(journey, path))


def read_quotes(source: object, *, columns: Mapping[str, str] | None = None) -> Journey:
    """A journey from a quote sheet (a DataFrame, or a CSV or Excel file): participant,
    quote, and optional step, stage, codes, emotion, source and attribute columns."""
    journey = _fresh(source)
    return _read(journey, import_quotes(journey, source, columns=columns))


__all__ = [
    "ExportReport",
    "ImportReport",
    "ResearchImportWarning",
    "import_qdc",
    "import_qdpx",
    "import_qualcoder",
    "import_quotes",
    "import_taguette",
    "read_qdc",
    "read_qdpx",
    "read_qualcoder",
    "read_quotes",
    "read_taguette",
    "write_qdc",
    "write_qdpx",
]
