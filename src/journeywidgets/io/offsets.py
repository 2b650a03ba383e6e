"""Text positions in the units QDA tools write, converted to Unicode code points.

REFI-QDA says selections count Unicode code points. Real exports differ: NVivo counts
UTF-16 code units (an emoji is two), ATLAS.ti counts a CRLF line end as one, Taguette
stores UTF-8 byte offsets. The journey keeps code points; this module converts from any
unit and detects, per source, which unit its selections were written in by checking every
candidate against the text. A position that falls inside a character (half an emoji, the
middle of a UTF-8 sequence) or past the end does not fit a unit; such selections are
reported, never shifted to a neighbour.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np

Unit = Literal["codepoint", "utf16", "codepoint_lf", "utf8"]
UNITS: tuple[Unit, ...] = ("codepoint", "utf16", "codepoint_lf", "utf8")
"""Candidate units, in order of preference when several fit equally well."""

SAMPLE = 2_000
"""How many spans per source the quote and word-edge scores look at (at least)."""

UNIT_NAMES: dict[Unit, str] = {
    "codepoint": "Unicode code points (the REFI-QDA rule)",
    "utf16": "UTF-16 code units (as NVivo writes)",
    "codepoint_lf": "code points with CRLF counted as one (as ATLAS.ti writes)",
    "utf8": "UTF-8 bytes (as Taguette stores)",
}


class OffsetTable:
    """Where each code point of ``text`` starts, in every unit.

    ``boundary(unit)[i]`` is the offset, in ``unit``, of code point ``i`` (``i`` from 0 to
    ``len(text)``). Built with numpy: a 2 M-character transcript takes milliseconds.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")

    @cached_property
    def _widths(self) -> dict[Unit, np.ndarray]:
        points = self._points
        crlf_tail = np.zeros(len(points), dtype=bool)
        if len(points) > 1:
            crlf_tail[1:] = (points[1:] == 0x0A) & (points[:-1] == 0x0D)
        return {
            "codepoint": np.ones(len(points), dtype=np.int64),
            "utf16": np.where(points >= 0x10000, 2, 1).astype(np.int64),
            "codepoint_lf": np.where(crlf_tail, 0, 1).astype(np.int64),
            "utf8": np.select(
                [points < 0x80, points < 0x800, points < 0x10000], [1, 2, 3], 4
            ).astype(np.int64),
        }

    def boundary(self, unit: Unit) -> np.ndarray:
        cache = self.__dict__.setdefault("_boundaries", {})
        if unit not in cache:
            cache[unit] = np.concatenate(([0], np.cumsum(self._widths[unit])))
        return cache[unit]  # type: ignore[no-any-return]

    def length(self, unit: Unit) -> int:
        return int(self.boundary(unit)[-1])

    def to_code_points(self, offsets: Sequence[int] | np.ndarray, unit: Unit) -> np.ndarray:
        """Code point positions of ``offsets`` in ``unit``; -1 where an offset fits no
        character boundary (inside a character, or outside the text).

        A position between the CR and LF of a line end is taken as after the pair, so that
        a CRLF counted as one unit is never split.
        """
        bounds = self.boundary(unit)
        wanted = np.asarray(offsets, dtype=np.int64)
        found = np.searchsorted(bounds, wanted, side="right") - 1
        found = np.clip(found, 0, len(bounds) - 1)
        ok = (wanted >= 0) & (bounds[found] == wanted)
        return np.where(ok, found, -1)

    def from_code_points(self, positions: Sequence[int] | np.ndarray, unit: Unit) -> np.ndarray:
        """Offsets in ``unit`` of code point ``positions`` (the inverse, for writing)."""
        return self.boundary(unit)[np.asarray(positions, dtype=np.int64)]


@dataclass(frozen=True)
class Span:
    """A selection as a tool wrote it: start/end in its unit, and its quoted text if known."""

    start: int
    end: int
    quote: str | None = None


@dataclass(frozen=True)
class Detection:
    """The unit chosen for one source and what it gives.

    ``starts``/``ends`` are code points, -1 for a span that fits no character boundary of
    the text in the chosen unit (those spans are in ``misfits``, by index). ``agree`` says
    every candidate unit gave the same code points (a text without CRLF, emoji or
    non-ASCII): the choice then changes nothing.
    """

    unit: Unit
    starts: np.ndarray
    ends: np.ndarray
    misfits: tuple[int, ...]
    agree: bool
    scores: dict[Unit, tuple[int, int, int]]


def _is_word(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM"


def _edge_score(text: str, start: int, end: int) -> int:
    """2 when the span neither starts nor ends inside a word, 1 for one of the two."""
    score = 0
    if (
        start == 0
        or start >= len(text)
        or not (_is_word(text[start - 1]) and _is_word(text[start]))
    ):
        score += 1
    if end >= len(text) or end == 0 or not (_is_word(text[end - 1]) and _is_word(text[end])):
        score += 1
    return score


def _normal(text: str) -> str:
    return " ".join(text.split())


def detect_unit(
    table: OffsetTable, spans: Sequence[Span], *, units: Sequence[Unit] = UNITS
) -> Detection:
    """Choose the unit the ``spans`` of one source were written in.

    Each candidate unit is scored by, in order: how many spans then reproduce their quoted
    text (when the tool wrote one), how many fit character boundaries inside the text, and
    how many start and end at word edges (people select words, not halves of words).
    Ties go to the earlier unit in ``units`` (code points first, as the spec says).
    """
    starts_in = np.fromiter((s.start for s in spans), dtype=np.int64, count=len(spans))
    ends_in = np.fromiter((s.end for s in spans), dtype=np.int64, count=len(spans))
    text = table.text
    # Fit is counted over every span; quotes and word edges over an even sample, which
    # is plenty to tell units apart and keeps a 50,000-selection file fast.
    sample = slice(None, None, max(1, len(spans) // SAMPLE))
    results: dict[Unit, tuple[np.ndarray, np.ndarray]] = {}
    scores: dict[Unit, tuple[int, int, int]] = {}
    for unit in units:
        starts = table.to_code_points(starts_in, unit)
        ends = table.to_code_points(ends_in, unit)
        fits = (starts >= 0) & (ends >= 0) & (starts <= ends)
        matches = edges = 0
        for n in np.flatnonzero(fits)[sample]:
            a, b = int(starts[n]), int(ends[n])
            quote = spans[int(n)].quote
            if quote is not None and _normal(text[a:b]) == _normal(quote):
                matches += 1
            edges += _edge_score(text, a, b)
        results[unit] = (np.where(fits, starts, -1), np.where(fits, ends, -1))
        scores[unit] = (matches, int(fits.sum()), edges)
    best = max(units, key=lambda u: (scores[u], -units.index(u)))
    starts, ends = results[best]
    agree = all(
        np.array_equal(results[u][0], starts) and np.array_equal(results[u][1], ends) for u in units
    )
    misfits = tuple(int(n) for n in np.flatnonzero(starts < 0))
    return Detection(best, starts, ends, misfits, agree, scores)


def encode_offsets(text: str, positions: Sequence[int], unit: Unit) -> list[int]:
    """Code point ``positions`` of ``text`` written in ``unit`` (for tests and writers)."""
    return [int(x) for x in OffsetTable(text).from_code_points(positions, unit)]
