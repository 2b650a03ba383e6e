"""Reading Taguette's exports: highlights (CSV, XLSX), codebooks (CSV, XLSX, QDC) and the
project database (SQLite).

Highlight exports have one row per highlight × tag (``id,document,tag,content``); the rows
of one highlight become one segment with all its tags as codes. They carry no positions,
so their segments have none. The SQLite database has everything: documents as HTML, and
highlights as UTF-8 byte offsets into the document's text without tags (Taguette's
``extract.find_pos`` counts the bytes of text nodes). The reader rebuilds that text, with
a line break between paragraphs for reading, and converts the offsets to code points.
Each Taguette document is one source; with ``participants=True`` (default) also one
participant, labelled by the document's name (Taguette has no participants of its own).
"""

from __future__ import annotations

import bisect
import csv
import io
import os
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..model import FileFormatError, Journey
from .offsets import OffsetTable
from .refi_read import import_qdc
from .research_batch import ImportReport, ResearchBatch
from .text_file import read_text

TAGUETTE_NAMESPACE = uuid.UUID("51B2B2B7-27EB-4ECB-9D56-E75B0A0496C2")
HIGHLIGHT_COLUMNS = ("id", "document", "tag", "content")
CODEBOOK_COLUMNS = ("tag", "description")
_BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "pre"}


class _TextNodes(HTMLParser):
    """The text nodes of a Taguette document, and where paragraphs break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self.breaks: list[int] = []  # counted code points before which a line break goes
        self._length = 0

    def handle_data(self, data: str) -> None:
        self.nodes.append(data)
        self._length += len(data)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _BLOCKS and self._length and (not self.breaks or self.breaks[-1] != self._length):
            self.breaks.append(self._length)


class TaguetteText:
    """A document's plain text and the conversion of Taguette's offsets into it."""

    def __init__(self, html: str) -> None:
        parser = _TextNodes()
        parser.feed(html)
        parser.close()
        self.counted = "".join(parser.nodes)
        self.breaks = parser.breaks
        pieces, last = [], 0
        for at in self.breaks:
            pieces += [self.counted[last:at], "\n"]
            last = at
        pieces.append(self.counted[last:])
        self.text = "".join(pieces)
        self._table = OffsetTable(self.counted)

    def to_code_points(self, start: int, end: int) -> tuple[int, int] | None:
        """Code points of the text for a highlight's UTF-8 offsets; None if they do not fit."""
        found = self._table.to_code_points([start, end], "utf8")
        a, b = int(found[0]), int(found[1])
        if a < 0 or b < 0 or a > b:
            return None
        # A start on a paragraph break begins after the line break; an end stays before it.
        return a + bisect.bisect_right(self.breaks, a), b + bisect.bisect_left(self.breaks, b)


