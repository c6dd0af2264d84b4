"""Turn-taking in dialogue: speakers alternate from one paragraph to the next.

A run of dialogue is a sequence of paragraphs that open with a quote, with little
narration between them. Each paragraph is one turn. A turn whose quote names no speaker
takes one from its neighbours, in this order: the speaker two turns away (before, then
after), the person the previous turn addressed by name (``"..., Lizzy?"``), and the other
known participant of a two-person exchange. Explicit attributions are never changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from .attribute import Attribution
from .detect import Candidate
from .mentions import gender_of, kind_of

#: Narration longer than this between two dialogue paragraphs ends the run.
MAX_GAP = 400


def _runs(cands: Sequence[Candidate]) -> list[list[int]]:
    """Indices of dialogue candidates grouped into runs of consecutive turns."""
    runs: list[list[int]] = []
    last_end = -10**9
    for i, c in enumerate(cands):
        if not c.dialogue:
            continue
        if runs and c.para_start - last_end <= MAX_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
        last_end = c.para_end
    return runs


def _addressees(cands: Sequence[Candidate], attrs: Sequence[Attribution]) -> dict[int, str]:
    """Paragraph start -> the first person addressed in any of its quotes (a turn may be
    split around its attribution: '"Well," he said, "and you, Basil?"')."""
    found: dict[int, str] = {}
    for c, a in zip(cands, attrs, strict=True):
        if a.addressee and c.para_start not in found:
            found[c.para_start] = a.addressee
    return found


def fill_turns(cands: Sequence[Candidate], attrs: list[Attribution]) -> None:
    """Give unattributed dialogue turns a speaker from the conversation (in place)."""
    addressed = _addressees(cands, attrs)
    _name_narrator(cands, attrs)
    _name_nominals(cands, attrs, addressed)
    _fill_runs(cands, attrs, addressed)
    # Quotes later in a paragraph whose turn now has a speaker share it.
    by_para: dict[int, str] = {}
    for c, a in zip(cands, attrs, strict=True):
        if a.speaker and c.para_start not in by_para:
            by_para[c.para_start] = a.speaker
    for i, (c, a) in enumerate(zip(cands, attrs, strict=True)):
        if a.speaker is None and c.para_start in by_para:
            attrs[i] = Attribution(by_para[c.para_start], a.surface, a.cue, "same-paragraph",
                                   0.5, a.quoted_by, a.addressee)


def _name_narrator(cands: Sequence[Candidate], attrs: list[Attribution]) -> None:
    """A first-person narrator ("I said") takes the name the others call them by: the
    name addressed in a turn right next to one of the narrator's own."""
    mine = [i for i, a in enumerate(attrs) if a.speaker == "I"]
    if not mine:
        return
    votes: dict[str, int] = {}
    # someone who speaks in the third person ("said Robert") is not the narrator
    others = {a.speaker for a in attrs if a.speaker and a.speaker != "I"}
    for i in mine:
        for j in (i - 1, i + 1):
            name = attrs[j].addressee if 0 <= j < len(attrs) else None
            if name and name not in others and attrs[j].speaker != "I" and \
                    cands[j].para_start != cands[i].para_start:
                votes[name] = votes.get(name, 0) + 1
    if not votes:
        return
    name = max(sorted(votes), key=lambda n: votes[n])
    for i, a in enumerate(attrs):
        if a.speaker == "I":
            attrs[i] = Attribution(name, a.surface, a.cue, f"{a.why}+narrator", a.confidence * 0.6,
                                   a.quoted_by, a.addressee)


def _name_nominals(cands: Sequence[Candidate], attrs: list[Attribution],
                   addressed: dict[int, str]) -> None:
    """"..., Basil," he murmured. / "What is that?" said the painter: a speaker named only
    by a noun, answering a turn that addressed someone by name, is that someone."""
    for t in range(1, len(cands)):
        c, before = cands[t], cands[t - 1]
        if c.para_start == before.para_start or c.para_start - before.para_end > MAX_GAP:
            continue  # not the next turn
        a, name = attrs[t], addressed.get(before.para_start)
        if not name or not a.surface or a.speaker is None or name == attrs[t - 1].speaker:
            continue
        if kind_of(a.surface) != "nominal" or a.speaker.lower() != a.surface.lower():
            continue  # only a speaker known by a noun alone ("the painter")
        g_nom, g_name = gender_of(a.surface), gender_of(name)
        if g_nom and g_name and g_nom != g_name:
            continue
        attrs[t] = Attribution(name, a.surface, a.cue, f"{a.why}+addressed",
                               a.confidence * 0.8, a.quoted_by, a.addressee)


def _fill_runs(cands: Sequence[Candidate], attrs: list[Attribution],
               addressed: dict[int, str]) -> None:
    for run in _runs(cands):
        if len(run) < 2:
            continue
        speakers: list[str | None] = [attrs[i].speaker for i in run]
        whys: list[str] = [""] * len(run)
        participants = list(dict.fromkeys(s for s in speakers if s))
        n = len(run)
        for _ in range(n):  # propagate until nothing changes (at most n rounds)
            changed = False
            for t in range(n):
                if speakers[t]:
                    continue
                prev = speakers[t - 1] if t >= 1 else None
                nxt = speakers[t + 1] if t + 1 < n else None
                guess, why = None, ""
                if t >= 2 and speakers[t - 2] and speakers[t - 2] != prev:
                    guess, why = speakers[t - 2], "turn-taking"
                elif t + 2 < n and speakers[t + 2] and speakers[t + 2] != nxt:
                    guess, why = speakers[t + 2], "turn-taking"
                elif t >= 1 and cands[run[t - 1]].para_start in addressed:
                    guess, why = addressed[cands[run[t - 1]].para_start], "addressed"
                elif t + 1 < n and cands[run[t + 1]].para_start in addressed:
                    guess, why = addressed[cands[run[t + 1]].para_start], "addressed"
                elif len(participants) == 2 and (prev or nxt):
                    other = [p for p in participants if p not in (prev, nxt)]
                    if other:
                        guess, why = other[0], "turn-taking"
                if guess and guess != prev and guess != nxt:
                    speakers[t], whys[t] = guess, why
                    changed = True
            if not changed:
                break
        for t, i in enumerate(run):
            if whys[t]:
                a = attrs[i]
                attrs[i] = Attribution(speakers[t], a.surface, a.cue, whys[t], 0.5,
                                       a.quoted_by, a.addressee)
