"""The operation pipeline: what each op does, and what it refuses."""

from __future__ import annotations

import pandas as pd
import pytest

import journeywidgets as jw
from journeywidgets.model import Delete, Insert, Move, SetMeta, Update, op_from_json, op_to_json

from .invariants import assert_invariants


def test_methods_build_typed_frames_indexed_by_id(journey: jw.Journey) -> None:
    assert journey.steps.index.name == "step_id"
    assert journey.steps["position"].dtype == "Int64"
    assert journey.steps["is_moment_of_truth"].dtype == "boolean"
    assert journey.emotions["score"].dtype == "Float64"
    assert journey.segments["collected_at"].dtype == "datetime64[us, UTC]"
    assert journey.steps.loc["step_6", "is_moment_of_truth"]
    assert_invariants(journey)


def test_steps_are_ordered_by_stage_then_position(small: jw.Journey) -> None:
    small.add_step("zero", "b", position=0, step_id="s0")
    assert small.steps.index.tolist() == ["s1", "s2", "s0", "s3", "s4"]
    assert small.steps.loc[["s0", "s3", "s4"], "position"].tolist() == [0, 1, 2]
    small.move("stages", "b", 0)
    assert small.steps.index.tolist() == ["s0", "s3", "s4", "s1", "s2"]


def test_move_across_stages_renumbers_siblings(small: jw.Journey) -> None:
    change = small.move("steps", "s4", 1, stage_id="a")
    assert change is not None
    assert small.steps.loc[["s1", "s4", "s2"], "position"].tolist() == [0, 1, 2]
    assert (small.steps.loc[["s1", "s4", "s2"], "stage_id"] == "a").all()
    # A move is sent to views as plain updates: views need no ordering logic of their own.
    assert {type(op) for op in change.ops} == {Update}
    assert_invariants(small)


def test_update_changes_only_what_differs(small: jw.Journey) -> None:
    version = small.version
    change = small.update("steps", "s1", name="one", description="first")
    assert change is not None
    assert change.ops == (
        Update("steps", "s1", {"description": "first"}, old={"description": None}),
    )
    assert small.update("steps", "s1", name="one") is None
    assert small.version == version + 1


def test_remove_stage_cascades_to_steps_cards_emotions_and_links(journey: jw.Journey) -> None:
    purchase = journey.stages.index[journey.stages["name"] == "Purchase"][0]
    steps = journey.steps.index[journey.steps["stage_id"] == purchase].tolist()
    change = journey.remove("stages", purchase)
    assert change is not None
    removed = {(op.table, op.id) for op in change.ops if isinstance(op, Delete)}
    assert {("steps", s) for s in steps} <= removed
    assert not journey.cards["step_id"].isin(steps).any()
    assert not journey.emotions["step_id"].isin(steps).any()
    assert journey.evidence_links.empty
    # Dependents are removed before what they depend on, so undo restores parents first.
    order = [op.table for op in change.ops]
    assert order.index("cards") < order.index("steps") < order.index("stages")
    assert_invariants(journey)


def test_removing_a_persona_keeps_its_cards_for_everyone(journey: jw.Journey) -> None:
    persona = journey.personas.index[0]
    card = journey.add_card("Mei's note", lane="lane_1", step="step_1", persona_id=persona)
    journey.remove("personas", persona)
    assert pd.isna(journey.cards.loc[card, "persona_id"])
    assert journey.emotions["persona_id"].isna().all()  # her curve went with her
    assert_invariants(journey)


