"""Where the words of a fixed list occur in a text (cue verbs, work nouns).

A case-insensitive alternation of a few hundred words, tried at every position, is the
slowest kind of pattern there is (``regex`` with ``(?i)``: ~400 ms per MB). The same
words as a trie, matched by the standard ``re`` engine on the text lowered once, cost
~30 ms per MB. :class:`WordIndex` scans lazily, only around the windows asked about,
so a document whose quotes never ask costs nothing, and every part of the text is
scanned at most once however many quotes look at it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Protocol

import regex

#: Scan at least this much at a time: fewer calls into the engine.
CHUNK = 64 * 1024
#: Stops (see :class:`WordIndex`) for word lists of letters, spaces, hyphens and colons.
PUNCTUATION = ',.;!?"“”'
#: How far back from a window to look for a stop before scanning from the last scan's end.
LOOK_BACK = 1000


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
    case-insensitive pattern) is used when lowering would move offsets (``İ``).

    The text is cut into chunks, each lowered whole (:meth:`_chunk_to`). With ``stops``
    (characters that no word holds and that ``lower`` takes for non-word characters),
    a chunk is scanned only around the windows asked about: from just after a stop
    before the window to a stop after it. No match runs over a stop, so what such a
    scan finds is what a scan of the whole chunk finds there."""

    def __init__(self, text: str, lower: re.Pattern[str], fallback: _Pattern,
                 stops: str = "") -> None:
        self.text = text
        self._lower = lower
        self._fallback = fallback
        self._stop = re.compile("[" + re.escape(stops) + "]") if stops else None
        self._stop_back = regex.compile("[" + regex.escape(stops) + "]", regex.REVERSE) \
            if stops else None
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.done = 0  # text[:done] has been cut into chunks
        self._chunks: list[tuple[int, int, bool]] = []  # (start, end, scanned whole)
        self._covered: list[tuple[int, int]] = []  # scanned stretches: sorted, apart
        self._low = (-1, "")  # the chunk last lowered: (start, lowered text)

    def _chunk_to(self, hi: int) -> None:
        """Cut chunks up to ``hi``: at least CHUNK at a time, ending at a line end. A
        chunk is scanned whole when lowering moves its offsets (``fallback``, on that
        chunk only) or when there are no stops."""
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
            if len(low) != len(chunk):
                self._record(start, end, start, self._fallback.finditer(chunk))
            elif self._stop is None:
                self._record(start, end, start, self._lower.finditer(low))
            else:
                self._low = (start, low)
            self._chunks.append((start, end, len(low) != len(chunk) or self._stop is None))
            self.done = end

    def _record(self, lo: int, hi: int, base: int, found: Iterable[_Match]) -> None:
        """The matches (offsets from ``base``) of ``text[lo:hi]``, a stretch that
        touches no covered one but may end where one starts, or start where one ends."""
        at = bisect.bisect_left(self.starts, lo)
        spans = [m.span() for m in found]
        self.starts[at:at] = [base + s for s, _ in spans]
        self.ends[at:at] = [base + e for _, e in spans]
        covered = self._covered
        k = bisect.bisect_left(covered, (lo, hi))
        if k < len(covered) and covered[k][0] == hi:
            hi = covered.pop(k)[1]
        if k > 0 and covered[k - 1][1] == lo:
            k -= 1
            lo = covered.pop(k)[0]
        covered.insert(k, (lo, hi))

    def _scan(self, lo: int, hi: int) -> None:
        """Make sure that every match starting in ``text[lo:hi]`` is recorded."""
        self._chunk_to(hi)
        k = max(0, bisect.bisect_right(self._chunks, (lo, len(self.text) + 1)) - 1)
        for c_start, c_end, whole in self._chunks[k:]:
            if c_start >= hi:
                break
            if not whole and c_end > lo:
                self._scan_chunk(c_start, c_end, max(lo, c_start), min(hi, c_end))

    def _scan_chunk(self, c_start: int, c_end: int, lo: int, hi: int) -> None:
        """Cover ``[lo, hi)`` in the chunk ``[c_start, c_end)``, one gap at a time."""
        assert self._stop is not None and self._stop_back is not None
        covered = self._covered
        pos = lo
        while pos < hi:
            k = bisect.bisect_right(covered, (pos, len(self.text) + 1)) - 1
            if k >= 0 and covered[k][1] > pos:
                pos = covered[k][1]  # inside a covered stretch: skip it
                continue
            prev_end = max(c_start, covered[k][1]) if k >= 0 else c_start
            next_start = min(c_end, covered[k + 1][0]) if k + 1 < len(covered) else c_end
            if self._low[0] != c_start:
                self._low = (c_start, self.text[c_start:c_end].lower())
            low = self._low[1]
            # Start just after a stop, at most LOOK_BACK characters back, else where the
            # last scan (or the chunk) ended; end at a stop, or where the next begins.
            s = prev_end
            if pos > prev_end:
                back = self._stop_back.search(low, max(prev_end, pos - LOOK_BACK) - c_start,
                                              pos - c_start)
                if back is not None:
                    s = c_start + back.end()
            e = next_start
            if hi < next_start:
                ahead = self._stop.search(low, hi - c_start, next_start - c_start)
                if ahead is not None:
                    e = c_start + ahead.start()
            self._record(s, e, c_start, self._lower.finditer(low, s - c_start, e - c_start))
            pos = e

    def spans(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The words that lie wholly inside ``text[lo:hi]``, in order."""
        self._scan(lo, hi)
        i = bisect.bisect_left(self.starts, lo)
        out = []
        while i < len(self.starts) and self.ends[i] <= hi:
            out.append((self.starts[i], self.ends[i]))
            i += 1
        return out

    def any(self, lo: int, hi: int) -> bool:
        """Whether a word starts inside ``text[lo:hi]``."""
        self._scan(lo, hi)
        i = bisect.bisect_left(self.starts, lo)
        return i < len(self.starts) and self.starts[i] < hi
