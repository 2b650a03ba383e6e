"""The journey model: tables, operations, the pipeline, history and the diff.

Nothing here imports widgets, rendering or file formats: every layer above builds on it.
"""

from .errors import FileFormatError, FileWriteError, JourneyError, OperationError, ValidationError
from .journey import Change, Journey, SavedFile
from .ops import Delete, Insert, Move, Op, SetMeta, Update, op_from_json, op_to_json
from .scales import BUILTIN_SCALES, EmotionScale, get_scale
from .schema import META, TABLES

__all__ = [
    "BUILTIN_SCALES",
    "META",
    "TABLES",
    "Change",
    "Delete",
    "EmotionScale",
    "FileFormatError",
    "FileWriteError",
    "Insert",
    "Journey",
    "JourneyError",
    "Move",
    "Op",
    "OperationError",
    "SavedFile",
    "SetMeta",
    "Update",
    "ValidationError",
    "get_scale",
    "op_from_json",
    "op_to_json",
]
