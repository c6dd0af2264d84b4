"""Speaker-label and timestamp dialects of transcript pages and meeting exports.

Each dialect is matched at a line start; the label (name and timestamp) is *skipped*
text, and what follows is the turn. Tried in this order:

* ``**Name:** text``, ``**Name** text``, ``**Name** _00:01:02_`` (Substack, Changelog);
* ``Name [(00:09:17)](url) text`` and a continuation ``[(00:13:10)](url) text`` that
  keeps the speaker (podcast-site pages scraped to Markdown);
* ``Name (00:12:34) text``, ``Speaker 1 (00:00):`` (Rev-style, copied pages);
* Otter's ``Name  0:03`` (two spaces) and ``Name: 00:11:53`` on a line of their own;
* ``[00:01:23] Name: text`` and ``[Speaker 2] [12:34] text``;
* ``Name: text`` / ``PW: text`` / ``Name:`` on a line of its own (the turn below it),
  only for a name that labels two turns, is in the front matter's ``speakers:``, or is
  a generic ``Speaker 1``.

Inline timestamps (``\\[00:04:01.06\\]``, ``[12:34]``) keep the speaker and give the
text after them a time; they stay in the text (``normalize`` drops them from quotes).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from ._labels import CLOCK, GENERIC, NAME, NOT_NAMES, parse_clock


@dataclass(frozen=True, slots=True)
class Mark:
    """A label or timestamp: ``text[start:end]`` is skipped when ``skip``; ``speaker``
    is ``None`` when the mark keeps the previous speaker (``inherit``)."""

    start: int
    end: int
    speaker: str | None
    seconds: float | None
    skip: bool = True

    @property
    def inherit(self) -> bool:
        return self.speaker is None


_WHO = r"(?P<s>" + GENERIC + "|" + NAME + ")"
_T = r"(?P<t>" + CLOCK + ")"
_TAIL_TS = (
    r"(?:(?:_(?P<t>" + CLOCK + r")_|\\?\[(?P<t>" + CLOCK + r")\\?\]|\((?P<t>" + CLOCK
    + r")\))[ \t]*:?[ \t]*|(?P<t>" + CLOCK + r")[ \t]*(?=\n|$))?"
)
_LINK = r"\[\(" + _T + r"\)\]\([^)\n]*\)[ \t]*"
_FLAGS = regex.MULTILINE
_TIMED = [
    regex.compile(r"^[ \t]*" + _WHO + r"[ \t]+" + _LINK, _FLAGS),
    regex.compile(r"^[ \t]*" + _LINK, _FLAGS),
    regex.compile(r"^[ \t]*" + _WHO + r"[ \t]+\(" + _T + r"\)[ \t]*:?[ \t]*", _FLAGS),
    regex.compile(r"^[ \t]*" + _WHO + r"(?:[ \t]{2,}|:[ \t]*)" + _T + r"[ \t]*$", _FLAGS),
    regex.compile(r"^[ \t]*\[" + _T + r"\][ \t]*" + _WHO + r"[ \t]*:[ \t]*", _FLAGS),
    regex.compile(r"^[ \t]*\[(?P<s>[^\]\n]{1,40})\][ \t]*\[" + _T + r"\][ \t]*", _FLAGS),
]
_BOLD = regex.compile(
    r"^[ \t]*\*\*(?P<s>[^*\n]{1,60}?)[ \t]*:?[ \t]*\*\*[ \t]*:?[ \t]*" + _TAIL_TS, _FLAGS
)
_PLAIN = regex.compile(
    r"^(?P<s>" + NAME + "|" + GENERIC + r"|[\p{Lu}]{2,3})[ \t]*:(?:[ \t]+|[ \t]*$)",
    regex.MULTILINE
)
_ANY_CLOCK = re.compile(r"\d:\d\d")
#: What the lines of a bold label and of a plain ``Name: text`` / ``Name:`` label hold.
_STARS = re.compile(r"\*\*")
_COLON = re.compile(r":(?:[ \t]|$)", re.MULTILINE)
_INLINE = regex.compile(r"\\\[" + _T + r"\\\]|(?<![\w\]])\[" + _T + r"\](?![(:])", _FLAGS)


def lines_with(text: str, needle: re.Pattern[str], pos: int = 0) -> list[int]:
    """The starts of the lines (at or after ``pos``) in which ``needle`` occurs, in order.

    A pattern anchored at a line start (``^`` with MULTILINE) whose matches never span a
    line break, and which can only match a line holding ``needle``, finds the same
    matches by ``pattern.match(text, start)`` on these lines as by a ``finditer`` over
    the whole text -- which tries every position of every line."""
    starts: list[int] = []
    at = pos
    while (m := needle.search(text, at)) is not None:
        line = text.rfind("\n", 0, m.start()) + 1
        if line >= pos:
            starts.append(line)
        at = _line_end(text, m.start()) + 1  # the next line
    return starts


def line_matches(pattern: regex.Pattern[str], text: str,
                  lines: Iterable[int]) -> Iterator[regex.Match[str]]:
    """``pattern`` (line-anchored, see :func:`lines_with`) matched at each of ``lines``.

    The match ends at the line end: without that ``regex`` may look for the pattern's
    required literal in all the rest of the text, at every line."""
    for line in lines:
        m = pattern.match(text, line, _line_end(text, line))
        if m is not None:
            yield m


def _line_end(text: str, line: int) -> int:
    end = text.find("\n", line)
    return len(text) if end < 0 else end


def _is_name(label: str) -> bool:
    first = label.split()[0].casefold() if label.split() else ""
    return bool(label) and label.casefold() not in NOT_NAMES and first not in NOT_NAMES


def _seconds(m: regex.Match[str]) -> float | None:
    stamps = [c for c in m.captures("t") if c] if "t" in m.re.groupindex else []
    return parse_clock(stamps[0]) if stamps else None


def find_marks(text: str, body_start: int, known: Iterable[str]) -> list[Mark]:
    """All labels and inline timestamps after ``body_start``, in text order; at most
    one label per line start (the first dialect that matches wins)."""
    by_line: dict[int, Mark] = {}
    # Every timed dialect (and inline timestamp) needs a clock ("1:23") on its line: the
    # patterns are tried on those lines only, not at every position of the text.
    clock_lines = lines_with(text, _ANY_CLOCK, body_start)
    timed = _TIMED if clock_lines else []
    for pattern in timed:
        for m in line_matches(pattern, text, clock_lines):
            line = m.start()
            if line in by_line:
                continue
            name = m.group("s").strip() if "s" in pattern.groupindex else None
            if name is not None and not _is_name(name):
                continue
            by_line[line] = Mark(m.start(), m.end(), name, _seconds(m))
    for m in line_matches(_BOLD, text, lines_with(text, _STARS, body_start)):
        name = m.group("s").strip().rstrip(":").strip()
        if m.start() not in by_line and _is_name(name) and len(name.split()) <= 6:
            by_line[m.start()] = Mark(m.start(), m.end(), name, _seconds(m))
    plain = [m for m in line_matches(_PLAIN, text, lines_with(text, _COLON, body_start))
             if m.start() not in by_line and _is_name(m.group("s"))]
    counts: dict[str, int] = {}
    for m in plain:
        counts[m.group("s")] = counts.get(m.group("s"), 0) + 1
    known_set = {k.casefold() for k in known}
    for m in plain:
        s = m.group("s")
        if counts[s] >= 2 or s.casefold() in known_set or regex.match(GENERIC, s):
            by_line[m.start()] = Mark(m.start(), m.end(), s, None)
    marks = sorted(by_line.values(), key=lambda k: k.start)
    starts = [k.start for k in marks]
    inline = []
    found = (m for line in clock_lines
             for m in _INLINE.finditer(text, line, _line_end(text, line)))
    for m in found:
        i = bisect_right(starts, m.start()) - 1
        if i < 0 or m.start() >= marks[i].end:
            inline.append(Mark(m.start(), m.end(), None, _seconds(m), skip=False))
    marks += inline
    marks.sort(key=lambda k: k.start)
    return marks
