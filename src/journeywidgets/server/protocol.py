"""What a journey and the map's views say to each other — one protocol, two transports.

The notebook widget speaks it over its comm (the kernel holds the journey); the document
editor speaks it over a websocket (the Jupyter server holds the journey of an open file).

Views send operations (the model's vocabulary, as JSON) and receive the applied ops of
every accepted change, numbered by the journey's version. A whole journey — a snapshot —
crosses only when a view is created, when it is behind, and once after each notebook cell
that changed the journey (so that saved widget state shows the map).

    view → kernel   {"type": "ops", "request": "<view>:<n>", "ops": [...]}
                    {"type": "undo"} | {"type": "redo"}
                    {"type": "sync", "version": n}        answered by a snapshot if n is old
    kernel → views  {"type": "change", "version", "origin", "ops", "scale"?}
                    {"type": "snapshot", "snapshot": {...}}
                    {"type": "rejected", "request", "message", "table", "row", "column"}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..io.journey_json import to_document
from ..model import Change, Journey, JourneyError, ValidationError
from ..model.scales import EmotionScale
from ..model.schema import META, TABLES
from ..render import style
from .evidence_view import evidence_change, evidence_view


def presentation() -> dict[str, Any]:
    """The look every view shares with the static picture (``render/style.py``), plus the
    schema's choices for the inspector's menus: sent once to a widget and to an editor."""
    choices = {
        name: {c.name: list(c.choices) for c in spec.columns if c.choices}
        for name, spec in TABLES.items()
    }
    choices["meta"] = {c.name: list(c.choices) for c in META.values() if c.choices}
    return {**style.presentation(), "choices": choices}


def scale_json(scale: EmotionScale) -> dict[str, Any]:
    return {
        "scale_id": scale.scale_id,
        "min": scale.min,
        "max": scale.max,
        "neutral": scale.neutral,
        "integer_only": scale.integer_only,
        "labels": {f"{k:g}": v for k, v in scale.labels.items()},
    }


def snapshot(journey: Journey) -> dict[str, Any]:
    """The whole journey for a view: the file's document, its version, ids and scale."""
    document = to_document(journey)
    return {
        "version": journey.version,
        "meta": document["meta"],
        "tables": document["tables"],
        "id_columns": {name: spec.id_column for name, spec in TABLES.items()},
        "scale": scale_json(journey.emotion_scale),
        "evidence": evidence_view(journey),
    }


def change_message(change: Change, journey: Journey) -> dict[str, Any]:
    message = {"type": "change", **change.to_json()}
    if any(getattr(op, "field", None) == "emotion_scale" for op in change.ops):
        message["scale"] = scale_json(journey.emotion_scale)
    message.update(evidence_change(journey, change) or {})
    return message


def rejection_message(request: object, error: JourneyError) -> dict[str, Any]:
    located = error if isinstance(error, ValidationError) else None
    return {
        "type": "rejected",
        "request": request if isinstance(request, str) else None,
        "message": str(error),
        "reason": located.reason if located else str(error),
        "table": located.table if located else None,
        "row": located.row if located else None,
        "column": located.column if located else None,
    }


Reply = Callable[[dict[str, Any]], None]


def receive(journey: Journey, content: object, reply: Reply) -> JourneyError | None:
    """Act on one message from a view. Accepted edits reach every view through the journey's
    observers (:func:`change_message`); ``reply`` answers the view that asked. Returns the
    error of a refused edit (after replying with the rejection), else None."""
    if not isinstance(content, dict):
        return None
    kind = content.get("type")
    if kind == "ops":
        ops = content.get("ops")
        batch: list[Any] = ops if isinstance(ops, list) else [ops]
        try:
            journey.apply(batch, origin="view")
        except JourneyError as error:
            # Nothing changed anywhere; the view that asked shows why.
            reply(rejection_message(content.get("request"), error))
            return error
    elif kind == "undo":
        journey.undo()
    elif kind == "redo":
        journey.redo()
    elif kind == "sync" and content.get("version") != journey.version:
        reply({"type": "snapshot", "snapshot": snapshot(journey)})
    return None
