"""Run ``quotekit`` through its real entry point (``main``: the one error boundary)."""

from __future__ import annotations

from click.testing import CliRunner

from quotekit.cli import main


def run(args: list[str]) -> tuple[int, str, str]:
    """``(exit code, stdout, stderr)`` of ``quotekit ARGS``."""
    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        try:
            main(args)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        return code, out.getvalue().decode(), err.getvalue().decode()
