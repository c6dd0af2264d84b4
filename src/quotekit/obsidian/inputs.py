"""What ``sync`` reads: transcripts through the extractor, or quotekit's own JSON.

A ``.json`` file holding ``quotekit_format`` (the output of ``quotekit extract -t json``)
is loaded as it is, so that quotes extracted once (or reviewed by hand) can be synced
without extracting again. Anything else goes through a reader and the extractor.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import QuotekitError, ReadError
from ..extraction.speakers import SpeakerIndex
from ..model import Extraction, Quote, Source, Work
from ..registry import ReadOptions

if TYPE_CHECKING:
    from ..cache import ResultCache


def _native(path: Path) -> dict[str, Any] | None:
    if path.suffix.lower() != ".json" or not path.is_file():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return doc if isinstance(doc, dict) and "quotekit_format" in doc else None


_WORK_FIELDS = ("kind", "title", "when", "url", "platform")


def _source(s: Mapping[str, Any]) -> Source:
    return Source(id=str(s["id"]), title=s.get("title"),
                  authors=tuple(str(a) for a in s.get("authors") or ()), url=s.get("url"),
                  platform=s.get("platform"), published=s.get("published"),
                  kind=s.get("kind"), path=s.get("path"), language=s.get("language"))


def _quote(q: Mapping[str, Any]) -> Quote:
    work = q.get("work")
    return Quote(
        id=str(q["id"]), text=str(q["text"]), start=int(q.get("start") or 0),
        end=int(q.get("end") or 0), speaker=q.get("speaker"),
        speaker_surface=q.get("speaker_surface"), cue=q.get("cue"),
        how=q.get("how") or "double-quote", why=q.get("why"), unclosed=bool(q.get("unclosed")),
        work=Work(**{k: work.get(k) for k in _WORK_FIELDS}) if work else None,
        start_s=q.get("start_s"), end_s=q.get("end_s"),
        confidence=float(q.get("confidence", 1.0)), quoted_by=q.get("quoted_by"),
        source_id=str(q["source"]))


def from_native(doc: Mapping[str, Any], name: str) -> Iterator[Extraction]:
    """Extractions from a native JSON document (its flat ``sources`` and ``quotes``),
    one per source, in the order of ``sources``."""
    try:
        sources = {str(s["id"]): _source(s) for s in doc.get("sources") or []}
        by_source: dict[str, list[Quote]] = {sid: [] for sid in sources}
        for q in doc.get("quotes") or []:
            by_source[str(q["source"])].append(_quote(q))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ReadError(f"{name}: not a valid quotekit JSON document ({exc!r})") from None
    for sid, source in sources.items():
        yield Extraction(source=source, quotes=tuple(by_source[sid]))


def extractions(paths: Sequence[str], speakers: SpeakerIndex,
                report: Callable[[QuotekitError], None], *, jobs: int = 1,
                cache: ResultCache | None = None, reader: str | None = None,
                options: ReadOptions | None = None) -> Iterator[Extraction]:
    """Each path in turn (folders recursively); a bad file is reported and skipped.

    Transcripts go through :func:`quotekit.batch.extract_paths`: ``jobs`` worker
    processes, results in input order, and with a ``cache`` (the one ``quotekit
    extract`` uses) an unchanged transcript is not extracted again. quotekit JSON files
    are loaded as they are, in their place in the order."""
    from ..batch import extract_paths
    from ..reading import iter_paths

    def extracted(batch: list[str]) -> Iterator[Extraction]:
        if not batch:
            return
        for result in extract_paths(batch, jobs=jobs, cache=cache, speakers=speakers,
                                    reader=reader, options=options):
            if isinstance(result, QuotekitError):
                report(result)
            else:
                yield result

    batch: list[str] = []  # transcripts waiting, in order, for the next JSON file or the end
    for item in iter_paths(paths):
        if isinstance(item, ReadError):
            yield from extracted(batch)
            batch = []
            report(item)
            continue
        doc = _native(Path(item)) if item != "-" else None
        if doc is None:
            batch.append(item)
            continue
        yield from extracted(batch)
        batch = []
        try:
            yield from from_native(doc, item)
        except QuotekitError as exc:
            report(exc)
    yield from extracted(batch)
