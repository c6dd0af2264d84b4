"""Shared fixtures: every test runs with an isolated user directory and no third-party
plugins (QUOTEKIT_LOAD_PLUGINS="")."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolate(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("QUOTEKIT_LOAD_PLUGINS", "")
    monkeypatch.delenv("QUOTEKIT_DISABLE_PLUGINS", raising=False)
    monkeypatch.delenv("QUOTEKIT_DEBUG", raising=False)


@pytest.fixture
def register_plugin() -> Iterator[Callable[[object, str], None]]:
    """Register a throwaway plugin for one test; it is unregistered afterwards."""
    from quotekit.plugins import register_plugin as _register

    undo: list[Callable[[], None]] = []

    def add(plugin: object, name: str) -> None:
        undo.append(_register(plugin, name))

    yield add
    for u in reversed(undo):
        u()
