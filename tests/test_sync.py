"""Edits made with ordinary pandas: in place (picked up by sync) and by assignment."""

from __future__ import annotations

import pandas as pd
import pytest

import journeywidgets as jw
from journeywidgets.model import Delete, Insert, Update

from .invariants import assert_invariants


def test_cell_edit_in_place_becomes_an_update(small: jw.Journey) -> None:
    steps = small.steps
    steps.loc["s2", "name"] = "deux"
    change = small.sync()
    assert change is not None
    assert change.origin == "sync"
    assert change.ops == (Update("steps", "s2", {"name": "deux"}, old={"name": "two"}),)
    assert steps is small.steps
    assert small.sync() is None  # nothing left to pick up


def test_whole_column_edits(journey: jw.Journey) -> None:
    expected = journey.cards["text"].str.upper()
    changed = (expected != journey.cards["text"]).sum()
    journey.cards["text"] = journey.cards["text"].str.upper()
    change = journey.sync()
    assert change is not None
    assert len(change.ops) == changed > 0
    pd.testing.assert_series_equal(journey._committed["cards"]["text"], expected)
    assert_invariants(journey)


@pytest.mark.filterwarnings(
    "ignore:Setting an item of incompatible dtype"
)  # pandas, enlarging an empty frame
def test_rows_added_and_dropped_in_place(small: jw.Journey) -> None:
    steps = small.steps
    steps.loc["s5"] = {"stage_id": "b", "position": 9, "name": "five 五"}
    change = small.sync()
    assert change is not None
    (insert,) = change.ops
    assert isinstance(insert, Insert)
    # Columns left empty in the new row take the schema's defaults.
    assert insert.row["kind"] == "action" and insert.row["is_moment_of_truth"] is False
    assert small.steps.loc["s5", "kind"] == "action"
    small.cards.loc["c1"] = {"lane_id": "t", "step_id": "s5", "position": 0, "text": "hi"}
    small.sync()
    steps.drop(index="s5").pipe(lambda frame: small.assign(steps=frame))
    assert "s5" not in small.steps.index
    assert small.cards.empty  # the step's card went with it
    assert steps is small.steps
    assert_invariants(small)


def test_dropping_a_parent_in_place_cascades_into_other_frames(small: jw.Journey) -> None:
    small.add_card("on a step of stage b", lane="t", step="s3")
    cards = small.cards
    small.assign(stages=small.stages.drop(index="b"))
    assert small.steps.index.tolist() == ["s1", "s2"]
    assert cards.empty and cards is small.cards


def test_bad_in_place_edit_is_rolled_back_with_its_location(small: jw.Journey) -> None:
    steps = small.steps
    before = small.copy()
    steps.loc["s1", "kind"] = "dance"
    steps.loc["s2", "name"] = "a fine edit in the same cell"
    with pytest.raises(jw.ValidationError) as caught:
        small.sync()
    assert (caught.value.table, caught.value.row, caught.value.column) == ("steps", "s1", "kind")
    assert small.equals(before)
    assert steps.loc["s1", "kind"] == "action"
    assert steps.loc["s2", "name"] == "two"  # nothing is half-applied
    assert steps is small.steps
    assert_invariants(small)


def test_position_clash_in_place_is_refused(small: jw.Journey) -> None:
    small.steps.loc["s2", "position"] = 0
    with pytest.raises(jw.ValidationError, match="position 0 is used by both") as caught:
        small.sync()
    assert caught.value.column == "position"
    assert small.steps.loc["s2", "position"] == 1


def test_upcast_column_without_change_is_restored(small: jw.Journey) -> None:
    small.steps["position"] = small.steps["position"].astype("float64")
    assert small.sync() is None
    assert small.steps["position"].dtype == "Int64"


def test_removed_or_unknown_columns_are_refused(small: jw.Journey) -> None:
    small.steps["colour"] = "red"
    with pytest.raises(jw.ValidationError, match=r"unknown column.*add_lane") as caught:
        small.sync()
    assert caught.value.column == "colour"
    assert "colour" not in small.steps.columns
    del small.steps["description"]
    with pytest.raises(jw.ValidationError, match="missing") as caught:
        small.sync()
    assert "description" in small.steps.columns


def test_assignment_is_diffed_not_adopted(small: jw.Journey) -> None:
    live = small.steps
    edited = live.copy()
    edited.loc["s3", "name"] = "tres"
    edited = edited.drop(index="s4")
    small.steps = edited
    assert small.steps is live
    assert small.steps.loc["s3", "name"] == "tres"
    assert "s4" not in small.steps.index
    edited.loc["s3", "name"] = "changed later"  # the assigned frame is not watched
    assert small.sync() is None


def test_assignment_accepts_the_id_as_a_column(small: jw.Journey) -> None:
    frame = small.stages.reset_index()
    frame.loc[frame["stage_id"] == "a", "name"] = "Avant"
    small.stages = frame
    assert small.stages.loc["a", "name"] == "Avant"


def test_assignment_of_object_columns_from_a_file(small: jw.Journey) -> None:
    frame = small.steps.reset_index().astype(object)
    frame.loc[0, "name"] = "from CSV"
    small.steps = frame
    assert small.steps.loc["s1", "name"] == "from CSV"
    assert small.steps["position"].dtype == "Int64"


def test_assignment_of_duplicate_ids_is_refused(small: jw.Journey) -> None:
    frame = pd.concat([small.steps, small.steps.loc[["s1"]]])
    with pytest.raises(jw.ValidationError, match="more than once") as caught:
        small.steps = frame
    assert caught.value.row == "s1"


def test_moving_a_step_out_of_a_stage_deleted_in_the_same_edit(small: jw.Journey) -> None:
    steps = small.steps.copy()
    steps.loc["s3", ["stage_id", "position"]] = ["a", 2]
    small.assign(steps=steps, stages=small.stages.drop(index="b"))
    assert small.steps.index.tolist() == ["s1", "s2", "s3"]


def test_sync_is_one_undo_step(small: jw.Journey) -> None:
    small.steps.loc["s1", "name"] = "x"
    small.steps.loc["s2", "name"] = "y"
    small.sync()
    small.undo()
    assert small.steps["name"].tolist()[:2] == ["one", "two"]


def test_ipython_picks_up_edits_after_each_cell(capsys: pytest.CaptureFixture[str]) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        shell.run_cell(
            "import journeywidgets as jw\nj = jw.Journey('t')\ns = j.add_stage('A', stage_id='a')"
        )
        shell.run_cell("j.stages.loc['a', 'name'] = 'Awareness 认知'")
        journey = shell.user_ns["j"]
        assert journey.stages.loc["a", "name"] == "Awareness 认知"
        assert journey._committed["stages"].loc["a", "name"] == "Awareness 认知"
        shell.run_cell("j.stages.loc['a', 'position'] = -1")
        assert journey.stages.loc["a", "position"] == 0
        err = capsys.readouterr().err
        assert "was undone" in err and "table 'stages', row 'a', column 'position'" in err
    finally:
        InteractiveShell.clear_instance()


def test_deletes_in_an_edit_cascade_only_once(journey: jw.Journey) -> None:
    step = "step_6"
    cards = journey.cards[journey.cards["step_id"] == step].index
    journey.assign(steps=journey.steps.drop(index=step), cards=journey.cards.drop(index=cards))
    assert step not in journey.steps.index
    change_tables = [op.table for op in journey._history._undo[-1].ops if isinstance(op, Delete)]
    assert change_tables.count("steps") == 1
    assert_invariants(journey)
