"""The evidence part of the widget protocol: a snapshot carries it, changes carry deltas."""

from __future__ import annotations

import json

import journeywidgets as jw
from journeywidgets.datasets import synthetic
from journeywidgets.model import Change
from journeywidgets.widgets.protocol import change_message, snapshot

from .research_study import add_participants, add_segment, five_at_checkout


def replay(view: dict, message: dict) -> dict | None:
    """What a view does with a change message's evidence (js/src/ops.ts applyEvidenceDelta)."""
    if "evidence" in message:
        return message["evidence"]
    delta = message.get("evidence_delta")
    if delta is None:
        return view
    removed = {tuple(link[:3]) for link in delta["removed"]}
    links = [link for link in view["links"] if tuple(link[:3]) not in removed] + delta["added"]
    levels = {t: dict(ids) for t, ids in view["levels"].items()}
    for table, changed in delta["levels"].items():
        for item, level in changed.items():
            if level is None:
                levels.setdefault(table, {}).pop(item, None)
            else:
                levels.setdefault(table, {})[item] = level
    return {**view, "links": links, "levels": levels}


def canonical(view: dict | None) -> object:
    if view is None:
        return None
    return sorted(map(tuple, view["links"])), view["levels"], view["rule"]


def test_deltas_replayed_give_what_a_fresh_snapshot_says() -> None:
    j = five_at_checkout()
    view = snapshot(j)["evidence"]
    messages: list[dict] = []

    def observe(change: Change) -> None:
        messages.append(change_message(change, j))

    j.observe(observe)
    j.aggregate_emotions()
    j.link_evidence("p1_checkout_0", "browse")
    add_participants(j, {"p9": None})
    add_segment(j, "late", "p9", ["at_basket"])
    j.map_codes({"moment/basket": "basket"})
    j.add_lane("Ideas", "ideas")  # touches nothing the evidence depends on
    j.undo()
    j.undo()
    for message in messages:
        view = replay(view, message)
    assert canonical(view) == canonical(snapshot(j)["evidence"])
    assert "evidence_delta" not in messages[-3] and "evidence" not in messages[-3]  # the lane
    assert "evidence_delta" in messages[1]


def test_a_map_without_segments_has_no_evidence_until_one_arrives() -> None:
    j = jw.Journey()
    j.add_stage("S", stage_id="s")
    j.add_step("one", "s", step_id="one")
    assert snapshot(j)["evidence"] is None
    messages: list[dict] = []
    j.observe(lambda change: messages.append(change_message(change, j)))
    j.add_evidence("a quote", links="one")
    assert messages[-1]["evidence"]["levels"]["steps"] == {"one": "inferred"}


def test_one_card_edit_sends_a_small_evidence_delta() -> None:
    journey = synthetic(12, 17, evidence=5000)
    snapshot(journey)
    messages: list[dict] = []
    journey.observe(lambda change: messages.append(change_message(change, journey)))
    journey.update("cards", "card_100", text="Queue too long 排队太久")
    assert len(json.dumps(messages[-1], ensure_ascii=False).encode()) < 1024
