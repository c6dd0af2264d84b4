"""Turns of a conversation and who speaks the unattributed ones.

A *turn* is a paragraph holding at least one quote; a *run* is a sequence of turns with
little narration between them (at most ``MAX_GAP`` characters). In a run, speakers
alternate: a turn with no speaker takes the speaker two turns away (before, then after),
the person the turn before or after addressed by name, or the other participant of a
two-person exchange. The participants are the run's attributed speakers, and when those
are fewer than two, the people a narration paragraph inside the run (or just before it)
opens with as its subject ("Mr. Gray made no answer."). A turn whose quote says only "he"
or "she" takes nobody of the other gender.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import regex

from .attribute import Attribution
from .detect import Candidate
from .lexicon import rx
from .mentions import gender_of, is_name, title_of
from .namescan import NAME

#: Narration longer than this between two turns ends the run.
MAX_GAP = 400
PRONOUN_GENDER = {"he": "m", "she": "f"}
#: A narration paragraph opening with a named subject: "Mr. Gray made no answer."
_NARRATION_SUBJECT = rx(r"(?m)^[ \t]*(?P<who>" + NAME + r")\s+(?:\p{Ll}+ly\s+)?\p{Ll}")


@dataclass(slots=True)
class Turn:
    para_start: int
    para_end: int
    members: list[int] = field(default_factory=list)  # candidate indices, text order
    speaker: str | None = None
    gender: str | None = None  # of an unresolved "he"/"she" naming this turn's speaker


@dataclass(slots=True)
class Run:
    turns: list[Turn]
    participants: list[str]


def _turns(cands: Sequence[Candidate], attrs: Sequence[Attribution]) -> list[Turn]:
    turns: list[Turn] = []
    for i, (c, a) in enumerate(zip(cands, attrs, strict=True)):
        if not turns or turns[-1].para_start != c.para_start:
            turns.append(Turn(c.para_start, c.para_end))
        t = turns[-1]
        t.members.append(i)
        if t.speaker is None and a.speaker:
            t.speaker = a.speaker
        elif a.speaker is None and a.surface and t.gender is None:
            t.gender = PRONOUN_GENDER.get(a.surface.lower())
    # a paragraph whose quote neither opens it nor has a speaker is narration
    return [t for t in turns if t.speaker or any(cands[i].dialogue for i in t.members)]


def _narration_subjects(text: str, start: int, end: int, full: Callable[[str], str],
                        known: set[str]) -> list[str]:
    """Named subjects opening the paragraphs of ``text[start:end]``: a name with a
    title or several words, or one the document attributes a quote to elsewhere."""
    found = []
    for m in _line_start_matches(text, start, end):
        who = full(m.group("who"))
        if is_name(who) and (title_of(who) or who in known):
            found.append(who)
    return found


def _line_start_matches(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """``_NARRATION_SUBJECT.finditer(text, start, end)``, tried only at the line starts
    (where its ``^`` can match), not at every position."""
    cursor = start
    line = start if start == 0 or text[start - 1] == "\n" else \
        text.find("\n", start, end) + 1  # 0 (below start) when there is none
    while start <= line < end:
        if line >= cursor:
            m = _NARRATION_SUBJECT.match(text, line, end)
            if m is not None:
                cursor = m.end()
                yield m
        nl = text.find("\n", line, end)
        if nl < 0:
            break
        line = nl + 1


def _same_person(a: str, b: str) -> bool:
    return a == b or (a.split()[-1] == b.split()[-1] and (
        gender_of(a) is None or gender_of(b) is None or gender_of(a) == gender_of(b)))


def turn_runs(cands: Sequence[Candidate], attrs: Sequence[Attribution], text: str,
              full: Callable[[str], str]) -> list[Run]:
    """The runs of turns in ``cands`` (in text order), each with its participants."""
    runs: list[Run] = []
    gaps: list[list[str]] = []
    known = {a.speaker for a in attrs if a.speaker}
    last_end = -10**9
    for t in _turns(cands, attrs):
        gap_start = max(last_end, t.para_start - MAX_GAP, 0)
        subjects = _narration_subjects(text, gap_start, t.para_start, full, known) if text else []
        if runs and t.para_start - last_end <= MAX_GAP:
            runs[-1].turns.append(t)
            gaps[-1].extend(subjects)
        else:
            runs.append(Run([t], []))
            gaps.append(subjects)
        last_end = t.para_end
    for run, subjects in zip(runs, gaps, strict=True):
        people = list(dict.fromkeys(t.speaker for t in run.turns if t.speaker))
        for who in subjects:
            if len(people) < 2 and not any(_same_person(who, p) for p in people):
                people.append(who)
        run.participants = people
    return runs


def alternate(speakers: Sequence[str | None], genders: Sequence[str | None],
              participants: Sequence[str],
              addressed: Sequence[str | None]) -> list[tuple[str | None, str]]:
    """(speaker, rule) guessed for each turn of a run whose speaker is ``None``;
    ``(None, "")`` where nothing fits and for the turns that have a speaker."""
    n = len(speakers)
    cur = list(speakers)
    out: list[tuple[str | None, str]] = [(None, "")] * n
    for _ in range(n):  # propagate until nothing changes (at most n rounds)
        changed = False
        for t in range(n):
            if cur[t]:
                continue
            prev = cur[t - 1] if t >= 1 else None
            nxt = cur[t + 1] if t + 1 < n else None
            options: list[tuple[str | None, str]] = [
                (addressed[t - 1] if t >= 1 else None, "addressed"),
                (cur[t - 2] if t >= 2 else None, "turn-taking"),
                (cur[t + 2] if t + 2 < n else None, "turn-taking"),
                (addressed[t + 1] if t + 1 < n else None, "addressed"),
            ]
            if len(participants) == 2 and (prev or nxt):
                options += [(p, "turn-taking") for p in participants if p not in (prev, nxt)]
            for guess, why in options:
                if guess and guess not in (prev, nxt, addressed[t]) and \
                        gender_of(guess) in (None, genders[t] or gender_of(guess)):
                    cur[t], out[t] = guess, (guess, why)
                    changed = True
                    break
        if not changed:
            break
    return out
