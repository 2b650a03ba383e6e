"""Journey files open as documents on the Jupyter server: one Journey per open file.

Every editor tab of a file (in any browser) is a *peer* of the file's :class:`Document`.
Peers speak the map's protocol (:mod:`.protocol`): their edits go through the journey's one
op pipeline, and every accepted change goes to every peer, so all tabs stay in step. On top
of the protocol a document says whether it has unsaved changes, saves through the model's
atomic save, reloads from disk, and notices when the file changed on disk behind its back.

    server → peers  {"type": "document", "snapshot", "presentation", "read_only", "dirty"}
                    {"type": "state", "dirty", "disk_changed"}
                    {"type": "error", "message", "pointer"}   the file does not load
    peer → server   {"type": "save"} | {"type": "reload"} | {"type": "keep"} (keep the
                    edits although the file changed on disk), and the protocol's messages
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..io import journey_json
from ..io.text_file import read_text
from ..model import Change, FileFormatError, Journey, JourneyError, OperationError
from ..model.diff import diff_tables
from ..model.ops import Op, SetMeta
from ..model.schema import TABLES
from .protocol import change_message, presentation, receive, rejection_message, snapshot

log = logging.getLogger("journeywidgets.server")

SUFFIX = ".journey.json"


class Peer(Protocol):
    """One open editor tab: what a document needs of its connection."""

    def send(self, message: dict[str, Any]) -> None: ...


class PathRefused(JourneyError, ValueError):
    """A path that leads outside the server's root, or is not a journey file."""


