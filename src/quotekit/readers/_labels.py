"""Speaker labels and clock times as transcripts write them (shared by the readers).

A label names whoever is talking (the *quoter*). Readers keep labels out of the prose
(timed readers leave them out of the joined text, the text reader puts them in
``Document.skip``) and carry them in ``Segment.speaker``.
"""

from __future__ import annotations

from collections.abc import Mapping

import regex

from ..errors import ReadError

#: A personal name as labels write it: capitalised words, with name particles.
NAME = (
    r"[\p{Lu}][\p{L}\p{M}.'’-]*(?:[ \t]+(?:[\p{Lu}][\p{L}\p{M}.'’-]*|de|van|von|der|da|di|"
    r"du|la|le|bin|al|del)){0,4}"
)
#: Generic diarization labels: ``Speaker 1``, ``SPEAKER_00``, ``Unknown Speaker``.
GENERIC = r"(?:Speaker|SPEAKER)[ \t_]?\d+|Unknown[ \t]+Speaker"
#: Words that look like a label before a colon but are not people.
NOT_NAMES = frozenset((
    "note", "notes", "update", "edit", "warning", "caveat", "example", "q", "a", "answer",
    "question", "tl;dr", "tldr", "ps", "p.s", "step", "summary", "source", "sources",
    "transcript", "chapter", "part", "http", "https",
))
#: A clock time: ``0:03``, ``12:34``, ``1:02:03``, ``00:04:01.06``.
CLOCK = r"\d{1,2}(?::[0-5]\d){1,2}(?:[.,]\d{1,3})?"

_CLOCK = regex.compile(r"^(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{1,2})(?:[.,](?P<f>\d{1,3}))?$")
_SUFFIX = regex.compile(r"[ \t]*\((?:Guest|External|Host|Moderator)\)[ \t]*$", regex.I)
_CUE_LABEL = regex.compile(
    r"^[ \t]*(?:\[(?P<b>[^\]\n]{1,40})\]|(?P<n>" + GENERIC + "|" + NAME + r"|[\p{Lu}]{2,3}))"
    r"[ \t]*:[ \t]+(?P<rest>\S)",
)


def fail(name: str, line: int, message: str) -> ReadError:
    """The one error shape readers raise: ``FILE:LINE: message``."""
    return ReadError(f"{name}:{line}: {message}")


def line_of(text: str, offset: int) -> int:
    """The 1-based line number of a character offset."""
    return text.count("\n", 0, max(0, offset)) + 1


def parse_clock(value: str) -> float | None:
    """``1:02:03.5`` -> ``3723.5`` seconds; ``None`` when ``value`` is not a clock time
    (minutes and seconds must be below 60)."""
    m = _CLOCK.match(value.strip())
    if not m:
        return None
    h, mi, s = int(m.group("h") or 0), int(m.group("m")), int(m.group("s"))
    if mi >= 60 or s >= 60:
        return None
    frac = m.group("f")
    return round(h * 3600 + mi * 60 + s + (int(frac) / 10 ** len(frac) if frac else 0.0), 3)


def speaker_name(label: str | None, speaker_map: Mapping[str, str]) -> str | None:
    """A label as the user wants it: suffixes such as ``(Guest)`` dropped, then mapped
    through ``--speaker-map`` (exact, then case-insensitive)."""
    if label is None:
        return None
    label = _SUFFIX.sub("", " ".join(label.split()))
    if not label:
        return None
    if label in speaker_map:
        return speaker_map[label]
    folded = label.casefold()
    for key, value in speaker_map.items():
        if key.casefold() == folded:
            return value
    return label


def cue_label(text: str) -> tuple[str | None, str]:
    """Split a cue's ``Name: text`` or ``[SPEAKER_00]: text`` prefix (Zoom, WhisperX,
    SRT cards): ``(label, rest)``, or ``(None, text)`` when there is none."""
    m = _CUE_LABEL.match(text)
    if not m:
        return None, text
    label = (m.group("b") or m.group("n")).strip()
    if label.casefold() in NOT_NAMES:
        return None, text
    return label, text[m.start("rest"):]
