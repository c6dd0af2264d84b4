"""The plugin layer: loading, allow/block lists, broken plugins, duplicate names."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import quotekit
from quotekit import plugins
from quotekit.cli import cli
from quotekit.errors import PluginError
from quotekit.registry import Exporter
from tests.conftest import EXAMPLES, ROOT
from tests.fakeplugins import fake_plugins, run_quotekit

EXAMPLE = str(EXAMPLES / "what-are-we-scaling.txt")
Register = Callable[[object, str], None]

PROBE = """
import json, sys
from quotekit.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules
                if m.startswith(("quotekit.exporters.", "quotekit.readers.", "qk_"))
                or m == "quotekit.plugins")
print(json.dumps(loaded), file=sys.stderr)
"""


@pytest.fixture
def plugin_path(tmp_path: Path) -> Path:
    return fake_plugins(tmp_path)


@pytest.mark.parametrize("flag", ["--help", "--version", "-h"])
def test_help_and_version_import_no_plugin(flag: str, plugin_path: Path) -> None:
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("QUOTEKIT")}
    env["PYTHONPATH"] = str(plugin_path)
    result = subprocess.run([sys.executable, "-c", PROBE, flag], capture_output=True,
                            text=True, env=env, cwd=ROOT, check=False)
    assert result.stdout.strip(), result.stderr
    assert "Warning" not in result.stderr
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []


def test_import_quotekit_loads_nothing() -> None:
    code = ("import sys, quotekit; "
            "print(any(m.startswith('quotekit.exporters') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_broken_plugin_is_one_warning_and_the_rest_works(plugin_path: Path) -> None:
    result = run_quotekit(["plugins", "--json"], plugin_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "Warning: plugin 'quotekit-broken' failed to load (RuntimeError: boom at import); "
        "disable it with QUOTEKIT_DISABLE_PLUGINS=quotekit-broken"]
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["quotekit-broken"]["error"] == "RuntimeError: boom at import"
    assert rows["qk_shout"]["distribution"] == "quotekit-shout"
    assert rows["qk_shout"]["version"] == "1.2"
    assert rows["qk_shout"]["hooks"] == ["register_exporters"]
    assert rows["qk_shout"]["provides"] == ["exporter:shout"]

    exported = run_quotekit(["extract", EXAMPLE, "-t", "shout", "-q"], plugin_path)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == "WHAT ARE WE SCALING?\n"
    assert "quotekit-broken" in exported.stderr
    other = run_quotekit(["extract", EXAMPLE, "-t", "csl-json", "-q"], plugin_path)
    assert other.returncode == 0 and json.loads(other.stdout)[0]["title"]


def test_help_survives_a_broken_plugin(plugin_path: Path) -> None:
    for args in (["--help"], ["extract", "--help"], ["plugins", "--help"]):
        result = run_quotekit(args, plugin_path)
        assert result.returncode == 0, (args, result.stderr)
        assert "Usage:" in result.stdout


def test_debug_reraises_the_import_error(plugin_path: Path) -> None:
    result = run_quotekit(["plugins"], plugin_path, QUOTEKIT_DEBUG="1")
    assert result.returncode != 0
    assert "Traceback" in result.stderr and "boom at import" in result.stderr


@pytest.mark.parametrize("env,expected", [
    ({"QUOTEKIT_DISABLE_PLUGINS": "quotekit-broken"}, {"qk_shout"}),
    ({"QUOTEKIT_DISABLE_PLUGINS": "quotekit-broken,qk_shout"}, set()),
    ({"QUOTEKIT_LOAD_PLUGINS": ""}, set()),
    ({"QUOTEKIT_LOAD_PLUGINS": "quotekit-shout"}, {"qk_shout"}),
    ({"QUOTEKIT_LOAD_PLUGINS": "qk_shout, quotekit-broken"}, {"qk_shout", "quotekit-broken"}),
])
def test_allow_and_block_lists(env: dict[str, str], expected: set[str],
                               plugin_path: Path) -> None:
    result = run_quotekit(["plugins", "--json"], plugin_path, **env)
    assert result.returncode == 0
    assert {row["name"] for row in json.loads(result.stdout)} == expected
    assert ("quotekit-broken" in result.stderr) == ("quotekit-broken" in expected)


def test_load_plugins_is_idempotent() -> None:
    plugins.load_plugins()
    before = plugins.pm.list_name_plugin()
    quotekit.load_plugins()
    plugins.load_plugins()
    assert plugins.pm.list_name_plugin() == before
    assert len(plugins.pm.hook.register_exporters.get_hookimpls()) == len(
        [n for n in plugins.builtin_modules() if n.startswith("quotekit.exporters.")])


class Dupe:
    @quotekit.hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        register(Exporter(name="json", write=lambda *a: None))


def test_duplicate_exporter_names_both_plugins(register_plugin: Register) -> None:
    register_plugin(Dupe(), "dupe-plugin")
    with pytest.raises(PluginError) as info:
        quotekit.get_exporters()
    assert "'quotekit.exporters.json'" in str(info.value)
    assert "'dupe-plugin'" in str(info.value)


class WrongThing:
    @quotekit.hookimpl
    def register_exporters(self, register: Callable[[Any], None]) -> None:
        register({"name": "dict"})


def test_registering_a_non_exporter_is_an_error(register_plugin: Register) -> None:
    register_plugin(WrongThing(), "wrong")
    with pytest.raises(PluginError, match="expected a Exporter"):
        quotekit.get_exporters()


class Raises:
    @quotekit.hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        raise ValueError("cannot register")


def test_hook_that_raises_is_reported_and_skipped(register_plugin: Register,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    register_plugin(Raises(), "raiser")
    names = set(quotekit.get_exporters())
    assert {"json", "jsonl", "csl-json", "biblatex", "bibtex"} <= names
    assert "plugin 'raiser' failed in register_exporters (ValueError: cannot register)" in (
        capsys.readouterr().err)


def test_unknown_exporter_lists_the_available_ones() -> None:
    result = run_quotekit(["extract", EXAMPLE, "-t", "nope"])
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: unknown exporter 'nope'; available: ")
    assert "Traceback" not in result.stderr
    for name in ("biblatex", "bibtex", "csl-json", "json", "jsonl"):
        assert name in result.stderr


def test_plugins_all_lists_builtins_with_what_they_provide() -> None:
    result = CliRunner().invoke(cli, ["plugins", "--all", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    bib = rows["quotekit.exporters.bibtex"]
    assert bib["provides"] == ["exporter:biblatex", "exporter:bibtex"]
    assert bib["hooks"] == ["register_exporters"]
    assert bib["distribution"] == "quotekit"
    assert rows["quotekit.readers.text"]["provides"][0] == "reader:text"


def test_plugins_table_without_thirdparty_says_so() -> None:
    result = CliRunner().invoke(cli, ["plugins"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No plugins installed" in result.stderr


def test_plugin_with_an_unknown_hook_is_reported_not_fatal(tmp_path: Path) -> None:
    from tests.fakeplugins import make_distribution

    make_distribution(tmp_path, "quotekit-typo", "0.3", "qk_typo",
                      "import quotekit\n\n@quotekit.hookimpl\n"
                      "def register_exporterz(register):\n    pass\n")
    result = run_quotekit(["plugins", "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "plugin 'quotekit-typo' is invalid" in result.stderr
    assert "QUOTEKIT_DISABLE_PLUGINS=quotekit-typo" in result.stderr
    assert [row["name"] for row in json.loads(result.stdout)] == ["quotekit-typo"]


def test_extract_bib_quotes_adds_a_misc_entry_per_quote(tmp_path: Path) -> None:
    import io

    from quotekit.exporters.bibtex import write_biblatex
    from quotekit.registry import ExportOptions
    from tests.samples import youtube_extraction

    plain, quotes = io.StringIO(), io.StringIO()
    write_biblatex([youtube_extraction()], plain, ExportOptions())
    write_biblatex([youtube_extraction()], quotes, ExportOptions(bib_quotes=True))
    assert plain.getvalue().count("@misc{") == 0
    assert quotes.getvalue().count("@misc{millidgeWhenWeSee2025,") == 1
    result = run_quotekit(["extract", EXAMPLE, "-t", "bibtex", "--bib-quotes", "-q"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("@misc{patelWhatAreWe,")
