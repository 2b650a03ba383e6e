"""Undo and redo over applied batches, whatever their origin (method, widget, diff)."""

from __future__ import annotations

from dataclasses import dataclass

from .ops import AppliedOp, inverse


@dataclass(frozen=True)
class Entry:
    """One accepted batch: what it did, and what undoes it."""

    ops: tuple[AppliedOp, ...]

    def inverse(self) -> tuple[AppliedOp, ...]:
        return tuple(inverse(op) for op in reversed(self.ops))


class History:
    """Two stacks. A new edit clears the redo stack, as in every editor."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        self._undo: list[Entry] = []
        self._redo: list[Entry] = []

    def record(self, ops: tuple[AppliedOp, ...]) -> None:
        self._undo.append(Entry(ops))
        self._redo.clear()
        if self.limit is not None and len(self._undo) > self.limit:
            del self._undo[: len(self._undo) - self.limit]

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def peek_undo(self) -> Entry | None:
        return self._undo[-1] if self._undo else None

    def peek_redo(self) -> Entry | None:
        return self._redo[-1] if self._redo else None

    def undone(self) -> None:
        """The top undo entry was reverted: it moves to the redo stack."""
        self._redo.append(self._undo.pop())

    def redone(self) -> None:
        """The top redo entry was re-applied: it moves back to the undo stack."""
        self._undo.append(self._redo.pop())

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
