"""What a map view needs of the research synthesis: evidence links and levels.

The derivation (which segments back which item, and the level that follows) is decided
once, in Python (``journeywidgets.research``); views receive its result with the snapshot
and, after a change to the material it depends on, with the change. The segments, codes,
participants and sources the panel shows are ordinary tables of the snapshot.

    {"links": [[segment_id, target_table, target_id, via], ...],
     "levels": {"stages"|"steps"|"cards"|"emotions": {id: level}},
     "rule": "observed: … ; assumed: no segment"}

It is None for a map without segments (no research: nothing is marked as assumed).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from ..model import Change, Journey
from ..research import evidence_levels, study_of
from ..research.strength import EvidenceRule

DEPENDS_ON = frozenset(
    (
        *("segments", "segment_codes", "codes", "code_mappings", "evidence_links"),
        *("participants", "stages", "steps", "cards", "emotions"),
    )
)
"""Tables whose change may change the evidence of an item."""


@dataclass
class _Seen:
    """The evidence view at a version, and the message that announced it."""

    version: int
    view: dict[str, Any] | None
    message: dict[str, Any] | None


_cache: weakref.WeakKeyDictionary[Journey, _Seen] = weakref.WeakKeyDictionary()


def _compute(journey: Journey) -> dict[str, Any] | None:
    if journey.segments.empty:
        return None
    links = study_of(journey).links
    return {
        "links": [
            [str(s), str(t), str(i), str(v)]
            for s, t, i, v in zip(
                links["segment_id"],
                links["target_table"],
                links["target_id"],
                links["via"],
                strict=True,
            )
        ],
        "levels": evidence_levels(journey),
        "rule": str(EvidenceRule()),
    }


def evidence_view(journey: Journey) -> dict[str, Any] | None:
    """The evidence part of a snapshot (computed once per journey version)."""
    seen = _cache.get(journey)
    if seen is None or seen.version != journey.version:
        seen = _Seen(journey.version, _compute(journey), None)
        _cache[journey] = seen
    return seen.view


def evidence_change(journey: Journey, change: Change) -> dict[str, Any] | None:
    """What a change message says of the evidence, if ``change`` may have changed it:
    ``{"evidence": view}`` when there was none before or is none now, else
    ``{"evidence_delta": {"added": links, "removed": links, "levels": {table: {id:
    level or None}}}}`` — bytes in proportion to what changed, not to the study."""
    if not any(getattr(op, "table", None) in DEPENDS_ON for op in change.ops):
        return None
    seen = _cache.get(journey)
    if seen is not None and seen.version == journey.version and seen.message is not None:
        return seen.message  # a second view of the same change
    before = seen.view if seen is not None else None
    after = _compute(journey)
    message: dict[str, Any]
    if before is None or after is None:
        message = {"evidence": after}
    else:
        old = {tuple(link) for link in before["links"]}
        new = {tuple(link) for link in after["links"]}
        levels: dict[str, dict[str, str | None]] = {}
        for table in {*before["levels"], *after["levels"]}:
            was, now = before["levels"].get(table, {}), after["levels"].get(table, {})
            changed = {i: now.get(i) for i in {*was, *now} if was.get(i) != now.get(i)}
            if changed:
                levels[table] = changed
        message = {
            "evidence_delta": {
                "added": [list(link) for link in after["links"] if tuple(link) not in old],
                "removed": [list(link) for link in before["links"] if tuple(link) not in new],
                "levels": levels,
            }
        }
    _cache[journey] = _Seen(journey.version, after, message)
    return message
