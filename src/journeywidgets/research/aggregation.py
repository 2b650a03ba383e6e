"""Emotion ratings over many participants: n, centre, spread and a 95 % interval.

Ratings are aggregated in two stages, so that a talkative participant counts once:
first within each participant (the mean of their ratings of a step), then across the
participants of each group (step × persona × variant). The interval is either Student's t
on the participants' values or a seeded percentile bootstrap of their mean, and it is
clipped to the scale (a mean of answers on a bounded scale cannot leave it).

The work is done on integer group codes with numpy (``bincount`` and one sort for the
medians) rather than by pandas' groupby, which pays for its generality on every group:
see ``benchmarks/bench_research.py`` for the two side by side.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

import numpy as np
import pandas as pd

from ..model.errors import ValidationError
from ..model.scales import EmotionScale

Interval = Literal["t", "bootstrap"]
INTERVALS = ("t", "bootstrap")
GROUP = ("step_id", "persona_id", "variant")
"""The columns a curve point is identified by, as on the ``emotions`` table."""


@dataclass(frozen=True)
class IntervalMethod:
    """How the interval is computed; ``str()`` is the sentence reports print."""

    kind: Interval = "t"
    confidence: float = 0.95
    seed: int = 0
    resamples: int = 9999

    def __post_init__(self) -> None:
        if self.kind not in INTERVALS:
            raise ValidationError(
                f"interval must be one of {', '.join(INTERVALS)}, not {self.kind!r}"
            )
        if not 0 < self.confidence < 1:
            raise ValidationError(f"confidence must be between 0 and 1, not {self.confidence!r}")
        if self.resamples < 100:
            raise ValidationError(f"resamples must be at least 100, not {self.resamples!r}")

    def __str__(self) -> str:
        level = f"{self.confidence:.0%}"
        if self.kind == "t":
            return f"{level} t interval of the mean over participants"
        return (
            f"{level} percentile bootstrap of the mean over participants "
            f"({self.resamples} resamples, seed {self.seed})"
        )


def scale_points(scale: EmotionScale) -> np.ndarray:
    """The points ratings are counted on: every whole score of an integer scale, and five
    evenly spaced points (its ends, neutral and halfway) on a continuous one."""
    if scale.integer_only:
        return np.arange(math.ceil(scale.min), math.floor(scale.max) + 1, dtype=float)
    return np.linspace(scale.min, scale.max, 5)


def nearest_point(values: np.ndarray, scale: EmotionScale) -> np.ndarray:
    """Index into :func:`scale_points` of the point nearest each value; a value halfway
    between two points goes to the one farther from neutral (as the scale rounds)."""
    points = scale_points(scale)
    upper = np.clip(np.searchsorted(points, values), 1, len(points) - 1)
    lower = upper - 1
    to_lower = values - points[lower]
    to_upper = points[upper] - values
    farther_up = np.abs(points[upper] - scale.neutral) >= np.abs(points[lower] - scale.neutral)
    pick_upper = (to_upper < to_lower) | ((to_upper == to_lower) & farther_up)
    return np.where(pick_upper, upper, lower)


def point_name(point: float) -> str:
    """The column name of a scale point in a distribution: ``"-2"``, ``"0"``, ``"62.5"``."""
    return f"{point:g}"


def aggregate_ratings(
    ratings: pd.DataFrame,
    scale: EmotionScale,
    method: IntervalMethod | None = None,
    *,
    groups: Sequence[str] = GROUP,
) -> pd.DataFrame:
    """Aggregate ``ratings`` (one row per rating: ``participant``, ``value`` and the
    ``groups`` columns) into one row per group.

    Columns: the group columns, ``n`` (participants), ``ratings``, ``mean``, ``median``,
    ``sd`` (sample standard deviation over participants; empty for one participant),
    ``ci_low``, ``ci_high``, then one column per scale point counting the participants
    whose own mean is nearest that point. Rows are in no particular order; no rating of
    an unknown participant is dropped (give each its own key).
    """
    groups = list(groups)
    values = pd.to_numeric(ratings["value"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    keep = ~np.isnan(values)
    if not keep.all():
        ratings, values = ratings[keep], values[keep]
    group_codes, group_keys = _factorize(ratings, groups)
    participant_codes, _ = _factorize(ratings, ["participant"])
    return aggregate_codes(group_codes, group_keys, participant_codes, values, scale, method)


def aggregate_codes(
    group_codes: np.ndarray,
    group_keys: pd.DataFrame,
    participant_codes: np.ndarray,
    values: np.ndarray,
    scale: EmotionScale,
    method: IntervalMethod | None = None,
    *,
    identity: Sequence[str] | None = None,
) -> pd.DataFrame:
    """:func:`aggregate_ratings` on ratings already numbered: ``group_codes`` index the rows
    of ``group_keys`` (every row used), ``participant_codes`` are 0, 1, … per participant,
    ``values`` are the ratings (none empty). ``identity`` names the key columns a group is
    identified by (default: all), which seed its bootstrap stream."""
    method = method or IntervalMethod()
    points = scale_points(scale)
    counts_columns = [point_name(p) for p in points]
    if len(values) and (values.min() < scale.min or values.max() > scale.max):
        bad = values[(values < scale.min) | (values > scale.max)][0]
        raise ValidationError(
            f"rating {bad:g} is outside the {scale.scale_id} scale ({scale.min:g} to {scale.max:g})"
        )

    # One code per (group, participant).
    participants = int(participant_codes.max(initial=-1)) + 1
    pair = group_codes * participants + participant_codes
    pair_index, pairs = _dense(pair, len(group_keys) * participants)
    per_pair = np.bincount(pair_index, weights=values) / np.bincount(pair_index)
    pair_group = group_codes[_first_positions(pair_index, pairs)]

    groups_n = len(group_keys)
    n = np.bincount(pair_group, minlength=groups_n)
    rating_counts = np.bincount(group_codes, minlength=groups_n)
    # Sums over each group's values in sorted order: the same bits whatever the rows' order.
    order = np.lexsort((per_pair, pair_group))
    sorted_values = per_pair[order]
    starts = np.concatenate(([0], np.cumsum(n)[:-1])) if groups_n else np.zeros(0, dtype=int)
    mean = _group_sums(sorted_values, starts, n) / n
    deviation = sorted_values - np.repeat(mean, n)
    squares = _group_sums(deviation * deviation, starts, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.where(n > 1, np.sqrt(squares / (n - 1)), np.nan)
    median = (sorted_values[starts + (n - 1) // 2] + sorted_values[starts + n // 2]) / 2
    identified = group_keys[list(identity)] if identity is not None else group_keys
    low, high = _interval(method, mean, sd, n, sorted_values, starts, identified)
    low = np.clip(low, scale.min, scale.max)
    high = np.clip(high, scale.min, scale.max)
    nearest = nearest_point(per_pair, scale)
    distribution = np.bincount(
        pair_group * len(points) + nearest, minlength=groups_n * len(points)
    ).reshape(groups_n, len(points))

    out = group_keys.reset_index(drop=True)
    out["n"] = pd.array(n, dtype="Int64")
    out["ratings"] = pd.array(rating_counts, dtype="Int64")
    for name, column in (("mean", mean), ("median", median), ("sd", sd)):
        out[name] = pd.array(column, dtype="Float64")
    out["ci_low"] = pd.array(low, dtype="Float64")
    out["ci_high"] = pd.array(high, dtype="Float64")
    for name, column in ((c, n_) for c, n_ in zip(counts_columns, distribution.T, strict=True)):
        out[name] = pd.array(column, dtype="Int64")
    # NaN means "not defined here" (sd of one value): show it as empty, as the tables do.
    for name in ("sd", "ci_low", "ci_high"):
        out[name] = out[name].mask(out[name].isna())
    return cast(pd.DataFrame, out)


def _group_sums(values: np.ndarray, starts: np.ndarray, n: np.ndarray) -> np.ndarray:
    """The sum of each group's run of ``values`` (runs start at ``starts``, ``n`` long)."""
    if not len(values):
        return np.zeros(len(n))
    return np.add.reduceat(values, np.minimum(starts, len(values) - 1)) * (n > 0)


