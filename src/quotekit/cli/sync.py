"""``quotekit sync``: merge quotes into an Obsidian vault, run after run, safely."""

from __future__ import annotations

from pathlib import Path

import click

from .common import Failures, aliases_option, warn

EPILOG = """\b
Examples:
  quotekit sync ~/Vault transcripts/
  quotekit sync ~/Vault talk.vtt --folder Sources/Quotes --aliases aliases.yml
  quotekit sync ~/Vault transcripts/ --dry-run | less     # the diff, nothing written
  quotekit sync ~/Vault talk.vtt --layout per-quote --people-folder People
  quotekit sync ~/Vault podcasts/ -j 4       # extract with 4 worker processes
  quotekit extract talk.vtt -o quotes.json && quotekit sync ~/Vault quotes.json

\b
Guarantees: a second run writes nothing; quotes and properties you edited are kept
(a quote edited on both sides is reported as a conflict); notes are found by their
`quotekit_id` wherever you moved them and never renamed; quotes and notes you deleted
stay deleted unless --restore; one sync per vault at a time; every write is atomic.
"""


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("vault", type=click.Path(file_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, required=True)
@click.option("--folder", default="Quotes", show_default=True,
              help="Vault folder (relative to the vault) for new notes.")
@aliases_option
@click.option("--dry-run", is_flag=True, help="Print a unified diff on stdout; write nothing.")
@click.option("--restore", is_flag=True,
              help="Write again the quotes and notes you deleted from the vault.")
@click.option("--layout", type=click.Choice(["per-source", "per-quote"]),
              default="per-source", show_default=True,
              help="One note per source, or one note per quote (for Dataview/Bases).")
@click.option("--people-folder", metavar="DIR",
              help="Create a note in DIR (vault-relative) for each speaker with none.")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path),
              help="Jinja2 template for the body of new notes (needs quotekit[templates]).")
@click.option("--from", "reader", metavar="NAME",
              help="Reader to use instead of detecting the format from the content.")
@click.option("--url", help="URL of the source, when the file does not say it.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Extraction cache shared with `quotekit extract` (unchanged transcripts "
                   "are not extracted again) [default: $XDG_CACHE_HOME/quotekit].")
@click.option("--no-cache", is_flag=True, help="Neither use nor fill the extraction cache.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Extract with N worker processes [default: all cores].")
@click.option("-q", "--quiet", is_flag=True, help="Only the summary line on stderr.")
def command(vault: Path, paths: tuple[str, ...], folder: str, aliases: Path | None,
            dry_run: bool, restore: bool, layout: str, people_folder: str | None,
            template: Path | None, reader: str | None, url: str | None,
            cache_dir: Path | None, no_cache: bool, jobs: int | None, quiet: bool) -> int:
    """Merge the quotes found in PATHS into the Obsidian VAULT.

    PATHS are transcripts and essays (files, folders, or - for stdin), or JSON written
    by `quotekit extract -t json`. Speakers are resolved with the vault's person notes
    (by file name or `aliases`) and the --aliases file. The run ends with a summary on
    stderr: created, updated, unchanged, kept-edited, conflicts, skipped.
    """
    from ..batch import default_jobs
    from ..cache import ResultCache, default_cache_dir
    from ..errors import UsageError
    from ..obsidian.engine import Sync, SyncOptions
    from ..obsidian.inputs import extractions
    from ..registry import ReadOptions

    options = SyncOptions(folder=folder, layout="per-quote" if layout == "per-quote"
                          else "per-source", restore=restore, dry_run=dry_run,
                          people_folder=people_folder, template=template)
    if no_cache and cache_dir is not None:
        raise UsageError("--cache and --no-cache contradict each other; give one")
    cache = None if no_cache else ResultCache(cache_dir or default_cache_dir())
    failures = Failures()
    read_options = ReadOptions(url=url)
    with Sync(vault, options) as sync:
        speakers = sync.speakers(aliases)
        summary = sync.run(extractions(
            paths, speakers, failures.report, jobs=jobs or default_jobs(),
            cache=cache, reader=reader, options=read_options))
    if dry_run:
        click.echo("".join(summary.diff), nl=False)
    for message in summary.messages:
        warn(message, quiet=quiet)
    prefix = "dry run (nothing written): " if dry_run else ""
    warn(prefix + summary.line() + (f"; {failures.count} inputs failed" if failures.count
                                    else ""))
    return 1 if failures.count else 0