@pytest.mark.parametrize(
    ("call", "table", "row", "column", "message"),
    [
        (lambda j: j.update("steps", "s1", kind="dance"), "steps", "s1", "kind",
         "'dance' is not allowed; choose one of: action, touchpoint, decision, wait, handoff"),
        (lambda j: j.add_step("x", "nope"), "steps", None, "stage_id", "refers to 'nope', which is not in stages"),
        (lambda j: j.update("steps", "s1", position=1), "steps", "s1", "position", "position 1 is used by both"),
        (lambda j: j.set_emotion("s1", 3), "emotions", None, "score", "outside the bipolar5 scale (-2 to 2)"),
        (lambda j: j.set_emotion("s1", 1.5), "emotions", None, "score", "not a whole number"),
        (lambda j: j.update("steps", "s1", step_id="s9"), "steps", "s1", "step_id", "ids are stable"),
        (lambda j: j.update("steps", "s1", name="   "), "steps", "s1", "name", "must not be blank"),
        (lambda j: j.update("steps", "zz", name="x"), "steps", "zz", None, "no row has this id"),
        (lambda j: j.update("steps", "s1", colour="red"), "steps", "s1", "colour", "unknown column"),
        (lambda j: j.add_card("x", lane="t", step="s1", stage="a"), "cards", None, "step_id", "both are set"),
        (lambda j: j.add_card("x", lane="t", step=None), "cards", None, "step_id", "set exactly one of step_id or stage_id"),
        (lambda j: j.add_card("x", lane="t", step="s1", severity=4), "cards", None, "severity", "above the maximum 3"),
        (lambda j: j.add_step("x", "a", step_id="s1"), "steps", "s1", "step_id", "already taken"),
        (lambda j: j.update("steps", "s1", is_moment_of_truth="yes"), "steps", "s1", "is_moment_of_truth",
         "expected true or false"),
        (lambda j: j.set_meta(map_type="journey"), "meta", None, "map_type", "choose one of: current_state"),
    ],
)  # fmt: skip
def test_refused_ops_name_table_row_column_and_change_nothing(
    small: jw.Journey, call, table, row, column, message
) -> None:
    before, version = small.copy(), small.version
    seen: list[jw.Change] = []
    small.observe(seen.append)
    with pytest.raises(jw.ValidationError) as caught:
        call(small)
    error = caught.value
    assert (error.table, error.column) == (table, column)
    if row is not None:
        assert error.row == row
    assert message in str(error)
    assert small.equals(before)
    assert small.version == version
    assert seen == []


def test_a_batch_is_all_or_nothing(small: jw.Journey) -> None:
    before = small.copy()
    with pytest.raises(jw.ValidationError):
        small.apply(
            [
                Insert("steps", {"step_id": "s5", "stage_id": "b", "name": "five"}),
                Update("steps", "s1", {"name": "renamed"}),
                Insert("cards", {"lane_id": "t", "step_id": "s5", "text": "ok"}),
                Update("steps", "s2", {"kind": "bogus"}),
            ]
        )
    assert small.equals(before)
    assert small.steps.index.tolist() == ["s1", "s2", "s3", "s4"]


def test_a_batch_may_refer_to_rows_it_inserts(small: jw.Journey) -> None:
    small.apply(
        [
            Insert("stages", {"stage_id": "c", "name": "New"}),
            Insert("steps", {"step_id": "s5", "stage_id": "c", "name": "five"}),
            Insert("cards", {"lane_id": "t", "step_id": "s5", "text": "hello 你好"}),
        ]
    )
    assert small.cards["text"].tolist() == ["hello 你好"]
    assert small.stages.loc["c", "position"] == 2
    assert_invariants(small)


def test_positions_may_be_swapped_within_one_batch(small: jw.Journey) -> None:
    small.apply([Update("steps", "s1", {"position": 1}), Update("steps", "s2", {"position": 0})])
    assert small.steps.index.tolist()[:2] == ["s2", "s1"]


def test_observers_get_applied_ops_with_versions(small: jw.Journey) -> None:
    seen: list[jw.Change] = []
    small.observe(seen.append)
    small.update("steps", "s1", name="uno")
    small.title = "Renamed"
    assert [c.version for c in seen] == [small.version - 1, small.version]
    assert seen[1].ops == (SetMeta("title", "Renamed", old="Small 小"),)
    assert seen[0].to_json() == {
        "version": seen[0].version,
        "origin": "python",
        "ops": [{"op": "update", "table": "steps", "id": "s1", "values": {"name": "uno"}}],
    }
    small.unobserve(seen.append)


