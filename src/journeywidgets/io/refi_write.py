"""Writing REFI-QDA project exchange (``.qdpx``) and codebooks (``.qdc``).

The files validate against the official schemas (Project.xsd, Codebook.xsd of 2019; the
tests check every file written). Positions are Unicode code points, as the spec says; the
plain text of every text source is written as ``sources/<guid>.txt`` in UTF-8. GUIDs are
stable across saves of the same journey: a row imported from a QDA tool keeps the GUID it
came with (its ``origin``), any other row gets one derived from its id (uuid5), so a
researcher who re-exports sees the same elements, not copies.

What REFI-QDA has no place for is listed in the :class:`ExportReport` (§7): the map
itself, code mappings, manual evidence links, segment kinds and emotions. Quotes typed by
hand (segments without a span) are written into a generated text source per source or
participant, so that they travel with their codes.
"""

from __future__ import annotations

import os
import re
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

import pandas as pd

from ..__about__ import __version__
from ..model import Journey
from ..model.values import to_python
from .atomic import atomic_write_with
from .refi_read import CODEBOOK_NS, PROJECT_NS

NAMESPACE = uuid.UUID("6f1d3c2a-8e57-5b1a-9c4e-6a6f75726e65")
"""The uuid5 namespace of GUIDs derived from journey ids (fixed: GUIDs must not change)."""
_GUID = re.compile(
    r"\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?"
)
_KIND_ELEMENT = {"audio": "AudioSource", "video": "VideoSource", "pdf": "PDFSource",
                 "picture": "PictureSource"}  # fmt: skip
TYPED_QUOTES = "quotes typed in journeywidgets"


@dataclass
class ExportReport:
    """What a REFI-QDA export wrote and what it could not carry."""

    path: str
    written: dict[str, int] = field(default_factory=dict)
    not_carried: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        counts = ", ".join(f"{n} {what}" for what, n in self.written.items() if n)
        lines = [f"Wrote {self.path}: {counts or 'nothing'}."]
        if self.not_carried:
            lines.append("Not carried (REFI-QDA has no place for them):")
            lines += [f"  - {line}" for line in self.not_carried]
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


