"""Maps for the teaching tests: renamed copies of templates."""

from __future__ import annotations

from typing import Any

import journeywidgets as jw
from journeywidgets.io import journey_json


def renamed(journey: jw.Journey, prefix: str = "r_") -> jw.Journey:
    """The same map with every id changed (as if built by hand, not from the template)."""
    document: dict[str, Any] = journey_json.to_document(journey)
    for rows in document["tables"].values():
        for row in rows:
            for key, value in list(row.items()):
                if (key.endswith("_id") or key == "target_id") and isinstance(value, str):
                    row[key] = prefix + value
    return journey_json.from_document(document, into=jw.Journey)
