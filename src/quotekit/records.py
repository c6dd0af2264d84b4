"""A compact, lossless JSON encoding of an :class:`Extraction` (its source and quotes).

Used by the result cache and to send results between processes or machines. Fields that
hold their default value are left out; decoding rebuilds the same frozen dataclasses, so
``extraction_from_dict(extraction_to_dict(e)) == e`` for any extraction without a
document (the document, the text as read, is not kept: it is as large as the file).
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any

from .model import Extraction, Quote, Source, Work


def _compact(obj: Source | Quote | Work) -> dict[str, Any]:
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


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    """``{"source": {...}, "quotes": [{...}, ...]}`` with default-valued fields left out."""
    return {"source": _compact(extraction.source),
            "quotes": [_compact(q) for q in extraction.quotes]}


def _quote(data: dict[str, Any]) -> Quote:
    work = data.get("work")
    if work is not None:
        data = {**data, "work": Work(**work)}
    return Quote(**data)


def extraction_from_dict(data: dict[str, Any]) -> Extraction:
    """The inverse of :func:`extraction_to_dict` (``document`` is ``None``)."""
    src = dict(data["source"])
    if "authors" in src:
        src["authors"] = tuple(src["authors"])
    return Extraction(source=Source(**src), quotes=tuple(_quote(q) for q in data["quotes"]))
