"""The quotes behind an item: what the evidence panel lists, as a frame."""

from __future__ import annotations

from typing import cast

import pandas as pd

from ..model.errors import ValidationError
from ..model.references import known_as, resolve, suggestion
from .strength import ITEM_TABLES
from .study import TEXT, Study

CONTEXT = 80
"""Characters of the source text shown on each side of a quote."""

QUOTE_COLUMNS = [
    "segment_id",
    "participant_id",
    "participant",
    "persona_id",
    "source_id",
    "source",
    "before",
    "text",
    "after",
    "codes",
    "kind",
    "emotion",
    "via",
]


def find_item(study: Study, item: str) -> tuple[str, str]:
    """The table (stages, steps, cards or emotions) and id of ``item``: an id, or the
    unique name of a stage or step (cards and emotion points have no names)."""
    tables = [t for t in ITEM_TABLES if item in study[t].index]
    if len(tables) > 1:
        raise ValidationError(
            f"{item!r} is an id in several tables ({', '.join(tables)})", column="target_id"
        )
    if tables:
        return tables[0], item
    named = {t: study[t] for t in ("stages", "steps")}
    found = [(t, resolve(named, t, item, field="item")) for t in named]
    found = [(t, i) for t, i in found if i in named[t].index]
    if len(found) == 1:
        return found[0]
    if found:
        ids = ", ".join(repr(i) for _, i in found)
        raise ValidationError(
            f"{item!r} names a stage and a step ({ids}); give the id", column="target_id"
        )
    choices = [c for t in named for c in known_as(named[t], t)]
    raise ValidationError(
        f"{item!r} is not a stage, step, card or emotion id, nor a stage's or step's name"
        + suggestion(str(item), choices),
        column="target_id",
    )


def quotes(study: Study, item_id: str, *, context: int = CONTEXT) -> pd.DataFrame:
    """Every segment backing ``item_id`` (a stage, step, card or emotion point).

    Columns: the segment, its participant (id and label) and persona, its source (id and
    name), ``before``/``text``/``after`` (up to ``context`` characters of the source on
    each side of the quote), its codes' names (``"; "``-joined), kind, emotion and ``via``
    ("link" for the researcher's own links, "codes" for links the code mappings imply).
    """
    table, item_id = find_item(study, item_id)
    links = study.links
    mine = links[((links["target_table"] == table) & (links["target_id"] == item_id)).fillna(False)]
    segments = study["segments"].loc[mine["segment_id"].astype(object)]
    participants = study["participants"]
    sources = study["sources"]
    code_names = study["codes"]["name"]
    codings = study["segment_codes"]
    codings = codings[codings["segment_id"].isin(segments.index)]
    names = (
        codings.assign(name=codings["code_id"].map(code_names))
        .groupby("segment_id", sort=False)["name"]
        .agg(lambda s: "; ".join(str(n) for n in s.dropna()))
    )
    befores: list[str | None] = []
    afters: list[str | None] = []
    for source_id, start, end in zip(
        segments["source_id"], segments["start"], segments["end"], strict=True
    ):
        text = None if pd.isna(source_id) else sources.at[source_id, "text"]
        if not isinstance(text, str) or pd.isna(start) or pd.isna(end):
            befores.append(None)
            afters.append(None)
            continue
        befores.append(str(text)[max(0, int(start) - context) : int(start)] or None)
        afters.append(str(text)[int(end) : int(end) + context] or None)
    participant_id = segments["participant_id"]
    out = pd.DataFrame(
        {
            "segment_id": pd.array(segments.index, dtype=TEXT),
            "participant_id": pd.array(participant_id.to_numpy(), dtype=TEXT),
            "participant": pd.array(
                participant_id.map(participants["label"]).to_numpy(), dtype=TEXT
            ),
            "persona_id": pd.array(
                participant_id.map(participants["persona_id"]).to_numpy(), dtype=TEXT
            ),
            "source_id": pd.array(segments["source_id"].to_numpy(), dtype=TEXT),
            "source": pd.array(segments["source_id"].map(sources["name"]).to_numpy(), dtype=TEXT),
            "before": pd.array(befores, dtype=TEXT),
            "text": pd.array(segments["text"].to_numpy(), dtype=TEXT),
            "after": pd.array(afters, dtype=TEXT),
            "codes": pd.array(pd.Series(segments.index).map(names).to_numpy(), dtype=TEXT),
            "kind": pd.array(segments["kind"].to_numpy(), dtype=TEXT),
            "emotion": pd.array(segments["emotion"].to_numpy(), dtype="Float64"),
            "via": pd.array(mine["via"].to_numpy(), dtype=TEXT),
        }
    )
    return cast(pd.DataFrame, out[QUOTE_COLUMNS])
