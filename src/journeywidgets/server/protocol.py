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
    }


def _names(values: list[str]) -> dict[str, str]:
    return {value: value.replace("_", " ").capitalize() for value in values}


def presentation() -> dict[str, Any]:
    """The look the front-end shares with the static picture (see PRESENTATION.md), plus
    the schema's choices for the inspector's menus. Decided in ``render/style.py``; until
    its ``presentation()`` exists, the table is assembled from that module's constants."""
    choices = {
        name: {c.name: list(c.choices) for c in spec.columns if c.choices}
        for name, spec in TABLES.items()
    }
    choices["meta"] = {c.name: list(c.choices) for c in META.values() if c.choices}
    shared = getattr(style, "presentation", None)
    if callable(shared):
        return {**shared(), "choices": choices}
    return {
        "version": 1,
        "persona_colors": list(style.PERSONA_COLOURS),
        "single_curve_color": style.UNNAMED_CURVE,
        "stage_colors": list(style.STAGE_TONES),
        "labels": {
            "emotion_lane": "Emotion",
            "as_is": "as-is",
            "to_be": "to-be",
            "reach": "reached",
            "conversion": "converted",
            "biggest_drop": "biggest drop",
            "assumed": "assumed (no evidence)",
        },
        "lane_types": _names(choices["lanes"]["lane_type"]),
        "card_kinds": _names(choices["cards"]["kind"]),
        "step_kinds": _names(choices["steps"]["kind"]),
        "map_types": dict(style.MAP_TYPE_NAMES),
        "severity_marks": {"1": "!", "2": "!!", "3": "!!!"},
        "number_formats": {"percent": {"digits": 0}, "count": {"compact": False}},
        "choices": choices,
    }


def change_message(change: Change, journey: Journey) -> dict[str, Any]:
    message = {"type": "change", **change.to_json()}
    if any(getattr(op, "field", None) == "emotion_scale" for op in change.ops):
        message["scale"] = scale_json(journey.emotion_scale)
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
