"""Whom a quote speaks to, and people named through someone else.

* ``addressee`` — a name the quote calls out (``"Good night, Sir John,"`` / ``"Tom, you
  ..."``): the likely speaker of the reply;
* ``listener`` — the person the cue clause after a quote turns to (``"...," said Ann,
  turning to Bob``);
* ``spouse`` — ``his wife`` when "he" is ``Mr. X``: ``Mrs. X``;
* ``parent`` — ``her mother`` when "she" is ``Ann X`` and the text names a ``Mrs. X``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex

from .lexicon import rx
from .mentions import Memory, is_name, strip_function_words, title_of
from .namescan import NAME

#: "Pip, sir." / "Trafalgar, mother.": a word followed by one of these answers the
#: person so called; it is not itself addressed.
_ANSWER_TO = r"(?!\s*,\s*(?i:sir|madam|ma.am|miss|mum|mother|father|mamma|mama|papa|uncle|aunt)\b)"
VOCATIVE = rx(
    r"(?:^|[,;!?.]\s+|\b(?i:dear|my\s+dear|oh|o)\s+)(?P<voc>" + NAME + r")(?=\s*[,.!?;—]|\s*$)"
    + _ANSWER_TO
)
#: The last character of a VOCATIVE lead-in (a mark, "dear", "oh", "o") before white
#: space and a capital: every match but one at the very start of the text has one.
_VOCATIVE_LEAD = rx(r"[,;!?.oOhHrR](?=\s+\p{Lu})")
#: A name opening the quote ("Tom, you ..."); a search's start position is no "^".
_VOCATIVE_FIRST = rx(r"[\s_*]*(?:(?i:dear|my\s+dear|oh|o)\s+)?(?P<voc>" + NAME + r")"
                     r"(?=\s*,)" + _ANSWER_TO)
#: Not a name someone is called by: a possessive, a hyphenated phrase, an interjection.
_NOT_VOCATIVE = rx(r"['’]s$|-\p{Ll}|^(?i:aye|nay|yea|ay|alas|hullo|hallo|hello|bravo|hurrah|"
                   r"pshaw|bah|fie|lo|eh|ha|heavens|goodness|gracious|mercy|nonsense)$")
_AFTER_ABBREVIATION = rx(
    r"(?<![\p{L}.])(?:Mrs?|Ms|Dr|St|Messrs|Mme|Mlle|Prof|Rev|Capt|Col|Gen)\.\s+$"
)
#: Someone the speaker turns to in the clause after a quote ("..., turning to Bob").
LISTENER = rx(
    r"\b(?:(?:turning|turned|walking|going|coming|looking|glancing|nodding|bowing|"
    r"stepping|leaning|moving)\s+(?:\p{Ll}+\s+){0,4}?(?:to|towards?|at|round\s+to)|"
    r"addressing|(?:said|says|replied|whispered|called|cried|answered)\s+to)\s+"
    r"(?P<who>" + NAME + r")"
)
_CLAUSE_END = rx(r"[.!?;\"“”‘’]")
SPOUSE = rx(r"(?i:(his)\s+wife|(her)\s+husband)")
_MARRIED_TITLE = rx(r"(Mrs?)(\.?\s+)")
KIN = rx(r"(?i:(?:his|her)\s+(?:wife|husband|mother|father))")
PARENT = rx(r"(?i:(his|her)\s+(?:(mother)|father))")


def _vocatives(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """``VOCATIVE.finditer(text, start, end)``, the pattern tried only where a match can
    start: before each lead-in character (``_VOCATIVE_LEAD``), not at every position."""
    starts = [0] if start == 0 else []  # "^"
    for lead in _VOCATIVE_LEAD.finditer(text, start, end):
        at = lead.start()
        if text[at] in "hH":
            at -= 1  # "oh"
        elif text[at] in "rR":
            at -= 3  # "dear"
            my = at
            while my > start and text[my - 1].isspace():
                my -= 1
            if my < at and my - 2 >= start:
                starts.append(my - 2)  # "my dear"
        if at >= start:
            starts.append(at)
    cursor = start
    for at in sorted(set(starts)):
        if at >= cursor:
            m = VOCATIVE.match(text, at, end)
            if m is not None:
                cursor = m.end()
                yield m


def vocatives(text: str, start: int, end: int) -> list[regex.Match[str]]:
    """The names ``text[start:end]`` may call out: one opening it, then VOCATIVE's."""
    # A name opening the quote needs a comma after it: a cheap look first.
    first = _VOCATIVE_FIRST.match(text, start, end) if text.find(",", start, end) >= 0 \
        else None
    return [*([first] if first else []), *_vocatives(text, start, end)]


