"""Invariants of joined cues (hypothesis), and the text reader's label dialects."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import srt as srtlib
from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit import read_text
from quotekit.model import Document, Source
from quotekit.readers._timed import PAUSE_S, Cue, join

WORD = st.from_regex(r"\A[',.?]?[a-jA-C]{1,6}[',.?]?\Z")
CUE = st.tuples(
    st.lists(WORD, min_size=1, max_size=6).map(" ".join),
    st.floats(min_value=0.0, max_value=3.0),        # gap before the cue
    st.floats(min_value=0.05, max_value=4.0),       # duration
    st.sampled_from([None, "Ann", "Bob"]),
)


def _cues(raw: list[tuple[str, float, float, str | None]]) -> list[Cue]:
    out, t = [], 0.0
    for text, gap, dur, who in raw:
        t += gap
        out.append(Cue(text, round(t, 3), round(t + dur, 3), speaker=who))
        t += dur
    return out


def check(doc: Document) -> None:
    segs = doc.segments
    assert all(a.end == b.start for a, b in pairwise(segs))
    assert not segs or (segs[0].start == 0 and segs[-1].end == len(doc.text))
    for b in doc.breaks:
        assert doc.text[b:b + 2] == "\n\n"
    assert doc.text.count("\n\n") == len(doc.breaks)
    assert "  " not in doc.text and doc.text == doc.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.lists(CUE, max_size=25))
def test_join_maps_every_offset(raw: list[tuple[str, float, float, str | None]]) -> None:
    cues = _cues(raw)
    doc = join(cues, Source(id="s"), "test", {})
    check(doc)
    # Each kept cue's words start its segment, with its time and speaker.
    kept = [c for c in cues if " ".join(c.text.split())]
    assert len(doc.segments) == len(kept)
    for seg, cue in zip(doc.segments, kept, strict=True):
        assert doc.text[seg.start:seg.end].strip() == " ".join(cue.text.split())
        assert (seg.start_s, seg.speaker) == (cue.start_s, cue.speaker)


@settings(max_examples=100, deadline=None)
@given(st.lists(CUE, min_size=1, max_size=20))
def test_srt_round_trip(raw: list[tuple[str, float, float, str | None]]) -> None:
    cues = _cues(raw)
    subs = [srtlib.Subtitle(i + 1, timedelta(seconds=c.start_s or 0),
                            timedelta(seconds=c.end_s or 0), c.text)
            for i, c in enumerate(cues)]
    doc = read_text(srtlib.compose(subs), "x.srt")
    check(doc)
    assert doc.reader == "srt"
    assert doc.text.split() == " ".join(c.text for c in cues).split()
    starts = [s.start_s for s in doc.segments]
    assert starts == sorted(starts)
    # A break exactly where a silence of a second or more falls.
    gaps = sum(1 for a, b in pairwise(cues)
               if (b.start_s or 0) - max((c.end_s or 0) for c in cues[:cues.index(b)])
               >= PAUSE_S)
    assert len(doc.breaks) == gaps


OTTER = "Maya Chen  0:03  \nSo she writes, quote, the map.\n\nTom Okafor  1:02:07  \nYeah.\n"
DIALECTS = {
    "otter": (OTTER, [("Maya Chen", 3.0), ("Tom Okafor", 3727.0)]),
    "rev": ("Speaker 1 (00:00):\nHello there.\n\nSpeaker 2 (01:05): Hi.\n",
            [("Speaker 1", 0.0), ("Speaker 2", 65.0)]),
    "paren": ("Jane Host (00:12:34) So the question is.\n\nBob Guest (00:13:00) Yes.\n",
              [("Jane Host", 754.0), ("Bob Guest", 780.0)]),
    "link": ("Jane Host [(00:09:17)](https://x.test/?t=557) Hello.\n\n"
             "[(00:10:00)](https://x.test/?t=600) Still me.\n",
             [("Jane Host", 557.0), ("Jane Host", 600.0)]),
    "substack": ("**Dwarkesh Patel** _00:01:02_\n\nHi.\n\n**Guest Person** _00:02:00_\n\nYo.\n",
                 [("Dwarkesh Patel", 62.0), ("Guest Person", 120.0)]),
    "bracket-first": ("[00:01:23] John Doe: Hello.\n[00:01:30] Ann Lee: Hi.\n",
                      [("John Doe", 83.0), ("Ann Lee", 90.0)]),
    "diarized": ("[Speaker 2] [12:34] we shipped it by\n[Jane Doe] [12:37] the end.\n",
                 [("Speaker 2", 754.0), ("Jane Doe", 757.0)]),
    "own-line": ("Ann Lee:\n\nSo we shipped it.\n\nJohn Doe:\n\nYes.\n\nAnn Lee:\n\nOk.\n\n"
                 "John Doe:\n\nGood.\n",
                 [("Ann Lee", None), ("John Doe", None), ("Ann Lee", None), ("John Doe", None)]),
    "changelog": ("**Jerod Santo:** Well. \\[04:01.06\\] And then.\n\n**Adam:** Sure.\n\n"
                  "**Jerod Santo:** Ok.\n",
                  [("Jerod Santo", None), ("Jerod Santo", 241.06), ("Adam", None),
                   ("Jerod Santo", None)]),
}


def test_text_dialects_give_speakers_times_and_skip_labels() -> None:
    for name, (text, expected) in DIALECTS.items():
        doc = read_text(text, "t.md", reader="text")
        assert [(s.speaker, s.start_s) for s in doc.segments] == expected, name
        skipped = "".join(doc.text[a:b] for a, b in doc.skip)
        for speaker, _ in expected:
            assert speaker.split()[0] in skipped, name
        prose, last = "", 0
        for a, b in doc.skip:
            prose, last = prose + doc.text[last:a], b
        prose += doc.text[last:]
        for speaker, _ in expected:
            assert speaker not in prose, name


def test_inline_timestamps_stay_in_the_text() -> None:
    doc = read_text(DIALECTS["changelog"][0], "t.md", reader="text")
    assert "\\[04:01.06\\]" in doc.text
    assert all("04:01" not in doc.text[a:b] for a, b in doc.skip)


def test_prose_colons_are_not_labels() -> None:
    doc = read_text("He said: this.\n\nNote: that.\n\nSo: what?\n\nThe plan:\n- one\n",
                    "t.md", reader="text")
    assert doc.segments == () and doc.skip == ()
