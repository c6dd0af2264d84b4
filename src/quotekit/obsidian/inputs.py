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


_KINDS = {"motion_picture": "video", "broadcast": "podcast", "speech": "talk",
          "post-weblog": "post", "article": "article", "book": "book"}


def _name(csl: Mapping[str, Any]) -> str:
    if csl.get("literal"):
        return str(csl["literal"])
    parts = [csl.get(k) for k in ("given", "dropping-particle", "non-dropping-particle",
                                  "family", "suffix")]
    return " ".join(str(p) for p in parts if p)


def _date(item: Mapping[str, Any]) -> str | None:
    issued = item.get("issued") or {}
    parts = (issued.get("date-parts") or [[]])[0]
    if not parts:
        return issued.get("literal")
    return "-".join(f"{int(p):02d}" if i else f"{int(p):04d}" for i, p in enumerate(parts))


def _source(item: Mapping[str, Any], source_id: str, path: str | None) -> Source:
    return Source(id=source_id, title=item.get("title"),
                  authors=tuple(_name(a) for a in item.get("author") or []),
                  url=item.get("URL"), platform=item.get("publisher")
                  or item.get("container-title"), published=_date(item),
                  kind=_KINDS.get(str(item.get("type"))), path=path)


def _quote(q: Mapping[str, Any], source_id: str) -> Quote:
    found = q.get("found_in") or {}
    position = next((s for s in found.get("selectors") or []
                     if s.get("type") == "TextPositionSelector"), None)
    start, end = (int(position["start"]), int(position["end"])) if position else (0, 0)
    fragment = found.get("media_fragment") or {}
    mention = (q.get("original") or {}).get("mention")
    return Quote(
        id=q["id"], text=q["text"], start=start, end=end,
        speaker=(q.get("speaker") or {}).get("name"), speaker_surface=q.get("speaker_surface"),
        cue=q.get("cue"), how=q.get("how") or "double-quote", why=q.get("why"),
        unclosed=bool(q.get("unclosed")),
        work=Work(**{k: mention.get(k) for k in ("kind", "title", "when", "url", "platform")})
        if mention else None,
        start_s=fragment.get("start_s"), end_s=fragment.get("end_s"),
        confidence=float(q.get("confidence", 1.0)),
        quoted_by=(found.get("quoted_by") or {}).get("name"), source_id=source_id)


def from_native(doc: Mapping[str, Any], name: str) -> Iterator[Extraction]:
    """Extractions from a native JSON document (``quotes`` and their ``works``), one per
    source, in the order the sources first appear."""
    try:
        works = doc.get("works") or {}
        sources: dict[str, Source] = {}
        by_source: dict[str, list[Quote]] = {}
        for q in doc.get("quotes") or []:
            found = q["found_in"]
            sid = str(found["source_id"])
            if sid not in sources:
                sources[sid] = _source(works.get(found.get("work"), {}), sid, found.get("path"))
                by_source[sid] = []
            by_source[sid].append(_quote(q, sid))
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
