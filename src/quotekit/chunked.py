"""Cached exporter output: an unchanged file costs one read and one write of its text.

With a cache, ``quotekit extract -t jsonl`` (any stream exporter that offers a
:class:`~quotekit.registry.ChunkWriter`) stores each file's output next to its
extraction result, under the file's content key and the writer's ``cache_id``. On a
re-run an unchanged file is looked up here, in this process, before any worker is
asked: its stored text is written as it is, with no result to decode and no record to
render, and no worker process is started while every file is found.

A stored text is only reused when its *context* is the same as when it was rendered
(for ``jsonl``: the citation keys and items of the works its lines refer to, which
depend on the files before it); the writer replays the file's inputs to find out.
When the context changed, the file is rendered again from its cached extraction (or
extracted again) and its entry replaced, so the output is always byte for byte what
an uncached run writes.

::

    writer = exporter.chunks(ExportOptions())
    for piece in iter_chunks(["transcripts/"], writer, ResultCache(default_cache_dir())):
        if isinstance(piece, QuotekitError):
            print("skipped:", piece)
        else:
            write_utf8(out, piece)
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from typing import IO, TYPE_CHECKING

from .batch import BatchStats, Outcome, iter_outcomes, make_settings, process_file
from .cache import ResultCache, StoredChunk, deflate
from .errors import QuotekitError
from .registry import ChunkWriter, ReadOptions

if TYPE_CHECKING:
    from .extraction.speakers import SpeakerIndex

#: Text handed to the output (and the compressor) at a time, in characters.
PIECE_BYTES = 256 * 1024


def iter_chunks(
    paths: Sequence[str], writer: ChunkWriter, cache: ResultCache, *, jobs: int = 1,
    speakers: SpeakerIndex | None = None, reader: str | None = None,
    options: ReadOptions | None = None, executor: Executor | None = None,
    stats: BatchStats | None = None,
) -> Iterator[bytes | QuotekitError]:
    """The writer's text (UTF-8) for every file under ``paths``, in input order, through the
    cache (or the :class:`QuotekitError` that stopped a file; the batch goes on).
    Arguments as for :func:`quotekit.batch.extract_paths`."""
    settings = make_settings(reader=reader, options=options, speakers=speakers, cache=cache)
    cache_id = writer.cache_id

    def lookup(path: str) -> Outcome | None:
        # Only found here (a stat, and the stat index); read when its turn comes.
        try:
            size = os.stat(path).st_size
            key, _ = cache.key_for(path, settings.fingerprint)
        except OSError:
            return None  # the worker reports it
        if not cache.has_chunk(key, cache_id):
            return None
        return Outcome(StoredChunk(path, key), size=size, cached=True, key=key)

    for outcome in iter_outcomes(paths, settings, jobs=jobs, executor=executor,
                                 lookup=lookup):
        result, key = outcome.result, outcome.key
        if isinstance(result, StoredChunk):
            stored = cache.get_chunk(result.path, result.key, cache_id)
            if stored is not None and writer.replay(stored.inputs) == stored.context:
                written = False
                try:
                    for data in stored.text():
                        written = True
                        yield data
                except zlib.error:
                    if written:  # entries are written atomically: a damaged disk
                        raise QuotekitError(
                            f"{stored.path}: its cached output is damaged; delete the "
                            f"cache folder {cache.location}") from None
                else:
                    if stats is not None:
                        stats.add(Outcome(stored, size=outcome.size, cached=True))
                    continue
            # Gone, or its context changed since it was stored: render it again.
            outcome = process_file(result.path, settings)
            result, key = outcome.result, outcome.key
        if stats is not None:
            stats.add(outcome)
        if isinstance(result, QuotekitError):
            yield result
            continue
        assert not isinstance(result, StoredChunk)  # process_file never answers so
        compress, packed = deflate(), []
        for data in _batched(writer.render(result)):
            packed.append(compress.compress(data))
            yield data
        if key is not None:
            inputs, context = writer.remember(result)
            packed.append(compress.flush())
            cache.put_chunk(key, cache_id, inputs, context, len(result.quotes),
                            b"".join(packed))


def _batched(pieces: Iterator[str], size: int = PIECE_BYTES) -> Iterator[bytes]:
    """``pieces`` (lines) joined into UTF-8 pieces of about ``size`` bytes or more."""
    batch: list[str] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch).encode("utf-8")
            batch, length = [], 0
    if batch:
        yield "".join(batch).encode("utf-8")


def write_utf8(stream: IO[str], data: bytes) -> None:
    """Write UTF-8 ``data`` to a text stream as ``stream.write(data.decode())`` would:
    straight to its byte buffer when it encodes UTF-8 and translates no newlines."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    buffer = getattr(stream, "buffer", None)
    if encoding == "utf8" and buffer is not None and os.linesep == "\n":
        stream.flush()
        buffer.write(data)
    else:
        stream.write(data.decode("utf-8"))
