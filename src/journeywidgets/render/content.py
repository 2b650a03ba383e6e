"""What a figure shows, read from a journey's tables: the same choices for every figure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, cast

import pandas as pd

from ..model import Journey, ValidationError
from ..model.scales import EmotionScale
from . import style
from .reach import step_funnel

Variant = Literal["as_is", "to_be", "both"]
VARIANTS = ("as_is", "to_be", "both")


@dataclass(frozen=True)
class Curve:
    """One emotion line: a persona (or the map's own curve) in one variant."""

    persona_id: str | None
    name: str
    variant: str
    scores: list[float | None]  # one per step, in map order; None where not scored
    n: list[int | None]
    color: str = style.SINGLE_CURVE_COLOR


@dataclass(frozen=True)
class Card:
    card_id: str
    text: str
    kind: str
    severity: int | None


@dataclass
class Lane:
    lane_id: str
    name: str
    lane_type: str
    blueprint_role: str | None
    by_step: dict[str, list[Card]] = field(default_factory=dict)
    by_stage: dict[str, list[Card]] = field(default_factory=dict)


@dataclass(frozen=True)
class MapContent:
    title: str
    map_type: str
    scenario: str | None
    scale: EmotionScale
    stage_ids: list[str]
    stage_names: list[str]
    step_ids: list[str]
    step_names: list[str]
    step_stage: list[int]  # index into stage_ids for each step; -1 for a step in no stage
    moments: list[bool]
    lanes: list[Lane]
    curves: list[Curve]
    persona_order: list[str | None]  # for colours: stable across figures of one map
    stage_colors: list[str] = field(default_factory=list)  # header colour per stage
    reach: list[str | None] = field(default_factory=list)  # "1,234 reached · 76% …"
    biggest_drop: int | None = None  # the step (index) to mark, if a funnel is attached

    def card_texts(self) -> list[str]:
        return [
            card.text
            for lane in self.lanes
            for cards in (*lane.by_step.values(), *lane.by_stage.values())
            for card in cards
        ]

    def texts(self) -> list[str]:
        """Every string a figure may draw (to check fonts before drawing)."""
        out = [self.title, self.scenario or "", *self.stage_names, *self.step_names]
        for lane in self.lanes:
            out.append(lane.name)
            for cards in (*lane.by_step.values(), *lane.by_stage.values()):
                out += [card.text for card in cards]
        out += [curve.name for curve in self.curves]
        return out


def _select(
    frame: pd.DataFrame, wanted: Sequence[str] | None, what: str, by: tuple[str, ...]
) -> pd.DataFrame:
    """Rows of ``frame`` named in ``wanted`` by id or by any of the ``by`` columns."""
    if wanted is None:
        return frame
    keep: list[str] = []
    for item in wanted:
        matches = [row_id for row_id in frame.index if row_id == item]
        for column in by:
            matches += list(frame.index[(frame[column] == item).fillna(False).to_numpy()])
        if not matches:
            raise ValidationError(
                f"no {what} {item!r}; choose among ids {list(frame.index)}", table=f"{what}s"
            )
        keep += [m for m in matches if m not in keep]
    return cast(pd.DataFrame, frame.loc[frame.index.isin(keep)])


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA else str(value)


def read_content(
    journey: Journey,
    *,
    lanes: Sequence[str] | None = None,
    personas: Sequence[str] | None = None,
    variant: Variant = "both",
) -> MapContent:
    """Gather what to draw. ``lanes`` and ``personas`` take ids or names (lanes also take
    lane types); by default the visible lanes and every persona are shown."""
    if variant not in VARIANTS:
        raise ValidationError(f"variant must be one of {', '.join(VARIANTS)}, not {variant!r}")
    stages, steps = journey.stages, journey.steps
    stage_index = {stage_id: n for n, stage_id in enumerate(stages.index)}

    lane_rows = journey.lanes
    if lanes is None:
        lane_rows = lane_rows[lane_rows["visible"].fillna(True).to_numpy(dtype=bool)]
    else:
        lane_rows = _select(lane_rows, lanes, "lane", ("name", "lane_type"))
    chosen_lanes = [
        Lane(
            str(lane_id),
            _text(row["name"]),
            _text(row["lane_type"]),
            None if pd.isna(row["blueprint_role"]) else str(row["blueprint_role"]),
        )
        for lane_id, row in lane_rows.iterrows()
    ]
    by_id = {lane.lane_id: lane for lane in chosen_lanes}
    cards = journey.cards
    for card_id, row in cards[cards["lane_id"].isin(list(by_id))].iterrows():
        lane = by_id[str(row["lane_id"])]
        card = Card(
            str(card_id),
            _text(row["text"]),
            _text(row["kind"]) or style.LANE_KIND.get(lane.lane_type, ""),
            None if pd.isna(row["severity"]) else int(row["severity"]),
        )
        if not pd.isna(row["step_id"]):
            lane.by_step.setdefault(str(row["step_id"]), []).append(card)
        elif not pd.isna(row["stage_id"]):
            lane.by_stage.setdefault(str(row["stage_id"]), []).append(card)

    persona_rows = journey.personas
    all_personas: list[str | None] = [None, *map(str, persona_rows.index)]
    colors: dict[str | None, str] = {None: style.SINGLE_CURVE_COLOR}
    for position, (persona_id, own) in enumerate(persona_rows["color"].items()):
        colors[str(persona_id)] = style.persona_color(position, own)
    shown = (
        all_personas
        if personas is None
        else [str(p) for p in _select(persona_rows, personas, "persona", ("name",)).index]
    )
    emotions = journey.emotions
    step_ids = [str(s) for s in steps.index]
    curves: list[Curve] = []
    variants = ("as_is", "to_be") if variant == "both" else (variant,)
    for persona_id in shown:
        mine = emotions[
            emotions["persona_id"].isna()
            if persona_id is None
            else (emotions["persona_id"] == persona_id).fillna(False)
        ]
        for name in variants:
            rows = mine[(mine["variant"] == name).fillna(False)].set_index("step_id")
            if rows.empty:
                continue
            score = rows["score"].astype("Float64")
            count = rows["n"]
            curves.append(
                Curve(
                    persona_id,
                    style.LABELS["single_curve"]
                    if persona_id is None
                    else _text(persona_rows.at[persona_id, "name"]),
                    name,
                    [None if pd.isna(score.get(s)) else float(score[s]) for s in step_ids],
                    [None if pd.isna(count.get(s, pd.NA)) else int(count[s]) for s in step_ids],
                    colors[persona_id],
                )
            )
    meta = journey.meta
    funnel = step_funnel(journey)
    rates = [funnel[s][1] if s in funnel else None for s in step_ids]
    return MapContent(
        title=_text(meta.get("title")),
        map_type=_text(meta.get("map_type")),
        scenario=_text(meta.get("scenario")) or None,
        scale=journey.emotion_scale,
        stage_ids=[str(s) for s in stages.index],
        stage_names=[_text(n) for n in stages["name"]],
        step_ids=step_ids,
        step_names=[_text(n) for n in steps["name"]],
        step_stage=[-1 if pd.isna(s) else stage_index[s] for s in steps["stage_id"]],
        moments=[bool(m) for m in steps["is_moment_of_truth"].fillna(False)],
        lanes=chosen_lanes,
        curves=curves,
        persona_order=all_personas,
        stage_colors=[
            style.stage_color(position, own) for position, own in enumerate(stages["color"])
        ],
        reach=[style.reach_text(*funnel[s]) if s in funnel else None for s in step_ids],
        biggest_drop=style.biggest_drop(rates),
    )
