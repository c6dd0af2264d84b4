"""Dask integration (``pip install 'quotekit[dask]'``): a bag of quote records, and the
executor behind ``quotekit extract --engine dask`` / ``--scheduler ADDRESS``.

::

    from quotekit.dask import extract_bag
    bag = extract_bag(["transcripts/"])           # dask.bag.Bag of dicts
    bag.map(json.dumps).to_textfiles("out/*.jsonl")
    flat = bag.map(lambda r: {"id": r["id"], "text": r["text"],
                              "speaker": (r["speaker"] or {}).get("name"),
                              "path": r["found_in"]["path"]})
    flat.to_dataframe().to_parquet("out/")       # needs pandas + pyarrow

Each record is what the ``jsonl`` exporter writes on one line for the same file
(:func:`quotekit.exporters.json.jsonl_records`), with one difference: citation keys are
allocated per file, so two different works whose keys would collide in one stream
(``doeTalk2024a``/``doeTalk2024b``) are not told apart across files. Paths are expanded
(folders walked) where this function runs; the workers read the files, so on a cluster
beyond one machine they must see the same paths (a shared filesystem), and the same
goes for a cache folder.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any, Literal

from .batch import Settings, make_settings, process_file
from .cache import StoredChunk
from .errors import QuotekitError, ReadError

if TYPE_CHECKING:
    import dask.bag

    from .cache import ResultCache
    from .extraction.speakers import SpeakerIndex
    from .registry import ReadOptions

#: The scheduler serves HTTP (metrics) even without a dashboard, by default on port
#: 8787: a free port instead, so two local clusters never clash or warn.
NO_FIXED_PORTS = {"dashboard_address": "127.0.0.1:0"}
#: Seconds the local cluster's workers may take to start and register.
WORKER_START_TIMEOUT = 60
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
    assert not isinstance(ex, StoredChunk)  # only through a lookup, never here
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


def local_cluster(jobs: int) -> Any:
    """A Dask cluster on this machine: the scheduler in this process and ``jobs``
    single-threaded workers, each in its own process, without nannies.

    ``LocalCluster`` keeps a nanny per worker in this process and spawns each worker
    through ``multiprocessing`` (plus its resource-tracker process); here each worker
    is distributed's ``dask spec`` process started by its own ``SubprocessWorker``,
    with the environment a nanny would give it (``distributed.nanny.pre-spawn-environ``:
    ``MALLOC_TRIM_THRESHOLD_`` so freed memory goes back to the system) and its stdout
    sent to our stderr (stdout is the data stream). Where that is not available
    (Windows) it is a ``LocalCluster``.
    """
    import distributed
    from distributed.deploy.spec import SpecCluster

    if sys.platform == "win32":  # pragma: no cover - SubprocessWorker is POSIX only
        return distributed.LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, scheduler_kwargs=NO_FIXED_PORTS)
    from distributed.deploy.subprocess import SubprocessWorker

    class Worker(SubprocessWorker):
        async def _start(self) -> None:
            import asyncio
            import json

            import dask.config

            environ = {str(k): str(v) for k, v in
                       dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()}
            spec = json.dumps({"cls": self.worker_class, "opts": self.worker_kwargs})
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "distributed.cli.dask_spec", self.scheduler,
                "--spec", spec, env={**os.environ, **environ},
                stdout=_stderr_fd())

    quiet = logging.WARNING
    worker = {"cls": Worker, "options": {
        "worker_class": "distributed.Worker", "worker_kwargs": {
            "host": "127.0.0.1", "nthreads": 1, "silence_logs": quiet}}}
    return SpecCluster(
        scheduler={"cls": distributed.Scheduler, "options": {
            "host": "127.0.0.1", "port": 0, "dashboard": False, **NO_FIXED_PORTS}},
        workers=dict.fromkeys(range(jobs), worker), worker=worker,
        silence_logs=quiet, name="quotekit")


def _stderr_fd() -> int | None:
    """Our stderr's file descriptor (``None``: inherit, when it has none)."""
    try:
        return sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        return None


@contextlib.contextmanager
def cluster_executor(scheduler: str | None, jobs: int) -> Iterator[Executor]:
    """An executor on the Dask cluster at ``scheduler`` (``tcp://host:port``), or on a
    local cluster of ``jobs`` single-threaded worker processes (:func:`local_cluster`)
    when it is ``None``."""
    _require()
    from distributed import Client

    with contextlib.ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(local_cluster(jobs))
            client = stack.enter_context(Client(cluster))
            try:
                client.wait_for_workers(jobs, timeout=WORKER_START_TIMEOUT)
            except TimeoutError:
                raise QuotekitError(f"the local Dask workers did not start within "
                                    f"{WORKER_START_TIMEOUT} s") from None
        else:
            try:
                # Connect timeout: dask's distributed.comm.timeouts.connect setting.
                client = stack.enter_context(Client(scheduler))
            except OSError as exc:
                raise QuotekitError(f"cannot reach the Dask scheduler {scheduler}: {exc}") \
                    from None
        yield client.get_executor()
