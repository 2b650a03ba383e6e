"""One convention for readers and writers: to_*(path=None) returns text without a path."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import journeywidgets as jw
from journeywidgets.datasets import bike_shop


def test_to_json_returns_text_or_writes_a_path(tmp_path: Path) -> None:
    journey = bike_shop()
    text = journey.to_json()
    written = journey.to_json(tmp_path / "bike.journey.json")
    assert written == tmp_path / "bike.journey.json"
    assert written.read_text(encoding="utf-8") == text
    assert jw.read_json(written).equals(journey)
    assert jw.loads(text).equals(journey)


def test_to_mermaid_returns_the_export_or_writes_a_path(tmp_path: Path) -> None:
    journey = bike_shop()
    export = journey.to_mermaid()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jw.MermaidWarning)  # what Mermaid cannot carry
        written = journey.to_mermaid(tmp_path / "bike.mmd")
    assert written.read_text(encoding="utf-8") == str(export)
    again = jw.read_mermaid(written)
    assert again.stages["name"].tolist() == journey.stages["name"].tolist()
    assert again.steps["name"].tolist() == journey.steps["name"].tolist()


# -- to_*(path=None): the contents without a path, the file with one ----------------------


def test_to_excel_returns_the_workbook_bytes_or_writes_a_path(tmp_path: Path) -> None:
    journey = bike_shop()
    workbook = journey.to_excel()
    assert isinstance(workbook, bytes) and workbook[:2] == b"PK"  # a zip, as .xlsx are
    written = journey.to_excel(tmp_path / "bike.xlsx")
    assert written == tmp_path / "bike.xlsx"
    (tmp_path / "from-bytes.xlsx").write_bytes(workbook)
    assert jw.read_excel(tmp_path / "from-bytes.xlsx").equals(journey)
    assert jw.read_excel(written).equals(journey)


def test_to_csv_returns_the_files_texts_or_writes_a_folder(tmp_path: Path) -> None:
    journey = bike_shop()
    files = journey.to_csv()
    folder = journey.to_csv(tmp_path / "tables")
    assert folder == tmp_path / "tables"
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.csv")}
    assert files == on_disk and "meta.csv" in files and "steps.csv" in files
    copy = tmp_path / "copy"
    copy.mkdir()
    for name, text in files.items():
        (copy / name).write_text(text, encoding="utf-8")
    assert jw.read_csv(copy).equals(journey)


def test_to_html_returns_the_page_or_writes_a_path(tmp_path: Path) -> None:
    journey = bike_shop()
    page = journey.to_html(zoom=0.8)
    written = journey.to_html(tmp_path / "bike.html", zoom=0.8)
    assert written == tmp_path / "bike.html"
    assert written.read_text(encoding="utf-8") == page
    assert page.startswith("<!DOCTYPE html>") and "Buying a city bike" in page


def test_every_journey_writer_takes_an_optional_path() -> None:
    # The rule of docs/conventions.md, for every to_<format> of the public Journey.
    import inspect

    writers = [n for n in dir(jw.Journey) if n.startswith("to_") and n != "to_frame"]
    assert set(writers) >= {"to_json", "to_mermaid", "to_excel", "to_csv", "to_html"}
    for name in writers:
        first = list(inspect.signature(getattr(jw.Journey, name)).parameters.values())[1]
        assert first.default is None, f"Journey.{name}'s {first.name} should default to None"


# -- add_card(text, *, lane, step): the old order warns and gives the same card ------------


def _map() -> jw.Journey:
    journey = jw.Journey("Cards")
    journey.add_step("Pays", journey.add_stage("Buy"))
    journey.add_lane("Pain points", "pain_points")
    return journey


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ((("Pain points", "Pays", "Declined"), {}), (("Declined",), {"lane": "Pain points", "step": "Pays"})),
        ((("lane_1", "step_1", "Declined"), {"severity": 3}), (("Declined",), {"lane": "lane_1", "step": "step_1", "severity": 3})),
        ((("Pain points", "Pays"), {"text": "Declined"}), (("Declined",), {"lane": "Pain points", "step": "Pays"})),
        ((("Pain points",), {"step": "Pays", "text": "Declined"}), ((), {"text": "Declined", "lane": "Pain points", "step": "Pays"})),
        ((("Pain points",), {"stage": "Buy", "text": "All of it"}), (("All of it",), {"lane": "Pain points", "stage": "Buy"})),
        ((("Pain points", "Pays"), {}), ((), {"lane": "Pain points", "step": "Pays"})),
    ],
)  # fmt: skip
def test_the_old_add_card_order_warns_and_adds_the_same_card(
    old: tuple[tuple[str, ...], dict[str, object]], new: tuple[tuple[str, ...], dict[str, object]]
) -> None:
    before, after = _map(), _map()
    with pytest.warns(DeprecationWarning, match=r"add_card\(text, lane=\.\.\., step=\.\.\.\)"):
        old_id = before.add_card(*old[0], **old[1])  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the new order never warns
        new_id = after.add_card(*new[0], **new[1])  # type: ignore[arg-type]
    assert old_id == new_id
    assert before.equals(after)
    assert before.cards.loc[old_id, "lane_id"] == "lane_1"


def test_the_warning_points_at_the_callers_line() -> None:
    with pytest.warns(DeprecationWarning, match="add_card") as caught:
        _map().add_card("Pain points", "Pays", "Declined")
    assert caught[0].filename == __file__


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("Declined", "Pays"), {"lane": "Pain points"}, "takes the text alone positionally"),
        (("Declined",), {"lane": "Pain points", "text": "again"}, "got the text twice"),
        (("Pain points", "Pays", "Declined"), {"text": "again"}, "got the text twice"),
        (("Pain points", "Pays"), {"step": "Pays"}, "got the step twice"),
        ((), {}, "needs the lane"),
    ],
)
def test_add_card_refuses_calls_it_would_have_to_guess(
    args: tuple[str, ...], kwargs: dict[str, str], message: str
) -> None:
    journey = _map()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with pytest.raises(TypeError, match=message):
            journey.add_card(*args, **kwargs)
    assert len(journey.cards) == 0


def test_add_segment_takes_the_source_codes_and_participant_by_name() -> None:
    by_name, by_id = jw.Journey("Study"), jw.Journey("Study")
    for journey in (by_name, by_id):
        journey.add_participant("P1")
        journey.add_source(
            "Interview 1", "I paid twice. The card machine failed.", participant="P1"
        )
        journey.add_code("Card declined")
    by_name.add_segment(
        source="Interview 1", start=14, end=38, codes="Card declined", participant="P1"
    )
    by_id.add_segment(
        source="source_1", start=14, end=38, codes=["code_1"], participant="participant_1"
    )
    assert by_name.equals(by_id)
    assert by_name.segments.loc["segment_1", "text"] == "The card machine failed."


def test_the_example_datasets_are_reachable_from_the_package_alone() -> None:
    # A fresh interpreter: in this one another test may have imported datasets already.
    code = "import journeywidgets as jw; print(jw.datasets.bike_shop().meta['title'])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True
    )
    assert result.stdout.strip() == "Buying a city bike"
