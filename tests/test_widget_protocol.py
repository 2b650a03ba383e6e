"""The widget protocol, driven with the same comm messages a front end sends."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

import journeywidgets as jw
from journeywidgets.datasets import synthetic


class Wire:
    """What a widget sends to its front end: custom messages and state updates."""

    def __init__(self, widget: jw.JourneyMap) -> None:
        self.messages: list[dict[str, Any]] = []
        self.states: list[dict[str, Any]] = []
        original = widget.comm.send

        def send(data: dict[str, Any] | None = None, buffers: Any = None, **kwargs: Any) -> None:
            assert data is not None
            if data.get("method") == "custom":
                self.messages.append(data["content"])
            elif data.get("method") == "update":
                self.states.append(data["state"])
            original(data=data, buffers=buffers, **kwargs)

        widget.comm.send = send  # type: ignore[method-assign]

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if m["type"] == kind]


def from_view(widget: jw.JourneyMap, content: dict[str, Any]) -> None:
    """Deliver a message as the front end's comm would."""
    widget._handle_msg(
        {"content": {"data": {"method": "custom", "content": content}}, "buffers": []}
    )


def test_the_widget_starts_with_a_snapshot(journey: jw.Journey) -> None:
    widget = jw.JourneyMap(journey)
    snap = widget._snapshot
    assert snap["version"] == journey.version
    assert snap["id_columns"]["steps"] == "step_id"
    assert snap["scale"] == {
        "scale_id": "bipolar5", "min": -2, "max": 2, "neutral": 0, "integer_only": True,
        "labels": {"-2": "very negative", "-1": "negative", "0": "neutral", "1": "positive", "2": "very positive"},
    }  # fmt: skip
    assert len(snap["tables"]["steps"]) == len(journey.steps)


def test_ops_from_a_view_change_the_frames_and_reach_every_view(journey: jw.Journey) -> None:
    first, second = jw.JourneyMap(journey), jw.JourneyMap(journey)
    wire1, wire2 = Wire(first), Wire(second)
    from_view(first, {"type": "ops", "request": "v1:1",
                      "ops": [{"op": "update", "table": "steps", "id": "step_2", "values": {"name": "搜索 online"}}]})  # fmt: skip
    assert journey.steps.loc["step_2", "name"] == "搜索 online"
    for wire in (wire1, wire2):
        (change,) = wire.of("change")
        assert change["origin"] == "view"
        assert change["version"] == journey.version
        assert change["ops"] == [
            {"op": "update", "table": "steps", "id": "step_2", "values": {"name": "搜索 online"}}
        ]


def test_python_edits_reach_views_as_ops(journey: jw.Journey) -> None:
    widget = jw.JourneyMap(journey)
    wire = Wire(widget)
    journey.update("cards", "card_1", text="method")
    journey.cards.loc["card_2", "text"] = "in place"
    journey.sync()
    frame = journey.cards.copy()
    frame.loc["card_3", "text"] = "assigned"
    journey.cards = frame
    texts = [c["ops"][0]["values"]["text"] for c in wire.of("change")]
    assert texts == ["method", "in place", "assigned"]
    assert [c["version"] for c in wire.of("change")] == list(
        range(journey.version - 2, journey.version + 1)
    )


def test_a_move_reaches_views_as_position_updates(small: jw.Journey) -> None:
    widget = jw.JourneyMap(small)
    wire = Wire(widget)
    from_view(widget, {"type": "ops", "request": "v:1",
                       "ops": [{"op": "move", "table": "steps", "id": "s4", "position": 0, "parent": {"stage_id": "a"}}]})  # fmt: skip
    (change,) = wire.of("change")
    assert {op["op"] for op in change["ops"]} == {"update"}
    assert small.steps.index.tolist()[:3] == ["s4", "s1", "s2"]


def test_a_refused_op_changes_nothing_and_says_why(
    small: jw.Journey, caplog: pytest.LogCaptureFixture
) -> None:
    widget = jw.JourneyMap(small)
    wire = Wire(widget)
    before = small.copy()
    with caplog.at_level(logging.WARNING, logger="journeywidgets"):
        from_view(widget, {"type": "ops", "request": "v:7", "ops": [
            {"op": "update", "table": "steps", "id": "s1", "values": {"name": "ok"}},
            {"op": "update", "table": "steps", "id": "gone", "values": {"name": "stale id"}},
        ]})  # fmt: skip
    assert small.equals(before)
    assert wire.of("change") == []
    (rejected,) = wire.of("rejected")
    assert rejected["request"] == "v:7"
    assert (rejected["table"], rejected["row"]) == ("steps", "gone")
    assert "no row has this id" in rejected["message"]
    assert "no row has this id" in caplog.text
    assert widget.last_rejection == rejected["message"]


