"""The public ``Journey``: the model's Journey plus what the layers above it offer.

``model.Journey`` knows nothing of files or widgets (imports point down). This subclass is
where the conveniences users expect on the object meet: files, pictures and the widget.
It adds no state of its own.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

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
T = TypeVar("T")

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


class Journey(ResearchSynthesis, model.Journey):
    __doc__ = model.Journey.__doc__

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the journey to ``path`` atomically, in the format its extension names:
        ``.journey.json`` (or any ``.json``), Mermaid ``.mmd``/``.mermaid`` (which warns
        about what Mermaid cannot carry) or an Excel ``.xlsx``. Returns the path.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> import journeywidgets as jw
        >>> from journeywidgets.datasets import bike_shop
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> journey = bike_shop()
        >>> journey.save(folder / "bike.journey.json").name
        'bike.journey.json'
        >>> jw.load(folder / "bike.journey.json").equals(journey)
        True
        """
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
        ``stop()`` saves and stops.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> import journeywidgets as jw
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "draft.journey.json"
        >>> journey = jw.Journey("Draft")
        >>> saver = journey.autosave(path, delay=0.1)
        >>> journey.add_stage("Discover")
        'stage_1'
        >>> saver.stop().dirty  # saves what is pending, then stops
        False
        >>> jw.load(path).stages["name"].tolist()
        ['Discover']
        """
        return autosave.start(self, Path(path), self.save, delay)

    @overload
    def to_excel(self, path: None = None) -> bytes: ...
    @overload
    def to_excel(self, path: str | os.PathLike[str]) -> Path: ...
    def to_excel(self, path: str | os.PathLike[str] | None = None) -> bytes | Path:
        """An ``.xlsx`` workbook: a readable ``map`` sheet, then one sheet per table.
        Lossless; text cells are never formulas. Without a ``path``, the workbook's bytes;
        with one, written there atomically and the path returned.

        Examples
        --------
        >>> import io, openpyxl
        >>> from journeywidgets.datasets import bike_shop
        >>> workbook = bike_shop().to_excel()
        >>> openpyxl.load_workbook(io.BytesIO(workbook)).sheetnames[:4]
        ['map', 'meta', 'personas', 'participants']
        """
        if path is not None:
            return tables.to_excel(self, path)
        return _contents(lambda folder: tables.to_excel(self, folder / "map.xlsx"), Path.read_bytes)

    @overload
    def to_csv(self, folder: None = None) -> dict[str, str]: ...
    @overload
    def to_csv(self, folder: str | os.PathLike[str]) -> Path: ...
    def to_csv(self, folder: str | os.PathLike[str] | None = None) -> dict[str, str] | Path:
        """``meta.csv`` and one CSV per table. Lossless. Without a ``folder``, the files'
        texts by file name; with one, written into it (the folder as a whole atomically)
        and the folder returned.

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> files = bike_shop().to_csv()
        >>> sorted(files)[:3]
        ['cards.csv', 'code_mappings.csv', 'codes.csv']
        >>> print("\\n".join(files["stages.csv"].splitlines()[:3]))
        stage_id,position,name,description,goal,color,evidence_level
        stage_1,0,Awareness,,,,
        stage_2,1,Consideration,,,,
        """
        if folder is not None:
            return tables.to_csv(self, folder)
        return _contents(lambda temporary: tables.to_csv(self, temporary / "tables"), _texts)

    @overload
    def to_mermaid(self, path: None = None) -> mermaid.MermaidExport: ...
    @overload
    def to_mermaid(self, path: str | os.PathLike[str]) -> Path: ...
    def to_mermaid(
        self, path: str | os.PathLike[str] | None = None
    ) -> mermaid.MermaidExport | Path:
        """The journey as Mermaid ``journey`` text (``str()`` of the result), with the list
        of what Mermaid cannot carry (``.lost``) and of what had to change (``.changed``);
        with a ``path``, written there (warning about what is lost) and the path returned.

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> export = bike_shop().to_mermaid()
        >>> print("\\n".join(str(export).splitlines()[:4]))
        journey
          title Buying a city bike
          section Awareness
            Sees a colleague's bike: 4: Mei 美
        >>> export.lost[:2]  # what Mermaid's journey diagram has no place for
        ["cards: 8 in 'Actions', 1 in 'Thoughts', ...", '1 participants rows']
        """
        if path is not None:
            return mermaid.write_mermaid(self, path)
        return mermaid.to_mermaid(self)

    @overload
    def to_json(self, path: None = None) -> str: ...
    @overload
    def to_json(self, path: str | os.PathLike[str]) -> Path: ...
    def to_json(self, path: str | os.PathLike[str] | None = None) -> str | Path:
        """The journey as ``.journey.json`` text; with a ``path``, written there atomically
        and the path returned (as :meth:`save` does for a ``.journey.json`` name).

        Examples
        --------
        >>> import json
        >>> import journeywidgets as jw
        >>> from journeywidgets.datasets import bike_shop
        >>> text = bike_shop().to_json()
        >>> json.loads(text)["format"]
        'journeywidgets'
        >>> jw.loads(text).steps["name"].iloc[0]
        "Sees a colleague's bike"
        """
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

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> figure = bike_shop().plot(lanes=["Actions", "pain_points"], variant="as_is")
        >>> width, height = figure.get_size_inches()
        >>> bool(width <= 11.7 and height <= 8.3)  # 8 steps fit A4 landscape
        True
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
        :meth:`plot`).

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> figure = bike_shop().plot_emotions(personas=["Mei 美"])
        >>> axes = figure.axes[0]
        >>> [label.get_text() for label in axes.get_legend().get_texts()]
        ['Mei 美', 'moment of truth']
        """
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
        :meth:`plot`. Written atomically; returns the path.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from journeywidgets.datasets import bike_shop
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> png = bike_shop().save_image(folder / "bike.png", dpi=50)
        >>> png.read_bytes()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
        True
        >>> bike_shop().save_image(folder / "bike.svg", lanes=["Actions"]).suffix
        '.svg'
        """
        assumed = assumed_items(self, options.pop("evidence", None))
        findings = options.pop("findings", None)
        if findings is not None:
            options["annotations"] = picture_annotations(self, findings)
        return export.save_image(self, path, dpi=dpi, width=width, assumed=assumed, **options)

    @overload
    def to_html(self, path: None = None, **options: Any) -> str: ...
    @overload
    def to_html(self, path: str | os.PathLike[str], **options: Any) -> Path: ...
    def to_html(self, path: str | os.PathLike[str] | None = None, **options: Any) -> str | Path:
        """One self-contained HTML page showing the interactive map, read-only.

        It needs no network and no Python: open it from disk or send it. Without a
        ``path``, the page's text; with one, written there atomically and the path
        returned. Options: ``visible_lanes``, ``personas``, ``zoom``, ``lang``, and
        ``findings`` (a :meth:`check` report or a comparison, marked as in the widget).

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> page = bike_shop().to_html(lang="en")
        >>> page.startswith("<!DOCTYPE html>"), "<title>Buying a city bike</title>" in page
        (True, True)
        """
        if path is not None:
            return standalone.to_html(self, path, **options)
        return _contents(
            lambda folder: standalone.to_html(self, folder / "map.html", **options), _text
        )

    def check(
        self, rubric: Any = None, *, language: str | None = None
    ) -> teaching_report.CheckReport:
        """Check the map against the method's rules (or a ``rubric``): findings that say
        what to fix and why, and a score. See :func:`journeywidgets.check`.

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> report = bike_shop().check()
        >>> report
        <CheckReport score 84.2/100: 0 error, 10 warning, 1 info>
        >>> report.findings.loc[0, ["severity", "check", "item"]].tolist()
        [...]
        """
        return teaching_report.check(self, rubric, language=language)

    def show(self, **options: Any) -> JourneyMap:
        """An interactive map of this journey; options as for :class:`JourneyMap`.

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> journey = bike_shop()
        >>> view = journey.show(visible_lanes=["lane_1", "lane_4"])
        >>> view.journey is journey  # one journey: edits in the view are edits here
        True
        """
        return JourneyMap(self, **options)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        # A journey left as a cell's last expression shows its map.
        return self.show()._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:
        # In IPython, as the map shows itself: its picture, then the live view.
        self.show()._ipython_display_()


def _contents(write: Callable[[Path], Path], read: Callable[[Path], T]) -> T:
    """What a writer puts on disk, for the ``to_*()`` calls given no path: the writer
    writes into a fresh folder (one code path for a file and its contents), ``read`` takes
    what it wrote, and the folder goes."""
    with tempfile.TemporaryDirectory(prefix="journeywidgets-") as folder:
        return read(write(Path(folder)))


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _texts(folder: Path) -> dict[str, str]:
    return {file.name: _text(file) for file in sorted(folder.glob("*.csv"))}


def load(path: str | os.PathLike[str]) -> Journey:
    """Read a journey: ``.journey.json``, Mermaid ``.mmd``/``.mermaid``, an ``.xlsx``
    workbook from :meth:`Journey.to_excel`, or a folder from :meth:`Journey.to_csv`.

    Errors name the file and where in it the first problem is; nothing is loaded then.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import bike_shop
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> journey = jw.load(bike_shop().save(folder / "bike.journey.json"))
    >>> journey
    <Journey 'Buying a city bike' (current_state): 4 stages, 8 steps, 5 lanes, 13 cards, 1 personas>
    >>> jw.load(bike_shop().to_excel(folder / "bike.xlsx")).equals(journey)
    True
    >>> (folder / "notes.txt").write_text("not a map")
    9
    >>> jw.load(folder / "notes.txt")
    Traceback (most recent call last):
    ...
    journeywidgets.model.errors.FileFormatError: ...notes.txt...
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
    """Read a ``.journey.json`` file (whatever its name); see :func:`load`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import bike_shop
    >>> path = bike_shop().to_json(pathlib.Path(tempfile.mkdtemp()) / "bike.json")
    >>> jw.read_json(path).stages["name"].tolist()
    ['Awareness', 'Consideration', 'Purchase', 'Delivery']
    """
    return journey_json.load(path, into=Journey)


