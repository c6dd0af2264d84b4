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


def fill_turns(cands: Sequence[Candidate], attrs: list[Attribution]) -> None:
    """Give unattributed dialogue turns a speaker from the conversation (in place)."""
    for run in _runs(cands):
        if len(run) < 2:
            continue
        speakers: list[str | None] = [attrs[i].speaker for i in run]
        known = [s for s in speakers if s]
        participants = list(dict.fromkeys(known))
        filled: list[tuple[str, str]] = [("", "")] * len(run)
        for t, i in enumerate(run):
            if speakers[t]:
                continue
            guess, why = None, ""
            if t >= 2 and speakers[t - 2] and speakers[t - 2] != speakers[t - 1]:
                guess, why = speakers[t - 2], "turn-taking"
            elif t + 2 < len(run) and speakers[t + 2] and speakers[t + 2] != (
                    speakers[t + 1] if t + 1 < len(run) else None):
                guess, why = speakers[t + 2], "turn-taking"
            elif t >= 1 and attrs[run[t - 1]].addressee:
                guess, why = attrs[run[t - 1]].addressee, "addressed"
            elif t + 1 < len(run) and attrs[run[t + 1]].addressee:
                guess, why = attrs[run[t + 1]].addressee, "addressed"
            elif t >= 1 and speakers[t - 1] and len(participants) == 2:
                other = [p for p in participants if p != speakers[t - 1]]
                guess, why = other[0], "turn-taking"
            if guess and (t == 0 or guess != speakers[t - 1]):
                filled[t] = (guess, why)
        for t, i in enumerate(run):
            guess, why = filled[t]
            if guess:
                a = attrs[i]
                attrs[i] = Attribution(guess, a.surface, a.cue, why, 0.5, a.quoted_by,
                                       a.addressee)
