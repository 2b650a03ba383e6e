"""The emotion curve from participants' ratings: ``journey.aggregate_emotions()``.

Ratings come from coded segments (see :mod:`.study`); :mod:`.aggregation` turns them into
n, mean, median, sd and an interval per step × persona × variant. The result is written
onto ``emotions`` — the score is the mean, ``source`` becomes ``interview`` — as one change,
and a later run after more coding updates the same rows. The evidence level is left as it
is: empty means "computed from the support", and a level a researcher set stays theirs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model.ops import Insert, Op, Update
from ..model.values import to_python
from .aggregation import GROUP, IntervalMethod, _dense, _first_positions, aggregate_codes
from .ratings import VARIANTS, objects
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
    rated = study.coded_ratings
    keep = np.ones(len(rated), dtype=bool)
    if variant is not None:
        keep &= rated.variant == VARIANTS.index(variant)
    speaks_for = rated.persona
    if across_personas:
        speaks_for = np.full(len(rated), -1, dtype=np.int64)
        # A participant who spoke for two personas is still one participant.
        once = np.zeros(len(rated), dtype=bool)
        key = (rated.segment * (len(rated.step_ids) + 1) + rated.step) * len(
            VARIANTS
        ) + rated.variant
        once[np.flatnonzero(keep)[_first_of(key[keep])]] = True
        keep &= once
    # One code per step × persona × variant, in map order, and the ids it stands for.
    personas_n = len(rated.persona_ids) + 1
    group = (rated.step[keep] * personas_n + speaks_for[keep] + 1) * len(VARIANTS) + rated.variant[
        keep
    ]
    group_codes, groups_n = _dense(group, max(len(rated.step_ids), 1) * personas_n * len(VARIANTS))
    first = _first_positions(group_codes, groups_n)
    chosen = group[first]
    step_of = chosen // (personas_n * len(VARIANTS))
    persona_of = (chosen // len(VARIANTS)) % personas_n - 1
    # Named in map order: the codes number groups by step, persona (none first), variant.
    persona_of = np.where(persona_of >= 0, persona_of, len(rated.persona_ids))
    persona_ids = np.append(rated.persona_ids, [None])
    persona_names = np.append(objects(study["personas"]["name"]), [None])
    keys = pd.DataFrame(
        {
            "step_id": pd.array(rated.step_ids[step_of], dtype=TEXT),
            "step": pd.array(objects(study["steps"]["name"])[step_of], dtype=TEXT),
            "persona_id": pd.array(persona_ids[persona_of], dtype=TEXT),
            "persona": pd.array(persona_names[persona_of], dtype=TEXT),
            "variant": pd.array(
                np.asarray(VARIANTS, dtype=object)[chosen % len(VARIANTS)], dtype=TEXT
            ),
        }
    )
    respondents, _ = _dense(rated.respondent[keep], len(rated.participant_ids))
    out = aggregate_codes(
        group_codes, keys, respondents, rated.value[keep], study.scale, method, identity=GROUP
    )
    where = int(list(out.columns).index("ci_high")) + 1
    out.insert(where, "interval", pd.Series([str(method)] * len(out), dtype=TEXT))
    return out


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


def _first_of(keys: np.ndarray) -> np.ndarray:
    """The position of the first entry of each distinct key."""
    _, first = np.unique(keys, return_index=True)
    return np.sort(first)
