"""What the exporters write is read by real clients without a warning, and the
negative fixtures from the citation reference are rejected by them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.clients import (
    bibtexparser_problems,
    csl_errors,
    export,
    keys_of,
    native_errors,
    pandoc,
    pybtex_strict,
)
from tests.conftest import DATA
from tests.samples import example_extraction, hostile_extraction, youtube_extraction

ALL = [example_extraction(), hostile_extraction(), youtube_extraction()]
BAD = DATA / "bad"


@pytest.mark.parametrize("name", ["biblatex", "bibtex"])
@pytest.mark.parametrize("bib_quotes", [False, True])
def test_pybtex_strict_reads_every_entry(name: str, bib_quotes: bool) -> None:
    bib = export(name, ALL, bib_quotes=bib_quotes)
    data = pybtex_strict(bib)
    assert list(data.entries) == keys_of(bib)
    podcast = data.entries["vanderbergEpisode42LaTeX2024"]
    people = podcast.persons["author"]
    assert [" ".join(p.prelast_names) for p in people[:2]] == ["van der", "de la"]
    assert str(people[0].last_names[0]) == "Berg"
    assert len(people) == 4


@pytest.mark.parametrize("name", ["biblatex", "bibtex"])
@pytest.mark.parametrize("bib_quotes", [False, True])
def test_bibtexparser_reads_without_problems(name: str, bib_quotes: bool) -> None:
    bib = export(name, ALL, bib_quotes=bib_quotes)
    assert bibtexparser_problems(bib) == []


def test_bibtex_flavour_is_ascii_and_biblatex_is_not() -> None:
    assert export("bibtex", ALL, bib_quotes=True).isascii()
    assert "Zoë" in export("biblatex", ALL)


@pytest.mark.parametrize("name,suffix", [("biblatex", ".bib"), ("bibtex", ".bibtex")])
def test_pandoc_citeproc_renders_bib_without_warnings(name: str, suffix: str,
                                                      tmp_path: Path) -> None:
    bib = export(name, ALL, bib_quotes=True)
    path = tmp_path / f"refs{suffix}"
    path.write_text(bib, encoding="utf-8")
    text = pandoc(path, keys_of(bib), tmp_path)
    assert "Patel" in text and "What are we scaling?" in text
    assert "100% of $5" in text  # not truncated at % (the raw-% pitfall)
    assert "Beren’s Blog" in text or "Beren's Blog" in text
    assert "https://example.org/podcast/ep_42?q=a%20b&x=~y#t=1:02" in text


def test_pandoc_citeproc_renders_csl_json_without_warnings(tmp_path: Path) -> None:
    text_json = export("csl-json", ALL)
    path = tmp_path / "refs.json"
    path.write_text(text_json, encoding="utf-8")
    keys = [item["id"] for item in json.loads(text_json)]
    text = pandoc(path, keys, tmp_path)
    assert "Patel" in text and "Millidge" in text
    assert "Episode 42: LaTeX, AI & 100% of $5" in text


def test_csl_json_is_valid_against_the_csl_schema() -> None:
    items = json.loads(export("csl-json", ALL))
    assert csl_errors(items) == []
    assert {i["type"] for i in items} == {"motion_picture", "broadcast", "post-weblog"}


def test_native_json_is_valid_against_our_schema() -> None:
    document = json.loads(export("json", ALL))
    assert native_errors(document) == []


def test_jsonl_lines_are_valid_against_our_schema() -> None:
    lines = export("jsonl", ALL).splitlines()
    assert len(lines) == 3
    for line in lines:
        assert native_errors(json.loads(line), "line") == []


def test_schemas_reject_broken_documents() -> None:
    document = json.loads(export("json", ALL))
    document["quotes"][0]["found_in"]["selectors"][1]["start"] = -1
    document["works"]["patelWhatAreWe"]["issued"] = "2025-03-05"
    assert len(native_errors(document)) == 2
    bad = json.loads((BAD / "bad.csl.json").read_text(encoding="utf-8"))
    assert len(csl_errors(bad)) == 3


def test_clients_reject_the_bad_fixtures() -> None:
    for name in ("duplicate.bib", "unbalanced.bib"):
        text = (BAD / name).read_text(encoding="utf-8")
        with pytest.raises(Exception):  # noqa: B017 (pybtex raises several types)
            pybtex_strict(text)
        assert bibtexparser_problems(text), name


@pytest.mark.parametrize("path", sorted((DATA / "golden").glob("*.bib")), ids=lambda p: p.name)
def test_golden_bib_files_parse_cleanly(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert list(pybtex_strict(text).entries) == keys_of(text)
    assert bibtexparser_problems(text) == []
    if ".bibtex." in path.name:
        assert text.isascii()


@pytest.mark.parametrize("path", sorted((DATA / "golden").glob("*.csl.json")),
                         ids=lambda p: p.name)
def test_golden_csl_json_files_are_schema_valid(path: Path) -> None:
    assert csl_errors(json.loads(path.read_text(encoding="utf-8"))) == []


def test_pandoc_renders_the_native_quoted_in_citation(tmp_path: Path) -> None:
    import subprocess

    import pypandoc

    doc = json.loads(export("json", [hostile_extraction()]))
    citation = doc["quotes"][0]["citation"]["pandoc"]
    (tmp_path / "refs.bib").write_text(export("biblatex", [hostile_extraction()]),
                                       encoding="utf-8")
    (tmp_path / "q.md").write_text(f"Benchmarks {citation}.\n", encoding="utf-8")
    result = subprocess.run(
        [pypandoc.get_pandoc_path(), "--citeproc", "--fail-if-warnings", "--wrap=none",
         "-t", "plain", "--bibliography=refs.bib", "q.md"],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == "Benchmarks (Millidge 2025; quoted in Berg et al. 2024, at 00:12:34)."


def test_escaping_lint_passes_our_output_and_catches_the_bad_fixtures() -> None:
    from tests.clients import lint

    for name in ("biblatex", "bibtex"):
        assert lint(export(name, ALL, bib_quotes=True)) == []
    for fixture in ("raw-specials.bibtex.bib", "duplicate.bib", "unbalanced.bib"):
        assert lint((BAD / fixture).read_text(encoding="utf-8")), fixture