def _table_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    """Header, (row number, cells) and what a row number is called, from CSV or XLSX."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as problem:  # openpyxl raises many kinds for a damaged file
            raise FileFormatError(
                f"not a readable workbook: {problem}", path=os.fspath(path)
            ) from None
        sheet = workbook.worksheets[0]
        rows = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        workbook.close()
        numbered = list(enumerate(rows, start=1))
        kind = "row"
    else:
        text = read_text(path)
        numbered = [(reader.line_num, row) for reader in [csv.reader(io.StringIO(text, newline=""))]
                    for row in reader]  # fmt: skip
        kind = "line"
    if not numbered:
        raise FileFormatError("the file is empty", path=os.fspath(path))
    header = [h.strip().lower() for h in numbered[0][1]]
    return header, numbered[1:], kind


def located(reason: str, path: Path, kind: str, number: int) -> FileFormatError:
    """An error at a CSV line or a sheet row."""
    if kind == "line":
        return FileFormatError(reason, path=os.fspath(path), line=number)
    return FileFormatError(reason, path=os.fspath(path), cell=f"A{number}")


def _columns(header: Sequence[str], needed: Iterable[str], path: Path) -> dict[str, int]:
    missing = [c for c in needed if c not in header]
    if missing:
        raise FileFormatError(
            f"missing columns {', '.join(missing)} (the header is: {', '.join(header)})",
            path=os.fspath(path),
            line=1,
        )
    return {name: header.index(name) for name in header}


def import_taguette(
    journey: Journey, path: str | os.PathLike[str], *, participants: bool = True,
    project: int | None = None,
) -> ImportReport:  # fmt: skip
    """Import a Taguette export into ``journey`` as one change: a highlights CSV/XLSX, a
    codebook CSV/XLSX/QDC, or the project's SQLite database (``project``: its id, when the
    database holds several).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "codebook.csv"
    >>> _ = path.write_text("tag,description\\nQueues,Waiting in line\\n", encoding="utf-8")
    >>> journey = jw.Journey("Bike shop")
    >>> jw.import_taguette(journey, path).format, journey.codes["name"].tolist()
    ('Taguette codebook', ['Queues'])
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".qdc":
        return import_qdc(journey, target)
    if suffix in (".sqlite3", ".sqlite", ".db"):
        return _import_sqlite(journey, target, participants=participants, project=project)
    header, rows, kind = _table_rows(target)
    if "content" in header or "document" in header:
        return _import_highlights(journey, target, header, rows, kind, participants)
    return _import_codebook(journey, target, header, rows, kind)


class _Study:
    """Codes, sources and participants found by name while reading rows."""

    def __init__(self, batch: ResearchBatch, participants: bool) -> None:
        self.batch = batch
        self.participants = participants
        self.codes: dict[str, str] = {}
        self.sources: dict[str, tuple[str, str | None]] = {}

    def code(self, name: str, description: str | None = None) -> str:
        if name not in self.codes:
            # The GUID Taguette itself gives the tag in its .qdc export (export.py).
            guid = str(uuid.uuid5(TAGUETTE_NAMESPACE, name)).upper()
            row = {"name": name, "description": description, "origin": guid}
            self.codes[name] = self.batch.insert("codes", row)
        return self.codes[name]

    def source(
        self, name: str, text: str | None = None, origin: str | None = None
    ) -> tuple[str, str | None]:
        if name not in self.sources:
            participant = (
                self.batch.insert("participants", {"label": name, "origin": origin})
                if self.participants
                else None
            )
            source = self.batch.insert(
                "sources",
                {"participant_id": participant, "kind": "text", "name": name, "text": text,
                 "origin": origin},
            )  # fmt: skip
            self.sources[name] = (source, participant)
        return self.sources[name]


def _import_highlights(
    journey: Journey, path: Path, header: list[str], rows: list[tuple[int, list[str]]],
    kind: str, participants: bool,
) -> ImportReport:  # fmt: skip
    columns = _columns(header, HIGHLIGHT_COLUMNS, path)
    report = ImportReport(os.fspath(path), "Taguette highlights")
    batch = ResearchBatch(journey)
    study = _Study(batch, participants)
    segments: dict[str, tuple[str, set[str]]] = {}
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < len(HIGHLIGHT_COLUMNS):
            raise located(f"{len(cells)} fields, not 4", path, kind, number)
        highlight, document, tag, content = (cells[columns[c]] for c in HIGHLIGHT_COLUMNS)
        if highlight not in segments:
            if not content.strip():
                report.discard(f"the empty highlight {highlight} ({kind} {number})")
                continue
            source, participant = study.source(document)
            segment = batch.insert(
                "segments",
                {"source_id": source, "participant_id": participant, "text": content,
                 "origin": f"taguette:highlight:{highlight}"},
            )  # fmt: skip
            segments[highlight] = (segment, set())
        segment, tags = segments[highlight]
        if tag and tag not in tags:
            tags.add(tag)
            batch.insert("segment_codes", {"segment_id": segment, "code_id": study.code(tag)})
    report.notes.append("a highlights export has no positions: the segments have no span")
    batch.apply(report, origin="import")
    return report


