"""Reading QualCoder's coding report as CSV (Report → Coding reports → export CSV).

The layout is QualCoder's ``DialogReportCodes.export_csv_file`` (report_codes.py): UTF-8
with a BOM, every field quoted, one row per coding; the columns ``File`` (or ``Case`` then
``Filename``), ``Coder``, ``Coded`` (the text, or ``image`` / ``a/v``), ``Id``
(``ctid:``/``imid:``/``avid:`` and a number), ``Codename``, ``Coded_Memo``, then one
``Category`` column per level of the code's parents and categories (leaf to root), then
``FileVar_…`` and ``CaseVar_…`` variables. The report has no positions. Rows coding the
same text of the same file (and case) by the same coder become one segment with several
codes; image and audio/video codings are reported, not carried. QualCoder's ``.qdpx``
export is read by :func:`journeywidgets.io.refi_read.import_qdpx`.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from ..model import FileFormatError, Journey
from .research_batch import ImportReport, ResearchBatch
from .text_file import read_text

REQUIRED = ("coder", "coded", "id", "codename")


def import_qualcoder(journey: Journey, path: str | os.PathLike[str]) -> ImportReport:
    """Import a QualCoder coding-report CSV into ``journey`` as one change."""
    source = os.fspath(path)
    reader = csv.reader(io.StringIO(read_text(Path(path)), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise FileFormatError("the file is empty", path=source) from None
    names = [h.strip() for h in header]
    lower = [h.lower() for h in names]
    by_case = bool(lower) and lower[0] == "case"
    if not lower or lower[0] not in ("file", "case") or (by_case and "filename" not in lower):
        raise FileFormatError(
            "not a QualCoder coding report: the first column must be File or Case "
            f"(the header is: {', '.join(names)})",
            path=source, line=1,
        )  # fmt: skip
    missing = [c for c in REQUIRED if c not in lower]
    if missing:
        raise FileFormatError(f"missing columns {', '.join(missing)}", path=source, line=1)
    col = {
        name: lower.index(name) for name in (*REQUIRED, "coded_memo", "filename") if name in lower
    }
    categories = [n for n, h in enumerate(lower) if h == "category"]
    file_vars = [n for n, h in enumerate(lower) if h.startswith("filevar_")]
    case_vars = [n for n, h in enumerate(lower) if h.startswith("casevar_")]

    report = ImportReport(source, "QualCoder coding report")
    batch = ResearchBatch(journey)
    codes: dict[tuple[str, ...], str] = {}
    sources: dict[str, str] = {}  # name -> id
    participants: dict[str, str] = {}
    segments: dict[tuple[str, str | None, str, str], tuple[str, set[str]]] = {}
    media = 0

    def code(path: tuple[str, ...]) -> str:
        if path not in codes:
            parent = code(path[:-1]) if len(path) > 1 else None
            codes[path] = batch.insert("codes", {"name": path[-1], "parent_id": parent})
        return codes[path]

    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < len(names):
            raise FileFormatError(
                f"{len(cells)} fields, the header has {len(names)}", path=source, line=line
            )
        kind_id = cells[col["id"]]
        if not kind_id.startswith("ctid:"):
            media += 1
            continue
        file_name = cells[col["filename"]] if by_case else cells[0]
        case = cells[0] if by_case else None
        text, coder = cells[col["coded"]], cells[col["coder"]] or None
        if not text.strip():
            raise FileFormatError("the coded text is empty", path=source, line=line)
        name = cells[col["codename"]]
        if not name.strip():
            raise FileFormatError("the code name is empty", path=source, line=line)
        # Category columns run leaf to root: the code's parents, then its categories.
        lineage = tuple(reversed([cells[n] for n in categories if cells[n].strip()]))
        code_id = code((*lineage, name))
        participant = None
        if case is not None:
            if case not in participants:
                participants[case] = batch.insert("participants", {"label": case})
                for n in case_vars:
                    variable = names[n][len("CaseVar_") :]
                    value = cells[n] or None
                    attribute: dict[str, str | None] = {"participant_id": participants[case]}
                    attribute["name"] = variable
                    attribute["value"] = value
                    batch.insert("participant_attributes", attribute)
            participant = participants[case]
        # A segment's participant is its source's: a file coded for several cases (a focus
        # group) becomes one source per case.
        where = file_name if case is None else f"{file_name} ({case})"
        if where not in sources:
            sources[where] = batch.insert(
                "sources", {"name": where, "kind": "text", "participant_id": participant}
            )
        key = (file_name, case, coder or "", text)
        memo = cells[col["coded_memo"]] if "coded_memo" in col else ""
        if key not in segments:
            segment = batch.insert(
                "segments",
                {"source_id": sources[where], "participant_id": participant, "text": text,
                 "coder": coder, "memo": memo or None, "origin": f"qualcoder:{kind_id}"},
            )  # fmt: skip
            segments[key] = (segment, set())
        else:
            report.merged += 1
        segment, applied = segments[key]
        if code_id not in applied:
            applied.add(code_id)
            batch.insert("segment_codes", {"segment_id": segment, "code_id": code_id})
    if media:
        report.discard(f"{media} image and audio/video codings (only text codings are carried)")
    if file_vars:
        report.discard(
            f"{len(file_vars)} file variables (FileVar_ columns; sources have no attributes)"
        )
    report.notes.append("a coding report has no positions: the segments have no span")
    batch.apply(report, origin="import")
    return report
