"""Steps that carry an older ``.journey.json`` document to the current schema version.

``MIGRATIONS[n]`` turns a version-n document (parsed JSON) into a version-(n+1) one; the
reader runs the chain, then validates the result like any current file. A step works on
plain JSON, so it never depends on the model of its day.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _research_tables(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2: the free-text ``evidence`` table becomes research tables.

    Each evidence row becomes a segment without a span, keeping its id (so links and
    references elsewhere stay true); its free-text ``participant`` becomes a
    ``participants`` row (one per distinct text, label = that text); its ``source`` /
    ``source_uri`` become a ``notes`` source of that participant (one per distinct triple;
    the URI is kept as the source's origin). ``evidence_links.evidence_id`` is renamed
    ``segment_id``. The old default evidence level ``assumed`` on cards and emotions
    becomes empty, which now means "computed from the evidence".
    """
    tables: Any = document.get("tables", {})
    if not isinstance(tables, dict):
        return document  # the validator after the chain says what is wrong
    old_rows = tables.pop("evidence", [])
    participants: dict[str, str] = {}
    sources: dict[tuple[Any, Any, Any], str] = {}
    participant_rows: list[dict[str, Any]] = list(tables.get("participants", []))
    source_rows: list[dict[str, Any]] = list(tables.get("sources", []))
    segments: list[dict[str, Any]] = list(tables.get("segments", []))
    for row in old_rows if isinstance(old_rows, list) else []:
        if not isinstance(row, dict):
            segments.append(row)
            continue
        row = dict(row)
        segment: dict[str, Any] = {}
        if "evidence_id" in row:
            segment["segment_id"] = row.pop("evidence_id")
        label = row.pop("participant", None)
        participant_id = None
        if label is not None:
            if label not in participants:
                participants[label] = f"participant_{len(participants) + 1}"
                participant_rows.append(
                    {
                        "participant_id": participants[label],
                        "position": len(participant_rows),
                        "label": label,
                    }
                )
            participant_id = participants[label]
        name, uri = row.pop("source", None), row.pop("source_uri", None)
        source_id = None
        if name is not None or uri is not None:
            key = (name, uri, participant_id)
            if key not in sources:
                sources[key] = f"source_{len(sources) + 1}"
                source = {"source_id": sources[key], "kind": "notes", "name": name or uri}
                if participant_id is not None:
                    source["participant_id"] = participant_id
                if uri is not None:
                    source["origin"] = uri
                source_rows.append(source)
            source_id = sources[key]
        if source_id is not None:
            segment["source_id"] = source_id
        if participant_id is not None:
            segment["participant_id"] = participant_id
        segment |= row  # kind, text, collected_at, emotion (and anything the validator refuses)
        segments.append(segment)
    tables["participants"] = participant_rows
    tables["sources"] = source_rows
    tables["segments"] = segments
    for link in tables.get("evidence_links", []):
        if isinstance(link, dict) and "evidence_id" in link:
            link["segment_id"] = link.pop("evidence_id")
    for name in ("cards", "emotions"):
        for row in tables.get(name, []):
            if isinstance(row, dict) and row.get("evidence_level") == "assumed":
                del row["evidence_level"]
    return document


MIGRATIONS: dict[int, Migration] = {1: _research_tables}
"""``MIGRATIONS[n]`` turns a version-n document into a version-(n+1) one. When the format
changes, bump SCHEMA_VERSION, publish the new schema, and register the step here; old files
then load through the chain of steps."""
