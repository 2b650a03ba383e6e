"""The checks that teach: lint-style rules derived from the practice of journey mapping.

Each check has a stable id (``JM`` + three digits, grouped like a linter's codes: 1xx the
map's frame, 2xx stages, 3xx steps and the emotion curve, 4xx pain points and
opportunities, 5xx evidence, 6xx map types and lanes), a slug, a default severity, the
table its findings point at and its parameters (thresholds a rubric may change). Running a
check gives the items it found and how many items it applies to; a rubric turns that into
points (see rubric.py). What a finding says is in messages.py, per language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from types import MappingProxyType
from typing import Literal, NamedTuple

import pandas as pd

from .facts import (
    BLUEPRINT_ORDER,
    CUSTOMER_LANE_TYPES,
    TOUCHPOINT_LANE_TYPES,
    TOUCHPOINT_ROLES,
    Facts,
    text,
)
from .voice import company_phrases

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


_NO_FIELDS: Mapping[str, object] = MappingProxyType({})


class Hit(NamedTuple):
    """One finding before it is worded: where it points and what fills its message.

    A tuple, not a frozen dataclass: a big map gives hundreds of hits per check and a
    frozen dataclass's ``__init__`` was a tenth of ``check()``'s time."""

    table: str  # "meta" for the map itself
    item_id: str | None
    item: str  # the item's label, as the message quotes it
    fields: Mapping[str, object] = _NO_FIELDS


@dataclass(frozen=True)
class Outcome:
    hits: list[Hit]
    applicable: int  # how many items the check looked at (1 for a map-level check)


Run = Callable[[Facts, Mapping[str, float]], Outcome]


@dataclass(frozen=True)
class Check:
    id: str
    slug: str
    severity: Severity
    table: str
    run: Run
    params: Mapping[str, float] = field(default_factory=dict)
    heuristic: bool = False


def _values(column: pd.Series | pd.Index) -> list[object]:
    """A column as a list: iterating pandas' string arrays goes element by element
    through ``__getitem__``, which was most of ``check()``'s time on a 200-step map."""
    return column.tolist()


def _map_level(found: bool, **fields: object) -> Outcome:
    return Outcome([Hit("meta", None, "", fields)] if found else [], 1)


def _per_item(table: str, rows: list[tuple[str, str]], failing: set[str]) -> Outcome:
    """``rows`` are (id, label) of the items looked at; ``failing`` the ids that fail."""
    hits = [Hit(table, item_id, label) for item_id, label in rows if item_id in failing]
    return Outcome(hits, len(rows))


def _stage_rows(facts: Facts) -> list[tuple[str, str]]:
    return [
        (str(i), text(n))
        for i, n in zip(_values(facts.stages.index), _values(facts.stages["name"]), strict=True)
    ]


def _card_rows(cards: pd.DataFrame) -> list[tuple[str, str]]:
    return [
        (str(i), text(t)) for i, t in zip(_values(cards.index), _values(cards["text"]), strict=True)
    ]


# -- the map's frame ---------------------------------------------------------------------


def no_persona(facts: Facts, params: Mapping[str, float]) -> Outcome:
    return _map_level(len(facts.journey.personas) == 0)


def no_scenario(facts: Facts, params: Mapping[str, float]) -> Outcome:
    return _map_level(not text(facts.journey.meta.get("scenario")).strip())


def no_expectations(facts: Facts, params: Mapping[str, float]) -> Outcome:
    return _map_level(not text(facts.journey.meta.get("expectations")).strip())


# -- stages -----------------------------------------------------------------------------


def stage_without_steps(facts: Facts, params: Mapping[str, float]) -> Outcome:
    used = set(facts.journey.steps["stage_id"].dropna().astype(str))
    rows = _stage_rows(facts)
    return _per_item("stages", rows, {i for i, _ in rows if i not in used})


def stage_without_goal(facts: Facts, params: Mapping[str, float]) -> Outcome:
    goals = facts.stages["goal"].fillna("").astype(str).str.strip()
    return _per_item("stages", _stage_rows(facts), {str(i) for i in goals.index[goals == ""]})