def read_mermaid(path: str | os.PathLike[str]) -> Journey:
    """Read a Mermaid ``journey`` diagram file, as Mermaid reads it.

    Examples
    --------
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import sample_path
    >>> journey = jw.read_mermaid(sample_path("mmd"))
    >>> journey.stages["name"].tolist()
    ['Awareness', 'Consideration', 'Purchase', 'Delivery']
    >>> journey.emotions["score"].tolist()[:3]  # Mermaid's scores: 1 to 5
    [4.0, 3.0, 2.0]
    """
    return mermaid.read_mermaid(path, into=Journey)


def read_excel(path: str | os.PathLike[str]) -> Journey:
    """Read a workbook written by :meth:`Journey.to_excel`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import bike_shop
    >>> path = bike_shop().to_excel(pathlib.Path(tempfile.mkdtemp()) / "bike.xlsx")
    >>> jw.read_excel(path).equals(bike_shop())
    True
    """
    return tables.read_excel(path, into=Journey)


def read_csv(folder: str | os.PathLike[str]) -> Journey:
    """Read a folder written by :meth:`Journey.to_csv`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import bike_shop
    >>> folder = bike_shop().to_csv(pathlib.Path(tempfile.mkdtemp()) / "bike")
    >>> jw.read_csv(folder).equals(bike_shop())
    True
    """
    return tables.read_csv(folder, into=Journey)


