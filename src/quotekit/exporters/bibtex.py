"""The ``biblatex`` (UTF-8) and ``bibtex`` (ASCII) exporters: one entry per work.

Sources are written as they arrive; original works follow at the end, when every
source that quotes them is known (for the "quoted in" relation). With ``--bib-quotes``
each quote also gets an ``@misc`` entry, written right after its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from ..citation.bibentry import format_entry, quote_fields, relation_fields, work_fields
from ..citation.catalog import Catalog
from ..hookspecs import hookimpl
from ..model import Extraction
from ..registry import Exporter, ExportOptions


def write_bib(extractions: Iterable[Extraction], out: TextIO, options: ExportOptions, *,
              ascii: bool) -> None:
    catalog = Catalog()
    written: set[str] = set()
    originals: list[str] = []
    for ex in extractions:
        cited = catalog.add(ex)
        key = catalog.add_source(ex.source)
        if key not in written:
            written.add(key)
            entry_type, fields = work_fields(catalog.items[key], ascii=ascii)
            out.write(format_entry(entry_type, key, fields) + "\n")
        for c in cited:
            if c.original and c.original not in originals:
                originals.append(c.original)
            if options.bib_quotes:
                fields = quote_fields(c, catalog.items[c.found_in], ascii=ascii)
                out.write(format_entry("misc", catalog.quote_key(c), fields) + "\n")
        out.flush()
    for key in originals:
        item = catalog.items[key]
        entry_type, fields = work_fields(item, ascii=ascii)
        quoted_in = [catalog.items[k] for k in item["custom"]["quotekit"]["quoted_in"]]
        fields += relation_fields(item, quoted_in, ascii=ascii)
        out.write(format_entry(entry_type, key, fields) + "\n")


def write_biblatex(extractions: Iterable[Extraction], out: TextIO,
                   options: ExportOptions) -> None:
    write_bib(extractions, out, options, ascii=False)


def write_bibtex(extractions: Iterable[Extraction], out: TextIO,
                 options: ExportOptions) -> None:
    write_bib(extractions, out, options, ascii=True)


@hookimpl
def register_exporters(register: Any) -> None:
    register(Exporter(name="biblatex", write=write_biblatex, suffix=".bib",
                      description="biblatex, UTF-8: @video, @audio, @online (biber, pandoc)"))
    register(Exporter(name="bibtex", write=write_bibtex, suffix=".bib",
                      description="Classic BibTeX, ASCII: @misc with howpublished"))
