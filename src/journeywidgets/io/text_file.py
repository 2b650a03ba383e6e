"""Reading a text file for any reader: UTF-8 (a byte-order mark allowed), or a clear error."""

from __future__ import annotations

import os
from pathlib import Path

from ..model import FileFormatError
from .atomic import recover


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's text. Errors name the file, and for bad bytes the line and byte offset."""
    source = os.fspath(path)
    recover(path)  # a save killed midway leaves temporaries; a load clears them
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise FileFormatError(f"cannot read the file ({error.strerror})", path=source) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FileFormatError(
            f"not UTF-8 text (byte {error.start})", path=source, line=line
        ) from None
