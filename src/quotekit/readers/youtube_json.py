"""YouTube transcripts saved from youtube-transcript-api: ``[{text, start, duration}]``.

``duration`` is time on screen and snippets overlap, so a snippet ends at the next
snippet's start when that comes first. HTML entities are unescaped and ``>>``
speaker-change markers become turns (the speakers have no names).
"""

from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl
from ..model import Document
from ..registry import Reader, ReadOptions
from ._json import get_time, item_line, load, shape
from ._labels import fail
from ._source import make_source
from ._timed import Cue, join, turns

WHAT = "a YouTube transcript, a JSON list of {text, start, duration}"


def read_youtube_json(text: str, name: str, options: ReadOptions) -> Document:
    """Read youtube-transcript-api JSON (see the module docstring)."""
    data = load(text, name, WHAT)
    if isinstance(data, dict) and isinstance(data.get("snippets"), list):
        data = data["snippets"]
    if not isinstance(data, list):
        raise fail(name, 1, f"expected {WHAT}")
    rows: list[tuple[float, float | None, str]] = []
    for i, item in enumerate(data):
        where = f"snippet {i + 1}"

        def line(i: int = i) -> int:
            return item_line(text, i)

        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise fail(name, line(), f'{where} has no "text"')
        start = get_time(item, "start", required=True, name=name, line=line, what=where)
        duration = get_time(item, "duration", required=False, name=name, line=line, what=where)
        assert start is not None
        rows.append((start, None if duration is None else start + duration, item["text"]))
    rows.sort(key=lambda r: r[0])
    cues: list[Cue] = []
    for i, (start, end, body) in enumerate(rows):
        if i + 1 < len(rows) and (end is None or end > rows[i + 1][0]):
            end = rows[i + 1][0]
        for piece, turn in turns(body):
            cues.append(Cue(piece, start, end, turn=turn))
    source = make_source(name, options, platform="YouTube", kind="video")
    return join(cues, source, "youtube-json", options.speaker_map)


def sniff(head: str, name: str) -> float:
    """Sure of a list of ``{text, start, duration}``; claims ``.json`` very weakly."""
    if shape(head) == "youtube":
        return 0.9
    return 0.33 if name.lower().endswith(".json") else 0.0


@hookimpl
def register_readers(register: Any) -> None:
    register(Reader(name="youtube-json", read=read_youtube_json, sniff=sniff,
                    extensions=(".json",),
                    description="YouTube transcript JSON (youtube-transcript-api)"))