def test_a_failing_observer_does_not_break_the_edit(
    small: jw.Journey, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(change: jw.Change) -> None:
        raise RuntimeError("boom")

    small.observe(broken)
    small.update("steps", "s1", name="still applied")
    assert small.steps.loc["s1", "name"] == "still applied"
    assert "observer failed" in caplog.text


def test_ops_round_trip_through_json() -> None:
    ops = [
        Insert("steps", {"step_id": "s", "name": "x", "is_moment_of_truth": True}),
        Update("cards", "c", {"text": "<b>hi</b>"}),
        Delete("stages", "a"),
        Move("steps", "s", 2, {"stage_id": "b"}),
        SetMeta("title", "标题"),
    ]
    assert [op_from_json(op_to_json(op)) for op in ops] == ops


@pytest.mark.parametrize(
    "bad",
    [
        {"op": "rename"},
        {"op": "update", "table": "steps", "values": {}},
        {"op": "move", "table": "steps", "id": "s", "position": "1"},
        {"op": "move", "table": "steps", "id": "s", "position": True},
        ["not", "an", "object"],
    ],
)
def test_malformed_json_ops_are_refused(small: jw.Journey, bad: object) -> None:
    with pytest.raises(jw.OperationError):
        small.apply(bad)  # type: ignore[arg-type]


def test_apply_accepts_json_ops(small: jw.Journey) -> None:
    small.apply({"op": "update", "table": "steps", "id": "s1", "values": {"name": "from JS"}})
    assert small.steps.loc["s1", "name"] == "from JS"


def test_unknown_table_lists_the_tables(small: jw.Journey) -> None:
    with pytest.raises(
        jw.OperationError, match=r"the tables are: personas, participants, .*, stages, steps"
    ):
        small.update("step", "s1", name="x")


def test_set_emotion_upserts_one_score_per_step_persona_variant(small: jw.Journey) -> None:
    first = small.set_emotion("s1", 1)
    assert small.set_emotion("s1", -1) == first
    to_be = small.set_emotion("s1", 2, variant="to_be")
    assert to_be != first
    assert len(small.emotions) == 2
    with pytest.raises(jw.ValidationError, match="is used by both"):
        small.apply(Insert("emotions", {"step_id": "s1", "score": 0}))


def test_aggregates_may_hold_fractions(small: jw.Journey) -> None:
    small.set_emotion("s1", 0.75, n=12, source="survey")
    assert small.emotions["score"].tolist() == [0.75]


def test_emotion_scale_conversion(small: jw.Journey) -> None:
    small.set_emotion("s1", -2)
    small.set_emotion("s2", 1)
    small.set_emotion("s3", 0.5, n=4)
    small.set_emotion_scale("likert5")
    assert small.emotion_scale.scale_id == "likert5"
    assert small.emotions["score"].tolist() == [1.0, 4.0, 3.5]
    small.undo()
    assert small.emotions["score"].tolist() == [-2.0, 1.0, 0.5]


def test_changing_scale_without_converting_checks_every_score(small: jw.Journey) -> None:
    small.set_emotion("s1", -2)
    with pytest.raises(jw.ValidationError, match="outside the likert5 scale"):
        small.set_emotion_scale("likert5", convert=False)
    assert small.emotion_scale.scale_id == "bipolar5"


def test_evidence_links_find_their_target_table(journey: jw.Journey) -> None:
    ev = journey.add_evidence("Queue was long", links=["step_5", "stage_1"], participant="P9")
    links = journey.evidence_links[journey.evidence_links["segment_id"] == ev]
    assert sorted(links["target_table"]) == ["stages", "steps"]
    with pytest.raises(jw.ValidationError, match="is not a stage, step, card or emotion id"):
        journey.link_evidence(ev, "nowhere")


def test_metrics_and_values(small: jw.Journey) -> None:
    metric = small.add_metric(
        "Conversion", step="s2", metric_type="RATE", unit="%", target=40, target_operator="ge"
    )
    small.add_metric_value(metric, 37.5, measured_at="2026-11-01", respondents=1200)
    assert small.metric_values["measured_at"].iloc[0] == pd.Timestamp("2026-11-01", tz="UTC")
    small.remove("steps", "s2")
    assert small.metrics.empty and small.metric_values.empty


def test_to_frame_has_one_row_per_step_in_map_order(journey: jw.Journey) -> None:
    frame = journey.to_frame()
    assert frame.index.tolist() == journey.steps.index.tolist()
    assert {
        "stage",
        "step",
        "moment_of_truth",
        "emotion",
        "emotion: Mei 美",
        "Actions",
        "Pain points",
    } <= set(frame.columns)
    assert frame.loc["step_6", "emotion: Mei 美"] == -2
    assert "declined" in frame.loc["step_6", "Pain points"]
    assert frame["emotion"].isna().all()  # no map-level curve, only Mei's


def test_meta_properties(small: jw.Journey) -> None:
    small.map_type = "service_blueprint"
    assert small.meta["map_type"] == "service_blueprint"
    with pytest.raises(jw.ValidationError):
        small.status = "done"
    with pytest.raises(TypeError):
        small.meta["title"] = "x"  # type: ignore[index]


def test_repr_names_the_map(journey: jw.Journey) -> None:
    assert repr(journey) == (
        "<Journey 'Buying a city bike' (current_state): 4 stages, 8 steps, 5 lanes, 13 cards, 1 personas>"
    )


def test_empty_text_is_a_missing_value(journey: jw.Journey) -> None:
    journey.update("steps", "step_1", description="something")
    journey.update("steps", "step_1", description="")
    assert journey.steps.loc["step_1", "description"] is pd.NA
    with pytest.raises(jw.ValidationError, match=r"'name'.*a value is required"):
        journey.update("steps", "step_1", name="")
