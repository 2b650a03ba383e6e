"""Research material gathered from a file, applied to a journey as one change.

Every importer (REFI-QDA, Taguette, QualCoder, quote sheets) fills a
:class:`ResearchBatch` — rows with ids chosen up front, so that one batch can refer to
its own rows — and an :class:`ImportReport` of what it read, converted and left out. The
batch then goes through the journey's operation pipeline once: the import is checked as a
whole (nothing half-imported) and undone by one ``undo()``.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..model import FileFormatError, Journey, ValidationError
from ..model.ops import Insert, Op
from ..model.schema import TABLES
from ..model.values import Value


class ResearchImportWarning(UserWarning):
    """An import left something out; ``.report`` is the full :class:`ImportReport`."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(str(report))


@dataclass
class ImportReport:
    """What an import read, how it converted positions, and what it did not carry.

    REFI-QDA §7 asks an importer to tell the user which elements it discarded, in as much
    detail as possible: ``discarded`` holds one line per kind of element left out, with
    counts and where; ``unplaced`` the selections whose positions fit no unit (skipped,
    never shifted); ``units`` the position unit found for each text source.
    """

    path: str
    format: str
    imported: Counter[str] = field(default_factory=Counter)
    units: dict[str, str] = field(default_factory=dict)
    merged: int = 0
    discarded: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the import did that the file did not say (rows it created, columns it read)."""

    @property
    def complete(self) -> bool:
        """Nothing was discarded or left unplaced."""
        return not self.discarded and not self.unplaced

    def discard(self, what: str) -> None:
        self.discarded.append(what)

    def __str__(self) -> str:
        counts = ", ".join(f"{n} {table}" for table, n in self.imported.items() if n)
        lines = [f"Imported from {self.path} ({self.format}): {counts or 'nothing'}."]
        if self.merged:
            lines.append(
                f"Merged {self.merged} selections that repeat a span with another code "
                "into the segment of that span."
            )
        for source, unit in self.units.items():
            lines.append(f"Positions in {source!r}: {unit}.")
        lines += [f"{note[0].upper()}{note[1:]}." for note in self.notes]
        if self.discarded:
            lines.append("Not carried into the journey:")
            lines += [f"  - {line}" for line in self.discarded]
        if self.unplaced:
            lines.append(f"{len(self.unplaced)} selections fit no position unit (skipped):")
            lines += [f"  - {line}" for line in self.unplaced[:20]]
            if len(self.unplaced) > 20:
                lines.append(f"  … and {len(self.unplaced) - 20} more")
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def warn(self) -> None:
        """Warn (once per call) when something was left out."""
        if not self.complete:
            warnings.warn(ResearchImportWarning(self), stacklevel=3)


class ResearchBatch:
    """Rows to insert into ``journey``, with fresh ids that do not clash with its own."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.ops: list[Op] = []
        self._counters: Counter[str] = Counter()
        self._taken: dict[str, set[str]] = {}
        self._positions: Counter[tuple[str, object]] = Counter()
        self.imported: Counter[str] = Counter()
        # Where each source had a CRLF (code points of the \r), for the spans into it.
        self._crlf: dict[str, np.ndarray] = {}

    def new_id(self, table: str) -> str:
        spec = TABLES[table]
        if table not in self._taken:
            self._taken[table] = set(self.journey._committed[table].index)
        taken = self._taken[table]
        while True:
            self._counters[table] += 1
            candidate = f"{spec.id_prefix}_{self._counters[table] + len(taken)}"
            if candidate not in taken:
                return candidate

    def _follow_line_ends(self, row: dict[str, Value]) -> None:
        """A span counted in code points of its source as the tool wrote it moves with the
        source's text once each CRLF is one line feed."""
        crlf = self._crlf.get(str(row.get("source_id")))
        if crlf is None:
            return
        for end in ("start", "end"):
            position = row.get(end)
            if isinstance(position, (int, np.integer)):
                row[end] = int(position) - int(np.searchsorted(crlf, position))

    def _next_position(self, table: str, parent: object = None) -> int:
        frame = self.journey._committed[table]
        spec = TABLES[table]
        key = (table, parent)
        if key not in self._positions:
            if spec.order_within:
                column = spec.order_within[0]
                rows = (
                    frame[(frame[column] == parent).fillna(False)]
                    if parent
                    else frame[frame[column].isna()]
                )
            else:
                rows = frame
            self._positions[key] = int(rows["position"].max()) + 1 if len(rows) else 0
        position = self._positions[key]
        self._positions[key] += 1
        return position

    def insert(self, table: str, row: Mapping[str, Value]) -> str:
        spec = TABLES[table]
        row = {k: v for k, v in row.items() if v is not None}
        crlf = _crlf_positions(row.get("text")) if table == "sources" else None
        row = {k: _lf(v) for k, v in row.items()}
        if table == "segments":
            self._follow_line_ends(row)
        row_id = str(row.get(spec.id_column) or self.new_id(table))
        row[spec.id_column] = row_id
        if spec.ordered and "position" not in row:
            parent = row.get(spec.order_within[0]) if spec.order_within else None
            row["position"] = self._next_position(table, parent)
        if crlf is not None and len(crlf):
            self._crlf[row_id] = crlf
        self.ops.append(Insert(table, row))
        self.imported[table] += 1
        return row_id

    def apply(
        self,
        report: ImportReport,
        *,
        origin: str,
        locate: Callable[[ValidationError], FileFormatError | None] | None = None,
    ) -> None:
        """Apply the batch as one change; a refusal becomes a FileFormatError of the file
        (``locate`` may place it in the file, from the table and row the model blames)."""
        report.imported.update(self.imported)
        if not self.ops:
            return
        try:
            self.journey.apply(self.ops, origin=origin)
        except ValidationError as problem:
            placed = locate(problem) if locate is not None else None
            if placed is not None:
                raise placed from None
            raise FileFormatError(
                f"the file's research data breaks the journey's rules: {problem}",
                path=report.path,
            ) from None


def _lf(value: Value) -> Value:
    """Text with its line ends as the model keeps them: CRLF and a lone CR are one LF.

    Transcripts from Windows tools end lines with CRLF; the model refuses a carriage return
    (Excel cannot keep one), so the line end is rewritten here, where the spans into the
    text are known and move with it (see ``_follow_line_ends``), rather than refused."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _crlf_positions(text: object) -> np.ndarray | None:
    """The code points at which ``text`` has the CR of a CRLF, in order."""
    if not isinstance(text, str) or "\r\n" not in text:
        return None
    positions = []
    at = text.find("\r\n")
    while at != -1:
        positions.append(at)
        at = text.find("\r\n", at + 2)
    return np.asarray(positions, dtype=np.int64)