def stage_without_touchpoint(facts: Facts, params: Mapping[str, float]) -> Outcome:
    card = partial(facts.strings, "cards")
    stages = {
        stage
        for has_text, lane_type, role, kind, channel, stage in zip(
            facts.card_has_text.tolist(),
            card("lane_type"),
            card("blueprint_role"),
            card("kind"),
            card("channel"),
            card("cell_stage"),
            strict=True,
        )
        if has_text
        and stage
        and (
            lane_type in TOUCHPOINT_LANE_TYPES
            or role in TOUCHPOINT_ROLES
            or kind == "touchpoint"
            or channel.strip()
        )
    }
    step = partial(facts.strings, "steps")
    stages |= {
        s for k, s in zip(step("kind"), step("stage_id"), strict=True) if k == "touchpoint" and s
    }
    rows = _stage_rows(facts)
    return _per_item("stages", rows, {i for i, _ in rows if i not in stages})


def stage_without_moment_of_truth(facts: Facts, params: Mapping[str, float]) -> Outcome:
    steps = facts.journey.steps
    with_mot = set(steps.loc[steps["is_moment_of_truth"].fillna(False), "stage_id"].dropna())
    used = set(steps["stage_id"].dropna())
    # A stage without steps is JM201's finding; asking it for a moment of truth repeats it.
    rows = [(i, n) for i, n in _stage_rows(facts) if i in used]
    return _per_item("stages", rows, {i for i, _ in rows if i not in with_mot})


def too_few_stages(facts: Facts, params: Mapping[str, float]) -> Outcome:
    count, least = len(facts.stages), int(params["min_stages"])
    return _map_level(count < least, count=count, min_stages=least)


# -- steps and the emotion curve --------------------------------------------------------------


def too_few_steps(facts: Facts, params: Mapping[str, float]) -> Outcome:
    count, least = len(facts.steps), int(params["min_steps"])
    return _map_level(count < least, count=count, min_steps=least)


def step_without_emotion(facts: Facts, params: Mapping[str, float]) -> Outcome:
    scored = set(facts.scored["step_id"].astype(str))
    steps = facts.steps
    rows = [
        (str(i), text(n)) for i, n in zip(_values(steps.index), _values(steps["name"]), strict=True)
    ]
    return _per_item("steps", rows, {i for i, _ in rows if i not in scored})


def _as_is_valence(facts: Facts) -> pd.Series:
    scored = facts.scored
    return scored.loc[(scored["variant"] == "as_is").fillna(False), "valence"]


def curve_without_low_point(facts: Facts, params: Mapping[str, float]) -> Outcome:
    valence = _as_is_valence(facts)
    if not len(valence):
        return Outcome([], 0)  # no curve at all: JM302 says so, step by step
    return _map_level(bool((valence >= 0).all()))


def curve_without_high_point(facts: Facts, params: Mapping[str, float]) -> Outcome:
    valence = _as_is_valence(facts)
    if not len(valence):
        return Outcome([], 0)
    return _map_level(bool((valence <= 0).all()))


def company_voice(facts: Facts, params: Mapping[str, float]) -> Outcome:
    steps = facts.steps
    items: list[tuple[str, str, str, str]] = []  # table, id, label, text to test
    for step_id, name, description in zip(
        _values(steps.index), facts.strings("steps", "name"),
        facts.strings("steps", "description"), strict=True,
    ):  # fmt: skip
        items.append(("steps", str(step_id), name, f"{name}\n{description}"))
    card = partial(facts.strings, "cards")
    for card_id, lane_type, role, card_text in zip(
        _values(facts.cards.index), card("lane_type"), card("blueprint_role"), card("text"),
        strict=True,
    ):  # fmt: skip
        if lane_type in CUSTOMER_LANE_TYPES and role in ("", "customer_actions"):
            items.append(("cards", str(card_id), card_text, card_text))
    phrases = company_phrases([content for *_, content in items])
    hits = [
        Hit(table, item_id, label, {"phrase": phrase})
        for (table, item_id, label, _), phrase in zip(items, phrases, strict=True)
        if phrase is not None
    ]
    return Outcome(hits, len(items))


