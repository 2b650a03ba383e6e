"""journeywidgets: customer journey maps as live pandas DataFrames and Jupyter widgets."""

from . import analytics
from .__about__ import __version__
from .io.mermaid import MermaidWarning
from .journey import Journey, from_grid, from_mermaid, load, loads, read_csv, read_excel
from .model import (
    Change,
    EmotionScale,
    FileFormatError,
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
from .widgets import JourneyMap

__all__ = [
    "Change",
    "EmotionScale",
    "ExportReport",
    "FileFormatError",
    "ImportReport",
    "Journey",
    "JourneyError",
    "JourneyMap",
    "MermaidWarning",
    "MissingFontWarning",
    "OperationError",
    "ResearchImportWarning",
    "ValidationError",
    "__version__",
    "analytics",
    "from_grid",
    "from_mermaid",
    "get_scale",
    "import_qdc",
    "import_qdpx",
    "import_qualcoder",
    "import_quotes",
    "import_taguette",
    "load",
    "loads",
    "read_csv",
    "read_excel",
    "read_qdc",
    "read_qdpx",
    "read_qualcoder",
    "read_quotes",
    "read_taguette",
    "write_qdc",
    "write_qdpx",
]
