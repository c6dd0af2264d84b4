"""quotekit plugin: ``-t logseq`` writes one Logseq page per source."""

from __future__ import annotations

from collections.abc import Callable

import quotekit

from .pages import write_pages

__version__ = "0.1.0"
__all__ = ["register_exporters", "write_pages"]


@quotekit.hookimpl
def register_exporters(register: Callable[[quotekit.Exporter], None]) -> None:
    register(quotekit.Exporter(
        name="logseq", write=write_pages, target="folder", suffix=".md",
        description="Logseq pages: key:: value properties, one block per quote",
    ))
