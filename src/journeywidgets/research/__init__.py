"""From codes to an evidenced map: code meanings, emotion aggregates, evidence strength.

The functions here take a journey and either read it (support, quotes, matrices) or
change it through its op pipeline as one undoable change (``map_codes``,
``aggregate_emotions``). ``journeywidgets.Journey`` offers each of them as a method.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

import pandas as pd

from ..model import Change, Journey
from ..model.errors import ValidationError
from ..model.ops import SetMeta
from ..model.schema import TABLES
from .aggregation import INTERVALS, Interval, IntervalMethod, aggregate_ratings, scale_points
from .analysis import SaturationOrder
from .analysis import evidence_matrix as _evidence_matrix
from .analysis import saturation as _saturation
from .code_mapping import Meaning, map_code_ops
from .emotions import aggregate, emotion_ops
from .quotes import quotes as _quotes
from .strength import EvidenceRule, levels, support
from .study import Study

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "INTERVALS",
    "EvidenceRule",
    "Interval",
    "IntervalMethod",
    "Study",
    "aggregate_emotions",
    "aggregate_ratings",
    "assumed_items",
    "evidence_levels",
    "evidence_matrix",
    "evidence_support",
    "map_codes",
    "plot_emotion_distribution",
    "quotes",
    "saturation",
    "scale_points",
    "supporting_segments",
]


def study_of(journey: Journey) -> Study:
    """The journey's tables as they stand, for the computations of this package."""
    return Study({name: getattr(journey, name) for name in TABLES}, journey.emotion_scale)


def map_codes(journey: Journey, mapping: Mapping[str, Meaning]) -> Change | None:
    """See :meth:`journeywidgets.Journey.map_codes`."""
    ops = map_code_ops(study_of(journey), mapping)
    return journey.apply(ops) if ops else None


def aggregate_emotions(
    journey: Journey,
    *,
    interval: Interval = "t",
    confidence: float = 0.95,
    seed: int = 0,
    resamples: int = 9999,
    variant: str | None = None,
    across_personas: bool = False,
    write: bool = True,
) -> pd.DataFrame:
    """See :meth:`journeywidgets.Journey.aggregate_emotions`."""
    method = IntervalMethod(interval, confidence, seed, resamples)
    study = study_of(journey)
    if variant is not None:
        choices = TABLES["emotions"].column("variant").choices
        if variant not in choices:
            raise ValidationError(
                f"variant must be one of {', '.join(choices)}, not {variant!r}", table="emotions"
            )
    out = aggregate(study, method, variant=variant, across_personas=across_personas)
    if write:
        variants = {variant} if variant else {"as_is", *map(str, out["variant"].dropna())}
        ops = emotion_ops(study, out, variants=variants, across_personas=across_personas)
        if ops and journey.meta.get("emotion_confidence") != confidence:
            ops.append(SetMeta("emotion_confidence", confidence))  # what the labels say
        if ops:
            journey.apply(ops)
    return out


def supporting_segments(journey: Journey) -> pd.DataFrame:
    """Every evidence link, the researcher's own (``via`` "link") and those the code
    mappings imply (``via`` "codes"): segment_id, target_table, target_id, via."""
    return cast(pd.DataFrame, study_of(journey).links.copy())


def evidence_support(journey: Journey, rule: EvidenceRule | None = None) -> pd.DataFrame:
    """See :meth:`journeywidgets.Journey.evidence_support`."""
    return support(study_of(journey), rule)


def evidence_levels(
    journey: Journey, rule: EvidenceRule | None = None
) -> dict[str, dict[str, str]]:
    """``{table: {item_id: level}}`` for stages, steps, cards and emotions."""
    return levels(study_of(journey), rule)


def assumed_items(journey: Journey, evidence: bool | None = None) -> dict[str, set[str]] | None:
    """What figures and views mark as assumptions: ``{table: ids}`` of the stages, steps,
    cards and emotion points whose level is "assumed". ``evidence`` None (auto) marks them
    only on a map with research material (segments); False never, True always."""
    if evidence is False or (evidence is None and journey.segments.empty):
        return None
    out: dict[str, set[str]] = {}
    for table, items in evidence_levels(journey).items():
        out[table] = {item for item, level in items.items() if level == "assumed"}
    return out


def plot_emotion_distribution(
    journey: Journey,
    ax: Axes | None = None,
    *,
    personas: Sequence[str] | None = None,
    variant: str = "as_is",
) -> Figure:
    """See :meth:`journeywidgets.Journey.plot_emotion_distribution`."""
    from .figures import plot_emotion_distribution as plot

    return plot(journey, study_of(journey), ax, personas=personas, variant=variant)


def quotes(journey: Journey, item_id: str, *, context: int = 80) -> pd.DataFrame:
    """See :meth:`journeywidgets.Journey.quotes`."""
    return _quotes(study_of(journey), item_id, context=context)


def evidence_matrix(journey: Journey, *, names: bool = False) -> pd.DataFrame:
    """See :meth:`journeywidgets.Journey.evidence_matrix`."""
    return _evidence_matrix(study_of(journey), names=names)


def saturation(journey: Journey, *, order: SaturationOrder = "collected_at") -> pd.DataFrame:
    """See :meth:`journeywidgets.Journey.saturation`."""
    return _saturation(study_of(journey), order=order)
