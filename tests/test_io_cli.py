"""The command line: the output's kind follows its name; refusals are messages, not tracebacks."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import journeywidgets as jw
from journeywidgets.cli import main
from journeywidgets.datasets import bike_shop


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return bike_shop().save(tmp_path / "in.journey.json")


@pytest.mark.parametrize(
    ("out", "reads"),
    [("o.journey.json", jw.load), ("o.xlsx", jw.read_excel), ("o.mmd", jw.load),
     ("folder/", jw.read_csv), ("plain", jw.read_csv)],
)  # fmt: skip
def test_the_output_kind_follows_the_name(source: Path, out: str, reads: object) -> None:
    target = source.parent / out
    assert main(["convert", str(source), str(target)]) == 0
    back = reads(target)  # type: ignore[operator]
    assert list(back.steps["name"]) == list(bike_shop().steps["name"])


@pytest.mark.parametrize(
    ("prepare", "out", "message"),
    [
        ("dir", "x.xlsx", "a folder is there"),
        ("dir", "x.journey.json", "a folder is there"),
        ("file", "tables/", "a file is there"),
        (None, "out.docx", "cannot tell the format from '.docx'"),
        ("file", "blocked/sub/out.journey.json", "cannot save"),
    ],
)
def test_refusals_are_one_line_naming_the_path(
    source: Path, prepare: str | None, out: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = source.parent / out
    if prepare == "dir":
        target.mkdir()
    elif prepare == "file":
        first = source.parent / Path(out).parts[0]
        first.write_text("x")
    written = str(target) + ("/" if out.endswith("/") else "")
    assert main(["convert", str(source), written]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    if prepare == "dir":
        assert list(target.iterdir()) == [], "nothing written into the folder"
    assert not (source.parent / "-").exists()


def test_a_dash_is_standard_output_and_input(
    source: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["convert", str(source), "-"]) == 0
    text = capsys.readouterr().out
    assert jw.loads(text).equals(bike_shop())
    assert not (source.parent / "-").exists(), "no folder named '-'"
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    out = source.parent / "from-stdin.mmd"
    assert main(["convert", "-", str(out)]) == 0
    assert jw.load(out).meta["title"] == bike_shop().meta["title"]
