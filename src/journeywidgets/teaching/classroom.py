"""The classroom: notebooks that grade headless and keep a student's widget edits.

Widget edits live in the kernel's Journey; a notebook re-executed for grading (nbgrader's
autograder, otter-grader, ``jupyter nbconvert --execute``) starts a fresh kernel with no
browser, so those edits would be lost. The pattern: a student's map lives in a named file.
:func:`exercise` opens it (or starts it from a template and writes it), the student edits in
the widget, and the notebook's last cell saves it (``journey.save(path)``) — the file is
what is submitted and graded, and re-executing the notebook loads it back.

Under ``NBGRADER_EXECUTION`` (set by nbgrader while it executes) or
``JOURNEYWIDGETS_HEADLESS=1`` (set it for otter-grader or any other runner),
:func:`show` returns the map's picture instead of a widget, so nothing waits for a browser
and the graded notebook holds the picture.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, TypeVar

from ..io import journey_json
from ..model import Journey
from ..render.export import picture
from ..render.figure import plot_map
from .findings_view import picture_annotations
from .templates import template as load_template

J = TypeVar("J", bound=Journey)


def headless() -> bool:
    """True under nbgrader's execution or with ``JOURNEYWIDGETS_HEADLESS`` set to 1."""
    return bool(os.environ.get("NBGRADER_EXECUTION")) or os.environ.get(
        "JOURNEYWIDGETS_HEADLESS", ""
    ).strip() in ("1", "true", "yes")


def exercise(
    path: str | os.PathLike[str],
    template: str | None = None,
    *,
    language: str | None = None,
    into: type[J] = Journey,  # type: ignore[assignment]
) -> J:
    """The student's map in ``path``: loaded when the file exists (their saved work),
    else started from ``template`` (or empty) and written there at once."""
    target = Path(path)
    if target.exists():
        return journey_json.load(target, into=into)
    if template is None:
        journey = into("My journey map")
    else:
        journey = journey_json.loads(
            journey_json.dumps(load_template(template, language)), into=into
        )
    journey_json.save(journey, target)
    return journey


class MapPicture:
    """A map shown as a PNG: what a headless run puts in the notebook (with ``findings``,
    a check report or comparison, marked on it)."""

    def __init__(self, journey: Journey, findings: Any = None) -> None:
        if findings is None:
            self.png = picture(journey, "png")
        else:
            buffer = io.BytesIO()
            marks = picture_annotations(journey, findings)
            plot_map(journey, annotations=marks).savefig(buffer, format="png", dpi=96)
            self.png = buffer.getvalue()

    def _repr_png_(self) -> bytes:
        return self.png


def show(journey: Any, **options: Any) -> Any:
    """The map's widget, or its picture when :func:`headless`; ``findings=`` marks a
    check report or a comparison on either."""
    if headless():
        return MapPicture(journey, options.get("findings"))
    return journey.show(**options)
