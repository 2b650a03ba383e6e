"""Naming a row: by its id, or by its name where that name is unique.

People think in names ("Penghantaran", "Aisyah", "Pain points"), the tables in ids. Every
method that takes a row of another table takes either; this module is the one place that
turns what was given into an id, and the one place that explains what went wrong:
an unknown name gets the nearest names and ids, an ambiguous one the ids it could mean.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

import pandas as pd

from .errors import ValidationError

LABEL_COLUMNS: dict[str, str] = {
    "personas": "name",
    "stages": "name",
    "steps": "name",
    "lanes": "name",
    "metrics": "name",
    "participants": "label",
    "sources": "name",
    "codes": "name",
}
"""The column of each table that people call its rows by."""


def resolve(
    frames: Mapping[str, pd.DataFrame],
    table: str,
    given: object,
    *,
    field: str | None = None,
) -> str:
    """The id of the row of ``table`` that ``given`` names: an id, or a unique name.

    An id wins over a name. A name that several rows share is refused (``field`` names the
    argument it was given for); anything else that is no id is handed on unchanged, for the
    pipeline to refuse with the nearest names (:func:`suggestion`) — one place says that a
    reference is unknown, whichever way it arrived.
    """
    frame = frames[table]
    if not isinstance(given, str) or given in frame.index:
        return given  # type: ignore[return-value]  # the pipeline checks its type
    label = LABEL_COLUMNS.get(table)
    if label is None:
        return given
    matches = frame.index[(frame[label] == given).fillna(False).to_numpy()]
    if len(matches) > 1:
        ids = ", ".join(repr(str(i)) for i in matches)
        raise ValidationError(
            f"{given!r} is the name of {len(matches)} {table} ({ids}); give the id",
            table=table,
            column=field,
        )
    return str(matches[0]) if len(matches) else given


def known_as(frame: pd.DataFrame, table: str) -> list[str]:
    """What rows of ``table`` may be called: their names, then their ids."""
    label = LABEL_COLUMNS.get(table)
    names = [str(n) for n in frame[label].dropna()] if label is not None else []
    return [*names, *map(str, frame.index)]


def resolve_optional(
    frames: Mapping[str, pd.DataFrame], table: str, given: object, *, field: str | None = None
) -> str | None:
    """As :func:`resolve`, letting ``None`` (no row) through."""
    return None if given is None else resolve(frames, table, given, field=field)


def suggestion(given: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'X'?"`` for the nearest of ``choices``, or ``""`` if none is near.

    Compared on case-folded text, character by character, so it works for CJK names
    (one character is one unit) as well as for Latin ones. Short names are a few
    characters (认知, 到达): one wrong character of two must still count as near.
    """
    options = list(dict.fromkeys(choices))
    folded = {c.casefold(): c for c in options}
    cutoff = 0.5 if len(given) <= 4 else 0.6
    near = difflib.get_close_matches(given.casefold(), list(folded), n=1, cutoff=cutoff)
    return f"; did you mean {folded[near[0]]!r}?" if near else ""
