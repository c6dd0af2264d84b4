"""Records of the native JSON format (``quotekit-quotes/<FORMAT_VERSION>``).

A document is ``{"quotekit_format", "generator", "quotes": [...], "sources": [...],
"works": {key: CSL item}}``; a JSON Lines line is one quote record plus its ``source``
and the ``works`` it refers to. Each quote carries the fields of
:class:`quotekit.Quote` as they are, and a citation view: who is quoted as a CSL name
object, the work it was found in and the original work when the text identifies it (by
citation key), the moment in the media, and W3C Web Annotation selectors
(``TextQuoteSelector`` and ``TextPositionSelector``) into the text as read. The JSON
Schema is ``quotekit/schemas/quotekit.schema.json``.
"""

from __future__ import annotations

from typing import Any

from . import __version__
from .citation.bibentry import timestamp
from .citation.catalog import CitedQuote
from .citation.names import split_name
from .links import moment_url
from .model import FORMAT_VERSION, Document, Extraction, Source

FORMAT = f"quotekit-quotes/{FORMAT_VERSION}"
GENERATOR = f"quotekit/{__version__}"
#: Characters of context in a TextQuoteSelector's prefix and suffix.
CONTEXT = 32


def person(name: str | None) -> dict[str, Any] | None:
    """``{"name": display name, "csl": CSL name object}``, or None."""
    if not name or not name.strip():
        return None
    return {"name": name, "csl": split_name(name)}


def selectors(start: int, end: int, text: str, document: Document | None) -> list[dict[str, Any]]:
    """TextQuoteSelector (exact text with its context) and TextPositionSelector."""
    position = {"type": "TextPositionSelector", "start": start, "end": end}
    if document is None or not 0 <= start <= end <= len(document.text):
        return [{"type": "TextQuoteSelector", "exact": text}, position]
    doc = document.text
    return [
        {"type": "TextQuoteSelector", "exact": doc[start:end],
         "prefix": doc[max(0, start - CONTEXT):start], "suffix": doc[end:end + CONTEXT]},
        position,
    ]


def pandoc_citation(cited: CitedQuote) -> str:
    """``[@original; quoted in @found, at 00:12:34]`` for pandoc Markdown."""
    stamp = timestamp(cited.quote.start_s)
    found = f"@{{{cited.found_in}}}" + (f", at {stamp}" if stamp else "")
    if cited.original:
        return f"[@{{{cited.original}}}; quoted in {found}]"
    speaker = cited.quote.speaker
    return f"[{speaker}, quoted in {found}]" if speaker else f"[{found}]"


def source_record(source: Source, work: str | None = None) -> dict[str, Any]:
    """The source as read (mirrors :class:`quotekit.Source`), with its work's key."""
    return {
        "id": source.id, "title": source.title, "authors": list(source.authors),
        "url": source.url, "platform": source.platform, "published": source.published,
        "kind": source.kind, "path": source.path, "language": source.language,
        "work": work,
    }


def quote_record(cited: CitedQuote, extraction: Extraction) -> dict[str, Any]:
    """A quote: the fields of :class:`quotekit.Quote` as they are (``speaker`` is the
    display name, ``source`` the source id, ``work`` the mention), plus the citation
    view: ``speaker_csl``, ``found_in``, ``original`` and a pandoc ``citation``."""
    q = cited.quote
    source = extraction.source
    fragment = None
    if q.start_s is not None:
        fragment = {"start_s": q.start_s, "end_s": q.end_s,
                    "url": moment_url(source.url, q.start_s)}
    stamp = timestamp(q.start_s)
    speaker, quoted_by = person(q.speaker), person(q.quoted_by)
    return {
        "id": q.id,
        "source": source.id,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "speaker": q.speaker,
        "speaker_surface": q.speaker_surface,
        "quoted_by": q.quoted_by,
        "cue": q.cue,
        "how": q.how,
        "why": q.why,
        "unclosed": q.unclosed,
        "work": q.work.as_dict() if q.work else None,
        "start_s": q.start_s,
        "end_s": q.end_s,
        "confidence": round(q.confidence, 3),
        "language": source.language,
        "speaker_csl": speaker["csl"] if speaker else None,
        "found_in": {
            "work": cited.found_in,
            "quoted_by_csl": quoted_by["csl"] if quoted_by else None,
            "locator": {"label": "timestamp", "value": stamp} if stamp else None,
            "media_fragment": fragment,
            "selectors": selectors(q.start, q.end, q.text, extraction.document),
        },
        "original": None if q.work is None else {
            "work": cited.original, "mention": q.work.as_dict(),
        },
        "citation": {"pandoc": pandoc_citation(cited)},
    }
