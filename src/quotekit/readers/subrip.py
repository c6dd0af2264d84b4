"""SubRip (``.srt``) captions, parsed with the ``srt`` library.

BOM, CRLF, numbering gaps, overlapping cues and a missing final newline are fine.
Speakers come from a ``Name:`` / ``SPEAKER 2:`` / ``[SPEAKER_00]:`` prefix at a card's
start, kept until the next label (Podcasting 2.0 and Otter write one only when the
speaker changes); ``- `` dialogue dashes are turns. ``<i>`` and ``{\\an8}`` tags are
dropped; rolling captions converted from YouTube are de-duplicated.
"""

from __future__ import annotations

from typing import Any

import regex
import srt

from ..hookspecs import hookimpl
from ..model import Document
from ..registry import Reader, ReadOptions
from ._labels import fail, line_of
from ._source import make_source
from ._timed import Cue, deroll, is_rolling, join, labelled, turns
from .vtt import bad_timing, check_timings

EXTENSIONS = (".srt",)
_SIGNATURE = regex.compile(r"\A\ufeff?\s*\d+[ \t]*\n[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->")
_BAD_TIMING = bad_timing(r"\d{1,3}:[0-5]?\d:[0-5]?\d[,.]\d{1,3}")


def read_srt(text: str, name: str, options: ReadOptions) -> Document:
    """Read SubRip (see the module docstring)."""
    if not text.strip():
        raise fail(name, 1, "empty file; expected SubRip cues (`1`, `00:00:01,000 --> ...`)")
    check_timings(text, name, _BAD_TIMING, "00:01:02,500 --> 00:01:04,000")
    try:
        subs = list(srt.parse(text))
    except srt.SRTParseError as exc:
        line = line_of(text, exc.expected_start)
        junk = exc.unmatched_content.strip().split("\n", 1)[0][:60]
        raise fail(name, line, f"not a SubRip cue: {junk!r} (expected a number, then "
                               "`00:01:02,500 --> 00:01:04,000`, then the text)") from None
    if not subs:
        raise fail(name, 1, "no SubRip cues found")
    lines = [s.content.split("\n") for s in subs]
    if is_rolling(lines):
        lines = deroll(lines)
    bodies = ["\n".join(x) for x in lines]
    cues: list[Cue] = []
    current: str | None = None
    for sub, (label, body) in zip(subs, labelled(bodies), strict=True):
        if label:
            current = label
        start, end = sub.start.total_seconds(), sub.end.total_seconds()
        for i, (piece, turn) in enumerate(turns(body)):
            if turn and (i > 0 or not label):
                current = None
            cues.append(Cue(piece, start, end, speaker=current, turn=turn))
    return join(cues, make_source(name, options), "srt", options.speaker_map)


def sniff(head: str, name: str) -> float:
    """Sure of a cue number followed by a SubRip timing line; claims ``.srt`` weakly."""
    if _SIGNATURE.match(head):
        return 0.9
    return 0.35 if name.lower().endswith(EXTENSIONS) else 0.0


@hookimpl
def register_readers(register: Any) -> None:
    register(Reader(name="srt", read=read_srt, sniff=sniff, extensions=EXTENSIONS,
                    description="SubRip captions: speaker prefixes, dialogue dashes"))
