"""Who rated which step how: the ratings coded segments give, as integer codes.

This is the path ``journey.aggregate_emotions()`` takes from the tables (segments,
segment_codes, code_mappings, participants, evidence_links) to one row per rating. It is
written on positions and numpy arrays rather than joins of id strings: on a study of
400,000 segments and 800,000 codings, the joins spent seconds converting and re-hashing
text, while what cannot be avoided is to look each coding's segment and code up once
(two hash passes over the codings; see ``benchmarks/bench_research.py``).

The rules are those :class:`~.study.Study` states: a segment rates every step it is about
(a code mapped to the step, or a link to it), as-is, for each persona it speaks for, with
the emotion stated on it or else the mean of its codes' emotions; a segment linked to an
emotion point rates that point's step, persona and variant.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model.schema import TABLES

VARIANTS = TABLES["emotions"].column("variant").choices
"""The curve variants, in the order of their codes (``as_is`` is 0)."""


def objects(values: pd.Series | pd.Index) -> np.ndarray:
    """The values as a numpy array of Python objects (empty is pd.NA; no copy for text)."""
    return np.asarray(values, dtype=object)


def positions(keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The position in ``keys`` (distinct) of each of ``values``; −1 where absent or empty.

    One hash pass over both (``pd.factorize`` numbers distinct values in order of first
    appearance, so the keys, put first, number themselves 0, 1, …)."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    codes, _ = pd.factorize(np.concatenate([keys, values]))
    found = codes[len(keys) :].astype(np.int64, copy=False)
    return np.where(found < len(keys), found, -1)


def distinct_pairs(first: np.ndarray, second: np.ndarray, space: int) -> np.ndarray:
    """The positions of the first of each distinct (first, second) pair, ``second`` in
    ``range(space)``; hashing only where a ``first`` occurs more than once."""
    repeated = np.bincount(first, minlength=1)[first] > 1 if len(first) else first > 0
    keep = ~repeated
    if repeated.any():
        where = np.flatnonzero(repeated)
        _, once = np.unique(first[where] * space + second[where], return_index=True)
        keep[where[once]] = True
    return np.flatnonzero(keep)


@dataclass(frozen=True)
class CodedRatings:
    """One entry per rating, as positions: ``segment`` into the segments table, ``step``
    into ``steps``, ``persona`` into ``personas`` (−1: the map's own curve), ``variant``
    into :data:`VARIANTS`; ``respondent`` numbers who rated (a participant, or a segment
    without one, each its own); ``value`` the rating. The id arrays decode the positions."""

    segment: np.ndarray
    step: np.ndarray
    persona: np.ndarray
    variant: np.ndarray
    respondent: np.ndarray
    value: np.ndarray
    segment_ids: np.ndarray
    step_ids: np.ndarray
    persona_ids: np.ndarray
    participant_ids: np.ndarray  # per respondent: the participant id, None for a segment

    def __len__(self) -> int:
        return len(self.value)


def _link_targets(links: pd.DataFrame, table: str) -> tuple[np.ndarray, np.ndarray]:
    chosen = (links["target_table"] == table).fillna(False).to_numpy(dtype=bool)
    return objects(links["segment_id"])[chosen], objects(links["target_id"])[chosen]


def _segment_values(
    stated: np.ndarray, coding_segment: np.ndarray, coding_emotion: np.ndarray
) -> np.ndarray:
    """Each segment's rating: the emotion stated on it, else its mapped codes' mean."""
    rated = ~np.isnan(coding_emotion)
    where, emotion = coding_segment[rated], coding_emotion[rated]
    total = np.bincount(where, weights=emotion, minlength=len(stated))
    count = np.bincount(where, minlength=len(stated))
    with np.errstate(invalid="ignore", divide="ignore"):
        from_codes = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    return np.where(np.isnan(stated), from_codes, stated)


def _expand(
    left: np.ndarray, right_keys: np.ndarray, right_values: np.ndarray, space: int
) -> tuple[np.ndarray, np.ndarray]:
    """A left join on integer keys in ``range(space)``: for each of ``left``, the position
    of the left entry and each right value of its key, or −1 for a key with none."""
    order = np.argsort(right_keys, kind="stable")
    values = right_values[order]
    counts = np.bincount(right_keys, minlength=space)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    per = counts[left]
    repeat = np.maximum(per, 1)
    rows = np.repeat(np.arange(len(left)), repeat)
    offset = np.arange(len(rows)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    has = np.repeat(per > 0, repeat)
    taken = values[np.where(has, starts[left][rows] + offset, 0)] if len(values) else rows * 0
    return rows, np.where(has, taken, -1)


def coded_ratings(frames: Mapping[str, pd.DataFrame]) -> CodedRatings:
    """The ratings the coded segments of ``frames`` (a journey's tables) give."""
    segments, codings, mappings = (
        frames["segments"],
        frames["segment_codes"],
        frames["code_mappings"],
    )
    links, emotions = frames["evidence_links"], frames["emotions"]
    segment_ids = objects(segments.index)
    step_ids = objects(frames["steps"].index)
    persona_ids = objects(frames["personas"].index)
    size = len(segment_ids)

    # Each coding's segment and mapped code: the two passes over the codings.
    coding_segment = positions(segment_ids, objects(codings["segment_id"]))
    coding_mapping = positions(objects(mappings["code_id"]), objects(codings["code_id"]))
    kept = (coding_segment >= 0) & (coding_mapping >= 0)
    coding_segment, coding_mapping = coding_segment[kept], coding_mapping[kept]
    mapped_step = positions(step_ids, objects(mappings["step_id"]))[coding_mapping]
    mapped_persona = positions(persona_ids, objects(mappings["persona_id"]))[coding_mapping]
    mapped_emotion = mappings["emotion"].to_numpy(dtype=float, na_value=np.nan)[coding_mapping]

    stated = segments["emotion"].to_numpy(dtype=float, na_value=np.nan)
    value = _segment_values(stated, coding_segment, mapped_emotion)
    has_value = ~np.isnan(value)

    # Who rated: the participant, or the segment itself when it has none.
    participant_code, participant_ids = pd.factorize(objects(segments["participant_id"]))
    known = len(participant_ids)
    respondent = np.where(participant_code >= 0, participant_code, known + np.arange(size))
    respondent_ids = np.concatenate(
        [np.asarray(participant_ids, dtype=object), np.full(size, None, dtype=object)]
    )

    # Whom each segment speaks for: its participant's persona, else the personas codes on
    # any of that respondent's segments are mapped to, else nobody (the map's own curve).
    participants = frames["participants"]
    row = positions(objects(participants.index), np.asarray(participant_ids, dtype=object))
    of_participant = positions(persona_ids, objects(participants["persona_id"]))
    set_persona = np.full(known, -1, dtype=np.int64)
    set_persona[row >= 0] = of_participant[row[row >= 0]]
    own_persona = np.full(size, -1, dtype=np.int64)
    own_persona[participant_code >= 0] = set_persona[participant_code[participant_code >= 0]]
    by_code = mapped_persona >= 0
    space = known + size
    if by_code.any():
        pair = np.unique(
            respondent[coding_segment[by_code]] * len(persona_ids) + mapped_persona[by_code]
        )
        open_ = np.flatnonzero(own_persona < 0)
        rows, persona = _expand(
            respondent[open_], pair // len(persona_ids), pair % len(persona_ids), space
        )
        settled = np.flatnonzero(own_persona >= 0)
        speaker = np.concatenate([settled, open_[rows]])
        spoken = np.concatenate([own_persona[settled], persona])
    else:
        speaker, spoken = np.arange(size), own_persona

    # The steps each rated segment is about, once each: codes and links to steps.
    step_links, step_targets = _link_targets(links, "steps")
    about_segment = np.concatenate(
        [coding_segment[mapped_step >= 0], positions(segment_ids, step_links)]
    )
    about_step = np.concatenate([mapped_step[mapped_step >= 0], positions(step_ids, step_targets)])
    usable = (about_segment >= 0) & (about_step >= 0)
    usable[usable] = has_value[about_segment[usable]]
    about_segment, about_step = about_segment[usable], about_step[usable]
    once = distinct_pairs(about_segment, about_step, len(step_ids))
    pair_segment, pair_step = about_segment[once], about_step[once]

    # × the personas each speaks for (usually one: then no join is needed).
    if len(speaker) == size and (speaker == np.arange(size)).all():
        rating_segment, rating_step, rating_persona = pair_segment, pair_step, spoken[pair_segment]
    else:
        rows, persona_row = _expand(pair_segment, speaker, np.arange(len(speaker)), size)
        rating_segment, rating_step = pair_segment[rows], pair_step[rows]
        rating_persona = np.where(persona_row >= 0, spoken[np.maximum(persona_row, 0)], -1)
    rating_variant = np.zeros(len(rating_segment), dtype=np.int64)

    # A segment linked to an emotion point rates that point.
    point_links, point_targets = _link_targets(links, "emotions")
    linked = positions(segment_ids, point_links)
    point = positions(objects(emotions.index), point_targets)
    usable = (linked >= 0) & (point >= 0)
    usable[usable] = has_value[linked[usable]]
    if usable.any():
        linked, point = linked[usable], point[usable]
        variants = positions(np.asarray(VARIANTS, dtype=object), objects(emotions["variant"]))
        steps_of = positions(step_ids, objects(emotions["step_id"]))
        personas_of = positions(persona_ids, objects(emotions["persona_id"]))
        rating_segment = np.concatenate([rating_segment, linked])
        rating_step = np.concatenate([rating_step, steps_of[point]])
        rating_persona = np.concatenate([rating_persona, personas_of[point]])
        rating_variant = np.concatenate([rating_variant, variants[point]])
        key = np.stack([rating_segment, rating_step, rating_persona, rating_variant])
        _, first = np.unique(key, axis=1, return_index=True)
        first.sort()
        rating_segment, rating_step = rating_segment[first], rating_step[first]
        rating_persona, rating_variant = rating_persona[first], rating_variant[first]

    return CodedRatings(
        segment=rating_segment,
        step=rating_step,
        persona=rating_persona,
        variant=rating_variant,
        respondent=respondent[rating_segment],
        value=value[rating_segment],
        segment_ids=segment_ids,
        step_ids=step_ids,
        persona_ids=persona_ids,
        participant_ids=respondent_ids,
    )
