"""journeywidgets: customer journey maps as live pandas DataFrames and Jupyter widgets."""

from . import analytics
from .__about__ import __version__
from .io.mermaid import MermaidWarning
from .journey import (
    Journey,
    from_grid,
    from_mermaid,
    load,
    loads,
    read_csv,
    read_excel,
    read_json,
    read_mermaid,
    template,
)
from .model import (
    Change,
    EmotionScale,
    FileFormatError,
    FileWriteError,
    JourneyError,
    OperationError,
    ValidationError,
    get_scale,
)
from .render import MissingFontWarning
from .teaching import CheckReport, Comparison, RubricError, check, compare, gradebook, templates
from .widgets import JourneyMap

__all__ = [
    "Change",
    "CheckReport",
    "Comparison",
    "EmotionScale",
    "FileFormatError",
    "FileWriteError",
    "Journey",
    "JourneyError",
    "JourneyMap",
    "MermaidWarning",
    "MissingFontWarning",
    "OperationError",
    "RubricError",
    "ValidationError",
    "__version__",
    "analytics",
    "check",
    "compare",
    "from_grid",
    "from_mermaid",
    "get_scale",
    "gradebook",
    "load",
    "loads",
    "read_csv",
    "read_excel",
    "read_json",
    "read_mermaid",
    "template",
    "templates",
]
