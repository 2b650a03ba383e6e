"""CSV and Excel tables, workshop grids, and the command line."""

from __future__ import annotations

import contextlib
import csv
import io
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

import journeywidgets as jw
from journeywidgets.cli import main
from journeywidgets.datasets import bike_shop, synthetic

FORMULA = '=HYPERLINK("http://evil.example","click")'


def hostile() -> jw.Journey:
    """Every kind of value, empty cells, Unicode and formula-like text."""
    journey = synthetic(3, 3, evidence=10)
    journey.add_card(FORMULA, lane="lane_1", step="step_1", kind="note")
    journey.add_card(
        '@SUM(A1) +cmd -1 城市 😀 Bayar\nline two, "quoted"', lane="lane_2", step="step_2"
    )
    journey.update("steps", "step_1", is_moment_of_truth=True, description="tab\there")
    journey.set_emotion("step_2", 1, persona="persona_1", variant="to_be")
    return journey


@pytest.mark.parametrize("kind", ["csv", "excel"])
def test_tables_round_trip_losslessly(kind: str, tmp_path: Path) -> None:
    journey = hostile()
    if kind == "csv":
        back = jw.read_csv(journey.to_csv(tmp_path / "tables"))
    else:
        back = jw.read_excel(journey.to_excel(tmp_path / "map.xlsx"))
    assert back.equals(journey)  # values, ids, dtypes, empties, Unicode
    assert jw.load(tmp_path / ("tables" if kind == "csv" else "map.xlsx")).equals(journey)