def resolve(root: Path, api_path: str) -> Path:
    """The file ``api_path`` (a Jupyter path, ``/``-separated) names inside ``root``.

    Refuses ``..``, absolute paths and any path whose real location (symlinks followed)
    is outside the root, and anything but a ``.journey.json`` file name.
    """
    parts = [part for part in api_path.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts or api_path.startswith("/") or ".." in parts or ":" in parts[0]:
        raise PathRefused(f"not a path inside the server's root: {api_path!r}")
    if not parts[-1].endswith(SUFFIX):
        raise PathRefused(f"not a journey file ({SUFFIX}): {api_path!r}")
    real_root = root.resolve()
    target = real_root.joinpath(*parts).resolve()
    if not target.is_relative_to(real_root):
        raise PathRefused(f"not a path inside the server's root: {api_path!r}")
    return target


@dataclass(frozen=True)
class DiskState:
    """What the file on disk held when we last read or wrote it."""

    mtime_ns: int
    size: int
    digest: str

    @classmethod
    def of(cls, path: Path) -> DiskState | None:
        try:
            stat = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
        return cls(stat.st_mtime_ns, stat.st_size, digest)

    def same_as(self, path: Path) -> bool:
        """Whether the file still holds what we know (cheap unless its stat changed)."""
        try:
            stat = path.stat()
        except OSError:
            return False
        if (stat.st_mtime_ns, stat.st_size) == (self.mtime_ns, self.size):
            return True
        now = DiskState.of(path)
        return now is not None and now.digest == self.digest


class Document:
    """One open journey file and the peers editing it."""

    def __init__(self, path: Path, api_path: str) -> None:
        self.path = path
        self.api_path = api_path
        self.peers: set[Peer] = set()
        self.journey: Journey | None = None
        self.error: FileFormatError | None = None
        self.saved_version = 0
        self.disk_changed = False
        self._disk: DiskState | None = None
        self._load()

    @property
    def read_only(self) -> bool:
        return not os.access(self.path, os.W_OK)

    @property
    def dirty(self) -> bool:
        return self.journey is not None and self.journey.version != self.saved_version

    # -- peers ------------------------------------------------------------------------

    def join(self, peer: Peer) -> None:
        self.peers.add(peer)
        peer.send(self._welcome())

    def leave(self, peer: Peer) -> None:
        self.peers.discard(peer)

    def receive(self, peer: Peer, content: object) -> None:
        """Act on one message from a peer."""
        kind = content.get("type") if isinstance(content, dict) else None
        if self.journey is None:
            if kind == "reload":
                self.reload()
            else:
                peer.send(self._error_message())
            return
        if kind == "save":
            self.save()
        elif kind == "reload":
            self.reload()
        elif kind == "keep":
            self.keep()
        elif kind in ("ops", "undo", "redo") and self.read_only:
            request = content.get("request") if isinstance(content, dict) else None
            refusal = OperationError(f"{self.api_path} is read-only; edits cannot be saved")
            peer.send(rejection_message(request, refusal))
        else:
            receive(self.journey, content, peer.send)

    def _broadcast(self, message: dict[str, Any]) -> None:
        for peer in list(self.peers):
            peer.send(message)

    def _on_change(self, change: Change) -> None:
        assert self.journey is not None
        self._broadcast(change_message(change, self.journey))
        if change.version == self.saved_version + 1:  # the first unsaved change
            self._broadcast_state()

    def _broadcast_state(self) -> None:
        self._broadcast({"type": "state", "dirty": self.dirty, "disk_changed": self.disk_changed})

    def _welcome(self) -> dict[str, Any]:
        if self.journey is None:
            return self._error_message()
        return {
            "type": "document",
            "path": self.api_path,
            "snapshot": snapshot(self.journey),
            "presentation": presentation(),
            "read_only": self.read_only,
            "dirty": self.dirty,
            "disk_changed": self.disk_changed,
        }

    def _error_message(self) -> dict[str, Any]:
        error = self.error
        return {
            "type": "error",
            "path": self.api_path,
            "message": str(error) if error else "the file is not open",
            "pointer": error.pointer if error else None,
        }

    # -- the file ---------------------------------------------------------------------

    def _read(self) -> Journey:
        """The journey in the file, read as ``jw.load`` reads it (one validator), named by
        its path in Jupyter rather than on the server's disk."""
        disk = DiskState.of(self.path)
        try:
            text = read_text(self.path)
        except OSError as error:
            raise FileFormatError(
                f"cannot read the file: {error.strerror}", path=self.api_path
            ) from None
        journey = journey_json.loads(text, into=Journey, source=self.api_path)
        self._disk = disk
        return journey

    def _load(self) -> None:
        try:
            journey = self._read()
        except FileFormatError as error:
            self.journey, self.error = None, error
            return
        self.journey, self.error = journey, None
        self.saved_version = journey.version
        journey.observe(self._on_change)

    def save(self) -> None:
        """Write the journey with the model's atomic save; every peer is told it is clean."""
        if self.journey is None:
            raise FileFormatError("the file did not load; nothing to save", path=self.api_path)
        if self.read_only:
            raise OperationError(f"{self.api_path} is read-only")
        journey_json.save(self.journey, self.path)
        self._disk = DiskState.of(self.path)
        self.saved_version = self.journey.version
        self.disk_changed = False
        self._broadcast_state()

    def reload(self) -> None:
        """Take the file as it is on disk, discarding unsaved edits.

        The difference arrives at the views as one ordinary change (origin ``"disk"``), so
        versions keep counting up, every tab follows, and the reload can be undone.
        """
        try:
            fresh = self._read()
        except FileFormatError as error:
            if self.journey is not None:
                self.journey.unobserve(self._on_change)
            self.journey, self.error = None, error
            self._broadcast(self._error_message())
            return
        if self.journey is None:  # a broken file was fixed: start afresh
            self._load()
            self._broadcast(self._welcome())
            return
        ops: list[Op] = [
            SetMeta(field, value)
            for field, value in fresh.meta.items()
            if self.journey.meta.get(field) != value
        ]
        ops += diff_tables(
            {name: getattr(self.journey, name) for name in TABLES},
            {name: getattr(fresh, name) for name in TABLES},
        )
        self.saved_version = self.journey.version + (1 if ops else 0)
        self.disk_changed = False
        if ops:
            self.journey.apply(ops, origin="disk")
        self._broadcast_state()

    def keep(self) -> None:
        """Keep the journey as edited although the file changed on disk: stop telling the
        peers (JupyterLab still asks before a save overwrites the file)."""
        self._disk = DiskState.of(self.path)
        self.disk_changed = False
        self._broadcast_state()

    def check_disk(self) -> None:
        """Tell the peers once when the file changed on disk behind the editor's back."""
        if self.disk_changed or self._disk is None or self._disk.same_as(self.path):
            return
        self.disk_changed = True
        log.info("%s changed on disk", self.api_path)
        self._broadcast_state()


class Documents:
    """The open documents of one Jupyter server, by path inside its root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._open: dict[Path, Document] = {}

    def open(self, api_path: str) -> Document:
        path = resolve(self.root, api_path)
        document = self._open.get(path)
        if document is None:
            if not path.is_file():
                raise FileNotFoundError(api_path)
            document = self._open[path] = Document(path, api_path)
        return document

    def find(self, api_path: str) -> Document | None:
        return self._open.get(resolve(self.root, api_path))

    def leave(self, document: Document, peer: Peer) -> None:
        """A peer went away; a document nobody edits is closed (unsaved edits go, as when
        the last tab of a file is closed without saving)."""
        document.leave(peer)
        if not document.peers:
            if document.journey is not None:
                document.journey.unobserve(document._on_change)
            self._open.pop(document.path, None)

    def check_disk(self) -> None:
        for document in list(self._open.values()):
            document.check_disk()

    def __len__(self) -> int:
        return len(self._open)
