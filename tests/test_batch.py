"""The batch engine: same results in the same order whatever the parallelism, bad files
reported in place, bounded in-flight work."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotekit.batch
from quotekit import Extraction, QuotekitError
from quotekit.batch import WINDOW_PER_JOB, BatchStats, extract_paths
from quotekit.records import extraction_to_dict
from tests.batch_corpus import write_corpus


def summary(items: list[Extraction | QuotekitError]) -> list[Any]:
    return [str(i) if isinstance(i, QuotekitError) else extraction_to_dict(i) for i in items]


def test_process_pool_matches_in_process(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "c")
    (tmp_path / "c" / "part0" / "broken.txt").write_bytes(b"caf\xe9 au lait\n")
    one = list(extract_paths([str(tmp_path / "c")], jobs=1))
    two = list(extract_paths([str(tmp_path / "c")], jobs=2))
    assert summary(two) == summary(one)
    paths = [i.source.path for i in one if isinstance(i, Extraction)]
    assert paths == [str(f) for f in files]
    errors = [i for i in two if isinstance(i, QuotekitError)]
    assert len(errors) == 1 and "broken.txt" in str(errors[0]) and "byte 3" in str(errors[0])


def test_errors_keep_their_place_and_stats_add_up(tmp_path: Path) -> None:
    files = write_corpus(tmp_path, copies=1)
    missing = str(tmp_path / "missing.txt")
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    stats = BatchStats()
    items = list(extract_paths([str(files[0]), missing, str(empty_dir), str(files[1])],
                               jobs=2, stats=stats))
    assert [type(i).__name__ for i in items] == ["Extraction", "ReadError", "ReadError",
                                                  "Extraction"]
    assert "missing.txt: no such file" in str(items[1])
    assert "no files to read" in str(items[2])
    assert (stats.files, stats.failed) == (2, 2)
    assert stats.bytes == files[0].stat().st_size + files[1].stat().st_size
    assert stats.quotes == sum(len(i.quotes) for i in items if isinstance(i, Extraction))


def test_unknown_reader_is_a_usage_error(tmp_path: Path) -> None:
    from quotekit.errors import UsageError

    with pytest.raises(UsageError, match="unknown reader 'nope'"):
        list(extract_paths([str(tmp_path)], reader="nope"))


class CountingExecutor(ThreadPoolExecutor):
    """Records how many submitted files were not yet handed back at most."""

    def __init__(self, on_submit: Callable[[], None]) -> None:
        super().__init__(max_workers=2)
        self.on_submit = on_submit

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.on_submit()
        return super().submit(fn, *args, **kwargs)


@pytest.mark.parametrize("limit", ["files", "bytes"])
def test_in_flight_work_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   limit: str) -> None:
    for n in range(40):  # files of 1,000 bytes each
        line = f'File {n:02d}: she said, "the window is bounded." '
        (tmp_path / f"f{n:02d}.txt").write_text((line * 30)[:999] + "\n", encoding="utf-8")
    if limit == "files":
        monkeypatch.setattr(quotekit.batch, "WINDOW_PER_JOB", 4)
        bound = 2 * 4
    else:  # 2 jobs x 3,000 bytes: under 6,000 bytes kept, plus the file just submitted
        monkeypatch.setattr(quotekit.batch, "BYTES_PER_JOB", 3_000)
        bound = 6
    lock = threading.Lock()
    state = {"submitted": 0, "consumed": 0, "max": 0}

    def on_submit() -> None:
        with lock:
            state["submitted"] += 1
            state["max"] = max(state["max"], state["submitted"] - state["consumed"])

    with CountingExecutor(on_submit) as pool:
        for _ in extract_paths([str(tmp_path)], jobs=2, executor=pool):
            state["consumed"] += 1
    assert state["submitted"] == 40
    assert state["max"] <= bound < 2 * WINDOW_PER_JOB


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=300).map(str.encode), st.binary(max_size=60)),
                min_size=1, max_size=12),
       st.integers(min_value=1, max_value=4))
def test_any_parallelism_gives_the_same_ordered_results(
    tmp_path_factory: pytest.TempPathFactory, contents: list[bytes], jobs: int
) -> None:
    root = tmp_path_factory.mktemp("prop")
    for n, data in enumerate(contents):
        (root / f"f{n:02d}.txt").write_bytes(data)
    serial = summary(list(extract_paths([str(root)], jobs=1)))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        threaded = summary(list(extract_paths([str(root)], jobs=jobs, executor=pool)))
    assert threaded == serial
    assert len(serial) == len(contents)


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_workers_are_forked_only_without_other_threads() -> None:
    # Forking a process that holds threads can deadlock the child: then a fork server.
    batch = quotekit.batch
    if threading.active_count() == 1:
        pool = batch.process_pool(1)
        try:
            assert pool._mp_context.get_start_method() == "fork"
        finally:
            pool.shutdown()
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        pool = batch.process_pool(1)
        try:
            assert pool._mp_context.get_start_method() == "forkserver"
        finally:
            pool.shutdown()
    finally:
        stop.set()
        helper.join()
