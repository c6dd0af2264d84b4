"""The headline example: a spoken marker, an unclosed quote, a pronoun, a garbled name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import quotekit
from quotekit.cli import cli
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "what-are-we-scaling.txt"


def _run(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLE), "-q", "--no-cache", *args])
    assert result.exit_code == 0, result.output
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


def test_exactly_one_quote_with_its_attribution() -> None:
    doc = _run()
    quotes = doc["quotes"]
    assert isinstance(quotes, list) and len(quotes) == 1
    q = quotes[0]
    assert q["text"].startswith("When we see frontier models")
    assert q["text"].endswith("precise capabilities.")
    assert (q["speaker"], q["speaker_surface"], q["cue"]) == ("Baron Millig", "He",
                                                                       "writes")
    assert q["unclosed"] is True
    assert q["how"] == "spoken-marker"
    mention = q["original"]["mention"]
    assert mention["kind"] == "blog post" and mention["when"] == "recent"
    assert q["quoted_by"] == "Dwarkesh Patel"
    (source,) = doc["sources"]  # type: ignore[misc]
    assert (source["title"], source["authors"], source["platform"], source["kind"]) == (
        "What are we scaling?", ["Dwarkesh Patel"], "YouTube", "video")
    work = doc["works"][source["work"]]  # type: ignore[index]
    assert work["author"] == [{"family": "Patel", "given": "Dwarkesh"}]


def test_offsets_index_the_text_as_read() -> None:
    document = quotekit.read(EXAMPLE)
    (q,) = quotekit.extract(document)
    assert quotekit.normalize(document.text[q.start:q.end]) == q.text
    assert document.text == EXAMPLE.read_text(encoding="utf-8")


def test_paraphrase_and_joke_are_not_quotes() -> None:
    texts = [q.text for q in quotekit.extract(EXAMPLE.read_text(encoding="utf-8"))]
    assert not any("counter argument" in t or "losing money" in t for t in texts)


def test_aliases_file_names_the_canonical_speaker() -> None:
    q = _run("--aliases", str(EXAMPLES / "aliases.yml"))["quotes"][0]  # type: ignore[index]
    assert (q["speaker"], q["speaker_surface"]) == ("Beren Millidge", "He")


@pytest.mark.parametrize("content", ["Beren Millidge: []\n", "- Beren Millidge\n"])
def test_fuzzy_match_resolves_the_garbled_name(tmp_path: Path, content: str) -> None:
    aliases = tmp_path / "people.yml"
    aliases.write_text(content, encoding="utf-8")
    q = _run("--aliases", str(aliases))["quotes"][0]  # type: ignore[index]
    assert q["speaker"] == "Beren Millidge"


def test_unrelated_person_does_not_capture_the_speaker(tmp_path: Path) -> None:
    aliases = tmp_path / "people.yml"
    aliases.write_text("Ada Lovelace: []\n", encoding="utf-8")
    q = _run("--aliases", str(aliases))["quotes"][0]  # type: ignore[index]
    assert q["speaker"] == "Baron Millig"
