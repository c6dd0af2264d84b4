"""Find quotation spans: one regex pass over the text, handled paragraph by paragraph.

Shapes: quotation marks (typed pairing, apostrophes, nesting, unclosed, continued over
paragraphs), spoken markers (``quote, ... end quote``, ``and I quote``, ``to quote X``,
``I'm quoting``; ``quote unquote`` marks a scare quote), dash dialogue, Markdown block
quotes, and unmarked quotes introduced by ``As X put it:`` or followed by ``, as X said``.
Scare quotes and titles of works are dropped; unsure cases get a lower confidence.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from .lexicon import CUE_ALT, CUE_SET, rx
from .marks import OPENERS, Span, pair_marks

_CHARS = re.compile(r"[\"“”„‟«»'‘’‚‹›\n]")
_QUOT = re.compile(r"(?i)quot")
_SPOKEN_WORD = re.compile(r"(?i)(?:un)?quot(?:e|ing)\b")
#: What starts an unmarked quote, one literal-led pattern each: the engine finds a literal
#: prefix fast, while an alternation is tried at every position. No two can overlap.
_UNMARKED_TRIGGERS = tuple(re.compile(p) for p in (
    r"as\s+(?=[A-Z]|he\b|she\b|they\b)", r"As\s+(?=[A-Z]|he\b|she\b|they\b)", r"like\s*,",
    r"said\s*,\s*(?=I\b|I'm|no\b|yes\b|we\b)",
))
_DASH_LINE = re.compile(r"[ \t]*(?:—|―|--)(?=[ \t]*[^\W\d_])")
_WORD = rx(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
_SENT_END = rx(r"[.!?…]+[\"”’)]*(?=\s|$)|\n")
_NOUN_QUOTE = rx(
    r"(?i)\b(?:a|the|this|that|my|his|her|their|your|our|famous|favorite|favourite|one|"
    r"good|great|nice|best|another|whole|same|actual|exact|full)\s+$"
)
_START_BEFORE = rx(
    r"(?i)(?:(?:^|[,:;.!?\-—–]\s*)|\b(?:and\s+)?(?:i|we)\s+(?:will\s+|'ll\s+|must\s+|can\s+)?|"
    r"\b(?:to|me|i'm|im|i\s+am|just|literally|directly|here's|here\s+is|it's|it\s+is)\s+|"
    r"\b\w+(?:s|ed)\s+)$"
)
#: ``_SCARE_PREV`` and ``_OPEN_TAIL`` end in ``$`` and are REVERSE: ``match`` anchors them
#: at the end (a forward ``search`` finds a match there too, after trying every position).
_SCARE_PREV = rx(
    r"(?i)\b(?:so-called|so\s+called|called|titled|entitled|named|dubbed|term|terms|word|"
    r"words|phrase|label|labelled|labeled|known\s+as|the|a|an|this|that|these|those|his|"
    r"her|their|our|my|your|its|of|quote\s*,?\s*unquote|quote-unquote|(?<!\b(?:was|were|is|am|'m|are|be|'s)\s)like|as|some|any|no)"
    r"\s*$", regex.REVERSE
)
_AS_PUT = rx(
    r"(?i)\bas\s+(?P<who>(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}'’-]*|he|she|they|"
    r"someone|somebody)\s+(?:once\s+|famously\s+|so\s+\w+\s+)?"
    r"(?P<cue>put\s+it|said|says|wrote|writes|says|noted|observed|quipped)\s*[:,]\s*"
)
_POST_AS = rx(
    r"(?i),\s+as\s+(?P<who>(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}'’-]*)\s+"
    r"(?:once\s+|famously\s+)?(?P<cue>said|put\s+it|wrote|quipped|observed|noted)\b"
)
_DIRECT_START = rx(
    r"(?i)(?:no|yes|yeah|oh|well|look|listen|hey|ok|okay|i|i'm|i'll|i've|we|we're|we'll|"
    r"you|you're|let's|don't|this|it's|there's)\b"
)
_LIKE_QUOTATIVE = rx(
    r"(?i)\b(?P<cue>said|says|goes|went|was|were|tweeted|wrote|replied|responded)\s*"
    r"(?:(?:something\s+)?like\s*)?,\s*"
)


_OPEN_TAIL = rx(r"[,:]\s*$|\s$", regex.REVERSE)
_END_BEFORE = rx(r"(?i)(?:end|close|end\s+of)\s+$")
_QUOTE_UNQUOTE = rx(r"(?i)quote[\s,-]*unquote[\s,:]*")
_MARKER_START = rx(
    r"(?i:quote|quoting)(?P<who>\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4})?\s*[,:]?\s*"
)
_END_MARKER = rx(r"(?i)[\w\s]*?(?:unquote|quote)")
_BQ_ATTRIBUTION = rx(r">\s*(?:—|―|--|-|~)\s*(?P<who>[^\n,]{2,60})")
_DASH_START = rx(r"[ \t]*(?:—|―|--)[ \t]*")
#: An attribution inside a dash line: ", he said." / "! Buck Mulligan said gloomily."
_DASH_ATTRIBUTION = rx(
    r"(?<=[,.!?])\s+(?:(?:he|she|they|I|\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})\s+"
    r"(?:\p{Ll}+ly\s+)?(?i:" + CUE_ALT + r")\b"
    r"|(?i:" + CUE_ALT + r")\s+(?:he|she|\p{Lu}[\p{L}'’-]+))"
    r"[^.!?\n]{0,80}?[.!?,;:]"
)


#: "he writes quote when we see ..." (captions without punctuation): a cue right before.
_CUE_RIGHT_BEFORE = rx(r"\b(?i:\L<cues>)\s+$")
#: An unmarked quote (after a spoken marker, "as X put it") is at most this long.
MAX_UNMARKED = 2000


@dataclass(slots=True)
class Candidate:
    """A detected quote span before attribution."""

    start: int
    end: int
    how: str
    para_start: int
    para_end: int
    before: int  # where text before the quote (attribution context) ends
    after: int  # where text after the quote (attribution context) starts
    unclosed: bool = False
    continued: bool = False
    confidence: float = 0.9
    speaker_hint: str | None = None  # a speaker the shape itself names
    cue_hint: str | None = None
    dialogue: bool = False  # begins its paragraph (turn-taking applies)


def opens_paragraph(text: str, ps: int, at: int, markup: str = "-—*_>") -> bool:
    """Only white space (and list or emphasis markup) between the paragraph start and
    ``at``; looks at no more than a line's worth of text, so it costs O(1)."""
    if at - ps > 80:
        return False
    return not text[ps:at].strip(" \t\n" + markup)


