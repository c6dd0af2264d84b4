"""Dask integration (``pip install 'quotekit[dask]'``): a bag of quote records, and the
executor behind ``quotekit extract --engine dask`` / ``--scheduler ADDRESS``.

::

    from quotekit.dask import extract_bag
    bag = extract_bag(["transcripts/"])           # dask.bag.Bag of dicts
    bag.map(json.dumps).to_textfiles("out/*.jsonl")
    bag.to_dataframe().to_parquet("out/")         # needs pandas + pyarrow

Each record is exactly what the ``jsonl`` exporter writes on one line. Paths are
expanded (folders walked) where this function runs; the workers read the files, so on a
cluster beyond one machine they must see the same paths (a shared filesystem), and the
same goes for a cache folder.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any, Literal

from .batch import Settings, make_settings, process_file
from .errors import QuotekitError, ReadError

if TYPE_CHECKING:
    import dask.bag

    from .cache import ResultCache
    from .extraction.speakers import SpeakerIndex
    from .registry import ReadOptions

#: The scheduler serves HTTP (metrics) even without a dashboard, by default on port
#: 8787: a free port instead, so two local clusters never clash or warn.
NO_FIXED_PORTS = {"dashboard_address": "127.0.0.1:0"}
INSTALL_HINT = "the Dask engine needs the dask extra: pip install 'quotekit[dask]'"


def _require() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise QuotekitError(INSTALL_HINT) from None


def file_records(path: str, settings: Settings, errors: str = "raise") -> list[dict[str, Any]]:
    """The jsonl records of one file's quotes (runs on a Dask worker)."""
    from .exporters.json import jsonl_records

    outcome = process_file(path, settings)
    if isinstance(outcome.result, QuotekitError):
        if errors == "skip":
            return []
        raise outcome.result
    ex = outcome.result
    return list(jsonl_records(ex))


def extract_bag(
    paths: Sequence[str], *, reader: str | None = None, options: ReadOptions | None = None,
    speakers: SpeakerIndex | None = None, cache: ResultCache | None = None,
    errors: Literal["raise", "skip"] = "raise", files_per_partition: int = 16,
) -> dask.bag.Bag:
    """A :class:`dask.bag.Bag` of quote records (dicts) from every file under ``paths``.

    Records come in input order (files as :func:`quotekit.reading.iter_paths` lists
    them, quotes in text order). ``errors="skip"`` leaves out files that cannot be read
    instead of failing the computation.
    """
    _require()
    import dask.bag as db

    from .reading import iter_paths

    files: list[str] = []
    for item in iter_paths(paths):
        if isinstance(item, ReadError):
            if errors == "raise":
                raise item
            continue
        files.append(item)
    settings = make_settings(reader=reader, options=options, speakers=speakers, cache=cache)
    if not files:
        return db.from_sequence([], npartitions=1)
    bag = db.from_sequence(files, partition_size=max(1, files_per_partition))
    return bag.map(file_records, settings, errors).flatten()


@contextlib.contextmanager
def cluster_executor(scheduler: str | None, jobs: int) -> Iterator[Executor]:
    """An executor on the Dask cluster at ``scheduler`` (``tcp://host:port``), or on a
    local cluster of ``jobs`` single-threaded worker processes when it is ``None``."""
    _require()
    from distributed import Client, LocalCluster

    with contextlib.ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=None, scheduler_kwargs=NO_FIXED_PORTS))
            client = stack.enter_context(Client(cluster))
        else:
            try:
                # Connect timeout: dask's distributed.comm.timeouts.connect setting.
                client = stack.enter_context(Client(scheduler))
            except OSError as exc:
                raise QuotekitError(f"cannot reach the Dask scheduler {scheduler}: {exc}") \
                    from None
        yield client.get_executor()
