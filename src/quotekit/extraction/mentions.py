"""Mentions of people: names, pronouns and nominals ("the porter"), and the memory of
who was last named as a subject, for pronoun resolution."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .lexicon import (
    FUNCTION_WORDS,
    PERSON_NOUNS,
    PRONOUNS_FEMALE,
    PRONOUNS_FIRST,
    PRONOUNS_MALE,
    PRONOUNS_SECOND,
    TITLES,
    rx,
)
from .namescan import NAME, mentions, nickname_leads

_TITLE_ALT = r"\L<titles>"
_NOUN_ALT = r"\L<nouns>"
NOMINAL = (
    r"\b(?i:the|a|an|his|her|my|our|their|this|that|its|your)\s+"
    r"(?:[\p{Ll}-]+\s+){0,2}?" + _NOUN_ALT + r"(?:-[\p{Ll}]+)*\b"
)
#: Any ``the + noun`` next to a cue verb is a speaker ("the saloon-keeper demanded").
GENERIC_NOMINAL = (
    r"\b(?:the|a|an|his|her|my|our|their|your)\s+(?:[\p{Ll}-]+\s+){0,2}?[\p{Ll}][\p{Ll}-]+"
    r"(?=[\s,;.!?]|$)"
)
PRONOUN = (r"\b(?i:he|she|they|i|we|it|you|myself|himself|herself|themselves|somebody\s+else|"
           r"someone\s+else|somebody|someone|everybody|everyone|nobody)\b")
MENTION = r"(?:" + PRONOUN + r"|" + NOMINAL + r"|" + NAME + r")"

_PRONOUN_AFTER = rx(r"\b(?i:he|his|she)\b")
# The three patterns below end in ``$`` and are REVERSE: ``match`` anchors them at
# ``endpos`` (a forward ``search`` finds a match there too, after trying every position).
_SENTENCE_START = rx(
    r"(?:^|[.!?][\"”’]?\s{1,3}|\n[ \t>*_—-]*|,\s)(?:(?:But|And|Then|So|Now|Here|Yet)\s+)?$",
    regex.REVERSE
)
_SUBJECT_BEFORE = rx(
    r"(?:^|[.!?:;][\"”’]?\s{1,3}|\n[ \t>*_—-]*|,\s|\b(?:and|but|so|then|when|while|because|"
    r"that)\s)$", regex.REVERSE
)
_SUBJECT_AFTER = rx(r"\s+\p{Ll}|['’]s\s+\p{Ll}|,\s+\p{Ll}")
#: What follows a capitalised adverb or adjective opening a sentence, never a name.
_STARTER_NEXT = rx(r"\s+(?:she|he|they|there|it|I|we|you|the|a|an|this|that|these|those)\b")
_NEXT_MARK = rx(r"[\"“”‘’«»]")
_DOUBLE_MARKS = frozenset('"“”«»')
_NEXT_DOUBLE = rx(r"[\"“”«»]")
_WHO_AFTER = rx(r",?\s+who\b")
_SENTENCE_BREAK = rx(r"[.!?][\"”’]?\s")
_AFTER_PREPOSITION = rx(
    r"(?i)\b(?:the|a|an|of|in|on|at|to|from|into|onto|by|with|near|for|about|over|under|"
    r"toward|towards|through|across|past|via)\s+$", regex.REVERSE
)

#: Entries per memoized name function: names repeat within a document, and a worker
#: that runs for hours over a corpus should not hold more than a few MB of them.
CACHE_SIZE = 2048
#: Capitalised words in the middle of a sentence: names, not sentence starters.
PROPER = rx(r"(?<=[\p{Ll},;] )\p{Lu}[\p{Ll}'’-]+")
_LEADING_WORDS = frozenset(
    """as and but so then when while if because that the of to with by for from in on""".split()
)
_PREPOSITIONS = frozenset("of to with by for from in on".split())
_LEADING_FUNCTION = rx(
    r"^(?:(?i:as|and|but|so|then|when|while|if|because|that|the|of|to|with|by|for|from|in|on)\s+)+"
)
_NOMINAL_FULL = rx(NOMINAL + r"$")
_GENERIC_FULL = rx(
    r"(?i:the|a|an|his|her|my|our|their|your)\s+(?:[\p{Ll}-]+\s+){0,2}[\p{Ll}][\p{Ll}-]+$"
)
_TITLE_RE = rx(r"(?i)^(?:" + _TITLE_ALT + r")\.?\s+")
_SUBJECT_NAME = rx(
    r"(?:(?<=^|\n[ \t>*_—-]*)|(?<=[.!?:;][\"”’]?\s{1,3})"
    r"|(?<=\b(?:and|but|so|then|when|while|because|that)\s)|"
    r"(?<=,\s))(?P<name>" + NAME + r")(?=\s+(?:\p{Ll}|'s\s+\p{Ll})|,?\s+who\b|,\s+\p{Ll})",
)


@lru_cache(maxsize=CACHE_SIZE)
def title_of(name: str) -> str | None:
    m = _TITLE_RE.match(name)
    return m.group(0).strip().rstrip(".").lower() if m else None


def _who_after(text: str, at: int) -> bool:
    """``_WHO_AFTER`` matches at ``at``. The match is bounded (a comma, white space,
    "who" and the character after it): without an endpos, ``regex`` would look for "who"
    in all the rest of the text, at every name of a text that has no more "who"."""
    end = at + 1 if text.startswith(",", at) else at
    while end < len(text) and text[end].isspace():
        end += 1
    return _WHO_AFTER.match(text, at, min(len(text), end + 4)) is not None


@lru_cache(maxsize=CACHE_SIZE)
def _words_and_core(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a name, and those that are not titles."""
    words = tuple(name.split())
    return words, tuple(w for w in words if w.rstrip(".").lower() not in TITLES)


