"""Cues to a Document: the joining every timed reader shares.

Captions are not sentences, so cues are joined into running text: cues are separated
by one space, or by ``"\\n\\n"`` where a listener hears a boundary (a pause of
:data:`PAUSE_S` or more since the last kept cue, a change of speaker, a ``>>`` or
``- `` turn marker). Those boundary offsets are also ``Document.breaks``. Each kept
cue becomes a :class:`Segment` (its text plus the separator after it), so every
character from the first cue on maps back to a time and a speaker label.

What is not speech is left out of the joined text: bracketed noise (``[Music]``,
``(laughs)``) and Whisper's invented lines (``Thank you.`` alone at a silence or at
either end of the file, repeated lines, or a segment Whisper itself marks as probably
silent). Their time still counts as a pause.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import regex

from ..cleaning import NOISE_PATTERN
from ..model import Document, Segment, Source
from ._labels import cue_label, speaker_name

#: A gap between cues (seconds) that a listener hears as a boundary.
PAUSE_S = 1.0
#: Cues shorter than this (seconds) are YouTube's rolling "hold" cues.
HOLD_S = 0.05

_NOISE = regex.compile(NOISE_PATTERN, regex.IGNORECASE)
_TAG = regex.compile(r"</?[A-Za-z][^<>\n]*>|<\d[\d:.]*>|\{\\[^{}\n]*\}")
_SPACE = regex.compile(r"\s+")
_TURN = regex.compile(r"(?:^|\s)(?:>>|&gt;&gt;)\s*")
_ALWAYS_INVENTED = regex.compile(
    r"^(?:thanks? (?:you )?for watching|(?:sub)?titles? by\b.*|transcri(?:bed|ption) by\b.*|"
    r"please (?:like and )?subscribe\b.*|captions? by\b.*)[.!]*$",
    regex.IGNORECASE,
)
_MAYBE_INVENTED = regex.compile(
    r"^(?:thank you(?: (?:so|very) much)?|thanks|you|bye|okay|\.+)[.!]*$", regex.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Cue:
    """One caption, snippet or segment as a file gives it.

    ``turn`` marks an explicit change of speaker before the cue (``>>``, ``- ``) even
    when the speakers have no names; ``silent`` is Whisper's own no-speech probability.
    """

    text: str
    start_s: float | None
    end_s: float | None
    speaker: str | None = None
    turn: bool = False
    silent: float | None = None


def clean(text: str) -> str:
    """Cue text as prose: tags and noise removed, entities unescaped, spaces collapsed."""
    if "<" in text or "{" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if "[" in text or "(" in text:
        text = _NOISE.sub(" ", text)
    return str(_SPACE.sub(" ", text)).strip()


def turns(text: str) -> list[tuple[str, bool]]:
    """Split a cue at ``>>`` speaker-change markers and ``- `` dialogue-dash lines:
    ``(piece, starts a new turn)`` pairs."""
    pieces: list[list[str | bool]] = []
    for line in text.split("\n"):
        stripped = line.lstrip()
        dash = stripped.startswith("- ")
        for j, part in enumerate(_TURN.split(stripped[2:] if dash else line)):
            new = j > 0 or dash
            if new or not pieces:
                pieces.append([part, new])
            else:
                pieces[-1][0] = f"{pieces[-1][0]}\n{part}"
    return [(str(p), bool(t)) for p, t in pieces if str(p).strip()]


def labelled(texts: Sequence[str]) -> list[tuple[str | None, str]]:
    """``Name: text`` prefixes of every cue. A one-word label that is not all capitals
    counts only when it labels two or more cues (``So: ...`` is prose)."""
    split = [cue_label(t) for t in texts]
    counts: dict[str, int] = {}
    for label, _ in split:
        if label:
            counts[label] = counts.get(label, 0) + 1
    out: list[tuple[str | None, str]] = []
    for (label, rest), text in zip(split, texts, strict=True):
        if label and " " not in label and "_" not in label and not label.isupper() \
                and counts[label] < 2:
            out.append((None, text))
        else:
            out.append((label, rest))
    return out


def deroll(lines: Sequence[Sequence[str]]) -> list[list[str]]:
    """Rolling captions (YouTube auto-captions, SRT made from them) carry each line
    into the next cue: drop a line equal to the line kept before it."""
    out: list[list[str]] = []
    last: str | None = None
    for cue in lines:
        kept = []
        for line in cue:
            key = _SPACE.sub(" ", _TAG.sub("", line)).strip()
            if not key:
                continue
            if key != last:
                kept.append(line)
            last = key
        out.append(kept)
    return out


def is_rolling(lines: Sequence[Sequence[str]]) -> bool:
    """At least 30 % of the cues have two lines or more and start with the previous
    cue's last line (a repeated one-line cue is speech, not rolling)."""
    carried = 0
    prev: str | None = None
    for cue in lines:
        keys = [k for k in (_SPACE.sub(" ", _TAG.sub("", x)).strip() for x in cue) if k]
        if len(keys) >= 2 and prev is not None and keys[0] == prev:
            carried += 1
        prev = keys[-1] if keys else prev
    return len(lines) >= 3 and carried >= 0.3 * len(lines)


