"""Pictures in notebooks: figures that show without pyplot, and the map's picture beside
its widget where widgets do not run.

IPython shows a matplotlib Figure as an image only through a formatter that the inline
backend registers for ``Figure`` when it is loaded, which happens when ``matplotlib.pyplot``
is imported. A figure made without pyplot (as ours are, so that nothing is left open in
pyplot's registry) therefore shows as ``<Figure size … with 1 Axes>`` in a fresh kernel.
``NotebookFigure`` carries its own PNG representation instead, changing no backend and
registering nothing. Where the inline backend is active, its formatter (found through
the class hierarchy) still wins, so ``%config InlineBackend.figure_formats`` is obeyed.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Any

from matplotlib.figure import Figure

from .fonts import drawable


class NotebookFigure(Figure):
    """A matplotlib ``Figure`` with a white page that displays itself as a PNG."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("facecolor", "white")  # dark notebook themes: text stays readable
        super().__init__(*args, **kwargs)

    def _repr_png_(self) -> bytes | None:
        if not self.axes:
            return None  # as IPython's own formatter does: no big blank areas
        buffer = io.BytesIO()
        # As the inline backend prints: trimmed to what is drawn, at the figure's dpi.
        self.savefig(buffer, format="png", bbox_inches="tight", facecolor=self.get_facecolor())
        return buffer.getvalue()


# -- the map's picture where widgets do not run ---------------------------------------------
#
# A notebook keeps, for each output, every representation it was given, and a viewer shows
# the one it ranks first. nbconvert's HTML exporter ranks the widget view first whenever
# the notebook holds the widget's state (as ``jupyter nbconvert --execute`` stores it by
# default), and that view needs a widget manager fetched from a CDN: offline, or for a
# widget the manager cannot load, the output is empty, although the picture is right there
# in the same output. The picture therefore goes in an output of its own, before the
# widget's, which every viewer shows; and where the live widget is drawn right after it,
# the picture hides itself (the fallback image of the widget-embedding convention).

PICTURE_CLASS = "jw-map-picture"
# The output holding the picture, when the output after it holds a running map (the
# front-end draws .jw-root; nbconvert's page and viewers without a widget manager do not).
_HIDE_WHEN_LIVE = (
    f".jp-OutputArea-child:has(.{PICTURE_CLASS}):has(+ .jp-OutputArea-child .jw-root)"
    "{display:none}"
)
_DATA_URI = {"image/png": "image/png;base64", "image/svg+xml": "image/svg+xml;base64"}


def picture_output(picture: dict[str, str], title: str) -> dict[str, str]:
    """The data of the output that shows the map's picture: ``picture`` (``image/png`` as
    base64, or ``image/svg+xml`` text), the same as an HTML image that hides itself beside
    the running widget, and a line of text. ``title`` is user text: it is escaped."""
    mime, payload = next(iter(picture.items()))
    encoded = payload if mime == "image/png" else base64.b64encode(payload.encode()).decode()
    alt = html.escape(f"Journey map: {drawable(title)}" if title else "Journey map")
    image = (
        f'<img class="{PICTURE_CLASS}" alt="{alt}" style="max-width:100%" '
        f'src="data:{_DATA_URI[mime]},{encoded}">'
    )
    return {
        "text/html": f"<style>{_HIDE_WHEN_LIVE}</style>{image}",
        **picture,
        "text/plain": f"<picture of the journey map {title!r}>",
    }
