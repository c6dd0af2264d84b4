"""The result cache: lossless records, keys that change with what changes a result, and
incremental runs that extract only new or changed files."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import quotekit.batch
from quotekit import Document, Extraction, Quote, ReadOptions, Segment, Source, Work
from quotekit.batch import extract_paths
from quotekit.cache import ResultCache, content_key, default_cache_dir, fingerprint
from quotekit.extraction.speakers import SpeakerIndex
from quotekit.records import extraction_from_dict, extraction_to_dict
from tests.batch_corpus import write_corpus

opt_text = st.none() | st.text(max_size=20)
works = st.builds(Work, kind=opt_text, title=opt_text, when=opt_text, url=opt_text)
quotes = st.builds(
    Quote, id=st.text(min_size=1, max_size=12), text=st.text(max_size=40),
    start=st.integers(0, 10**6), end=st.integers(0, 10**6), speaker=opt_text,
    speaker_surface=opt_text, cue=opt_text, how=st.sampled_from(["double-quote", "dash"]),
    why=opt_text, unclosed=st.booleans(), work=st.none() | works,
    start_s=st.none() | st.floats(0, 1e5), end_s=st.none() | st.floats(0, 1e5),
    confidence=st.floats(0, 1), quoted_by=opt_text, source_id=opt_text,
)
sources = st.builds(
    Source, id=st.text(min_size=1, max_size=12), title=opt_text,
    authors=st.lists(st.text(max_size=10), max_size=3).map(tuple), url=opt_text,
    kind=opt_text, path=opt_text,
    extra=st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5),
                          max_size=3),
)


segments = st.builds(Segment, start=st.integers(0, 99), end=st.integers(0, 99),
                     start_s=st.none() | st.floats(0, 1e4), speaker=opt_text)


@given(sources, st.lists(quotes, max_size=4).map(tuple), st.text(max_size=50),
       st.lists(segments, max_size=3).map(tuple),
       st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=2).map(tuple),
       st.lists(st.integers(0, 50), max_size=3).map(tuple), st.booleans())
def test_records_round_trip(source: Source, qs: tuple[Quote, ...], text: str,
                            segs: tuple[Segment, ...], skip: tuple[tuple[int, int], ...],
                            breaks: tuple[int, ...], with_doc: bool) -> None:
    doc = Document(text=text, source=source, segments=segs, skip=skip, breaks=breaks,
                   reader="srt") if with_doc else None
    ex = Extraction(source=source, quotes=qs, document=doc)
    assert extraction_from_dict(extraction_to_dict(ex)) == ex
    assert extraction_from_dict(extraction_to_dict(ex, text=False), text=text) == ex


def test_plain_text_is_not_stored_twice(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "c", copies=1)
    list(extract_paths([str(files[-1])], cache=ResultCache(tmp_path / "cache")))
    (entry,) = (tmp_path / "cache" / "v1" / "results").rglob("*.json")
    assert entry.stat().st_size < files[-1].stat().st_size / 2
    assert '"text":null' in entry.read_text(encoding="utf-8")
    again = list(extract_paths([str(files[-1])], cache=ResultCache(tmp_path / "cache")))
    assert isinstance(again[0], Extraction) and again[0].document is not None
    assert again[0].document.text == files[-1].read_text(encoding="utf-8")


def test_default_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "quotekit"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "quotekit"


def test_key_changes_with_what_changes_a_result() -> None:
    base = fingerprint(reader=None, options=None, speakers=None)
    assert fingerprint(reader=None, options=ReadOptions(), speakers=None) == base
    others = {
        fingerprint(reader="text", options=None, speakers=None),
        fingerprint(reader=None, options=ReadOptions(url="https://example.org/a"),
                    speakers=None),
        fingerprint(reader=None, options=ReadOptions(speaker_map={"A": "Ann"}), speakers=None),
        fingerprint(reader=None, options=None, speakers=SpeakerIndex({"Ann Lee": ["Ann"]})),
        fingerprint(reader=None, options=None, speakers=SpeakerIndex({"Ann Lee": ["Annie"]})),
    }
    assert base not in others and len(others) == 5
    key = content_key(b"text", "a.txt", base)
    assert key != content_key(b"text!", "a.txt", base)
    assert key != content_key(b"text", "b.txt", base)
    assert key != content_key(b"text", "a.txt", next(iter(others)))


def test_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    ex = Extraction(source=Source(id="s1"), quotes=(Quote(id="q", text="t", start=0, end=1),))
    assert cache.get("ab" * 20) is None
    assert cache.put("ab" * 20, ex)
    assert cache.get("ab" * 20) == ex
    (path,) = (tmp_path / "v1" / "results").rglob("*.json")
    path.write_text("{not json", encoding="utf-8")
    assert cache.get("ab" * 20) is None


def age(paths: list[Path], seconds: float = 60) -> None:
    """Make files look older than the racy-mtime window."""
    then = time.time() - seconds
    for p in paths:
        os.utime(p, (then, then))


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records which files were really extracted (in process) rather than cached."""
    seen: list[str] = []
    real = quotekit.batch._extract

    def spy(data: bytes, name: str, settings: quotekit.batch.Settings) -> Extraction:
        seen.append(name)
        return real(data, name, settings)

    monkeypatch.setattr(quotekit.batch, "_extract", spy)
    return seen


