"""Batch extraction over many files: all cores, input order, bounded memory, a cache.

:func:`extract_paths` is the engine behind ``quotekit extract`` (and what ``sync`` and
other commands should use)::

    from quotekit.batch import extract_paths
    from quotekit.cache import ResultCache, default_cache_dir

    for item in extract_paths(["transcripts/"], jobs=4,
                              cache=ResultCache(default_cache_dir())):
        if isinstance(item, QuotekitError):
            print("skipped:", item)
        else:
            print(item.source.id, len(item.quotes))

Each file is read and extracted by one worker (:func:`process_file`), which sends back
the extraction with its document (exporters quote context from the text). At most
``32 * jobs`` files and ``8 MB * jobs`` of input are in flight and results come back in
input order, so memory stays flat however large the corpus. ``executor`` runs the work
on any :class:`concurrent.futures.Executor` instead of a local process pool, e.g. a Dask
cluster's (see :mod:`quotekit.dask`).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING

from .cache import ResultCache, StoredChunk, content_key, fingerprint
from .errors import QuotekitError, ReadError, UsageError
from .model import Extraction
from .registry import ReadOptions

if TYPE_CHECKING:
    from .extraction.speakers import SpeakerIndex

#: In-flight work per worker, as files and as bytes of input. Results come back in input
#: order, so while one large file at the head of the queue is extracted the other
#: workers go on with the files behind it, up to these limits; each finished result
#: waits in memory (about the size of its file) until its turn.
WINDOW_PER_JOB = 32
BYTES_PER_JOB = 8_000_000
#: Files (answered by a ``lookup`` or not) queued per worker at most.
LOOKAHEAD_PER_JOB = 1024


def default_jobs() -> int:
    """The number of cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class Settings:
    """What a worker needs besides the path (sent to each worker, so kept small)."""

    reader: str | None = None
    options: ReadOptions = field(default_factory=ReadOptions)
    speakers: SpeakerIndex | None = None
    cache_root: str | None = None
    fingerprint: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One file's result: the extraction or the error (or, through a ``lookup`` of
    :func:`iter_outcomes`, an exporter's stored output), its size, whether the result
    came from the cache, and its cache key when a cache is used."""

    result: Extraction | QuotekitError | StoredChunk
    size: int = 0
    cached: bool = False
    key: str | None = None


@dataclass(slots=True)
class BatchStats:
    """Running totals of a batch, updated as each result is yielded."""

    files: int = 0
    bytes: int = 0
    quotes: int = 0
    cached: int = 0
    failed: int = 0

    def add(self, outcome: Outcome) -> None:
        self.bytes += outcome.size
        if isinstance(outcome.result, QuotekitError):
            self.failed += 1
            return
        self.files += 1
        result = outcome.result
        self.quotes += result.quotes if isinstance(result, StoredChunk) else len(result.quotes)
        self.cached += outcome.cached


def _extract(data: bytes, name: str, settings: Settings) -> tuple[Extraction, str]:
    """The extraction of a file's bytes, and the decoded file."""
    from .extraction.pipeline import extract_document
    from .reading import decode, read_text

    text = decode(data, name)
    doc = read_text(text, name, reader=settings.reader, options=settings.options)
    quotes = tuple(extract_document(doc, speakers=settings.speakers))
    return Extraction(source=doc.source, quotes=quotes, document=doc), text


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _from_cache(cache: ResultCache, path: str, fingerprint: str,
                data: bytes | None = None) -> tuple[Outcome | None, str, bytes | None]:
    """(the cached outcome of the file, or ``None``; its cache key; its bytes when they
    had to be read). Raises ``OSError`` when the file cannot be read."""
    from .reading import decode

    if data is None:
        key, data = cache.key_for(path, fingerprint)
    else:
        key = content_key(data, path, fingerprint)
    raw = data

    def file_text() -> str:
        return decode(raw if raw is not None else _read_bytes(path), path)

    hit = cache.get(key, file_text)
    if hit is None:
        return None, key, data
    size = len(data) if data is not None else os.stat(path).st_size
    return Outcome(hit, size=size, cached=True, key=key), key, data


def process_file(path: str, settings: Settings, data: bytes | None = None) -> Outcome:
    """Read and extract one file, through the cache when ``settings.cache_root`` is set.

    Runs in a worker process (or in process); a :class:`QuotekitError` is returned in
    the outcome, not raised. ``data`` are the file's bytes when already read (stdin).
    """
    cache = ResultCache(settings.cache_root) if settings.cache_root else None
    try:
        key = None
        if cache is not None:
            hit, key, data = _from_cache(cache, path, settings.fingerprint, data)
            if hit is not None:
                return hit
        if data is None:
            data = _read_bytes(path)
        extraction, text = _extract(data, path, settings)
    except FileNotFoundError:
        return Outcome(ReadError(f"{path}: no such file or directory"))
    except IsADirectoryError:
        return Outcome(ReadError(f"{path}: is a directory"))
    except OSError as exc:
        return Outcome(ReadError(f"{path}: cannot read ({exc.strerror or exc})"))
    except QuotekitError as exc:
        return Outcome(exc, size=len(data or b""))
    if cache is not None and key is not None:
        cache.put(key, extraction, text)
    return Outcome(extraction, size=len(data), key=key)


