"""Rows are named by id or by unique name, wherever a method takes one."""

from __future__ import annotations

import pytest

import journeywidgets as jw
from journeywidgets.model.errors import OperationError, ValidationError


@pytest.fixture
def journey() -> jw.Journey:
    j = jw.Journey("Membeli basikal")
    j.add_stage("Penghantaran")
    j.add_stage("认知")
    j.add_persona("Aisyah")
    j.add_lane("Pain points", "pain_points")
    return j


def test_methods_take_names_where_they_take_ids(journey: jw.Journey) -> None:
    step = journey.add_step("Pays", "Penghantaran")
    assert journey.steps.loc[step, "stage_id"] == journey.stages.index[0]
    journey.set_emotion("Pays", -1, persona="Aisyah")
    row = journey.emotions.iloc[0]
    assert (row["step_id"], row["persona_id"]) == (step, journey.personas.index[0])
    card = journey.add_card("Kad ditolak", lane="Pain points", step="Pays", persona_id="Aisyah")
    assert journey.cards.loc[card, "lane_id"] == journey.lanes.index[0]
    assert journey.cards.loc[card, "persona_id"] == journey.personas.index[0]
    journey.map_events({"Pays": "payment"})
    assert journey.event_mappings["step_id"].tolist() == [step]


def test_update_move_and_remove_take_names(journey: jw.Journey) -> None:
    journey.add_step("Pays", "Penghantaran")
    journey.update("steps", "Pays", name="Bayar", stage_id="认知")
    assert journey.steps["name"].tolist() == ["Bayar"]
    assert journey.steps["stage_id"].tolist() == [journey.stages.index[1]]
    journey.move("stages", "认知", 0)
    assert journey.stages["name"].tolist() == ["认知", "Penghantaran"]
    journey.remove("stages", "Penghantaran")
    assert journey.stages["name"].tolist() == ["认知"]


def test_an_id_wins_over_a_name(journey: jw.Journey) -> None:
    first = journey.stages.index[0]
    journey.add_stage(first)  # a stage *named* like the first one's id
    step = journey.add_step("Pays", first)
    assert journey.steps.loc[step, "stage_id"] == first


def test_an_ambiguous_name_lists_the_ids(journey: jw.Journey) -> None:
    journey.add_stage("Penghantaran")
    with pytest.raises(
        ValidationError,
        match=r"'Penghantaran' is the name of 2 stages \('stage_1', 'stage_3'\); give the id",
    ):
        journey.add_step("Pays", "Penghantaran")
    assert journey.steps.empty  # nothing half-applied


@pytest.mark.parametrize(
    ("given", "hint"),
    [("Penghantran", "Penghantaran"), ("penghantaran", "Penghantaran"), ("认识", "认知")],
)
def test_an_unknown_reference_suggests_the_nearest_name(
    journey: jw.Journey, given: str, hint: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        journey.add_step("Pays", given)
    assert str(caught.value) == (
        f"table 'steps', row 'step_1', column 'stage_id': refers to {given!r}, which is not in stages; "
        f"did you mean {hint!r}?"
    )
    assert journey.steps.empty


def test_an_unknown_row_suggests_the_nearest_name(journey: jw.Journey) -> None:
    with pytest.raises(
        ValidationError, match=r"row 'Aisya': no row has this id; did you mean 'Aisyah'\?"
    ):
        journey.update("personas", "Aisya", name="Aisyah binti Ali")


def test_nothing_near_suggests_nothing(journey: jw.Journey) -> None:
    step = journey.add_step("Pays")
    with pytest.raises(ValidationError, match=r"refers to 'Zed', which is not in personas$"):
        journey.set_emotion(step, 1, persona="Zed")


def test_an_unknown_table_still_lists_the_tables(journey: jw.Journey) -> None:
    with pytest.raises(OperationError, match="unknown table 'step'; the tables are"):
        journey.update("step", "Pays", name="x")


def test_a_misspelt_choice_suggests_the_nearest(journey: jw.Journey) -> None:
    with pytest.raises(ValidationError) as caught:
        journey.add_lane("Worries", "pain_point")
    assert str(caught.value).endswith(
        "'pain_point' is not allowed; choose one of: actions, thoughts, feelings, touchpoints, "
        "channels, pain_points, opportunities, ideas, quotes, metrics, owners, text, custom; "
        "did you mean 'pain_points'?"
    )