def _words(text: str, start: int, end: int, cap: int | None = None) -> int:
    """How many words ``text[start:end]`` holds, counting no further than ``cap``."""
    if cap is None:
        return len(_WORD.findall(text, start, end))
    n = 0
    for _ in _WORD.finditer(text, start, end):
        n += 1
        if n == cap:
            break
    return n


def _sentence_start(text: str, lo: int, pos: int) -> int:
    lo = max(lo, pos - MAX_UNMARKED)
    best = lo
    for m in _SENT_END.finditer(text, lo, pos):
        best = m.end()
    while best < pos and text[best] in " \t\n":
        best += 1
    return best


def _sentence_end(text: str, pos: int, hi: int) -> int:
    m = _SENT_END.search(text, pos, hi)
    if not m:
        return hi
    end: int = m.start() + (1 if text[m.start()] in "?!" else 0)
    return end


def _cue_near_before(text: str, lo: int, pos: int) -> bool:
    window = text[max(lo, pos - 60):pos]
    return any(w.lower() in CUE_SET for w in _WORD.findall(window)[-4:]) and \
        _OPEN_TAIL.match(window) is not None


def _cue_near_after(text: str, pos: int, hi: int) -> bool:
    words = _WORD.findall(text, pos, min(hi, pos + 50))[:4]
    return any(w.lower() in CUE_SET for w in words)


def _is_quotation(text: str, span: Span, ps: int, pe: int) -> tuple[bool, float]:
    """Tell a quotation from a scare quote or a title; with a confidence."""
    n = _words(text, span.start, span.end, cap=12)  # no test below looks further
    if n == 0:
        return False, 0.0
    content = text[span.start:span.end].rstrip()
    punct_end = content[-1:] in ",.!?…—-:;" if content else False
    if span.unclosed or span.continued:
        return n >= 3, 0.7
    # The cue looks (a few regex passes each) only when the cheaper tests leave it open.
    opens_para = opens_paragraph(text, ps, span.open_mark)
    if opens_para and (punct_end or n >= 3):
        return True, 0.85
    after = span.close_mark + 1 if span.close_mark >= 0 else span.end
    cue_after = _cue_near_after(text, after, pe)
    if opens_para and cue_after:
        return True, 0.85
    if cue_after and (punct_end or n >= 3):
        return True, 0.9
    if (n >= 3 or punct_end) and _cue_near_before(text, ps, span.open_mark):
        return True, 0.9
    prev = text[max(ps, span.open_mark - 40):span.open_mark]
    if _SCARE_PREV.match(prev) and n <= 6:
        return False, 0.0
    if n >= 8 and (punct_end or n >= 12):
        return True, 0.7
    if punct_end and n >= 3 and content[-1:] in ".!?":
        return True, 0.6
    return False, 0.0


