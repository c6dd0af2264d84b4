"""Canonical speaker names: the user's aliases file, vault People notes, the document.

``SpeakerIndex`` knows people (canonical name -> aliases). ``canonical(name)`` turns a
surface name into the name to report:

1. an exact (case-insensitive) match of a known name or alias;
2. ``Last, First`` reordered, ALL CAPS cased, a title (``Dr.``) set apart;
3. a single known token (``Millidge`` or ``Beren``) that belongs to one known person;
4. a phonetic/fuzzy match of every token (Metaphone/NYSIIS codes, Jaro-Winkler) at or
   above ``threshold`` — speech-to-text garbles such as ``Baron Millig`` for
   ``Beren Millidge``; between ``suggest_at`` and ``threshold`` it is only suggested.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
import regex

from .mentions import strip_title

#: Entries per memoized name function: names repeat within a document, and a worker
#: that runs for hours over a corpus should not hold more than a few MB of them.
CACHE_SIZE = 2048

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a surface name resolved: ``name`` (canonical), ``rule``, ``score`` (0..1)."""

    name: str
    rule: str
    score: float


_LAST_FIRST = regex.compile(r"(?P<last>[\p{Lu}][\p{L}'’-]+),\s*(?P<first>[\p{Lu}][\p{L}.'’ -]+)")


@lru_cache(maxsize=CACHE_SIZE)
def tidy(name: str) -> str:
    """Whitespace collapsed, ``Last, First`` reordered, ALL CAPS title-cased."""
    name = " ".join(name.split()).strip(" ,:;")
    m = _LAST_FIRST.fullmatch(name) if "," in name else None
    if m:
        name = f"{m.group('first')} {m.group('last')}"
    if name.isupper() and len(name) > 3:
        name = " ".join(w.capitalize() if len(w) > 1 else w for w in name.split())
    return name


@lru_cache(maxsize=4096)
def _codes(token: str) -> tuple[str, str]:
    t = token.lower()
    return jellyfish.metaphone(t), jellyfish.nysiis(t)


def _token_score(a: str, b: str) -> tuple[float, bool]:
    """(similarity, sure): sure when the tokens sound alike (Metaphone or NYSIIS code
    equal) or are spelled nearly alike (Jaro-Winkler >= 0.93)."""
    a, b = a.lower().strip("."), b.lower().strip(".")
    if a == b:
        return 1.0, True
    jw: float = jellyfish.jaro_winkler_similarity(a, b)
    ca, cb = _codes(a), _codes(b)
    if ca[0] == cb[0] or ca[1] == cb[1]:
        return max(jw, 0.92), True
    return jw, jw >= 0.93


def name_score(a: str, b: str) -> float:
    """Similarity of two personal names, token by token (0..1); 0 when the token counts
    differ. A token that neither sounds nor is spelled alike caps the score below the
    resolving threshold, so it can only be suggested."""
    ta, tb = _WORD.findall(a), _WORD.findall(b)
    if not ta or not tb or len(ta) != len(tb):
        return 0.0
    scores = [_token_score(x, y) for x, y in zip(ta, tb, strict=True)]
    mean = sum(sc for sc, _ in scores) / len(scores)
    return mean if all(sure for _, sure in scores) else min(mean, 0.85)


class SpeakerIndex:
    """Known people: canonical name -> aliases, from the user or the vault."""

    def __init__(self, people: Mapping[str, Iterable[str]] | None = None, *,
                 threshold: float = 0.88, suggest_at: float = 0.75) -> None:
        self.threshold = threshold
        self.suggest_at = suggest_at
        self._people: dict[str, set[str]] = {}
        self._origin: dict[str, str] = {}
        self._exact: dict[str, str] = {}
        self._tokens: dict[str, set[str]] = {}
        for canonical, aliases in (people or {}).items():
            self.add(canonical, aliases)

    def add(self, canonical: str, aliases: Iterable[str] = (), origin: str = "user") -> None:
        """Add a person (or more aliases for one already known); ``origin`` says where
        the name came from (``aliases``, ``vault``, ``user``). The first source to name
        a surface form wins."""
        canonical = tidy(canonical)
        if not canonical:
            return
        names = self._people.setdefault(canonical, set())
        self._origin.setdefault(canonical, origin)
        for surface in (canonical, *aliases):
            surface = tidy(str(surface))
            if not surface:
                continue
            names.add(surface)
            self._exact.setdefault(surface.casefold(), canonical)
            for token in _WORD.findall(strip_title(surface)):
                if len(token) > 2:
                    self._tokens.setdefault(token.casefold(), set()).add(canonical)

    @property
    def people(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in self._people.items()}

    def __len__(self) -> int:
        return len(self._people)

    def resolve(self, name: str) -> Resolution | None:
        """The known person ``name`` refers to, or ``None``."""
        surface = tidy(name)
        key = surface.casefold()
        if key in self._exact:
            return Resolution(self._exact[key], "alias", 1.0)
        bare = strip_title(surface)
        if bare.casefold() in self._exact:
            return Resolution(self._exact[bare.casefold()], "alias", 1.0)
        tokens = _WORD.findall(bare)
        if len(tokens) == 1:
            owners = self._tokens.get(tokens[0].casefold(), set())
            if len(owners) == 1:
                return Resolution(next(iter(owners)), "part-of-name", 0.9)
        best = self._best(bare)
        if best and best[1] >= self.threshold:
            return Resolution(best[0], "fuzzy", round(best[1], 3))
        return None

    def suggest(self, name: str) -> Resolution | None:
        """A likely but unsure match (score between ``suggest_at`` and ``threshold``)."""
        best = self._best(strip_title(tidy(name)))
        if best and self.suggest_at <= best[1] < self.threshold:
            return Resolution(best[0], "suggestion", round(best[1], 3))
        return None

    def _best(self, name: str) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        for canonical, surfaces in self._people.items():
            for s in surfaces:
                score = name_score(name, strip_title(s))
                if best is None or score > best[1]:
                    best = (canonical, score)
        return best

    def canonical(self, name: str, text: str = "") -> str:
        """The name to report for ``name``: a known person's, else ``name`` tidied."""
        if not self._people:
            return tidy(name)
        found = self.resolve(name)
        return found.name if found else tidy(name)