def test_rerun_extracts_only_new_and_changed_files(tmp_path: Path, extracted: list[str]) -> None:
    files = write_corpus(tmp_path / "c")
    age(files)
    cache = ResultCache(tmp_path / "cache")
    first = [extraction_to_dict(e) for e in extract_paths([str(tmp_path / "c")], cache=cache)]
    assert sorted(extracted) == sorted(map(str, files))
    extracted.clear()

    again = [extraction_to_dict(e) for e in extract_paths([str(tmp_path / "c")], cache=cache)]
    assert again == first and extracted == []

    files[3].write_text("Someone said, \"this file changed\".\n", encoding="utf-8")
    new = tmp_path / "c" / "part1" / "new.txt"
    new.write_text("A brand new file.\n", encoding="utf-8")
    os.utime(files[5], None)  # touched, same content: found by its content hash
    third = list(extract_paths([str(tmp_path / "c")], cache=cache))
    assert sorted(extracted) == sorted([str(files[3]), str(new)])
    assert len(third) == len(files) + 1


def test_cache_is_keyed_by_options(tmp_path: Path, extracted: list[str]) -> None:
    files = write_corpus(tmp_path / "c", copies=1)
    cache = ResultCache(tmp_path / "cache")
    list(extract_paths([str(files[0])], cache=cache))
    list(extract_paths([str(files[0])], cache=cache, options=ReadOptions(url="https://x.org/")))
    list(extract_paths([str(files[0])], cache=cache,
                       speakers=SpeakerIndex({"Ada Lovelace": ["Ada"]})))
    assert extracted == [str(files[0])] * 3
    list(extract_paths([str(files[0])], cache=cache, options=ReadOptions(url="https://x.org/")))
    assert len(extracted) == 3


def test_stat_index_skips_reading_unchanged_files(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "c", copies=1)
    age(files)
    cache = ResultCache(tmp_path / "cache")
    fp = fingerprint(reader=None, options=None, speakers=None)
    key, data = cache.key_for(str(files[0]), fp)
    assert data == files[0].read_bytes()
    assert cache.key_for(str(files[0]), fp) == (key, None)
    # Fresh files are not trusted to the stat index (mtime may not show a rewrite yet).
    files[1].write_text("just written", encoding="utf-8")
    _, data = cache.key_for(str(files[1]), fp)
    _, again = cache.key_for(str(files[1]), fp)
    assert data == again == b"just written"


def test_process_pool_workers_fill_the_same_cache(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "c")
    cache = ResultCache(tmp_path / "cache")
    first = [extraction_to_dict(e) for e in extract_paths([str(tmp_path / "c")], jobs=2,
                                                          cache=cache)]
    stored = list((tmp_path / "cache" / "v1" / "results").rglob("*.json"))
    assert len(stored) == len(files)
    stats = quotekit.batch.BatchStats()
    again = [extraction_to_dict(e) for e in extract_paths([str(tmp_path / "c")], jobs=1,
                                                          cache=cache, stats=stats)]
    assert again == first and stats.cached == len(files)


def test_no_worker_starts_when_every_file_is_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = write_corpus(tmp_path / "c")
    cache = ResultCache(tmp_path / "cache")
    first = [extraction_to_dict(e) for e in extract_paths([str(tmp_path / "c")], jobs=2,
                                                          cache=cache)]

    def no_pool(jobs: int) -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(quotekit.batch, "process_pool", no_pool)
    stats = quotekit.batch.BatchStats()
    again = [extraction_to_dict(e) for e in extract_paths([str(tmp_path / "c")], jobs=2,
                                                          cache=cache, stats=stats)]
    assert again == first and stats.cached == len(files)
    # one changed file still goes to a worker, and only that one
    files[0].write_text(files[0].read_text() + "\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="worker pool"):
        list(extract_paths([str(tmp_path / "c")], jobs=2, cache=cache))