def _import_codebook(
    journey: Journey, path: Path, header: list[str], rows: list[tuple[int, list[str]]], kind: str
) -> ImportReport:
    columns = _columns(header, CODEBOOK_COLUMNS, path)
    report = ImportReport(os.fspath(path), "Taguette codebook")
    batch = ResearchBatch(journey)
    study = _Study(batch, participants=False)
    for _, cells in rows:
        if cells and cells[columns["tag"]].strip():
            description = (
                cells[columns["description"]] if len(cells) > columns["description"] else ""
            )
            study.code(cells[columns["tag"]], description or None)
    if "number of highlights" in header:
        report.discard("the highlight and document counts (they follow from the segments)")
    batch.apply(report, origin="import")
    return report


def _import_sqlite(
    journey: Journey, path: Path, *, participants: bool, project: int | None
) -> ImportReport:
    source = os.fspath(path)
    if not path.is_file():
        raise FileFormatError("no such file", path=source)
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        with connection:
            projects = connection.execute("select id, name from projects order by id").fetchall()
            if project is None:
                if len(projects) != 1:
                    raise FileFormatError(
                        f"the database holds {len(projects)} projects; pass project= one of "
                        + ", ".join(f"{i} ({n})" for i, n in projects),
                        path=source,
                    )
                project = int(projects[0][0])
            documents = connection.execute(
                "select id, name, contents from documents where project_id = ? order by id",
                (project,),
            ).fetchall()
            tags = connection.execute(
                "select id, path, description from tags where project_id = ? order by id",
                (project,),
            ).fetchall()
            highlights = connection.execute(
                "select h.id, h.document_id, h.start_offset, h.end_offset from highlights h "
                "join documents d on d.id = h.document_id where d.project_id = ? order by h.id",
                (project,),
            ).fetchall()
            pairs = connection.execute(
                "select highlight_id, tag_id from highlight_tags order by highlight_id, tag_id"
            ).fetchall()
        connection.close()
    except sqlite3.DatabaseError as problem:
        raise FileFormatError(f"not a Taguette project database: {problem}", path=source) from None
    report = ImportReport(source, "Taguette project database")
    batch = ResearchBatch(journey)
    study = _Study(batch, participants)
    code_of = {tag_id: study.code(name, description or None) for tag_id, name, description in tags}
    texts: dict[int, TaguetteText] = {}
    ids: dict[int, tuple[str, str | None]] = {}
    for document_id, name, contents in documents:
        texts[document_id] = TaguetteText(contents)
        ids[document_id] = study.source(
            name, texts[document_id].text, f"taguette:document:{document_id}"
        )
        report.units[name] = "UTF-8 bytes of the text without tags (as Taguette stores)"
    segment_of: dict[int, str] = {}
    for highlight_id, document_id, start, end in highlights:
        where = f"highlights row id={highlight_id}"
        text = texts[document_id]
        span = text.to_code_points(start, end)
        if span is None:
            raise FileFormatError(
                f"the offsets {start}–{end} fit no character of the document's text "
                f"({len(text.counted.encode('utf-8'))} bytes)",
                path=source, pointer=where,
            )  # fmt: skip
        a, b = span
        source_id, participant = ids[document_id]
        if not text.text[a:b].strip():
            report.discard(f"the empty highlight {highlight_id}")
            continue
        segment_of[highlight_id] = batch.insert(
            "segments",
            {"source_id": source_id, "participant_id": participant, "start": a, "end": b,
             "text": text.text[a:b], "origin": f"taguette:highlight:{highlight_id}"},
        )  # fmt: skip
    for highlight_id, tag_id in pairs:
        if highlight_id in segment_of:
            if tag_id not in code_of:
                raise FileFormatError(f"highlight {highlight_id} has the unknown tag {tag_id}",
                                      path=source, pointer="highlight_tags")  # fmt: skip
            batch.insert(
                "segment_codes",
                {"segment_id": segment_of[highlight_id], "code_id": code_of[tag_id]},
            )
    report.discard("Taguette's users, command log and project description")
    batch.apply(report, origin="import")
    return report
