"""Where people are named in a stretch of text, for ``Memory.scan``: personal names,
nominal subjects (``The parson rode ...``) and nicknames (``known as Jo``), in text order.

One ``finditer`` of ``NICKNAME | NOMINAL | (?<!letter)NAME`` costs ~100 ms per MB, half
of it trying the determiners (``the``, ``his`` ...) at every position. Here the three are
found apart: names and nicknames by their own passes; nominals only where a person noun
follows white space, by matching at the determiners up to three words before it. The
merge keeps ``finditer``'s rules (leftmost first, the earlier alternative when two start
at one position, no overlaps), so :func:`mentions` yields exactly the matches of the
combined pattern.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

import regex

from .lexicon import NAMED_LISTS, PERSON_NOUNS, rx
from .wordindex import trie_pattern

_PARTICLE = r"(?:de|da|di|du|del|della|van|von|der|den|le|la|bin|ibn|al|el|St\.|mac|o')"
_CAP = (r"(?:Mc|Mac|O['’]|D['’]|Di|De|Da|La|Le|Van|Von|Fitz)?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)*"
        r"(?:[-'’]\p{Lu}?\p{Ll}+)*"
        r"|\p{Lu}\.(?=\s*\p{Lu})|\p{Lu}(?=\s+\p{Lu}\p{Ll})")
#: Titles as written in names (``Mr``, ``DR``), as a trie: one branch per letter instead of
#: a look-up of every length in the named list at every capital letter. (No title is
#: followed by ``.`` or white space where a longer one matches, so the order in which
#: the two try titles cannot matter.)
_TITLE = trie_pattern(NAMED_LISTS["titles"])
#: A personal name: optional title, then capitalised words (particles and initials allowed).
#: Titles are matched as written in names (``Mr.``, ``DR.``), so the pattern can only start
#: at a capital letter (every alternative does), which keeps scans over long text fast.
NAME = (
    r"(?=\p{Lu})"
    r"(?:" + _TITLE + r"\.?\s+)?"
    r"(?:" + _CAP + r")(?:\s+(?:" + _PARTICLE + r"\s+)?(?:" + _CAP + r")){0,3}"
)
#: A determiner, up to two lower-case words and a person noun, before a verb or a comma.
NOMINAL_SUBJECT = rx(
    r"(?:[Tt]he|[Hh]is|[Hh]er|[Mm]y|[Oo]ur|[Tt]heir)\s+(?:[\p{Ll}-]+\s+){0,2}?"
    r"\L<nouns>(?=\s+\p{Ll}|,)"
)
#: A name that does not continue a word.
NAME_START = rx(r"(?<![\p{L}'’])(?:" + NAME + r")")
#: "people call him Jo", "known as Jo": a nickname (``alias``) for someone just named.
NICKNAME = rx(
    r"\b(?:[Cc]all(?:s|ed)?\s+(?P<obj>him|her)|(?:known|referred\s+to)\s+as|"
    r"nicknamed|a\.k\.a\.?|aka)\s+(?P<alias>" + NAME + r")"
)
#: White space before a person noun (the noun starts at the match's end); ``re``'s ``\s``
#: holds every character ``regex``'s does, so no noun of a nominal is missed.
_NOUN_AFTER = re.compile(r"\s(?=" + trie_pattern(PERSON_NOUNS) + r"[\s,])")
#: The first words of NICKNAME's lead-ins: every match starts with one.
_NICKNAME_LEADS = ("call", "Call", "known", "referred", "nicknamed", "a.k.a", "aka")
#: Where a nominal can start: a determiner and white space.
_DETERMINER = re.compile(r"(?:[Tt]he(?:ir)?|[Hh](?:is|er)|[Mm]y|[Oo]ur)\s")


def _words_back(text: str, at: int, lo: int, words: int = 3) -> int:
    """Where the ``words``-th run of non-space characters before ``at`` starts (not
    before ``lo``): no nominal whose noun starts at ``at`` starts before it."""
    i = at
    for _ in range(words):
        while i > lo and text[i - 1].isspace():
            i -= 1
        while i > lo and not text[i - 1].isspace():
            i -= 1
    return i


class _Nominals:
    """The nominal subjects of ``text[start:end]``, asked for in text order."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.end = end
        self.nouns = [m.end() for m in _NOUN_AFTER.finditer(text, max(0, start - 1), end)]
        self.k = 0  # the next noun to look before
        self.tried = start  # no nominal starts in [start, tried) after the cursor

    def next(self, cursor: int) -> regex.Match[str] | None:
        """The leftmost nominal starting at or after ``cursor`` (never below an earlier
        ``cursor``)."""
        text, nouns = self.text, self.nouns
        while self.k < len(nouns):
            noun = nouns[self.k]
            if noun > cursor:  # a nominal from the cursor on ends at a noun after it
                lo = max(cursor, self.tried, _words_back(text, noun, cursor))
                for d in _DETERMINER.finditer(text, lo, noun):
                    m = NOMINAL_SUBJECT.match(text, d.start(), self.end)
                    if m is not None:
                        self.tried = d.start()
                        return m
                self.tried = max(self.tried, noun)
            self.k += 1
        return None

    def iterate(self, cursor: int) -> Iterator[regex.Match[str]]:
        """The nominals from ``cursor`` on, each after the end of the one before."""
        m = self.next(cursor)
        while m is not None:
            yield m
            m = self.next(m.end())