def cached_outcome(cache: ResultCache, settings: Settings) -> Callable[[str], Outcome | None]:
    """A ``lookup`` for :func:`iter_outcomes` answering, in this process, for the files
    whose result is in ``cache``: no worker is started (or sent work) for them. A file
    it cannot answer, readable or not, goes to a worker, which reports any error."""

    def lookup(path: str) -> Outcome | None:
        try:
            return _from_cache(cache, path, settings.fingerprint)[0]
        except (OSError, QuotekitError):
            return None

    return lookup


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _done(outcome: Outcome) -> Future[Outcome]:
    future: Future[Outcome] = Future()
    future.set_result(outcome)
    return future


def _stdin(settings: Settings) -> Outcome:
    import sys

    return process_file("<stdin>", settings, sys.stdin.buffer.read())


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group: only the parent reacts (it cancels what
    # is queued and waits for the files in hand), so workers print no tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def process_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes.

    Forked from this process when it runs no other thread (the command line): no fork
    server and no resource tracker, two processes and ~25 MB less. Otherwise (a
    threaded program using the library) started by a fork server, or spawned, since
    forking a process that holds threads can deadlock the child."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1 and sys.platform == "linux":
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init)


def iter_outcomes(
    paths: Sequence[str], settings: Settings, *, jobs: int = 1,
    executor: Executor | None = None,
    lookup: Callable[[str], Outcome | None] | None = None,
) -> Iterator[Outcome]:
    """One :class:`Outcome` per input file, in input order (see :func:`extract_paths`).

    ``lookup(path)``, run here (not in a worker) before a file is handed out, may answer
    for it (a stored output); no worker is started while every file is answered.
    """
    from .reading import STDIN, iter_paths

    own: Executor | None = None
    window, budget = WINDOW_PER_JOB * max(jobs, 1), BYTES_PER_JOB * max(jobs, 1)
    lookahead = LOOKAHEAD_PER_JOB * max(jobs, 1)
    # (future, bytes of input, holds a result?). A stored output that ``lookup``
    # answers holds nothing yet: it waits in the queue (up to ``lookahead`` files) while
    # the files after it are looked up and handed to workers, so they are extracted
    # while it is written. A cached extraction it answers counts as a result.
    pending: deque[tuple[Future[Outcome], int, bool]] = deque()
    in_flight = 0  # bytes of input of the files in ``pending``
    held = 0  # files in ``pending`` that hold (or will hold) a result
    items = iter_paths(paths)
    head = list(islice(items, 3))
    files = sum(isinstance(i, str) and i != STDIN for i in head)
    # One file (or none): no pool to start, whatever ``jobs`` says.
    in_process = executor is None and (jobs <= 1 or (len(head) < 3 and files <= 1))
    try:
        for item in chain(head, items):
            size, heavy = 0, True
            if isinstance(item, ReadError):
                future = _done(Outcome(item))
            elif item == STDIN:
                future = _done(_stdin(settings))
            elif lookup is not None and (found := lookup(item)) is not None:
                # a stored output is small and waits; a cached extraction holds a result
                future, heavy = _done(found), not isinstance(found.result, StoredChunk)
            elif in_process:
                future = _done(process_file(item, settings))
                size = future.result().size
            else:
                if executor is None:
                    own = executor = process_pool(jobs)
                size = _size(item)
                future = executor.submit(process_file, item, settings)
            pending.append((future, size, heavy))
            in_flight += size
            held += heavy
            while pending and (held >= window or in_flight >= budget
                               or len(pending) >= lookahead
                               or (pending[0][2] and pending[0][0].done())):
                future, size, heavy = pending.popleft()
                in_flight -= size
                held -= heavy
                yield future.result()
        while pending:
            yield pending.popleft()[0].result()
    finally:
        for future, _, _ in pending:
            future.cancel()
        if own is not None:
            own.shutdown(wait=True, cancel_futures=True)


def make_settings(
    *, reader: str | None = None, options: ReadOptions | None = None,
    speakers: SpeakerIndex | None = None, cache: ResultCache | None = None,
) -> Settings:
    """Check the reader name and compute the cache fingerprint, once, in the parent."""
    from .plugins import get_readers

    readers = get_readers()
    if reader is not None and reader not in readers:
        raise UsageError(f"unknown reader {reader!r}; available: {', '.join(sorted(readers))}")
    options = options or ReadOptions()
    return Settings(
        reader=reader, options=options, speakers=speakers,
        cache_root=str(cache.location) if cache is not None else None,
        fingerprint=fingerprint(reader=reader, options=options, speakers=speakers)
        if cache is not None else "",
    )


def extract_paths(
    paths: Sequence[str], *, jobs: int = 1, cache: ResultCache | None = None,
    speakers: SpeakerIndex | None = None, reader: str | None = None,
    options: ReadOptions | None = None, executor: Executor | None = None,
    stats: BatchStats | None = None,
) -> Iterator[Extraction | QuotekitError]:
    """Extract every file under ``paths`` (files, folders walked, ``-`` for stdin).

    Yields, in input order, an :class:`Extraction` (with its document) per file, or the
    :class:`QuotekitError` that stopped that file (the batch goes on).
    ``jobs`` worker processes (``1``: in this process); ``cache`` reuses and stores
    results; ``stats`` is updated as each item is yielded (for progress and summaries).
    """
    settings = make_settings(reader=reader, options=options, speakers=speakers, cache=cache)
    # Cached files are answered here, so a re-run of unchanged files starts no worker.
    parallel = jobs > 1 or executor is not None
    lookup = cached_outcome(cache, settings) if cache is not None and parallel else None
    for outcome in iter_outcomes(paths, settings, jobs=jobs, executor=executor,
                                 lookup=lookup):
        if stats is not None:
            stats.add(outcome)
        assert not isinstance(outcome.result, StoredChunk)  # only through a lookup
        yield outcome.result
