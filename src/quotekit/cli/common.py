"""Options and helpers shared by commands: reading inputs, speaker indexes, output."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from ..errors import QuotekitError, ReadError

F = TypeVar("F", bound=Callable[..., Any])


def warn(message: str, *, quiet: bool = False) -> None:
    """A message for the user on stderr (data goes to stdout only)."""
    if not quiet:
        click.echo(message, err=True)


def aliases_option(f: F) -> F:
    return click.option(
        "--aliases",
        "aliases",
        type=click.Path(dir_okay=False, path_type=Path),
        help="YAML file of known people: `Canonical Name: [alias, alias]`.",
    )(f)


def vault_option(f: F) -> F:
    return click.option(
        "--vault",
        type=click.Path(file_okay=False, path_type=Path),
        help="Obsidian vault whose People notes (frontmatter `aliases`) name speakers.",
    )(f)


class Failures:
    """Counts files that failed in a batch, reporting each on stderr."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, exc: QuotekitError) -> None:
        self.count += 1
        click.echo(f"Error: {exc}", err=True)


def iter_documents(
    paths: Sequence[str], failures: Failures, read: Callable[[str], Any]
) -> Iterator[Any]:
    """Read each path in turn; a bad file is reported and skipped, the rest go on."""
    from ..reading import iter_paths

    for item in iter_paths(paths):
        if isinstance(item, ReadError):
            failures.report(item)
            continue
        try:
            yield read(item)
        except QuotekitError as exc:
            failures.report(exc)


#: Bytes a pipe on stdout is asked to hold (Linux's default for unprivileged users'
#: maximum): large outputs then cost fewer switches between quotekit and its reader.
PIPE_BYTES = 1 << 20


def widen_pipe(stream: IO[str]) -> None:
    """Ask the kernel for a :data:`PIPE_BYTES` buffer when ``stream`` is a pipe (Linux
    only; silently nothing elsewhere, or when refused)."""
    import stat

    try:
        import fcntl

        fd = stream.fileno()
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError, ValueError):
        pass


@contextlib.contextmanager
def output_stream(path: Path | None) -> Iterator[IO[str]]:
    """stdout (its pipe widened, see :func:`widen_pipe`), or a file written atomically
    (temp file + ``os.replace``)."""
    if path is None or str(path) == "-":
        widen_pipe(sys.stdout)
        yield sys.stdout
        return
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise QuotekitError(f"{path}: folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