class _Guids:
    """One GUID per exported row: its origin if that is a GUID not used yet, else derived."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, table: str, row_id: str, origin: object = None) -> str:
        if isinstance(origin, str) and _GUID.fullmatch(origin) and origin.lower() not in self.used:
            guid = origin.strip("{}")
        else:
            guid = str(uuid.uuid5(NAMESPACE, f"{table}/{row_id}"))
        self.used.add(guid.lower())
        return guid


def _time(value: object) -> str | None:
    found = to_python(value)
    if not isinstance(found, pd.Timestamp):
        return None
    moment = found.tz_convert("UTC")
    text = str(moment.strftime("%Y-%m-%dT%H:%M:%S"))
    if moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text + "Z"


def _rows(frame: pd.DataFrame) -> Iterable[tuple[str, dict[str, Any]]]:
    columns = list(frame.columns)
    for row_id, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        yield str(row_id), {c: to_python(v) for c, v in zip(columns, values, strict=True)}


def _code_tree(parent: Element, journey: Journey, guids: _Guids) -> dict[str, str]:
    """Write the code tree under ``parent``; returns code id -> GUID."""
    codes = dict(_rows(journey.codes))
    children: defaultdict[str | None, list[str]] = defaultdict(list)
    for code_id, row in codes.items():  # rows are in tree order; keep siblings by position
        children[row["parent_id"] if row["parent_id"] in codes else None].append(code_id)
    guid_of = {code_id: guids("codes", code_id, row["origin"]) for code_id, row in codes.items()}

    def write(under: Element, code_id: str) -> None:
        row = codes[code_id]
        attributes = {"guid": guid_of[code_id], "name": row["name"], "isCodable": "true"}
        if row["color"] and re.fullmatch(r"#[0-9a-fA-F]{6}", row["color"]):
            attributes["color"] = row["color"].upper()
        element = SubElement(under, "Code", attributes)
        if row["description"]:
            SubElement(element, "Description").text = row["description"]
        for child in sorted(children.get(code_id, []), key=lambda c: codes[c]["position"]):
            write(element, child)

    for top in sorted(children.get(None, []), key=lambda c: codes[c]["position"]):
        write(parent, top)
    return guid_of


def _project(journey: Journey, report: ExportReport) -> tuple[Element, dict[str, str]]:
    """The project XML and the source files (name in the archive -> text)."""
    guids = _Guids()
    root = Element("Project", {"xmlns": PROJECT_NS, "name": str(journey.title),
                               "origin": f"journeywidgets {__version__}"})  # fmt: skip
    segments = journey.segments
    coders = sorted({c for c in segments["coder"].dropna()})
    user_guid = {c: str(uuid.uuid5(NAMESPACE, f"users/{c}")) for c in coders}
    if coders:
        users = SubElement(root, "Users")
        for coder in coders:
            SubElement(users, "User", {"guid": user_guid[coder], "name": coder})
    code_guid: dict[str, str] = {}
    if len(journey.codes):
        codes = SubElement(SubElement(root, "CodeBook"), "Codes")
        code_guid = _code_tree(codes, journey, guids)

    participants = dict(_rows(journey.participants))
    participant_guid = {p: guids("participants", p, r["origin"]) for p, r in participants.items()}
    attributes = journey.participant_attributes
    names = list(dict.fromkeys(attributes["name"]))
    variable_guid = {n: str(uuid.uuid5(NAMESPACE, f"variables/{n}")) for n in names}
    if names:
        variables = SubElement(root, "Variables")
        for name in names:
            SubElement(variables, "Variable", {"guid": variable_guid[name], "name": name,
                                               "typeOfVariable": "Text"})  # fmt: skip

    # Sources: every segment with a span lands in its source; typed quotes are gathered
    # into a text per source (a notes source without text) or per participant.
    sources = dict(_rows(journey.sources))
    source_guid = {s: guids("sources", s, r["origin"]) for s, r in sources.items()}
    spans: defaultdict[str, list[tuple[int, int, str]]] = defaultdict(list)
    typed: defaultdict[str, list[str]] = defaultdict(list)
    texts: dict[str, str] = {s: r["text"] for s, r in sources.items() if r["text"] is not None}
    generated: dict[str, dict[str, Any]] = {}
    for segment_id, row in _rows(segments):
        source = row["source_id"]
        if source is not None and source in texts and row["start"] is not None:
            spans[source].append((row["start"], row["end"], segment_id))
            continue
        if source is not None and sources[source]["text"] is None:
            key = source
        else:
            key = f"typed/{row['participant_id'] or ''}"
            if key not in generated:
                label = (
                    participants[row["participant_id"]]["label"] if row["participant_id"] else None
                )
                generated[key] = {"name": f"{TYPED_QUOTES}" + (f" ({label})" if label else ""),
                                  "participant_id": row["participant_id"], "kind": "text",
                                  "origin": None, "collected_at": None}  # fmt: skip
                source_guid[key] = guids("sources", key)
        typed[key].append(segment_id)
    typed_count = sum(len(v) for v in typed.values())
    for key, members in typed.items():
        text, offset = [], 0
        for segment_id in members:
            quote = str(segments.at[segment_id, "text"])
            spans[key].append((offset, offset + len(quote), segment_id))
            text.append(quote)
            offset += len(quote) + 2
        texts[key] = "\n\n".join(text)
    if typed_count:
        report.not_carried.append(
            f"{typed_count} quotes typed without a span: written as spans of a generated "
            f"text (their source's, or “{TYPED_QUOTES}”), so they come back with a span"
        )

    cases_of: defaultdict[str, list[str]] = defaultdict(list)
    all_sources = {**sources, **generated}
    for source, row in all_sources.items():
        if row["participant_id"] in participants:
            cases_of[row["participant_id"]].append(source)
    if participants:
        cases = SubElement(root, "Cases")
        by_participant: defaultdict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for _, row in _rows(attributes):
            by_participant[row["participant_id"]].append((row["name"], row["value"]))
        for participant, row in participants.items():
            case = SubElement(cases, "Case", {"guid": participant_guid[participant],
                                              "name": row["label"]})  # fmt: skip
            if row["description"]:
                SubElement(case, "Description").text = row["description"]
            for name, value in by_participant.get(participant, []):
                element = SubElement(case, "VariableValue")
                SubElement(element, "VariableRef", {"targetGUID": variable_guid[name]})
                SubElement(element, "TextValue").text = value or ""
            for source in cases_of.get(participant, []):
                SubElement(case, "SourceRef", {"targetGUID": source_guid[source]})

    files: dict[str, str] = {}
    codes_of: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for coding_id, row in _rows(journey.segment_codes):
        codes_of[row["segment_id"]].append((coding_id, row["code_id"]))
    written = {"sources": 0, "selections": 0, "codings": 0}
    if all_sources:
        element_of = SubElement(root, "Sources")
        for source, row in all_sources.items():
            guid = source_guid[source]
            kind_element = _KIND_ELEMENT.get(row["kind"])
            attributes_ = {"guid": guid, "name": row["name"]}
            created = _time(row["collected_at"])
            if kind_element is not None and source not in texts:
                element = SubElement(element_of, kind_element, attributes_)
                if created:
                    element.set("creationDateTime", created)
                written["sources"] += 1
                continue
            element = SubElement(
                element_of, "TextSource", {**attributes_, "plainTextPath": f"internal://{guid}.txt"}
            )
            if created:
                element.set("creationDateTime", created)
            files[f"sources/{guid}.txt"] = texts.get(source, "")
            written["sources"] += 1
            for start, end, segment_id in spans.get(source, []):
                seg = segments.loc[segment_id]
                selection = SubElement(element, "PlainTextSelection", {
                    "guid": guids("segments", segment_id, to_python(seg["origin"])),
                    "name": _name(str(seg["text"])), "startPosition": str(start),
                    "endPosition": str(end)})  # fmt: skip
                coder = to_python(seg["coder"])
                if coder:
                    selection.set("creatingUser", user_guid[coder])
                when = _time(seg["collected_at"])
                if when:
                    selection.set("creationDateTime", when)
                if to_python(seg["memo"]):
                    SubElement(selection, "Description").text = str(seg["memo"])
                written["selections"] += 1
                for coding_id, code_id in codes_of.get(segment_id, []):
                    coding = SubElement(selection, "Coding",
                                        {"guid": guids("segment_codes", coding_id)})  # fmt: skip
                    if coder:
                        coding.set("creatingUser", user_guid[coder])
                    SubElement(coding, "CodeRef", {"targetGUID": code_guid[code_id]})
                    written["codings"] += 1
    report.written = {"codes": len(code_guid), "cases": len(participants), **written}
    _not_carried(journey, report)
    return root, files


def _name(text: str) -> str:
    """A selection's name: the start of its text, on one line (what tools list)."""
    line = " ".join(text.split())
    return line if len(line) <= 60 else line[:59] + "…"


