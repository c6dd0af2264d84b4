"""From a path (or stdin) to a :class:`Document`: decode, pick a reader, read.

Decoding rules: a UTF-8, UTF-16 or UTF-32 byte-order mark decides the encoding;
without one the file must be UTF-8. Newlines are normalised to ``\\n``. Undecodable
bytes are an error that names the file, the byte offset and the line.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from .errors import ReadError, UsageError
from .model import Document
from .plugins import get_readers
from .registry import Reader, ReadOptions

STDIN = "-"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SNIFF_CHARS = 4096


def decode(data: bytes, name: str) -> str:
    """Decode a file's bytes; raise :class:`ReadError` with the place of a bad byte."""
    encoding = "utf-8"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding = enc
            break
    nul = data.find(b"\x00", 0, 8192) if encoding == "utf-8" else -1
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise ReadError(f"{name}:{line}: binary file (NUL bytes; UTF-16 without a BOM?), "
                        "not a transcript or text file")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReadError(
            f"{name}:{line}: not valid {encoding.upper().removesuffix('-SIG')} "
            f"(byte {exc.start}); save the file as UTF-8"
        ) from None
    return newlines(text)


def newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def pick_reader(text: str, name: str, readers: dict[str, Reader]) -> Reader:
    """The reader whose ``sniff`` is most sure about ``text`` (first wins ties)."""
    head = text[:SNIFF_CHARS]
    best: Reader | None = None
    best_score = 0.0
    for reader in readers.values():
        score = reader.sniff(head, name)
        if score > best_score:
            best, best_score = reader, score
    if best is None:
        raise ReadError(f"{name}: no reader recognises this file; pick one with --from NAME")
    return best


def read_text(
    text: str, name: str = "<string>", *, reader: str | None = None,
    options: ReadOptions | None = None,
) -> Document:
    """Read already-decoded text as if it were a file called ``name``."""
    readers = get_readers()
    if reader is not None:
        if reader not in readers:
            raise UsageError(
                f"unknown reader {reader!r}; available: {', '.join(sorted(readers))}"
            )
        chosen = readers[reader]
    else:
        chosen = pick_reader(text, name, readers)
    return chosen.read(newlines(text), name, options or ReadOptions())


def read(
    path: str | os.PathLike[str], *, reader: str | None = None,
    options: ReadOptions | None = None,
) -> Document:
    """Read a file (or ``-`` for stdin) into a :class:`Document`."""
    name = os.fspath(path)
    if name == STDIN:
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        try:
            data = Path(name).read_bytes()
        except FileNotFoundError:
            raise ReadError(f"{name}: no such file or directory") from None
        except IsADirectoryError:
            raise ReadError(f"{name}: is a directory") from None
        except OSError as exc:
            raise ReadError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return read_text(decode(data, name), name, reader=reader, options=options)


def known_extensions() -> set[str]:
    """File endings the registered readers claim (``.txt``, ``.vtt``...)."""
    return {ext.lower() for r in get_readers().values() for ext in r.extensions}


def iter_paths(paths: Sequence[str]) -> Iterator[str | ReadError]:
    """Files to read: each file as given, directories walked (sorted, hidden skipped).

    In a directory only files with an ending a reader claims are taken (not yt-dlp's
    ``*.info.json`` sidecars, which describe a transcript beside them). A directory with
    no such file yields a :class:`ReadError` in its place, so a batch goes on.
    """
    extensions: set[str] | None = None
    for raw in paths:
        if raw == STDIN:
            yield raw
            continue
        p = Path(raw)
        if not p.is_dir():
            yield raw
            continue
        if extensions is None:
            extensions = known_extensions()
        found = False
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if f.startswith(".") or Path(f).suffix.lower() not in extensions:
                    continue
                if f.lower().endswith(".info.json"):
                    continue  # yt-dlp metadata sidecar, read with its transcript
                found = True
                yield os.path.join(root, f)
        if not found:
            yield ReadError(
                f"{raw}: no files to read (looked for {', '.join(sorted(extensions))})"
            )
