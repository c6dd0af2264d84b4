"""Safe writes inside a vault: never outside it, never partial, never over a change.

Every write goes to a temporary file in the target's folder, is flushed with
``fsync``, then moved into place with ``os.replace`` (or ``os.link`` for a new file, which
refuses to clobber a file that appeared meanwhile). Just before the move the target is
read again and compared with what the sync read: if the user (or a sync service)
changed it in between, the write is abandoned and reported.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TMP_MARK = ".quotekit-tmp-"


class Unsafe(Exception):
    """The path would leave the vault or goes through a symlink."""


def check_inside(root: Path, path: Path) -> None:
    """Raise :class:`Unsafe` unless ``path`` is a plain file path inside ``root``.

    ``root`` must be resolved. The folder must resolve inside the vault, and the file
    itself must not be a symlink (a link could point anywhere).
    """
    if "\x00" in str(path):
        raise Unsafe(f"{path}: NUL in path")
    parent = Path(os.path.realpath(path.parent))
    if parent != root and root not in parent.parents:
        raise Unsafe(f"{path}: outside the vault")
    if path.is_symlink():
        raise Unsafe(f"{path}: is a symbolic link")


def make_folder(root: Path, folder: Path) -> None:
    """Create ``folder`` (inside ``root``), refusing any part that is a symlink."""
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            raise Unsafe(f"{current}: is a symbolic link")
        if not current.exists():
            current.mkdir()
        elif not current.is_dir():
            raise Unsafe(f"{current}: is not a folder")


def _temp(path: Path, data: bytes) -> Path:
    tmp = path.with_name(f".{path.name[:60]}{TMP_MARK}{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    return tmp


def sync_dir(folder: Path) -> None:
    """``fsync`` a folder, so that the renames in it are on disk (best effort)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write(root: Path, path: Path, data: bytes, expected: bytes | None, *,
          sync_folder: bool = True) -> bool:
    """Write ``data`` to ``path`` if it still holds ``expected`` (``None``: must not
    exist). Returns ``False`` (nothing written) when it changed meanwhile. With
    ``sync_folder=False`` the caller syncs the folder later (once for many files):
    until then a crash may undo the rename, leaving the old file whole."""
    check_inside(root, path)
    tmp = _temp(path, data)
    try:
        if expected is None:
            try:
                os.link(tmp, path)
            except FileExistsError:
                return False
            except OSError:  # no hard links here (FAT, some network drives)
                if path.exists():
                    return False
                os.replace(tmp, path)
        else:
            try:
                current = path.read_bytes()
            except FileNotFoundError:
                return False
            if current != expected:
                return False
            os.replace(tmp, path)
        if sync_folder:
            sync_dir(path.parent)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def is_leftover(name: str) -> bool:
    """A temporary file a killed sync left behind."""
    return name.startswith(".") and TMP_MARK in name
