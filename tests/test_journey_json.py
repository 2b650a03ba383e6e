"""The .journey.json format: lossless, diff-friendly, atomic, and strict about bad files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

import journeywidgets as jw
from journeywidgets.datasets import bike_shop
from journeywidgets.io import MIGRATIONS, SCHEMA_VERSION, journey_schema
from journeywidgets.io.json_schema import published_schema

from .invariants import assert_invariants


def test_save_then_load_is_identity(journey: jw.Journey, tmp_path: Path) -> None:
    journey.add_evidence(
        "Seen at 9am", kind="observation", collected_at="2026-03-01T09:00:00+08:00"
    )
    journey.add_metric_value(journey.add_metric("CSAT", metric_type="CSAT"), 4.2, respondents=80)
    path = journey.save(tmp_path / "bike.journey.json")
    loaded = jw.load(path)
    assert isinstance(loaded, jw.Journey)
    assert loaded.equals(journey)
    for name in jw.model.TABLES:
        # Row order survives too, not only content.
        assert getattr(loaded, name).index.tolist() == getattr(journey, name).index.tolist()
    assert (
        loaded.segments["collected_at"].dropna().iloc[0].isoformat() == "2026-03-01T01:00:00+00:00"
    )
    assert loaded.version == 0 and not loaded.can_undo
    assert_invariants(loaded)


def test_layout_is_one_row_per_line_in_schema_key_order(journey: jw.Journey) -> None:
    text = journey.to_json()
    lines = text.splitlines()
    step_lines = [
        line
        for line in lines
        if '"step_id": "step_' in line and line.strip().startswith('{"step_id"')
    ]
    assert len(step_lines) == len(journey.steps)
    first = json.loads(step_lines[0].rstrip(","))
    assert list(first) == ["step_id", "stage_id", "position", "name", "kind", "is_moment_of_truth"]
    assert "城市自行车" in text  # Unicode is written as itself, readable in diffs
    assert text == journey.to_json()  # stable


def test_one_edit_changes_one_line(journey: jw.Journey) -> None:
    before = journey.to_json().splitlines()
    journey.update("steps", "step_3", name="Compares four shops")
    after = journey.to_json().splitlines()
    assert len(before) == len(after)
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1


def test_failed_write_leaves_the_old_file(
    journey: jw.Journey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = journey.save(tmp_path / "map.journey.json")
    original = path.read_bytes()
    journey.title = "Changed"

    def disk_full(descriptor: int) -> None:
        raise OSError("disk full")

    # Fail after the new content is written to the temporary file, before the rename.
    monkeypatch.setattr("journeywidgets.io.atomic.os.fsync", disk_full)
    with pytest.raises(OSError, match="disk full"):
        journey.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["map.journey.json"]  # no temporary file left
    journey.save(path)
    assert jw.load(path).title == "Changed"


def test_published_schema_is_generated_from_the_model() -> None:
    assert published_schema() == journey_schema(), "run: python -m journeywidgets.io.json_schema"


def _document(journey: jw.Journey) -> dict:
    return json.loads(journey.to_json())


@pytest.mark.parametrize(
    ("mutate", "pointer", "message"),
    [
        (lambda d: d["tables"]["steps"][2].update(kind="dance"), "/tables/steps/2/kind", "'dance' is not one of"),
        (lambda d: d["tables"]["steps"][1].update(position="1"), "/tables/steps/1/position", "is not of type"),
        (lambda d: d["tables"]["cards"][0].pop("lane_id"), "/tables/cards/0", "'lane_id' is a required property"),
        (lambda d: d["tables"]["steps"][0].update(stage_id="stage_99"), "/tables/steps/0/stage_id",
         "refers to 'stage_99', which is not in stages"),
        (lambda d: d["tables"]["steps"][3].update(position=0), "/tables/steps/3/position", "position 0 is used by both"),
        (lambda d: d["tables"]["emotions"][4].update(score=7), "/tables/emotions/4/score", "outside the bipolar5"),
        (lambda d: d["tables"]["stages"].append(dict(d["tables"]["stages"][0], position=9)),
         "/tables/stages/4/stage_id", "already taken"),
        (lambda d: d["meta"].update(map_type="blueprint"), "/meta/map_type", "'blueprint' is not one of"),
        (lambda d: d["meta"].update(emotion_scale="stars"), "/meta/emotion_scale", "unknown emotion scale 'stars'"),
        (lambda d: d["tables"].update(notes=[]), "/tables", "Additional properties are not allowed ('notes'"),
        (lambda d: d["tables"]["steps"][0].update(colour="red"), "/tables/steps/0", "('colour' was unexpected)"),
        (lambda d: d.update(format="other"), "/format", 'not a journey file: a .journey.json holds "format": "journeywidgets" (here: \'other\')'),
        (lambda d: (d.clear(), d.update(cells=[], nbformat=4)), "/format", "a Jupyter notebook, not a journey file"),
        (lambda d: d.update(schema_version=SCHEMA_VERSION + 1), "/schema_version", "newer journeywidgets"),
    ],
)  # fmt: skip
def test_bad_files_name_file_and_json_path_and_load_nothing(
    journey: jw.Journey, tmp_path: Path, mutate, pointer: str, message: str
) -> None:
    document = _document(journey)
    mutate(document)
    path = tmp_path / "bad.journey.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(jw.FileFormatError) as caught:
        jw.load(path)
    error = caught.value
    assert error.path == str(path)
    assert error.pointer == pointer
    assert message in str(error)
    assert str(error).startswith(f"{path} at {pointer}: ")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "journeywidgets", ', "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[1, 2]", "must hold a JSON object"),
        (b"", "not valid JSON"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.journey.json"
    path.write_bytes(content)
    with pytest.raises(jw.FileFormatError, match=message):
        jw.load(path)


def test_missing_file_is_a_journey_error(tmp_path: Path) -> None:
    with pytest.raises(jw.FileFormatError, match="cannot read the file"):
        jw.load(tmp_path / "nope.journey.json")


def test_migrations_upgrade_old_documents(
    journey: jw.Journey, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A version-0 document whose steps said ``key_moment`` loads through a migration."""
    document = _document(journey)
    document["schema_version"] = SCHEMA_VERSION - 1
    for row in document["tables"]["steps"]:
        row["key_moment"] = row.pop("is_moment_of_truth")

    def rename_key_moment(old: dict) -> dict:
        for row in old["tables"]["steps"]:
            row["is_moment_of_truth"] = row.pop("key_moment")
        return old

    monkeypatch.setitem(MIGRATIONS, SCHEMA_VERSION - 1, rename_key_moment)
    assert jw.loads(json.dumps(document)).equals(journey)
    monkeypatch.delitem(MIGRATIONS, SCHEMA_VERSION - 1)
    with pytest.raises(jw.FileFormatError, match="no migration from schema version"):
        jw.loads(json.dumps(document))


def test_empty_journey_round_trips() -> None:
    empty = jw.Journey("Nothing yet", map_type="future_state", emotion_scale="levels7")
    assert jw.loads(empty.to_json()).equals(empty)


def test_saved_files_get_ordinary_permissions(tmp_path: Path) -> None:
    # mkstemp makes owner-only files; a saved map must be readable like any other file.
    umask = os.umask(0o022)
    try:
        path = bike_shop().save(tmp_path / "new.journey.json")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        path.chmod(0o600)  # a file the user made private stays private when saved again
        bike_shop().save(path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    finally:
        os.umask(umask)
