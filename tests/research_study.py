"""Hand-built coded studies with known answers, for the research synthesis tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import journeywidgets as jw
from journeywidgets.model import Insert, Op

EMOTION_CODES = {"furious": -2, "annoyed": -1, "meh": 0, "pleased": 1, "delighted": 2}
VALUE_CODE = {v: k for k, v in EMOTION_CODES.items()}


def base_map() -> jw.Journey:
    """Two stages, three steps, a pain-point lane, two personas; a code tree with
    ``moment/…`` codes (one per step), ``emotion/…`` codes and a ``pain/hidden fees`` code."""
    j = jw.Journey("Study")
    j.add_stage("Shop", stage_id="shop")
    j.add_stage("Pay", stage_id="pay")
    j.add_step("Browse", "shop", step_id="browse")
    j.add_step("Basket", "shop", step_id="basket")
    j.add_step("Checkout", "pay", step_id="checkout")
    j.add_lane("Pain points", "pain_points", lane_id="pains")
    j.add_persona("Commuter", persona_id="commuter")
    j.add_persona("Student", persona_id="student")
    ops: list[Op] = [
        Insert("codes", {"code_id": "moment", "name": "moment"}),
        Insert("codes", {"code_id": "emotion", "name": "emotion"}),
        Insert("codes", {"code_id": "pain", "name": "pain"}),
        Insert("codes", {"code_id": "fees", "parent_id": "pain", "name": "hidden fees"}),
    ]
    for step in ("browse", "basket", "checkout"):
        ops.append(Insert("codes", {"code_id": f"at_{step}", "parent_id": "moment", "name": step}))
    for name in EMOTION_CODES:
        ops.append(Insert("codes", {"code_id": name, "parent_id": "emotion", "name": name}))
    j.apply(ops)
    return j


def add_participants(j: jw.Journey, personas: dict[str, str | None]) -> None:
    j.apply(
        [
            Insert("participants", {"participant_id": p, "label": p.upper(), "persona_id": persona})
            for p, persona in personas.items()
        ]
    )


def add_segment(
    j: jw.Journey,
    segment_id: str,
    participant: str | None,
    codes: Iterable[str],
    *,
    text: str | None = None,
    **fields: Any,
) -> None:
    ops: list[Op] = [
        Insert(
            "segments",
            {
                "segment_id": segment_id,
                "participant_id": participant,
                "text": text or f"quote {segment_id}",
                **fields,
            },
        )
    ]
    ops += [Insert("segment_codes", {"segment_id": segment_id, "code_id": code}) for code in codes]
    j.apply(ops)


def rate(
    j: jw.Journey, participant: str | None, step: str, values: Sequence[int], *, prefix: str = ""
) -> None:
    """Segments of ``participant`` at ``step`` with one emotion code each."""
    for n, value in enumerate(values):
        add_segment(
            j, f"{prefix}{participant}_{step}_{n}", participant, [f"at_{step}", VALUE_CODE[value]]
        )


def map_moments_and_emotions(j: jw.Journey) -> None:
    j.map_codes(
        {
            "moment/browse": "browse",
            "moment/basket": {"step": "basket"},
            "moment/checkout": "Checkout",
            **{f"emotion/{name}": {"emotion": value} for name, value in EMOTION_CODES.items()},
        }
    )


FIVE = {"p1": [-2, -1], "p2": [-2, -2], "p3": [-1, 0], "p4": [0, 1], "p5": [-1, -1]}
"""Five participants with two ratings each of one step; their means are −1.5, −2, −0.5,
0.5 and −1: mean −0.9, median −1, sd √0.925."""


def five_at_checkout() -> jw.Journey:
    j = base_map()
    add_participants(j, dict.fromkeys(FIVE))
    map_moments_and_emotions(j)
    for participant, values in FIVE.items():
        rate(j, participant, "checkout", values)
    return j
