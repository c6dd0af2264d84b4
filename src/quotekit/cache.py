"""A result cache for incremental runs: one small JSON file per file version.

A result is stored under a *key* that changes whenever the result could change: the
file's content hash, the name the reader sees (a source's id and path come from it), and
the run's :func:`fingerprint` (quotekit's version and code, the reader, the read options,
the known speakers). Re-running over a corpus with ten new files extracts only those ten.

Layout under the cache folder (``--cache DIR``, default :func:`default_cache_dir`)::

    v1/results/ab/cdef....json   # {"source": {...}, "quotes": [...], "document": {...}}
    v1/stat/12/3456....          # content hash of a file, by path + size + mtime + inode
    v1/chunks/9a/bcde....        # an exporter's output for one file (jsonl lines)

Entries are never deleted automatically. Reading an entry renews its mtime (its time of
use) when older than a day, so ``quotekit cache prune --older-than AGE``
(:meth:`ResultCache.prune`) removes only what no run has needed lately.

The ``stat`` entries let a re-run skip reading and hashing files that have not been
touched since they were hashed (as git's index does); the content hash stays the key.
Every write is atomic (temp file + ``os.replace``), so concurrent runs and an
interrupted run never leave a torn entry; an unreadable entry is a miss.

Other commands (``quotekit sync``) use the same mechanism through
:func:`quotekit.batch.extract_paths` with ``cache=ResultCache(...)``, or directly::

    cache = ResultCache(default_cache_dir())
    fp = fingerprint(reader=None, options=ReadOptions(), speakers=None)
    key, data = cache.key_for(path, fp)       # data is None when the stat index hit
    extraction = cache.get(key, file_text)    # None on a miss; file_text() -> decoded file
    if extraction is None:
        extraction = ...                      # read + extract
        cache.put(key, extraction, decoded_file_text)

(:func:`quotekit.batch.process_file` does exactly this for one file.)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Extraction
from .records import extraction_from_dict, extraction_to_dict

if TYPE_CHECKING:
    from .extraction.speakers import SpeakerIndex
    from .registry import ReadOptions

LAYOUT = "v1"
#: An entry read this long after its last use has its time of use (mtime) renewed, so
#: ``quotekit cache prune --older-than`` removes what no run has used lately; renewing
#: at most once a day keeps hits free of an extra write.
TOUCH_AFTER = 24 * 3600.0
KINDS = ("results", "chunks", "stat")
#: A file modified this recently is not put in the stat index (its mtime may not yet
#: tell a later write apart: git's "racy clean" problem).
RACY_SECONDS = 2.0


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/quotekit``, else ``~/.cache/quotekit``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "quotekit"


def _digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """quotekit's version and a hash of its own source files, so results from another
    build (or a development checkout that changed) are never reused."""
    from . import __version__

    package = Path(__file__).resolve().parent
    h = hashlib.blake2b(__version__.encode(), digest_size=20)
    for path in sorted(package.rglob("*.py")):
        h.update(str(path.relative_to(package)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def fingerprint(
    *, reader: str | None, options: ReadOptions | None, speakers: SpeakerIndex | None,
) -> str:
    """Everything besides the file itself that changes a result, as one hash."""
    from .plugins import get_readers

    people = sorted((name, sorted(aliases)) for name, aliases in
                    (speakers.people.items() if speakers is not None else ()))
    settings = {
        "code": code_fingerprint(),
        "readers": sorted(get_readers()),
        "reader": reader,
        "url": options.url if options else None,
        "speaker_map": sorted((options.speaker_map if options else {}).items()),
        "people": people,
    }
    return _digest(json.dumps(settings, sort_keys=True))


def content_key(data: bytes, name: str, fingerprint: str) -> str:
    """The cache key of a file's bytes read under ``name`` with a run's fingerprint."""
    return _digest(fingerprint, name, hashlib.blake2b(data, digest_size=20).digest())


@dataclass(frozen=True, slots=True)
class StoredChunk:
    """An exporter's stored output for one file (see :meth:`ResultCache.get_chunk`):
    ``compressed`` is its UTF-8 text, zlib-compressed (:meth:`text` gives it back)."""

    path: str
    key: str
    inputs: Any = None
    context: str = ""
    quotes: int = 0
    compressed: bytes = b""

    def text(self, piece: int = 1 << 20) -> Iterator[bytes]:
        """The stored text (UTF-8) in pieces of at most ``piece`` bytes; raises
        ``zlib.error`` when damaged."""
        inflate = zlib.decompressobj()
        whole = memoryview(self.compressed)
        if not whole:
            raise zlib.error("empty entry")
        step = max(1, piece // 16)  # input fed in slices: no copying of a long tail
        for start in range(0, len(whole), step):
            data: bytes | memoryview = whole[start:start + step]
            last = start + step >= len(whole)
            while data:
                out = inflate.decompress(data, piece)
                data = inflate.unconsumed_tail
                if last and not data:  # the last piece: checked before it is given out
                    out += inflate.flush()
                    if not inflate.eof or inflate.unused_data:
                        raise zlib.error("truncated or padded entry")
                if out:
                    yield out


def deflate() -> Any:
    """The compressor of stored outputs: zlib's fastest level (JSON Lines shrink ~8x,
    at ~300 MB/s; ~500 MB/s back)."""
    return zlib.compressobj(1)


def chunk_key(key: str, cache_id: str) -> str:
    """Where the output of a :class:`~quotekit.registry.ChunkWriter` named ``cache_id``
    for the file with content key ``key`` is stored."""
    return _digest("chunk", cache_id, key)


@dataclass(slots=True)
class CacheUsage:
    """What a part of the cache holds: entries, bytes, the oldest time of use."""

    entries: int = 0
    bytes: int = 0
    oldest: float = 0.0


class ResultCache:
    """Extraction results on disk, keyed by :func:`content_key`."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.location = Path(root)
        self.root = self.location / LAYOUT

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key[2:]

    def key_for(self, path: str, fingerprint: str) -> tuple[str, bytes | None]:
        """The key of the file at ``path`` and, when it had to be read, its bytes.

        A file whose size, mtime and inode match the stat index is not read again.
        Raises ``OSError`` when the file cannot be read.
        """
        st = os.stat(path)
        stamp = _digest(os.path.abspath(path), str(st.st_size), str(st.st_mtime_ns),
                        str(st.st_ino), str(st.st_dev), str(st.st_ctime_ns))
        known = self._read(self._path("stat", stamp))
        if known is not None and len(known) == 40:
            return _digest(fingerprint, path, bytes.fromhex(known.decode("ascii"))), None
        with open(path, "rb") as f:
            data = f.read()
        raw = hashlib.blake2b(data, digest_size=20).digest()
        if time.time() - st.st_mtime > RACY_SECONDS:
            self._write(self._path("stat", stamp), raw.hex().encode("ascii"))
        return _digest(fingerprint, path, raw), data

    def get(self, key: str, file_text: Callable[[], str] | None = None) -> Extraction | None:
        """The stored result for ``key``, or ``None`` (also for a damaged entry).

        ``file_text`` gives the decoded file back when the entry left the document's
        text out (see :meth:`put`).
        """
        raw = self._read(self._path("results", key).with_suffix(".json"))
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            document = data.get("document")
            text = file_text() if document and document["text"] is None and file_text else None
            return extraction_from_dict(data, text=text)
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, extraction: Extraction, file_text: str | None = None) -> bool:
        """Store a result; ``False`` when it holds values JSON cannot keep (not cached).

        When the document's text is ``file_text`` (the decoded file, as for plain text)
        it is not stored: :meth:`get` asks for it again, so entries stay small.
        """
        doc = extraction.document
        keep_text = doc is not None and doc.text != file_text
        try:
            raw = json.dumps(extraction_to_dict(extraction, text=keep_text),
                             ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return False
        return self._write(self._path("results", key).with_suffix(".json"), raw.encode())

    def has_chunk(self, key: str, cache_id: str) -> bool:
        """Whether an output of writer ``cache_id`` is stored for content key ``key``."""
        return self._path("chunks", chunk_key(key, cache_id)).is_file()

    def get_chunk(self, path: str, key: str, cache_id: str) -> StoredChunk | None:
        """The stored output of writer ``cache_id`` for content key ``key``, or
        ``None``. An entry is a JSON header line (inputs, context, quotes) and the text
        (zlib-compressed)."""
        raw = self._read(self._path("chunks", chunk_key(key, cache_id)))
        if raw is None:
            return None
        header, sep, body = raw.partition(b"\n")
        if not sep:
            return None
        # The file's result was not read, but it is in use: keep it from aging out.
        self._renew(self._path("results", key).with_suffix(".json"))
        try:
            meta = json.loads(header)
            return StoredChunk(path, key, meta["inputs"], meta["context"], meta["quotes"],
                               body)
        except (ValueError, KeyError, TypeError):
            return None

    def put_chunk(self, key: str, cache_id: str, inputs: Any, context: str, quotes: int,
                  compressed: bytes) -> bool:
        """Store a writer's output for one file, UTF-8 compressed by :func:`deflate`
        (``False``: not stored)."""
        try:
            header = json.dumps({"inputs": inputs, "context": context, "quotes": quotes},
                                ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return False
        data = header.encode("utf-8") + b"\n" + compressed
        return self._write(self._path("chunks", chunk_key(key, cache_id)), data)

    @staticmethod
    def _read(path: Path) -> bytes | None:
        try:
            with open(path, "rb") as f:
                data = f.read()
                if time.time() - os.fstat(f.fileno()).st_mtime > TOUCH_AFTER:
                    with contextlib.suppress(OSError):
                        os.utime(path)  # in use: not pruned by age
            return data
        except OSError:
            return None

    @staticmethod
    def _renew(path: Path) -> None:
        """Renew the time of use of an entry in use but not read (at most once a day)."""
        with contextlib.suppress(OSError):
            if time.time() - os.stat(path).st_mtime > TOUCH_AFTER:
                os.utime(path)

    # -- housekeeping (``quotekit cache``) ----------------------------------------
    def entries(self) -> Iterator[tuple[str, os.DirEntry[str]]]:
        """``(kind, entry)`` for every stored file, and ``("tmp", entry)`` for the
        leftovers of interrupted writes."""
        for kind in KINDS:
            try:
                shards = list(os.scandir(self.root / kind))
            except OSError:
                continue
            for shard in shards:
                if not shard.is_dir(follow_symlinks=False):
                    continue
                with contextlib.suppress(OSError), os.scandir(shard.path) as it:
                    for entry in it:
                        if entry.is_file(follow_symlinks=False):
                            yield ("tmp" if entry.name.startswith(".tmp-") else kind), entry

    def usage(self) -> dict[str, CacheUsage]:
        """Entries, bytes and the oldest time of use, by kind."""
        out: dict[str, CacheUsage] = {}
        for kind, entry in self.entries():
            st = entry.stat(follow_symlinks=False)
            u = out.setdefault(kind, CacheUsage())
            u.entries += 1
            u.bytes += st.st_size
            u.oldest = min(u.oldest, st.st_mtime) if u.entries > 1 else st.st_mtime
        return out

    def prune(self, older_than: float, *, dry_run: bool = False) -> CacheUsage:
        """Remove the entries no run has used for ``older_than`` seconds (``0``: all),
        and leftovers of interrupted writes older than an hour. Safe during a run: a
        removed entry is a miss. Returns what was (or would be) removed."""
        now = time.time()
        removed = CacheUsage()
        for kind, entry in self.entries():
            with contextlib.suppress(OSError):
                st = entry.stat(follow_symlinks=False)
                age = now - st.st_mtime
                if age < older_than and not (kind == "tmp" and age > 3600):
                    continue
                if not dry_run:
                    os.unlink(entry.path)
                removed.entries += 1
                removed.bytes += st.st_size
        if not dry_run:
            for kind in KINDS:  # empty shard folders go too
                with contextlib.suppress(OSError), os.scandir(self.root / kind) as it:
                    for shard in it:
                        with contextlib.suppress(OSError):
                            os.rmdir(shard.path)
        return removed

    @staticmethod
    def _write(path: Path, data: bytes) -> bool:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        except OSError:
            return False  # a read-only or full cache never stops a run
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return False
        return True

