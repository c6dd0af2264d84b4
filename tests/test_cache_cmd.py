"""``quotekit cache info|prune``: what the cache holds; pruning by time of use is safe
(a pruned entry is re-extracted, the output never changes)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from quotekit.cache import TOUCH_AFTER, ResultCache
from quotekit.cli.cache_cmd import parse_age
from quotekit.errors import UsageError
from tests.batch_corpus import write_corpus
from tests.clirun import run


def _fill(tmp_path: Path) -> tuple[Path, Path, str]:
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    write_corpus(corpus)
    code, out, err = run(["extract", str(corpus), "-t", "jsonl", "-j", "1", "-q",
                          "--cache", str(cache)])
    assert code == 0, err
    return corpus, cache, out


def _age_all(cache: Path, seconds: float) -> None:
    then = time.time() - seconds
    for p in cache.rglob("*"):
        if p.is_file():
            os.utime(p, (then, then))


def test_info_counts_what_a_run_stored(tmp_path: Path) -> None:
    corpus, cache, _ = _fill(tmp_path)
    code, out, _ = run(["cache", "info", "--cache", str(cache), "--json"])
    assert code == 0
    info = json.loads(out)
    kinds = {k["kind"]: k for k in info["kinds"]}
    files = [p for p in corpus.rglob("*") if p.is_file()]
    # One result and one jsonl chunk per file; sizes add up to what is on disk.
    assert kinds["results"]["entries"] == len(files)
    assert kinds["chunks"]["entries"] == len(files)
    on_disk = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file())
    assert info["bytes"] == on_disk
    code, out, _ = run(["cache", "info", "--cache", str(cache)])
    assert code == 0 and str(cache) in out and "results" in out


def test_prune_removes_only_what_no_run_used(tmp_path: Path) -> None:
    corpus, cache, first = _fill(tmp_path)
    _age_all(cache, 40 * 86400)
    # A re-run reads every entry: each one's time of use is renewed...
    code, again, _ = run(["extract", str(corpus), "-t", "jsonl", "-j", "1", "-q",
                          "--cache", str(cache)])
    assert code == 0 and again == first
    # ...so nothing is older than 30 days any more.
    code, _, err = run(["cache", "prune", "--older-than", "30d", "--cache", str(cache)])
    assert code == 0 and "removed 0 entries" in err
    # Entries left unused for 40 days go, and the next run rebuilds the same output.
    _age_all(cache, 40 * 86400)
    code, _, err = run(["cache", "prune", "--older-than", "30d", "-n", "--cache", str(cache)])
    assert "would remove" in err and "would remove 0 " not in err
    assert any(p.is_file() for p in (cache / "v1" / "results").rglob("*"))  # dry run
    code, _, err = run(["cache", "prune", "--older-than", "30d", "--cache", str(cache)])
    assert code == 0
    assert not [p for p in cache.rglob("*") if p.is_file()]
    code, rebuilt, _ = run(["extract", str(corpus), "-t", "jsonl", "-j", "1", "-q",
                            "--cache", str(cache)])
    assert code == 0 and rebuilt == first


def test_recent_use_is_not_renewed_on_every_read(tmp_path: Path) -> None:
    # Renewing costs a write: done at most once per TOUCH_AFTER, not on every hit.
    _, cache, _ = _fill(tmp_path)
    entry = next(p for p in (cache / "v1" / "results").rglob("*.json"))
    recent = time.time() - TOUCH_AFTER / 2
    os.utime(entry, (recent, recent))
    assert ResultCache._read(entry) is not None
    assert entry.stat().st_mtime == pytest.approx(recent, abs=1)
    old = time.time() - TOUCH_AFTER * 2
    os.utime(entry, (old, old))
    assert ResultCache._read(entry) is not None
    assert entry.stat().st_mtime > time.time() - 60


def test_prune_all_and_interrupted_writes(tmp_path: Path) -> None:
    _, cache, _ = _fill(tmp_path)
    shard = next((cache / "v1" / "results").iterdir())
    leftover = shard / ".tmp-abc"
    leftover.write_bytes(b"half")
    two_hours = time.time() - 7200
    os.utime(leftover, (two_hours, two_hours))
    code, _, _ = run(["cache", "prune", "--older-than", "365d", "--cache", str(cache)])
    assert code == 0 and not leftover.exists()  # an old leftover always goes
    assert any(p.is_file() for p in cache.rglob("*"))
    code, _, err = run(["cache", "prune", "--all", "--cache", str(cache)])
    assert code == 0 and "removed" in err
    assert not [p for p in cache.rglob("*") if p.is_file()]
    code, out, _ = run(["cache", "info", "--cache", str(cache)])
    assert code == 0 and "(empty)" in out


@pytest.mark.parametrize("args", [[], ["--all", "--older-than", "3d"], ["--older-than", "soon"]])
def test_prune_usage_errors(tmp_path: Path, args: list[str]) -> None:
    code, out, err = run(["cache", "prune", "--cache", str(tmp_path), *args])
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.strip().count("\n") == 0  # one line


def test_parse_age() -> None:
    assert parse_age("30d") == 30 * 86400
    assert parse_age("12h") == 12 * 3600
    assert parse_age("2w") == 14 * 86400
    assert parse_age("1.5") == 1.5 * 86400
    with pytest.raises(UsageError):
        parse_age("-3d")
