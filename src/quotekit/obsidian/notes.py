"""A note as lines: its frontmatter, its quote blocks, and how to splice it.

Lines are split on ``\\n`` only; a CRLF note keeps its ``\\r`` on each line, so joining
the lines back gives the file byte for byte (the BOM is kept apart). Edits are line
splices, and new lines take the note's own line ending.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Any

import regex

from . import yamlio
from .render import block_hash

BLOCK_ID = regex.compile(r"^\^(qk-[a-z2-7]{10})\s*$")
BLOCK_IDS = regex.compile(r"(?m)^\^(qk-[a-z2-7]{10})[ \t]*\r?$")
_FENCE = regex.compile(r"^\s{0,3}(`{3,}|~{3,})")
_UNESCAPE = regex.compile(r"\\(.)")


@dataclass(frozen=True, slots=True)
class Block:
    """A quote block found in a note: lines ``start``..``end`` (end exclusive, after the
    id line), the callout lines above the id, and their hash."""

    id: str
    start: int
    end: int
    callout: tuple[str, ...]

    @property
    def hash(self) -> str:
        return block_hash(self.callout)

    @property
    def text(self) -> str:
        body: list[str] = []
        for line in self.callout[1:]:
            text = line.rstrip("\r")[1:].strip()
            if not text:  # the quote ends at the first blank callout line
                break
            body.append(text)
        return str(_UNESCAPE.sub(r"\1", " ".join(body)))


@dataclass(slots=True)
class Note:
    """A parsed note. ``fm`` is the range of frontmatter lines (without fences)."""

    lines: list[str]
    bom: bool = False
    crlf: bool = False
    fm: tuple[int, int] | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    blocks: dict[str, Block] = field(default_factory=dict)

    @property
    def newline(self) -> str:
        return "\r\n" if self.crlf else "\n"

    def text(self) -> str:
        return "\n".join(self.lines)

    def data(self) -> bytes:
        return (codecs.BOM_UTF8 if self.bom else b"") + self.text().encode("utf-8")

    def recorded(self) -> dict[str, str]:
        """``quotekit_quotes``: block id -> hash of the callout as quotekit wrote it."""
        value = self.properties.get("quotekit_quotes")
        out: dict[str, str] = {}
        if isinstance(value, list):
            for item in value:
                parts = str(item).split()
                if len(parts) == 2 and parts[0].startswith("qk-"):
                    out[parts[0]] = parts[1]
        return out

    def fm_spans(self) -> dict[str, tuple[int, int]]:
        if self.fm is None:
            return {}
        a, b = self.fm
        return {k: (a + s, a + e) for k, (s, e) in yamlio.key_spans(self.lines[a:b]).items()}

    def eol(self, lines: list[str]) -> list[str]:
        """``lines`` with this note's line ending."""
        return [line + "\r" for line in lines] if self.crlf else list(lines)


def decode(data: bytes) -> tuple[str, bool]:
    """UTF-8 text and whether it had a BOM; raises ``UnicodeDecodeError``."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8"), True
    return data.decode("utf-8"), False


def parse(data: bytes) -> Note:
    """Parse a note; raises ``UnicodeDecodeError`` or :class:`yamlio.FrontmatterError`."""
    text, bom = decode(data)
    lines = text.split("\n")
    note = Note(lines=lines, bom=bom, crlf=lines[0].endswith("\r"))
    body_start = 0
    if lines[0].rstrip("\r") == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip("\r") == "---":
                note.fm = (1, i)
                body_start = i + 1
                break
        if note.fm is not None:
            raw = "\n".join(line.rstrip("\r") for line in lines[1 : note.fm[1]])
            note.properties = yamlio.load(raw)
    note.blocks = find_blocks(lines, body_start)
    return note


def find_blocks(lines: list[str], start: int) -> dict[str, Block]:
    """Quote blocks: a ``^qk-...`` line outside code fences, and the ``>`` lines just
    above it (blank lines between allowed). The first block with an id wins."""
    blocks: dict[str, Block] = {}
    fence: str | None = None
    for i in range(start, len(lines)):
        line = lines[i].rstrip("\r")
        m = _FENCE.match(line)
        if m:
            mark = m.group(1)
            if fence is None:
                fence = mark[0] * len(mark)
            elif mark.startswith(fence) and not line.strip().lstrip(fence[0]):
                fence = None
            continue
        if fence is not None:
            continue
        bm = BLOCK_ID.match(line)
        if not bm or bm.group(1) in blocks:
            continue
        j = i - 1
        while j >= start and not lines[j].strip():
            j -= 1
        top = j
        while top >= start and lines[top].startswith(">"):
            top -= 1
        callout = tuple(line.rstrip("\r") for line in lines[top + 1 : j + 1])
        first = top + 1 if callout else i
        blocks[bm.group(1)] = Block(bm.group(1), first, i + 1, callout)
    return blocks
