"""The native JSON document and JSON Lines exporters."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..hookspecs import hookimpl
from ..model import FORMAT_VERSION, Extraction, Quote, Source
from ..registry import Exporter, ExportOptions


def source_record(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "authors": list(source.authors),
        "url": source.url,
        "platform": source.platform,
        "published": source.published,
        "kind": source.kind,
        "path": source.path,
    }


def quote_record(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "source": quote.source_id,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "speaker": quote.speaker,
        "speaker_surface": quote.speaker_surface,
        "quoted_by": quote.quoted_by,
        "cue": quote.cue,
        "how": quote.how,
        "why": quote.why,
        "unclosed": quote.unclosed,
        "work": quote.work.as_dict() if quote.work else None,
        "start_s": quote.start_s,
        "end_s": quote.end_s,
        "confidence": round(quote.confidence, 3),
    }


def write_json(extractions: Iterable[Extraction], out: TextIO, options: ExportOptions) -> None:
    sources, quotes = [], []
    for ex in extractions:
        sources.append(source_record(ex.source))
        quotes.extend(quote_record(q) for q in ex.quotes)
    doc = {"quotekit_format": FORMAT_VERSION, "sources": sources, "quotes": quotes}
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


def jsonl_record(quote: Quote, source: Source) -> dict[str, Any]:
    """One line of the ``jsonl`` exporter: the quote with its source inlined."""
    record = quote_record(quote)
    record["source"] = source_record(source)
    return record


def write_jsonl(extractions: Iterable[Extraction], out: TextIO, options: ExportOptions) -> None:
    for ex in extractions:
        for q in ex.quotes:
            out.write(json.dumps(jsonl_record(q, ex.source), ensure_ascii=False) + "\n")


@hookimpl
def register_exporters(register: Any) -> None:
    register(Exporter(name="json", write=write_json, suffix=".json",
                      description="Native JSON document: sources and quotes (versioned)"))
    register(Exporter(name="jsonl", write=write_jsonl, suffix=".jsonl",
                      description="JSON Lines: one quote per line, streamed"))
