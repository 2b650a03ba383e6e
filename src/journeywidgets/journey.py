"""The public ``Journey``: the model's Journey plus what the layers above it offer.

``model.Journey`` knows nothing of files or widgets (imports point down). This subclass is
where the conveniences users expect on the object meet: files, pictures and the widget.
It adds no state of its own.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from .io import atomic, autosave, grid, journey_json, mermaid, tables
from .model import journey as model
from .render import export
from .render.content import Variant
from .render.emotions import plot_emotions
from .render.figure import plot_map
from .research import assumed_items
from .research.synthesis import ResearchSynthesis
from .teaching import report as teaching_report
from .teaching.findings_view import picture_annotations
from .teaching.templates import template as teaching_template
from .widgets import JourneyMap, standalone

EXCEL_SUFFIXES = (".xlsx", ".xlsm")

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


class Journey(ResearchSynthesis, model.Journey):
    __doc__ = model.Journey.__doc__

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the journey to ``path`` atomically, in the format its extension names:
        ``.journey.json`` (or any ``.json``), or Mermaid ``.mmd``/``.mermaid`` (which
        warns about what Mermaid cannot carry). Returns the path."""
        suffix = Path(path).suffix.lower()
        if suffix in mermaid.SUFFIXES:
            return mermaid.write_mermaid(self, path)
        if suffix in EXCEL_SUFFIXES:
            return tables.to_excel(self, path)
        return journey_json.save(self, path)

    def autosave(self, path: str | os.PathLike[str], *, delay: float = 1.0) -> autosave.Autosave:
        """Save to ``path`` (as :meth:`save` does) ``delay`` seconds after each change, on a
        background thread: edits never wait. Returns the
        :class:`~journeywidgets.io.autosave.Autosave`, whose ``status`` says if the file is
        current (``dirty``, ``saved_version``, ``last_error``); ``flush()`` saves now,
        ``stop()`` saves and stops."""
        return autosave.start(self, Path(path), self.save, delay)

    def to_excel(self, path: str | os.PathLike[str]) -> Path:
        """Write an ``.xlsx`` workbook: a readable ``map`` sheet, then one sheet per table.
        Lossless; text cells are never formulas."""
        return tables.to_excel(self, path)

    def to_csv(self, folder: str | os.PathLike[str]) -> Path:
        """Write ``meta.csv`` and one CSV per table into ``folder``. Lossless."""
        return tables.to_csv(self, folder)

    @overload
    def to_mermaid(self, path: None = None) -> mermaid.MermaidExport: ...
    @overload
    def to_mermaid(self, path: str | os.PathLike[str]) -> Path: ...
    def to_mermaid(
        self, path: str | os.PathLike[str] | None = None
    ) -> mermaid.MermaidExport | Path:
        """The journey as Mermaid ``journey`` text (``str()`` of the result), with the list
        of what Mermaid cannot carry (``.lost``) and of what had to change (``.changed``);
        with a ``path``, written there (warning about what is lost) and the path returned."""
        if path is not None:
            return mermaid.write_mermaid(self, path)
        return mermaid.to_mermaid(self)

    @overload
    def to_json(self, path: None = None) -> str: ...
    @overload
    def to_json(self, path: str | os.PathLike[str]) -> Path: ...
    def to_json(self, path: str | os.PathLike[str] | None = None) -> str | Path:
        """The journey as ``.journey.json`` text; with a ``path``, written there atomically
        and the path returned (as :meth:`save` does for a ``.journey.json`` name)."""
        if path is not None:
            return journey_json.save(self, path)
        return journey_json.dumps(self)

    def plot(
        self,
        ax: Axes | None = None,
        *,
        lanes: Sequence[str] | None = None,
        personas: Sequence[str] | None = None,
        variant: Variant = "both",
        width: float | None = None,
        evidence: bool | None = None,
        findings: Any = None,
    ) -> Figure:
        """The whole map as a matplotlib Figure.

        Stage bands, step headers, the emotion curve (one line per persona; to-be dashed
        beside as-is; the scale's neutral line), then the card lanes with wrapped text,
        pain-point severity and moments of truth marked.

        Parameters
        ----------
        ax:
            Draw into this axes (the map fills it); by default a new figure sized for the
            map: A4 landscape up to 30 steps, wider beyond.
        lanes:
            Lanes to draw, by id, name or lane type (default: the visible lanes).
        personas:
            Whose emotion curves to draw, by id or name (default: all, and the map's own).
        variant:
            ``"as_is"``, ``"to_be"`` or ``"both"`` (default).
        width:
            Figure width in inches (columns shrink or grow to fit).
        evidence:
            Mark assumptions (steps, cards and emotion points nothing backs, or set to
            "assumed"): hatched with a dashed outline, hollow points, and a legend entry.
            Default: on maps with research material (segments). Emotion points always show
            their n and 95% interval where ``aggregate_emotions`` put them.
        findings:
            A check report (:meth:`check`) or a comparison (``jw.compare(self,
            reference)``) to mark: each item outlined in its worst finding's colour with
            the check ids beside it (or matched / extra), the rest listed under the title.
        """
        marks = () if findings is None else picture_annotations(self, findings)
        return plot_map(self, ax, lanes=lanes, personas=personas, variant=variant, width=width,
                        assumed=assumed_items(self, evidence), annotations=marks)  # fmt: skip

    def plot_emotions(
        self,
        ax: Axes | None = None,
        *,
        personas: Sequence[str] | None = None,
        variant: Variant = "both",
        evidence: bool | None = None,
    ) -> Figure:
        """The emotion curve(s) alone, over the stages, as a matplotlib Figure: n and the
        95% interval on aggregated points, assumed points hollow (``evidence`` as for
        :meth:`plot`)."""
        return plot_emotions(self, ax, personas=personas, variant=variant,
                             assumed=assumed_items(self, evidence))  # fmt: skip

    def save_image(
        self,
        path: str | os.PathLike[str],
        *,
        dpi: float = 200,
        width: float | None = None,
        **options: Any,
    ) -> Path:
        """Write the map as PNG, SVG or PDF, chosen by the extension; options as for
        :meth:`plot`. Written atomically; returns the path."""
        assumed = assumed_items(self, options.pop("evidence", None))
        findings = options.pop("findings", None)
        if findings is not None:
            options["annotations"] = picture_annotations(self, findings)
        return export.save_image(self, path, dpi=dpi, width=width, assumed=assumed, **options)

    def to_html(self, path: str | os.PathLike[str], **options: Any) -> Path:
        """Write one self-contained HTML file showing the interactive map, read-only.

        It needs no network and no Python: open it from disk or send it. Options:
        ``visible_lanes``, ``personas``, ``zoom``, ``lang``.
        """
        return standalone.to_html(self, path, **options)

    def check(
        self, rubric: Any = None, *, language: str | None = None
    ) -> teaching_report.CheckReport:
        """Check the map against the method's rules (or a ``rubric``): findings that say
        what to fix and why, and a score. See :func:`journeywidgets.check`."""
        return teaching_report.check(self, rubric, language=language)

    def show(self, **options: Any) -> JourneyMap:
        """An interactive map of this journey; options as for :class:`JourneyMap`."""
        return JourneyMap(self, **options)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        # A journey left as a cell's last expression shows its map.
        return self.show()._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:
        # In IPython, as the map shows itself: its picture, then the live view.
        self.show()._ipython_display_()


