"""``quotekit extract``: read files, find quotes, hand them to an exporter."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from concurrent.futures import Executor
from pathlib import Path

import click

from ..errors import UsageError
from .common import Failures, aliases_option, output_stream, vault_option, warn

EPILOG = """\b
Examples:
  quotekit extract examples/what-are-we-scaling.txt
  quotekit extract talk.md --aliases aliases.yml -t jsonl
  quotekit extract transcripts/ -o quotes.json
  cat notes.txt | quotekit extract -
  quotekit extract podcasts/ -t jsonl -o quotes.jsonl --jobs 4
  quotekit extract podcasts/ -t jsonl --no-cache -j 1
  quotekit extract podcasts/ -t jsonl --engine dask          # local Dask cluster
  quotekit extract /shared/podcasts/ -t jsonl --scheduler tcp://10.0.0.5:8786
"""


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@click.option("-t", "--to", "to", default="json", show_default=True, metavar="NAME",
              help="Exporter to write with (`quotekit plugins` lists them).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file (or folder, for folder exporters) instead of stdout.")
@click.option("--from", "reader", metavar="NAME",
              help="Reader to use instead of detecting the format from the content.")
@click.option("--url", help="URL of the source, when the file does not say it.")
@aliases_option
@vault_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: the number of cores; 1 = in this process).")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Cache folder: unchanged files are not extracted again "
                   "[default: $XDG_CACHE_HOME/quotekit or ~/.cache/quotekit].")
@click.option("--no-cache", is_flag=True, help="Neither use nor fill the cache.")
@click.option("--engine", type=click.Choice(["processes", "dask"]), default="processes",
              show_default=True, help="Run on local processes, or on a local Dask cluster "
              "(needs `pip install 'quotekit[dask]'`).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on the Dask cluster at ADDRESS (tcp://HOST:PORT); implies "
                   "--engine dask. Workers must see the same paths.")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress and no messages on stderr except errors.")
def command(
    paths: tuple[str, ...], to: str, output: Path | None, reader: str | None,
    url: str | None, aliases: Path | None, vault: Path | None, jobs: int | None,
    cache_dir: Path | None, no_cache: bool, engine: str, scheduler: str | None,
    quiet: bool,
) -> int:
    """Find attributed quotations in PATHS (files, folders, or - for stdin).

    Folders are read recursively (files with an ending a reader knows). A file that
    cannot be read is reported on stderr and the others are still processed; the exit
    code is then 1.

    Files are extracted in parallel (--jobs) and written in input order; results are
    cached by file content, so a re-run only extracts new or changed files. A progress
    line (files, MB and quotes per second) shows on stderr when it is a terminal.
    """
    from ..batch import BatchStats, default_jobs, extract_paths
    from ..cache import ResultCache, default_cache_dir
    from ..errors import QuotekitError
    from ..model import Extraction
    from ..people import load_speakers
    from ..plugins import get_exporters
    from ..registry import ExportOptions, ReadOptions
    from .progress import Progress

    exporters = get_exporters()
    if to not in exporters:
        raise UsageError(f"unknown exporter {to!r}; available: {', '.join(sorted(exporters))}")
    exporter = exporters[to]
    speakers = load_speakers(aliases=aliases, vault=vault)
    if no_cache and cache_dir is not None:
        raise UsageError("--cache and --no-cache contradict each other; give one")
    if exporter.target == "folder" and output is None:
        raise UsageError(f"exporter {to!r} writes a folder: give one with -o DIR")
    cache = None if no_cache else ResultCache(cache_dir or default_cache_dir())
    jobs = jobs or default_jobs()
    failures = Failures()
    stats = BatchStats()
    progress = Progress(stats, quiet=quiet)

    def extractions(executor: Executor | None) -> Iterator[Extraction]:
        for item in extract_paths(paths, jobs=jobs, cache=cache, speakers=speakers,
                                  reader=reader, options=ReadOptions(url=url),
                                  executor=executor, stats=stats):
            progress.update()
            if isinstance(item, QuotekitError):
                failures.report(item)
            else:
                yield item

    export_options = ExportOptions()
    with contextlib.ExitStack() as stack:
        executor = None
        if engine == "dask" or scheduler is not None:
            from ..dask import cluster_executor

            executor = stack.enter_context(cluster_executor(scheduler, jobs))
        stack.callback(progress.close)
        if exporter.target == "folder":
            assert output is not None
            output.mkdir(parents=True, exist_ok=True)
            exporter.write(extractions(executor), output, export_options)
        else:
            with output_stream(output) as stream:
                exporter.write(extractions(executor), stream, export_options)
    cached = f" ({stats.cached} from the cache)" if stats.cached else ""
    warn(f"{stats.quotes} quotes from {stats.files} files{cached}"
         + (f"; {failures.count} failed" if failures.count else ""), quiet=quiet)
    return 1 if failures.count else 0
