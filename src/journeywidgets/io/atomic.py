"""Atomic saves of files and folders: whatever happens during a save (an error, a full
disk, the process killed at any instant), ``path`` then holds the old version or the new
one, complete; never a mix, never a part.

How:

- A file is written to a temporary file beside it, flushed to disk, then renamed over
  ``path``: one ``rename``, which the system performs whole.
- A folder (the CSV tables) is written to a staging folder beside it, flushed, then
  swapped with the old folder in one ``renameat2(RENAME_EXCHANGE)`` (Linux); the old
  contents, now in the staging folder's place, are then removed. Where the system cannot
  swap two folders, the old folder is first renamed aside and the new one renamed into
  place; a save killed between those two renames leaves no folder at ``path`` and the old
  one aside, and :func:`recover` (run by every load and save of ``path``) puts it back.
  Files in the folder that the save does not write (a README beside the CSVs) are kept:
  they are linked into the staging folder before the swap.
- Temporaries are named ``.<name>.<pid>.<random>.jw-tmp`` (``jw-new``, ``jw-old`` for
  folders). A killed save cannot remove its own; the next load or save of the same path
  removes every one whose process has ended, so none is left behind for long.

Errors from the system (a missing or read-only folder, a full disk) become
:class:`~journeywidgets.model.FileWriteError` naming ``path``, not the temporary file.
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from ..model import FileWriteError

_MARK = ".jw-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _temporary(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{_MARK}{kind}")


def _owner_gone(name: str, prefix: str) -> bool:
    """True when the temporary ``name`` was made by a process that no longer runs."""
    pid_text = name[len(prefix) :].split(".", 1)[0]
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # this process may be saving it right now (another thread)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, someone else's
    return False


def recover(path: str | os.PathLike[str]) -> None:
    """Finish what a killed save of ``path`` left: put back a folder moved aside, and remove
    temporaries of processes that have ended. Quiet when the folder cannot be listed."""
    target = Path(path)
    prefix = f".{target.name}."
    try:
        entries = [e for e in os.scandir(target.parent) if e.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        if _MARK not in entry.name or not _owner_gone(entry.name, prefix):
            continue
        leftover = Path(entry.path)
        try:
            if entry.name.endswith(f"{_MARK}old") and not target.exists():
                os.rename(leftover, target)  # killed between the two renames: roll back
            elif entry.is_dir(follow_symlinks=False):
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
        except OSError:
            continue


def _mode_for(target: Path) -> int:
    """The permissions a plain ``open()`` would give (``mkstemp`` makes files private), or
    those of the file being replaced."""
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every system opens folders; the rename is still atomic
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _discard(temporary: Path) -> None:
    """Remove a temporary file if it is there (its folder may not be)."""
    with suppress(OSError):
        temporary.unlink()


def _refused(error: OSError, target: Path) -> FileWriteError:
    reason = error.strerror or str(error)
    return FileWriteError(reason, path=str(target), errno=error.errno)


@contextmanager
def atomic_open(
    path: str | os.PathLike[str], mode: str = "w", **kwargs: object
) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one rename.

    If the block raises, the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    recover(target)
    temporary = _temporary(target, "tmp")
    try:
        # "x": the name is new; mode and options otherwise as the caller asked.
        handle = open(temporary, mode.replace("w", "x"), **kwargs)  # type: ignore[call-overload]  # noqa: SIM115
    except OSError as error:
        raise _refused(error, target) from None
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _publish(temporary, target)
    except OSError as error:
        _discard(temporary)
        raise _refused(error, target) from None
    except BaseException:
        _discard(temporary)
        raise


def _publish(temporary: Path, target: Path) -> None:
    os.chmod(temporary, _mode_for(target))
    os.replace(temporary, target)
    _fsync_folder(target.parent)


def atomic_write_with(path: str | os.PathLike[str], write: Callable[[str], None]) -> None:
    """Let ``write(temporary_path)`` produce the file (for writers that want a path, such as
    Excel or matplotlib), then move it over ``path`` in one rename. The temporary path
    ends with ``path``'s suffix, for writers that choose a format by it."""
    target = Path(path)
    recover(target)
    temporary = _temporary(target, "tmp")
    temporary = temporary.with_name(temporary.name + target.suffix)
    try:
        temporary.touch(exist_ok=False)
        write(str(temporary))
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        _publish(temporary, target)
    except OSError as error:
        _discard(temporary)
        raise _refused(error, target) from None
    except BaseException:
        _discard(temporary)
        raise


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where that is not offered."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE)
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _keep_others(old: Path, staging: Path) -> None:
    """Link into ``staging`` what the old folder holds and the save did not write."""
    for entry in os.scandir(old):
        destination = staging / entry.name
        if destination.exists() or entry.name.startswith(f".{old.name}."):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.copytree(entry.path, destination, symlinks=True, copy_function=_link_or_copy)
        elif entry.is_symlink():
            os.symlink(os.readlink(entry.path), destination)
        else:
            _link_or_copy(entry.path, str(destination))


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def atomic_folder(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Let ``write(staging_folder)`` fill a new folder, then put it at ``path`` atomically
    (see the module doc). Parents of ``path`` are created; a file at ``path`` is refused."""
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise FileWriteError("a file is there, not a folder", path=str(target))
    staging = _temporary(target, "new")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        recover(target)
        staging.mkdir()
        write(staging)
        for entry in os.scandir(staging):
            if entry.is_file(follow_symlinks=False):
                with open(entry.path, "rb") as handle:
                    os.fsync(handle.fileno())
        _fsync_folder(staging)
        if not target.exists():
            os.rename(staging, target)
        else:
            _keep_others(target, staging)
            if not _exchange(staging, target):
                aside = _temporary(target, "old")
                os.rename(target, aside)
                os.rename(staging, target)
                staging = aside
            shutil.rmtree(staging, ignore_errors=True)
        _fsync_folder(target.parent)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise _refused(error, target) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