def _factorize(frame: pd.DataFrame, columns: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer codes 0, 1, … of the rows' combined ``columns`` (empty is a value, not
    dropped), and the distinct combinations in the order of their codes."""
    codes = np.zeros(len(frame), dtype=np.int64)
    space = 1
    for column in columns:
        # Empty gets code 0 (pandas' NA sentinel −1, shifted): faster than asking pandas to
        # keep NA as a value, which takes a slow path for nullable text.
        column_codes, uniques = pd.factorize(frame[column])
        codes = codes * (len(uniques) + 1) + (column_codes + 1)
        space *= len(uniques) + 1
    dense, count = _dense(codes, space)
    keys = frame.iloc[_first_positions(dense, count)][columns].reset_index(drop=True)
    return dense, keys


def _dense(codes: np.ndarray, space: int) -> tuple[np.ndarray, int]:
    """Codes in ``range(space)`` renumbered 0, 1, … in the order of their values: by a
    lookup table where the space is small, else by hashing."""
    if space <= 4 * len(codes) + 1_000_000:
        present = np.zeros(space, dtype=bool)
        present[codes] = True
        renumber = np.cumsum(present) - 1
        return renumber[codes].astype(np.int64), int(present.sum())
    dense, uniques = pd.factorize(codes, sort=True)
    return dense.astype(np.int64), len(uniques)


def _first_positions(dense: np.ndarray, count: int) -> np.ndarray:
    """The position of each code's first row."""
    first = np.empty(count, dtype=np.int64)
    positions = np.arange(len(dense), dtype=np.int64)
    first[dense[::-1]] = positions[::-1]  # later writes win: the earliest row stays
    return first


def _interval(
    method: IntervalMethod,
    mean: np.ndarray,
    sd: np.ndarray,
    n: np.ndarray,
    sorted_values: np.ndarray,
    starts: np.ndarray,
    keys: pd.DataFrame,
) -> tuple[np.ndarray, np.ndarray]:
    from scipy import stats

    undefined = n < 2
    alpha = 1 - method.confidence
    if method.kind == "t":
        with np.errstate(invalid="ignore", divide="ignore"):
            half = stats.t.ppf(1 - alpha / 2, np.maximum(n - 1, 1)) * sd / np.sqrt(n)
        half = np.where(undefined, np.nan, half)
        return mean - half, mean + half
    low = np.full(len(n), np.nan)
    high = np.full(len(n), np.nan)
    for index in np.flatnonzero(~undefined):
        sample = sorted_values[starts[index] : starts[index] + n[index]]
        if sample[0] == sample[-1]:  # everyone agrees: nothing to resample
            low[index] = high[index] = sample[0]
            continue
        # Each group gets its own stream, seeded by the seed and the group's key, so that
        # adding or removing another group does not change this group's interval.
        key = "\x1f".join("" if pd.isna(v) else str(v) for v in keys.iloc[index])
        rng = np.random.default_rng([method.seed, zlib.crc32(key.encode())])
        result = stats.bootstrap(
            (sample,),
            np.mean,
            confidence_level=method.confidence,
            n_resamples=method.resamples,
            method="percentile",
            rng=rng,
            vectorized=True,
        )
        low[index] = result.confidence_interval.low
        high[index] = result.confidence_interval.high
    return low, high
