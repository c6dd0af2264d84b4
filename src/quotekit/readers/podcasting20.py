"""Podcasting 2.0 transcript JSON: ``{"version", "segments": [{speaker, startTime,
endTime, body}]}``.

Segments range from whole turns to single words (the spec's own example); bodies are
joined with spaces. ``speaker`` and ``endTime`` are optional; a segment without a
speaker keeps the previous one.
"""

from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl
from ..model import Document
from ..registry import Reader, ReadOptions
from ._json import get_time, item_line, load, shape
from ._labels import fail
from ._source import make_source
from ._timed import Cue, join

WHAT = 'Podcasting 2.0 JSON ({"version", "segments": [{"startTime", "body"}]})'


def read_podcasting20(text: str, name: str, options: ReadOptions) -> Document:
    """Read Podcasting 2.0 JSON (see the module docstring)."""
    data = load(text, name, WHAT)
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list):
        raise fail(name, 1, f"expected {WHAT}")
    cues: list[Cue] = []
    speaker: str | None = None
    for i, seg in enumerate(segments):
        where = f"segment {i + 1}"

        def line(i: int = i) -> int:
            return item_line(text, i, "segments")

        if not isinstance(seg, dict) or not isinstance(seg.get("body"), str):
            raise fail(name, line(), f'{where} has no "body"')
        start = get_time(seg, "startTime", required=True, name=name, line=line, what=where)
        end = get_time(seg, "endTime", required=False, name=name, line=line, what=where)
        if isinstance(seg.get("speaker"), str) and seg["speaker"].strip():
            speaker = seg["speaker"].strip()
        cues.append(Cue(seg["body"], start, end, speaker=speaker))
    source = make_source(name, options, kind="podcast")
    return join(cues, source, "podcasting20", options.speaker_map)


def sniff(head: str, name: str) -> float:
    """Sure of segments with ``startTime``/``body``; claims ``.json`` very weakly."""
    if shape(head) == "podcasting20":
        return 0.9
    return 0.34 if name.lower().endswith(".json") else 0.0


@hookimpl
def register_readers(register: Any) -> None:
    register(Reader(name="podcasting20", read=read_podcasting20, sniff=sniff,
                    extensions=(".json",), description="Podcasting 2.0 transcript JSON"))
