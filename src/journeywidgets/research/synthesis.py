"""The research methods of the public ``Journey``: thin calls into this package.

They are a mixin, as the model's building methods are (``model/building.py``,
``model/coding.py``), so that ``journeywidgets.Journey`` stays a list of what it offers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

import pandas as pd

from .. import research as _research
from ..model import Change, Journey
from .aggregation import Interval
from .analysis import SaturationOrder
from .code_mapping import Meaning
from .strength import EvidenceRule

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def _journey(mixin: object) -> Journey:
    return cast(Journey, mixin)


class ResearchSynthesis:
    """From codes to an evidenced map (see :mod:`journeywidgets.research`)."""

    def map_codes(self, mapping: Mapping[str, Meaning]) -> Change | None:
        """Say what codes mean on the map, as one undoable change saved with the map.

        ``mapping`` is ``{code: meaning}``; a code is named by id, name or path in the code
        tree (``"emotion/frustrated"``). A meaning is one of:

        - a step or stage (id or name), or ``{"step": …}`` / ``{"stage": …}``: the coded
          segments are about that moment;
        - ``{"lane": lane, "kind": "pain_point", "text": "…"}``: a card theme in a lane
          (``text`` defaults to the code's name); a card of that text is added to the lane
          at each step where the theme's segments are, unless one is there;
        - a number, or ``{"emotion": -2}``: a rating on the map's emotion scale;
        - ``{"persona": …}``: the segments speak for that persona;
        - ``None``: the code means nothing on the map any more.

        Mapping a code again replaces its meaning (``code_mappings`` has one row per code).
        A code, step, lane or persona that does not exist, or an emotion off the scale, is
        refused naming the code and what is allowed; then nothing changes.

        Examples
        --------
        >>> from journeywidgets.datasets import research_study
        >>> j = research_study()
        >>> change = j.map_codes({"Moment/Paying": "Pays", "Emotion/Frustrated": -2})
        >>> j.code_mappings[["code_id", "step_id", "emotion"]]
                        code_id step_id  emotion
        code_mapping_id
        code_mapping_1   code_5  step_4     <NA>
        code_mapping_2  code_16    <NA>     -2.0
        """
        return _research.map_codes(_journey(self), mapping)

    def aggregate_emotions(
        self,
        *,
        interval: Interval = "t",
        confidence: float = 0.95,
        seed: int = 0,
        resamples: int = 9999,
        variant: str | None = None,
        across_personas: bool = False,
        write: bool = True,
    ) -> pd.DataFrame:
        """The emotion curve from participants' ratings, tidy, and written onto ``emotions``.

        A segment rates each step it is about with the emotion stated on it, else its
        emotion codes' mean. Ratings are averaged within each participant first (one value
        per participant and step), then across participants per step × persona × variant:
        ``n`` participants, ``ratings``, ``mean``, ``median``, ``sd``, and a ``confidence``
        interval (``interval="t"``: Student's t; ``"bootstrap"``: percentile bootstrap with
        ``resamples`` draws from ``seed``), clipped to the scale, then the number of
        participants nearest each scale point. Personas are never pooled unless
        ``across_personas``. With ``write`` (default) the scores, n and spread go onto
        ``emotions`` (source ``interview``) as one undoable change; running it again after
        more coding updates the same rows.

        Examples
        --------
        >>> from journeywidgets.datasets import research_study
        >>> j = research_study()
        >>> change = j.map_codes({"Moment/Paying": "Pays", "Emotion/Frustrated": -2})
        >>> j.aggregate_emotions()[["step", "persona", "n", "mean"]]
           step        persona  n  mean
        0  Pays       Commuter  3  -2.0
        1  Pays  Weekend rider  3  -2.0
        >>> j.emotions[["step_id", "persona_id", "score", "n"]]
                   step_id persona_id  score  n
        emotion_id
        emotion_1   step_4  persona_1   -2.0  3
        emotion_2   step_4  persona_2   -2.0  3
        """
        return _research.aggregate_emotions(
            _journey(self),
            interval=interval,
            confidence=confidence,
            seed=seed,
            resamples=resamples,
            variant=variant,
            across_personas=across_personas,
            write=write,
        )

    def supporting_segments(self) -> pd.DataFrame:
        """Every evidence link: the ones made by hand (``via`` "link") and those the code
        mappings imply (``via`` "codes"), as segment_id, target_table, target_id, via.

        Examples
        --------
        >>> from journeywidgets.datasets import research_study
        >>> j = research_study()
        >>> change = j.map_codes({"Moment/Paying": "Pays"})
        >>> j.supporting_segments().head(2)
           segment_id target_table target_id    via
        0   segment_4        steps    step_4  codes
        1  segment_10        steps    step_4  codes
        """
        return _research.supporting_segments(_journey(self))

    def evidence_support(self, rule: EvidenceRule | None = None) -> pd.DataFrame:
        """Support and evidence level of every stage, step, card and emotion point.

        ``segments`` and distinct ``participants`` backing each item (a stage also by its
        steps' segments), the level ``rule`` computes from them (default
        :class:`~journeywidgets._research.EvidenceRule`: observed / reported from 3
        participants, inferred below, assumed with none), the manual level in the item's
        ``evidence_level`` if a researcher set one, and ``level``: the manual one wins.

        Examples
        --------
        >>> from journeywidgets.datasets import research_study
        >>> j = research_study()
        >>> change = j.map_codes({"Moment/Paying": "Pays"})
        >>> support = j.evidence_support().set_index("item_id")
        >>> support.loc[["step_3", "step_4"], ["segments", "participants", "level"]]
                 segments  participants     level
        item_id
        step_3          0             0   assumed
        step_4          6             6  reported
        """
        return _research.evidence_support(_journey(self), rule)

    def quotes(self, item: str, *, context: int = 80) -> pd.DataFrame:
        """The segments backing a stage, step, card or emotion point (by id; a stage or step
        by its unique name too): participant, source, the quote with ``context``
        characters of its source on each side, codes.

        Examples
        --------
        >>> from journeywidgets.datasets import research_study
        >>> j = research_study()
        >>> change = j.map_codes({"Pain point/Card declined": "Pays"})
        >>> quotes = j.quotes("step_4", context=0)
        >>> quotes.loc[1, ["participant", "text"]].tolist()
        ['P2 Wei Ling 慧玲', '我的卡在柜台被拒了两次，太尴尬了 😡']
        >>> j.quotes("Pays", context=0).equals(quotes)  # the step's name
        True
        """
        return _research.quotes(_journey(self), item, context=context)

    def evidence_matrix(self, *, names: bool = False) -> pd.DataFrame:
        """Participants × steps: how many segments of each participant are about each step
        (ids; labels and step names with ``names``).

        Examples
        --------
        >>> from journeywidgets.datasets import research_study
        >>> j = research_study()
        >>> change = j.map_codes({"Moment/Paying": "Pays"})
        >>> j.evidence_matrix(names=True)["Pays"].tolist()  # one segment per participant
        [1, 1, 1, 1, 1, 1]
        """
        return _research.evidence_matrix(_journey(self), names=names)

    def saturation(self, *, order: SaturationOrder = "collected_at") -> pd.DataFrame:
        """New codes per added participant (interview), in the order their material was
        collected (or ``order="position"``): codes, new codes, cumulative, share, names.

        Examples
        --------
        >>> from journeywidgets.datasets import research_study
        >>> j = research_study()
        >>> j.saturation()[["interview", "label", "codes", "new_codes"]].head(3)
           interview           label  codes  new_codes
        0          1       P1 Aisyah     14         14
        1          2        P4 Hafiz     14          0
        2          3  P2 Wei Ling 慧玲     11          0
        """
        return _research.saturation(_journey(self), order=order)

    def plot_emotion_distribution(
        self,
        ax: Axes | None = None,
        *,
        personas: Sequence[str] | None = None,
        variant: str = "as_is",
    ) -> Figure:
        """Diverging stacked bars of the emotion ratings, one bar per step (and persona):
        the share of participants nearest each scale point, negative left of zero,
        positive right, neutral split across it; n in each label.

        Examples
        --------
        >>> from journeywidgets.datasets import research_study
        >>> j = research_study()
        >>> change = j.map_codes({"Moment/Paying": "Pays", "Emotion/Frustrated": -2})
        >>> figure = j.plot_emotion_distribution()
        >>> [label.get_text() for label in figure.axes[0].get_yticklabels()]
        ['Pays · Commuter (n=3)', 'Pays · Weekend rider (n=3)']
        """
        return _research.plot_emotion_distribution(
            _journey(self), ax, personas=personas, variant=variant
        )
