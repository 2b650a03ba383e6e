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
from .research_files import (
    ExportReport,
    ImportReport,
    ResearchImportWarning,
    import_qdc,
    import_qdpx,
    import_qualcoder,
    import_quotes,
    import_taguette,
    read_qdc,
    read_qdpx,
    read_qualcoder,
    read_quotes,
    read_taguette,
    write_qdc,
    write_qdpx,
)
from .teaching import CheckReport, Comparison, RubricError, check, compare, gradebook, templates
from .widgets import JourneyMap

__all__ = [
    "Change",
    "CheckReport",
    "Comparison",
    "EmotionScale",
    "ExportReport",
    "FileFormatError",
    "FileWriteError",
    "ImportReport",
    "Journey",
    "JourneyError",
    "JourneyMap",
    "MermaidWarning",
    "MissingFontWarning",
    "OperationError",
    "ResearchImportWarning",
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
    "import_qdc",
    "import_qdpx",
    "import_qualcoder",
    "import_quotes",
    "import_taguette",
    "load",
    "loads",
    "read_csv",
    "read_excel",
    "read_json",
    "read_mermaid",
    "read_qdc",
    "read_qdpx",
    "read_qualcoder",
    "read_quotes",
    "read_taguette",
    "template",
    "templates",
    "write_qdc",
    "write_qdpx",
]


def __getattr__(name: str) -> object:
    # ``jw.datasets.bike_shop()`` without paying for the example data at import time.
    if name == "datasets":
        import importlib

        return importlib.import_module(f"{__name__}.datasets")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
