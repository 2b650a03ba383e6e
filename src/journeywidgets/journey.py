"""The public ``Journey``: the model's Journey plus what the layers above it offer.

``model.Journey`` knows nothing of files or widgets (imports point down). This subclass is
where the conveniences users expect on the object meet: ``save``, and — as those layers
arrive — pictures and the widget. It adds no state of its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .io import journey_json
from .model import journey as model
from .widgets import JourneyMap


class Journey(model.Journey):
    __doc__ = model.Journey.__doc__

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the journey to ``path`` (``.journey.json``) atomically; returns the path."""
        return journey_json.save(self, path)

    def to_json(self) -> str:
        """The journey as ``.journey.json`` text."""
        return journey_json.dumps(self)

    def show(self, **options: Any) -> JourneyMap:
        """An interactive map of this journey; options as for :class:`JourneyMap`."""
        return JourneyMap(self, **options)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        # A journey left as a cell's last expression shows its map.
        return self.show()._repr_mimebundle_(**kwargs)


def load(path: str | os.PathLike[str]) -> Journey:
    """Read a journey file. Errors name the file and the JSON path of the first problem."""
    return journey_json.load(path, into=Journey)


def loads(text: str) -> Journey:
    """Read a journey from ``.journey.json`` text."""
    return journey_json.loads(text, into=Journey)
