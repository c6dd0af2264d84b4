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


def test_sync_with_workers_writes_what_one_process_writes(tmp_path: Path) -> None:
    # A folder of transcripts with a quotekit JSON file in the middle of the walk: two
    # worker processes, and the JSON loaded in its place, give the same vault as one.
    from tests.batch_corpus import write_corpus

    files = write_corpus(tmp_path / "in")
    bad = tmp_path / "in" / "part0" / "zz-bad.txt"
    bad.write_bytes(b"\xff\xfe\x00broken")  # reported, the rest goes on
    exported = tmp_path / "in" / "part1" / "a-exported.json"
    made = run("extract", files[0], "--no-cache", "-o", exported)
    assert made.code == 0, made.stderr
    vaults = {}
    for jobs in ("1", "2"):
        vault = tmp_path / f"vault{jobs}"
        vault.mkdir()
        result = run("sync", vault, tmp_path / "in", "--no-cache", "-j", jobs)
        assert result.code == 1 and "zz-bad.txt" in result.stderr, result.stderr
        vaults[jobs] = snapshot(vault)
    assert vaults["1"] == vaults["2"] and len(vaults["1"]) >= len(files) // 2
