"""Evidence strength: how well each stage, step, card and emotion point is backed.

Support is counted from every evidence link, the researcher's own and those the code
mappings imply (see :mod:`.study`): how many segments back an item and how many distinct
participants they come from. A stage is also backed by what backs its steps. The level
follows from the support by a stated rule (:class:`EvidenceRule`); a level a researcher
typed into the item's ``evidence_level`` wins over the computed one. An item that nothing
backs is an assumption.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import pandas as pd

from ..model.errors import ValidationError
from .study import TEXT, Study

ITEM_TABLES = ("stages", "steps", "cards", "emotions")
OBSERVED_KINDS = frozenset({"observation", "analytics", "recording"})


@dataclass(frozen=True)
class EvidenceRule:
    """The rule from support to an evidence level.

    - **observed**: segments of an observed kind (``observed_kinds``: observation,
      analytics, recording by default) from at least ``min_participants`` participants;
    - **reported**: segments of any kind from at least ``min_participants`` participants;
    - **inferred**: some support, from fewer participants;
    - **assumed**: no support at all.

    A segment without a participant counts as a participant of its own. Make your own rule
    by changing the fields (``EvidenceRule(min_participants=2)``) or by subclassing and
    overriding :meth:`level`.
    """

    min_participants: int = 3
    observed_kinds: frozenset[str] = field(default=OBSERVED_KINDS)

    def __post_init__(self) -> None:
        if self.min_participants < 1:
            raise ValidationError(
                f"min_participants must be at least 1, not {self.min_participants!r}"
            )

    def level(self, segments: int, participants: int, observed_participants: int) -> str:
        """The level of an item backed by ``segments`` from ``participants``, of which
        ``observed_participants`` gave segments of an observed kind."""
        if segments == 0:
            return "assumed"
        if observed_participants >= self.min_participants:
            return "observed"
        if participants >= self.min_participants:
            return "reported"
        return "inferred"

    def __str__(self) -> str:
        kinds = ", ".join(sorted(self.observed_kinds))
        m = self.min_participants
        return (
            f"observed: {kinds} segments from ≥ {m} participants; reported: any segments from "
            f"≥ {m} participants; inferred: fewer; assumed: no segment"
        )


SUPPORT_COLUMNS = [
    "table",
    "item_id",
    "segments",
    "participants",
    "computed_level",
    "manual_level",
    "level",
]


def support(study: Study, rule: EvidenceRule | None = None) -> pd.DataFrame:
    """One row per stage, step, card and emotion point: its support and level.

    Columns: ``table``, ``item_id``, ``segments`` (distinct segments backing it),
    ``participants`` (distinct participants among them), ``computed_level`` (by ``rule``),
    ``manual_level`` (what the item's ``evidence_level`` says, if anything) and ``level``
    (the manual level where there is one, else the computed one).
    """
    rule = rule or EvidenceRule()
    links = study.links[["segment_id", "target_table", "target_id"]]
    # A stage is backed by what backs its steps, too.
    by_step = links[(links["target_table"] == "steps").fillna(False).to_numpy()]
    stages = by_step["target_id"].map(study["steps"]["stage_id"])
    from_steps = pd.DataFrame(
        {
            "segment_id": by_step["segment_id"].to_numpy(),
            "target_table": "stages",
            "target_id": stages.to_numpy(),
        }
    ).dropna()
    links = pd.concat([links, from_steps], ignore_index=True).drop_duplicates(ignore_index=True)
    segments = study["segments"]
    kind = links["segment_id"].map(segments["kind"]).astype(object)
    links = links.assign(
        participant=links["segment_id"].map(study.segment_participant).astype(object),
        observed=kind.isin(list(rule.observed_kinds)).to_numpy(),
    )
    keys = ["target_table", "target_id"]
    grouped = links.groupby(keys, sort=False)
    counts = pd.DataFrame(
        {
            "segments": grouped["segment_id"].nunique(),
            "participants": grouped["participant"].nunique(),
            "observed": links[links["observed"]].groupby(keys, sort=False)["participant"].nunique(),
        }
    ).fillna(0)

    parts = []
    for table in ITEM_TABLES:
        frame = study[table]
        index = pd.MultiIndex.from_arrays([[table] * len(frame), list(frame.index)], names=keys)
        mine = counts.reindex(index, fill_value=0)
        seg = mine["segments"].to_numpy(dtype=int)
        part = mine["participants"].to_numpy(dtype=int)
        obs = mine["observed"].to_numpy(dtype=int)
        computed = [
            rule.level(int(s), int(p), int(o)) for s, p, o in zip(seg, part, obs, strict=True)
        ]
        manual = (
            frame["evidence_level"].astype(object)
            if "evidence_level" in frame
            else pd.Series([None] * len(frame), index=frame.index, dtype=object)
        )
        manual = manual.where(manual.notna(), None)
        parts.append(
            pd.DataFrame(
                {
                    "table": pd.array([table] * len(frame), dtype=TEXT),
                    "item_id": pd.array([str(i) for i in frame.index], dtype=TEXT),
                    "segments": pd.array(seg, dtype="Int64"),
                    "participants": pd.array(part, dtype="Int64"),
                    "computed_level": pd.array(computed, dtype=TEXT),
                    "manual_level": pd.array(manual.to_numpy(), dtype=TEXT),
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    out["level"] = out["manual_level"].fillna(out["computed_level"])
    return cast(pd.DataFrame, out[SUPPORT_COLUMNS])


def levels(study: Study, rule: EvidenceRule | None = None) -> dict[str, dict[str, str]]:
    """``{table: {item_id: level}}`` for figures and views."""
    table = support(study, rule)
    out: dict[str, dict[str, str]] = {name: {} for name in ITEM_TABLES}
    for name, item, level in zip(table["table"], table["item_id"], table["level"], strict=True):
        out[str(name)][str(item)] = str(level)
    return out
