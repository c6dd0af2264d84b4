"""``quotekit extract``: read files, find quotes, hand them to an exporter."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from pathlib import Path
from typing import TypeVar

import click

from ..errors import UsageError
from .common import Failures, aliases_option, output_stream, vault_option, warn

T = TypeVar("T")

EPILOG = """\b
Examples:
  quotekit extract examples/what-are-we-scaling.txt
  quotekit extract talk.md --aliases aliases.yml -t jsonl
  quotekit extract transcripts/ -o quotes.json
  quotekit extract transcripts/ -t biblatex --bib-quotes -o quotes.bib
  quotekit extract talk.vtt -t obsidian -o notes/ --layout per-quote
  cat notes.txt | quotekit extract -
  quotekit extract talk.json --speaker-map SPEAKER_00="Dwarkesh Patel"
  quotekit extract captions.txt --from vtt --url https://youtu.be/VIDEOID
  quotekit extract podcasts/ -t jsonl -o quotes.jsonl --jobs 4
  quotekit extract podcasts/ -t jsonl --no-cache -j 1
  quotekit extract podcasts/ -t jsonl --engine dask          # local Dask cluster
  quotekit extract /shared/podcasts/ -t jsonl --scheduler tcp://HOST:8786
"""


def parse_speaker_map(pairs: tuple[str, ...]) -> dict[str, str]:
    """``LABEL=Name`` pairs (from ``--speaker-map``) as a dict; a pair without ``=`` or
    with an empty side is a usage error."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        label, sep, name = pair.partition("=")
        if not sep or not label.strip() or not name.strip():
            raise UsageError(f"--speaker-map {pair!r}: expected LABEL=Name, "
                             'e.g. SPEAKER_00="Dwarkesh Patel"')
        mapping[label.strip()] = name.strip()
    return mapping


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@click.option("-t", "--to", "to", default="json", show_default=True, metavar="NAME",
              help="Exporter to write with (`quotekit plugins` lists them).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file (or folder, for folder exporters) instead of stdout.")
@click.option("--from", "reader", metavar="NAME",
              help="Reader to use instead of detecting the format from the content.")
@click.option("--url", help="URL of the source, when the file does not say it.")
@click.option("--speaker-map", "speaker_map", multiple=True, metavar="LABEL=NAME",
              help="Name a transcript's speaker label, e.g. SPEAKER_00=\"Jane Doe\" "
                   "(repeatable; aliases-file aliases work too).")
@aliases_option
@vault_option
@click.option("--bib-quotes", is_flag=True,
              help="biblatex/bibtex: also write one @misc entry per quote.")
@click.option("--layout", type=click.Choice(["per-source", "per-quote"]), default="per-source",
              show_default=True, help="Obsidian notes: one per source, or one per quote.")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path),
              help="Jinja2 template for note bodies (obsidian; needs quotekit[templates]).")
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
    url: str | None, speaker_map: tuple[str, ...], aliases: Path | None,
    vault: Path | None, bib_quotes: bool, layout: str, template: Path | None,
    jobs: int | None,
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
    labels = parse_speaker_map(speaker_map)
    speakers = load_speakers(aliases=aliases, vault=vault)
    # Aliases name speaker labels too (`Jane Doe: [SPEAKER_00]`); --speaker-map wins.
    people = speakers.people if speakers is not None else {}
    known = {alias: name for name, names in people.items() for alias in names}
    read_options = ReadOptions(url=url, speaker_map={**known, **labels})
    if no_cache and cache_dir is not None:
        raise UsageError("--cache and --no-cache contradict each other; give one")
    if exporter.target == "folder" and output is None:
        raise UsageError(f"exporter {to!r} writes a folder: give one with -o DIR")
    cache = None if no_cache else ResultCache(cache_dir or default_cache_dir())
    jobs = jobs or default_jobs()
    failures = Failures()
    stats = BatchStats()
    progress = Progress(stats, quiet=quiet)

    def reported(items: Iterable[T | QuotekitError]) -> Iterator[T]:
        """The items, with progress shown and each failed file reported (and skipped)."""
        for item in items:
            progress.update()
            if isinstance(item, QuotekitError):
                failures.report(item)
            else:
                yield item

    def extractions(executor: Executor | None) -> Iterator[Extraction]:
        return reported(extract_paths(paths, jobs=jobs, cache=cache, speakers=speakers,
                                      reader=reader, options=read_options,
                                      executor=executor, stats=stats))

    export_options = ExportOptions(
        bib_quotes=bib_quotes, layout="per-quote" if layout == "per-quote" else "per-source",
        template=template)
    with contextlib.ExitStack() as stack:
        executor = None
        if engine == "dask" or scheduler is not None:
            from ..dask import cluster_executor

            executor = stack.enter_context(cluster_executor(scheduler, jobs))
        stack.callback(progress.close)
        if exporter.chunks is not None and exporter.target == "stream" and cache is not None:
            # Each unchanged file's output comes from the cache as it was written.
            from ..chunked import iter_chunks, write_utf8

            writer = exporter.chunks(export_options)
            with output_stream(output) as stream:
                for piece in reported(iter_chunks(paths, writer, cache, jobs=jobs,
                                                  speakers=speakers, reader=reader,
                                                  options=read_options, executor=executor,
                                                  stats=stats)):
                    write_utf8(stream, piece)
                    stream.flush()
        elif exporter.target == "folder":
            assert output is not None
            output.mkdir(parents=True, exist_ok=True)
            exporter.write(extractions(executor), output, export_options)
        else:
            with output_stream(output) as stream:
                exporter.write(extractions(executor), stream, export_options)
    cached = f" ({stats.cached} from the cache)" if stats.cached else ""
    warn(f"{_count(stats.quotes, 'quote')} from {_count(stats.files, 'file')}{cached}"
         + (f"; {failures.count} failed" if failures.count else ""), quiet=quiet)
    return 1 if failures.count else 0


def _count(n: int, noun: str) -> str:
    """``1 quote``, ``2 quotes``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