def _gap(prev_end: float | None, start: float | None) -> float:
    if prev_end is None or start is None:
        return 0.0
    return start - prev_end


def _invented(cues: Sequence[tuple[Cue, str]], i: int) -> bool:
    cue, text = cues[i]
    if _ALWAYS_INVENTED.match(text):
        return True
    if not _MAYBE_INVENTED.match(text):
        return False
    if cue.silent is not None and cue.silent >= 0.5:
        return True
    if i == 0 or i == len(cues) - 1:
        return True
    prev, prev_text = cues[i - 1]
    nxt = cues[i + 1][0]
    return (
        prev_text.casefold() == text.casefold()
        or _gap(prev.end_s, cue.start_s) >= PAUSE_S
        or _gap(cue.end_s, nxt.start_s) >= PAUSE_S
    )


def join(
    cues: Iterable[Cue], source: Source, reader: str, speaker_map: Mapping[str, str]
) -> Document:
    """Join cues (sorted by start time, stable) into a :class:`Document`."""
    ordered = sorted(cues, key=lambda c: -1.0 if c.start_s is None else c.start_s)
    cleaned = [(c, clean(c.text)) for c in ordered]
    cleaned = [(c, t) for c, t in cleaned if t]
    kept = [pair for i, pair in enumerate(cleaned) if not _invented(cleaned, i)]
    parts: list[str] = []
    spans: list[tuple[int, Cue, str | None]] = []
    breaks: list[int] = []
    pos = 0
    prev: Cue | None = None
    prev_speaker: str | None = None
    prev_end: float | None = None
    for cue, text in kept:
        speaker = speaker_name(cue.speaker, speaker_map)
        if prev is not None:
            changed = speaker is not None and prev_speaker is not None and speaker != prev_speaker
            if cue.turn or changed or _gap(prev_end, cue.start_s) >= PAUSE_S:
                breaks.append(pos)
                parts.append("\n\n")
                pos += 2
            else:
                parts.append(" ")
                pos += 1
        spans.append((pos, cue, speaker))
        parts.append(text)
        pos += len(text)
        prev, prev_speaker = cue, speaker
        ends = [e for e in (prev_end, cue.end_s if cue.end_s is not None else cue.start_s)
                if e is not None]
        prev_end = max(ends) if ends else None
    segments = tuple(
        Segment(start=start, end=spans[i + 1][0] if i + 1 < len(spans) else pos,
                start_s=cue.start_s, end_s=cue.end_s, speaker=speaker)
        for i, (start, cue, speaker) in enumerate(spans)
    )
    return Document(text="".join(parts), source=source, segments=segments,
                    breaks=tuple(breaks), reader=reader)
