"""``quotekit plugins``: what is installed and what each plugin provides."""

from __future__ import annotations

import json
from typing import Any

import click


def _commands() -> dict[str, list[str]]:
    """Plugin name -> ``command:NAME`` for each command it adds."""
    from ..plugins import pm

    out: dict[str, list[str]] = {}
    for impl in pm.hook.register_commands.get_hookimpls():
        group = click.Group()
        try:
            impl.function(cli=group)
        except Exception as exc:  # reported, never fatal: `plugins` must always work
            click.echo(f"Warning: plugin {impl.plugin_name!r} failed in register_commands "
                       f"({type(exc).__name__}: {exc})", err=True)
            continue
        out[impl.plugin_name] = [f"command:{name}" for name in sorted(group.commands)]
    return out


def rows(show_all: bool) -> list[dict[str, Any]]:
    """One row per plugin: name, distribution, version, hooks, provides (and error)."""
    from ..plugins import failed, hook_names, plugin_distribution, pm, providers

    provided = providers()
    commands = _commands()
    out: list[dict[str, Any]] = []
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda np: np[0]):
        if plugin is None or (name.startswith("quotekit.") and not show_all):
            continue
        dist, version = plugin_distribution(name)
        out.append({"name": name, "distribution": dist, "version": version,
                    "hooks": hook_names(plugin),
                    "provides": provided.get(name, []) + commands.get(name, [])})
    for name, reason in sorted(failed.items()):
        out.append({"name": name, "distribution": name, "version": None, "hooks": [],
                    "provides": [], "error": reason})
    return out


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--all", "show_all", is_flag=True, help="Include the built-in plugins.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def command(show_all: bool, as_json: bool) -> None:
    """List installed plugins: name, version, hooks and what each provides.

    Plugins that failed to load are listed with the reason. Set
    QUOTEKIT_DISABLE_PLUGINS=NAME to skip one, QUOTEKIT_LOAD_PLUGINS=NAME,... to load
    only those (empty: none).

    \b
    Examples:
      quotekit plugins
      quotekit plugins --all --json
      QUOTEKIT_DISABLE_PLUGINS=quotekit-logseq quotekit plugins
    """
    table = rows(show_all)
    if as_json:
        click.echo(json.dumps(table, indent=2))
        return
    if not table:
        click.echo("No plugins installed. (`quotekit plugins --all` shows the built-ins.)",
                   err=True)
        return
    for row in table:
        status = f"  FAILED: {row['error']}" if row.get("error") else ""
        click.echo(f"{row['name']} {row['version'] or ''}".rstrip() + status)
        if row["hooks"]:
            click.echo(f"  hooks: {', '.join(row['hooks'])}")
        if row["provides"]:
            click.echo(f"  provides: {', '.join(row['provides'])}")
