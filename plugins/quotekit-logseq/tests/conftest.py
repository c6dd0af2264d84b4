"""Run with no other third-party plugin loaded."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_other_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTEKIT_LOAD_PLUGINS", "")
