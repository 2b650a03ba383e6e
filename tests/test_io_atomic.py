"""One atomic write for files and folders: errors name the target, nothing is left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import journeywidgets as jw
from journeywidgets.datasets import bike_shop
from journeywidgets.io import atomic

DEAD_PID = 2**22 + 12345  # above Linux's largest pid: no such process


@pytest.mark.parametrize("name", ["map.journey.json", "map.mmd", "map.xlsx", "tables"])
def test_saving_under_a_missing_or_unwritable_parent_names_the_target(
    name: str, tmp_path: Path
) -> None:
    journey = bike_shop()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / name
    write = {"tables": journey.to_csv, "map.xlsx": journey.to_excel}.get(name, journey.save)
    with pytest.raises(jw.FileWriteError) as refused:
        write(target)
    assert str(target) in str(refused.value) and ".jw-" not in str(refused.value)
    assert isinstance(refused.value, OSError) and isinstance(refused.value, jw.JourneyError)
    assert sorted(os.listdir(tmp_path)) == ["a-file"]


def test_a_folder_save_keeps_files_it_does_not_write(tmp_path: Path) -> None:
    folder = bike_shop().to_csv(tmp_path / "t")
    (folder / "README.txt").write_text("notes")
    (folder / "figures").mkdir()
    (folder / "figures" / "a.png").write_bytes(b"png")
    journey = bike_shop()
    journey.title = "Second"
    journey.to_csv(folder)
    assert (folder / "README.txt").read_text() == "notes"
    assert (folder / "figures" / "a.png").read_bytes() == b"png"
    assert jw.read_csv(folder).equals(journey)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t"]


def test_a_folder_save_refuses_a_file_in_its_place(tmp_path: Path) -> None:
    (tmp_path / "t").write_text("x")
    with pytest.raises(jw.FileWriteError, match="a file is there"):
        bike_shop().to_csv(tmp_path / "t")


def test_recovery_puts_back_a_folder_moved_aside_by_a_killed_save(tmp_path: Path) -> None:
    journey = bike_shop()
    folder = journey.to_csv(tmp_path / "t")
    aside = tmp_path / f".t.{DEAD_PID}.abcd1234.jw-old"
    folder.rename(aside)  # as a save killed between its two renames leaves it
    (tmp_path / f".t.{DEAD_PID}.abcd1235.jw-new").mkdir()  # and its half-written staging
    assert jw.read_csv(tmp_path / "t").equals(journey)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t"]


def test_temporaries_of_ended_processes_are_removed_by_the_next_load(tmp_path: Path) -> None:
    journey = bike_shop()
    path = journey.save(tmp_path / "map.journey.json")
    stale = tmp_path / f".map.journey.json.{DEAD_PID}.00000000.jw-tmp"
    stale.write_text("half")
    mine = tmp_path / f".map.journey.json.{os.getpid()}.00000000.jw-tmp"
    mine.write_text("being written by this process")
    other = tmp_path / ".other.json.1.00000000.jw-tmp"  # someone else's file: not ours
    other.write_text("x")
    assert jw.load(path).equals(journey)
    assert not stale.exists() and mine.exists() and other.exists()


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.bin"
    path.write_text("old")

    def write(temporary: str) -> None:
        Path(temporary).write_text("half")
        raise RuntimeError("the writer broke")

    with pytest.raises(RuntimeError):
        atomic.atomic_write_with(path, write)
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.bin"]


def test_saved_files_get_the_permissions_of_a_plain_open(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        path = bike_shop().save(tmp_path / "map.journey.json")
        folder = bike_shop().to_csv(tmp_path / "t")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644
    assert (folder / "steps.csv").stat().st_mode & 0o777 == 0o644
