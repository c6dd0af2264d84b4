"""`pip install ./plugins/quotekit-logseq` into a fresh virtual environment makes
`quotekit plugins` list it and `-t logseq` work (offline: nothing is downloaded)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

PLUGIN = ROOT / "plugins" / "quotekit-logseq"


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("QUOTEKIT_", "PYTHONPATH", "PIP_"))}
    env["PIP_NO_INDEX"] = "1"  # prove the install needs no network
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", env=env,
                          check=False, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv that sees this environment's packages (quotekit, its deps, setuptools)
    through a .pth file, with the plugin installed by pip from its folder."""
    root = tmp_path_factory.mktemp("venv")
    assert run([sys.executable, "-m", "venv", "--without-pip", str(root)]).returncode == 0
    python = root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    outer = sysconfig.get_paths()["purelib"]
    Path(site.stdout.strip(), "_outer_env.pth").write_text(
        f"import site; site.addsitedir({outer!r})\n", encoding="utf-8")
    source = tmp_path_factory.mktemp("src") / PLUGIN.name  # build outside the checkout
    shutil.copytree(PLUGIN, source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    result = run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                  "--no-deps", "--no-build-isolation", str(source)])
    assert result.returncode == 0, result.stderr
    return python


def test_plugins_lists_the_installed_plugin(venv: Path) -> None:
    result = run([str(venv), "-m", "quotekit", "plugins", "--json"])
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert row == {"name": "logseq", "distribution": "quotekit-logseq", "version": "0.1.0",
                   "hooks": ["register_exporters"], "provides": ["exporter:logseq"]}
    table = run([str(venv), "-m", "quotekit", "plugins"])
    assert table.stdout.splitlines()[0] == "logseq 0.1.0"


def test_extract_to_logseq_writes_a_page(venv: Path, tmp_path: Path) -> None:
    result = run([str(venv), "-m", "quotekit", "extract",
                  str(EXAMPLES / "what-are-we-scaling.txt"), "--aliases",
                  str(EXAMPLES / "aliases.yml"), "-t", "logseq", "-o", str(tmp_path)])
    assert result.returncode == 0, result.stderr
    [page] = (tmp_path / "pages").iterdir()
    text = page.read_text(encoding="utf-8")
    assert text.startswith("title:: What are we scaling?\n")
    assert "  speaker:: [[Beren Millidge]]\n" in text
    assert text.count("\n- ") == 1


def test_disabling_the_installed_plugin(venv: Path) -> None:
    env_run = subprocess.run(
        [str(venv), "-m", "quotekit", "plugins", "--json"], capture_output=True, text=True,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("QUOTEKIT_")},
             "QUOTEKIT_DISABLE_PLUGINS": "quotekit-logseq"}, check=False)
    assert env_run.returncode == 0
    assert json.loads(env_run.stdout) == []
