"""One sync at a time per vault: a lock file in ``VAULT/.quotekit/``.

The lock is created atomically with its contents (written to a temporary file, then
hard-linked into place, which fails if the lock exists), so it is never seen half
written. It names the process, host and start time. A lock whose process is gone (same
host) is stale and taken over; any other lock stops the run with a clear message.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import QuotekitError

LOCK_DIR = ".quotekit"
LOCK_NAME = "sync.lock"


class LockedError(QuotekitError):
    """Another sync holds the vault."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _create(lock: Path, payload: bytes) -> bool:
    tmp = lock.with_name(f"{LOCK_NAME}.{os.getpid()}")
    tmp.write_bytes(payload)
    try:
        os.link(tmp, lock)
        return True
    except FileExistsError:
        return False
    except OSError:
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def vault_lock(vault: Path, notices: list[str]) -> Iterator[None]:
    """Hold the vault's lock for the ``with`` block; stale locks are reported in
    ``notices`` and replaced."""
    folder = vault / LOCK_DIR
    if folder.is_symlink():
        raise LockedError(f"{folder} is a symbolic link; remove it")
    folder.mkdir(exist_ok=True)
    lock = folder / LOCK_NAME
    host = socket.gethostname()
    payload = json.dumps({"pid": os.getpid(), "host": host,
                          "started": time.strftime("%Y-%m-%dT%H:%M:%S")}).encode()
    for _ in range(2):
        if _create(lock, payload):
            break
        try:
            holder = json.loads(lock.read_text(encoding="utf-8"))
            pid, their_host = int(holder["pid"]), str(holder["host"])
        except FileNotFoundError:
            continue
        except (OSError, ValueError, KeyError, TypeError):
            raise LockedError(f"{lock} is not a quotekit lock; remove it if no sync "
                              "is running") from None
        if their_host == host and not _alive(pid):
            notices.append(f"removed a stale lock left by process {pid}")
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
            continue
        raise LockedError(f"another quotekit sync is running on this vault (process {pid} "
                          f"on {their_host}, since {holder.get('started', '?')}); wait for "
                          f"it to finish, or delete {lock} if it is not running")
    else:
        raise LockedError(f"could not take the lock {lock}; try again")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            if lock.read_bytes() == payload:
                lock.unlink()
