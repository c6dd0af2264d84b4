"""The Dask integration on a real two-worker ``distributed.LocalCluster``: the bag's
records and ``extract --scheduler`` equal the single-process run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotekit.cli import cli
from tests.batch_corpus import write_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A local cluster of two single-threaded worker processes on 127.0.0.1."""
    from quotekit.dask import NO_FIXED_PORTS

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1",
                                  processes=True, dashboard_address=None,
                                  scheduler_kwargs=NO_FIXED_PORTS) as lc:
        yield lc.scheduler_address


@pytest.fixture
def client(cluster: str) -> Iterator[distributed.Client]:
    with distributed.Client(cluster) as c:
        yield c


def serial(*args: str) -> str:
    result = CliRunner().invoke(cli, ["extract", *args, "-j", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_bag_records_equal_the_jsonl_exporter(tmp_path: Path, client: object) -> None:
    from quotekit.dask import extract_bag

    write_corpus(tmp_path / "c")
    expected = [json.loads(line) for line in serial(str(tmp_path / "c"), "-t", "jsonl")
                .splitlines()]
    bag = extract_bag([str(tmp_path / "c")], files_per_partition=3)
    assert bag.npartitions == 4
    assert bag.compute() == expected


def test_bag_writes_json_lines_with_dask(tmp_path: Path, client: object) -> None:
    from quotekit.dask import extract_bag

    write_corpus(tmp_path / "c")
    expected = serial(str(tmp_path / "c"), "-t", "jsonl")
    bag = extract_bag([str(tmp_path / "c")], files_per_partition=4)
    bag.map(lambda r: json.dumps(r, ensure_ascii=False)).to_textfiles(
        str(tmp_path / "out" / "*.jsonl"))
    parts = sorted((tmp_path / "out").glob("*.jsonl"), key=lambda p: int(p.stem))
    assert len(parts) == 3
    written = [json.loads(line) for p in parts for line in p.read_text("utf-8").splitlines()]
    assert written == [json.loads(line) for line in expected.splitlines()]


def test_bag_errors_raise_or_skip(tmp_path: Path, client: object) -> None:
    from quotekit import ReadError
    from quotekit.dask import extract_bag

    write_corpus(tmp_path / "c", copies=1)
    (tmp_path / "c" / "part0" / "bad.txt").write_bytes(b"caf\xe9")
    with pytest.raises(ReadError, match=r"bad\.txt:1: not valid UTF-8 \(byte 3\)"):
        extract_bag([str(tmp_path / "c")]).compute()
    skipped = extract_bag([str(tmp_path / "c")], errors="skip").compute()
    (tmp_path / "c" / "part0" / "bad.txt").unlink()
    assert skipped == extract_bag([str(tmp_path / "c")]).compute()


@pytest.mark.parametrize("to", ["json", "jsonl"])
def test_extract_on_the_cluster_equals_one_process(tmp_path: Path, cluster: str,
                                                   to: str) -> None:
    write_corpus(tmp_path / "c")
    expected = serial(str(tmp_path / "c"), "-t", to)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "c"), "-t", to,
                                      "--scheduler", cluster, "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected
    assert result.stderr.endswith("from 12 files\n")


def test_unreachable_scheduler_is_one_error_line(tmp_path: Path) -> None:
    import dask

    from quotekit import QuotekitError

    write_corpus(tmp_path / "c", copies=1)
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(cli, ["extract", str(tmp_path / "c"),
                                          "--scheduler", "tcp://127.0.0.1:9", "--no-cache"])
    assert isinstance(result.exception, QuotekitError)
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in str(result.exception)


def test_engine_dask_starts_its_own_local_cluster(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", copies=1)
    expected = serial(str(tmp_path / "c"), "-t", "json")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "c"), "-t", "json",
                                      "--engine", "dask", "-j", "2", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected


def test_local_cluster_runs_workers_in_their_own_processes_without_nannies() -> None:
    import os

    from quotekit.dask import local_cluster

    with local_cluster(2) as lc, distributed.Client(lc) as c:
        c.wait_for_workers(2, timeout=60)
        pids = c.run(os.getpid)
        assert len(set(pids.values())) == 2
        assert os.getpid() not in pids.values()
        assert not any(isinstance(w, distributed.Nanny) for w in lc.workers.values())
        assert c.submit(sum, [1, 2]).result() == 3


def test_cached_jsonl_on_the_cluster_equals_one_process(tmp_path: Path, cluster: str) -> None:
    write_corpus(tmp_path / "c")
    expected = serial(str(tmp_path / "c"), "-t", "jsonl")
    args = ["extract", str(tmp_path / "c"), "-t", "jsonl", "--scheduler", cluster,
            "--cache", str(tmp_path / "cache")]
    for run in ("first", "cached"):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert result.stdout == expected, run
    assert result.stderr.endswith("from 12 files (12 from the cache)\n")
