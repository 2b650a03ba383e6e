"""Reading and writing journeys: ``.journey.json`` and its JSON Schema."""

from .journey_json import MIGRATIONS, dumps, from_document, load, loads, save, to_document
from .json_schema import SCHEMA_VERSION, journey_schema

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "dumps",
    "from_document",
    "journey_schema",
    "load",
    "loads",
    "save",
    "to_document",
]
