"""The map's message protocol, shared by the notebook widget (comm) and the document editor
(websocket): it lives in :mod:`journeywidgets.server.protocol`, below both."""

from ..server.protocol import (
    change_message,
    presentation,
    receive,
    rejection_message,
    scale_json,
    snapshot,
)

__all__ = [
    "change_message",
    "presentation",
    "receive",
    "rejection_message",
    "scale_json",
    "snapshot",
]
