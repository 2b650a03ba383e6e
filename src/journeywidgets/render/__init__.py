"""Static pictures of a journey: matplotlib figures, image and PDF files, standalone HTML."""

from .figure import plot_map
from .fonts import MissingFontWarning

__all__ = ["MissingFontWarning", "plot_map"]
