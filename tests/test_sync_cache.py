"""`quotekit sync` shares the extraction cache of `quotekit extract`."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import EXAMPLES
from tests.obsidian_support import run, snapshot


def test_sync_fills_and_reuses_the_extraction_cache(tmp_path: Path) -> None:
    example = tmp_path / "talk.txt"
    shutil.copy(EXAMPLES / "what-are-we-scaling.txt", example)
    cache, vault, plain = tmp_path / "cache", tmp_path / "vault", tmp_path / "plain"
    vault.mkdir()
    plain.mkdir()
    first = run("sync", vault, example, "--cache", cache)
    assert first.code == 0, first.stderr
    entries = sorted(p for p in cache.rglob("*") if p.is_file())
    assert entries, "sync wrote nothing to the cache"
    # An extract run over the same file is served from that cache...
    again = run("extract", example, "--cache", cache, "-t", "jsonl")
    assert again.code == 0 and "from the cache" in again.stderr, again.stderr
    # ...and a sync without any cache writes the same vault.
    assert run("sync", plain, example, "--no-cache").code == 0
    assert snapshot(plain) == snapshot(vault)


def test_cache_and_no_cache_together_is_a_usage_error(tmp_path: Path) -> None:
    result = run("sync", tmp_path, EXAMPLES / "what-are-we-scaling.txt", "--no-cache",
                 "--cache", tmp_path / "c")
    assert result.code == 2 and "contradict" in result.stderr