def nickname_leads(text: str) -> list[int]:
    """Where a lead-in word of NICKNAME starts in ``text`` (overlapping occurrences too),
    in order: found once per document, then looked up per window."""
    at: set[int] = set()
    for word in _NICKNAME_LEADS:
        i = text.find(word)
        while i >= 0:
            at.add(i)
            i = text.find(word, i + 1)
    return sorted(at)


def _nicknames(text: str, start: int, end: int,
               leads: Sequence[int]) -> Iterator[regex.Match[str]]:
    """``NICKNAME.finditer(text, start, end)``, the pattern tried only where a lead-in
    word occurs (``leads``, from :func:`nickname_leads`), not at every position. (A lead
    word running past ``end`` costs a failed try: a match holds its whole lead word.)"""
    cursor = start
    for k in range(bisect.bisect_left(leads, start), len(leads)):
        i = leads[k]
        if i >= end:
            return
        if i >= cursor:
            m = NICKNAME.match(text, i, end)
            if m is not None:
                cursor = m.end()
                yield m


#: The kinds of mention, in the order the alternation tried them (the first wins a tie).
KINDS = ("nickname", "nominal", "name")


def mentions(text: str, start: int, end: int,
             leads: Sequence[int] | None = None) -> Iterator[tuple[regex.Match[str], str]]:
    """``(match, kind)`` for each nickname, nominal subject or name in
    ``text[start:end]``, in text order, as ``finditer`` of the three patterns as one
    alternation (in the order of ``KINDS``) would find them. ``leads``: the
    :func:`nickname_leads` of ``text``, when the caller scans many windows of it."""
    if leads is None:
        leads = nickname_leads(text)
    nominals = _Nominals(text, start, end)
    k = bisect.bisect_left(leads, start)
    if not nominals.nouns and (k == len(leads) or leads[k] >= end):
        # Most windows: no person noun and no nickname lead-in, names only.
        for m in NAME_START.finditer(text, start, end):
            yield m, "name"
        return

    def finder(kind: str, at: int) -> Iterator[regex.Match[str]]:
        if kind == "nominal":
            return nominals.iterate(at)
        if kind == "nickname":
            return _nicknames(text, at, end, leads)
        return iter(NAME_START.finditer(text, at, end))

    # Each kind's next match from the cursor on; a kind's search restarts only when a
    # match of another kind ran over its next one.
    found = {kind: finder(kind, start) for kind in KINDS}
    pending = {kind: next(found[kind], None) for kind in KINDS}
    while True:
        best: regex.Match[str] | None = None
        best_kind = ""
        for kind in KINDS:
            m = pending[kind]
            if m is not None and (best is None or m.start() < best.start()):
                best, best_kind = m, kind
        if best is None:
            return
        yield best, best_kind
        cursor = best.end()
        pending[best_kind] = next(found[best_kind], None)
        for kind in KINDS:
            m = pending[kind]
            if m is not None and m.start() < cursor:
                found[kind] = finder(kind, cursor)
                pending[kind] = next(found[kind], None)