@lru_cache(maxsize=CACHE_SIZE)
def _named(surface: str) -> tuple[str, int, bool, tuple[str, ...], tuple[str, ...]] | None:
    """What ``Memory.scan`` takes from a NAME match, which depends on its text alone: the
    name without leading function words ("As Mark Twain"), where the name starts in the
    match, whether a preposition led it, its words and its non-title words; ``None``
    when no name is left."""
    lead_end, after_preposition = 0, False
    if surface.split(" ", 1)[0].lower() in _LEADING_WORDS:
        lead = _LEADING_FUNCTION.match(surface)
        if lead is None:
            return None
        after_preposition = bool(_PREPOSITIONS & set(lead.group(0).lower().split()))
        lead_end = lead.end()
    name = surface[lead_end:]
    if not is_name(name):
        return None
    words, core = _words_and_core(name)
    return name, lead_end, after_preposition, words, core


def strip_function_words(name: str) -> str:
    """``As Mark Twain`` -> ``Mark Twain``."""
    return str(_LEADING_FUNCTION.sub("", name))


@lru_cache(maxsize=CACHE_SIZE)
def strip_title(name: str) -> str:
    """``Dr. Jane Smith`` -> ``Jane Smith``; a title alone before a surname stays."""
    m = _TITLE_RE.match(name)
    if not m:
        return name
    rest = name[m.end():]
    return rest if len(rest.split()) >= 2 else name


_STRICT_STOP = frozenset(
    (
        "a an the and but or nor so yet for if then than that this these those there here "
        "when where while why how what which who whom whose it its i me my we our us you your "
        "he his him she her they their them is are was were be been am do does did not no yes "
        "oh ah well now all some any every each one end close quote unquote"
    ).split()
)


def _bare(word: str) -> str:
    w = word.lower().strip(".'’")
    return w[:-2] if w.endswith(("'s", "’s")) else w


@lru_cache(maxsize=CACHE_SIZE)
def is_name(surface: str, *, cued: bool = False) -> bool:
    """A capitalised name that is not a function word, acronym or sentence starter.

    ``cued``: the word stands where a cue verb puts its speaker (``said Good``), so
    only the commonest function words are refused."""
    if cued:
        words = surface.split()
        return bool(words) and words[0].lower() not in _STRICT_STOP and not (
            len(words) == 1 and words[0].isupper() and len(words[0]) > 1)
    words = [w for w in regex.split(r"\s+", surface.strip()) if w]
    if not words:
        return False
    core = [w for w in words if w.rstrip(".").lower() not in TITLES]
    if not core:
        return False
    if all(_bare(w) in FUNCTION_WORDS for w in core):
        return False
    if _bare(core[0]) in FUNCTION_WORDS:
        return False
    # an acronym (AI, RL) is no name
    return not (len(core) == 1 and core[0].isupper() and len(core[0]) > 1)


@lru_cache(maxsize=CACHE_SIZE)
def gender_of(surface: str) -> str | None:
    s = surface.lower()
    if s in PRONOUNS_MALE:
        return "m"
    if s in PRONOUNS_FEMALE:
        return "f"
    t = title_of(surface)
    if t:
        return TITLES.get(t)
    words = s.split()
    if len(words) >= 2 and words[0] in {"the", "a", "an", "his", "her", "my", "our", "their",
                                         "this", "that", "its", "your"}:
        for n in (" ".join(words[-2:]), words[-1]):
            if n in PERSON_NOUNS:
                return PERSON_NOUNS[n]
    return None


