"""The cited work: ``in a recent blog post he wrote``, ``in his book "X"``, a URL."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import regex

from ..model import Work
from .lexicon import PLATFORMS, WORK_NOUNS, rx
from .wordindex import PUNCTUATION, WordIndex, trie_pattern

_NOUNS = "|".join(sorted((regex.escape(n) for n in WORK_NOUNS), key=len, reverse=True))
_PLAT = "|".join(sorted((regex.escape(p) for p in PLATFORMS), key=len, reverse=True))
WORK = rx(
    r"(?i)\b(?:in|on|from|via|through)\s+(?:a|an|the|his|her|their|its|this|that|one|my|"
    r"our|your)\s+(?:(?P<when>recent|new|latest|old|older|early|earlier|famous|classic|"
    r"\d{4}|last|previous|first)\s+)?(?:[\p{Ll}-]+\s+){0,2}?(?P<kind>" + _NOUNS + r")s?\b"
    r"(?:\s+(?:titled|called|entitled|named)\s*,?\s*[\"“‘'](?P<title>[^\"”’'\n]{1,200})[\"”’'])?"
    r"|(?P<titled>(?:" + _NOUNS + r")s?\s+(?:titled|called|entitled|named)\s*,?\s*"
    r"[\"“‘'](?P<title2>[^\"”’'\n]{1,200})[\"”’'])"
)
PLATFORM = rx(r"\b(?:on|via)\s+(?P<platform>" + _PLAT + r")\b")
#: Where a WORK noun starts in folded text (every start, overlapping ones too).
_NOUN_AT = re.compile(r"(?=" + trie_pattern(WORK_NOUNS) + r")")
_PREPOSITIONS = ("in", "on", "from", "via", "through")
_PREPOSITION_ENDS = frozenset(p[-1] for p in _PREPOSITIONS)
#: A word, as the runs of non-space characters (``re``'s ``\s`` is ``str.isspace``).
_WORD = re.compile(r"\S+")
#: Lower case in which every character that WORK's ``(?i)`` takes for an ASCII letter
#: becomes that letter, one character for one (``str.lower`` makes "İ" two).
_FOLD = str.maketrans({"İ": "i", "K": "k", "ſ": "s"})
URL = rx(r"https?://[^\s)\]>\"”]+")
#: Words that hint at a cited work nearby (a cheap look before the full patterns run).
_HINT_WORDS = (
    "post", "blog", "book", "essay", "article", "paper", "tweet", "thread", "talk",
    "interview", "newsletter", "podcast", "episode", "letter", "speech", "memo", "announce",
    "documentar", "video", "lecture", "keynote", "column", "op-ed", "report", "study",
    "email", "e-mail", "message", "mailing", "comment", "review", "novel", "poem", "song",
    "film", "movie", "presentation", "slide", "readme", "issue", "commit", "press",
    "statement", "substack", "piece", "write-up", "manifesto", "paragraph", "chapter", "doc",
    "toot", "twitter", "mastodon", "bluesky", "linkedin", "facebook", "instagram", "reddit",
    "hacker news", "youtube", "medium", "github", "threads", "tiktok", "slack", "discord",
    "http:", "https:",
)
#: Anywhere, in any case (for text whose lower case would move offsets).
_HINT = re.compile("(?i)" + "|".join(map(re.escape, _HINT_WORDS)))
#: The same words for lowered text, as a trie (see wordindex): ~15x faster.
_HINT_LOWER = re.compile(trie_pattern(_HINT_WORDS))
_URL_HINT = re.compile(r"https?://")
YEAR = rx(r"\b(?:in|back\s+in)\s+(?P<year>1[5-9]\d\d|20\d\d)\b")


def work_hints(text: str) -> WordIndex:
    """Where ``text`` mentions a work noun, a platform or a URL, scanned lazily: each
    quote asks about the text just before it (a binary search, not a scan)."""
    return WordIndex(text, _HINT_LOWER, _HINT, PUNCTUATION)


def _works(context: str) -> Iterator[regex.Match[str]]:
    """``WORK.finditer(context)``, the pattern tried only where a match can start: at a
    work noun (a title follows it) or at a preposition up to five words before one."""
    folded = context.translate(_FOLD).lower()
    starts = set()
    words: list[tuple[int, int]] | None = None  # the runs of non-space characters
    ends: list[int] = []
    for noun in _NOUN_AT.finditer(folded):
        at = noun.start()
        starts.add(at)  # "book titled ..."
        if at == 0 or not folded[at - 1].isspace():
            continue  # a preposition's noun follows white space
        if words is None:
            words = [m.span() for m in _WORD.finditer(folded)]
            ends = [e for _, e in words]
        # "in a recent long blog post": the five words before, each ending in a preposition
        k = bisect.bisect_right(ends, at)
        for i, end in words[max(0, k - 5):k]:
            if folded[end - 1] in _PREPOSITION_ENDS:
                starts.update(end - len(p) for p in _PREPOSITIONS if folded.endswith(p, i, end))
    cursor = 0
    for at in sorted(starts):
        if at >= cursor:
            m = WORK.match(context, at)
            if m is not None:
                cursor = m.end()
                yield m


def cited_work(text: str, para_start: int, before: int, after: int, para_end: int,
               hints: WordIndex | None = None) -> Work | None:
    """The work a quote is cited from, from the text just before (or after) it."""
    lo = max(para_start, before - 400)
    near = hints.any(lo, before) if hints is not None else bool(
        _HINT.search(text, lo, before))
    if not near and not _URL_HINT.search(text, after, min(para_end, after + 200)):
        return None  # no work noun, platform or URL nearby: the common case, made cheap
    context = text[lo:before]
    found = None
    for m in _works(context):
        found = m
    platforms = PLATFORM.findall(context)
    platform = platforms[-1] if platforms else None
    url = None
    u = URL.search(text, after, min(para_end, after + 200)) or URL.search(context)
    if u:
        url = u.group(0).rstrip(".,;")
    if found is None and platform is None and url is None:
        return None
    kind = when = title = None
    if found is not None:
        if found.group("titled"):
            kind = found.group("titled").split()[0].lower()
            title = found.group("title2")
        else:
            kind = found.group("kind").lower()
            when = found.group("when")
            title = found.group("title")
        if when is None:
            y = YEAR.search(context)
            when = y.group("year") if y else None
    return Work(kind=kind, title=title, when=when.lower() if when else None, url=url,
                platform=platform)
