"""REFI-QDA export (valid, stable, round-tripping) and the other formats carrying the
research tables losslessly."""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

import pytest
import xmlschema

import journeywidgets as jw
from journeywidgets.datasets import research_study

from .invariants import assert_invariants
from .qda_fixtures import CODEBOOK_XSD, NVIVO12, PROJECT_XSD, QC, needs_fixtures

RESEARCH = ("participants", "participant_attributes", "sources", "codes", "segments",
            "segment_codes")  # fmt: skip


def _read(path: Path) -> jw.Journey:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jw.ResearchImportWarning)
        return jw.read_qdpx(path)


def _qde(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde")


@needs_fixtures
def test_the_export_validates_against_the_official_schemas(tmp_path: Path) -> None:
    journey = research_study()
    journey.add_evidence("Typed from my notes 笔记", participant="P9", codes=["code_2"])
    jw.write_qdpx(journey, tmp_path / "study.qdpx")
    xmlschema.XMLSchema(PROJECT_XSD).validate(_qde(tmp_path / "study.qdpx"))
    jw.write_qdc(journey, tmp_path / "codes.qdc")
    xmlschema.XMLSchema(CODEBOOK_XSD).validate((tmp_path / "codes.qdc").read_bytes())
    imported = _read(NVIVO12)
    jw.write_qdpx(imported, tmp_path / "nvivo.qdpx")
    xmlschema.XMLSchema(PROJECT_XSD).validate(_qde(tmp_path / "nvivo.qdpx"))


def test_positions_are_code_points_of_the_written_text(tmp_path: Path) -> None:
    journey = research_study()
    jw.write_qdpx(journey, tmp_path / "study.qdpx")
    with zipfile.ZipFile(tmp_path / "study.qdpx") as archive:
        qde = archive.read("project.qde").decode("utf-8")
        texts = {
            n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".txt")
        }
    checked = 0
    for source in re.finditer(r'<TextSource [^>]*plainTextPath="internal://([^"]+)"[^>]*>(.*?)</TextSource>', qde, re.S):  # fmt: skip
        text = texts[f"sources/{source.group(1)}"]
        for a, b in re.findall(r'startPosition="(\d+)" endPosition="(\d+)"', source.group(2)):
            quote = text[int(a) : int(b)]
            assert quote in set(journey.segments["text"])
            checked += 1
    assert checked == len(journey.segments)
    assert any(ord(c) > 0xFFFF for c in "".join(texts.values()))  # emoji shift UTF-16 counts
    assert "\n" in "".join(texts.values())  # line feeds, as the model keeps line ends


def test_guids_are_stable_across_saves(tmp_path: Path) -> None:
    journey = research_study()
    first = _qde(jw_write(journey, tmp_path / "a.qdpx"))
    assert _qde(jw_write(journey, tmp_path / "b.qdpx")) == first
    assert _qde(jw_write(journey.copy(), tmp_path / "c.qdpx")) == first
    journey.add_code("New theme")
    journey.update("segments", "segment_3", memo="checked again")
    after = _qde(jw_write(journey, tmp_path / "d.qdpx"))
    guids = set(re.findall(rb'guid="([^"]+)"', first))
    assert guids <= set(re.findall(rb'guid="([^"]+)"', after))


def jw_write(journey: jw.Journey, path: Path) -> Path:
    jw.write_qdpx(journey, path)
    return path


@needs_fixtures
@pytest.mark.parametrize("fixture", [NVIVO12, QC], ids=["nvivo12", "qc"])
def test_reading_what_we_wrote_gives_the_same_research_tables(
    fixture: Path, tmp_path: Path
) -> None:
    journey = _read(fixture)
    jw.write_qdpx(journey, tmp_path / "again.qdpx")
    again = _read(tmp_path / "again.qdpx")
    for name in RESEARCH:
        assert getattr(again, name).equals(getattr(journey, name)), name


def test_a_study_round_trips_except_what_refi_has_no_place_for(tmp_path: Path) -> None:
    journey = research_study()
    report = jw.write_qdpx(journey, tmp_path / "study.qdpx")
    not_carried = "\n".join(report.not_carried)
    assert "segment emotions" in not_carried and "participant personas" in not_carried
    again = _read(tmp_path / "study.qdpx")
    dropped = {"participants": ["persona_id", "origin"], "segments": ["emotion", "origin"],
               "sources": ["origin"], "codes": ["origin"]}  # fmt: skip
    for name in RESEARCH:
        mine = getattr(journey, name).drop(columns=dropped.get(name, []))
        theirs = getattr(again, name).drop(columns=dropped.get(name, []))
        assert theirs.equals(mine), name
    # The origins are the GUIDs written, so a second round trip is exact.
    jw.write_qdpx(again, tmp_path / "twice.qdpx")
    assert _qde(tmp_path / "twice.qdpx") == _qde(tmp_path / "study.qdpx").replace(
        b'name="Buying a city bike: interview study"', b'name="study"'
    )


def test_typed_quotes_travel_as_spans_of_a_generated_text(tmp_path: Path) -> None:
    journey = jw.Journey("Notes")
    code = journey.add_code("Queue")
    journey.add_evidence("The queue was long 😩", participant="P1", codes=[code])
    journey.add_evidence("Staff were kind", participant="P1")
    report = jw.write_qdpx(journey, tmp_path / "notes.qdpx")
    assert "2 quotes typed without a span" in "\n".join(report.not_carried)
    again = _read(tmp_path / "notes.qdpx")
    assert again.segments["text"].tolist() == ["The queue was long 😩", "Staff were kind"]
    assert again.segments["start"].tolist() == [0, 22]  # 20 code points + a blank line
    assert again.codes["name"].tolist() == ["Queue"] and len(again.segment_codes) == 1
    assert again.participants["label"].tolist() == ["P1"]
    assert again.segments["participant_id"].tolist() == [again.participants.index[0]] * 2


@pytest.mark.parametrize("form", ["json", "excel", "csv"])
def test_journey_formats_carry_the_research_tables(form: str, tmp_path: Path) -> None:
    journey = research_study()
    journey.apply(jw.model.Insert("code_mappings", {"code_id": "code_2", "step_id": "step_1"}))
    journey.apply(jw.model.Insert("code_mappings", {"code_id": "code_16", "emotion": -2.0}))
    journey.set_emotion("step_4", -1.5, n=4, median=-2.0, sd=0.5, ci_low=-2.0, ci_high=-1.0)
    journey.add_evidence("Hand typed", links="step_2", participant="P1 Aisyah")
    if form == "json":
        loaded = jw.load(journey.save(tmp_path / "s.journey.json"))
    elif form == "excel":
        loaded = jw.read_excel(journey.to_excel(tmp_path / "s.xlsx"))
    else:
        loaded = jw.read_csv(journey.to_csv(tmp_path / "s"))
    assert loaded.equals(journey)
    for name in (*RESEARCH, "code_mappings", "evidence_links"):
        assert len(getattr(loaded, name)) == len(getattr(journey, name)) > 0, name
    assert_invariants(loaded)
