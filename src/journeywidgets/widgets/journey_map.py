"""The interactive journey map widget (anywidget)."""

from __future__ import annotations

import base64
import logging
import sys
import weakref
from pathlib import Path
from typing import Any, ClassVar

import anywidget
import traitlets

from ..model import Change, Journey, SavedFile
from ..render.export import picture as render_picture
from ..render.notebook import picture_output
from ..research import assumed_items
from ..teaching.findings_view import marks_view
from .protocol import change_message, presentation, receive, snapshot

log = logging.getLogger("journeywidgets")
STATIC = Path(__file__).parent.parent / "static"


class JourneyMap(anywidget.AnyWidget):
    """An editable view of a :class:`Journey`.

    Edits made here become operations on the journey; changes to the journey from anywhere
    (methods, DataFrame edits, other views) appear here. Several views of one journey stay
    in step.

    Where widgets do not run (GitHub, nbviewer, ``nbconvert --to html``), a notebook shows
    the picture that is put beside the widget in its output: ``picture`` chooses it —
    ``"png"`` (default), ``"svg"``, or ``None`` for none. Set it on the class to change
    the default: ``JourneyMap.picture = None``.

    Parameters
    ----------
    journey:
        The journey to show.
    visible_lanes:
        Lane ids to show (default: every lane whose ``visible`` is true).
    personas:
        Persona ids whose emotion curves to show (default: all).
    mode:
        ``"edit"`` (default), ``"compact"`` (narrower columns) or ``"present"`` (read-only).
    zoom:
        Column width factor, 0.25 to 4.
    findings:
        A check report (``journey.check()``) or a comparison (``jw.compare(journey,
        reference)``) to mark on the items; see :meth:`show_findings`.
    """

    picture: ClassVar[str | None] = "png"
    _PICTURE_TYPES: ClassVar[dict[str, str]] = {"png": "image/png", "svg": "image/svg+xml"}

    _esm = STATIC / "journey_map.js"
    _css = STATIC / "journey_map.css"

    _snapshot = traitlets.Dict().tag(sync=True)
    _presentation = traitlets.Dict().tag(sync=True)
    # The file the journey was last saved to and its version: the toolbar says "Unsaved
    # changes" when the map's version has moved on (save_state.ts). None: never saved.
    _saved = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)
    selected = traitlets.List(traitlets.Unicode(), help="ids of the selected steps and cards").tag(
        sync=True
    )
    visible_lanes = traitlets.List(traitlets.Unicode(), allow_none=True, default_value=None).tag(
        sync=True
    )
    personas = traitlets.List(traitlets.Unicode(), allow_none=True, default_value=None).tag(
        sync=True
    )
    mode = traitlets.Enum(["edit", "compact", "present"], default_value="edit").tag(sync=True)
    zoom = traitlets.Float(1.0).tag(sync=True)
    _findings = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)

    def __init__(self, journey: Journey, *, findings: Any = None, **kwargs: Any) -> None:
        if not isinstance(journey, Journey):
            raise TypeError(f"JourneyMap shows a Journey, not {type(journey).__name__}")
        if "zoom" in kwargs:  # refuse before a comm is opened for a widget that cannot exist
            _check_zoom(kwargs["zoom"])
        self.journey = journey
        self.last_rejection: str | None = None
        self._picture: tuple[int, str, bytes] | None = None  # (version, format, bytes)
        if findings is not None:
            kwargs["_findings"] = marks_view(journey, findings)
        super().__init__(
            _snapshot=snapshot(journey),
            _presentation=presentation(),
            _saved=_saved_json(journey.saved),
            **kwargs,
        )
        self._shown_version = journey.version
        journey.observe(self._on_change)
        journey.observe_saves(self._on_saved)
        self.on_msg(self._on_message)
        _open_maps.add(self)
        _hook_cells()

    @traitlets.validate("zoom")
    def _validate_zoom(self, proposal: dict[str, Any]) -> float:
        return _check_zoom(proposal["value"])

    def show_findings(self, findings: Any) -> None:
        """Mark a check report's findings (a badge on each item, a list beside the map;
        choosing one selects its item) or a comparison's matched / extra items and the
        missing ones; ``None`` clears them. The marks are as of the call: check again
        after edits."""
        self.set_trait(
            "_findings", None if findings is None else marks_view(self.journey, findings)
        )

    # -- kernel → views ---------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        self.send(change_message(change, self.journey))

    def _on_saved(self, saved: SavedFile) -> None:
        self._saved = _saved_json(saved)  # type: ignore[assignment]  # a Dict that may be None

    def refresh_snapshot(self) -> None:
        """Put the whole current journey in the widget's state (done after every cell)."""
        if self._shown_version != self.journey.version:
            self._snapshot = snapshot(self.journey)
            self._shown_version = self.journey.version

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)  # (data, metadata) from anywidget
        fmt = self.picture
        if fmt is None or not isinstance(bundle, tuple):
            return bundle
        data, metadata = bundle
        mime = self._PICTURE_TYPES[fmt]
        include, exclude = kwargs.get("include"), kwargs.get("exclude")
        if (include and mime not in include) or (exclude and mime in exclude):
            return bundle
        # Drawn when a notebook displays the map (not on edits), and only once per version.
        if self._picture is None or self._picture[:2] != (self.journey.version, fmt):
            try:
                # The same picture as journey.plot(): assumptions marked, with their legend.
                drawn = render_picture(self.journey, fmt, assumed=assumed_items(self.journey))
            except Exception:  # a picture must never stop the widget from showing
                log.exception("could not draw the static picture of the journey map")
                return bundle
            self._picture = (self.journey.version, fmt, drawn)
        drawn = self._picture[2]
        data = {**data, mime: drawn.decode() if fmt == "svg" else base64.b64encode(drawn).decode()}
        return data, metadata

    def _ipython_display_(self) -> None:
        # Two outputs: the picture, which every viewer without a widget manager shows
        # (nbconvert's HTML with widget state too) and which hides itself beside the
        # running map, then the view itself (render/notebook.py says why).
        from IPython.display import display

        bundle = self._repr_mimebundle_()
        if not isinstance(bundle, tuple):
            display(bundle, raw=True)  # type: ignore[no-untyped-call]
            return
        data, metadata = bundle
        picture = {mime: data.pop(mime) for mime in self._PICTURE_TYPES.values() if mime in data}
        if picture:
            title = str(self.journey.meta.get("title") or "")
            display(picture_output(picture, title), raw=True)  # type: ignore[no-untyped-call]
        display(data, metadata=metadata, raw=True)  # type: ignore[no-untyped-call]

    # -- views → kernel ---------------------------------------------------------------

    def _on_message(self, widget: object, content: Any, buffers: object) -> None:
        error = receive(self.journey, content, self.send)
        if error is not None:  # Python logs a refused edit too
            self.last_rejection = str(error)
            log.warning("an edit in the journey map was refused: %s", error)

    def close(self) -> None:
        journey = getattr(self, "journey", None)  # None if construction failed early
        if journey is not None and self._on_change in journey._observers:
            journey.unobserve(self._on_change)
            journey.unobserve_saves(self._on_saved)
        _open_maps.discard(self)
        super().close()

    def __repr__(self) -> str:
        return f"JourneyMap({self.journey!r})"


def _saved_json(saved: SavedFile | None) -> dict[str, Any] | None:
    if saved is None:
        return None
    return {"path": saved.path, "name": Path(saved.path).name, "version": saved.version}


def _check_zoom(value: Any) -> float:
    zoom = float(value)
    if not 0.25 <= zoom <= 4:
        raise traitlets.TraitError(f"zoom must be between 0.25 and 4, got {zoom}")
    return zoom


_open_maps: weakref.WeakSet[JourneyMap] = weakref.WeakSet()
_hooked: set[int] = set()


def _hook_cells() -> None:
    """After each cell, send open maps a fresh snapshot if the journey changed, so that
    a notebook saved with widget state shows the map as it is."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or id(shell) in _hooked:
        return
    shell.events.register("post_run_cell", _refresh_after_cell)
    _hooked.add(id(shell))


def _refresh_after_cell(result: object = None) -> None:
    for widget in list(_open_maps):
        widget.refresh_snapshot()
