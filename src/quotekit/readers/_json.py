"""JSON transcripts: telling the shapes apart, and errors that name the line.

Shapes (the keys decide, not the file ending):

* ``podcasting20`` — ``{"version", "segments": [{"startTime", "body", ...}]}``;
* ``whisper`` — ``{"segments": [{"start", "end", "text", ...}]}`` (openai-whisper,
  WhisperX) or a bare list of such segments (faster-whisper, serialised);
* ``youtube`` — ``[{"text", "start", "duration"}]`` (youtube-transcript-api).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import regex

from ._labels import fail, line_of, parse_clock

_KEY = regex.compile(r'"(startTime|body|segments|duration|start|end|text|version)"\s*:')
_ARRAY = regex.compile(r'"segments"\s*:\s*\[')
_SPACE = frozenset(" \t\n\r")


def shape(head: str) -> str | None:
    """Which transcript JSON ``head`` (the first characters of a file) looks like."""
    opening = head.lstrip()[:1]
    if opening not in {"[", "{"}:
        return None
    keys = set(_KEY.findall(head))
    if "startTime" in keys or ("body" in keys and "segments" in keys):
        return "podcasting20"
    if opening == "{" and "segments" in keys:
        return "whisper"
    if opening == "[" and {"text", "start", "duration"} <= keys:
        return "youtube"
    if opening == "[" and {"text", "start", "end"} <= keys:
        return "whisper"
    return None


def load(text: str, name: str, what: str) -> Any:
    """Parse JSON; an empty or broken file is a ``FILE:LINE:`` error."""
    if not text.strip():
        raise fail(name, 1, f"empty file; expected {what}")
    first = text.lstrip()[:1]
    if first not in {"[", "{"}:
        raise fail(name, line_of(text, text.index(first)),
                   f"not JSON (starts with {first!r}); expected {what}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        truncated = " (file truncated?)" if text.rstrip()[-1:] not in {"]", "}"} else ""
        raise fail(name, exc.lineno, f"not valid JSON: {exc.msg}, column {exc.colno}"
                   f"{truncated}; expected {what}") from None
    except RecursionError:
        raise fail(name, 1, "JSON nested too deeply") from None


def item_line(text: str, index: int, under: str | None = None) -> int:
    """The line where element ``index`` of the top-level array (or of the array under
    key ``under``, e.g. ``segments``) starts. Used only to report an error."""
    pos = 0
    if under == "segments":
        m = _ARRAY.search(text)
        if not m:
            return 1
        pos = m.end()
    else:
        pos = text.index("[") + 1 if "[" in text else 0
    decoder = json.JSONDecoder()
    for i in range(index + 1):
        while pos < len(text) and (text[pos] in _SPACE or text[pos] == ","):
            pos += 1
        if i == index:
            return line_of(text, pos)
        try:
            _, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            return line_of(text, pos)
    return line_of(text, pos)


def seconds(value: Any) -> float | None:
    """A time in seconds from a number or a clock string; ``None`` if it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) and value >= 0 else None
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return parse_clock(value)
        return number if math.isfinite(number) and number >= 0 else None
    return None


def get_time(
    item: dict[str, Any], key: str, *, required: bool, name: str, line: Callable[[], int],
    what: str,
) -> float | None:
    """``item[key]`` as seconds; a missing required or malformed time is an error at
    ``line()`` (computed only then), naming the item as ``what``."""
    if key not in item or item[key] is None:
        if required:
            raise fail(name, line(), f'{what} has no "{key}" time')
        return None
    value = seconds(item[key])
    if value is None:
        raise fail(name, line(), f'{what}: malformed timestamp "{key}": '
                                 f"{json.dumps(item[key])}")
    return value