def addressee(text: str, start: int, end: int, memory: Memory, speaker: str | None,
              found_in: Sequence[regex.Match[str]] | None = None) -> str | None:
    """The (last) name ``text[start:end]`` addresses, other than ``speaker``.
    ``found_in``: the :func:`vocatives` of that span, when the caller has them."""
    found = None
    for v in vocatives(text, start, end) if found_in is None else found_in:
        name = strip_function_words(v.group("voc"))
        if _NOT_VOCATIVE.search(name):
            continue  # "St. George's Day", "By-the-way", "Aye"
        abbr = _AFTER_ABBREVIATION.search(text, max(start, v.start("voc") - 9),
                                          v.start("voc"))
        if abbr:  # "Mrs. | Gray": the title belongs to the name, if it is addressed
            lead = text[max(start, abbr.start() - 2):abbr.start()].strip()
            if abbr.start() > start and lead not in {",", ";", "!", "?", "."}:
                continue  # "... for Mrs. Gray, and": not a vocative
            name = f"{abbr.group(0).strip()} {name}"
        if is_name(name) and name != speaker and (
                " " in name or name in memory.proper or title_of(name) or
                memory._unknown_word(text, name, v.start())):
            found = memory.full(name)
    return found


def listener(text: str, after: int, para_end: int, memory: Memory,
             speaker: str | None) -> str | None:
    """The person the cue clause after a quote (from ``after``) turns to: '"...," said
    Ann, turning to Bob' / 'asked he, walking towards Bob' -- the likely next speaker."""
    end = min(para_end, after + 160)
    stop = _CLAUSE_END.search(text, after, end)
    m = LISTENER.search(text, after, stop.start() if stop else end)
    if m is None or not is_name(m.group("who")):
        return None
    who = " ".join(m.group("who").split())
    name = memory.full(who[:-2] if who.endswith(("'s", "’s")) else who)
    return name if name != speaker else None


def spouse(who: str, owner: str | None) -> str | None:
    """``his wife`` of ``Mr. X`` -> ``Mrs. X``; ``her husband`` of ``Mrs. X`` -> ``Mr. X``.
    ``owner`` is whom the possessive (his/her) refers to."""
    m = SPOUSE.fullmatch(who)
    t = _MARRIED_TITLE.match(owner or "")
    if m is None or owner is None or t is None:
        return None
    want = "Mrs" if m.group(1) else "Mr"
    if t.group(1).rstrip(".").capitalize() == want:
        return None
    return f"{want}{t.group(2)}{owner[t.end():]}"


#: How far around the mention a parent's name is looked for (a bounded look keeps long
#: documents linear).
PARENT_NEAR = 20_000


def parent(who: str, child: str | None, text: str, near: int) -> str | None:
    """``her mother`` of ``Ann X`` (or ``Miss X``) -> ``Mrs. X``, ``her father`` ->
    ``Mr. X``: only when the text names that person, as it writes the title, within
    ``PARENT_NEAR`` characters of offset ``near``."""
    m = PARENT.fullmatch(who)
    if m is None or child is None:
        return None
    title = title_of(child)
    if title not in (None, "miss", "master"):
        return None  # "Mrs. X", "Dr. X": the family name may be a spouse's
    words = [w for w in child.split() if w.rstrip(".").lower() != title]
    if len(words) < 2 and not title:
        return None  # a first name alone says no family name
    surname = words[-1]
    want = "Mrs" if m.group(2) else "Mr"
    lo, hi = max(0, near - PARENT_NEAR), min(len(text), near + PARENT_NEAR)
    for form in (f"{want}. {surname}", f"{want} {surname}"):
        at = text.find(form, lo, hi)
        while at >= 0:
            after = at + len(form)
            if after >= len(text) or not (text[after].isalpha() or text[after] in "'’-"):
                return form
            at = text.find(form, after, hi)
    return None