def from_grid(
    source: object, *, sheet: str | int | None = None, title: str | None = None
) -> Journey:
    """A journey from a workshop spreadsheet grid (DataFrame, CSV/TSV/Excel path or pasted
    TSV): first column the row labels, a Stage row, a Step row, Emotion rows, lanes.

    Examples
    --------
    >>> import journeywidgets as jw
    >>> pasted = (
    ...     "Stage\\tAwareness\\tAwareness\\tPurchase\\n"
    ...     "Step\\tSees an ad\\tReads reviews\\tPays\\n"
    ...     "Emotion\\t1\\t0\\t-2\\n"
    ...     "Pain points\\t\\t\\tCard declined\\n"
    ... )
    >>> journey = jw.from_grid(pasted, title="Workshop wall")
    >>> journey.steps["name"].tolist()
    ['Sees an ad', 'Reads reviews', 'Pays']
    >>> journey.cards["text"].tolist()
    ['Card declined']
    """
    return grid.from_grid(source, sheet=sheet, title=title, into=Journey)


def from_mermaid(text: str) -> Journey:
    """A journey from Mermaid ``journey`` diagram text, read as Mermaid reads it.

    Examples
    --------
    >>> import journeywidgets as jw
    >>> journey = jw.from_mermaid('''journey
    ...     title Morning coffee
    ...     section Order
    ...       Queue: 2: Me
    ...       Pay: 4: Me, Barista
    ... ''')
    >>> journey.steps["name"].tolist(), journey.personas["name"].tolist()
    (['Queue', 'Pay'], ['Barista', 'Me'])
    """
    return mermaid.from_mermaid(text, into=Journey)


def template(name: str, language: str | None = None) -> Journey:
    """A fresh copy of teaching template ``name`` (see ``templates()``), in ``language``.

    Examples
    --------
    >>> import journeywidgets as jw
    >>> jw.template("canonical", "ms").stages["name"].tolist()
    ['Temui', 'Putuskan', 'Beli', 'Guna']
    >>> "service_blueprint" in set(jw.templates()["name"])
    True
    """
    return teaching_template(name, language, into=Journey)


def loads(text: str) -> Journey:
    """Read a journey from ``.journey.json`` text.

    Examples
    --------
    >>> import journeywidgets as jw
    >>> journey = jw.Journey("Draft")
    >>> journey.add_stage("Discover")
    'stage_1'
    >>> jw.loads(journey.to_json()).equals(journey)
    True
    """
    return journey_json.loads(text, into=Journey)
