"""Event logs onto the map: funnels and paths on the user's own dataframe engine.

Layering: analytics sits above render (its figures use render's fonts and colours) and
below widgets; render never imports analytics.
"""

from .events import EventLogError, EventLogWarning
from .funnel import funnel
from .paths import Paths, paths
from .results import attach_funnel, plot_funnel, plot_paths

__all__ = [
    "EventLogError",
    "EventLogWarning",
    "Paths",
    "attach_funnel",
    "funnel",
    "paths",
    "plot_funnel",
    "plot_paths",
]
