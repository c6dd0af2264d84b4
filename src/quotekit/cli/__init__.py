"""The ``quotekit`` command line: a thin click layer over the library.

Commands live in their own modules and are imported only when invoked, so
``quotekit --help`` and ``--version`` import no plugin and no heavy module.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from ..errors import QuotekitError

#: Built-in commands: name -> (module, one-line help).
BUILTIN_COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("quotekit.cli.extract", "Find attributed quotations and export them."),
    "cache": ("quotekit.cli.cache_cmd", "Look at and prune the extraction cache."),
    "speakers": ("quotekit.cli.speakers", "List speakers, their surface forms and merges."),
    "plugins": ("quotekit.cli.plugins_cmd", "List installed plugins and what they provide."),
    "sync": ("quotekit.cli.sync", "Merge quotes into an Obsidian vault, safely and repeatably."),
}

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """Imports a command's module when that command runs; plugin commands on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(BUILTIN_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in BUILTIN_COMMANDS:
            module = importlib.import_module(BUILTIN_COMMANDS[cmd_name][0])
            command: click.Command = module.command
            return command
        return plugin_commands().get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        """A command's non-zero int return is its exit code, also in click's standalone
        mode (``CliRunner``, ``cli()``), not only through :func:`main`."""
        rv = super().invoke(ctx)
        if isinstance(rv, int) and not isinstance(rv, bool) and rv:
            ctx.exit(rv)
        return rv

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, BUILTIN_COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
        formatter.write_paragraph()
        formatter.write_text("Plugins may add commands: `quotekit plugins` lists them.")


def plugin_commands() -> dict[str, click.Command]:
    """Commands that plugins add through ``register_commands``."""
    from ..plugins import load_plugins, pm

    load_plugins()
    group = click.Group()
    pm.hook.register_commands(cli=group)
    return {n: c for n, c in group.commands.items() if n not in BUILTIN_COMMANDS}


def _version() -> str:
    from .. import __version__

    return __version__


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(_version(), "-V", "--version", prog_name="quotekit")
def cli() -> None:
    """Find attributed quotations in transcripts and essays, work out who is quoted
    and where, and export them to JSON, BibTeX or an Obsidian vault.

    \b
    Examples:
      quotekit extract talk.vtt                      # quotes as JSON on stdout
      quotekit extract transcripts/ -t jsonl -o quotes.jsonl
      quotekit extract essay.md --aliases aliases.yml
      quotekit speakers transcripts/                 # who is quoted, suggested merges
      quotekit sync ~/Vault transcripts/             # merge quotes into an Obsidian vault
    """


def main(argv: list[str] | None = None) -> Any:
    """Entry point: one error boundary, exit codes 0 ok, 1 runtime error, 2 usage."""
    try:
        rc = cli.main(args=argv, prog_name="quotekit", standalone_mode=False)
        sys.stdout.flush()
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except QuotekitError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # `quotekit extract big/ | head`: the reader went away; exit quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    sys.exit(rc if isinstance(rc, int) else 0)
