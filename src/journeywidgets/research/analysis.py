"""Tables for the analysis cells: who speaks about which step, and when coding saturates."""

from __future__ import annotations

from typing import Literal, cast

import pandas as pd

from ..model.errors import ValidationError
from .study import TEXT, Study

SaturationOrder = Literal["collected_at", "position"]


def evidence_matrix(study: Study, *, names: bool = False) -> pd.DataFrame:
    """Participants × steps: how many segments of each participant are about each step.

    Rows are the participants in their order, columns the steps in map order; zero where
    a participant said nothing about a step. Segments without a participant are not
    counted (the matrix is about participants). With ``names``, rows and columns are
    labelled by participant label and step name instead of ids.
    """
    participants = study["participants"].sort_values("position", kind="stable")
    steps = study["steps"]
    about = study.segment_steps
    who = about["segment_id"].map(study["segments"]["participant_id"])
    counts = (
        pd.DataFrame({"participant_id": who.to_numpy(), "step_id": about["step_id"].to_numpy()})
        .dropna()
        .value_counts()
    )
    matrix = (
        counts.unstack("step_id", fill_value=0)
        .reindex(index=participants.index, columns=steps.index, fill_value=0)
        .astype("Int64")
    )
    matrix.index.name, matrix.columns.name = "participant_id", "step_id"
    if names:
        matrix.index = pd.Index(participants["label"].to_numpy(), dtype=TEXT, name="participant")
        matrix.columns = pd.Index(steps["name"].to_numpy(), dtype=TEXT, name="step")
    return cast(pd.DataFrame, matrix)


def saturation(study: Study, *, order: SaturationOrder = "collected_at") -> pd.DataFrame:
    """New codes per added participant: does another interview still teach us something?

    Participants are taken in the order their material was collected (the earliest
    ``collected_at`` of their sources and segments; those without a date last, by
    position) or by ``position``. Columns: ``interview`` (1, 2, …), ``participant_id``,
    ``label``, ``codes`` (distinct codes in their segments), ``new_codes`` (codes no
    earlier participant had), ``cumulative_codes``, ``share`` (of all codes used so
    far by anyone) and ``new`` (the new codes' names).
    """
    if order not in ("collected_at", "position"):
        raise ValidationError(f"order must be 'collected_at' or 'position', not {order!r}")
    participants = study["participants"]
    segments = study["segments"]
    codings = study["segment_codes"]
    names = study["codes"]["name"]
    who = codings["segment_id"].map(segments["participant_id"])
    used = pd.DataFrame(
        {"participant_id": who.to_numpy(), "code_id": codings["code_id"].to_numpy()}
    )
    used = used.dropna().drop_duplicates()
    ranked = (
        participants.assign(_first=_first_collected(study))
        if order == "collected_at"
        else participants
    )
    sort_by = ["_first", "position"] if order == "collected_at" else ["position"]
    ranked = ranked.sort_values(sort_by, kind="stable", na_position="last")
    by_participant = used.groupby("participant_id", sort=False)["code_id"].agg(list)
    total = used["code_id"].nunique()
    seen: set[str] = set()
    rows = []
    for number, (participant_id, row) in enumerate(ranked.iterrows(), start=1):
        codes = [str(c) for c in by_participant.get(participant_id, [])]
        new = [c for c in codes if c not in seen]
        seen.update(new)
        rows.append(
            {
                "interview": number,
                "participant_id": str(participant_id),
                "label": row["label"],
                "codes": len(codes),
                "new_codes": len(new),
                "cumulative_codes": len(seen),
                "share": len(seen) / total if total else float("nan"),
                "new": tuple(sorted(str(names.get(c, c)) for c in new)),
            }
        )
    out = pd.DataFrame(rows, columns=["interview", "participant_id", "label", "codes",
                                      "new_codes", "cumulative_codes", "share", "new"])  # fmt: skip
    result = out.astype(
        {
            "interview": "Int64",
            "participant_id": TEXT,
            "label": TEXT,
            "codes": "Int64",
            "new_codes": "Int64",
            "cumulative_codes": "Int64",
            "share": "Float64",
        }
    )
    return cast(pd.DataFrame, result)


def _first_collected(study: Study) -> pd.Series:
    """The earliest collected_at of each participant's sources and segments."""
    participants = study["participants"]
    dates = []
    for table in ("sources", "segments"):
        frame = study[table]
        dated = frame[frame["collected_at"].notna() & frame["participant_id"].notna()]
        dates.append(dated.groupby("participant_id")["collected_at"].min())
    both = pd.concat(dates, axis=1).min(axis=1) if dates else pd.Series(dtype="datetime64[us, UTC]")
    return both.reindex(participants.index)