# -- pain points and opportunities --------------------------------------------------------------


def pain_without_opportunity(facts: Facts, params: Mapping[str, float]) -> Outcome:
    pains, answers = facts.pain_points, facts.opportunities
    answered_steps = set(answers["step_id"].dropna())
    answered_stages = set(answers["cell_stage"].dropna())
    failing = {
        str(card_id)
        for card_id, step, stage in zip(
            _values(pains.index),
            _values(pains["step_id"]),
            _values(pains["cell_stage"]),
            strict=True,
        )
        if not (
            (text(step) and step in answered_steps) or (text(stage) and stage in answered_stages)
        )
    }
    return _per_item("cards", _card_rows(pains), failing)


def opportunity_without_owner(facts: Facts, params: Mapping[str, float]) -> Outcome:
    answer = partial(facts.strings, "opportunities")
    # An idea (by kind, or in an ideas lane) needs no owner yet; an opportunity does.
    rows = [
        (str(card_id), card_text, owner)
        for card_id, kind, lane_type, card_text, owner in zip(
            _values(facts.opportunities.index),
            answer("kind"),
            answer("lane_type"),
            answer("text"),
            answer("owner"),
            strict=True,
        )
        if kind in ("", "opportunity") and lane_type != "ideas"
    ]
    failing = {card_id for card_id, _, owner in rows if not owner.strip()}
    return _per_item("cards", [(i, t) for i, t, _ in rows], failing)


def no_pain_points(facts: Facts, params: Mapping[str, float]) -> Outcome:
    if facts.journey.meta["map_type"] == "future_state":
        return Outcome([], 0)  # a future state may well have designed the pain away
    return _map_level(len(facts.pain_points) == 0)


# -- evidence ---------------------------------------------------------------------------------

UNEVIDENCED_LEVELS = ("assumed",)


def emotion_without_evidence(facts: Facts, params: Mapping[str, float]) -> Outcome:
    scored = facts.scored
    # The to-be curve is a design intent, not a claim about how people felt.
    as_is = scored[(scored["variant"] == "as_is").fillna(False)]
    step_names = facts.step_names
    rows = [
        (str(e), step_names.get(str(s), ""))
        for e, s in zip(_values(as_is.index), _values(as_is["step_id"]), strict=True)
    ]
    estimated = as_is["source"].isna() | (as_is["source"] == "researcher_estimate").fillna(False)
    level = as_is["evidence_level"]
    unlevelled = level.isna() | level.isin(UNEVIDENCED_LEVELS).fillna(False)
    linked = as_is.index.isin(list(facts.evidenced_ids("emotions"))) | as_is["step_id"].isin(
        list(facts.evidenced_ids("steps"))
    ).fillna(False)
    failing = {str(i) for i in as_is.index[(estimated & unlevelled & ~linked).to_numpy(bool)]}
    return _per_item("emotions", rows, failing)


def pain_without_evidence(facts: Facts, params: Mapping[str, float]) -> Outcome:
    pains = facts.pain_points
    failing = {
        str(card_id)
        for card_id, step, level in zip(
            _values(pains.index),
            _values(pains["step_id"]),
            _values(pains["evidence_level"]),
            strict=True,
        )
        if text(level) in ("", *UNEVIDENCED_LEVELS)
        and not facts.has_evidence("cards", str(card_id))
        and not (text(step) and facts.has_evidence("steps", str(step)))
    }
    return _per_item("cards", _card_rows(pains), failing)


# -- map types and lanes ----------------------------------------------------------------------


def future_without_current(facts: Facts, params: Mapping[str, float]) -> Outcome:
    if facts.journey.meta["map_type"] != "future_state":
        return Outcome([], 0)
    return _map_level(not (facts.scored["variant"] == "as_is").fillna(False).any())


