"""Turn-taking in dialogue: speakers alternate from one paragraph to the next.

Each paragraph holding a quote is one turn (``turns.py`` groups them into runs and
guesses the speaker of the turns that name none). Before that, a first-person narrator
takes the name the others call them by, and a speaker known only by a noun ("the
painter") who answers a turn that addressed someone by name is that someone. Explicit
attributions are never changed; later quotes of a paragraph share its turn's speaker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .attribute import Attribution
from .detect import Candidate
from .mentions import gender_of, kind_of
from .turns import MAX_GAP, PRONOUN_GENDER, alternate, turn_runs


def _addressees(cands: Sequence[Candidate], attrs: Sequence[Attribution]) -> dict[int, str]:
    """Paragraph start -> the first person addressed in any of its quotes (a turn may be
    split around its attribution: '"Well," he said, "and you, Basil?"')."""
    found: dict[int, str] = {}
    for c, a in zip(cands, attrs, strict=True):
        if a.addressee and c.para_start not in found:
            found[c.para_start] = a.addressee
    return found


def fill_turns(cands: Sequence[Candidate], attrs: list[Attribution], text: str = "",
               full: Callable[[str], str] = str) -> None:
    """Give unattributed dialogue turns a speaker from the conversation (in place)."""
    addressed = _addressees(cands, attrs)
    _name_narrator(cands, attrs)
    _name_nominals(cands, attrs, addressed)
    _fill_runs(cands, attrs, addressed, text, full)
    # Quotes later in a paragraph whose turn now has a speaker share it.
    # A quote saying "he" takes no speaker from a quote saying "she" ('"...," he said, and
    # she answered, "No."').
    by_para: dict[int, tuple[str, str | None]] = {}
    for c, a in zip(cands, attrs, strict=True):
        if a.speaker and c.para_start not in by_para:
            by_para[c.para_start] = (a.speaker, _surface_gender(a))
    for i, (c, a) in enumerate(zip(cands, attrs, strict=True)):
        if a.speaker is None and c.para_start in by_para:
            speaker, gender = by_para[c.para_start]
            mine = _surface_gender(a)
            if mine and gender and mine != gender:
                continue
            attrs[i] = Attribution(speaker, a.surface, a.cue, "same-paragraph",
                                   0.5, a.quoted_by, a.addressee)


def _surface_gender(a: Attribution) -> str | None:
    """The gender a quote's mention says its speaker has (he/she, a title)."""
    if not a.surface:
        return gender_of(a.speaker) if a.speaker else None
    return PRONOUN_GENDER.get(a.surface.lower()) or gender_of(a.surface)


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
               addressed: dict[int, str], text: str, full: Callable[[str], str]) -> None:
    for run in turn_runs(cands, attrs, text, full):
        if len(run.turns) < 2:
            continue
        speakers = [t.speaker for t in run.turns]
        guesses = alternate(speakers, [t.gender for t in run.turns], run.participants,
                            [addressed.get(t.para_start) for t in run.turns])
        for turn, (guess, why) in zip(run.turns, guesses, strict=True):
            if not guess:
                continue
            for i in turn.members:
                a = attrs[i]
                # "he said ... she answered": a pronoun of the other gender is not this turn's
                if a.speaker is None and (not a.surface or turn.gender is None or
                                          PRONOUN_GENDER.get(a.surface.lower()) == turn.gender):
                    attrs[i] = Attribution(guess, a.surface, a.cue, why, 0.5,
                                           a.quoted_by, a.addressee)
