"""The public ``Journey``: the model's Journey plus what the layers above it offer.

``model.Journey`` knows nothing of files or widgets (imports point down). This subclass is
where the conveniences users expect on the object meet: ``save``, and — as those layers
arrive — pictures and the widget. It adds no state of its own.
"""

from __future__ import annotations

import os
from pathlib import Path

from .io import journey_json
from .model import journey as model


class Journey(model.Journey):
    __doc__ = model.Journey.__doc__

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the journey to ``path`` (``.journey.json``) atomically; returns the path."""
        return journey_json.save(self, path)

    def to_json(self) -> str:
        """The journey as ``.journey.json`` text."""
        return journey_json.dumps(self)


def load(path: str | os.PathLike[str]) -> Journey:
    """Read a journey file. Errors name the file and the JSON path of the first problem."""
    return journey_json.load(path, into=Journey)


def loads(text: str) -> Journey:
    """Read a journey from ``.journey.json`` text."""
    return journey_json.loads(text, into=Journey)
