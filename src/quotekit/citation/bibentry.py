"""BibTeX and biblatex entries derived from CSL items.

biblatex (UTF-8): ``@video`` for ``motion_picture``, ``@audio`` for ``broadcast`` and
``song``, ``@online`` for posts, web pages and anything else with a URL, ``@book``,
``@misc`` otherwise; ``date``, ``organization``, ``langid``; an original work points to
the work it was quoted in with ``related``/``relatedtype={default}``/``relatedstring``.
Classic BibTeX (ASCII): always ``@misc`` with ``howpublished``, ``year``, ``month`` and a
plain-text ``note`` for "quoted in", since BibTeX and pandoc ignore ``related``.
``url`` is verbatim: written raw, only whitespace and braces percent-encoded.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..links import moment_url
from . import latex
from .catalog import CitedQuote
from .csl import LANGUAGES, year_of
from .names import bib_name, display_name, split_name

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
BIBLATEX_TYPES = {"motion_picture": "video", "broadcast": "audio", "song": "audio",
                  "book": "book"}
#: How classic BibTeX's ``howpublished`` describes a CSL type.
HOWPUBLISHED = {"motion_picture": "video", "broadcast": "Podcast episode",
                "post-weblog": "Blog post", "post": "Post", "speech": "Talk",
                "webpage": "Web page"}
Field = tuple[str, str]


def timestamp(seconds: float | None) -> str | None:
    """``754.2`` -> ``00:12:34`` (a CSL ``timestamp`` locator)."""
    if seconds is None:
        return None
    t = max(0, int(seconds))
    return f"{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}"


def verbatim_url(url: str) -> str:
    """A URL safe inside ``url = {...}``: whitespace and braces percent-encoded."""
    return "".join({" ": "%20", "{": "%7B", "}": "%7D", "\\": "%5C"}.get(c, c)
                   if not c.isspace() else "%20" for c in url.strip())


def _date(item: dict[str, Any]) -> str | None:
    parts = (item.get("issued") or {}).get("date-parts")
    if not parts:
        return None
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts[0]))


def _venue(item: dict[str, Any]) -> str | None:
    return item.get("container-title") or item.get("publisher")


def describe(item: dict[str, Any]) -> str:
    """Plain text for a work: ``Dwarkesh Patel, “What are we scaling?” (YouTube video, 2025)``."""
    people = [display_name(a) for a in item.get("author", [])]
    authors = people[0] + " et al." if len(people) > 2 else " and ".join(people)
    what = ", ".join(p for p in (_howpublished(item), str(year_of(item) or "")) if p)
    title = f"“{item['title']}”" if item.get("title") else ""
    head = ", ".join(p for p in (authors, title) if p) or item["id"]
    return f"{head} ({what})" if what else head


def _howpublished(item: dict[str, Any]) -> str:
    kind = HOWPUBLISHED.get(item["type"], "")
    venue = _venue(item) or ""
    if item["type"] == "motion_picture":
        return f"{venue} video".strip()
    return ", ".join(p for p in (kind, venue) if p)


def _names(item: dict[str, Any], ascii: bool) -> str | None:
    authors = item.get("author") or []
    if not authors:
        return None
    return " and ".join(bib_name(a, lambda t: latex.escape(t, ascii=ascii)) for a in authors)


def work_fields(item: dict[str, Any], *, ascii: bool) -> tuple[str, list[Field]]:
    """(entry type, fields as TeX) for a work; the quoted-in relation is added by the caller."""
    def esc(text: str) -> str:
        return latex.escape(text, ascii=ascii)

    fields: list[Field] = []
    if (names := _names(item, ascii)) is not None:
        fields.append(("author", names))
    if item.get("title"):
        fields.append(("title", latex.title(item["title"], ascii=ascii)))
    if ascii:
        entry_type = "misc"
        if how := _howpublished(item):
            fields.append(("howpublished", esc(how)))
        if (year := year_of(item)) is not None:
            fields.append(("year", str(year)))
            parts = item["issued"]["date-parts"][0]
            if len(parts) > 1 and 1 <= int(parts[1]) <= 12:
                fields.append(("month", MONTHS[int(parts[1]) - 1]))
    else:
        entry_type = BIBLATEX_TYPES.get(item["type"]) or ("online" if item.get("URL") else "misc")
        if date := _date(item):
            fields.append(("date", date))
        if venue := _venue(item):
            venue_tex = esc(venue)
            if " and " in f" {venue} ":
                venue_tex = "{" + venue_tex + "}"  # a literal list: protect "and"
            fields.append(("publisher" if entry_type == "book" else "organization", venue_tex))
        if entry_type == "misc" and (how := _howpublished(item)):
            fields.append(("howpublished", esc(how)))
    if item.get("URL"):
        fields.append(("url", verbatim_url(item["URL"])))
    if not ascii and (lang := LANGUAGES.get((item.get("language") or "")[:2])):
        fields.append(("langid", lang))
    return entry_type, fields


def relation_fields(item: dict[str, Any], quoted_in: list[dict[str, Any]], *,
                    ascii: bool) -> list[Field]:
    """"Quoted in": biblatex ``related*``; BibTeX a plain-text ``note``."""
    if not quoted_in:
        return []
    if ascii:
        note = "; ".join("Quoted in " + describe(q) for q in quoted_in)
        return [("note", latex.escape(note, ascii=True))]
    return [("related", ",".join(q["id"] for q in quoted_in)),
            ("relatedtype", "default"), ("relatedstring", "Quoted in")]


def quote_fields(cited: CitedQuote, found_in: dict[str, Any], *, ascii: bool,
                 words: int = 12) -> list[Field]:
    """Fields of the optional ``@misc`` entry for one quote."""
    quote = cited.quote
    def esc(text: str) -> str:
        return latex.escape(text, ascii=ascii)

    fields: list[Field] = []
    speaker = quote.speaker
    if speaker:
        fields.append(("author", bib_name(split_name(speaker), esc)))
    opening = quote.text.split()
    title = " ".join(opening[:words]) + (" …" if len(opening) > words else "")
    fields.append(("title", latex.title(title, ascii=ascii)))
    where = "Quoted in " + describe(found_in)
    if (stamp := timestamp(quote.start_s)) is not None:
        where += f", at {stamp}"
    fields.append(("howpublished", esc(where)))
    if (year := year_of(found_in)) is not None:
        fields.append(("year" if ascii else "date", str(year)))
    if url := moment_url(found_in.get("URL"), quote.start_s):
        fields.append(("url", verbatim_url(url)))
    if not ascii:
        fields.append(("xref", found_in["id"]))
        fields.append(("keywords", "quotekit-quote"))
    note = f"quotekit quote {quote.id}"
    if speaker:
        note += f"; speaker: {speaker}"
    if cited.original:
        note += f"; original: {cited.original}"
    fields.append(("note" if ascii else "annotation", esc(note)))
    return fields


def format_entry(entry_type: str, key: str, fields: Iterable[Field]) -> str:
    """``@type{key,\\n  field = {value},\\n}`` with aligned ``=`` signs."""
    lines = [f"@{entry_type}{{{key},"]
    for name, value in fields:
        rendered = value if name == "month" else "{" + value + "}"
        lines.append(f"  {name:<12} = {rendered},")
    return "\n".join(lines) + "\n}\n"

