"""A compact, lossless JSON encoding of an :class:`Extraction`: source, quotes, document.

Used by the result cache. Fields that hold their default value are left out; decoding
rebuilds the same frozen dataclasses, so
``extraction_from_dict(extraction_to_dict(e)) == e``. The document's text, as large as
the file, can be left out when the caller can give it back on decoding (for plain text
it is the decoded file itself): ``extraction_to_dict(e, text=False)`` and
``extraction_from_dict(d, text=...)``.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any

from .model import Document, Extraction, Quote, Segment, Source, Work


def _compact(obj: Source | Quote | Work | Segment) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if f.default is not MISSING and value == f.default:
            continue
        if f.default_factory is not MISSING and value == f.default_factory():
            continue
        if isinstance(value, Work):
            value = _compact(value)
        elif isinstance(value, tuple):
            value = list(value)
        elif f.name == "extra":
            value = dict(value)
        out[f.name] = value
    return out


def _document(doc: Document, text: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"reader": doc.reader, "text": doc.text if text else None}
    if doc.segments:
        out["segments"] = [_compact(s) for s in doc.segments]
    if doc.skip:
        out["skip"] = [list(r) for r in doc.skip]
    if doc.breaks:
        out["breaks"] = list(doc.breaks)
    return out


def extraction_to_dict(extraction: Extraction, *, text: bool = True) -> dict[str, Any]:
    """``{"source": {...}, "quotes": [...], "document": {...} | None}``, default-valued
    fields left out; ``text=False`` leaves out the document's text (``"text": null``)."""
    doc = extraction.document
    return {"source": _compact(extraction.source),
            "quotes": [_compact(q) for q in extraction.quotes],
            "document": None if doc is None else _document(doc, text)}


def source_to_dict(source: Source) -> dict[str, Any]:
    """A source as JSON (default-valued fields left out)."""
    return _compact(source)


def source_from_dict(data: dict[str, Any]) -> Source:
    """The inverse of :func:`source_to_dict`."""
    src = dict(data)
    if "authors" in src:
        src["authors"] = tuple(src["authors"])
    return Source(**src)


def work_to_dict(work: Work) -> dict[str, Any]:
    """A work mention as JSON (default-valued fields left out)."""
    return _compact(work)


def _quote(data: dict[str, Any]) -> Quote:
    work = data.get("work")
    if work is not None:
        data = {**data, "work": Work(**work)}
    return Quote(**data)


def extraction_from_dict(data: dict[str, Any], *, text: str | None = None) -> Extraction:
    """The inverse of :func:`extraction_to_dict`; ``text`` is the document's text when
    it was left out."""
    source = source_from_dict(data["source"])
    document = None
    if data.get("document") is not None:
        d = data["document"]
        doc_text = d["text"] if d["text"] is not None else text
        if doc_text is None:
            raise ValueError("the document's text was left out and not given back")
        document = Document(
            text=doc_text, source=source, reader=d["reader"],
            segments=tuple(Segment(**s) for s in d.get("segments", ())),
            skip=tuple((a, b) for a, b in d.get("skip", ())),
            breaks=tuple(d.get("breaks", ())),
        )
    return Extraction(source=source, quotes=tuple(_quote(q) for q in data["quotes"]),
                      document=document)
