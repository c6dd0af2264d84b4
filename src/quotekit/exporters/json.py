"""The native JSON document and JSON Lines exporters (both stream quote by quote)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ..citation.catalog import Catalog
from ..hookspecs import hookimpl
from ..model import Extraction
from ..native import FORMAT, GENERATOR, quote_record, source_record
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
    catalog = Catalog()
    for ex in extractions:
        for record in jsonl_records(ex, catalog):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()


@hookimpl
def register_exporters(register: Any) -> None:
    register(Exporter(name="json", write=write_json, suffix=".json",
                      description="Native JSON: quotes with selectors, works as CSL-JSON"))
    register(Exporter(name="jsonl", write=write_jsonl, suffix=".jsonl",
                      description="JSON Lines: one quote per line with its works, streamed"))
