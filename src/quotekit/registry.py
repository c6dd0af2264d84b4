"""What plugins register: readers and exporters, and the options passed to them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, TextIO

from .model import Document, Extraction


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Options a reader may use. New fields are added with defaults, never removed."""

    url: str | None = None
    speaker_map: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reader:
    """A reader turns decoded text into a :class:`Document`.

    * ``read(text, name, options)`` — ``text`` is the decoded file (BOM removed,
      newlines normalised to ``\\n``), ``name`` the file name (``<stdin>`` for stdin);
      raise :class:`quotekit.ReadError` naming the line on malformed input.
    * ``sniff(head, name)`` — how sure (0..1) the reader is that it can read a file
      whose first characters are ``head``; the highest score wins, ties go to the
      earlier-registered reader. ``--from NAME`` bypasses sniffing.
    """

    name: str
    read: Callable[[str, str, ReadOptions], Document]
    sniff: Callable[[str, str], float]
    description: str = ""
    extensions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Options an exporter may use. New fields are added with defaults, never removed."""

    bib_quotes: bool = False
    layout: Literal["per-source", "per-quote"] = "per-source"
    template: Path | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


class ChunkWriter(Protocol):
    """A stream exporter's output one extraction at a time, for the output cache.

    For formats where each file's extraction becomes one piece of text that does not
    change with what comes after it (``jsonl``), ``quotekit extract --cache`` stores
    each piece and writes it again for an unchanged file without decoding anything.
    A piece may depend on what came before it (citation keys already taken, works
    already cited): ``remember`` returns the *inputs* of a piece (JSON) and a digest of
    the *context* that, with the extraction, fully determines it; ``replay`` updates the
    writer's state from stored inputs as rendering would have and returns the context
    digest, so a stored piece is reused only when its context is the same again.

    * ``cache_id`` — names the format and every option that changes the text;
    * ``render(extraction)`` — the text for one extraction, in pieces (updates the
      state);
    * ``remember(extraction)`` — after ``render``: ``(inputs, context digest)``;
    * ``replay(inputs)`` — instead of ``render``: the context digest, or ``None`` when
      the inputs cannot be used.
    """

    cache_id: str

    def render(self, extraction: Extraction) -> Iterator[str]: ...

    def remember(self, extraction: Extraction) -> tuple[Any, str]: ...

    def replay(self, inputs: Any) -> str | None: ...


StreamWriter = Callable[[Iterable[Extraction], TextIO, ExportOptions], None]
FolderWriter = Callable[[Iterable[Extraction], Path, ExportOptions], None]


@dataclass(frozen=True, slots=True)
class Exporter:
    """An exporter writes extractions to a text stream or into a folder.

    * ``target="stream"`` — ``write(extractions, stream, options)`` writes text to
      ``stream`` (stdout, or the file given with ``-o``); it should write each
      extraction as it arrives where the format allows, so big corpora stream.
    * ``target="folder"`` — ``write(extractions, folder, options)`` writes files into
      ``folder`` (``-o DIR``, required).
    * ``chunks`` (optional, stream exporters) — makes the :class:`ChunkWriter` that
      writes exactly what ``write`` writes, one extraction at a time; with it, cached
      runs reuse each unchanged file's output.
    """

    name: str
    write: Callable[[Iterable[Extraction], Any, ExportOptions], None]
    description: str = ""
    target: Literal["stream", "folder"] = "stream"
    suffix: str = ""
    chunks: Callable[[ExportOptions], ChunkWriter] | None = None
