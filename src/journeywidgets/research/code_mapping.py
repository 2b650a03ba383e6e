"""What a code means on the map: ``journey.map_codes({...})``.

A code can be about a step or a stage (the moment a segment speaks of), a card theme in a
lane (pain point, opportunity, thought …), an emotion on the map's scale, or a persona. The
meanings live in the ``code_mappings`` table (one row per code), so they are saved with
the map and undone like any edit. Mapping a card theme also makes sure a card carries it
wherever its segments are: one card per lane × step, named after the theme.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..model.errors import ValidationError
from ..model.ops import Delete, Insert, Op, Update
from ..model.schema import TABLES
from .study import Study

TARGETS = ("step", "stage", "lane", "emotion", "persona")
COLUMN = {
    "step": "step_id",
    "stage": "stage_id",
    "lane": "lane_id",
    "emotion": "emotion",
    "persona": "persona_id",
}
MEANING_COLUMNS = (
    "step_id",
    "stage_id",
    "lane_id",
    "card_kind",
    "card_text",
    "emotion",
    "persona_id",
)
Meaning = str | float | Mapping[str, Any] | None


def code_paths(codes: pd.DataFrame) -> dict[str, str]:
    """Each code's path in the code tree: parent names and its own, joined by "/"."""
    names = codes["name"].astype(object)
    parents = codes["parent_id"].astype(object)
    paths: dict[str, str] = {}

    def path(code_id: str, depth: int = 0) -> str:
        if code_id in paths:
            return paths[code_id]
        parent = parents.get(code_id)
        own = str(names[code_id])
        if pd.isna(parent) or parent not in names.index or depth > len(names):
            found = own
        else:
            found = f"{path(str(parent), depth + 1)}/{own}"
        paths[code_id] = found
        return found

    for code_id in codes.index:
        path(str(code_id))
    return paths


def resolve_code(codes: pd.DataFrame, key: str) -> str:
    """The id of the code ``key`` names: an id, a name, or a path such as "emotion/angry"."""
    if key in codes.index:
        return key
    for candidates in (
        [str(i) for i, n in codes["name"].items() if n == key],
        [i for i, p in code_paths(codes).items() if p == key],
    ):
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            raise ValidationError(
                f"code {key!r} is ambiguous: several codes have this name "
                f"({', '.join(candidates)}); give its id or its path",
                table="codes",
            )
    known = sorted(code_paths(codes).values())
    shown = ", ".join(repr(k) for k in known[:20]) + (" …" if len(known) > 20 else "")
    raise ValidationError(
        f"no code {key!r}; codes are named by id, name or path: {shown or 'there are no codes'}",
        table="codes",
    )


def _by_id_or_name(frame: pd.DataFrame, value: str, name_column: str) -> str | None:
    if value in frame.index:
        return value
    named = [str(i) for i, n in frame[name_column].items() if n == value]
    return named[0] if len(named) == 1 else None


def _meaning(study: Study, code: str, key: str, given: Meaning) -> dict[str, Any]:
    """The code_mappings values for one meaning, checked; raises naming the code."""

    def refuse(reason: str) -> ValidationError:
        return ValidationError(f"code {key!r}: {reason}", table="code_mappings", column="code_id")

    if isinstance(given, bool):
        raise refuse(f"{given!r} is not a meaning")
    if isinstance(given, (int, float)):
        given = {"emotion": given}
    elif isinstance(given, str):
        places = [
            kind
            for kind, table in (
                ("step", "steps"),
                ("stage", "stages"),
                ("lane", "lanes"),
                ("persona", "personas"),
            )
            if given in study[table].index
        ]
        if not places:
            places = [
                kind
                for kind, table in (("step", "steps"), ("stage", "stages"))
                if _by_id_or_name(study[table], given, "name") is not None
            ]
        if len(places) != 1:
            raise refuse(
                f"{given!r} is not a step, stage, lane or persona id (or a step or stage name)"
                if not places
                else f"{given!r} names several things ({', '.join(places)}); use a dict such as"
                f" {{{places[0]!r}: {given!r}}}"
            )
        given = {places[0]: given}
    if not isinstance(given, Mapping):
        raise refuse(
            f"{given!r} is not a meaning; give a step or stage id, an emotion number, or a dict"
            f" with one of: {', '.join(TARGETS)}"
        )
    chosen = [k for k in TARGETS if k in given]
    extra = set(given) - {*TARGETS, "kind", "text"}
    if len(chosen) != 1 or extra:
        raise refuse(
            f"a meaning has exactly one of {', '.join(TARGETS)}"
            + (" (with kind and text for a lane)" if "lane" in chosen else "")
            + (f"; unknown keys: {', '.join(sorted(map(str, extra)))}" if extra else "")
        )
    target = chosen[0]
    if target != "lane" and ({"kind", "text"} & set(given)):
        raise refuse("kind and text belong to a card theme in a lane")
    values: dict[str, Any] = dict.fromkeys(MEANING_COLUMNS)
    value = given[target]
    if target == "emotion":
        scale = study.scale
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise refuse(f"emotion must be a number on the {scale.scale_id} scale, not {value!r}")
        try:
            scale.check(float(value))
        except ValidationError as error:
            raise refuse(error.reason) from None
        values["emotion"] = float(value)
        return values
    table = {"step": "steps", "stage": "stages", "lane": "lanes", "persona": "personas"}[target]
    frame = study[table]
    name_column = "name"
    found = _by_id_or_name(frame, str(value), name_column) if isinstance(value, str) else None
    if found is None:
        allowed = ", ".join(f"{i} ({n})" for i, n in frame[name_column].items())
        raise refuse(f"no {target} {value!r}; the {table} are: {allowed or 'none yet'}")
    values[COLUMN[target]] = found
    if target == "lane":
        kind = given.get("kind")
        kinds = TABLES["cards"].column("kind").choices
        if kind is not None and kind not in kinds:
            raise refuse(f"card kind {kind!r} is not one of: {', '.join(kinds)}")
        text = given.get("text")
        if text is not None and (not isinstance(text, str) or not text.strip()):
            raise refuse(f"card text must be non-blank text, not {text!r}")
        values["card_kind"], values["card_text"] = kind, text
    return values


