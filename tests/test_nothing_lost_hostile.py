"""Hostile files for every reader: each is read completely, or refused with a JourneyError
that names where (file, and line, JSON path, sheet and cell) — never a raw Python error,
never a part of the file read without a word."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

import journeywidgets as jw
from journeywidgets.datasets import bike_shop

pytestmark = pytest.mark.filterwarnings("ignore::journeywidgets.MermaidWarning")

SAMPLE = bike_shop()
JSON_TEXT = SAMPLE.to_json()
MERMAID_TEXT = str(SAMPLE.to_mermaid())


def _located(error: jw.FileFormatError) -> bool:
    return any(
        getattr(error, part) is not None for part in ("pointer", "line", "cell", "sheet")
    ) or (error.path is not None)


def _read_or_refuse(read: object, *args: object) -> jw.Journey | None:
    """A complete read (it saves and reads back the same) or a located refusal."""
    refused: jw.FileFormatError | None = None
    try:
        journey = read(*args)  # type: ignore[operator]
    except jw.FileFormatError as error:
        refused = error
    if refused is not None:
        assert _located(refused), f"a refusal names where: {refused}"
        return None
    assert jw.loads(journey.to_json()).equals(journey), "what was read is a whole journey"
    return journey


edits = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=10**6),
        st.integers(min_value=0, max_value=40),
        st.text(
            st.sampled_from(list('{}[]",:0123456789e-.\\ \n\r\tx#;%&<>=\x00\ud800')), max_size=8
        ),
    ),
    min_size=1,
    max_size=4,
)


def _mutate(text: str, changes: list[tuple[int, int, str]]) -> str:
    for at, cut, insert in changes:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + cut :]
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=edits)
def test_a_damaged_journey_json_is_read_whole_or_refused_at_a_json_path(
    changes: list[tuple[int, int, str]],
) -> None:
    text = _mutate(JSON_TEXT, changes)
    _read_or_refuse(jw.loads, text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=edits)
def test_damaged_mermaid_is_read_whole_or_refused_at_a_line(
    changes: list[tuple[int, int, str]],
) -> None:
    text = _mutate(MERMAID_TEXT, changes)
    refused: jw.FileFormatError | None = None
    try:
        journey = jw.from_mermaid(text)
    except jw.FileFormatError as error:
        refused = error
    if refused is not None:
        assert refused.line is not None, f"a Mermaid refusal names the line: {refused}"
        return
    assert jw.loads(journey.to_json()).equals(journey)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=st.sampled_from(["meta", "steps", "cards", "emotions", "evidence_links"]),
       changes=edits)  # fmt: skip
def test_a_damaged_csv_folder_is_read_whole_or_refused_at_a_file_and_line(
    file: str, changes: list[tuple[int, int, str]]
) -> None:
    with TemporaryDirectory() as folder:
        tables = SAMPLE.to_csv(Path(folder) / "t")
        target = tables / f"{file}.csv"
        target.write_bytes(
            _mutate(target.read_text(encoding="utf-8"), changes).encode("utf-8", "surrogatepass")
        )
        _read_or_refuse(jw.read_csv, tables)


# -- the hostile files the probe found ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[" * 100_000, "line 1, column 65"),
        ('{"a":' * 100_000, "line 1"),
        (JSON_TEXT.replace('"position": 0', '"position": ' + "9" * 5001, 1), "/tables/personas/0/position"),
        (JSON_TEXT.replace('"position": 0', '"position": 1' + "0" * 400, 1), "/tables/personas/0/position"),
        (JSON_TEXT.replace('"position": 0', '"position": 1e400', 1), "/tables/personas/0/position"),
        (JSON_TEXT.replace('"position": 0', '"position": 100000000000000000000', 1), "/tables/personas/0/position"),
        (JSON_TEXT.replace('"score": 1.0', '"score": ' + "9" * 5001, 1), "/tables/emotions/0/score"),
        (JSON_TEXT.replace('"name": "Mei', '"name": "\\ud800Mei', 1), "/tables/personas/0/name"),
        (JSON_TEXT.replace('"name": "Mei', '"name": "\\u0007Mei', 1), "/tables/personas/0/name"),
        (JSON_TEXT.replace('"color": "#7c3aed"', '"color": "url(http://x)"', 1), "/tables/personas/0/color"),
    ],
)  # fmt: skip
def test_hostile_journey_json_is_refused_where_it_is(text: str, where: str) -> None:
    with pytest.raises(jw.FileFormatError) as refused:
        jw.loads(text)
    assert where in str(refused.value)


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: " + "[" * 100_000 + "\n---\njourney\n",
        "---\ntitle: " + "{a: " * 100_000 + "\n---\njourney\n",
        "journey\n  title ring \x07 bell\n",
        "journey\n  section S\n    task \x1b: 3\n",
    ],
)
def test_hostile_mermaid_is_refused_at_a_line(text: str) -> None:
    with pytest.raises(jw.FileFormatError) as refused:
        jw.from_mermaid(text)
    assert refused.value.line is not None


@pytest.mark.parametrize(
    "missing", ["meta", "steps", "emotions", "evidence_links", "event_mappings"]
)
def test_a_csv_folder_missing_a_table_is_refused_naming_the_file(
    missing: str, tmp_path: Path
) -> None:
    folder = SAMPLE.to_csv(tmp_path / "t")
    (folder / f"{missing}.csv").unlink()
    with pytest.raises(jw.FileFormatError, match=rf"{missing}\.csv.*missing"):
        jw.read_csv(folder)


def _shrink_dimension(path: Path, sheet_number: int, ref: str) -> None:
    """Make one sheet's <dimension> claim fewer rows than it holds (written in, where the
    writer left it out, as Excel itself writes one)."""
    copy = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == f"xl/worksheets/sheet{sheet_number}.xml":
                dimension = f'<dimension ref="{ref}"/>'.encode()
                data, found = re.subn(rb"<dimension [^>]*/>", dimension, data)
                if not found:
                    data = re.sub(
                        rb"(<sheetViews>|<sheetFormatPr)", dimension + rb"\1", data, count=1
                    )
                assert dimension in data
            target.writestr(item, data)
    copy.replace(path)


def test_excel_rows_beyond_the_recorded_size_are_read(tmp_path: Path) -> None:
    path = SAMPLE.to_excel(tmp_path / "map.xlsx")
    steps_sheet = 4  # map, meta, personas, stages, steps …: sheet4.xml is stages
    _shrink_dimension(path, steps_sheet, "A1:F2")
    assert jw.read_excel(path).equals(SAMPLE), "every row, not only the recorded ones"


def test_excel_rows_appended_beyond_the_table_are_refused_by_cell(tmp_path: Path) -> None:
    journey = jw.Journey("t")
    journey.add_stage("S")
    path = journey.to_excel(tmp_path / "map.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["stages"]
    for row in range(3, 3003):
        sheet.cell(row=row, column=1, value=f"stage_x{row}")
        sheet.cell(row=row, column=3, value="")
    book.save(path)
    _shrink_dimension(path, 4, "A1:F2")
    with pytest.raises(jw.FileFormatError, match=r"sheet 'stages', cell [A-Z]+3:"):
        jw.read_excel(path)


def test_a_workshop_grid_with_a_formula_is_refused_naming_the_cell(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Stage", "A", "B"], ["Step", "x", "y"], ["Actions", "do", "=1+2"]):
        sheet.append(row)
    book.save(tmp_path / "grid.xlsx")
    with pytest.raises(jw.FileFormatError, match=r"cell C3: holds a formula"):
        jw.from_grid(tmp_path / "grid.xlsx")


def test_csv_cells_a_spreadsheet_would_run_are_guarded_and_read_back_exactly(
    tmp_path: Path,
) -> None:
    journey = bike_shop()
    lane, step = str(journey.lanes.index[0]), str(journey.steps.index[0])
    texts = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "'quoted", "\uff1dcmd", "plain"]
    for text in texts:
        journey.add_card(text, lane=lane, step=step)
    folder = journey.to_csv(tmp_path / "t")
    with (folder / "cards.csv").open(encoding="utf-8", newline="") as handle:
        written = {row["text"] for row in csv.DictReader(handle)}
    for text in texts[:-1]:
        assert "'" + text in written, f"{text!r} is guarded"
    assert "plain" in written
    assert jw.read_csv(folder).equals(journey)


def test_csv_keeps_line_and_paragraph_separators(tmp_path: Path) -> None:
    journey = bike_shop()
    journey.add_card(
        "a\u2028b\u2029c\nd", lane=str(journey.lanes.index[0]), step=str(journey.steps.index[0])
    )
    assert jw.read_csv(journey.to_csv(tmp_path / "t")).equals(journey)


def test_excel_keeps_text_that_openpyxl_would_take_for_a_formula_or_an_error(
    tmp_path: Path,
) -> None:
    journey = bike_shop()
    lane, step = str(journey.lanes.index[0]), str(journey.steps.index[0])
    for text in ["=1+2", "=", "#N/A", "#REF!", "#DIV/0!", "@x"]:
        journey.add_card(text, lane=lane, step=step)
    journey.update("steps", step, name="#VALUE!")
    path = journey.to_excel(tmp_path / "map.xlsx")
    assert jw.read_excel(path).equals(journey)
    assert jw.from_grid(path).steps["name"].iloc[0] == "#VALUE!", "the map sheet too"


def test_a_step_before_any_stage_goes_to_excel_and_back(tmp_path: Path) -> None:
    journey = jw.Journey("t")
    journey.add_step("before any stage")
    journey.add_step("in a stage", journey.add_stage("S"))
    assert jw.read_excel(journey.to_excel(tmp_path / "map.xlsx")).equals(journey)


def test_a_step_before_any_stage_is_drawn_and_exported(tmp_path: Path) -> None:
    journey = jw.Journey("t")
    journey.add_step("before any stage")
    journey.add_step("in a stage", journey.add_stage("S"))
    journey.plot()
    for suffix in ("png", "svg", "pdf"):
        assert journey.save_image(tmp_path / f"map.{suffix}").stat().st_size > 0


def test_svg_of_every_character_a_journey_keeps_is_well_formed_xml(tmp_path: Path) -> None:
    from xml.dom import minidom

    journey = bike_shop()
    kept = "tab\there\nline\u2028sep\u2029para zwj\u200d <&>\"' 中文 \U0010fffd"
    journey.title = kept
    journey.update("steps", str(journey.steps.index[0]), name=kept)
    minidom.parse(str(journey.save_image(tmp_path / "map.svg")))


@pytest.mark.parametrize(
    "values",
    [{"position": 10**20}, {"position": 10**400}, {"name": "a\ud800"}, {"name": "\ufeffx"}],
)
def test_a_view_sending_what_the_journey_refuses_hears_why(values: dict[str, object]) -> None:
    from journeywidgets.widgets.protocol import receive

    journey = bike_shop()
    before = journey.to_json()
    stage = str(journey.stages.index[0])
    replies: list[dict[str, object]] = []
    message = {"type": "ops", "request": "view:1", "ops": [
        {"op": "update", "table": "stages", "id": stage, "values": values}]}  # fmt: skip
    assert receive(journey, message, replies.append) is not None
    assert [(r["type"], r["request"], r["column"]) for r in replies] == [
        ("rejected", "view:1", next(iter(values)))
    ]
    assert journey.to_json() == before
