"""The command line: the output's kind follows its name; refusals are messages, not tracebacks."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import journeywidgets as jw
from journeywidgets.cli import main
from journeywidgets.datasets import bike_shop, sample_path


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


# -- the sample maps shipped with the package ------------------------------------------


def test_the_shipped_samples_are_the_example_map() -> None:
    # scripts/generate_samples.py writes them; a change to bike_shop() must regenerate them.
    assert jw.load(sample_path("journey.json")).equals(bike_shop())
    from_mermaid = jw.load(sample_path("mmd"))
    assert from_mermaid.steps["name"].tolist() == bike_shop().steps["name"].tolist()
    assert from_mermaid.personas["name"].tolist() == ["Mei 美"]


def test_sample_copies_both_files_that_render_and_convert_then_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sample", str(tmp_path)]) == 0
    json_file, mermaid_file = tmp_path / "bike-shop.journey.json", tmp_path / "bike-shop.mmd"
    assert f"wrote {json_file}" in capsys.readouterr().out
    assert main(["render", str(json_file)]) == 0
    png = tmp_path / "bike-shop.journey.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert main(["convert", str(mermaid_file), str(tmp_path / "bike.xlsx")]) == 0
    assert jw.read_excel(tmp_path / "bike.xlsx").steps["name"].tolist() == list(
        bike_shop().steps["name"]
    )
    assert main(["convert", str(json_file), str(tmp_path / "bike.html")]) == 0
    assert "Buying a city bike" in (tmp_path / "bike.html").read_text(encoding="utf-8")


def test_sample_never_overwrites_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bike-shop.mmd").write_text("mine", encoding="utf-8")
    assert main(["sample", str(tmp_path)]) == 1
    assert "bike-shop.mmd: already there" in capsys.readouterr().err
    assert not (tmp_path / "bike-shop.journey.json").exists(), "nothing copied, not half"
    assert (tmp_path / "bike-shop.mmd").read_text(encoding="utf-8") == "mine"
    assert main(["sample", str(tmp_path), "--force"]) == 0
    assert (tmp_path / "bike-shop.mmd").read_bytes() == sample_path("mmd").read_bytes()


def test_help_names_the_samples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "journeywidgets sample" in out and "bike-shop.journey.json" in out
    assert "bike-shop.mmd" in out
