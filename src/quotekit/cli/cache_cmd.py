"""``quotekit cache``: what the extraction cache holds, and pruning it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click
import regex

from ..errors import UsageError

_AGE = regex.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", regex.IGNORECASE)
_UNIT = {"": 86400, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_KIND_HELP = {
    "results": "extraction results (every exporter, sync)",
    "chunks": "jsonl output per file",
    "stat": "content hashes by path, size and mtime",
    "tmp": "leftovers of interrupted writes",
}

cache_option = click.option(
    "--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
    help="The cache folder [default: $XDG_CACHE_HOME/quotekit or ~/.cache/quotekit].")


def parse_age(text: str) -> float:
    """``30d``, ``12h``, ``90m``, ``2w``, ``45s`` or a bare number of days -> seconds."""
    m = _AGE.match(text)
    if m is None:
        raise UsageError(f"--older-than {text!r}: give a number and a unit, e.g. 30d, 12h, 2w")
    return float(m.group(1)) * _UNIT[m.group(2).lower()]


def _size(n: int) -> str:
    if n < 1000:
        return f"{n} B"
    value, unit = n / 1000, "KB"
    for bigger in ("MB", "GB"):
        if value < 1000:
            break
        value, unit = value / 1000, bigger
    return f"{value:.1f} {unit}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def command() -> None:
    """Look at and prune the extraction cache.

    `quotekit extract` and `quotekit sync` keep one entry per file version (keyed by
    its content and quotekit's version), so re-runs only extract what changed. Nothing
    is deleted automatically; a run renews an entry's time of use (at most once a day)
    whenever it reads it, so pruning by age removes what no run has needed lately.
    Deleting entries is always safe, even during a run: a missing entry is re-extracted.

    \b
    Examples:
      quotekit cache info
      quotekit cache prune --older-than 30d --dry-run
      quotekit cache prune --all --cache /tmp/qk-cache
    """


@command.command("info", context_settings={"help_option_names": ["-h", "--help"]})
@cache_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def info(cache_dir: Path | None, as_json: bool) -> None:
    """Where the cache is and what it holds: entries, size and oldest use, by kind.

    \b
    Examples:
      quotekit cache info
      quotekit cache info --cache /tmp/qk-cache --json
    """
    from ..cache import ResultCache, default_cache_dir

    cache = ResultCache(cache_dir or default_cache_dir())
    usage = cache.usage()
    now = time.time()
    rows = [{"kind": kind, "entries": u.entries, "bytes": u.bytes,
             "oldest_use_days": round((now - u.oldest) / 86400, 1)}
            for kind, u in sorted(usage.items())]
    total = sum(u.bytes for u in usage.values())
    if as_json:
        click.echo(json.dumps({"location": str(cache.location), "bytes": total,
                               "kinds": rows}, indent=2))
        return
    click.echo(f"{cache.location}: {_size(total)}")
    if not rows:
        click.echo("  (empty)")
    for kind, u in sorted(usage.items()):
        days = (now - u.oldest) / 86400
        click.echo(f"  {kind:<8} {u.entries:>8} entries {_size(u.bytes):>10}"
                   f"   oldest use {days:.1f} days ago   ({_KIND_HELP.get(kind, '')})")


@command.command("prune", context_settings={"help_option_names": ["-h", "--help"]})
@cache_option
@click.option("--older-than", "older_than", metavar="AGE",
              help="Remove entries no run has used for AGE (30d, 12h, 2w; a bare number "
                   "is days).")
@click.option("--all", "everything", is_flag=True, help="Remove every entry.")
@click.option("-n", "--dry-run", is_flag=True, help="Say what would go; remove nothing.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def prune(cache_dir: Path | None, older_than: str | None, everything: bool, dry_run: bool,
          quiet: bool) -> None:
    """Remove cache entries: those unused for --older-than AGE, or --all.

    Entries of files that were deleted or changed, and of older quotekit versions, are
    never read again, so they age out. Leftovers of interrupted writes older than an
    hour always go.

    \b
    Examples:
      quotekit cache prune --older-than 30d
      quotekit cache prune --older-than 12h --dry-run
      quotekit cache prune --all
    """
    from ..cache import ResultCache, default_cache_dir

    if everything == (older_than is not None):
        raise UsageError("give one of --older-than AGE or --all")
    age = 0.0 if everything else parse_age(older_than or "")
    cache = ResultCache(cache_dir or default_cache_dir())
    removed = cache.prune(age, dry_run=dry_run)
    if not quiet:
        verb = "would remove" if dry_run else "removed"
        click.echo(f"{verb} {removed.entries} entries ({_size(removed.bytes)}) from "
                   f"{cache.location}", err=True)
