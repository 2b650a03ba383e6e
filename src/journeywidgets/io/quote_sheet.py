"""Reading a quote sheet: the spreadsheet of quotes most researchers actually keep.

One row per quote. Columns are found by name, case and spaces aside: ``participant``
(or respondent, interviewee, speaker), ``quote`` (or text, verbatim, excerpt), and
optionally ``step``, ``stage``, ``code``/``codes``/``tags``/``themes`` (several separated
by ``;``), ``emotion`` (or score, rating; on the map's scale), ``source`` (or interview,
session), ``date``, ``kind``, ``coder``, ``memo``. Any other column is an attribute of
the row's participant (age, city, plan …). Steps and stages are found in the journey by
id or name and created when missing; a quote with a step or stage is linked to it.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..model import FileFormatError, Journey, ValidationError
from .research_batch import ImportReport, ResearchBatch

SYNONYMS: dict[str, tuple[str, ...]] = {
    "participant": ("participant", "participant id", "respondent", "interviewee", "speaker", "who"),
    "quote": ("quote", "text", "verbatim", "excerpt", "quotation"),
    "step": ("step", "touchpoint"),
    "stage": ("stage", "phase"),
    "codes": ("codes", "code", "tags", "tag", "themes", "theme"),
    "emotion": ("emotion", "score", "rating"),
    "source": ("source", "interview", "session", "document"),
    "collected_at": ("date", "collected at", "when"),
    "kind": ("kind", "type"),
    "coder": ("coder", "coded by"),
    "memo": ("memo", "note", "notes", "comment"),
}
_SPLIT = re.compile(r"\s*;\s*")


def _normal(name: object) -> str:
    return " ".join(str(name).replace("_", " ").split()).lower()


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def _read_frame(source: object) -> tuple[pd.DataFrame, str, int]:
    """The sheet as text cells, its name, and the number of the first data row."""
    if isinstance(source, pd.DataFrame):
        return source, "a DataFrame", 0
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"a quote sheet is a DataFrame or a path, not {type(source).__name__}")
    path = Path(source)
    name = os.fspath(path)
    if not path.is_file():
        raise FileFormatError("no such file", path=name)
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=object)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError, OSError) as problem:
        raise FileFormatError(f"cannot read the sheet: {problem}", path=name) from None
    return frame, name, 2


def import_quotes(
    journey: Journey, source: object, *, columns: Mapping[str, str] | None = None
) -> ImportReport:
    """Import a quote sheet (DataFrame, CSV or Excel path) into ``journey`` as one change.

    ``columns`` maps our names (participant, quote, step …) to the sheet's own headers
    when they are not found by name.

    Examples
    --------
    >>> import pandas as pd
    >>> import journeywidgets as jw
    >>> journey = jw.Journey("Bike shop")
    >>> journey.add_step("Pays", journey.add_stage("Buy"))
    'step_1'
    >>> sheet = pd.DataFrame({"Who": ["P1"], "Said": ["Paid twice"], "step": ["Pays"]})
    >>> report = jw.import_quotes(journey, sheet, columns={"participant": "Who", "quote": "Said"})
    >>> journey.evidence_links[["segment_id", "target_id"]].values.tolist()
    [['segment_1', 'step_1']]
    """
    frame, name, first = _read_frame(source)
    headers = {_normal(c): c for c in frame.columns}
    found: dict[str, Any] = {}
    for ours, names in SYNONYMS.items():
        given = (columns or {}).get(ours)
        if given is not None:
            if given not in frame.columns:
                raise FileFormatError(f"no column {given!r} for {ours}", path=name, line=1)
            found[ours] = given
            continue
        match = next((headers[n] for n in names if n in headers), None)
        if match is not None:
            found[ours] = match
    if "quote" not in found:
        raise FileFormatError(
            "a quote sheet needs a quote column (quote, text or verbatim); the columns are: "
            + ", ".join(map(str, frame.columns)),
            path=name, line=1,
        )  # fmt: skip
    extra = [c for c in frame.columns if c not in found.values()]
    report = ImportReport(name, "quote sheet")
    batch = ResearchBatch(journey)
    participants: dict[str, str] = {
        str(label): str(i) for i, label in journey.participants["label"].items()
    }
    attributes: dict[tuple[str, str], object] = {}
    sources: dict[tuple[str, str | None], str] = {}
    codes = {str(n): str(i) for i, n in journey.codes["name"].items()}
    stages = {str(n): str(i) for i, n in journey.stages["name"].items()}
    steps = {(str(s) if pd.notna(s) else None, str(n)): str(i)
             for i, (s, n) in journey.steps[["stage_id", "name"]].iterrows()}  # fmt: skip
    where_of: dict[str, int] = {}

    def fail(reason: str, number: int, column: object) -> FileFormatError:
        if first == 0:
            return FileFormatError(reason, path=name, pointer=f"row {number}, column {column!r}")
        place = [str(c) for c in frame.columns].index(str(column)) + 1
        return FileFormatError(reason, path=name, line=number, column=place)

    for position, (_, values) in enumerate(frame.iterrows()):
        number = position + first
        row = {ours: _cell(values[col]) for ours, col in found.items()}
        quote = row["quote"]
        if quote is None:
            if any(_cell(v) is not None for v in values):
                raise fail("the quote is empty", number, found["quote"])
            continue
        participant = None
        label = row.get("participant")
        if label is not None:
            label = str(label).strip()
            if label in journey.participants.index:
                participant = label
            elif label not in participants:
                participants[label] = batch.insert("participants", {"label": label})
            participant = participant or participants[label]
            for column in extra:
                value = _cell(values[column])
                if value is None:
                    continue
                key = (participant, str(column))
                if key not in attributes:
                    attributes[key] = value
                    batch.insert("participant_attributes", {"participant_id": participant,
                                 "name": str(column), "value": str(value)})  # fmt: skip
                elif str(attributes[key]) != str(value):
                    report.discard(
                        f"{column} = {value!r} for {label!r} on row {number} "
                        f"(kept {attributes[key]!r})"
                    )
        source_id = None
        if row.get("source") is not None:
            key2 = (str(row["source"]), participant)
            if key2 not in sources:
                notes = {"name": key2[0], "kind": "notes", "participant_id": participant}
                sources[key2] = batch.insert("sources", notes)
            source_id = sources[key2]
        emotion = row.get("emotion")
        if emotion is not None:
            try:
                emotion = float(emotion)
            except (TypeError, ValueError):
                raise fail(
                    f"the emotion {emotion!r} is not a number", number, found["emotion"]
                ) from None
        segment = batch.insert(
            "segments",
            {"source_id": source_id, "participant_id": participant, "text": str(quote),
             "kind": row.get("kind") or "quote", "emotion": emotion, "coder": row.get("coder"),
             "memo": row.get("memo"), "collected_at": row.get("collected_at")},
        )  # fmt: skip
        where_of[segment] = number
        for code in _SPLIT.split(str(row["codes"])) if row.get("codes") is not None else []:
            if code:
                if code not in codes:
                    codes[code] = batch.insert("codes", {"name": code})
                batch.insert("segment_codes", {"segment_id": segment, "code_id": codes[code]})
        stage = None
        if row.get("stage") is not None:
            stage_name = str(row["stage"])
            stage = stage_name if stage_name in journey.stages.index else stages.get(stage_name)
            if stage is None:
                stage = stages[stage_name] = batch.insert("stages", {"name": stage_name})
                report.notes.append(f"created the stage {stage_name!r}, named on row {number}")
        target: tuple[str, str] | None = ("stages", stage) if stage else None
        if row.get("step") is not None:
            step_name = str(row["step"])
            step = step_name if step_name in journey.steps.index else steps.get((stage, step_name))
            if step is None and stage is None:
                step = next((i for (_, n), i in steps.items() if n == step_name), None)
            if step is None:
                step = steps[(stage, step_name)] = batch.insert(
                    "steps", {"name": step_name, "stage_id": stage}
                )
                report.notes.append(f"created the step {step_name!r}, named on row {number}")
            target = ("steps", step)
        if target is not None:
            batch.insert("evidence_links", {"segment_id": segment, "target_table": target[0],
                                            "target_id": target[1]})  # fmt: skip
    if extra:
        report.notes.append("participant attributes from the columns " + ", ".join(map(str, extra)))

    def locate(problem: ValidationError) -> FileFormatError | None:
        number = where_of.get(problem.row or "")
        if number is None:
            return None
        column = {"emotion": "emotion", "text": "quote", "kind": "kind"}.get(problem.column or "")
        return fail(problem.reason, number, found.get(column or "", found["quote"]))

    batch.apply(report, origin="import", locate=locate)
    return report
