"""What ``sync`` reads: transcripts through the extractor, or quotekit's own JSON.

A ``.json`` file holding ``quotekit_format`` (the output of ``quotekit extract -t json``)
is loaded as it is, so that quotes extracted once (or reviewed by hand) can be synced
without extracting again. Anything else goes through a reader and the extractor.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import QuotekitError, ReadError
from ..extraction.speakers import SpeakerIndex
from ..model import Extraction, Quote, Source, Work


def _native(path: Path) -> dict[str, Any] | None:
    if path.suffix.lower() != ".json" or not path.is_file():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return doc if isinstance(doc, dict) and "quotekit_format" in doc else None


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def from_native(doc: Mapping[str, Any], name: str) -> Iterator[Extraction]:
    """Extractions from a native JSON document (``sources`` and ``quotes``)."""
    try:
        sources = {s["id"]: Source(id=s["id"], title=s.get("title"),
                                   authors=_tuple(s.get("authors")), url=s.get("url"),
                                   platform=s.get("platform"), published=s.get("published"),
                                   kind=s.get("kind"), path=s.get("path"))
                   for s in doc.get("sources", [])}
        by_source: dict[str, list[Quote]] = {sid: [] for sid in sources}
        for q in doc.get("quotes", []):
            work = Work(**{k: q["work"].get(k) for k in ("kind", "title", "when", "url",
                                                         "platform")}) if q.get("work") else None
            by_source[q["source"]].append(Quote(
                id=q["id"], text=q["text"], start=int(q["start"]), end=int(q["end"]),
                speaker=q.get("speaker"), speaker_surface=q.get("speaker_surface"),
                cue=q.get("cue"), how=q.get("how") or "double-quote", why=q.get("why"),
                unclosed=bool(q.get("unclosed")), work=work, start_s=q.get("start_s"),
                end_s=q.get("end_s"), confidence=float(q.get("confidence", 1.0)),
                quoted_by=q.get("quoted_by"), source_id=q["source"]))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ReadError(f"{name}: not a valid quotekit JSON document ({exc!r})") from None
    for sid, source in sources.items():
        yield Extraction(source=source, quotes=tuple(by_source[sid]))


def extractions(paths: Sequence[str], speakers: SpeakerIndex, report: Callable[
        [QuotekitError], None], read: Callable[[str], Any]) -> Iterator[Extraction]:
    """Each path in turn (folders recursively); a bad file is reported and skipped."""
    from ..extraction.pipeline import extract_document
    from ..reading import iter_paths

    for item in iter_paths(paths):
        if isinstance(item, ReadError):
            report(item)
            continue
        try:
            doc = _native(Path(item)) if item != "-" else None
            if doc is not None:
                yield from from_native(doc, item)
                continue
            document = read(item)
            quotes = tuple(extract_document(document, speakers=speakers))
            yield Extraction(source=document.source, quotes=quotes, document=document)
        except QuotekitError as exc:
            report(exc)
