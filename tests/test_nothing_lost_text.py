"""Every string in every text field, through every format: it comes back exactly, or the
edit that tried to put it in the journey was refused (naming the field) and changed nothing.
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journeywidgets as jw
from journeywidgets.datasets import bike_shop
from journeywidgets.io import journey_schema
from journeywidgets.io.mermaid_syntax import _JS_SPACE_CHARS
from journeywidgets.model.schema import META, TABLES

# The classes of character the format docs decide on, so that each is tried often: control
# characters, line and paragraph separators, NEL, surrogates, BOM, non-characters, what
# starts a spreadsheet formula, quotes and separators of CSV, Mermaid's special characters.
HARD = list(
    "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x1c\x1d\x1e\x1f\x7f\x80\x85\x9f"
    "\u2028\u2029\ufeff\ufffe\uffff\ud800\udbff\udc00\udfff"
    "=+-@'\"\uff1d,;:#%&<>{}`\\ \u00a0\u3000 中文 Malay é\u0301 👩‍👩‍👧 \U0010fffd"
)
TEXT = st.text(st.one_of(st.sampled_from(HARD), st.characters(exclude_categories=())), max_size=12)


def full_journey() -> jw.Journey:
    """The bike shop with a row in every table, so that every text column has a cell."""
    journey = bike_shop()
    step = str(journey.steps.index[0])
    metric = "metric_1"
    journey.apply(
        [
            {"op": "insert", "table": "metrics", "row": {"metric_id": metric, "name": "NPS",
             "unit": "pts", "step_id": step}},
            {"op": "insert", "table": "metric_values", "row": {"metric_id": metric,
             "value": 1.5, "segment": "all"}},
            {"op": "insert", "table": "event_mappings", "row": {"step_id": step,
             "event": "page_view"}},
        ]
    )  # fmt: skip
    journey.set_meta(scenario="s", expectations="e", acc_title="a", acc_descr="d")
    participant = str(journey.participants.index[0])
    journey.set_attribute(participant, "city", "Kuala Lumpur")
    code = journey.add_code("price", description="what it costs")
    journey.code_segment(str(journey.segments.index[0]), code)
    journey.apply(
        {"op": "insert", "table": "code_mappings",
         "row": {"code_id": code, "lane_id": str(journey.lanes.index[0]), "card_text": "t"}}
    )  # fmt: skip
    return journey


TEXT_CELLS = [
    (name, column.name)
    for name, spec in TABLES.items()
    for column in spec.columns
    if column.kind == "string"
]
TEXT_META = [name for name, column in META.items() if column.kind == "string"]
FIELDS = [*TEXT_CELLS, *(("meta", name) for name in TEXT_META)]


def test_every_text_column_of_the_schema_is_covered() -> None:
    journey = full_journey()
    for table, column in TEXT_CELLS:
        assert len(getattr(journey, table)), f"{table} has a row for {column}"


def _set(journey: jw.Journey, table: str, column: str, text: str) -> None:
    if table == "meta":
        journey.set_meta(**{column: text})
    else:
        row = str(getattr(journey, table).index[0])
        journey.apply({"op": "update", "table": table, "id": row, "values": {column: text}})


def _round_trip(journey: jw.Journey, kind: str, folder: Path) -> jw.Journey:
    if kind == "json":
        return jw.load(journey.save(folder / "map.journey.json"))
    if kind == "csv":
        return jw.read_csv(journey.to_csv(folder / "tables"))
    if kind == "xlsx":
        return jw.read_excel(journey.to_excel(folder / "map.xlsx"))
    raise AssertionError(kind)


def _check(kind: str, field: tuple[str, str], text: str) -> None:
    journey = full_journey()
    before = journey.to_json()
    refused: jw.ValidationError | None = None
    try:
        _set(journey, *field, text)
    except jw.ValidationError as error:
        refused = error
    if refused is not None:
        assert refused.column == field[1], "the refusal names the field"
        assert journey.to_json() == before, "a refused edit changes nothing"
        return
    with TemporaryDirectory() as folder:
        back = _round_trip(journey, kind, Path(folder))
    assert back.equals(journey), f"{kind} keeps {text!r} in {field}"


@pytest.mark.parametrize("kind", ["json", "csv"])
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), text=TEXT)
def test_any_text_in_any_field_comes_back_or_is_refused(
    kind: str, field: tuple[str, str], text: str
) -> None:
    _check(kind, field, text)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), text=TEXT)
def test_any_text_in_any_field_comes_back_from_excel_or_is_refused(
    field: tuple[str, str], text: str
) -> None:
    _check("xlsx", field, text)


@settings(max_examples=80, deadline=None)
@given(title=TEXT, stage=TEXT.filter(lambda t: t.strip()), step=TEXT.filter(lambda t: t.strip()))
def test_mermaid_carries_names_exactly_but_their_surrounding_spaces(
    title: str, stage: str, step: str
) -> None:
    """Mermaid trims names (JavaScript's whitespace), so a name comes back trimmed; every
    other character comes back, or the text was refused when it was entered."""
    try:
        journey = jw.Journey(title or "Untitled journey")
        stage_id = journey.add_stage(stage)
        journey.add_step(step, stage_id)
    except jw.ValidationError:
        return
    back = jw.from_mermaid(str(journey.to_mermaid()))
    expected_title = title.strip(_JS_SPACE_CHARS) or "Untitled journey"
    assert back.meta["title"] == expected_title
    assert list(back.stages["name"]) == [stage.strip(_JS_SPACE_CHARS) or "(no section)"]
    assert list(back.steps["name"]) == [step.strip(_JS_SPACE_CHARS) or "(unnamed)"]


@pytest.mark.parametrize(
    ("char", "kept"),
    [
        ("\t", True), ("\n", True), ("\u2028", True), ("\u2029", True), ("\u200d", True),
        ("\r", False), ("\x00", False), ("\x01", False), ("\x07", False), ("\x08", False),
        ("\x1b", False), ("\x0b", False), ("\x1e", False), ("\x7f", False),
        ("\x85", False), ("\ud800", False), ("\ufeff", False), ("\uffff", False),
    ],
)  # fmt: skip
def test_each_class_of_character_is_kept_or_refused_as_documented(char: str, kept: bool) -> None:
    journey = bike_shop()
    step = str(journey.steps.index[0])
    if kept:
        journey.update("steps", step, name=f"a{char}b")
        assert journey.steps.at[step, "name"] == f"a{char}b"
    else:
        with pytest.raises(jw.ValidationError, match=rf"U\+{ord(char):04X}.*character 2"):
            journey.update("steps", step, name=f"a{char}b")


def test_colours_must_be_rrggbb_and_never_reach_css_as_anything_else() -> None:
    journey = bike_shop()
    stage = str(journey.stages.index[0])
    journey.update("stages", stage, color="#A0b1C2")
    for bad in ["red", "url(http://x/)", "#fff", "#12345g", "#123456;background:red", ""]:
        if bad == "":
            journey.update("stages", stage, color=bad)  # empty: no colour
            continue
        with pytest.raises(jw.ValidationError, match=r"'stages'.*'color'"):
            journey.update("stages", stage, color=bad)
    schema = journey_schema()
    color = schema["properties"]["tables"]["properties"]["stages"]["items"]["properties"]["color"]
    assert color["pattern"] == "^#[0-9A-Fa-f]{6}$"


@pytest.mark.parametrize("value", [10**20, 10**400, -(10**400), 2**53, 1e400, float("nan")])
def test_integers_beyond_the_journeys_range_are_refused_with_the_field(value: object) -> None:
    journey = bike_shop()
    stage = str(journey.stages.index[0])
    with pytest.raises(jw.ValidationError, match=r"'stages', row .*'position'"):
        journey.apply(
            {"op": "update", "table": "stages", "id": stage, "values": {"position": value}}
        )
    journey.apply({"op": "update", "table": "stages", "id": stage,
                   "values": {"position": 2**53 - 1}})  # fmt: skip
    assert jw.loads(journey.to_json()).equals(journey)


def test_add_card_accepts_its_own_default_text() -> None:
    journey = bike_shop()
    card = journey.add_card(lane=str(journey.lanes.index[0]), step=str(journey.steps.index[0]))
    assert journey.cards.at[card, "text"] == ""
    assert jw.loads(journey.to_json()).equals(journey)
    assert jw.read_csv  # CSV writes "" as an empty field; it reads back as the default


def test_undoing_every_edit_saves_the_file_it_started_from() -> None:
    text = full_journey().to_json()
    journey = jw.loads(text)
    for table in ("cards", "emotions", "segments", "metric_values", "personas", "steps"):
        journey.apply({"op": "delete", "table": table, "id": str(getattr(journey, table).index[0])})
    while journey.undo() is not None:
        pass
    assert journey.to_json() == text, "no git diff where nothing changed"
