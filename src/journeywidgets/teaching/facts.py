"""What the checks need to know about a map, worked out once per check run."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from ..model import Journey, get_scale

CUSTOMER_LANE_TYPES = ("actions", "thoughts", "feelings", "quotes")
TOUCHPOINT_LANE_TYPES = ("touchpoints", "channels")
TOUCHPOINT_ROLES = ("physical_evidence", "frontstage")
BLUEPRINT_ORDER = ("customer_actions", "frontstage", "backstage", "support_processes")


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


class Facts:
    """Read-only views of one journey for the checks (each computed on first use)."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self._strings: dict[tuple[str, str], list[str]] = {}

    def strings(self, frame: str, column: str) -> list[str]:
        """A column of ``cards``, ``opportunities``, ``pain_points`` or ``steps`` as
        plain text ("" for missing), in the frame's order: the checks test rows in Python
        loops, which on a 200-step map are cheaper than a pandas operation each."""
        key = (frame, column)
        if key not in self._strings:
            values = getattr(self, frame)[column].tolist()
            self._strings[key] = [_text(v) for v in values]
        return self._strings[key]

    @cached_property
    def stages(self) -> pd.DataFrame:
        stages: pd.DataFrame = self.journey.stages.sort_values("position", kind="stable")
        return stages

    @cached_property
    def steps(self) -> pd.DataFrame:
        """Steps in map order (by stage, then position), with ``stage_order``."""
        steps = self.journey.steps
        order = pd.Series(range(len(self.stages)), index=self.stages.index)
        stage_order = steps["stage_id"].map(order).astype("Float64").fillna(-1)
        ordered: pd.DataFrame = steps.assign(stage_order=stage_order).sort_values(
            ["stage_order", "position"], kind="stable"
        )
        return ordered

    @cached_property
    def lanes(self) -> pd.DataFrame:
        lanes: pd.DataFrame = self.journey.lanes.sort_values("position", kind="stable")
        return lanes

    @cached_property
    def cards(self) -> pd.DataFrame:
        """Cards with their lane's ``lane_type`` and ``blueprint_role``, and the stage of
        the cell they sit in (``cell_stage``: the card's stage or its step's)."""
        cards = self.journey.cards
        lanes = self.journey.lanes
        step_stage = self.journey.steps["stage_id"]
        joined: pd.DataFrame = cards.assign(
            lane_type=cards["lane_id"].map(lanes["lane_type"]),
            blueprint_role=cards["lane_id"].map(lanes["blueprint_role"]),
            cell_stage=cards["stage_id"].fillna(cards["step_id"].map(step_stage)),
        )
        return joined

    @cached_property
    def card_has_text(self) -> pd.Series:
        return (self.journey.cards["text"].str.strip() != "").fillna(False)

    @cached_property
    def step_names(self) -> dict[str, str]:
        steps = self.journey.steps
        return {
            str(i): _text(n)
            for i, n in zip(steps.index.tolist(), steps["name"].tolist(), strict=True)
        }

    @cached_property
    def pain_points(self) -> pd.DataFrame:
        cards = self.cards
        is_pain = (cards["kind"] == "pain_point").fillna(False) | (
            cards["lane_type"] == "pain_points"
        ).fillna(False)
        found: pd.DataFrame = cards[is_pain & self.card_has_text]
        return found

    @cached_property
    def opportunities(self) -> pd.DataFrame:
        cards = self.cards
        kinds = cards["kind"].isin(["opportunity", "idea"]).fillna(False)
        lanes = cards["lane_type"].isin(["opportunities", "ideas"]).fillna(False)
        found: pd.DataFrame = cards[(kinds | lanes) & self.card_has_text]
        return found

    @cached_property
    def scored(self) -> pd.DataFrame:
        """Emotion rows that have a score, with ``valence`` in [-1, 1] on the map's scale."""
        emotions = self.journey.emotions
        emotions = emotions[emotions["score"].notna()]
        scale = get_scale(str(self.journey.meta["emotion_scale"]))
        valence = [scale.to_valence(float(s)) for s in emotions["score"].tolist()]
        found: pd.DataFrame = emotions.assign(
            valence=pd.Series(valence, index=emotions.index, dtype="float64")
        )
        return found

    @cached_property
    def evidenced(self) -> frozenset[tuple[str, str]]:
        """(table, id) of every item some evidence is linked to."""
        links = self.journey.evidence_links
        return frozenset(
            zip(links["target_table"].astype(str), links["target_id"].astype(str), strict=True)
        )

    def evidenced_ids(self, table: str) -> set[str]:
        return {item for linked_table, item in self.evidenced if linked_table == table}

    def has_evidence(self, table: str, item_id: str) -> bool:
        return (table, item_id) in self.evidenced

    @cached_property
    def texts(self) -> list[str]:
        """The map's own words, for telling its language."""
        j = self.journey
        found = [_text(j.meta.get("title")), _text(j.meta.get("scenario"))]
        found += [_text(v) for v in j.stages["name"].tolist()]
        found += [_text(v) for v in j.steps["name"].tolist()]
        found += [_text(v) for v in j.cards["text"].head(400).tolist()]
        return found


def text(value: object) -> str:
    """A cell's text, empty for missing values."""
    return _text(value)
