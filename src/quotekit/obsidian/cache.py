"""``VAULT/.quotekit/cache.json``: what the last run learnt, to make the next one fast.

Only a cache: deleting it changes nothing but speed (the state that matters lives in the
notes and the ledger). It remembers, per file, its size and modification time with the
facts the vault index drew from it (so unchanged files are not read again), and per
quotekit note the fingerprint of the upstream quotes merged into it, with the counts
and messages of that merge (so an unchanged note with unchanged quotes is not parsed
again, and the summary still reports its conflicts). A cache entry is used only while
the file's size and modification time are the ones recorded; any write still re-reads
the file and compares it first, so a stale cache can delay an update, never lose an edit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .lock import LOCK_DIR

NAME = "cache.json"
VERSION = 1


def load(root: Path) -> dict[str, Any]:
    """The cache, or an empty one when missing, unreadable or from another version."""
    try:
        data = json.loads((root / LOCK_DIR / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"files": {}, "notes": {}}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {"files": {}, "notes": {}}
    files, notes = data.get("files"), data.get("notes")
    return {"files": files if isinstance(files, dict) else {},
            "notes": notes if isinstance(notes, dict) else {}}


def save(root: Path, files: dict[str, Any], notes: dict[str, Any]) -> None:
    """Write the cache (temp file + ``os.replace``; a failure only costs speed)."""
    folder = root / LOCK_DIR
    if folder.is_symlink() or not folder.is_dir():
        return
    tmp = folder / f"{NAME}.{os.getpid()}"
    with contextlib.suppress(OSError):
        tmp.write_text(json.dumps({"version": VERSION, "files": files, "notes": notes},
                                  ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, folder / NAME)
    with contextlib.suppress(OSError):
        tmp.unlink()


def fingerprint(*parts: object) -> str:
    """A digest of everything a merge depends on besides the note itself."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]
