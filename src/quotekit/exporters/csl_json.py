"""The ``csl-json`` exporter: the cited works as a CSL-JSON array (CSL 1.0.2)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..citation.catalog import Catalog
from ..hookspecs import hookimpl
from ..model import Extraction
from ..registry import Exporter, ExportOptions


def write_csl_json(extractions: Iterable[Extraction], out: TextIO,
                   options: ExportOptions) -> None:
    """Every source and every identified original work, once, in order of first sight."""
    catalog = Catalog()
    for ex in extractions:
        catalog.add(ex)
    json.dump(list(catalog.items.values()), out, ensure_ascii=False, indent=2)
    out.write("\n")


@hookimpl
def register_exporters(register: Any) -> None:
    register(Exporter(name="csl-json", write=write_csl_json, suffix=".json",
                      description="CSL-JSON works for Zotero, pandoc and citeproc"))
