"""Citation keys in Better BibTeX's default formula, unique case-insensitively.

``auth.lower + shorttitle(3,3) + year``: the first creator's family name with its
particles, folded to ASCII and lower-cased; the first three title words that are not
skip words, each capitalised; the year. ``Patel`` / "What are we scaling?" / 2025 gives
``patelWhatAreWe2025``. Clashes get ``a``, ``b`` ... ``z``, ``aa`` ... suffixes, compared
case-insensitively because BibTeX rejects keys that differ only in case.
"""

from __future__ import annotations

import regex
from anyascii import anyascii

#: Better BibTeX's default ``skipWords`` preference.
_SKIP = """a ab aboard about above across after against al along amid among an and anti
    around as at before behind below beneath beside besides between beyond but by d da
    das de del dell dello dei degli della delle dem den der des despite die do down du
    during ein eine einem einen einer eines el en et except for from gli i il in inside
    into is l la las le les like lo los near nor of off on onto or over past per plus
    round save since so some sur than the through to toward towards un una unas under
    underneath une unlike uno unos until up upon versus via von while with within
    without yet zu zum"""
SKIP_WORDS = frozenset(_SKIP.split())
#: Characters Better BibTeX removes from keys (``citekeyUnsafeChars``) and whitespace.
_UNSAFE = regex.compile(r"[\s\\\"#%'(),={}~]+")
_WORD_BREAK = regex.compile(r"[\s:/]+")
_PUNCT = regex.compile(r"[^\p{L}\p{N}]+")
_KEY_OK = regex.compile(r"[^A-Za-z0-9_:.-]+")


def fold(text: str) -> str:
    """ASCII transliteration (``Ørsted`` -> ``Orsted``), as BBT's ``citekeyFold``."""
    return anyascii(text)


def auth_lower(family: str) -> str:
    """``van der Berg`` -> ``vanderberg``; ``O'Brien`` -> ``obrien``."""
    return str(_KEY_OK.sub("", _UNSAFE.sub("", fold(family)))).lower()


def short_title(title: str, words: int = 3) -> str:
    """The first ``words`` title words after skip words, each capitalised."""
    out: list[str] = []
    for raw in _WORD_BREAK.split(fold(title)):
        word = str(_PUNCT.sub("", raw))
        if not word or (len(word) == 1 and not word.isdigit()):
            continue
        if word.casefold() in SKIP_WORDS:
            continue
        out.append(word[0].upper() + word[1:])
        if len(out) == words:
            break
    return str(_KEY_OK.sub("", "".join(out)))


def base_key(family: str | None, title: str | None, year: int | str | None) -> str:
    """The key before clash suffixes; ``untitled`` when nothing is known."""
    key = auth_lower(family or "") + short_title(title or "") + (str(year) if year else "")
    key = key.lstrip("0123456789_:.-")
    return key or "untitled"


def _suffix(n: int) -> str:
    """0 -> ``a``, 25 -> ``z``, 26 -> ``aa``."""
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


class KeyAllocator:
    """Hands out unique keys: the first request for a base key gets it bare, later
    ones ``a``, ``b``, ...; keys are compared case-insensitively."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}  # base key -> first suffix worth trying

    def reserve(self, key: str) -> bool:
        """Take ``key`` as is (a pinned key); False when it is already taken."""
        if key.casefold() in self._taken:
            return False
        self._taken.add(key.casefold())
        return True

    def allocate(self, base: str) -> str:
        if self.reserve(base):
            return base
        n = self._next.get(base.casefold(), 0)
        while not self.reserve(base + _suffix(n)):
            n += 1
        self._next[base.casefold()] = n + 1
        return base + _suffix(n)
