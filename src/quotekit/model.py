"""The data that crosses every boundary: sources, documents, quotes.

All classes are frozen, slotted dataclasses; plugins receive and return these, never
loose dicts. Offsets are character offsets into ``Document.text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: Version of the native JSON format written by the ``json``/``jsonl`` exporters.
FORMAT_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document came from: the video, talk, post or book.

    ``id`` is stable across runs and machines (see :func:`quotekit.ids.source_id`).
    ``kind`` is one of ``video``, ``podcast``, ``talk``, ``post``, ``article``, ``book``
    or ``None``; ``published`` is an ISO 8601 date string (``2025-03-01``) or ``None``.
    """

    id: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    platform: str | None = None
    published: str | None = None
    kind: str | None = None
    path: str | None = None
    language: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Segment:
    """A character range of ``Document.text`` with its time and speaker label.

    ``speaker`` is the transcript's label for whoever is talking (the *quoter*), e.g.
    ``Dwarkesh Patel`` or ``SPEAKER_00``; ``start_s``/``end_s`` are seconds into the media.
    """

    start: int
    end: int
    start_s: float | None = None
    end_s: float | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """Text as read, plus what the reader learnt about it.

    ``text`` is the decoded file for plain text (newlines normalised to ``\\n``) or the
    joined cues for timed formats. ``segments`` are sorted, non-overlapping ranges with
    times and speaker labels. ``skip`` are sorted, non-overlapping ranges that are not
    prose (page chrome, speaker labels, inline timestamps): extraction never finds a
    quote or a speaker there. ``breaks`` are offsets where a listener hears a boundary
    (a long pause, a change of speaker) that the text itself may not show; an unclosed
    quote ends at the first one.
    """

    text: str
    source: Source
    segments: tuple[Segment, ...] = ()
    skip: tuple[tuple[int, int], ...] = ()
    breaks: tuple[int, ...] = ()
    reader: str = "text"


@dataclass(frozen=True, slots=True)
class Work:
    """A work that a quote is cited from, as the text mentions it.

    ``kind`` is a noun phrase such as ``blog post``, ``book``, ``essay``, ``paper``,
    ``tweet`` or ``talk``; ``when`` a time word (``recent``, ``2019``); ``title`` and
    ``url`` when the text gives them.
    """

    kind: str | None = None
    title: str | None = None
    when: str | None = None
    url: str | None = None
    platform: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "kind": self.kind,
            "title": self.title,
            "when": self.when,
            "url": self.url,
            "platform": self.platform,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed quotation.

    Invariant: ``quotekit.normalize(document.text[start:end]) == text``.

    * ``speaker`` — canonical name, or ``None`` when the text names nobody;
    * ``speaker_surface`` — the mention as written (``He``, ``Baron Millig``);
    * ``cue`` — the attribution cue (``writes``, ``said``, ``according to``, ``:``);
    * ``how`` — the detection rule (``double-quote``, ``single-quote``,
      ``spoken-marker``, ``blockquote``, ``dash``, ``colon``, ``speaker-turn``);
    * ``why`` — the attribution rule (``cue-before``, ``cue-after``, ``pronoun``, ...);
    * ``quoted_by`` — the transcript's speaker label for whoever said the quote aloud;
    * ``start_s``/``end_s`` — seconds into the media, for timed documents;
    * ``confidence`` — 0..1, how sure the detection and attribution rules are.
    """

    id: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_surface: str | None = None
    cue: str | None = None
    how: str = "double-quote"
    why: str | None = None
    unclosed: bool = False
    work: Work | None = None
    start_s: float | None = None
    end_s: float | None = None
    confidence: float = 1.0
    quoted_by: str | None = None
    source_id: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """What an exporter receives for one document: its source and its quotes."""

    source: Source
    quotes: tuple[Quote, ...]
    document: Document | None = None