def blueprint_missing_role(facts: Facts, params: Mapping[str, float]) -> Outcome:
    if facts.journey.meta["map_type"] != "service_blueprint":
        return Outcome([], 0)
    present = set(facts.lanes["blueprint_role"].dropna())
    hits = [
        Hit("lanes", None, role, {"role": role}) for role in BLUEPRINT_ORDER if role not in present
    ]
    return Outcome(hits, len(BLUEPRINT_ORDER))


def blueprint_out_of_order(facts: Facts, params: Mapping[str, float]) -> Outcome:
    lanes = facts.lanes
    roles = [text(r) for r in lanes["blueprint_role"]]
    placed = [
        (str(i), text(n), str(r))
        for i, n, r in zip(_values(lanes.index), _values(lanes["name"]), roles, strict=True)
        if r in BLUEPRINT_ORDER
    ]
    if facts.journey.meta["map_type"] != "service_blueprint" or not placed:
        return Outcome([], 0)
    hits, highest = [], -1
    for lane_id, name, role in placed:
        rank = BLUEPRINT_ORDER.index(role)
        if rank < highest:
            hits.append(Hit("lanes", lane_id, name))
        highest = max(highest, rank)
    return Outcome(hits, len(placed))


def empty_lane(facts: Facts, params: Mapping[str, float]) -> Outcome:
    cards = facts.cards
    used = set(cards.loc[facts.card_has_text, "lane_id"])
    lanes = facts.lanes[facts.lanes["visible"].fillna(True)]
    rows = [
        (str(i), text(n)) for i, n in zip(_values(lanes.index), _values(lanes["name"]), strict=True)
    ]
    return _per_item("lanes", rows, {i for i, _ in rows if i not in used})


CHECKS: dict[str, Check] = {
    c.id: c
    for c in (
        Check("JM101", "no-persona", "error", "meta", no_persona),
        Check("JM102", "no-scenario", "warning", "meta", no_scenario),
        Check("JM103", "no-expectations", "info", "meta", no_expectations),
        Check("JM201", "stage-without-steps", "error", "stages", stage_without_steps),
        Check("JM202", "stage-without-goal", "warning", "stages", stage_without_goal),
        Check("JM203", "stage-without-touchpoint", "warning", "stages", stage_without_touchpoint),
        Check(
            "JM204",
            "stage-without-moment-of-truth",
            "warning",
            "stages",
            stage_without_moment_of_truth,
        ),
        Check("JM205", "too-few-stages", "info", "meta", too_few_stages, {"min_stages": 3}),
        Check("JM301", "too-few-steps", "warning", "meta", too_few_steps, {"min_steps": 5}),
        Check("JM302", "step-without-emotion", "warning", "steps", step_without_emotion),
        Check("JM303", "curve-without-low-point", "warning", "meta", curve_without_low_point),
        Check("JM304", "curve-without-high-point", "info", "meta", curve_without_high_point),
        Check("JM305", "company-voice", "info", "steps", company_voice, heuristic=True),
        Check("JM401", "pain-without-opportunity", "warning", "cards", pain_without_opportunity),
        Check("JM402", "opportunity-without-owner", "info", "cards", opportunity_without_owner),
        Check("JM403", "no-pain-points", "info", "meta", no_pain_points),
        Check("JM501", "emotion-without-evidence", "warning", "emotions", emotion_without_evidence),
        Check("JM502", "pain-without-evidence", "warning", "cards", pain_without_evidence),
        Check("JM601", "future-without-current", "error", "meta", future_without_current),
        Check("JM602", "blueprint-missing-role", "error", "lanes", blueprint_missing_role),
        Check("JM603", "blueprint-lanes-out-of-order", "warning", "lanes", blueprint_out_of_order),
        Check("JM604", "empty-lane", "info", "lanes", empty_lane),
    )
}
"""Every check, by id, in id order."""

SLUGS = {c.slug: c.id for c in CHECKS.values()}


def known_checks() -> str:
    return ", ".join(f"{c.id} ({c.slug})" for c in CHECKS.values())
