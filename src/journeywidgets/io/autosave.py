"""Autosave: a journey saved to its file a moment after each change, off the edit's path.

``journey.autosave("map.journey.json")`` starts it (see docs/interchange.md, "Autosave").
Every accepted change, from Python or from a widget, marks the journey *dirty* and sets a
deadline ``delay`` seconds ahead; a change before the deadline moves it on (debounce), so
a burst of edits is one save. The save runs on a background thread, through the journey's
own atomic save, so the file is always a complete version: never a half-written one.

An edit never waits for a save: the observer only notes the version and wakes the thread.
The thread reads the journey while the kernel may be editing it; a save whose version
changed while it was being written is not counted as saved (the journey stays dirty and is
saved again after the next deadline), so the status never claims a version the file does
not hold.

The status is observable: :attr:`Autosave.status` (path, dirty, saved version, last error,
when) and :meth:`Autosave.observe` for a callback after each save or failure (a widget's
"unsaved changes" mark listens there). A failed save (read-only folder, full disk) is kept
in ``last_error`` and tried again at the next change; it never raises into an edit.
"""

from __future__ import annotations

import atexit
import threading
import time
import warnings
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Change, Journey


@dataclass(frozen=True)
class AutosaveStatus:
    """Where the journey is saved and whether the file is current."""

    path: Path
    dirty: bool  # the journey holds changes the file does not
    version: int  # the journey's version now
    saved_version: int | None  # the version the file holds (None: not saved yet)
    saved_at: float | None  # time.time() of the last save
    last_error: Exception | None  # why the last save failed; None after a good one
    running: bool


Listener = Callable[[AutosaveStatus], None]


class Autosave:
    """Saves ``journey`` to ``path`` ``delay`` seconds after its last change (see module)."""

    def __init__(
        self,
        journey: Journey,
        path: Path,
        save: Callable[[Path], object],
        *,
        delay: float = 1.0,
    ) -> None:
        self.path = path
        self.delay = delay
        self._save = save
        self._journey = weakref.ref(journey)
        self._lock = threading.Condition()
        self._due: float | None = time.monotonic()  # the file may be older: save at once
        self._dirty = True
        self._saved_version: int | None = None
        self._saved_at: float | None = None
        self._last_error: Exception | None = None
        self._running = True
        self._listeners: list[Listener] = []
        self._observer = journey.observe(self._changed)
        self._thread = threading.Thread(target=self._run, name=f"autosave {path}", daemon=True)
        self._thread.start()
        atexit.register(self.stop)

    # -- the edit's side: note and wake, nothing more -----------------------------------

    def _changed(self, change: Change) -> None:
        with self._lock:
            self._dirty = True
            self._due = time.monotonic() + self.delay
            self._lock.notify()

    # -- the thread's side --------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._lock:
                while self._running and (self._due is None or time.monotonic() < self._due):
                    timeout = None if self._due is None else self._due - time.monotonic()
                    self._lock.wait(timeout)
                if not self._running:
                    return
                self._due = None
            self._save_now()

    def _save_now(self) -> bool:
        """Save once; True when the file now holds the journey's current version."""
        journey = self._journey()
        if journey is None:
            return False
        version = journey.version
        error: Exception | None = None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a Mermaid file's "not carried" note, each time
                self._save(self.path)
        except Exception as problem:  # kept for the status: a save must not kill the thread
            error = problem
        with self._lock:
            current = journey.version == version
            if error is None:
                self._last_error = None
                self._saved_at = time.time()
                if current:
                    self._saved_version = version
                    self._dirty = self._due is not None  # a change came in while saving
            else:
                self._last_error = error
        self._tell()
        return error is None and current

    def _tell(self) -> None:
        status = self.status
        for listener in list(self._listeners):
            try:
                listener(status)
            except Exception:  # a listener's failure is its own; saving goes on
                continue

    # -- the user's side ----------------------------------------------------------------

    @property
    def status(self) -> AutosaveStatus:
        journey = self._journey()
        with self._lock:
            return AutosaveStatus(
                path=self.path,
                dirty=self._dirty,
                version=journey.version if journey is not None else -1,
                saved_version=self._saved_version,
                saved_at=self._saved_at,
                last_error=self._last_error,
                running=self._running,
            )

    @property
    def dirty(self) -> bool:
        return self.status.dirty

    @property
    def saved_version(self) -> int | None:
        return self.status.saved_version

    @property
    def last_error(self) -> Exception | None:
        return self.status.last_error

    def observe(self, listener: Listener) -> Listener:
        """Call ``listener(status)`` after every save or failed save (on the saving thread)."""
        self._listeners.append(listener)
        return listener

    def flush(self) -> AutosaveStatus:
        """Save now if there are unsaved changes (blocking); returns the status."""
        with self._lock:
            pending = self._dirty
            self._due = None
        if pending:
            self._save_now()
        return self.status

    def stop(self) -> AutosaveStatus:
        """Save what is unsaved, then stop watching the journey."""
        status = self.flush()
        with self._lock:
            if not self._running:
                return status
            self._running = False
            self._lock.notify()
        journey = self._journey()
        if journey is not None:
            journey.unobserve(self._observer)
        atexit.unregister(self.stop)
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)
        return self.status

    def __repr__(self) -> str:
        status = self.status
        state = (
            "stopped" if not status.running else ("unsaved changes" if status.dirty else "saved")
        )
        error = f", last error: {status.last_error}" if status.last_error else ""
        return f"<Autosave to {status.path}: {state} (version {status.saved_version}){error}>"


def start(journey: Journey, path: Path, save: Callable[[Path], Any], delay: float) -> Autosave:
    """One autosave per journey: starting another stops the first (after it saves)."""
    previous = _RUNNING.get(journey)
    if previous is not None:
        previous.stop()
    saver = Autosave(journey, path, save, delay=delay)
    _RUNNING[journey] = saver
    return saver


_RUNNING: weakref.WeakKeyDictionary[Journey, Autosave] = weakref.WeakKeyDictionary()
