"""``quotekit plugins``: what is installed and what each plugin provides."""

from __future__ import annotations

import json

import click


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--all", "show_all", is_flag=True, help="Include the built-in plugins.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def command(show_all: bool, as_json: bool) -> None:
    """List installed plugins: name, version, hooks and what each provides.

    \b
    Examples:
      quotekit plugins
      quotekit plugins --all --json
    """
    from ..plugins import failed, plugin_distribution, pm, providers

    provided = providers()
    rows = []
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda np: np[0]):
        if plugin is None or (name.startswith("quotekit.") and not show_all):
            continue
        dist, version = plugin_distribution(name)
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or [])
        rows.append({"name": name, "distribution": dist, "version": version, "hooks": hooks,
                     "provides": provided.get(name, [])})
    for name, reason in sorted(failed.items()):
        rows.append({"name": name, "distribution": name, "version": None, "hooks": [],
                     "provides": [], "error": reason})
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("No plugins installed. (`quotekit plugins --all` shows the built-ins.)",
                   err=True)
        return
    for row in rows:
        status = f"  FAILED: {row['error']}" if row.get("error") else ""
        click.echo(f"{row['name']} {row['version'] or ''}".rstrip() + status)
        if row["hooks"]:
            click.echo(f"  hooks: {', '.join(row['hooks'])}")
        if row["provides"]:
            click.echo(f"  provides: {', '.join(row['provides'])}")