def load(path: str | os.PathLike[str]) -> Journey:
    """Read a journey: ``.journey.json``, Mermaid ``.mmd``/``.mermaid``, an ``.xlsx``
    workbook from :meth:`Journey.to_excel`, or a folder from :meth:`Journey.to_csv`.

    Errors name the file and where in it the first problem is; nothing is loaded then.
    """
    # A save killed midway may have set the old folder or file aside: put it back before
    # deciding what kind of journey ``path`` is (a folder mid-swap is not there at all).
    atomic.recover(path)
    suffix = Path(path).suffix.lower()
    if Path(path).is_dir():
        return tables.read_csv(path, into=Journey)
    if suffix in mermaid.SUFFIXES:
        return mermaid.read_mermaid(path, into=Journey)
    if suffix in EXCEL_SUFFIXES:
        return tables.read_excel(path, into=Journey)
    return journey_json.load(path, into=Journey)


def read_json(path: str | os.PathLike[str]) -> Journey:
    """Read a ``.journey.json`` file (whatever its name); see :func:`load`."""
    return journey_json.load(path, into=Journey)


def read_mermaid(path: str | os.PathLike[str]) -> Journey:
    """Read a Mermaid ``journey`` diagram file, as Mermaid reads it."""
    return mermaid.read_mermaid(path, into=Journey)


def read_excel(path: str | os.PathLike[str]) -> Journey:
    """Read a workbook written by :meth:`Journey.to_excel`."""
    return tables.read_excel(path, into=Journey)


def read_csv(folder: str | os.PathLike[str]) -> Journey:
    """Read a folder written by :meth:`Journey.to_csv`."""
    return tables.read_csv(folder, into=Journey)


def from_grid(
    source: object, *, sheet: str | int | None = None, title: str | None = None
) -> Journey:
    """A journey from a workshop spreadsheet grid (DataFrame, CSV/TSV/Excel path or pasted
    TSV): first column the row labels, a Stage row, a Step row, Emotion rows, lanes."""
    return grid.from_grid(source, sheet=sheet, title=title, into=Journey)


def from_mermaid(text: str) -> Journey:
    """A journey from Mermaid ``journey`` diagram text, read as Mermaid reads it."""
    return mermaid.from_mermaid(text, into=Journey)


def template(name: str, language: str | None = None) -> Journey:
    """A fresh copy of teaching template ``name`` (see ``templates()``), in ``language``."""
    return teaching_template(name, language, into=Journey)


def loads(text: str) -> Journey:
    """Read a journey from ``.journey.json`` text."""
    return journey_json.loads(text, into=Journey)