@lru_cache(maxsize=CACHE_SIZE)
def kind_of(surface: str) -> str:
    """``pronoun``, ``first``, ``second``, ``nominal`` or ``name``."""
    s = surface.lower()
    if s in PRONOUNS_FIRST:
        return "first"
    if s in PRONOUNS_SECOND:
        return "second"
    if s in {"he", "she", "they", "it"}:
        return "pronoun"
    if s.split()[0] in {"somebody", "someone", "everybody", "everyone", "nobody"}:
        return "nominal"
    if _NOMINAL_FULL.match(surface) or _GENERIC_FULL.match(surface):
        return "nominal"
    return "name"


@lru_cache(maxsize=CACHE_SIZE)
def _short_forms(name: str) -> tuple[tuple[str, str], ...]:
    """``(word, full name)`` for the last and first word of a name of two words or more
    (titles stripped), function words left out: what the word alone will stand for."""
    if kind_of(name) != "name":
        return ()
    bare = strip_title(name)
    parts = bare.split()
    if len(parts) < 2:
        return ()
    return tuple((p, bare) for p in (parts[-1], parts[0]) if p.lower() not in FUNCTION_WORDS)


@dataclass(slots=True)
class Entity:
    name: str
    gender: str | None
    offset: int
    subject: bool = True