def test_excel_text_is_never_a_formula(tmp_path: Path) -> None:
    path = hostile().to_excel(tmp_path / "map.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)
    cards = load_workbook(path)["cards"]
    cells = [c for row in cards.iter_rows() for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells)


def test_control_characters_are_refused_when_entered_so_no_format_meets_them() -> None:
    journey = bike_shop()
    with pytest.raises(
        jw.ValidationError, match=r"'cards', row 'card_\d+', column 'text'.*U\+0007"
    ):
        journey.add_card("bell \x07 here", lane="lane_1", step="step_1")


def test_excel_map_sheet_reads_as_a_workshop_grid(tmp_path: Path) -> None:
    journey = bike_shop()
    grid = jw.from_grid(journey.to_excel(tmp_path / "bike.xlsx"))
    assert list(grid.stages["name"]) == list(journey.stages["name"])
    assert list(grid.steps["name"]) == list(journey.steps["name"])
    assert list(grid.lanes["name"]) == list(journey.lanes["name"])
    assert grid.emotion_scale.scale_id == "bipolar5"
    assert sorted(grid.emotions["score"]) == sorted(journey.emotions["score"])


def test_a_pasted_workshop_grid_becomes_a_map() -> None:
    pasted = (
        "Stage\tAwareness\t\tPurchase\n"
        "Step\tSees an ad\tAsks a friend\tPays\n"
        "Emotion: Mei\t4\t3\t1\n"
        "Emotion: Ali\t5\t2\t2\n"
        "Doing\tScrolls\tMessages\tTaps card\n"
        "Pain points\t\t\tCard declined\n"
        "Ideas 想法\t\tReferral code\t\n"
    )
    journey = jw.from_grid(pasted, title="Workshop")
    assert list(journey.stages["name"]) == ["Awareness", "Purchase"]
    assert list(journey.steps["stage_id"]) == ["stage_1", "stage_1", "stage_2"]
    assert journey.emotion_scale.scale_id == "likert5"
    assert list(journey.personas["name"]) == ["Mei", "Ali"]
    assert list(journey.lanes["lane_type"]) == ["actions", "pain_points", "custom"]
    assert journey.cards.set_index("text").loc["Card declined", "kind"] == "pain_point"
    frame = pd.DataFrame([["Step", "A", "B"], ["Thoughts", "Hmm", None]])
    assert len(jw.from_grid(frame).cards) == 1


def test_bad_grids_name_the_cell() -> None:
    with pytest.raises(jw.FileFormatError, match="no row labelled 'Step'"):
        jw.from_grid("Stage\tA\nThings\tx\n")
    with pytest.raises(jw.FileFormatError, match=r"cell C3: an emotion score must be a number"):
        jw.from_grid("Stage\tA\tB\nStep\ta\tb\nEmotion\t1\tlots\n")
    with pytest.raises(jw.FileFormatError, match="no scale fits"):
        jw.from_grid("Step\ta\tb\nEmotion\t-5\t500\n")


def test_bad_tables_name_file_line_and_column_and_load_nothing(tmp_path: Path) -> None:
    folder = bike_shop().to_csv(tmp_path / "t")
    steps = folder / "steps.csv"
    lines = steps.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("touchpoint", "dance", 1)  # step_2, on line 3
    steps.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(jw.FileFormatError) as caught:
        jw.read_csv(folder)
    assert caught.value.path == str(steps) and caught.value.line == 3
    assert "column 'kind'" in str(caught.value) and "'dance' is not allowed" in str(caught.value)

    (folder / "steps.csv").write_bytes(b"step_id,name\n\xff\n")
    with pytest.raises(jw.FileFormatError, match=r"steps\.csv, line 2: not UTF-8"):
        jw.read_csv(folder)

    book = tmp_path / "book.xlsx"
    bike_shop().to_excel(book)
    workbook = load_workbook(book)
    workbook["steps"]["B3"] = "=1+1"  # a formula typed by someone
    workbook.save(book)
    with pytest.raises(jw.FileFormatError, match=r"sheet 'steps', cell B3: holds a formula"):
        jw.read_excel(book)
    workbook["steps"]["B3"] = "not a stage"
    workbook.save(book)
    with pytest.raises(jw.FileFormatError, match=r"sheet 'steps', cell B3: column 'stage_id'"):
        jw.read_excel(book)
    (tmp_path / "junk.xlsx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(jw.FileFormatError, match=r"junk\.xlsx: not an Excel"):
        jw.read_excel(tmp_path / "junk.xlsx")
    empty = Workbook()
    empty.save(tmp_path / "empty.xlsx")
    with pytest.raises(jw.FileFormatError, match="no 'meta' sheet"):
        jw.read_excel(tmp_path / "empty.xlsx")


# -- fuzzing every reader: refuse with a located error, or read; never anything else -------

EXCEL_TEXT = st.text(max_size=8).filter(lambda s: not ILLEGAL_CHARACTERS_RE.search(s))
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(data=st.binary(max_size=400))
def test_fuzz_json_reader(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "x.journey.json"
    path.write_bytes(data)
    with pytest.raises(jw.FileFormatError):
        jw.load(path)


@FUZZ
@given(
    rows=st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=6),
    table=st.sampled_from(["steps", "meta", "cards"]),
)
def test_fuzz_csv_reader(rows: list[list[str]], table: str, tmp_path: Path) -> None:
    folder = bike_shop().to_csv(tmp_path / "t")
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    (folder / f"{table}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    located = True
    try:
        jw.read_csv(folder)
    except jw.FileFormatError as error:
        located = error.path is not None
    assert located


@FUZZ
@given(
    rows=st.lists(
        st.lists(
            st.one_of(st.none(), EXCEL_TEXT, st.integers(), st.floats(allow_nan=False)),
            max_size=5,
        ),
        max_size=5,
    )
)
def test_fuzz_excel_reader(rows: list[list[object]], tmp_path: Path) -> None:
    path = bike_shop().to_excel(tmp_path / "b.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["steps"]
    for r, row in enumerate(rows, 2):
        for c, value in enumerate(row, 1):
            sheet.cell(row=r, column=c).value = value
            if isinstance(value, str):
                sheet.cell(row=r, column=c).data_type = "s"
    workbook.save(path)
    located = True
    try:
        jw.read_excel(path)
    except jw.FileFormatError as error:
        located = error.path == str(path)
    assert located


@FUZZ
@given(
    st.lists(
        st.lists(
            st.one_of(st.none(), st.text(max_size=8), st.integers(-3, 200)), min_size=1, max_size=4
        ),
        max_size=5,
    )
)
def test_fuzz_grid_reader(rows: list[list[object]]) -> None:
    padded = [[*row, None, None, None][:4] for row in rows]
    frame = pd.DataFrame([["Step", "a", "b", "c"], *padded])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.suppress(jw.FileFormatError):  # refusing is fine; crashing is not
            jw.from_grid(frame)


# -- command line --------------------------------------------------------------------------


def test_cli_converts_renders_and_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = bike_shop().save(tmp_path / "bike.journey.json")
    for name in ["bike.xlsx", "bike.mmd", "tables/", "bike.svg", "bike.html"]:
        assert main(["convert", str(source), str(tmp_path / name)]) == 0
    assert jw.load(tmp_path / "bike.xlsx").equals(bike_shop())
    assert jw.load(tmp_path / "tables").equals(bike_shop())
    assert "Awareness" in (tmp_path / "bike.svg").read_text(encoding="utf-8")
    assert main(["render", str(tmp_path / "bike.mmd"), "-o", str(tmp_path / "m.png")]) == 0
    assert (tmp_path / "m.png").read_bytes()[:4] == b"\x89PNG"
    capsys.readouterr()
    assert main(["check", str(source), str(tmp_path / "bike.mmd")]) == 0
    assert "ok: " in capsys.readouterr().out

    bad = tmp_path / "bad.mmd"
    bad.write_text("journey\nsection A\n  Tea; milk: 5\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    assert f"{bad}, line 3, column 6" in capsys.readouterr().err
    assert main(["render", str(source), "-o", str(tmp_path / "x.gif")]) == 1


def test_cli_is_installed_with_help_on_every_command() -> None:
    for command in ([], ["convert"], ["render"], ["check"], ["demo"]):
        done = subprocess.run(
            [sys.executable, "-m", "journeywidgets.cli", *command, "--help"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0 and "usage: journeywidgets" in done.stdout
    demo = subprocess.run(
        [sys.executable, "-m", "journeywidgets.cli", "demo", "--dry-run"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "jupyterlab" in demo.stdout and ".ipynb" in demo.stdout
