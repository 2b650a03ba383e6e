"""Image files and in-memory pictures of a journey map."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from matplotlib import rc_context
from matplotlib.figure import Figure

from ..io.atomic import atomic_write_with
from ..model import Journey, ValidationError
from .evidence import Assumed
from .figure import plot_map

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}

# Fixed metadata keeps files byte-for-byte stable between runs (diffable, cacheable):
# no creation dates, and SVG ids derived from a fixed salt.
_METADATA = {
    "png": {"Software": "journeywidgets"},
    "svg": {"Date": None, "Creator": "journeywidgets"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "journeywidgets"},
}


def _save(figure: Figure, target: str | io.BytesIO, fmt: str, dpi: float) -> None:
    # SVG keeps text as text (searchable, editable in a drawing program, readable by screen
    # readers); a fixed hash salt makes its element ids repeatable.
    # PDF embeds TrueType subsets (Type 42), so its text, CJK included, can be searched
    # and copied; Type 3 (the default) loses the CJK characters on extraction.
    rc = {"svg.hashsalt": "journeywidgets", "svg.fonttype": "none", "pdf.fonttype": 42}
    with rc_context(rc):
        figure.savefig(target, format=fmt, dpi=dpi, metadata=_METADATA[fmt], facecolor="white")


def save_image(
    journey: Journey,
    path: str | os.PathLike[str],
    *,
    dpi: float = 200,
    width: float | None = None,
    **options: Any,
) -> Path:
    """Write the map to ``path`` as PNG, SVG or PDF (chosen by the extension), atomically."""
    target = Path(path)
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise ValidationError(
            f"cannot write {str(target)!r}: the extension must be one of "
            f"{', '.join(FORMATS)} (got {target.suffix or 'none'!r})"
        )
    if dpi <= 0:
        raise ValidationError(f"dpi must be positive, got {dpi}")
    figure = plot_map(journey, width=width, **options)
    atomic_write_with(target, lambda temporary: _save(figure, temporary, fmt, dpi))
    return target


def picture(
    journey: Journey, fmt: str = "png", *, dpi: float = 96, assumed: Assumed | None = None
) -> bytes:
    """The map as image bytes (for notebooks' static output): the figure ``plot()`` draws,
    ``assumed`` naming the items to mark as assumptions (see :mod:`.evidence`)."""
    buffer = io.BytesIO()
    _save(plot_map(journey, assumed=assumed), buffer, fmt, dpi)
    return buffer.getvalue()