def _not_carried(journey: Journey, report: ExportReport) -> None:
    segments = journey.segments
    participants = journey.participants
    described = int(
        participants["persona_id"].notna().sum() + participants["segment"].notna().sum()
    )
    for what, count in (
        ("code mappings (what codes mean on the map)", len(journey.code_mappings)),
        ("manual evidence links", len(journey.evidence_links)),
        ("segment emotions", int(segments["emotion"].notna().sum())),
        ("segment kinds other than quote", int((segments["kind"] != "quote").fillna(False).sum())),
        ("participant personas and segments", described),
        ("steps and cards of the map", len(journey.steps) + len(journey.cards)),
    ):
        if count:
            report.not_carried.append(f"{count} {what}")


def project_xml(journey: Journey) -> tuple[bytes, dict[str, str], ExportReport]:
    """The ``project.qde`` bytes, the source files and the report, without writing."""
    report = ExportReport("project.qde")
    root, files = _project(journey, report)
    data = tostring(root, encoding="utf-8", xml_declaration=True)
    return data, files, report


def write_qdpx(journey: Journey, path: str | os.PathLike[str]) -> ExportReport:
    """Write the journey's research tables as a REFI-QDA ``.qdpx`` (atomically).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import research_study
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "study.qdpx"
    >>> report = jw.write_qdpx(research_study(), path)
    >>> report.written["selections"], report.not_carried[0]
    (30, '13 segment emotions')
    """
    data, files, report = project_xml(journey)
    report.path = os.fspath(path)

    def write(temporary: str) -> None:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("project.qde", data)
            for name, text in files.items():
                archive.writestr(name, text.encode("utf-8"))

    atomic_write_with(Path(path), write)
    return report


def codebook_xml(journey: Journey) -> bytes:
    """The journey's code tree as REFI-QDA codebook XML."""
    root = Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": f"journeywidgets {__version__}"})
    codes = SubElement(root, "Codes")
    _code_tree(codes, journey, _Guids())
    return bytes(tostring(root, encoding="utf-8", xml_declaration=True))


def write_qdc(journey: Journey, path: str | os.PathLike[str]) -> Path:
    """Write the journey's code tree as a REFI-QDA ``.qdc`` codebook (atomically).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import research_study
    >>> path = jw.write_qdc(research_study(), pathlib.Path(tempfile.mkdtemp()) / "codes.qdc")
    >>> b"<CodeBook" in path.read_bytes()
    True
    """
    data = codebook_xml(journey)
    target = Path(path)

    def write(temporary: str) -> None:
        Path(temporary).write_bytes(data)

    atomic_write_with(target, write)
    return target
