"""WebVTT captions (webvtt-py): podcasts, Teams, Zoom, WhisperX, YouTube auto-captions.

Speakers come from ``<v Name>`` voice spans (a cue without one keeps the previous
voice, as Podcasting 2.0 writes them; ``(Guest)`` suffixes dropped), or from a
``Name:`` / ``[SPEAKER_00]:`` prefix (Zoom, WhisperX). YouTube's rolling
auto-captions (inline ``<00:00:00.480><c>`` word times, ~10 ms "hold" cues, each line
repeated in the next cue) are de-duplicated. Cues are joined as ``_timed.join`` says.
"""

from __future__ import annotations

from typing import Any

import regex
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from ..hookspecs import hookimpl
from ..model import Document
from ..registry import Reader, ReadOptions
from ._labels import fail, line_of
from ._source import make_source
from ._timed import HOLD_S, Cue, deroll, is_rolling, join, labelled, turns

EXTENSIONS = (".vtt", ".webvtt")
_HEADER = regex.compile(r"\A\ufeff?WEBVTT(?:[ \t][^\n]*)?(?:\n|\Z)")
_INLINE_TIME = regex.compile(r"<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>")
_META = regex.compile(r"^(?P<k>Kind|Language):[ \t]*(?P<v>\S[^\n]*)$", regex.MULTILINE)


def check_timings(text: str, name: str, bad: regex.Pattern[str], example: str) -> None:
    """Every cue timing line must hold two valid clock times: ``bad`` finds the first
    line with ``-->`` that does not (one scan in C); name it."""
    m = bad.search(text)
    if m:
        line = line_of(text, m.start())
        tail = " (file truncated?)" if m.end() >= len(text.rstrip()) else ""
        raise fail(name, line, f"malformed timestamp {m.group(0).strip()!r}, "
                               f"expected {example}{tail}")


def bad_timing(clock: str) -> regex.Pattern[str]:
    """A pattern for a line with ``-->`` that is not ``CLOCK --> CLOCK [settings]``."""
    good = r"[ \t]*" + clock + r"[ \t]+-->[ \t]+" + clock + r"(?:[ \t][^\n]*)?$"
    return regex.compile(r"^(?!" + good + r")[^\n]*-->[^\n]*$", regex.MULTILINE)


_BAD_TIMING = bad_timing(r"(?:\d+:)?[0-5]?\d:[0-5]\d\.\d{1,3}")


def _seconds(stamp: Any) -> float:
    return float(stamp.in_milliseconds()) / 1000


def read_vtt(text: str, name: str, options: ReadOptions) -> Document:
    """Read WebVTT (see the module docstring)."""
    if not text.strip():
        raise fail(name, 1, "empty file; expected WebVTT (a first line `WEBVTT`)")
    if not _HEADER.match(text):
        raise fail(name, 1, "not WebVTT: the first line must be `WEBVTT`")
    check_timings(text, name, _BAD_TIMING, "00:01:02.500 --> 00:01:04.000")
    try:
        vtt = webvtt.from_string(text)
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise fail(name, 1, f"not valid WebVTT ({exc})") from None
    captions = list(vtt.captions)
    if not captions:
        raise fail(name, line_of(text, len(text)), "no cues in this WebVTT file (truncated?)")
    timed = [(_seconds(c.start_time), _seconds(c.end_time), c) for c in captions]
    inline = bool(_INLINE_TIME.search(text))
    if inline or sum(1 for a, b, _ in timed if b - a < HOLD_S) * 5 >= len(timed):
        timed = [(a, b, c) for a, b, c in timed if b - a >= HOLD_S]
    lines = [c.text.split("\n") for _, _, c in timed]
    if inline or is_rolling(lines):
        lines = deroll(lines)
    bodies = ["\n".join(x) for x in lines]
    prefixes = labelled(bodies)
    cues: list[Cue] = []
    current: str | None = None
    for (start, end, caption), body, (label, rest) in zip(timed, bodies, prefixes, strict=True):
        named = bool(caption.voice or label)
        if caption.voice:
            current = caption.voice
        elif label:
            current, body = label, rest
        for i, (piece, turn) in enumerate(turns(body)):
            if turn and (i > 0 or not named):
                current = None
            cues.append(Cue(piece, start, end, speaker=current, turn=turn))
    meta = {m.group("k").lower(): m.group("v").strip() for m in _META.finditer(text, 0, 2000)}
    youtube = inline and meta.get("kind") == "captions"
    source = make_source(name, options, language=meta.get("language"),
                         platform="YouTube" if youtube else None)
    return join(cues, source, "vtt", options.speaker_map)


def sniff(head: str, name: str) -> float:
    """Sure of a ``WEBVTT`` header; claims ``.vtt`` files weakly (to explain errors)."""
    if _HEADER.match(head):
        return 0.95
    return 0.35 if name.lower().endswith(EXTENSIONS) else 0.0


@hookimpl
def register_readers(register: Any) -> None:
    register(Reader(name="vtt", read=read_vtt, sniff=sniff, extensions=EXTENSIONS,
                    description="WebVTT captions: voice tags, Zoom/WhisperX labels, "
                                "YouTube rolling auto-captions"))
