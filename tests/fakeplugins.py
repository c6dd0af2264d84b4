"""Installed-looking plugin distributions in a temporary folder, for subprocess tests:
put the folder on PYTHONPATH and importlib.metadata finds their entry points."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SHOUT = '''
import quotekit

def write(extractions, out, options):
    for ex in extractions:
        out.write((ex.source.title or "").upper() + "\\n")

@quotekit.hookimpl
def register_exporters(register):
    register(quotekit.Exporter(name="shout", write=write, description="Titles, loudly"))
'''


def make_distribution(folder: Path, dist: str, version: str, module: str, code: str) -> None:
    """A module plus ``<dist>-<version>.dist-info`` with a ``quotekit`` entry point."""
    (folder / f"{module}.py").write_text(code, encoding="utf-8")
    info = folder / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        f"[quotekit]\n{module} = {module}\n", encoding="utf-8")


def fake_plugins(folder: Path) -> Path:
    """``quotekit-broken`` (raises on import) and ``quotekit-shout`` (exporter ``shout``)."""
    make_distribution(folder, "quotekit-broken", "0.1", "qk_broken",
                      'raise RuntimeError("boom at import")\n')
    make_distribution(folder, "quotekit-shout", "1.2", "qk_shout", SHOUT)
    return folder


def run_quotekit(args: list[str], pythonpath: Path | None = None,
                 **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m quotekit ARGS`` in a fresh interpreter with the given plugins path."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEKIT_")}
    if pythonpath is not None:
        environ["PYTHONPATH"] = str(pythonpath)
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "quotekit", *args], capture_output=True,
                          text=True, encoding="utf-8", env=environ, cwd=ROOT, check=False)
