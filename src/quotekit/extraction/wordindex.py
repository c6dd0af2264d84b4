"""Where the words of a fixed list occur in a text (cue verbs, work nouns).

A case-insensitive alternation of a few hundred words, tried at every position, is the
slowest kind of pattern there is (``regex`` with ``(?i)``: ~400 ms per MB). The same
words as a trie, matched by the standard ``re`` engine on the text lowered once, cost
~30 ms per MB. :class:`WordIndex` scans lazily, in text order, a chunk at a time, so a
document whose quotes never ask costs nothing, and every part of the text is scanned at
most once however many quotes look at it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Protocol

#: Scan at least this much at a time: fewer calls into the engine.
CHUNK = 64 * 1024


class _Pattern(Protocol):
    def finditer(self, string: str, pos: int = ..., endpos: int = ...) -> Iterable[_Match]:
        ...


class _Match(Protocol):
    def span(self, group: int = ...) -> tuple[int, int]:
        ...


#: A trie of literal text: one child per next character, "" marks a word's end.
_Trie = dict[str, "_Trie"]


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words`` (longest first), factored as a trie:
    at each position the engine follows one branch per letter instead of trying every
    word. Words are literal text."""
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _emit(node: _Trie) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    alt = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A word ends here and longer ones go on: optional, greedy, so the longer is tried first.
    return f"(?:{alt})?" if ends else alt


class WordIndex:
    """Spans of ``lower`` (a pattern for lowered text) in ``text``; ``fallback`` (a
    case-insensitive pattern) is used when lowering would move offsets (``İ``)."""

    def __init__(self, text: str, lower: re.Pattern[str], fallback: _Pattern) -> None:
        self.text = text
        self._lower = lower
        self._fallback = fallback
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.done = 0  # text[:done] has been scanned

    def _scan_to(self, hi: int) -> None:
        text = self.text
        while self.done < hi:
            start, end = self.done, max(hi, self.done + CHUNK)
            if end < len(text):
                nl = text.find("\n", end)  # no word runs over a line end
                end = len(text) if nl < 0 else nl
            else:
                end = len(text)
            chunk = text[start:end]
            low = chunk.lower()
            if len(low) == len(chunk):
                found: Iterable[_Match] = self._lower.finditer(low)
            else:  # lowering moved offsets ("İ"): the slow pattern, on this chunk only
                found = self._fallback.finditer(chunk)
            for m in found:
                s, e = m.span()
                self.starts.append(start + s)
                self.ends.append(start + e)
            self.done = end

    def spans(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The words that lie wholly inside ``text[lo:hi]``, in order."""
        self._scan_to(hi)
        i = bisect.bisect_left(self.starts, lo)
        out = []
        while i < len(self.starts) and self.ends[i] <= hi:
            out.append((self.starts[i], self.ends[i]))
            i += 1
        return out

    def any(self, lo: int, hi: int) -> bool:
        """Whether a word starts inside ``text[lo:hi]``."""
        self._scan_to(hi)
        i = bisect.bisect_left(self.starts, lo)
        return i < len(self.starts) and self.starts[i] < hi
