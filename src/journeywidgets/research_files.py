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
    MAXQDA, QualCoder, Taguette, qc … Position units are detected per source.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import research_study
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "study.qdpx"
    >>> report = jw.write_qdpx(research_study(), path)
    >>> study = jw.read_qdpx(path)
    >>> len(study.participants), len(study.codes), len(study.segments)
    (6, 18, 30)
    """
    journey = _fresh(path)
    return _read(journey, import_qdpx(journey, path, misfits=misfits, unit=unit))


def read_qdc(path: str | os.PathLike[str]) -> Journey:
    """A journey holding the code tree of a REFI-QDA codebook (``.qdc``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import research_study
    >>> path = jw.write_qdc(research_study(), pathlib.Path(tempfile.mkdtemp()) / "codes.qdc")
    >>> jw.read_qdc(path).codes["name"].tolist()[:4]
    ['Moment', 'Searching', 'Comparing', 'Test ride']
    """
    journey = _fresh(path)
    return _read(journey, import_qdc(journey, path))


def read_taguette(
    path: str | os.PathLike[str], *, participants: bool = True, project: int | None = None
) -> Journey:
    """A journey from a Taguette export: highlights CSV/XLSX, codebook CSV/XLSX/QDC, or
    the project's SQLite database (which has the documents and positions).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "highlights.csv"
    >>> _ = path.write_text(
    ...     "id,document,tag,content\\n"
    ...     "1,Interview 1,Card declined,My card was declined twice\\n"
    ...     "1,Interview 1,Frustrated,My card was declined twice\\n"
    ...     "2,Interview 2,Queues,The queue was long\\n", encoding="utf-8")
    >>> study = jw.read_taguette(path)  # one highlight with two tags is one segment
    >>> study.segments["text"].tolist(), study.participants["label"].tolist()
    (['My card was declined twice', 'The queue was long'], ['Interview 1', 'Interview 2'])
    """
    journey = _fresh(path)
    return _read(
        journey, import_taguette(journey, path, participants=participants, project=project)
    )


def import_qualcoder(journey: Journey, path: str | os.PathLike[str]) -> ImportReport:
    """Import a QualCoder coding-report CSV, or QualCoder's ``.qdpx`` export.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.csv"
    >>> _ = path.write_text(
    ...     '"File","Coder","Coded","Id","Codename","Coded_Memo","Category"\\n'
    ...     '"Interview 1","me","My card was declined","ctid:1","Card declined","","Pain point"\\n',
    ...     encoding="utf-8-sig")
    >>> journey = jw.Journey("Bike shop")
    >>> report = jw.import_qualcoder(journey, path)
    >>> sorted(report.imported.items())
    [('codes', 2), ('segment_codes', 1), ('segments', 1), ('sources', 1)]
    >>> journey.undo() is not None, len(journey.segments)  # one change
    (True, 0)
    """
    if Path(path).suffix.lower() in (".qdpx", ".qde"):
        return import_qdpx(journey, path)
    return _import_qualcoder(journey, path)


def read_qualcoder(path: str | os.PathLike[str]) -> Journey:
    """A journey from a QualCoder coding-report CSV or its ``.qdpx`` export.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.csv"
    >>> _ = path.write_text(
    ...     '"File","Coder","Coded","Id","Codename","Coded_Memo","Category"\\n'
    ...     '"Interview 1","me","My card was declined","ctid:1","Card declined","","Pain point"\\n',
    ...     encoding="utf-8-sig")
    >>> study = jw.read_qualcoder(path)
    >>> study.codes[["parent_id", "name"]]
            parent_id           name
    code_id
    code_1       <NA>     Pain point
    code_2     code_1  Card declined
    """
    journey = _fresh(path)
    return _read(journey, import_qualcoder(journey, path))


def read_quotes(source: object, *, columns: Mapping[str, str] | None = None) -> Journey:
    """A journey from a quote sheet (a DataFrame, or a CSV or Excel file): participant,
    quote, and optional step, stage, codes, emotion, source and attribute columns.

    Examples
    --------
    >>> import pandas as pd
    >>> import journeywidgets as jw
    >>> sheet = pd.DataFrame({
    ...     "participant": ["P1", "P2"], "quote": ["Paid twice", "Queue too long"],
    ...     "step": ["Pays", "Waits"], "codes": ["Payment", "Queues"]})
    >>> study = jw.read_quotes(sheet)
    >>> study.steps["name"].tolist(), study.codes["name"].tolist()
    (['Pays', 'Waits'], ['Payment', 'Queues'])
    """
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
