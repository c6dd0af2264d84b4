"""YouTube's "Show transcript" panel, copied and pasted: timestamp lines, then text.

Shapes: a ``0:58`` line then its text line; the same with an accessibility line
(``1 hour, 2 minutes, 15 seconds``) between them, which is dropped; or ``0:58 text``
on one line. A line just before a timestamp that is not the only text of its block
(or that comes before the first timestamp) is a chapter title: it is left out of the
text and starts a new paragraph. A snippet ends where the next one starts.
"""

from __future__ import annotations

from typing import Any

import regex

from ..hookspecs import hookimpl
from ..model import Document
from ..registry import Reader, ReadOptions
from ._labels import fail, parse_clock
from ._source import make_source
from ._timed import Cue, join

_STAMP = regex.compile(r"^[ \t]*(?P<t>\d{1,2}(?::\d{1,2}){1,2})(?:[ \t]+(?P<rest>\S.*))?[ \t]*$")
_SPOKEN = regex.compile(
    r"^(?:\d+ hours?,? ?)?(?:\d+ minutes?,? ?)?(?:\d+ seconds?)?$", regex.IGNORECASE
)
_BARE = regex.compile(r"^[ \t]*\d{1,2}(?::\d{2}){1,2}[ \t]*$", regex.MULTILINE)


def read_youtube_panel(text: str, name: str, options: ReadOptions) -> Document:
    """Read a "Show transcript" paste (see the module docstring)."""
    if not text.strip():
        raise fail(name, 1, "empty file; expected a YouTube transcript paste "
                            "(a `0:00` line, then its text)")
    blocks: list[tuple[float, int, list[str]]] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        m = _STAMP.match(line)
        if m and (m.group("rest") is None or not blocks or blocks[-1][2]):
            seconds = parse_clock(m.group("t"))
            if seconds is None:
                raise fail(name, number, f"malformed timestamp {m.group('t')!r} "
                                         "(expected M:SS or H:MM:SS)")
            blocks.append((seconds, number, [m.group("rest")] if m.group("rest") else []))
        elif blocks and not _SPOKEN.match(line):
            blocks[-1][2].append(line)
        elif not blocks and not m:
            continue  # a chapter title before the first timestamp
    if not blocks:
        raise fail(name, 1, "no timestamp lines (`0:00`) found")
    seconds, number, lines = blocks[-1]
    if not lines:
        raise fail(name, number, "timestamp with no text after it (file truncated?)")
    cues: list[Cue] = []
    chapter = False
    for i, (start, _, lines) in enumerate(blocks):
        end = blocks[i + 1][0] if i + 1 < len(blocks) else None
        title = len(lines) >= 2 and i + 1 < len(blocks)
        body = lines[:-1] if title else lines
        cues.append(Cue(" ".join(body), start, end, turn=chapter))
        chapter = title
    source = make_source(name, options, platform="YouTube", kind="video")
    return join(cues, source, "youtube-panel", options.speaker_map)


def sniff(head: str, name: str) -> float:
    """Sure when at least 30 % of the non-empty lines are bare timestamps."""
    lines = [x for x in head.split("\n")[:-1] if x.strip()]
    stamps = len(_BARE.findall(head))
    if stamps >= 2 and lines and stamps >= 0.3 * len(lines):
        return 0.8
    return 0.0


@hookimpl
def register_readers(register: Any) -> None:
    register(Reader(name="youtube-panel", read=read_youtube_panel, sniff=sniff,
                    description='YouTube "Show transcript" panel paste (timestamp lines)'))
