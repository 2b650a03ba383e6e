"""A Jupyter server extension: journey files opened as documents (the map editor).

Enabled by ``jupyter_server_config.d/journeywidgets.json`` (installed with the package).
Jupyter imports this module to find the extension; jupyter_server itself is imported
only when the server loads it, so the widget can use :mod:`.protocol` without it.
"""

from __future__ import annotations

from typing import Any


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "journeywidgets.server"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from .handlers import setup

    setup(serverapp)
