"""Build template journeys from plain data: the vocabulary the template specs are written in.

A spec is a :class:`Template` of stages and steps; any text is either one string (the same
in every language) or a ``{"en": ..., "zh": ..., "ms": ...}`` dict. Ids are given in the
spec, so the translations of a template share them (and a comparison can rely on them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journeywidgets import Journey

Text = str | dict[str, str]

CARD_KINDS = {
    "actions": "action",
    "thoughts": "thought",
    "feelings": "feeling",
    "touchpoints": "touchpoint",
    "channels": "touchpoint",
    "pain_points": "pain_point",
    "opportunities": "opportunity",
    "ideas": "idea",
    "quotes": "quote",
}


def tx(value: Text | None, language: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value[language]


@dataclass
class Lane:
    lane_id: str
    lane_type: str
    name: Text
    description: Text
    blueprint_role: str | None = None


@dataclass
class Card:
    text: Text
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class Step:
    step_id: str
    name: Text
    score: float
    cards: dict[str, Text | Card] = field(default_factory=dict)
    kind: str = "action"
    moment_of_truth: bool = False
    to_be: float | None = None
    label: Text | None = None
    quote: Text | None = None
    description: Text | None = None


@dataclass
class Stage:
    stage_id: str
    name: Text
    goal: Text
    description: Text
    steps: list[Step]


@dataclass
class Template:
    name: str
    languages: tuple[str, ...]
    title: Text
    summary: Text
    scenario: Text
    expectations: Text
    persona: tuple[Text, Text, Text]  # name, description, segment
    lanes: list[Lane]
    stages: list[Stage]
    map_type: str = "current_state"
    emotion_source: str = "interview"
    metrics: list[tuple[str, Text, str, str, float]] = field(default_factory=list)
    # (step_id, name, metric_type, unit, value): measured drop-off and the like


def build(spec: Template, language: str) -> Journey:
    """The template in ``language`` as a Journey whose history starts empty."""

    def t(value: Text | None) -> str | None:
        return tx(value, language)

    journey = Journey(
        t(spec.title) or spec.name,
        map_type=spec.map_type,
        scenario=t(spec.scenario),
        expectations=t(spec.expectations),
        acc_descr=t(spec.summary),
    )
    name, description, segment = spec.persona
    persona = journey.add_persona(
        t(name) or "", persona_id="persona", description=t(description), segment=t(segment)
    )
    lane_types = {}
    for lane in spec.lanes:
        journey.add_lane(
            t(lane.name) or lane.lane_id,
            lane.lane_type,
            lane_id=lane.lane_id,
            description=t(lane.description),
            blueprint_role=lane.blueprint_role,
        )
        lane_types[lane.lane_id] = lane.lane_type
    for stage in spec.stages:
        journey.add_stage(
            t(stage.name) or stage.stage_id,
            stage_id=stage.stage_id,
            goal=t(stage.goal),
            description=t(stage.description),
        )
        for step in stage.steps:
            journey.add_step(
                t(step.name) or step.step_id,
                stage.stage_id,
                step_id=step.step_id,
                kind=step.kind,
                moment_of_truth=step.moment_of_truth,
                description=t(step.description),
            )
            emotion = journey.set_emotion(
                step.step_id,
                step.score,
                persona=persona,
                label=t(step.label),
                source=spec.emotion_source,
                evidence_level="reported",
            )
            if step.to_be is not None:
                journey.set_emotion(
                    step.step_id,
                    step.to_be,
                    persona=persona,
                    variant="to_be",
                    source="researcher_estimate",
                    evidence_level="inferred",
                )
            for lane_id, content in step.cards.items():
                card = content if isinstance(content, Card) else Card(content)
                fields = {
                    "kind": CARD_KINDS.get(lane_types[lane_id], "note"),
                    **{k: t(v) if isinstance(v, dict) else v for k, v in card.fields.items()},
                }
                if fields["kind"] == "pain_point":
                    fields.setdefault("severity", 2)
                    fields.setdefault("evidence_level", "reported")
                journey.add_card(t(card.text) or "", lane=lane_id, step=step.step_id, **fields)
            if step.quote is not None:
                journey.add_evidence(
                    t(step.quote) or "",
                    links=[emotion],
                    participant="P1",
                    source="interview",
                    emotion=step.score,
                )
    for step_id, metric_name, metric_type, unit, value in spec.metrics:
        metric = journey.add_metric(
            t(metric_name) or "", step=step_id, metric_type=metric_type, unit=unit
        )
        journey.add_metric_value(metric, value)
    journey._start_afresh()
    return journey
