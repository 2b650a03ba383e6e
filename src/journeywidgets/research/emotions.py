"""The emotion curve from participants' ratings: ``journey.aggregate_emotions()``.

Ratings come from coded segments (see :mod:`.study`); :mod:`.aggregation` turns them into
n, mean, median, sd and an interval per step × persona × variant. The result is written
onto ``emotions`` — the score is the mean, ``source`` becomes ``interview`` — as one change,
and a later run after more coding updates the same rows. The evidence level is left as it
is: empty means "computed from the support", and a level a researcher set stays theirs.
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from ..model.ops import Insert, Op, Update
from ..model.values import to_python
from .aggregation import GROUP, IntervalMethod, aggregate_ratings
from .study import TEXT, Study

SPREAD = ("median", "sd", "ci_low", "ci_high")


def aggregate(
    study: Study,
    method: IntervalMethod | None = None,
    *,
    variant: str | None = None,
    across_personas: bool = False,
) -> pd.DataFrame:
    """Aggregated ratings, tidy: one row per step × persona × variant, in map order.

    ``across_personas`` pools every persona into the map's own curve (persona empty);
    by default each persona keeps its own curve. ``variant`` keeps only that variant.
    Columns: step_id, step, persona_id, persona, variant, n, ratings, mean, median, sd,
    ci_low, ci_high, interval (the method, in words), then one count column per scale point.
    """
    method = method or IntervalMethod()
    ratings = study.ratings
    if variant is not None:
        ratings = ratings[(ratings["variant"] == variant).fillna(False).to_numpy()]
    if across_personas:
        ratings = ratings.assign(persona_id=pd.array([None] * len(ratings), dtype=TEXT))
        # A participant who spoke for two personas is still one participant.
        ratings = ratings.drop_duplicates(["segment_id", "step_id", "variant"])
    steps, personas = study["steps"], study["personas"]
    step_rank = {s: n for n, s in enumerate(steps.index)}
    persona_rank = {p: n for n, p in enumerate(personas.index)}
    out = aggregate_ratings(ratings, study.scale, method)
    keys = pd.DataFrame(
        {
            "step": out["step_id"].map(step_rank).fillna(len(step_rank)).astype(int),
            "persona": out["persona_id"].map(persona_rank).fillna(-1).astype(int),
            "variant": out["variant"].astype(str),
        }
    )
    order = keys.sort_values(["step", "persona", "variant"], kind="stable").index
    out = out.iloc[order].reset_index(drop=True)
    out.insert(1, "step", pd.array(out["step_id"].map(steps["name"]).to_numpy(), dtype=TEXT))
    persona = out["persona_id"].astype(object).map(personas["name"])
    out.insert(3, "persona", pd.array(persona.to_numpy(), dtype=TEXT))
    out.insert(
        out.columns.get_loc("ci_high") + 1,
        "interval",
        pd.array([str(method)] * len(out), dtype=TEXT),
    )
    return cast(pd.DataFrame, out)


def emotion_ops(
    study: Study, aggregated: pd.DataFrame, *, variants: set[str], across_personas: bool = False
) -> list[Op]:
    """Ops that put ``aggregated`` onto ``emotions``, updating the row of each step ×
    persona × variant where there is one; interview scores of the same variants that no
    rating backs any more are cleared (the row and its links stay). Pooled across personas,
    only the map's own curve is in scope; otherwise every curve is."""
    emotions = study["emotions"]
    scale = study.scale
    key_of = {
        tuple(None if pd.isna(v) else str(v) for v in key): str(emotion_id)
        for emotion_id, key in zip(
            emotions.index, emotions[list(GROUP)].itertuples(index=False, name=None), strict=True
        )
    }
    ops: list[Op] = []
    written: set[str] = set()
    has_spread = all(c in emotions.columns for c in SPREAD)
    for row in aggregated.to_dict("records"):
        key = tuple(None if pd.isna(row[c]) else str(row[c]) for c in GROUP)
        n = int(row["n"])
        score = float(row["mean"])
        if n == 1 and scale.integer_only and not score.is_integer():
            # One participant whose ratings differ: the pipeline keeps single answers on
            # the scale's points (fractions are for aggregates), so round as the scale does.
            score = scale.from_valence(scale.to_valence(score), round_to_integer=True)
        values: dict[str, object] = {"score": score, "n": n, "source": "interview"}
        if has_spread:
            values |= {c: to_python(row[c]) for c in SPREAD}
        existing = key_of.get(key)
        if existing is None:
            ops.append(Insert("emotions", dict(zip(GROUP, key, strict=True)) | values))
        else:
            written.add(existing)
            ops.append(Update("emotions", existing, values))
    stale = emotions[
        (emotions["source"] == "interview").fillna(False)
        & emotions["variant"].isin(list(variants)).fillna(False)
        & ~emotions.index.isin(list(written))
        & emotions["score"].notna()
        & (emotions["persona_id"].isna() if across_personas else True)
    ]
    for emotion_id in stale.index:
        cleared: dict[str, object] = {"score": None, "n": None}
        if has_spread:
            cleared |= dict.fromkeys(SPREAD)
        ops.append(Update("emotions", str(emotion_id), cleared))
    return ops