def _spoken(text: str, ps: int, pe: int, offsets: Sequence[int],
            spans: list[Span]) -> tuple[list[Candidate], set[int]]:
    """Spoken markers in a paragraph: new unmarked quotes and marked spans they tag.

    Returns candidates and the open-mark offsets of spans to drop (``quote unquote``)
    or to tag as spoken (negative offsets: ``-(offset + 1)``).
    """
    out: list[Candidate] = []
    flags: set[int] = set()
    ends: list[int] = []
    for i in offsets:
        low = text[i:i + 8].lower()
        before = text[max(ps, i - 12):i].lower()
        if low.startswith("unquote") or _END_BEFORE.search(before):
            ends.append(i)
    end_set = set(ends)
    opens = sorted(s.open_mark for s in spans if s.open_mark >= 0)
    for i in offsets:
        word = text[i:i + 7].lower()
        if word.startswith("unquote") or i in end_set:
            continue
        before = text[max(ps, i - 30):i]
        tail = text[i:min(pe, i + 40)]
        m = _QUOTE_UNQUOTE.match(tail)
        if m:
            nxt = i + m.end()
            k = bisect.bisect_left(opens, nxt - 1)
            while k < len(opens) and opens[k] <= nxt + 2:
                flags.add(opens[k])
                k += 1
            continue
        if _NOUN_QUOTE.search(before):
            continue
        m = _MARKER_START.match(tail)
        if not m:
            continue
        if not (_START_BEFORE.search(before) or m.group("who")):
            continue
        start = i + m.end()
        if not m.group(0).rstrip().endswith((",", ":")) and \
                text[i + m.end():i + m.end() + 1] not in OPENERS | {'"'} and \
                not (m.group("who") is None and _CUE_RIGHT_BEFORE.search(before)):
            continue  # "quote them and ...", "quote X" without a comma: not a marker
        if text[start:start + 1] in OPENERS or text[start:start + 1] == '"':
            k = bisect.bisect_left(opens, start)
            if k < len(opens) and opens[k] == start:
                flags.add(-(start + 1))
            continue
        if start >= pe or text[start:start + 1] in "\n":
            continue
        k = bisect.bisect_right(ends, start)
        stop = ends[k] if k < len(ends) and ends[k] - start < MAX_UNMARKED else None
        if stop is not None:
            end = stop
            end_marker = _END_MARKER.match(text, end, min(len(text), end + 30))
            after = end_marker.end() if end_marker else end
            while end > start and text[end - 1] in " ,;:-—\t\n":
                end -= 1
        else:
            end = _sentence_end(text, start, min(pe, start + MAX_UNMARKED))
            after = end
            while end > start and text[end - 1] in " ,;:\t\n":
                end -= 1
        k = bisect.bisect_left(opens, start)
        if k < len(opens) and opens[k] < end:
            continue  # the marked quote inside is the quotation
        n = _words(text, start, end)
        commas = text.count(",", start, end)
        if n < 3 or commas * 2 >= n:
            continue  # a word or two, or dictated syntax ("quote, who, greater than")
        out.append(Candidate(start, end, "spoken-marker", ps, pe, before=i, after=after,
                             unclosed=stop is None,
                             confidence=0.75 if stop is not None else 0.6,
                             speaker_hint=(m.group("who") or "").strip() or None))
    return out, flags


