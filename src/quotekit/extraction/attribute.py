"""Who said it: the cue and the speaker mention next to a quote, or the conversation.

Rules, in order (the first that fires is the quote's ``why``):

* ``cue-after`` — ``"...," said the parson`` / ``"...," she says``;
* ``cue-before`` — ``He writes, quote, "...`` / ``X, their CTO, said and I quote "...``,
  ``according to X,``, ``X: "...``, inverted ``said X, "...``;
* ``shape`` — the detection shape names the speaker (``as X put it``, ``> — X``);
* ``split-quote`` — the second half of ``"...," said X, "..."`` (checked before any cue
  before it, since the clause between the halves is the first half's attribution);
* ``cue-before`` also covers a cue clause ending the previous paragraph in ``:`` or a dash;
* ``same-paragraph`` — a quote continuing one already attributed;
* ``paragraph-subject`` — dialogue after a narrative sentence whose subject is named;
* ``turn-taking`` — alternating speakers in a run of dialogue paragraphs.

Mentions are resolved here (pronouns to the last compatible subject -- in a reply, to the
person the previous turn addressed by name, never to whom the quote itself addresses --
first names and nicknames to full names, ``his wife`` of ``Mr. X`` to ``Mrs. X``, ``her
mother`` of ``Ann X`` to a ``Mrs. X`` the text names); the speaker is never taken from
inside a quote. Whom each quote addresses (``address.py``) feeds turn-taking.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..model import Segment
from .address import KIN, addressee, listener, parent, spouse, vocatives
from .detect import Candidate, opens_paragraph
from .lexicon import CUE_SET, rx
from .mentions import (
    CACHE_SIZE,
    GENERIC_NOMINAL,
    MENTION,
    NOMINAL,
    PRONOUN,
    PROPER,
    Memory,
    gender_of,
    is_name,
    kind_of,
    strip_function_words,
    strip_title,
    title_of,
)
from .namescan import NAME
from .wordindex import PUNCTUATION, WordIndex, trie_pattern

CUE = r"(?i:" + "|".join(sorted(CUE_SET, key=len, reverse=True)) + r")\b"
#: CUE as a trie, for patterns that read it forward: no two cue words (all letters) both
#: end at a word boundary from one start, so the order the two try words in cannot
#: matter. (Read in reverse, "said" and a longer word ending in it could both match.)
CUE_FORWARD = r"(?i:" + trie_pattern(CUE_SET) + r")\b"
_ADV = r"(?:\p{Ll}+ly|in\s+fact|who|that|which|has|had|have|once|then|also|would|will|" \
       r"just|famously|later|again|goes\s+on\s+to|went\s+on\s+to|is\s+going\s+to|" \
       r"was|were|did|does|do|now|still|" \
       r"always|never|even|actually|basically|kind\s+of|sort\s+of|allegedly|supposedly)"
_TAIL = r"(?:\s*,?\s+(?:that|this|it|us|me|him|her|them|something|like|back|out|up|" \
        r"in\s+[^,\"“]{1,50}?|with\s+[^,\"“:]{1,40}?|at\s+[^,\"“:]{1,40}?|on\s+[^,\"“]{1,50}?|to\s+[^,\"“]{1,40}?|about\s+[^,\"“]{1,40}?|from\s+[^,\"“]{1,40}?))*"
_MARKER = r"(?:\s*[,:]?\s*(?:and\s+)?(?:I\s+)?(?:quote|quoting)\b)?"

_WHO = (r"(?:(?:the\s+)?(?:\p{Ll}+\s+){0,2}?(?:voice\s+of\s+)?(?P<name>" + NAME + r")|"
        + PRONOUN + r"|" + NOMINAL + r"|" + GENERIC_NOMINAL + r")")
AFTER_INVERTED = rx(
    r"[\s,.!?;:—–-]*(?:\s*\p{Ll}+ly\s+)?(?P<cue>" + CUE_FORWARD + r"|\p{Ll}{3,}ed\b)"
    r"(?:\s+\p{Ll}+ly)?\s+"
    r"(?P<who>" + _WHO + r")"
)
AFTER_NORMAL = rx(
    r"[\s,.!?;:—–-]*(?P<who>" + _WHO + r")(?:\s*,[^,\"“”\n]{1,60},)?"
    r"(?:\s+" + _ADV + r")*\s+(?P<cue>" + CUE_FORWARD
    + r"|\p{Ll}{3,}ed\b(?=\s*[,.;:!?—]|\s+\p{Ll}+ly\b))"
)
CUE_WORD = rx(r"\b" + CUE)
#: The same cue words for lowered text, as a trie for ``re`` (see wordindex).
CUE_WORD_LOWER = re.compile(r"\b" + trie_pattern(CUE_SET) + r"\b")
#: From a cue verb to the quote: "says, and I quote, " / "said that - "
CUE_TAIL = rx(_TAIL + r"(?:\s*[,:—–-])*" + _MARKER + r"(?:\s*[,:—–-])*\s*")
# The REVERSE patterns below end in ``\s*$``: they are used with ``match``, which
# anchors a reverse pattern at ``endpos`` (a ``search`` would find the same match, after
# trying every position of the window).
SUBJECT_BEFORE = rx(
    r"(?P<who>" + MENTION + r"|" + GENERIC_NOMINAL + r")(?:\s*,\s*(?P<appos>[^,\"“”\n]{1,90}),)?"
    r"(?:\s+" + _ADV + r")*\s*$", regex.REVERSE
)
#: "Google's open source guy, Chris DiBona, famously said": the name set off by commas.
APPOS_BEFORE = rx(
    r",\s*(?P<who>" + NAME + r")\s*,(?:\s+" + _ADV + r")*\s*$", regex.REVERSE
)
#: Identification after the quote: "... That was Ed." / "End quote. Salma."
AFTER_IDENTIFIED = rx(
    r"[\s,.!?;:—–-]*(?:(?i:that|this)\s+(?:was|is)\s+|(?i:that's|it\s+was)\s+|"
    r"(?i:end|close)\s+(?i:quote)[.,]?\s+)(?P<who>" + NAME + r")\s*[.!]"
)
#: First-person and quotative introductions: "my quote is," / "I was like".
BEFORE_SELF = rx(
    r"(?:(?P<who>(?i:my|our))\s+(?:own\s+|favorite\s+|favourite\s+)?(?i:quote|line|motto)\s+"
    r"(?i:is|was)|(?i:to\s+quote|quoting)\s+(?P<who2>(?i:my|our))\b[^,\n\"“]{0,60}|"
    r"(?P<who3>" + MENTION + r")\s+(?i:was|were|is|am|are|'m|goes|went)\s+like)"
    r"\s*[,:]?\s*$", regex.REVERSE
)
_IT_DOCUMENT = rx(
    r"(?P<doc>(?:(?P<owner>" + NAME + r")['’]s|(?i:the|this|that|his|her|their)"
    r"(?:\s+(?i:same|whole|original|new|recent))?)\s+(?i:article|post|blog\s+post|paper|"
    r"book|essay|announcement|tweet|statement|letter|email|page|readme|report|documentation|"
    r"docs|press\s+release|website|newsletter|message|thread))\b"
)
#: Every _IT_DOCUMENT match holds one of these (in any case): a cheap look first.
_DOCUMENT_WORDS = (
    "article", "post", "paper", "book", "essay", "announcement", "tweet", "statement",
    "letter", "email", "page", "readme", "report", "documentation", "docs", "press",
    "website", "newsletter", "message", "thread",
)
BEFORE_ACCORDING = rx(
    r"(?i:according\s+to|in\s+the\s+words\s+of|to\s+quote|quoting|to\s+paraphrase)\s+"
    r"(?P<who>" + MENTION + r")\s*[,:]?\s*$", regex.REVERSE
)
BEFORE_INVERTED = rx(
    r"(?P<cue>" + CUE + r")\s+(?P<who>" + NOMINAL + r"|" + NAME + r")\s*[,:]\s*$", regex.REVERSE
)
#: A sentence that ends in a cue right before the quote: its subject is the speaker
#: ("The oldest of the colts raised his head ... and said, "...").
SENTENCE_CUE = rx(
    r"(?P<cue>" + CUE + r")(?:\s+[\p{Ll}'’-]+){0,4}?\s*[,:—–-]?\s*$", regex.REVERSE
)
#: A name the quote addresses ("Good night, Sir John," / "Is that so, Lizzy?"): the
#: likely speaker of the reply.
SENTENCE_SUBJECT = rx(
    r"(?:(?i:then|but|and|so|now|at\s+last|finally)\s*,?\s+)?(?P<who>" + _WHO + r")\b"
)
BEFORE_COLON = rx(r"(?:^|[.!?]\s+|\n)(?P<who>" + NAME + r")\s*:\s*$", regex.REVERSE
)
_PARA_SUBJECT = rx(
    r"[\s*_—-]*(?:(?i:then|but|and|so|now|here|at\s+last|finally)\s*,?\s+)?(?P<who>(?i:he|she)\b|"
    + NOMINAL + r"|" + NAME + r")(?:\s*,[^,\n]{1,60},)?\s+(?:\p{Ll}+ly\s+)?\p{Ll}+"
)
_PRONOUN_GENDER = {"he": "m", "she": "f"}
#: A leading subordinate clause, skipped to reach the subject of the main clause.
_SUBORDINATE = rx(
    r"(?:(?:As|When|While|Whilst|After|Before|Though|Although|If|Since|Once|Until|Having)\b"
    r"|\p{Lu}\p{Ll}+ing\b)[^,.;:!?\"“”\n]{1,120},\s*"
)
_CLAUSE_BREAK = rx(r"[.!?]\s+(?=\p{Lu})|\n")


_INNER_NAME = rx(r"(?:the\s+)?(?:\p{Ll}+\s+){0,2}?(?:voice\s+of\s+)?(" + NAME + r")$")
_APPOS_NAME = rx(r"\s*(" + NAME + r")\s*")
#: Cues that say the previous speaker goes on ("he continued"): no turn change.
_CONTINUING = frozenset(
    (
        "continued continues continue went goes added adds resumed resumes pursued pursues "
        "persisted persists repeated repeats"
    ).split()
)
#: Cue words that are also nouns: after "a"/"the"/"his" + words they name a thing.
_NOUN_CUES = frozenset(
    (
        "smile laugh sigh cry call shout whisper murmur answer reply remark comment note "
        "groan moan sob gasp cheer roar scream yell growl hiss bark bellow chuckle giggle "
        "protest question return post tweet report statement"
    ).split()
)
#: Words that cannot end a noun phrase ("the ear and", "the rat-catcher by").
_NOT_NOUNS = frozenset(
    "and or but nor by of to with in on at from for as that which who whom than then so"
    .split()
)
_NOT_PEOPLE = frozenset(
    (
        "time way thing things day night moment end question answer point fact case idea word "
        "words story rest others lot bit kind sort part"
    ).split()
)


def _noun_cue(cue: str, subject: str) -> bool:
    """"a wry smile": a cue word that is a noun after a determiner, not a verb."""
    return cue.lower() in _NOUN_CUES and kind_of(subject) == "nominal"


@lru_cache(maxsize=CACHE_SIZE)
def _mention(who: str) -> tuple[str, str]:
    """A matched mention as a speaker is named, and its kind: white space collapsed, no
    possessive, leading function words dropped ("As Mark Twain"), and the name alone
    when words come before it ("the old Tom")."""
    who = " ".join(who.split())
    who = who[:-2] if who.endswith(("'s", "’s")) else who
    bare = strip_function_words(who)
    if bare and bare[:1].isupper() and bare != who:
        who = bare
    inner = _INNER_NAME.match(who)
    if inner and inner.group(1) != who and is_name(inner.group(1)):
        who = inner.group(1)
    return who, kind_of(who)


@dataclass(slots=True)
class Attribution:
    speaker: str | None
    surface: str | None
    cue: str | None
    why: str | None
    confidence: float
    quoted_by: str | None
    addressee: str | None = None


def segment_at(segments: Sequence[Segment], offset: int,
               hint: int = 0) -> tuple[Segment | None, int]:
    """The segment containing ``offset`` (segments sorted); returns it and its index."""
    i = hint
    while i < len(segments) and segments[i].end <= offset:
        i += 1
    if i < len(segments) and segments[i].start <= offset:
        return segments[i], i
    return None, i


class Attributor:
    """Walks the candidates in text order, keeping the conversation's memory."""

    def __init__(self, text: str, segments: Sequence[Segment],
                 skip: Sequence[tuple[int, int]] = (), author: str | None = None) -> None:
        self.text = text
        self.author = author
        self.segments = segments
        self.memory = Memory()
        self.scanned = 0
        self.seg_i = 0
        self.prev: Candidate | None = None
        self.prev_attr: Attribution | None = None
        self.turns: list[tuple[int, str | None]] = []  # (paragraph start, speaker)
        self.labels: list[str] = []
        self._continuing = False
        self._para = -1  # paragraph of the quote being attributed
        self._addressed: dict[int, str] = {}  # paragraph start -> first name addressed
        self._own: str | None = None  # the name the quote being attributed addresses
        self.memory.proper = frozenset(PROPER.findall(text))
        self.skip = skip
        self.cue_words = WordIndex(text, CUE_WORD_LOWER, CUE_WORD, PUNCTUATION)

    # -- mentions ---------------------------------------------------------------
    def _resolve(self, who: str, at: int, quoted_by: str | None) -> tuple[str | None, str]:
        """(speaker, rule) for a mention."""
        kind = kind_of(who)
        if who.lower() in {"himself", "herself", "themselves"}:
            who = {"himself": "he", "herself": "she"}.get(who.lower(), "they")
            kind = "pronoun"
        if kind == "first":
            return quoted_by or self.author or "I", "first-person"
        if kind == "second":
            # the last other speaker (the label list grows with the transcript: no copy)
            other = next((s for s in reversed(self.labels) if s != quoted_by), None)
            return other, "second-person"
        if kind == "pronoun" and who.lower() == "it":
            doc = None
            # casefold takes every letter that (?i) takes for an ASCII one to it
            window = self.text[max(0, at - 400):at].casefold()
            if any(word in window for word in _DOCUMENT_WORDS):
                for d in _IT_DOCUMENT.finditer(self.text, max(0, at - 400), at):
                    doc = d
            if doc is not None:
                owner = doc.group("owner")
                return (owner if owner and is_name(owner) else doc.group("doc")), "document"
            return None, "pronoun"
        if kind == "pronoun":
            last = None if self._continuing else self._last_turn_speaker()
            if last is not None:
                # a reply: "he" is whom the previous turn addressed by name, if it fits
                answered = self._addressed.get(self.turns[-1][0]) if self.turns else None
                if answered and answered not in (last, quoted_by, self._own) and \
                        gender_of(answered) in (None, _PRONOUN_GENDER.get(who.lower())):
                    return answered, "pronoun"
            found = self.memory.resolve(who, at, last, quoted_by, self._own)
            return found or self.memory.resolve(who, at, None, quoted_by, self._own), "pronoun"
        if kind == "nominal":
            relative = self._relative(who, at, quoted_by)
            if relative:
                return relative, "kin"
            name = who.lower() if who[:1].isupper() and who.split()[0].lower() in {
                "the", "a", "an", "his", "her", "my", "our", "their", "this", "that", "its",
                "your"} else who
            self.memory.see(name, at)
            return name, "nominal"
        name = self.memory.full(strip_title(who) if len(who.split()) > 2 else who)
        self.memory.see(name, at)
        return name, "name"

    def _relative(self, who: str, at: int, quoted_by: str | None) -> str | None:
        """``his wife`` / ``her mother`` as the person the text names: the relative of
        whom the quote addresses ('"My dear Mr. X," replied his wife'), else of the
        last person "he"/"she" resolves to."""
        if KIN.fullmatch(who) is None:
            return None
        found = self._own and (spouse(who, self._own) or parent(who, self._own, self.text, at))
        if found:
            return found
        owner = self.memory.resolve("he" if who[:3].lower() == "his" else "she", at, None,
                                    quoted_by)
        return spouse(who, owner) or parent(who, owner, self.text, at)

    def _last_turn_speaker(self) -> str | None:
        """Who spoke the last dialogue turn of an earlier paragraph (the one answered)."""
        for para, speaker in reversed(self.turns[-2:]):
            if para != self._para:
                return speaker
        return None

    # -- rules ------------------------------------------------------------------
    def attribute(self, c: Candidate) -> Attribution:
        text = self.text
        seg, self.seg_i = segment_at(self.segments, c.start, self.seg_i)
        quoted_by = seg.speaker if seg else None
        if quoted_by and (not self.labels or self.labels[-1] != quoted_by):
            self.labels.append(quoted_by)
        # Remember who was named before this quote (outside any quote).
        lo = max(self.scanned, c.before - 1500, 0)
        if c.before > lo:
            self.memory.scan(text, lo, c.before, self.skip)
        self.scanned = max(self.scanned, c.after)
        self._para = c.para_start
        # whom this quote calls by name: never its own speaker
        called = vocatives(text, c.start, c.end)
        self._own = addressee(text, c.start, c.end, self.memory, None, called)
        result = self._rules(c, quoted_by)
        self.prev, self.prev_attr = c, result
        result.addressee = self._own if self._own != result.speaker else \
            addressee(text, c.start, c.end, self.memory, result.speaker, called)
        if result.addressee is None and (result.why or "").startswith("cue-after"):
            result.addressee = listener(text, c.after, c.para_end, self.memory,
                                        result.speaker)
        if result.addressee:
            self._addressed.setdefault(c.para_start, result.addressee)
        if c.dialogue or c.how in {"double-quote", "single-quote", "dash"}:
            if not self.turns or self.turns[-1][0] != c.para_start:
                self.turns.append((c.para_start, result.speaker))
            elif result.speaker and self.turns[-1][1] is None:
                self.turns[-1] = (c.para_start, result.speaker)
        return result

    def _make(self, who: str, cue: str | None, why: str, conf: float, at: int,
              quoted_by: str | None) -> Attribution | None:
        """An attribution to the mention ``who``; ``None`` when it is no person."""
        self._continuing = (cue or "").lower() in _CONTINUING
        who, kind = _mention(who)
        cued = why in {"cue-after", "cue-before"}
        if kind == "name" and not is_name(who, cued=cued):
            return None
        if kind == "name" and not cued and " " not in who and title_of(who) is None and \
                who not in self.memory.proper and not self.memory._unknown_word(self.text, who, at):
            return None  # "Accustomed to ...": a capitalised word, not a name
        if kind == "nominal" and (who.split()[-1].lower() in _NOT_PEOPLE or
                                  who.split()[-1].lower() in _NOT_NOUNS):
            return None  # "the ear and (was saying)": no noun, no person
        speaker, rule = self._resolve(who, at, quoted_by)
        if rule == "pronoun" and speaker is None and who.lower() in {"he", "she"}:
            speaker = self.memory.forward(who, self.text, at, min(len(self.text), at + 600),
                                          self._own)
            if speaker:
                why, conf = f"{why}+forward", conf * 0.4
        if rule == "pronoun":
            why = f"{why}+pronoun"
            conf *= 0.85 if speaker else 0.4
        elif rule == "nominal":
            conf *= 0.7
        return Attribution(speaker, who, cue.lower() if cue else cue, why, conf, quoted_by)

    def _rules(self, c: Candidate, quoted_by: str | None) -> Attribution:
        text = self.text
        # 0. identified right after: "That was Ed."
        if c.after < c.para_end and not c.unclosed:
            m = AFTER_IDENTIFIED.match(text, c.after, min(c.para_end, c.after + 60))
            if m:
                a = self._make(m.group("who"), "identified", "identified-after", 0.8,
                               m.start("who"), quoted_by)
                if a:
                    return a
        ends_sentence = text[c.start:c.end].rstrip()[-1:] == "."
        # 1. cue after the closing mark
        if c.after < c.para_end and not c.unclosed and not ends_sentence:
            tail_end = min(c.para_end, c.after + 160)
            for pattern, anchor in ((AFTER_INVERTED, "cue"), (AFTER_NORMAL, "who")):
                m = pattern.match(text, c.after, tail_end)
                if m and self._ok_after(m.start(anchor), c.after):
                    a = self._make(m.group("who"), m.group("cue"), "cue-after", 0.95,
                                   m.start("who"), quoted_by)
                    if a:
                        return a
        # 2. a shape that names the speaker
        if c.speaker_hint:
            a = self._make(c.speaker_hint, c.cue_hint, "shape", 0.8, c.before, quoted_by)
            if a:
                return a
        # 3a. the second half of a split quote: '"...," said X, "..."' / '"...," he said.
        #     "..."': the clause between the halves attributes both.
        split = self._split_half(c, quoted_by)
        if split:
            return split
        # 3. cue before the opening mark, in the same sentence (or the one before)
        lo = max(c.para_start, c.before - 240)
        if self.prev is not None and self.prev.after > lo:
            lo = self.prev.after
        window_end = c.before
        found = self._cue_before(lo, window_end, quoted_by)
        if found:
            return found
        for pattern, why, conf in ((BEFORE_ACCORDING, "according-to", 0.9),
                                   (BEFORE_INVERTED, "cue-before", 0.9),
                                   (BEFORE_COLON, "colon", 0.75)):
            m = pattern.match(text, lo, window_end)
            if m:
                cue = m.groupdict().get("cue") or (":" if why == "colon" else "according to")
                who = m.group("who")
                appos = m.groupdict().get("appos")
                if appos:
                    n = _APPOS_NAME.fullmatch(appos)
                    if n and is_name(n.group(1)) and not (kind_of(who) == "name"
                                                          and is_name(who) and " " in who):
                        who = n.group(1)
                a = self._make(who, cue, why, conf, m.start("who"), quoted_by)
                if a:
                    return a
        m = SENTENCE_CUE.match(text, lo, window_end)
        if m is None and opens_paragraph(text, c.para_start, c.before, "-—–―"):
            # The quote opens its paragraph (dash dialogue too): a sentence ending in ":"
            # or a dash just before it ("as the poet tells us--").
            prev_end = c.para_start
            while prev_end > 0 and text[prev_end - 1] in " \t\n":
                prev_end -= 1
            if prev_end > 0 and (text[prev_end - 1] in ":—–" or
                                 text[prev_end - 2:prev_end] == "--") and \
                    c.para_start - prev_end < 6:
                while prev_end > 0 and text[prev_end - 1] in ":—–-":
                    prev_end -= 1
                lo = max(0, prev_end - 240)
                window_end = prev_end
                found = self._cue_before(lo, window_end, quoted_by)  # "..., he said:"
                if found:
                    return found
                m = SENTENCE_CUE.match(text, lo, window_end)
        if m is not None:
            s0 = self._sentence_start(lo, m.start())
            lead = _SUBORDINATE.match(text, s0, m.start())
            if lead:  # "Drawing back, Stephen said:": the main clause's subject
                s0 = lead.end()
            # the subject right before the cue ("..., she went on:"), else the sentence's
            adjacent = SUBJECT_BEFORE.match(text, s0, m.start())
            if adjacent and _noun_cue(m.group("cue"), adjacent.group("who")):
                adjacent = None  # "with a wry smile:"
            for subj in (adjacent, SENTENCE_SUBJECT.match(text, s0, m.start())):
                a = subj and self._make(subj.group("who"), m.group("cue"), "cue-before",
                                        0.8, subj.start("who"), quoted_by)
                if a:
                    return a
        m = BEFORE_SELF.match(text, lo, window_end)
        if m:
            who = m.group("who") or m.group("who2") or m.group("who3")
            a = self._make("I" if who.lower() in {"my", "our"} else who, "quote", "self",
                           0.75, m.start(), quoted_by)
            if a:
                return a
        if ends_sentence and c.after < c.para_end and not c.unclosed:
            tail_end = min(c.para_end, c.after + 160)
            m = AFTER_INVERTED.match(text, c.after, tail_end)
            if m and self._ok_after(m.start("cue"), c.after):
                a = self._make(m.group("who"), m.group("cue"), "cue-after", 0.8,
                               m.start("who"), quoted_by)
                if a:
                    return a
        # 4. continuing an attributed quote
        prev, pa = self.prev, self.prev_attr
        if prev is not None and pa is not None and pa.speaker and \
                prev.para_start == c.para_start:
            between = text[prev.after:c.before]
            why = "split-quote" if len(between) < 120 else "same-paragraph"
            return Attribution(pa.speaker, pa.surface, pa.cue, why, pa.confidence * 0.9,
                               quoted_by)
        if (prev is not None and pa is not None and pa.speaker and prev.continued and \
                c.para_start == prev.para_end) or (prev is not None and prev.continued and
                                                  pa is not None and pa.speaker and
                                                  c.para_start - prev.para_end < 4):
            assert pa is not None
            return Attribution(pa.speaker, pa.surface, pa.cue, "continued", pa.confidence,
                               quoted_by)
        # 5. an action beat: the subject of the narrative sentence just before the quote
        #    (in its paragraph, or ending the previous one), or just after it.
        if not self.segments:
            beat = self._beat(c, quoted_by)
            if beat:
                return beat
        return Attribution(None, None, None, None, 0.5, quoted_by)

    def _split_half(self, c: Candidate, quoted_by: str | None) -> Attribution | None:
        """The previous quote of this paragraph was attributed by the clause right after
        it, and only that clause (no other sentence) stands before this quote."""
        prev, pa = self.prev, self.prev_attr
        if prev is None or pa is None or not pa.speaker or prev.para_start != c.para_start \
                or not (pa.why or "").startswith("cue-after"):
            return None
        between = self.text[prev.after:c.before].rstrip(" \t,:;—–-")
        if len(between) > 160 or "\n" in between or _CLAUSE_BREAK.search(between[:-1]):
            return None
        return Attribution(pa.speaker, pa.surface, pa.cue, "split-quote", pa.confidence * 0.95,
                           quoted_by)

    def _beat(self, c: Candidate, quoted_by: str | None) -> Attribution | None:
        text = self.text
        start = c.para_start
        if opens_paragraph(text, c.para_start, c.before, "\"“‘'"):
            # the quote opens its paragraph: look at the paragraph before, if narrative
            p = c.para_start
            while p > 0 and text[p - 1] in " \t\n":
                p -= 1
            if p == 0 or c.para_start - p > 4 or text[max(0, p - 1)] in "\"”’'":
                start = -1
            else:
                end = p
                start = self._sentence_start(max(0, end - 300), end)
                if self.prev is not None and self.prev.after > start:
                    start = -1
                else:
                    found = self._subject_at(start, end, quoted_by, "beat-before")
                    if found:
                        return found
                    start = -1
        elif c.before > c.para_start:
            s0 = self._sentence_start(max(c.para_start, c.before - 300), c.before)
            if self.prev is None or self.prev.after <= s0:
                found = self._subject_at(s0, c.before, quoted_by, "beat-before")
                if found:
                    return found
        if c.after < c.para_end and c.dialogue:
            after = c.after
            while after < c.para_end and text[after] in " \t":
                after += 1
            if after < c.para_end and text[after].isupper():
                return self._subject_at(after, min(c.para_end, after + 200), quoted_by,
                                        "beat-after")
        return None

    def _subject_at(self, start: int, end: int, quoted_by: str | None,
                    why: str) -> Attribution | None:
        lead = _SUBORDINATE.match(self.text, start, end)
        if lead:  # "As the lad stood there, Durbeyfield put ...": the main clause's subject
            start = lead.end()
        m = _PARA_SUBJECT.match(self.text, start, end)
        if not m:
            return None
        who = m.group("who")
        if kind_of(who) == "name" and not is_name(who):
            return None
        return self._make(who, None, why, 0.55, m.start("who"), quoted_by)

    def _cue_before(self, lo: int, hi: int, quoted_by: str | None) -> Attribution | None:
        """``SUBJECT (, appositive,) (adverbs) CUE (tail)`` ending right before ``hi``;
        the cue closest to the quote wins."""
        text = self.text
        cues = self.cue_words.spans(lo, hi)
        for c_start, c_end in reversed(cues[-3:]):
            if not CUE_TAIL.fullmatch(text, c_end, hi):
                continue
            cue = text[c_start:c_end]
            am = APPOS_BEFORE.match(text, max(lo, c_start - 160), c_start)
            if am is not None and is_name(am.group("who")):
                a = self._make(am.group("who"), cue, "cue-before", 0.9,
                               am.start("who"), quoted_by)
                if a:
                    return a
            sm = SUBJECT_BEFORE.match(text, max(lo, c_start - 160), c_start)
            if sm is None:
                continue
            if _noun_cue(cue, sm.group("who")):
                continue  # "with a mischievous smile,": the cue word is a noun here
            who = sm.group("who")
            appos = sm.group("appos")
            if appos:
                n = _APPOS_NAME.fullmatch(appos)
                if n and is_name(n.group(1)) and not (kind_of(who) == "name"
                                                      and is_name(who) and " " in who):
                    who = n.group(1)
            a = self._make(who, cue, "cue-before", 0.9, sm.start("who"), quoted_by)
            if a:
                return a
        return None

    def _sentence_start(self, lo: int, pos: int) -> int:
        best = lo
        for m in _CLAUSE_BREAK.finditer(self.text, lo, pos):
            best = m.end()
        while best < pos and self.text[best] in " \t\n\"“”'‘’—-":
            best += 1
        return best

    def _ok_after(self, at: int, start: int) -> bool:
        """An attribution after a quote must follow it closely (no sentence between)."""
        gap = self.text[start:at]
        return len(gap) < 12 and "\n" not in gap
