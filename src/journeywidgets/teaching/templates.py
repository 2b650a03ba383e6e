"""Teaching templates: real, filled-in maps shipped with the package as ``.journey.json``.

They are written by ``scripts/generate_templates.py`` (specs in ``scripts/templates_spec/``)
as ``<name>.<language>.journey.json``; translations of one template share their ids.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TypeVar

import pandas as pd

from ..io import journey_json
from ..model import Journey, ValidationError

J = TypeVar("J", bound=Journey)

FOLDER = Path(__file__).parent / "templates"
SUFFIX = ".journey.json"


@cache
def _files() -> dict[str, dict[str, Path]]:
    """name → language → file, in name order; the first language listed is the source's."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(FOLDER.glob(f"*{SUFFIX}")):
        name, _, language = path.name[: -len(SUFFIX)].rpartition(".")
        found.setdefault(name, {})[language] = path
    return found


@cache
def _document(path: Path) -> Journey:
    return journey_json.load(path)


def templates() -> pd.DataFrame:
    """The templates, one row per template and language: ``name``, ``language``,
    ``title``, ``map_type``, ``stages``, ``steps`` and ``summary`` (what it teaches).

    Examples
    --------
    >>> import journeywidgets as jw
    >>> listing = jw.templates()
    >>> listing.query("language == 'en'")[["name", "stages", "steps"]].head(3)
                 name  stages  steps
    0  buyers_journey       3      6
    3       canonical       4      8
    6   current_state       3      5
    """
    rows = []
    for name, languages in _files().items():
        for language, path in languages.items():
            journey = _document(path)
            rows.append(
                {
                    "name": name,
                    "language": language,
                    "title": journey.title,
                    "map_type": journey.map_type,
                    "stages": len(journey.stages),
                    "steps": len(journey.steps),
                    "summary": journey.acc_descr,
                }
            )
    listing: pd.DataFrame = pd.DataFrame(rows)
    return listing


def template(
    name: str,
    language: str | None = None,
    *,
    into: type[J] = Journey,  # type: ignore[assignment]
) -> J:
    """A fresh copy of template ``name`` in ``language`` (``"en"``, ``"zh"``, ``"ms"``);
    by default English if it has one, else the language it was written in.

    An unknown name or language is refused with the list of known ones.
    """
    files = _files()
    if name not in files:
        raise ValidationError(
            f"unknown template {name!r}; the templates are: {', '.join(files)}", column="name"
        )
    languages = files[name]
    if language is None:
        language = "en" if "en" in languages else next(iter(languages))
    if language not in languages:
        raise ValidationError(
            f"template {name!r} has no {language!r} version; it has: {', '.join(languages)}",
            column="language",
        )
    return journey_json.load(languages[language], into=into)
