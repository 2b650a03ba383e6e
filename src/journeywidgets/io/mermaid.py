"""Mermaid ``journey`` diagrams to journeys and back.

Reading (:func:`from_mermaid`): sections become stages (every ``section`` line a stage of
its own, so repeated names stay apart), tasks become steps (tasks before any section are
steps before any stage), actors become personas in Mermaid's order, and each
task's score becomes an emotion on the 1–5 scale (``likert5``) for each of its actors, or
the map's own curve when it names none. Entity codes (``#35;``, ``#quot;``) are decoded
as Mermaid decodes them. Scores Mermaid keeps but a 1–5 scale cannot hold (7, 2.5, ``abc``)
are kept as text in the emotion's ``label``, with no score, and reported as warnings.

Writing (:func:`to_mermaid`): what was read is written back: no title line for an
untitled map (the default title), a title read from the YAML front matter back there,
steps before any stage as tasks before any section. Scores are converted to 1–5 and
rounded; text is escaped with entity codes wherever Mermaid would otherwise read it
differently; everything Mermaid cannot carry is listed, and every change is reported.
Each export parses back in Mermaid to
the same sections, tasks, scores and actors (tests run the real Mermaid to prove it).
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import warnings
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from ..model import FileFormatError, Journey, ValidationError
from ..model.ops import Insert, Op
from ..model.scales import get_scale
from ..model.schema import META
from ..model.values import check_text
from .atomic import atomic_open
from .mermaid_syntax import (
    CLOSE,
    NAMED_OPEN,
    NUMERIC_OPEN,
    MermaidDiagram,
    MermaidTask,
    parse_diagram,
)
from .text_file import read_text

J = TypeVar("J", bound=Journey)
SCALE = "likert5"
NO_SECTION = "(no section)"  # the name of a section whose name is empty
_UNTITLED = META["title"].default
# Journeys whose title was read from a diagram's YAML front matter, to write it back there.
_FRONT_MATTER_TITLE: weakref.WeakSet[Journey] = weakref.WeakSet()
SUFFIXES = (".mmd", ".mermaid")
# How a score the 1–5 scale cannot hold is kept (in the emotion's label) when read.
_KEPT_SCORE = re.compile(r"mermaid score (NaN|-?Infinity|-?[0-9]+(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?)")


class MermaidWarning(UserWarning):
    """Something in a Mermaid diagram, or in a journey exported to one, needs attention."""


def decode(text: str) -> str:
    """Mermaid's ``decodeEntities`` and the browser's entity decoding, then trimmed."""
    text = text.replace(NUMERIC_OPEN, "&#").replace(NAMED_OPEN, "&").replace(CLOSE, ";")
    return html.unescape(text).strip()


# -- reading -----------------------------------------------------------------------------


def from_mermaid(text: str, *, into: type[J] = Journey, source: str | None = None) -> J:  # type: ignore[assignment]
    """A journey from Mermaid ``journey`` text. Syntax errors name the line and column."""
    diagram = parse_diagram(text, source=source)
    return _journey(diagram, into, source, text.replace("\r\n", "\n").replace("\r", "\n"))


def _located(
    problem: ValidationError, diagram: MermaidDiagram, text: str, source: str | None
) -> FileFormatError:
    """The model's refusal at its place in the text: the task's line, or where the
    character the model refuses is."""
    line: int | None = None
    column: int | None = None
    if problem.table == "steps" and problem.row:
        number = int(re.sub(r"\D", "", problem.row) or 0) - 1  # step_N is the Nth task
        if 0 <= number < len(diagram.tasks):
            line = diagram.tasks[number].line
    try:
        check_text(text)
    except ValidationError:
        offset = next(i for i, c in enumerate(text) if _refused(c))
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    where = f"{problem.table} {problem.column or ''}".strip() if problem.table else ""
    reason = f"{where}: {problem.reason}" if where else problem.reason
    return FileFormatError(reason, path=source, line=line or 1, column=column or 1)


def _refused(char: str) -> bool:
    try:
        check_text(char)
    except ValidationError:
        return True
    return False


def _journey(diagram: MermaidDiagram, into: type[J], source: str | None, text: str) -> J:
    where = f"{source}: " if source else ""
    notes: list[str] = []
    ops: list[Op] = []

    # Actors in Mermaid's order; names that decode alike ("#65;" and "A") are one persona.
    persona_of: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for actor in diagram.actors:
        name = decode(actor)
        if not name:
            notes.append("an empty actor name (from a stray ',' or a trailing ':') was skipped")
            continue
        if name not in by_name:
            by_name[name] = f"persona_{len(by_name) + 1}"
            ops.append(Insert("personas", {"persona_id": by_name[name], "name": name}))
        persona_of[actor] = by_name[name]

    stage_of: dict[int, str | None] = {-1: None}  # tasks before any section: no stage
    for position, number in enumerate(range(len(diagram.sections))):
        name = decode(diagram.sections[number])
        if not name:
            notes.append(f"section {number + 1} has no name; it is called {NO_SECTION!r}")
            name = NO_SECTION
        stage_of[number] = f"stage_{position + 1}"
        ops.append(
            Insert("stages", {"stage_id": stage_of[number], "position": position, "name": name})
        )
    steps_in: dict[str | None, int] = {}
    for number, task in enumerate(diagram.tasks):
        _add_task(
            ops,
            task,
            f"step_{number + 1}",
            stage_of[task.section_number],
            steps_in,
            persona_of,
            notes,
        )

    from_front_matter = diagram.title is None and bool(diagram.front_matter_title)
    meta = {
        # As Mermaid renders it: a title line wins over the front matter's title.
        "title": decode(
            diagram.title if diagram.title is not None else diagram.front_matter_title or ""
        )
        or _UNTITLED,
        "emotion_scale": SCALE,
        "acc_title": decode(diagram.acc_title) or None,
        "acc_descr": decode(diagram.acc_descr) or None,
    }
    try:
        journey = into._from_ops(meta, ops)
    except ValidationError as problem:
        raise _located(problem, diagram, text, source) from None
    if from_front_matter:
        _FRONT_MATTER_TITLE.add(journey)
    for note in notes:
        warnings.warn(f"{where}{note}", MermaidWarning, stacklevel=3)
    return journey


def _add_task(
    ops: list[Op],
    task: MermaidTask,
    step_id: str,
    stage_id: str | None,
    position: dict[str | None, int],
    persona_of: dict[str, str],
    notes: list[str],
) -> None:
    name = decode(task.task)
    if not name:
        notes.append(f"line {task.line}: a task with no name was called '(unnamed)'")
        name = "(unnamed)"
    ops.append(
        Insert(
            "steps",
            {
                "step_id": step_id,
                "stage_id": stage_id,
                "position": position.get(stage_id, 0),
                "name": name,
            },
        )
    )
    position[stage_id] = position.get(stage_id, 0) + 1
    scale = get_scale(SCALE)
    score: float | None = task.score
    label = None
    if (
        math.isnan(task.score)
        or math.isinf(task.score)
        or not (scale.min <= task.score <= scale.max)
        or not float(task.score).is_integer()
    ):
        shown = _js_string(task.score)
        notes.append(
            f"line {task.line}: task {name!r} has score {shown}, which is not a whole number "
            f"from 1 to 5; Mermaid keeps it, the map keeps it as the emotion's label "
            "(the score is left empty)"
        )
        score, label = None, f"mermaid score {shown}"
    people: list[str | None] = []
    for actor in task.people:
        persona_id = persona_of.get(actor)
        if persona_id is None:
            continue
        if persona_id in people:
            notes.append(f"line {task.line}: task {name!r} names {decode(actor)!r} twice")
            continue
        people.append(persona_id)
    for persona_id in people or [None]:  # no actors: the map's own curve
        ops.append(
            Insert(
                "emotions",
                {"step_id": step_id, "persona_id": persona_id, "score": score, "label": label,
                 "source": "imported"},
            )
        )  # fmt: skip


def _js_string(number: float) -> str:
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return str(int(number)) if float(number).is_integer() else repr(number)


def read_mermaid(path: str | os.PathLike[str], *, into: type[J] = Journey) -> J:  # type: ignore[assignment]
    """Read a ``.mmd`` file; errors name the file, line and column."""
    journey = from_mermaid(read_text(path), into=into, source=os.fspath(path))
    journey._record_save(path, journey.version)
    return journey


# -- writing -----------------------------------------------------------------------------


@dataclass
class MermaidExport:
    """Mermaid text, with what it could not carry and what had to change on the way."""

    text: str
    lost: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        """A Mermaid code block: JupyterLab 4.1+, GitHub and VS Code draw it as a diagram,
        elsewhere it shows as the text. The fence is longer than any backtick run inside."""
        fence = "`" * max(3, 1 + max((len(r) for r in re.findall("`+", self.text)), default=0))
        return f"{fence}mermaid\n{self.text}{fence}\n"

    def _repr_mimebundle_(self, **kwargs: object) -> dict[str, str]:
        return {"text/markdown": self._repr_markdown_(), "text/plain": self.text}


_KEYWORD_START = re.compile(r"(?:journey|title|section|acctitle|accdescr)", re.I | re.A)
# Characters that end or change a name in Mermaid's lexer, or that its entity step eats.
_ESCAPE_ALWAYS = {"#", ";", "%", "&", "<", ">", "\n", "\r", "\u2028", "\u2029"}


def escape(text: str, *, also: Iterable[str] = ()) -> str:
    """Text as Mermaid will read it back: entity codes for every character that would
    otherwise end the name, start a comment, or be taken as an entity or keyword."""
    special = _ESCAPE_ALWAYS | set(also)
    out = "".join(f"#{ord(c)};" if c in special else c for c in text)
    if _KEYWORD_START.match(out):
        out = f"#{ord(out[0])};{out[1:]}"
    return out


def to_mermaid(journey: Journey) -> MermaidExport:
    """The journey as Mermaid ``journey`` text; see :class:`MermaidExport`."""
    lost: list[str] = []
    changed: list[str] = []
    scale = journey.emotion_scale
    target = get_scale(SCALE)
    lines = ["journey"]
    meta = journey.meta
    title = str(meta.get("title") or "").strip()
    if title and title != _UNTITLED and journey in _FRONT_MATTER_TITLE:
        # JSON is YAML: a quoted string keeps any title exactly, and needs no entities.
        lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---", "journey"]
    elif title and title != _UNTITLED:
        lines.append(f"  title {escape(title)}")
    if meta.get("acc_title"):
        lines.append(f"  accTitle: {escape(str(meta['acc_title']).strip())}")
    if meta.get("acc_descr"):
        described = str(meta["acc_descr"]).strip().replace("\r\n", "\n")
        if "\n" in described:
            body = "\n".join(escape(line.strip(), also="}") for line in described.split("\n"))
            lines.append("  accDescr {\n" + body + "\n  }")
        else:
            lines.append(f"  accDescr: {escape(described)}")

    personas = journey.personas
    emotions = journey.emotions
    as_is = emotions[(emotions["variant"] == "as_is").fillna(False)]
    steps = journey.steps
    # Steps before any stage are tasks before any section; then each section's tasks.
    by_stage: dict[Any, list[Any]] = {
        key: list(group.index) for key, group in steps.groupby("stage_id", sort=False)
    }
    by_emotion = {key: group for key, group in as_is.groupby("step_id", sort=False)}
    empty = as_is.iloc[:0]
    sections: list[tuple[str | None, list[Any]]] = [
        (None, list(steps.index[steps["stage_id"].isna()]))
    ]
    sections += [
        (str(stage["name"]).strip(), by_stage.get(stage_id, []))
        for stage_id, stage in journey.stages.iterrows()
    ]
    for name, step_ids in sections:
        if name is not None:
            lines.append(f"  section {escape(name, also=':')}")
        for step_id in step_ids:
            step_name = str(steps.at[step_id, "name"]).strip()
            mine = by_emotion.get(step_id, empty)
            score, actors = _task_score(step_name, mine, personas, scale, target, changed)
            people = ", ".join(escape(a, also=",:") for a in actors)
            data = f"{score}: {people}" if people else f"{score}"
            lines.append(f"    {escape(step_name, also=':')}: {data}")

    _lost(journey, lost)
    return MermaidExport("\n".join(lines) + "\n", lost, changed)


def _task_score(
    step_name: str,
    mine: pd.DataFrame,
    personas: pd.DataFrame,
    scale: object,
    target: object,
    changed: list[str],
) -> tuple[str, list[str]]:
    from ..model.scales import EmotionScale

    assert isinstance(scale, EmotionScale) and isinstance(target, EmotionScale)
    scored = mine[mine["score"].notna()]
    kept = [
        match[1] for label in mine["label"].dropna() if (match := _KEPT_SCORE.fullmatch(str(label)))
    ]
    actors = [
        str(personas.at[p, "name"]) for p in mine["persona_id"].dropna() if p in personas.index
    ]
    actors = sorted(set(actors), key=actors.index)
    if scored.empty and kept:
        # A score read from Mermaid that the map's scale could not hold goes back as it came.
        return kept[0], actors
    if scored.empty:
        neutral = int(target.neutral)
        changed.append(f"step {step_name!r} has no score; Mermaid needs one: wrote {neutral}")
        return str(neutral), actors
    shared = scored[scored["persona_id"].isna()]
    values = [float(v) for v in (shared if len(shared) else scored)["score"]]
    if len(set(values)) > 1:
        value = sum(values) / len(values)
        listed = ", ".join(f"{v:g}" for v in values)
        changed.append(
            f"step {step_name!r}: personas score it differently ({listed}); "
            "a Mermaid task has one score: wrote their mean"
        )
    else:
        value = values[0]
    exact = scale.convert(value, target, round_to_integer=False)
    rounded = target.from_valence(target.to_valence(exact), round_to_integer=True)
    if rounded != exact:
        changed.append(
            f"step {step_name!r}: score {value:g} on {scale.scale_id} is {exact:g} on 1–5; "
            f"rounded to {rounded:g}"
        )
    return f"{rounded:g}", actors


def _lost(journey: Journey, lost: list[str]) -> None:
    """What Mermaid cannot carry, counted."""
    cards = journey.cards
    if len(cards):
        by_lane = cards.groupby("lane_id").size()
        names = journey.lanes["name"]
        lost.append(
            "cards: "
            + ", ".join(f"{n} in {names.get(lane, lane)!r}" for lane, n in by_lane.items())
        )
    emotions = journey.emotions
    to_be = int((emotions["variant"] == "to_be").fillna(False).sum())
    if to_be:
        lost.append(f"{to_be} to-be emotion scores (Mermaid shows one curve)")
    labelled = int(emotions["label"].notna().sum())
    if labelled:
        lost.append(f"{labelled} emotion labels")
    research = ("participants", "sources", "codes", "segments", "code_mappings")
    for table in (*research, "metrics"):
        count = len(getattr(journey, table))
        if count:
            lost.append(f"{count} {table} rows")
    described = int(
        journey.steps["description"].notna().sum() + journey.stages["description"].notna().sum()
    )
    if described:
        lost.append(f"{described} stage and step descriptions")
    moments = int(journey.steps["is_moment_of_truth"].fillna(False).sum())
    if moments:
        lost.append(f"{moments} moments of truth")
    meta = journey.meta
    for key in ("scenario", "expectations"):
        if meta.get(key):
            lost.append(f"the map's {key}")
    if meta.get("map_type") != "current_state":
        lost.append(f"the map type ({meta.get('map_type')})")
    unused = set(journey.personas.index) - set(emotions["persona_id"].dropna())
    if unused:
        lost.append(f"{len(unused)} personas with no emotion scores (Mermaid names only actors)")


def write_mermaid(journey: Journey, path: str | os.PathLike[str]) -> Path:
    """Write ``.mmd`` text atomically; warn (MermaidWarning) about what was lost or changed.
    Only a file that carries the whole journey counts as saving it (``journey.saved``)."""
    version = journey.version
    export = to_mermaid(journey)
    target = Path(path)
    with atomic_open(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(export.text)
    if not export.lost and not export.changed:
        journey._record_save(target, version)
    else:
        parts = []
        if export.lost:
            parts.append("not carried: " + "; ".join(export.lost))
        if export.changed:
            parts.append("changed: " + "; ".join(export.changed))
        warnings.warn(f"{target}: " + ". ".join(parts), MermaidWarning, stacklevel=3)
    return target
