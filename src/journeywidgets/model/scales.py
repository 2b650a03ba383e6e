"""Emotion scales: the number line an emotion curve is drawn on.

Scales are data, named by a short id stored in the map's meta (``emotion_scale``).
Conversion between valence scales goes through a normalised valence v in [-1, 1], measured
from the scale's neutral point, so that "neutral" stays neutral on every scale.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .errors import ValidationError


@dataclass(frozen=True)
class EmotionScale:
    """A closed interval of emotion scores with a neutral point and optional labels."""

    scale_id: str
    min: float
    max: float
    neutral: float
    integer_only: bool
    labels: dict[float, str] = field(default_factory=dict, compare=False, hash=False)
    description: str = field(default="", compare=False)

    def check(self, score: float, *, aggregate: bool = False) -> None:
        """Raise ValidationError unless ``score`` lies on this scale.

        Fractions on an integer scale are allowed for aggregates (``n`` > 1), where a
        mean of integer answers is the honest value.
        """
        if not (self.min <= score <= self.max):
            raise ValidationError(
                f"score {score:g} is outside the {self.scale_id} scale "
                f"({self.min:g} to {self.max:g})"
            )
        if self.integer_only and not aggregate and not float(score).is_integer():
            raise ValidationError(
                f"score {score:g} is not a whole number; the {self.scale_id} scale takes "
                "whole numbers (fractions only for aggregates with n > 1)"
            )

    def to_valence(self, score: float) -> float:
        """Map a score to [-1, 1], 0 being this scale's neutral point."""
        if score >= self.neutral:
            span = self.max - self.neutral
            return 0.0 if span == 0 else (score - self.neutral) / span
        return (score - self.neutral) / (self.neutral - self.min)

    def from_valence(self, valence: float, *, round_to_integer: bool | None = None) -> float:
        """Inverse of :meth:`to_valence`; rounds on integer scales unless told otherwise."""
        valence = max(-1.0, min(1.0, valence))
        if valence >= 0:
            score = self.neutral + valence * (self.max - self.neutral)
        else:
            score = self.neutral + valence * (self.neutral - self.min)
        if self.integer_only if round_to_integer is None else round_to_integer:
            # Round half away from zero (from neutral): Python's round() is banker's rounding,
            # which would send 0.5 and 1.5 different ways.
            offset = score - self.neutral
            score = self.neutral + math.copysign(math.floor(abs(offset) + 0.5), offset)
        return score

    def convert(
        self, score: float, to: EmotionScale, *, round_to_integer: bool | None = None
    ) -> float:
        """Convert ``score`` from this scale to scale ``to``."""
        return to.from_valence(self.to_valence(score), round_to_integer=round_to_integer)

    def label(self, score: float) -> str | None:
        """The label of the nearest labelled point, if this scale has labels."""
        if not self.labels:
            return None
        nearest = min(self.labels, key=lambda point: abs(point - score))
        return self.labels[nearest]


def _levels(n: int) -> EmotionScale:
    return EmotionScale(
        scale_id=f"levels{n}",
        min=1,
        max=n,
        neutral=(n + 1) / 2,
        integer_only=True,
        description=f"{n} levels, 1 (lowest) to {n} (highest)",
    )


BUILTIN_SCALES: dict[str, EmotionScale] = {
    scale.scale_id: scale
    for scale in (
        EmotionScale(
            "bipolar5",
            -2,
            2,
            0,
            True,
            {-2: "very negative", -1: "negative", 0: "neutral", 1: "positive", 2: "very positive"},
            "−2 … +2 around a neutral 0 (the default)",
        ),
        EmotionScale(
            "likert5",
            1,
            5,
            3,
            True,
            {1: "very negative", 2: "negative", 3: "neutral", 4: "positive", 5: "very positive"},
            "1 … 5, as Mermaid journey diagrams score tasks",
        ),
        EmotionScale(
            "bipolar3",
            -1,
            1,
            0,
            True,
            {-1: "negative", 0: "neutral", 1: "positive"},
            "−1, 0, +1: quick classroom maps",
        ),
        EmotionScale("percent", 0, 100, 50, False, {}, "0 … 100, 50 neutral"),
    )
}

DEFAULT_SCALE = "bipolar5"
_LEVELS = re.compile(r"levels(\d+)")


def get_scale(scale: str | EmotionScale) -> EmotionScale:
    """Look up a scale by id: bipolar5, likert5, bipolar3, percent or levelsN (N = 2…10).

    Examples
    --------
    >>> import journeywidgets as jw
    >>> scale = jw.get_scale("likert5")
    >>> scale.min, scale.neutral, scale.max, scale.labels[5]
    (1, 3, 5, 'very positive')
    >>> scale.to_valence(4)  # every scale maps onto -1 … +1
    0.5
    >>> jw.get_scale("levels7").max
    7
    """
    if isinstance(scale, EmotionScale):
        return scale
    if scale in BUILTIN_SCALES:
        return BUILTIN_SCALES[scale]
    match = _LEVELS.fullmatch(scale) if isinstance(scale, str) else None
    if match and 2 <= int(match.group(1)) <= 10:
        return _levels(int(match.group(1)))
    known = ", ".join([*BUILTIN_SCALES, "levels2 … levels10"])
    raise ValidationError(f"unknown emotion scale {scale!r}; known scales: {known}")
