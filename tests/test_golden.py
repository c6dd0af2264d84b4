"""Golden files for every built-in exporter.

``examples/what-are-we-scaling.txt`` goes through the real CLI (reader, extraction core,
aliases); the hand-built samples in ``tests/samples.py`` cover what the example lacks
(a timed podcast with every TeX special, an identified original work, a YouTube URL).
Regenerate with ``QUOTEKIT_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py`` and
review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotekit.cli import cli
from tests.clients import export
from tests.conftest import DATA, ROOT
from tests.samples import hostile_extraction, youtube_extraction

GOLDEN = DATA / "golden"
CASES = [("json", [], ".json"), ("jsonl", [], ".jsonl"), ("csl-json", [], ".csl.json"),
         ("biblatex", [], ".biblatex.bib"), ("bibtex", [], ".bibtex.bib"),
         ("biblatex", ["--bib-quotes"], ".quotes.biblatex.bib"),
         ("bibtex", ["--bib-quotes"], ".quotes.bibtex.bib")]


def check(path: Path, actual: str) -> None:
    if os.environ.get("QUOTEKIT_REGEN_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} missing: run with QUOTEKIT_REGEN_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name,flags,suffix", CASES)
def test_example_page(name: str, flags: list[str], suffix: str,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["extract", "examples/what-are-we-scaling.txt",
                                      "--aliases", "examples/aliases.yml", "-q", "-t", name,
                                      *flags])
    assert result.exit_code == 0, result.output
    check(GOLDEN / f"what-are-we-scaling{suffix}", result.stdout)


@pytest.mark.parametrize("name,flags,suffix", CASES)
def test_samples(name: str, flags: list[str], suffix: str) -> None:
    actual = export(name, [hostile_extraction(), youtube_extraction()],
                    bib_quotes=bool(flags))
    check(GOLDEN / f"samples{suffix}", actual)
