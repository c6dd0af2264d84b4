"""Note layout: frontmatter properties, ``> [!quote]`` callouts, block ids, escaping.

A quote block is the callout, one blank line, and ``^qk-...`` on its own line (the form
Obsidian documents for block ids on structured blocks). Quote text is escaped so that
it never makes a tag, link, embed, comment, block id, heading, list or HTML by accident.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote as urlquote

import regex

from ..links import clock, moment_url
from ..model import Extraction, Quote, Source, Work
from .names import safe_name, wikilink

SOURCE_TAG = "quotekit/source"
QUOTE_TAG = "quotekit/quote"
CALLOUT = "> [!quote]"
# Backslash-escaped everywhere: ASCII punctuation with a meaning in Obsidian Markdown.
_SPECIALS = regex.compile(r"([\\`*_\[\]#^%<>$=~|])")
_LINE_START = regex.compile(r"^(\s*)([-+>]|\d+[.)])")
_URL_UNSAFE = regex.compile(r"[\s()<>\[\]]")


@dataclass(frozen=True, slots=True)
class QuoteBlock:
    """One quote as quotekit writes it: ``callout`` lines, then a blank line and the id."""

    id: str
    callout: tuple[str, ...]
    text: str

    @property
    def lines(self) -> tuple[str, ...]:
        return (*self.callout, "", f"^{self.id}")

    @property
    def hash(self) -> str:
        return block_hash(self.callout)


def block_hash(callout: Sequence[str]) -> str:
    """8 hex characters of the callout's lines (line endings excluded)."""
    data = "\n".join(line.rstrip("\r\n") for line in callout).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:8]


@dataclass(frozen=True, slots=True)
class People:
    """How speaker names map to note names: known person notes first, else safe names."""

    stems: Mapping[str, str] = field(default_factory=dict)

    def stem(self, name: str) -> str:
        key = unicodedata.normalize("NFC", name).casefold()
        return self.stems.get(key) or safe_name(name)

    def link(self, name: str | None) -> str | None:
        return wikilink(self.stem(name)) if name and name.strip() else None


def escape(text: str) -> str:
    """Markdown text that shows ``text`` literally in Obsidian (one or more lines)."""
    out = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPECIALS.sub(r"\\\1", line)
        line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line, count=1)
        out.append(line)
    return "\n".join(out)


def url_for_link(url: str) -> str:
    """A URL that stays whole inside ``[text](url)``."""
    return str(_URL_UNSAFE.sub(lambda m: urlquote(m.group(), safe=""), url))


def callout_header(quote: Quote, source: Source, people: People) -> str:
    parts = []
    link = people.link(quote.speaker)
    if link:
        parts.append(link)
    when = clock(quote.start_s)
    if when:
        url = moment_url(source.url, quote.start_s)
        parts.append(f"[{when}]({url_for_link(url)})" if url else when)
    return CALLOUT + (" " + " · ".join(parts) if parts else "")


def cited_work(work: Work | None) -> str | None:
    """``a recent blog post``, or the work's title (a link when its URL is known)."""
    if work is None or not (work.title or work.kind or work.url):
        return None
    if work.title or work.url:
        name = escape(work.title or work.url or "")
        phrase = f"[{name}]({url_for_link(work.url)})" if work.url else f"*{name}*"
        details = ", ".join(escape(p) for p in (work.kind, work.when, work.platform) if p)
        return phrase + (f" ({details})" if details else "")
    words = " ".join(p for p in (work.when, work.kind) if p)
    article = "an" if words[:1].lower() in "aeiou" else "a"
    return escape(f"{article} {words}")


def quote_block(quote: Quote, source: Source, people: People, block_id: str | None = None
                ) -> QuoteBlock:
    """The block for ``quote``: header, text, and the cited work after a blank callout
    line; ``block_id`` keeps an id already in the vault."""
    body = [line.strip() for line in escape(quote.text).split("\n")]
    callout = [callout_header(quote, source, people), *(f"> {line}".rstrip() for line in body)]
    work = cited_work(quote.work)
    if work:
        callout += [">", f"> — {work}"]
    return QuoteBlock(id=block_id or quote.id, callout=tuple(callout), text=quote.text)


def source_title(source: Source) -> str:
    title = source.title or (source.path and source.path.rsplit("/", 1)[-1]) or source.id
    return " ".join(title.split())


def source_note_title(source: Source) -> str:
    """The name a new source note gets: ``YYYY-MM-DD Title`` when the date is known."""
    date = (source.published or "")[:10]
    title = source_title(source)
    return f"{date} {title}" if regex.match(r"^\d{4}-\d{2}-\d{2}$", date) else title


def speakers_of(extraction: Extraction, people: People) -> list[str]:
    links: list[str] = []
    for q in extraction.quotes:
        link = people.link(q.speaker)
        if link and link not in links:
            links.append(link)
    return links


def source_properties(extraction: Extraction, people: People,
                      blocks: Sequence[QuoteBlock]) -> dict[str, object]:
    """Properties of a per-source note, in the order they are written."""
    source = extraction.source
    title = source_title(source)
    props: dict[str, object] = {"title": title, "aliases": [title], "tags": [SOURCE_TAG],
                                "quotekit_id": source.id}
    if source.url:
        props["url"] = source.url
    if source.authors:
        props["authors"] = list(source.authors)
    props["speakers"] = speakers_of(extraction, people)
    if source.published:
        props["date"] = source.published[:10]
    props["quotekit_quotes"] = quote_records(blocks)
    return props


def quote_records(blocks: Sequence[QuoteBlock]) -> list[str]:
    """``quotekit_quotes`` entries, ``<id> <hash>``, sorted by id (stable bytes)."""
    return sorted(f"{b.id} {b.hash}" for b in blocks)


def source_body(extraction: Extraction, blocks: Sequence[QuoteBlock]) -> list[str]:
    lines = [f"# {escape(source_title(extraction.source))}", ""]
    for b in blocks:
        lines.extend([*b.lines, ""])
    lines.append("## Notes")
    return lines


def quote_note_title(quote: Quote, max_words: int = 8) -> str:
    words = quote.text.split()
    head = " ".join(words[:max_words]) + (" …" if len(words) > max_words else "")
    return f"{quote.speaker} - {head}" if quote.speaker else head


def quote_properties(quote: Quote, source: Source, people: People, block: QuoteBlock
                     ) -> dict[str, object]:
    """Properties of a per-quote note (Dataview/Bases-friendly, flat)."""
    props: dict[str, object] = {"title": " ".join(quote_note_title(quote).split()),
                                "tags": [QUOTE_TAG], "quotekit_id": quote.id,
                                "quotekit_source": source.id, "source": source_title(source)}
    link = people.link(quote.speaker)
    if link:
        props["speaker"] = link
    if source.url:
        props["url"] = moment_url(source.url, quote.start_s)
    if quote.start_s is not None:
        props["start_seconds"] = int(quote.start_s)
    if source.published:
        props["date"] = source.published[:10]
    props["confidence"] = round(quote.confidence, 3)
    props["quotekit_quotes"] = quote_records([block])
    return props


def quote_body(source: Source, block: QuoteBlock) -> list[str]:
    title = escape(source_title(source))
    where = f"[{title}]({url_for_link(source.url)})" if source.url else title
    return [*block.lines, "", f"Source: {where}", "", "## Notes"]
