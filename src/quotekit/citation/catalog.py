"""The works a stream of extractions cites, each under one citation key.

A :class:`Catalog` is fed extractions one at a time (so exporters can stream): the
source of each becomes a work, and so does every original work a quote identifies
(title or URL known). The same source or work seen twice keeps its first key; keys
pinned in a source's metadata (``citation-key``/``citekey``) are kept as written.

A stream that writes each file's works with its own lines (``jsonl``) needs a source's
item only while that file is written: ``Catalog(recent_sources=N)`` keeps the items of
the last N sources only (their keys are kept for good, so keys stay unique), and memory
no longer grows by a CSL item per file over a corpus of many thousands of files. A
source seen again after it was let go gets its item back from that file's source.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from ..model import Extraction, Quote, Source, Work
from .csl import is_identified, source_item, work_item, year_of
from .keys import KeyAllocator, base_key
from .names import family_with_particle, split_name

PINNED_KEY_FIELDS = ("citation-key", "citation_key", "citekey")


@dataclass(frozen=True, slots=True)
class CitedQuote:
    """A quote with the keys of the work it was found in and, if known, its original."""

    quote: Quote
    found_in: str
    original: str | None


def _first_family(item: dict[str, Any]) -> str:
    authors = item.get("author") or []
    return family_with_particle(authors[0]) if authors else ""


def _work_identity(work: Work, speaker: str | None) -> str:
    parts = (work.url or "", (work.title or "").casefold(), (speaker or "").casefold())
    return "work:" + "\x00".join(" ".join(p.split()) for p in parts)


class Catalog:
    """Citation keys and CSL items for every work seen so far, in order of first sight."""

    def __init__(self, *, recent_sources: int | None = None) -> None:
        self.keys = KeyAllocator()
        self.items: dict[str, dict[str, Any]] = {}
        self._by_identity: dict[str, str] = {}
        self._recent_sources = recent_sources
        self._sources: OrderedDict[str, None] = OrderedDict()  # source keys, oldest first

    def _allocate(self, item: dict[str, Any], pinned: str | None = None) -> str:
        if pinned and self.keys.reserve(pinned):
            return pinned
        return self.keys.allocate(base_key(_first_family(item), item.get("title"),
                                           year_of(item)))

    def add_source(self, source: Source) -> str:
        """The key of ``source``, creating its item on first sight."""
        identity = "source:" + source.id
        key = self._by_identity.get(identity)
        if key is None:
            draft = source_item(source, "")
            pinned = next((str(source.extra[f]) for f in PINNED_KEY_FIELDS
                           if (source.extra or {}).get(f)), None)
            key = self._allocate(draft, pinned)
            self._by_identity[identity] = key
        if key not in self.items:  # first sight, or let go (recent_sources)
            self.items[key] = source_item(source, key)
        if self._recent_sources is not None:
            self._sources[key] = None
            self._sources.move_to_end(key)
            while len(self._sources) > self._recent_sources:
                old, _ = self._sources.popitem(last=False)
                self.items.pop(old, None)
        return key

    def add_original(self, work: Work | None, speaker: str | None, found_in: str) -> str | None:
        """The key of the work a quote was taken from, or None when not identified."""
        if work is None or not is_identified(work):
            return None
        identity = _work_identity(work, speaker)
        if identity in self._by_identity:
            key = self._by_identity[identity]
            quoted_in = self.items[key]["custom"]["quotekit"]["quoted_in"]
            if found_in not in quoted_in:
                quoted_in.append(found_in)
            return key
        key = self._allocate(work_item(work, speaker, "", found_in))
        self.items[key] = work_item(work, speaker, key, found_in)
        self._by_identity[identity] = key
        return key

    def add(self, extraction: Extraction) -> list[CitedQuote]:
        """Register an extraction's works; its quotes with their keys."""
        found_in = self.add_source(extraction.source)
        return [CitedQuote(q, found_in, self.add_original(q.work, q.speaker, found_in))
                for q in extraction.quotes]

    def quote_key(self, cited: CitedQuote) -> str:
        """A key for a per-quote entry: speaker, opening words, year of the source."""
        speaker = split_name(cited.quote.speaker or "")
        family = family_with_particle(speaker) if speaker else ""
        year = year_of(self.items[cited.found_in])
        return self.keys.allocate(base_key(family, cited.quote.text, year))
