"""The journey knows which file holds it and at which version, so that the map can say when
it has unsaved changes: every save and load records it, autosave's too, and a save that
did not carry the whole journey does not."""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import pytest

import journeywidgets as jw
from journeywidgets.datasets import bike_shop


def test_a_new_journey_is_in_no_file() -> None:
    journey = bike_shop()
    assert journey.saved is None
    assert journey.has_unsaved_changes


@pytest.mark.parametrize("name", ["map.journey.json", "map.xlsx", "tables"])
def test_saving_and_loading_record_the_file_and_its_version(tmp_path: Path, name: str) -> None:
    journey = bike_shop()
    journey.title = "Edited first"
    target = tmp_path / name
    if name == "tables":
        journey.to_csv(target)
    else:
        journey.save(target)
    assert journey.saved == jw.model.SavedFile(str(target), journey.version)
    assert not journey.has_unsaved_changes
    journey.title = "Edited again"
    assert journey.has_unsaved_changes
    assert journey.saved is not None and journey.saved.version == journey.version - 1

    loaded = jw.load(target)
    assert loaded.saved == jw.model.SavedFile(str(target), 0)
    assert not loaded.has_unsaved_changes
    assert loaded.copy().saved is None, "a copy is in no file yet"


def test_a_mermaid_file_counts_as_saved_only_when_it_carries_everything(tmp_path: Path) -> None:
    journey = jw.Journey("Plain")
    journey.set_emotion(journey.add_step("Look", journey.add_stage("Find")), 1)
    journey.save(tmp_path / "plain.mmd")
    assert not journey.has_unsaved_changes
    full = bike_shop()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jw.MermaidWarning)
        full.save(tmp_path / "bike.mmd")  # cards, lanes … are not carried
    assert full.saved is None


def test_autosave_records_each_save_and_tells_the_map(tmp_path: Path) -> None:
    journey = bike_shop()
    view = jw.JourneyMap(journey)
    assert view._saved is None
    saver = journey.autosave(tmp_path / "auto.journey.json", delay=0.01)
    try:
        journey.title = "Saved by autosave"
        status = saver.flush()
        deadline = time.monotonic() + 10
        while journey.has_unsaved_changes and time.monotonic() < deadline:
            time.sleep(0.02)
        assert journey.saved is not None and journey.saved.version == journey.version
        assert status.saved_version == journey.version
        assert view._saved == {
            "path": str(tmp_path / "auto.journey.json"),
            "name": "auto.journey.json",
            "version": journey.version,
        }
    finally:
        saver.stop()
        view.close()
    assert journey._save_observers == [], "a closed map stops listening"


def test_a_save_during_which_the_journey_changed_records_nothing(tmp_path: Path) -> None:
    journey = bike_shop()
    journey._record_save(tmp_path / "x.journey.json", journey.version - 1)
    assert journey.saved is None, "the file holds no one version"


def test_autosave_saves_a_burst_of_edits_once_and_never_raises_into_an_edit(
    tmp_path: Path,
) -> None:
    journey = bike_shop()
    saves: list[int] = []
    target = tmp_path / "burst.journey.json"
    saver = journey.autosave(target, delay=0.3)
    try:
        _wait(lambda: saver.status.saved_version == 0)
        saver.observe(lambda status: saves.append(status.version))
        for n in range(20):  # each edit moves the deadline on: one save for all
            journey.title = f"Edit {n}"
        _wait(lambda: not saver.dirty)
        assert saves == [journey.version]
        assert jw.load(target).title == "Edit 19"

        target.unlink()
        target.mkdir()  # now no file can be saved there
        journey.title = "Cannot be saved"  # the edit itself is accepted
        _wait(lambda: saver.last_error is not None)
        assert journey.has_unsaved_changes and saver.dirty
        assert isinstance(saver.last_error, jw.JourneyError)
        assert str(target) in str(saver.last_error)
    finally:
        saver.stop()


def _wait(condition: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
