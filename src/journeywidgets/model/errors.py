"""Errors raised by journeywidgets.

Every error a user can cause derives from :class:`JourneyError`. Validation errors carry
*where* the problem is (table, row id, column) as attributes, so that the widget, the
file readers and the command line can all point at the same place.
"""

from __future__ import annotations


class JourneyError(Exception):
    """Base class of every error journeywidgets raises on purpose."""


class ValidationError(JourneyError, ValueError):
    """A value, row or file breaks the journey schema. Nothing was changed.

    Attributes
    ----------
    table, row, column:
        Where the problem is; any of them may be ``None`` when it does not apply
        (a meta field has no row, a missing table has no column).
    reason:
        The message without the location prefix.
    """

    def __init__(
        self,
        reason: str,
        *,
        table: str | None = None,
        row: str | None = None,
        column: str | None = None,
    ) -> None:
        self.reason = reason
        self.table = table
        self.row = row
        self.column = column
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.table is not None:
            where.append(f"table {self.table!r}")
        if self.row is not None:
            where.append(f"row {self.row!r}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason

    def located(
        self, *, table: str | None = None, row: str | None = None, column: str | None = None
    ) -> ValidationError:
        """A copy with missing location parts filled in."""
        return type(self)(
            self.reason,
            table=self.table if self.table is not None else table,
            row=self.row if self.row is not None else row,
            column=self.column if self.column is not None else column,
        )


class OperationError(JourneyError, ValueError):
    """An operation is malformed (unknown op, unknown table, missing field)."""


class FileFormatError(JourneyError, ValueError):
    """A journey file cannot be read. Nothing was loaded.

    Attributes say where, as far as the format has such places: ``path`` (the file),
    ``pointer`` (a JSON path), ``line`` and ``column`` (text formats, from 1), ``sheet``
    and ``cell`` (spreadsheets, such as ``"B7"``). ``reason`` is the message alone.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        pointer: str | None = None,
        line: int | None = None,
        column: int | None = None,
        sheet: str | None = None,
        cell: str | None = None,
    ):
        self.reason = message
        self.path = path
        self.pointer = pointer
        self.line = line
        self.column = column
        self.sheet = sheet
        self.cell = cell
        parts = [
            " at ".join(p for p in (path, pointer) if p),
            f"sheet {sheet!r}" if sheet is not None else None,
            f"cell {cell}" if cell is not None else None,
            f"line {line}" if line is not None else None,
            f"column {column}" if column is not None else None,
        ]
        where = ", ".join(p for p in parts if p)
        super().__init__(f"{where}: {message}" if where else message)


class FileWriteError(JourneyError, OSError):
    """A journey could not be saved: the folder is missing or read-only, the disk is full …

    Nothing was changed at ``path`` (saves are atomic). ``reason`` is the system's words
    (``strerror``). It is an :class:`OSError` too, for code that catches those.
    """

    def __init__(self, reason: str, *, path: str, errno: int | None = None) -> None:
        OSError.__init__(self, errno, reason, path)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"cannot save {self.path}: {self.reason}"