def _unmarked(text: str, ps: int, pe: int) -> list[Candidate]:
    """``As X put it: ...`` and ``..., as X said.`` without quotation marks."""
    out: list[Candidate] = []
    for m in _AS_PUT.finditer(text, ps, pe):
        start = m.end()
        if text[start:start + 1] in OPENERS or text[start:start + 1] in "\"'":
            continue
        end = _sentence_end(text, start, min(pe, start + MAX_UNMARKED))
        if _words(text, start, end, cap=3) >= 3:
            out.append(Candidate(start, end, "colon", ps, pe, before=m.start(), after=end,
                                 confidence=0.6, speaker_hint=m.group("who"),
                                 cue_hint=m.group("cue")))
    for m in _POST_AS.finditer(text, ps, pe):
        start = _sentence_start(text, ps, m.start())
        if text[start:start + 1] in OPENERS or text[start:start + 1] in "\"'":
            continue
        if _words(text, start, m.start(), cap=3) >= 3:
            out.append(Candidate(start, m.start(), "colon", ps, pe, before=start,
                                 after=m.start(), confidence=0.55,
                                 speaker_hint=m.group("who"), cue_hint=m.group("cue")))
    for m in _LIKE_QUOTATIVE.finditer(text, ps, pe):
        start = m.end()
        if not _DIRECT_START.match(text, start):
            continue
        end = _sentence_end(text, start, min(pe, start + MAX_UNMARKED))
        if _words(text, start, end, cap=3) >= 3:
            out.append(Candidate(start, end, "quotative", ps, pe, before=m.end(),
                                 after=end, confidence=0.5, cue_hint=m.group("cue")))
    return out


def _blockquote(text: str, ps: int, pe: int) -> Candidate | None:
    """A Markdown block quote paragraph, with an optional ``> — Name`` line."""
    lines = text[ps:pe].split("\n")
    if not all(line.startswith(">") for line in lines if line.strip()):
        return None
    offs, pos = [], ps
    for line in lines:
        offs.append((pos, pos + len(line)))
        pos += len(line) + 1
    who = None
    body = [(a, b) for a, b in offs if text[a:b].strip()]
    if body:
        last_a, last_b = body[-1]
        m = _BQ_ATTRIBUTION.match(text, last_a, last_b)
        if m and len(body) > 1:
            who = m.group("who").strip()
            body = body[:-1]
    if not body:
        return None
    start = body[0][0] + 1
    while start < body[0][1] and text[start] == " ":
        start += 1
    end = body[-1][1]
    if _words(text, start, end, cap=3) < 3:
        return None
    return Candidate(start, end, "blockquote", ps, pe, before=ps, after=end,
                     confidence=0.8 if who else 0.6, speaker_hint=who,
                     cue_hint="—" if who else None)


def _dash(text: str, ps: int, pe: int, at: int) -> list[Candidate]:
    """Dash dialogue: the line after the dash, split around an attribution inside it
    (``—Someone killed her, Stephen said gloomily. And ...``)."""
    m = _DASH_START.match(text, at, pe)
    if not m:
        return []
    start = m.end()
    end = pe
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    if _words(text, start, end, cap=1) < 1:
        return []
    inner = _DASH_ATTRIBUTION.search(text, start, end)
    if inner is None:
        return [Candidate(start, end, "dash", ps, pe, before=at, after=end, confidence=0.6,
                          dialogue=True)]
    first = Candidate(start, inner.start(), "dash", ps, pe, before=at, after=inner.start(),
                      confidence=0.7, dialogue=True)
    rest = inner.end()
    while rest < end and text[rest] in " \t\n":
        rest += 1
    if _words(text, rest, end, cap=1) < 1:
        return [first]
    return [first, Candidate(rest, end, "dash", ps, pe, before=inner.start(), after=end,
                             confidence=0.6)]


def _tokens(text: str) -> list[tuple[int, str]]:
    """(offset, kind) of everything detection looks at, in text order.

    A few literal-led ``re`` passes (each near memory speed) instead of one alternation
    (which would test every position): quotation marks and newlines, then spoken
    ``quote`` words, then the triggers of unmarked quotes."""
    out: list[tuple[int, str]] = []
    n = len(text)
    if text.startswith(">"):
        out.append((0, "bq"))
    elif _DASH_LINE.match(text):
        out.append((0, "dash"))
    for m in _CHARS.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "\n":
            j = i + 1
            while j < n and text[j] in " \t":
                j += 1
            if j >= n:
                continue
            nxt = text[j]
            if nxt == "\n":
                out.append((i, "para"))
            elif nxt == ">":
                out.append((j, "bq"))
            elif nxt in "—―-" and _DASH_LINE.match(text, j):
                out.append((j, "dash"))
            continue
        if ch in "'‘’‚‹›" and 0 < i < n - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
            continue  # an apostrophe: don't, O'Brien
        out.append((i, "mark"))
    extra: list[tuple[int, str]] = []
    for m in _QUOT.finditer(text):
        i = m.start()
        if i >= 2 and text[i - 2:i].lower() == "un":
            i -= 2
        if (i == 0 or not text[i - 1].isalnum()) and _SPOKEN_WORD.match(text, i):
            extra.append((i, "spoken"))
    for trigger in _UNMARKED_TRIGGERS:
        for m in trigger.finditer(text):
            i = m.start()
            if i == 0 or not text[i - 1].isalnum():
                extra.append((i, "unmarked"))
    if extra:
        out.extend(extra)
        out.sort()
    return out


