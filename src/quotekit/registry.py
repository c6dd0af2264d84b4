"""What plugins register: readers and exporters, and the options passed to them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

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
    """

    name: str
    write: Callable[[Iterable[Extraction], Any, ExportOptions], None]
    description: str = ""
    target: Literal["stream", "folder"] = "stream"
    suffix: str = ""