@dataclass(slots=True)
class Memory:
    """Who was last mentioned as a subject, most recent last (bounded)."""

    entities: list[Entity] = field(default_factory=list)
    full_names: dict[str, str] = field(default_factory=dict)

    def see(self, name: str, offset: int, gender: str | None = None,
            subject: bool = True) -> None:
        name = self.full(name)
        g = gender or gender_of(name)
        names = [e.name for e in self.entities]
        if name in names:
            e = self.entities.pop(names.index(name))
            g = g or e.gender
            subject = subject or e.subject
        self.entities.append(Entity(name, g, offset, subject))
        if len(self.entities) > 24:
            del self.entities[0]
        for part, bare in _short_forms(name):
            self.full_names.setdefault(part, bare)

    def full(self, name: str) -> str:
        """``Millig`` -> ``Baron Millig`` when the full name was seen."""
        if " " not in name and name in self.full_names:
            return self.full_names[name]
        return name

    proper: frozenset[str] = frozenset()
    genders: dict[str, str] = field(default_factory=dict)
    words: dict[str, bool] = field(default_factory=dict)
    #: The text last scanned and its nickname lead-ins (found once per document).
    _leads: tuple[str, list[int]] = ("", [])

    def scan(self, text: str, start: int, end: int,
             skip: Sequence[tuple[int, int]] = ()) -> None:
        """Remember the people named in ``text[start:end]`` (one regex pass): names,
        with whether they stand as a subject and the gender of the first personal
        pronoun after them, and nominal subjects ("The parson rode ...")."""
        si = bisect.bisect_right(skip, (start, len(text) + 1)) - 1 if skip else 0
        if self._leads[0] is not text:
            self._leads = (text, nickname_leads(text))
        for m, kind in mentions(text, start, end, self._leads[1]):
            at = m.start()
            if skip:
                while si < len(skip) and skip[si][1] <= at:
                    si += 1
                if 0 <= si < len(skip) and skip[si][0] <= at < skip[si][1]:
                    continue  # a speaker label or page chrome, not the text
            if kind == "nickname":
                self._nickname(m.group("alias"), m.group("obj"), at)
                continue
            if kind == "nominal":
                if _SENTENCE_START.match(text, max(0, at - 8), at):
                    nom = m.group()
                    self.see(nom[0].lower() + nom[1:], at)
                continue
            named = _named(m.group())
            if named is None:
                continue
            name, lead_end, after_preposition, words, core = named
            at += lead_end
            if len(core) == 1 and core[0] not in self.proper and core == words \
                    and not self._unknown_word(text, core[0], at):
                continue  # a capitalised sentence starter, not a name seen elsewhere
            if len(core) == 1 and words[-1] != core[0]:
                continue  # "Assistant Professor": a role ending in a title, not a name
            subject = not after_preposition and (
                (_SUBJECT_BEFORE.match(text, max(0, at - 12), at) is not None
                 and _SUBJECT_AFTER.match(text, m.end()) is not None)
                or _who_after(text, m.end()))
            if not subject and _AFTER_PREPOSITION.match(text, max(start, at - 12), at) and \
                    " " not in name:
                continue  # "in Paris", "the Coach": a place or a thing
            if name.endswith(("'s", "’s")):
                name = name[:-2]  # "Tom's abuse": Tom is the person
            gender = self.genders.get(name) or gender_of(name)  # a title says it best
            if gender is None:
                g = _PRONOUN_AFTER.search(text, m.end(), min(len(text), m.end() + 120))
                if g and not _SENTENCE_BREAK.search(text, m.end(), g.start()):
                    gender = "m" if g.group(0).lower() in PRONOUNS_MALE else "f"
                    self.genders[name] = gender
            self.see(name, at, gender, subject)

    def _nickname(self, alias: str, obj: str | None, at: int) -> None:
        """"People call him Jo-Jo" / "known as Jo-Jo": the one-word alias stands for the
        person just named in full (``him``/``her``: the last one of that gender)."""
        if " " in alias or not is_name(alias):
            return
        want = {"him": "m", "her": "f"}.get(obj or "")
        for e in reversed(self.entities):
            if e.offset < at and " " in e.name and kind_of(e.name) == "name" and \
                    (want is None or e.gender in (None, want)):
                full = strip_title(e.name)
                self.full_names[alias] = full
                kept: dict[str, Entity] = {}
                for old in reversed(self.entities):  # earlier mentions of the alias are
                    name = full if old.name == alias else old.name  # the person too
                    if name not in kept:
                        kept[name] = Entity(name, old.gender, old.offset, old.subject)
                self.entities = list(reversed(kept.values()))
                return

    def _unknown_word(self, text: str, word: str, at: int) -> bool:
        """True when ``word`` never appears in lower case nearby: a proper noun
        ("Winterbourne glanced"), not a sentence starter ("Soft joy crept")."""
        if word.endswith(("ing", "ly", "ed")):
            return False  # "Laughing again, he ...", "Finally, she ..."
        if _STARTER_NEXT.match(text, at + len(word)):
            return False  # "Later she ...", "Altogether there was ...": no name
        known = self.words.get(word)
        if known is None:
            lo, hi = max(0, at - 20000), at + 20000
            low = word.lower()
            known = not any(text.find(f"{sep}{low}", lo, hi) >= 0 for sep in (" ", "\n", "-"))
            self.words[word] = known
        return known

    def forward(self, pronoun: str, text: str, start: int, end: int,
                avoid: str | None = None) -> str | None:
        """The first compatible name named as a subject after ``start`` (an excerpt
        that names its speaker only later, perhaps after the rest of a split quote in
        the same paragraph: '"...," he said, "..." Tom wound up.'); a weak guess. The
        words inside a double-quoted stretch are skipped, never taken."""
        want = "m" if pronoun.lower() == "he" else "f" if pronoun.lower() == "she" else None
        pos = start
        while pos < end:
            mark = _NEXT_MARK.search(text, pos, end)
            stop = mark.start() if mark else end
            found = self._forward_in(want, text, pos, stop, avoid)
            if found or mark is None or mark.group(0) not in _DOUBLE_MARKS:
                return found  # a single mark may be an apostrophe: go no further
            close = _NEXT_DOUBLE.search(text, mark.end(), end)
            if close is None:
                return None
            pos = close.end()
            line_end = text.find("\n", pos, end)
            end = line_end if line_end >= 0 else end  # past a quote: its paragraph only
        return None

    def _forward_in(self, want: str | None, text: str, start: int, end: int,
                    avoid: str | None) -> str | None:
        for m in _SUBJECT_NAME.finditer(text, start, end):
            name = _LEADING_FUNCTION.sub("", m.group("name"))
            if not is_name(name) or (" " not in name and name not in self.proper):
                continue
            g = gender_of(name)
            if want and g and g != want:
                continue
            if self.full(name) == avoid:
                continue
            return self.full(name)
        return None

    def resolve(self, pronoun: str, before: int, exclude: str | None = None,
                quoter: str | None = None, avoid: str | None = None) -> str | None:
        """The most recent compatible entity for ``he``/``she``/``they`` before offset;
        never ``exclude`` (the last turn's speaker), ``quoter`` or ``avoid`` (whom the
        quote itself addresses)."""
        p = pronoun.lower()
        want = "m" if p == "he" else "f" if p == "she" else None
        for subjects_only in (True, False):
            found = self._resolve(p, want, before, (exclude, quoter, avoid), subjects_only)
            if found:
                return found
        return None

    def _resolve(self, p: str, want: str | None, before: int,
                 excluded: tuple[str | None, ...], subjects_only: bool) -> str | None:
        for e in reversed(self.entities):
            if subjects_only and not e.subject:
                continue
            if e.offset >= before or e.name in excluded:
                continue
            if kind_of(e.name) not in {"name", "nominal"}:
                continue
            if want and e.gender and e.gender != want:
                continue
            if p in {"they", "it"} and e.gender in {"m", "f"}:
                continue
            return e.name
        return None
