"""Pick up in-place DataFrame edits after every IPython cell.

Users edit the live frames with ordinary pandas (``journey.steps.loc["step_2", "name"] =
"Pay"``). pandas cannot tell us when that happens, so after each cell IPython runs
(``post_run_cell``) every journey alive in the kernel diffs its frames and applies what
changed. Outside IPython nothing is registered; call ``journey.sync()`` yourself.
"""

from __future__ import annotations

import sys
import weakref
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .journey import Journey

_journeys: weakref.WeakSet[Journey] = weakref.WeakSet()
_hooked: set[int] = set()


def register(journey: Journey) -> None:
    """Sync ``journey`` after every cell, if we are in IPython, for as long as it lives."""
    _journeys.add(journey)
    ipython_module = sys.modules.get("IPython")
    if ipython_module is None:
        return
    shell = ipython_module.get_ipython()
    if shell is None or id(shell) in _hooked:
        return
    shell.events.register("post_run_cell", _after_cell)
    _hooked.add(id(shell))


def _after_cell(result: Any = None) -> None:
    from .errors import JourneyError

    for journey in list(_journeys):
        try:
            journey.sync()
        except JourneyError as error:
            # Not raised: IPython would print a traceback of its own machinery. The edit was
            # rolled back; say so plainly, with the location the error carries.
            print(
                f"journeywidgets: your edit to the journey {journey.title!r} was undone "
                f"because it breaks the map's rules:\n  {error}",
                file=sys.stderr,
            )
