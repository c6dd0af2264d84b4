"""CSL-JSON items (CSL 1.0.2) for sources and for the works quotes are cited from.

Items follow the shapes in the project's citation reference: a video is
``motion_picture`` with ``genre: "Video"`` and the platform as ``publisher``; a podcast
episode is ``broadcast`` with the show as ``container-title``; a blog post is
``post-weblog``. Dates are ``date-parts`` objects (the CSL schema rejects bare strings);
titles are stored as published. quotekit's own data goes under ``custom.quotekit``.
"""

from __future__ import annotations

from typing import Any

import regex

from ..model import Source, Work
from .names import split_name

#: Source.kind -> (CSL type, genre).
SOURCE_TYPES: dict[str, tuple[str, str | None]] = {
    "video": ("motion_picture", "Video"),
    "podcast": ("broadcast", "Podcast episode"),
    "talk": ("speech", None),
    "post": ("post-weblog", None),
    "article": ("article", None),
    "book": ("book", None),
}
#: Work.kind (a noun phrase from the text) -> CSL type.
WORK_TYPES: dict[str, str] = {
    "blog post": "post-weblog", "blog": "post-weblog", "post": "post-weblog",
    "essay": "article", "article": "article", "op-ed": "article-newspaper",
    "paper": "article", "preprint": "article", "book": "book", "novel": "book",
    "tweet": "post", "thread": "post", "talk": "speech", "lecture": "speech",
    "speech": "speech", "podcast": "broadcast", "episode": "broadcast",
    "video": "motion_picture", "film": "motion_picture", "interview": "interview",
    "letter": "personal_communication", "email": "personal_communication",
    "report": "report", "song": "song",
}
LANGUAGES = {"en": "english", "de": "german", "fr": "french", "es": "spanish",
             "it": "italian", "nl": "dutch", "pt": "portuguese"}
_DATE = regex.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_YEAR = regex.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def date_item(value: str | None) -> dict[str, Any] | None:
    """``2025-03-05`` -> ``{"date-parts": [[2025, 3, 5]]}``; free text as ``literal``."""
    if not value:
        return None
    match = _DATE.match(value.strip())
    if not match:
        return {"literal": value.strip()}
    parts = [int(p) for p in match.groups() if p]
    return {"date-parts": [parts]}


def year_of(item: dict[str, Any]) -> int | None:
    """The first year of an item's ``issued`` date."""
    parts = (item.get("issued") or {}).get("date-parts")
    return int(parts[0][0]) if parts and parts[0] else None


def names(values: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    return [n for n in (split_name(v) for v in values) if n]


def _language(value: str | None) -> str | None:
    return value.strip().lower().replace("_", "-") if value and value.strip() else None


def _put(item: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", [], {}):
        item[key] = value


def source_item(source: Source, key: str) -> dict[str, Any]:
    """The CSL item for the video, episode, post ... a document came from."""
    csl_type, genre = SOURCE_TYPES.get(source.kind or "", ("", None))
    if not csl_type:
        csl_type = "webpage" if source.url else "document"
    item: dict[str, Any] = {"id": key, "citation-key": key, "type": csl_type}
    _put(item, "title", source.title)
    _put(item, "author", names(source.authors))
    _put(item, "genre", genre)
    extra = source.extra or {}
    container = extra.get("show") or extra.get("blog") or extra.get("site")
    if csl_type in {"broadcast", "post-weblog"}:
        _put(item, "container-title", str(container or source.platform or "") or None)
    else:
        _put(item, "publisher", source.platform)
    _put(item, "issued", date_item(source.published))
    _put(item, "URL", source.url)
    _put(item, "language", _language(source.language))
    item["custom"] = {"quotekit": {"source_id": source.id}}
    return item


def is_identified(work: Work | None) -> bool:
    """Whether the text names a work well enough for a bibliography entry."""
    return work is not None and bool(work.title or work.url)


def work_item(work: Work, speaker: str | None, key: str, quoted_in: str) -> dict[str, Any]:
    """The CSL item for the original work a quote comes from (its title or URL known)."""
    kind = (work.kind or "").strip().lower()
    csl_type = WORK_TYPES.get(kind) or WORK_TYPES.get(kind.split(" ")[-1], "")
    if not csl_type:
        csl_type = "webpage" if work.url else "document"
    item: dict[str, Any] = {"id": key, "citation-key": key, "type": csl_type}
    _put(item, "title", work.title)
    _put(item, "author", names((speaker,)) if speaker else None)
    if csl_type in {"broadcast", "post-weblog", "post"}:
        _put(item, "container-title", work.platform)
    else:
        _put(item, "publisher", work.platform)
    year = _YEAR.search(work.when or "")
    if year:
        item["issued"] = {"date-parts": [[int(year.group(1))]]}
    _put(item, "URL", work.url)
    item["custom"] = {"quotekit": {"quoted_in": [quoted_in]}}
    return item