def test_malformed_messages_are_refused_not_crashing(small: jw.Journey) -> None:
    widget = jw.JourneyMap(small)
    wire = Wire(widget)
    from_view(widget, {"type": "ops", "request": "v:1", "ops": [{"op": "explode"}]})
    from_view(widget, {"type": "ops", "request": "v:2", "ops": "not a list"})
    assert [m["request"] for m in wire.of("rejected")] == ["v:1", "v:2"]


def test_undo_and_redo_from_a_view(small: jw.Journey) -> None:
    widget = jw.JourneyMap(small)
    from_view(widget, {"type": "ops", "request": "v:1",
                       "ops": [{"op": "insert", "table": "cards", "row": {"lane_id": "t", "step_id": "s1", "text": "hi"}}]})  # fmt: skip
    assert len(small.cards) == 1
    from_view(widget, {"type": "undo"})
    assert small.cards.empty
    from_view(widget, {"type": "redo"})
    assert small.cards["text"].tolist() == ["hi"]


def test_a_view_that_is_behind_gets_a_snapshot(small: jw.Journey) -> None:
    widget = jw.JourneyMap(small)
    wire = Wire(widget)
    from_view(widget, {"type": "sync", "version": small.version})
    assert wire.of("snapshot") == []
    small.update("steps", "s1", name="later")
    from_view(widget, {"type": "sync", "version": small.version - 1})
    (message,) = wire.of("snapshot")
    assert message["snapshot"]["version"] == small.version


def test_snapshot_state_is_refreshed_after_a_cell_only(small: jw.Journey) -> None:
    from journeywidgets.widgets.journey_map import _refresh_after_cell

    widget = jw.JourneyMap(small)
    wire = Wire(widget)
    small.update("steps", "s1", name="x")
    assert wire.states == []  # an edit sends ops, never the whole journey
    _refresh_after_cell()
    (state,) = wire.states
    assert state["_snapshot"]["version"] == small.version
    _refresh_after_cell()
    assert len(wire.states) == 1  # nothing changed since: nothing sent


def test_scale_changes_carry_the_new_scale(small: jw.Journey) -> None:
    widget = jw.JourneyMap(small)
    wire = Wire(widget)
    small.set_emotion_scale("likert5")
    (change,) = wire.of("change")
    assert change["scale"]["min"] == 1


def test_one_cell_edit_costs_bytes_in_proportion_to_the_edit() -> None:
    """On a 12 × 200 map with 5k evidence rows one edit sends < 1 KB each way."""
    journey = synthetic(12, 17, evidence=5000)
    widget = jw.JourneyMap(journey)
    wire = Wire(widget)
    request = {"type": "ops", "request": "view:12",
               "ops": [{"op": "update", "table": "cards", "id": "card_100", "values": {"text": "Queue too long 排队太久"}}]}  # fmt: skip
    from_view(widget, request)
    sent_up = len(json.dumps(request, ensure_ascii=False).encode())
    sent_down = sum(len(json.dumps(m, ensure_ascii=False).encode()) for m in wire.messages)
    whole = len(json.dumps(widget._snapshot, ensure_ascii=False).encode())
    assert sent_up < 1024
    assert sent_down < 1024
    assert whole / sent_down > 100


def test_a_journey_displays_as_its_map(journey: jw.Journey) -> None:
    data, _metadata = journey._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert isinstance(journey.show(mode="present"), jw.JourneyMap)
    with pytest.raises(Exception, match="zoom must be between"):
        jw.JourneyMap(journey, zoom=10)
    with pytest.raises(TypeError):
        jw.JourneyMap(journey.steps)  # type: ignore[arg-type]


def test_closing_a_widget_stops_its_updates(small: jw.Journey) -> None:
    widget = jw.JourneyMap(small)
    widget.close()
    small.update("steps", "s1", name="after close")  # must not try to send on a closed comm
    assert widget._on_change not in small._observers
