"""Hook specifications: the whole contract between quotekit and its plugins.

A plugin is a module (or object) with functions marked ``@quotekit.hookimpl`` whose
names match these specs. Call-time arguments are passed by keyword; new parameters may
be added to a spec, none is ever renamed or removed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from .registry import Exporter, Reader

hookspec = pluggy.HookspecMarker("quotekit")
hookimpl = pluggy.HookimplMarker("quotekit")


@hookspec
def register_readers(register: Callable[[Reader], None]) -> None:
    """Register input readers.

    Call ``register(Reader(name=..., read=..., sniff=...))`` once per reader. ``name``
    is what ``--from NAME`` selects; a name another plugin already registered is an
    error naming both plugins.
    """


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register output exporters.

    Call ``register(Exporter(name=..., write=...))`` once per exporter. ``name`` is
    what ``-t/--to NAME`` selects; a name another plugin already registered is an
    error naming both plugins.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``quotekit`` command line.

    Use ``@cli.command()`` or ``cli.add_command(...)``. Plugin commands are loaded when
    they are invoked (``quotekit NAME``) and listed by ``quotekit plugins``; ``--help``
    and ``--version`` never import plugins.
    """