def map_code_ops(study: Study, mapping: Mapping[str, Meaning]) -> list[Op]:
    """The ops that give the codes in ``mapping`` their meanings (None: no meaning), then
    add the cards that card themes need. Everything is checked before any op is made."""
    codes = study["codes"]
    current = study["code_mappings"]
    by_code = {str(c): str(i) for i, c in current["code_id"].items()}
    wanted: dict[str, dict[str, Any] | None] = {}
    for key, given in mapping.items():
        code = resolve_code(codes, str(key))
        if code in wanted:
            raise ValidationError(
                f"code {key!r} is given twice (as {code!r})", table="code_mappings"
            )
        wanted[code] = None if given is None else _meaning(study, code, str(key), given)

    ops: list[Op] = []
    rows = current.copy()
    for code, values in wanted.items():
        existing = by_code.get(code)
        if values is None:
            if existing is not None:
                ops.append(Delete("code_mappings", existing))
                rows = rows.drop(index=existing)
        elif existing is not None:
            ops.append(Update("code_mappings", existing, values))
            for column, value in values.items():
                rows.loc[existing, column] = value
        else:
            ops.append(Insert("code_mappings", {"code_id": code, **values}))
            added = pd.DataFrame([{"code_id": code, **values}], index=[f"\x00new:{code}"])
            rows = pd.concat([rows, added.astype(rows.dtypes.to_dict())])
    after = Study({**study.frames, "code_mappings": rows}, study.scale)
    return ops + _card_ops(after)


def _card_ops(study: Study) -> list[Op]:
    """Inserts of the cards card themes need: one per lane × step (or stage, for segments
    about a stage only) where a theme's segments are and no card of that text is."""
    themes = study.coded[study.coded["lane_id"].notna()]
    if themes.empty:
        return []
    cards = study["cards"]
    have = set(
        zip(
            cards["lane_id"].astype(object),
            cards["step_id"].astype(object).where(cards["step_id"].notna(), None),
            cards["stage_id"].astype(object).where(cards["stage_id"].notna(), None),
            cards["text"].astype(object),
            strict=True,
        )
    )
    steps = study.segment_steps
    with_step = set(steps["segment_id"])
    direct = study.segment_stages
    direct = direct[~direct["segment_id"].isin(with_step)]
    ops: list[Op] = []
    for place, about in (("step_id", steps), ("stage_id", direct)):
        at = themes[["segment_id", "lane_id", "theme", "card_kind"]].merge(about, on="segment_id")
        at = at.drop_duplicates(["lane_id", place, "theme"])
        for row in at.itertuples(index=False):
            lane, where, theme = str(row.lane_id), str(getattr(row, place)), str(row.theme)
            key = (lane, where, None, theme) if place == "step_id" else (lane, None, where, theme)
            if key in have:
                continue
            have.add(key)
            kind = None if pd.isna(row.card_kind) else str(row.card_kind)
            ops.append(
                Insert("cards", {"lane_id": lane, place: where, "text": theme, "kind": kind})
            )
    return ops
