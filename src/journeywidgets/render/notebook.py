"""Figures that show as pictures in a notebook, whether or not pyplot was imported.

IPython shows a matplotlib Figure as an image only through a formatter that the inline
backend registers for ``Figure`` when it is loaded, which happens when ``matplotlib.pyplot``
is imported. A figure made without pyplot (as ours are, so that nothing is left open in
pyplot's registry) therefore shows as ``<Figure size … with 1 Axes>`` in a fresh kernel.
``NotebookFigure`` carries its own PNG representation instead, changing no backend and
registering nothing. Where the inline backend is active, its formatter (found through
the class hierarchy) still wins, so ``%config InlineBackend.figure_formats`` is obeyed.
"""

from __future__ import annotations

import io
from typing import Any

from matplotlib.figure import Figure


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
