"""The native JSON document and JSON Lines exporters (both stream quote by quote)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ..citation.catalog import Catalog
from ..hookspecs import hookimpl
from ..model import Extraction, Source, Work
from ..native import FORMAT, GENERATOR, quote_record, source_record
from ..records import source_from_dict, source_to_dict, work_to_dict
from ..registry import Exporter, ExportOptions


def _indented(value: Any, indent: str) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def write_json(extractions: Iterable[Extraction], out: TextIO, options: ExportOptions) -> None:
    """One document: quotes written as they are found, then the sources read and the
    works cited."""
    catalog = Catalog()
    out.write("{\n")
    out.write(f'  "quotekit_format": {json.dumps(FORMAT)},\n')
    out.write(f'  "generator": {json.dumps(GENERATOR)},\n')
    out.write('  "quotes": [')
    first = True
    sources = []
    for ex in extractions:
        cited_quotes = catalog.add(ex)
        sources.append(source_record(ex.source, catalog.add_source(ex.source)))
        for cited in cited_quotes:
            out.write(("\n    " if first else ",\n    ")
                      + _indented(quote_record(cited, ex), "    "))
            first = False
    out.write("\n  ],\n" if not first else "],\n")
    out.write('  "sources": ' + _indented(sources, "  ") + ",\n")
    out.write('  "works": ' + _indented(catalog.items, "  ") + "\n}\n")


def jsonl_records(extraction: Extraction, catalog: Catalog | None = None
                  ) -> Iterator[dict[str, Any]]:
    """The ``jsonl`` exporter's lines for one extraction: each quote with its source and
    the works it refers to, so each line stands alone (also what ``quotekit.dask``
    yields)."""
    catalog = Catalog() if catalog is None else catalog
    for cited in catalog.add(extraction):
        record = quote_record(cited, extraction)
        keys = [cited.found_in] + ([cited.original] if cited.original else [])
        record["source"] = source_record(extraction.source, cited.found_in)
        record["works"] = {k: catalog.items[k] for k in keys}
        record["quotekit_format"] = FORMAT
        yield record


def write_jsonl(extractions: Iterable[Extraction], out: TextIO, options: ExportOptions) -> None:
    """One line per quote, with the works it refers to, so each line stands alone."""
    chunks = JsonlChunks(options)
    for ex in extractions:
        for line in chunks.render(ex):
            out.write(line)
        out.flush()


#: Source items the jsonl stream keeps (see Catalog); keys are kept for good.
RECENT_SOURCES = 64


class JsonlChunks:
    """The ``jsonl`` stream one extraction at a time (a
    :class:`~quotekit.registry.ChunkWriter`). A file's lines depend on the catalog
    before it only through its source's key and the keys and items of the works it
    cites, which the context digest covers; the inputs are the source and the distinct
    (work, speaker) pairs of its quotes, in order."""

    cache_id = f"jsonl/{FORMAT}"

    def __init__(self, options: ExportOptions | None = None) -> None:
        # Each file's lines carry their own works: a source's item is needed while its
        # file is written, not for the rest of the stream.
        self.catalog = Catalog(recent_sources=RECENT_SOURCES)

    def render(self, extraction: Extraction) -> Iterator[str]:
        """The lines of one extraction."""
        for record in jsonl_records(extraction, self.catalog):
            yield json.dumps(record, ensure_ascii=False) + "\n"

    def remember(self, extraction: Extraction) -> tuple[Any, str]:
        works = list(dict.fromkeys((q.work, q.speaker) for q in extraction.quotes
                                   if q.work is not None))
        inputs = {"source": source_to_dict(extraction.source),
                  "works": [[work_to_dict(w), speaker] for w, speaker in works]}
        return inputs, self._apply(extraction.source, works)

    def replay(self, inputs: Any) -> str | None:
        try:
            source = source_from_dict(inputs["source"])
            works = [(Work(**w), speaker) for w, speaker in inputs["works"]]
        except (TypeError, KeyError, ValueError):
            return None
        return self._apply(source, works)

    def _apply(self, source: Source, works: list[tuple[Work, str | None]]) -> str:
        """Register a file's source and works (again: the catalog keeps first sights)
        and digest what its lines take from the catalog."""
        found_in = self.catalog.add_source(source)
        keys = [self.catalog.add_original(w, speaker, found_in) for w, speaker in works]
        used = sorted({found_in, *(k for k in keys if k is not None)})
        context = [found_in, keys, {k: self.catalog.items[k] for k in used}]
        raw = json.dumps(context, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.blake2b(raw, digest_size=20).hexdigest()


@hookimpl
def register_exporters(register: Any) -> None:
    register(Exporter(name="json", write=write_json, suffix=".json",
                      description="Native JSON: quotes with selectors, works as CSL-JSON"))
    register(Exporter(name="jsonl", write=write_jsonl, suffix=".jsonl", chunks=JsonlChunks,
                      description="JSON Lines: one quote per line with its works, streamed"))