def paragraphs(text: str, extra: Sequence[int] = ()
               ) -> Iterator[tuple[int, int, list[tuple[str, int]]]]:
    """Yield ``(start, end, tokens)`` per paragraph; ``tokens`` are (kind, offset).

    Paragraphs end at blank lines and at the ``extra`` offsets (Document.breaks)."""
    breaks = [(b, "break") for b in sorted(set(extra)) if 0 < b < len(text)]
    start = 0
    tokens: list[tuple[str, int]] = []
    tokens_in_order = _tokens(text)
    merged = heapq.merge(breaks, tokens_in_order, key=lambda t: (t[0], t[1] != "break")) \
        if breaks else tokens_in_order
    for pos, kind in merged:
        if kind == "break":
            if pos > start:
                yield start, pos, tokens
                tokens, start = [], pos
        elif kind == "para":
            yield start, pos, tokens
            tokens, start = [], pos + 1
            while start < len(text) and text[start] in " \t\n":
                start += 1
        else:
            tokens.append((kind, pos))
    yield start, len(text), tokens


def detect(text: str, skip: Sequence[tuple[int, int]] = (),
           boundaries: Sequence[int] = ()) -> list[Candidate]:
    """All candidate quotations in ``text``, in text order."""
    out: list[Candidate] = []
    skip_i = 0
    paras = list(paragraphs(text, boundaries))
    for idx, (ps, pe, tokens) in enumerate(paras):
        if not tokens:
            continue
        # Tokens inside skipped ranges (labels, chrome) do not count.
        keep = []
        for kind, off in tokens:
            while skip_i < len(skip) and skip[skip_i][1] <= off:
                skip_i += 1
            if skip_i < len(skip) and skip[skip_i][0] <= off < skip[skip_i][1]:
                continue
            keep.append((kind, off))
        kinds = {k for k, _ in keep}
        if "bq" in kinds:
            bq = _blockquote(text, ps, pe)
            if bq:
                out.append(bq)
                continue
        marks = [o for k, o in keep if k == "mark"]
        next_opens = False
        if idx + 1 < len(paras):
            ns = paras[idx + 1][0]
            nxt = text[ns:ns + 8].lstrip()
            next_opens = nxt[:1] in "“\"«„"
        spans = pair_marks(text, ps, pe, marks, next_opens) if marks else []
        flags: set[int] = set()
        if "unmarked" in kinds:
            out.extend(_unmarked(text, ps, pe))
        if "spoken" in kinds:
            spoken, flags = _spoken(text, ps, pe, [o for k, o in keep if k == "spoken"], spans)
            out.extend(spoken)
        for s in spans:
            if s.open_mark in flags:
                continue
            ok, conf = _is_quotation(text, s, ps, pe)
            if not ok:
                continue
            tagged = -(s.open_mark + 1) in flags
            opens = opens_paragraph(text, ps, s.open_mark)
            out.append(Candidate(
                s.start, s.end, "spoken-marker" if tagged else (
                    "double-quote" if s.double else "single-quote"),
                ps, pe, before=s.open_mark,
                after=s.close_mark + 1 if s.close_mark >= 0 else s.end,
                unclosed=s.unclosed, continued=s.continued,
                confidence=max(conf, 0.8) if tagged else conf, dialogue=opens,
            ))
        if "dash" in kinds and not spans:
            first = next(o for k, o in keep if k == "dash")
            if opens_paragraph(text, ps, first, ""):
                out.extend(_dash(text, ps, pe, first))
    out.sort(key=lambda c: (c.start, -c.end))
    return _drop_overlaps(out)


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    for c in cands:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept
