"""File names that are safe on Windows, macOS and Linux and inside Obsidian links.

Rules (after the Obsidian Web Clipper's ``safe_name``, tightened): Unicode NFC (macOS
stores NFD; links must match either way); drop the characters that break links
(``# | ^ [ ] %``); ``:`` becomes `` -``; drop ``< > " ? *`` and control characters;
``/`` and ``\\`` become spaces (never a folder, never a path out of the vault); collapse
whitespace; strip leading dots and spaces and trailing dots and spaces; prefix Windows
reserved names (``CON``, ``nul.txt``, ``COM1`` ...) with ``_``; cut on a grapheme
boundary to at most 120 characters and 180 UTF-8 bytes; empty becomes ``Untitled``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import regex

MAX_CHARS = 120
MAX_BYTES = 180
_LINK_BREAKERS = regex.compile(r"[#|^\[\]%]")
_FORBIDDEN = regex.compile(r"[<>\"?*\p{Cc}\p{Cf}\p{Zl}\p{Zp}]")
_SLASHES = regex.compile(r"[/\\]")
_SPACES = regex.compile(r"\s+")
_RESERVED = regex.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", regex.I)
_GRAPHEME = regex.compile(r"\X")


def safe_name(title: str | None, *, max_chars: int = MAX_CHARS) -> str:
    """A file stem (no ``.md``) for ``title`` that every OS and Obsidian link accepts."""
    text = unicodedata.normalize("NFC", title or "")
    text = _LINK_BREAKERS.sub("", text)
    text = text.replace(":", " -")
    text = _FORBIDDEN.sub("", text)
    text = _SLASHES.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _trim(text)
    if _RESERVED.match(text):
        text = "_" + text
    text = _cut(text, max_chars)
    return _trim(text) or "Untitled"


def _trim(text: str) -> str:
    return text.lstrip(". ").rstrip(". ")


def _cut(text: str, max_chars: int) -> str:
    if len(text) <= max_chars and len(text.encode("utf-8")) <= MAX_BYTES:
        return text
    out: list[str] = []
    chars = size = 0
    for g in _GRAPHEME.findall(text):
        chars += len(g)
        size += len(g.encode("utf-8"))
        if chars > max_chars or size > MAX_BYTES:
            break
        out.append(g)
    return "".join(out)


def wikilink(stem: str) -> str:
    """``[[stem]]`` for a stem made by :func:`safe_name` (no display text needed)."""
    return f"[[{stem}]]"


class NamePicker:
    """Picks note names unique case-insensitively among the stems already taken.

    Obsidian resolves ``[[Name]]`` by file name anywhere in the vault, so a new note
    must not share its stem with any other note; a clash gets `` (tail)`` with the end
    of the note's id, then a counter.
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = {unicodedata.normalize("NFC", t).casefold() for t in taken}

    def taken(self, stem: str) -> bool:
        return unicodedata.normalize("NFC", stem).casefold() in self._taken

    def take(self, stem: str) -> None:
        self._taken.add(unicodedata.normalize("NFC", stem).casefold())

    def pick(self, title: str, ident: str) -> str:
        base = safe_name(title, max_chars=MAX_CHARS - 20)
        tail = ident.rsplit("-", 1)[-1][-6:]
        candidates = [base, f"{base} ({tail})"] + [f"{base} ({tail}-{n})" for n in range(2, 999)]
        for stem in candidates:
            if not self.taken(stem):
                self.take(stem)
                return stem
        raise RuntimeError("no free note name")  # pragma: no cover - 1,000 clashes
