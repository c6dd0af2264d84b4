"""The jsonl stream keeps only recent source items: memory does not grow by a CSL item
per file, keys stay unique, and the output is the same as with every item kept."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from quotekit.batch import extract_paths
from quotekit.citation.catalog import Catalog
from quotekit.exporters import json as json_exporter
from quotekit.model import Extraction, Source
from quotekit.registry import ExportOptions
from tests.batch_corpus import write_corpus


def _source(i: int) -> Source:
    return Source(id=f"src-{i}", title=f"Talk number {i}", authors=("Ada Lovelace",),
                  url=f"https://example.org/talk/{i}")


def test_only_recent_source_items_are_kept() -> None:
    catalog = Catalog(recent_sources=3)
    keys = [catalog.add_source(_source(i)) for i in range(10)]
    assert len(set(keys)) == 10  # every key unique, though most items were let go
    assert set(catalog.items) == set(keys[-3:])
    # A source seen again gets its first key back, and the same item.
    unbounded = Catalog()
    for i in range(10):
        unbounded.add_source(_source(i))
    first_item = unbounded.items[keys[0]]
    assert catalog.add_source(_source(0)) == keys[0]
    assert catalog.items[keys[0]] == first_item
    assert len(catalog.items) == 3


def _jsonl(extractions: list[Extraction]) -> str:
    out = io.StringIO()
    json_exporter.write_jsonl(extractions, out, ExportOptions())
    return out.getvalue()


def test_bounded_catalog_writes_the_same_lines(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path, copies=3)
    extractions = [x for x in extract_paths([str(tmp_path)]) if isinstance(x, Extraction)]
    monkeypatch.setattr(json_exporter, "RECENT_SOURCES", None)
    everything = _jsonl(extractions)
    monkeypatch.setattr(json_exporter, "RECENT_SOURCES", 1)
    assert everything and _jsonl(extractions) == everything
