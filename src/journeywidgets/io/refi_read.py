"""Reading REFI-QDA project exchange (``.qdpx``, ``.qde``) and codebooks (``.qdc``).

Spec 1.5 / schema 1.0 (2019). The XML is parsed by defusedxml: entity declarations and
external references are refused, so a hostile file (an entity bomb) stops at once. What
the journey carries: users (as coder names), the code tree, cases as participants with
their variables as attributes, text sources with their plain text, plain-text selections
with their codings, descriptions and notes as memos. Everything else is listed in the
:class:`ImportReport` (§7: tell the user what was discarded).

Real files differ from the spec, and the reader copes: the project file may be
``project.qde`` or ``<Name>.qde``, the folder ``sources/`` or ``Sources/``, a source path
``internal://x.txt`` or ``x.txt``; positions are checked against the text in every
candidate unit (:mod:`.offsets`); NVivo's one selection per (span, code) is merged into
one segment with several codes.
"""

from __future__ import annotations

import contextlib
import os
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from xml.etree.ElementTree import Element, ParseError, XMLParser

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from tqdm.auto import tqdm

from ..model import FileFormatError, Journey
from .offsets import UNIT_NAMES, OffsetTable, Span, Unit, detect_unit
from .research_batch import ImportReport, ResearchBatch

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
Misfits = Literal["refuse", "report"]
PROGRESS_FROM = 10_000
"""Selections from which reading shows a progress bar."""
_OTHER_SOURCES = {
    "PictureSource": ("picture", "PictureSelection"),
    "PDFSource": ("pdf", "PDFSelection"),
    "AudioSource": ("audio", "AudioSelection"),
    "VideoSource": ("video", "VideoSelection"),
}
_SHORT_COLOR = re.compile(r"#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, path: str) -> Iterator[tuple[str, str, Element]]:
    """(local name, XML path, child) for each child, paths numbered per name from 1."""
    seen: Counter[str] = Counter()
    for child in element:
        tag: object = child.tag
        if not isinstance(tag, str):
            continue  # comments, processing instructions
        name = _local(tag)
        seen[name] += 1
        yield name, f"{path}/{name}[{seen[name]}]", child


def _child(element: Element, name: str) -> Element | None:
    return next((c for c in element if isinstance(c.tag, str) and _local(c.tag) == name), None)


def _text_of(element: Element, name: str) -> str | None:
    found = _child(element, name)
    if found is None or found.text is None or not found.text.strip():
        return None
    return found.text


def parse_xml(data: bytes, source: str) -> Element:
    """Parse XML with entities and external references refused; errors name the place."""
    try:
        if not _declares_anything(data):
            # Without a document type declaration no entity can be declared, so the C
            # parser is safe and several times faster than defusedxml's Python driver.
            parser = XMLParser()
            parser.feed(data)
            return parser.close()
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as problem:
        raise FileFormatError(
            f"refused: the XML declares entities or external references ({type(problem).__name__})",
            path=source,
        ) from None
    except ParseError as problem:
        line, column = problem.position
        raise FileFormatError(
            f"not well-formed XML: {problem.msg if hasattr(problem, 'msg') else problem}",
            path=source,
            line=line,
            column=column + 1,
        ) from None


_PROLOG_END = re.compile(rb"<(?![?!])")


def _declares_anything(data: bytes) -> bool:
    """Whether the prolog (before the root element) holds a ``<!DOCTYPE`` (in any encoding
    we can see: UTF-16 files are left to defusedxml)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:100]:
        return True
    found = _PROLOG_END.search(data)
    prolog = data[: found.start()] if found else data
    return b"<!" in prolog.replace(b"<!--", b"")


@dataclass
class _Selection:
    guid: str
    path: str
    start: int
    end: int
    codes: list[str]
    memo: list[str]
    coder: str | None
    created: str | None


@dataclass
class _Reader:
    batch: ResearchBatch
    report: ImportReport
    source: str
    members: dict[str, str] = field(default_factory=dict)  # lower-case name -> zip name
    archive: zipfile.ZipFile | None = None
    users: dict[str, str] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)  # guid -> code id
    variables: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    participant_of: dict[str, str] = field(default_factory=dict)  # source guid -> id
    misfits: Misfits = "refuse"
    units: Unit | None = None

    def fail(self, reason: str, pointer: str) -> FileFormatError:
        return FileFormatError(reason, path=self.source, pointer=pointer)

    def attribute(self, element: Element, name: str, path: str) -> str:
        value = element.get(name)
        if value is None:
            raise self.fail(f"the required attribute {name!r} is missing", f"{path}/@{name}")
        return value

    def integer(self, element: Element, name: str, path: str) -> int:
        value = self.attribute(element, name, path)
        try:
            return int(value)
        except ValueError:
            raise self.fail(
                f"{name} must be a whole number, not {value!r}", f"{path}/@{name}"
            ) from None

    # -- code book ----------------------------------------------------------------------

    def read_codes(self, codes: Element, path: str, parent: str | None) -> None:
        for name, child_path, code in _children(codes, path):
            if name != "Code":
                continue
            guid = self.attribute(code, "guid", child_path)
            label = self.attribute(code, "name", child_path)
            color = code.get("color")
            if color and _SHORT_COLOR.fullmatch(color):
                color = "#" + "".join(c * 2 for c in color[1:])
            if guid in self.codes:
                raise self.fail(f"the code GUID {guid} is used twice", f"{child_path}/@guid")
            row = {
                "parent_id": parent,
                "name": label if label.strip() else guid,
                "color": color.lower() if color else None,
                "description": _text_of(code, "Description"),
                "origin": guid,
            }
            self.codes[guid] = self.batch.insert("codes", row)
            self.read_codes(code, child_path, self.codes[guid])

    def code_ref(self, ref: Element, path: str) -> str:
        target = self.attribute(ref, "targetGUID", path)
        if target not in self.codes:
            raise self.fail(f"no code has the GUID {target}", f"{path}/@targetGUID")
        return self.codes[target]

    # -- cases, variables, notes --------------------------------------------------------

    def read_variables(self, element: Element, path: str) -> None:
        for name, child_path, variable in _children(element, path):
            if name == "Variable":
                guid = self.attribute(variable, "guid", child_path)
                self.variables[guid] = self.attribute(variable, "name", child_path)

    def variable_value(self, element: Element, path: str) -> tuple[str, str | None]:
        ref = _child(element, "VariableRef")
        if ref is None:
            raise self.fail("a VariableValue needs a VariableRef", path)
        target = self.attribute(ref, "targetGUID", f"{path}/VariableRef")
        if target not in self.variables:
            raise self.fail(f"no variable has the GUID {target}", f"{path}/VariableRef/@targetGUID")
        value = next(
            (c.text for c in element if isinstance(c.tag, str) and _local(c.tag).endswith("Value")
             and _local(c.tag) != "VariableRef" and c.text is not None),
            None,
        )  # fmt: skip
        return self.variables[target], value

    def read_cases(self, element: Element, path: str) -> None:
        ignored: Counter[str] = Counter()
        for name, case_path, case in _children(element, path):
            if name != "Case":
                continue
            guid = self.attribute(case, "guid", case_path)
            participant = self.batch.insert(
                "participants",
                {"label": case.get("name") or guid, "description": _text_of(case, "Description"),
                 "origin": guid},
            )  # fmt: skip
            for child_name, child_path, child in _children(case, case_path):
                if child_name == "VariableValue":
                    variable, value = self.variable_value(child, child_path)
                    self.batch.insert(
                        "participant_attributes",
                        {"participant_id": participant, "name": variable, "value": value},
                    )
                elif child_name == "SourceRef":
                    target = self.attribute(child, "targetGUID", child_path)
                    if target in self.participant_of:
                        ignored[
                            "source references to a second case (a source has one participant)"
                        ] += 1
                    else:
                        self.participant_of[target] = participant
                elif child_name != "Description":
                    ignored[f"{child_name} elements of cases"] += 1
        for what, count in ignored.items():
            self.report.discard(f"{count} {what}")

    def read_notes(self, element: Element, path: str) -> None:
        for name, note_path, note in _children(element, path):
            if name == "Note":
                guid = self.attribute(note, "guid", note_path)
                text = _text_of(note, "PlainTextContent")
                if text is None and note.get("plainTextPath"):
                    text = self.member_text(note.get("plainTextPath", ""), note_path)
                self.notes[guid] = text or note.get("name") or ""

    # -- sources ------------------------------------------------------------------------

    def member_text(self, reference: str, path: str) -> str | None:
        """The text of an internal source file, or None for an external one."""
        if reference.startswith(("relative://", "absolute://")):
            return None
        name = reference.removeprefix("internal://").lstrip("/").lower()
        member = self.members.get(f"sources/{name}") or self.members.get(name)
        if member is None or self.archive is None:
            self.report.discard(f"the text of {path} ({reference}): the archive does not hold it")
            return None
        data = self.archive.read(member)
        try:
            # UTF-8 with or without a BOM; line ends kept as written (CRLF counts).
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as problem:
            raise FileFormatError(
                f"the source file is not UTF-8 (byte {problem.start})",
                path=f"{self.source}!{member}",
            ) from None

    def read_sources(self, element: Element, path: str) -> None:
        ignored: Counter[str] = Counter()
        total = sum(1 for _ in element.iter(f"{{{PROJECT_NS}}}PlainTextSelection"))
        progress = tqdm(total=total, desc="Reading selections", unit="sel",
                        disable=total < PROGRESS_FROM, leave=False)  # fmt: skip
        for name, source_path, source in _children(element, path):
            if name == "TextSource":
                self.read_text_source(source, source_path, ignored)
                progress.update(
                    sum(1 for c in source if _local(str(c.tag)) == "PlainTextSelection")
                )
            elif name in _OTHER_SOURCES:
                kind, selection = _OTHER_SOURCES[name]
                guid = self.attribute(source, "guid", source_path)
                self.batch.insert(
                    "sources",
                    {"participant_id": self.participant_of.get(guid), "kind": kind,
                     "name": source.get("name") or guid, "origin": guid},
                )  # fmt: skip
                for child_name, _, _ in _children(source, source_path):
                    if child_name in (selection, "Transcript", "Coding", "Representation",
                                      "TextDescription", "NoteRef", "VariableValue"):  # fmt: skip
                        ignored[f"{child_name} elements of {name}s"] += 1
        progress.close()
        for what, count in ignored.items():
            self.report.discard(f"{count} {what} (only plain-text selections are carried)")

    def read_text_source(self, source: Element, path: str, ignored: Counter[str]) -> None:
        guid = self.attribute(source, "guid", path)
        text = _text_of(source, "PlainTextContent")
        if text is None and source.get("plainTextPath"):
            text = self.member_text(source.get("plainTextPath", ""), path)
        reference = source.get("plainTextPath") or ""
        name = source.get("name") or reference.rsplit("/", 1)[-1] or guid
        participant = self.participant_of.get(guid)
        source_id = self.batch.insert(
            "sources",
            {"participant_id": participant, "kind": "text", "name": name, "text": text,
             "collected_at": source.get("creationDateTime"), "origin": guid},
        )  # fmt: skip
        selections: list[_Selection] = []
        for child_name, child_path, child in _children(source, path):
            if child_name == "PlainTextSelection":
                selections.append(self.selection(child, child_path))
            elif child_name in ("Coding", "VariableValue", "NoteRef"):
                ignored[f"{child_name} elements of whole text sources"] += 1
        if not selections:
            return
        if text is None:
            self.report.discard(
                f"{len(selections)} selections of {name!r}, whose text is not in the file"
            )
            return
        self.place(selections, text, name, source_id, participant)

    def selection(self, element: Element, path: str) -> _Selection:
        codes, memo = [], []
        coders: list[str | None] = []
        description = _text_of(element, "Description")
        if description:
            memo.append(description)
        for name, child_path, child in _children(element, path):
            if name == "Coding":
                coders.append(child.get("creatingUser"))
                ref = _child(child, "CodeRef")
                if ref is None:
                    raise self.fail("a Coding needs a CodeRef", child_path)
                codes.append(self.code_ref(ref, f"{child_path}/CodeRef"))
            elif name == "NoteRef":
                target = self.attribute(child, "targetGUID", child_path)
                if self.notes.get(target):
                    memo.append(self.notes[target])
        creator = element.get("creatingUser") or next((c for c in coders if c), None)
        return _Selection(
            guid=self.attribute(element, "guid", path),
            path=path,
            start=self.integer(element, "startPosition", path),
            end=self.integer(element, "endPosition", path),
            codes=codes,
            memo=memo,
            coder=self.users.get(creator, creator) if creator else None,
            created=element.get("creationDateTime"),
        )

    def place(
        self, selections: list[_Selection], text: str, name: str, source_id: str,
        participant: str | None,
    ) -> None:  # fmt: skip
        table = OffsetTable(text)
        spans = [Span(s.start, s.end) for s in selections]
        units = (self.units,) if self.units else None
        found = detect_unit(table, spans, **({"units": units} if units else {}))
        self.report.units[name] = UNIT_NAMES[found.unit] + (
            " (every unit gives the same positions here)" if found.agree else ""
        )
        if found.misfits:
            first = selections[found.misfits[0]]
            if self.misfits == "refuse":
                raise self.fail(
                    f"{len(found.misfits)} selections of {name!r} fit no position unit of its "
                    f"text ({table.length('codepoint')} code points); the first is "
                    f"{first.start}–{first.end}. Pass misfits='report' to import the others",
                    first.path,
                )
            for n in found.misfits:
                s = selections[n]
                self.report.unplaced.append(f"{s.path} ({s.guid}): {s.start}–{s.end} in {name!r}")
        merged: dict[tuple[int, int], str] = {}
        codes_of: defaultdict[str, list[str]] = defaultdict(list)
        for n, selection in enumerate(selections):
            start, end = int(found.starts[n]), int(found.ends[n])
            if start < 0:
                continue
            key = (start, end)
            if key in merged:
                self.report.merged += 1
                segment = merged[key]
            else:
                quote = text[start:end]
                if not quote.strip():
                    self.report.discard(f"the empty selection {selection.path} ({selection.guid})")
                    continue
                segment = merged[key] = self.batch.insert(
                    "segments",
                    {"source_id": source_id, "participant_id": participant, "start": start,
                     "end": end, "text": quote, "coder": selection.coder,
                     "memo": "\n\n".join(selection.memo) or None,
                     "collected_at": selection.created, "origin": selection.guid},
                )  # fmt: skip
            codes_of[segment] += [c for c in selection.codes if c not in codes_of[segment]]
        # Codings go in segment order (not file order), so that a file written from the
        # journey reads back with its codings in the same order.
        for segment, codes in codes_of.items():
            for code in codes:
                self.batch.insert("segment_codes", {"segment_id": segment, "code_id": code})


def _open_project(path: Path) -> tuple[bytes, str, zipfile.ZipFile | None, dict[str, str]]:
    source = os.fspath(path)
    if path.suffix.lower() == ".qde":
        return path.read_bytes(), source, None, {}
    try:
        archive = zipfile.ZipFile(path)
        members = {info.filename.lower(): info.filename for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError) as problem:
        raise FileFormatError(f"not a .qdpx archive (a zip file): {problem}", path=source) from None
    projects = sorted(n for n in members if n.endswith(".qde") and "/" not in n)
    if not projects:
        raise FileFormatError("the archive holds no .qde project file", path=source)
    chosen = "project.qde" if "project.qde" in projects else projects[0]
    try:
        data = archive.read(members[chosen])
    except (zipfile.BadZipFile, OSError) as problem:
        raise FileFormatError(f"the archive is damaged: {problem}", path=source) from None
    return data, f"{source}!{members[chosen]}", archive, members


def import_qdpx(
    journey: Journey, path: str | os.PathLike[str], *, misfits: Misfits = "refuse",
    unit: Unit | None = None,
) -> ImportReport:  # fmt: skip
    """Import a REFI-QDA project (``.qdpx`` or a bare ``.qde``) into ``journey`` as one change.

    ``misfits``: a selection whose positions fit no unit of its text refuses the file
    (``"refuse"``, default), or is skipped and listed in the report (``"report"``).
    ``unit`` forces a position unit instead of detecting it per source.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import bike_shop, research_study
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "study.qdpx"
    >>> _ = jw.write_qdpx(research_study(), path)
    >>> journey = bike_shop()  # a map of your own: the study's material joins it
    >>> report = jw.import_qdpx(journey, path)
    >>> report.format, report.imported["segments"], len(journey.steps)
    ('REFI-QDA project', 30, 8)
    """
    data, source, archive, members = _open_project(Path(path))
    report = ImportReport(os.fspath(path), "REFI-QDA project")
    reader = _Reader(ResearchBatch(journey), report, source, members, archive,
                     misfits=misfits, units=unit)  # fmt: skip
    root = parse_xml(data, source)
    if _local(root.tag) != "Project" or not root.tag.startswith(("{" + PROJECT_NS, "Project")):
        raise FileFormatError(
            f"not a REFI-QDA project (root element {root.tag!r})", path=source, pointer="/"
        )
    with archive if archive is not None else contextlib.nullcontext():
        _read_project(reader, root)
    reader.batch.apply(report, origin="import")
    return report


def _read_project(reader: _Reader, root: Element) -> None:
    parts = {name: (p, e) for name, p, e in _children(root, "/Project")}
    if "Users" in parts:
        for name, user_path, user in _children(parts["Users"][1], parts["Users"][0]):
            if name == "User":
                guid = reader.attribute(user, "guid", user_path)
                reader.users[guid] = user.get("name") or user.get("id") or guid
    if "CodeBook" in parts:
        book_path, book = parts["CodeBook"]
        codes = _child(book, "Codes")
        if codes is not None:
            reader.read_codes(codes, f"{book_path}/Codes", None)
    if "Variables" in parts:
        reader.read_variables(parts["Variables"][1], parts["Variables"][0])
    if "Cases" in parts:
        reader.read_cases(parts["Cases"][1], parts["Cases"][0])
    if "Notes" in parts:
        reader.read_notes(parts["Notes"][1], parts["Notes"][0])
    if "Sources" in parts:
        reader.read_sources(parts["Sources"][1], parts["Sources"][0])
    counts = Counter(_local(e.tag) for e in root if isinstance(e.tag, str))
    for name, what in (("Links", "Link"), ("Sets", "Set"), ("Graphs", "Graph")):
        if name in parts:
            n = sum(1 for c in parts[name][1] if isinstance(c.tag, str) and _local(c.tag) == what)
            if n:
                reader.report.discard(f"{n} {what} elements ({name})")
    if "Notes" in parts and reader.notes:
        reader.report.discard(
            f"{len(reader.notes)} notes as notes (their text is kept only as the memo of "
            "the selections that refer to them)"
        )
    if counts.get("NoteRef"):
        reader.report.discard(f"{counts['NoteRef']} notes on the project as a whole")
    if parts.get("Description") and (parts["Description"][1].text or "").strip():
        reader.report.discard("the project's description")


def import_qdc(journey: Journey, path: str | os.PathLike[str]) -> ImportReport:
    """Import a REFI-QDA codebook (``.qdc``) into ``journey`` as one change.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import research_study
    >>> path = jw.write_qdc(research_study(), pathlib.Path(tempfile.mkdtemp()) / "codes.qdc")
    >>> journey = jw.Journey("Coding frame")
    >>> jw.import_qdc(journey, path).imported["codes"]
    18
    """
    source = os.fspath(path)
    report = ImportReport(source, "REFI-QDA codebook")
    reader = _Reader(ResearchBatch(journey), report, source)
    root = parse_xml(Path(path).read_bytes(), source)
    if _local(root.tag) != "CodeBook":
        raise FileFormatError(
            f"not a REFI-QDA codebook (root element {root.tag!r})", path=source, pointer="/"
        )
    codes = _child(root, "Codes")
    if codes is None:
        raise FileFormatError("a codebook needs a Codes element", path=source, pointer="/CodeBook")
    reader.read_codes(codes, "/CodeBook/Codes[1]", None)
    sets = _child(root, "Sets")
    if sets is not None and len(sets):
        report.discard(f"{len(sets)} Set elements (code sets)")
    reader.batch.apply(report, origin="import")
    return report
