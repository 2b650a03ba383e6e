"""What coded segments say about the map, read from a journey's tables.

A segment is *about* a step or stage when one of its codes is mapped there
(``code_mappings``) or a researcher linked it there (``evidence_links``). Its codes may also
carry an emotion on the map's scale, a persona, or a card theme in a lane. From these the
derived evidence follows: a card is supported by the segments that carry its theme at its
step, an emotion point by the segments that rate that step for its persona.

Everything here reads frames and returns frames; nothing changes the journey.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import cast

import numpy as np
import pandas as pd

from ..model.scales import EmotionScale
from .ratings import VARIANTS, CodedRatings, coded_ratings

TEXT = pd.StringDtype("python")
ANONYMOUS = "\x00segment:"
"""Prefix of the respondent key of a segment without a participant: each such segment
counts as a respondent of its own (nobody is dropped, nobody is merged)."""

LINK_COLUMNS = ["segment_id", "target_table", "target_id", "via"]


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column, or the index when ``name`` is the frame's id column."""
    if name == frame.index.name:
        return cast(pd.Series, pd.Series(frame.index, index=frame.index, dtype=TEXT))
    return frame[name]


def _pairs(left: pd.Series, right: pd.Series, names: tuple[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame({names[0]: left.to_numpy(), names[1]: right.to_numpy()})
    return cast(
        pd.DataFrame,
        frame.astype({names[0]: TEXT, names[1]: TEXT}).drop_duplicates(ignore_index=True),
    )


class Study:
    """The research tables of a journey and what follows from them.

    ``frames`` maps table names to frames as the journey holds them (``segments``,
    ``segment_codes``, ``codes``, ``code_mappings``, ``participants``, ``sources``,
    ``evidence_links`` and the map's own tables). Derived frames are computed once, on
    first use.
    """

    def __init__(self, frames: Mapping[str, pd.DataFrame], scale: EmotionScale) -> None:
        self.frames = frames
        self.scale = scale

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    # -- codes and what they mean -----------------------------------------------------

    @cached_property
    def coded(self) -> pd.DataFrame:
        """One row per (segment, mapped code): the mapping's columns beside the segment."""
        codings = self["segment_codes"]
        mappings = self["code_mappings"]
        by_code = pd.Index(mappings["code_id"].astype(object))
        where = by_code.get_indexer(codings["code_id"].astype(object))
        found = where >= 0
        rows = mappings.iloc[where[found]].reset_index(drop=True)
        rows.insert(0, "segment_id", codings["segment_id"].to_numpy()[found])
        names = self["codes"]["name"]
        text = rows["card_text"].astype(object)
        rows["theme"] = text.where(text.notna(), rows["code_id"].map(names).astype(object))
        return cast(pd.DataFrame, rows)

    @cached_property
    def segment_participant(self) -> pd.Series:
        """The respondent key of each segment: its participant, or a key of its own."""
        segments = self["segments"]
        participant = segments["participant_id"].astype(object)
        own = ANONYMOUS + pd.Series(segments.index, index=segments.index).astype(object)
        return cast(pd.Series, participant.where(participant.notna(), own))

    def _manual(self, table: str) -> pd.DataFrame:
        links = self["evidence_links"]
        return cast(pd.DataFrame, links[(links["target_table"] == table).fillna(False).to_numpy()])

    @cached_property
    def segment_steps(self) -> pd.DataFrame:
        """(segment_id, step_id): each segment and each step it is about (codes or links)."""
        coded = self.coded[self.coded["step_id"].notna()]
        manual = self._manual("steps")
        result = pd.concat(
            [
                _pairs(coded["segment_id"], coded["step_id"], ("segment_id", "step_id")),
                _pairs(manual["segment_id"], manual["target_id"], ("segment_id", "step_id")),
            ],
            ignore_index=True,
        ).drop_duplicates(ignore_index=True)
        return cast(pd.DataFrame, result)

    @cached_property
    def segment_stages(self) -> pd.DataFrame:
        """(segment_id, stage_id): the stages segments are about, directly or by a step."""
        coded = self.coded[self.coded["stage_id"].notna()]
        manual = self._manual("stages")
        steps = self.segment_steps
        by_step = steps["step_id"].map(self["steps"]["stage_id"])
        result = (
            pd.concat(
                [
                    _pairs(coded["segment_id"], coded["stage_id"], ("segment_id", "stage_id")),
                    _pairs(manual["segment_id"], manual["target_id"], ("segment_id", "stage_id")),
                    _pairs(steps["segment_id"], by_step, ("segment_id", "stage_id")),
                ],
                ignore_index=True,
            )
            .dropna()
            .drop_duplicates(ignore_index=True)
        )
        return cast(pd.DataFrame, result)

    @cached_property
    def segment_value(self) -> pd.Series:
        """Each segment's emotion rating: the emotion stated on it, else the mean of the
        emotions its codes are mapped to; empty when it carries none."""
        segments = self["segments"]
        coded = self.coded[self.coded["emotion"].notna()]
        from_codes = coded.groupby(coded["segment_id"].astype(object), sort=False)["emotion"].mean()
        stated = segments["emotion"].astype(float)
        coded_value = pd.Series(segments.index.astype(object), index=segments.index).map(from_codes)
        return cast(pd.Series, stated.where(stated.notna(), coded_value.astype(float)))

    @cached_property
    def segment_personas(self) -> pd.DataFrame:
        """(segment_id, persona_id): whom each segment speaks for (empty: the map's own curve).

        A participant's persona is the one set on them; for a participant without one, the
        personas that codes on any of their segments are mapped to ("the code's participants
        stand for this persona"). A segment without a participant speaks for the personas
        of its own codes.
        """
        segments = self["segments"]
        coded = self.coded[self.coded["persona_id"].notna()]
        respondent = self.segment_participant
        coded_pairs = pd.DataFrame(
            {
                "participant": coded["segment_id"].map(respondent).to_numpy(dtype=object),
                "persona_id": coded["persona_id"].to_numpy(dtype=object),
            }
        ).drop_duplicates()
        set_on = segments["participant_id"].map(self["participants"]["persona_id"])
        own = pd.DataFrame(
            {
                "segment_id": segments.index.to_numpy(),
                "participant": respondent.to_numpy(dtype=object),
                "persona_id": set_on.to_numpy(dtype=object),
            }
        )
        settled = own[own["persona_id"].notna()]
        open_ = own[own["persona_id"].isna()].drop(columns="persona_id")
        from_codes = open_.merge(coded_pairs, on="participant", how="left")
        both = pd.concat([settled, from_codes], ignore_index=True)[["segment_id", "persona_id"]]
        return cast(pd.DataFrame, both.astype({"segment_id": TEXT, "persona_id": TEXT}))

    # -- ratings ----------------------------------------------------------------------

    @cached_property
    def coded_ratings(self) -> CodedRatings:
        """The ratings as integer codes (see :mod:`.ratings`): what aggregation reads."""
        return coded_ratings(self.frames)

    @cached_property
    def ratings(self) -> pd.DataFrame:
        """One row per rating: segment_id, participant (respondent key), participant_id,
        step_id, persona_id, variant, value.

        A segment rates every step it is about, as_is, for each persona it speaks for; a
        segment linked to an emotion point rates that point's step, persona and variant.
        """
        rated = self.coded_ratings
        segment = rated.segment_ids[rated.segment]
        participant = rated.participant_ids[rated.respondent]
        persona = np.full(len(rated), None, dtype=object)
        if len(rated.persona_ids):
            chosen = rated.persona >= 0
            persona[chosen] = rated.persona_ids[rated.persona[chosen]]
        frame = pd.DataFrame(
            {
                "segment_id": pd.array(segment, dtype=TEXT),
                "participant": pd.Series(
                    np.where(pd.isna(participant), ANONYMOUS + segment.astype(str), participant),
                    dtype=object,
                ),
                "participant_id": pd.array(participant, dtype=TEXT),
                "step_id": pd.array(rated.step_ids[rated.step], dtype=TEXT),
                "persona_id": pd.array(persona, dtype=TEXT),
                "variant": pd.array(np.asarray(VARIANTS, dtype=object)[rated.variant], dtype=TEXT),
                "value": rated.value,
            }
        )
        return cast(pd.DataFrame, frame)

    # -- derived evidence links -------------------------------------------------------

    @cached_property
    def derived_links(self) -> pd.DataFrame:
        """The evidence links that follow from the code mappings (``via`` = "codes")."""
        coded = self.coded
        direct = []
        for table, column in (("steps", "step_id"), ("stages", "stage_id")):
            rows = coded[coded[column].notna()]
            direct.append(_links(rows["segment_id"], table, rows[column]))
        result = pd.concat(
            [*direct, self._card_links(), self._emotion_links()], ignore_index=True
        ).drop_duplicates(ignore_index=True)
        return cast(pd.DataFrame, result)

    def _card_links(self) -> pd.DataFrame:
        themes = self.coded[self.coded["lane_id"].notna()][["segment_id", "lane_id", "theme"]]
        cards = self["cards"]
        card_keys = pd.DataFrame(
            {
                "card_id": cards.index.astype(object),
                "lane_id": cards["lane_id"].astype(object).to_numpy(),
                "step_id": cards["step_id"].astype(object).to_numpy(),
                "stage_id": cards["stage_id"].astype(object).to_numpy(),
                "theme": cards["text"].astype(object).to_numpy(),
            }
        )
        found = []
        for place, about in (("step_id", self.segment_steps), ("stage_id", self.segment_stages)):
            at = themes.merge(about, on="segment_id").astype(object)
            hits = at.merge(card_keys[card_keys[place].notna()], on=["lane_id", place, "theme"])
            found.append(_links(hits["segment_id"], "cards", hits["card_id"]))
        return pd.concat(found, ignore_index=True)

    def _emotion_links(self) -> pd.DataFrame:
        """A persona's point is backed by the ratings that speak for that persona; the
        map's own curve (no persona) stands for everyone, so by every rating of its step
        (it is what ``aggregate_emotions(across_personas=True)`` writes)."""
        emotions = self["emotions"]
        ratings = self.ratings
        keys = ["step_id", "persona_id", "variant"]
        id_column = emotions.index.name or "emotion_id"
        points = emotions[keys].astype(object).fillna("\x00").reset_index()
        rated = ratings[["segment_id", *keys]].astype(object).fillna("\x00")
        own = emotions["persona_id"].isna().to_numpy()
        by_persona = rated.merge(points[~own], on=keys)
        everyone = rated.drop(columns="persona_id").merge(
            points[own].drop(columns="persona_id"), on=["step_id", "variant"]
        )
        hits = pd.concat([by_persona, everyone], ignore_index=True)
        return _links(hits["segment_id"], "emotions", hits[id_column])

    @cached_property
    def links(self) -> pd.DataFrame:
        """Every evidence link: the researcher's own (``via`` = "link") and the derived."""
        manual = self["evidence_links"]
        own = _links(manual["segment_id"], None, manual["target_id"], manual["target_table"])
        own["via"] = "link"
        both = pd.concat([own, self.derived_links], ignore_index=True)
        return cast(
            pd.DataFrame,
            both.drop_duplicates(["segment_id", "target_table", "target_id"], ignore_index=True),
        )


def _links(
    segments: pd.Series, table: str | None, targets: pd.Series, tables: pd.Series | None = None
) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "segment_id": pd.array(segments.to_numpy(), dtype=TEXT),
            "target_table": pd.array(
                [table] * len(segments) if tables is None else tables.to_numpy(), dtype=TEXT
            ),
            "target_id": pd.array(targets.to_numpy(), dtype=TEXT),
            "via": pd.array(["codes"] * len(segments), dtype=TEXT),
        }
    )
    return cast(pd.DataFrame, out)
