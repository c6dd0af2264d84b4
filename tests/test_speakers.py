"""Canonical speakers: aliases, name forms, fuzzy matches and suggestions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotekit.cli import cli
from quotekit.extraction.speakers import SpeakerIndex, tidy
from tests.conftest import EXAMPLES

KNOWN = SpeakerIndex({"Beren Millidge": ["Beren"], "Gavin Andresen": [], "Ilya Sutskever": []})


@pytest.mark.parametrize(("surface", "canonical", "rule"), [
    ("Beren Millidge", "Beren Millidge", "alias"),
    ("beren", "Beren Millidge", "alias"),
    ("MILLIDGE, BEREN", "Beren Millidge", "alias"),
    ("Dr. Beren Millidge", "Beren Millidge", "alias"),
    ("Millidge", "Beren Millidge", "part-of-name"),
    ("Baron Millig", "Beren Millidge", "fuzzy"),
    ("Gavin Anderson", "Gavin Andresen", "fuzzy"),
])
def test_known_people_resolve(surface: str, canonical: str, rule: str) -> None:
    found = KNOWN.resolve(surface)
    assert found is not None and (found.name, found.rule) == (canonical, rule)


@pytest.mark.parametrize("surface", ["Bern Miller", "Ilia Sutskever"])
def test_close_but_unsure_names_are_only_suggested(surface: str) -> None:
    assert KNOWN.resolve(surface) is None
    hint = KNOWN.suggest(surface)
    assert hint is not None and KNOWN.suggest_at <= hint.score < KNOWN.threshold


@pytest.mark.parametrize("surface", ["Ada Lovelace", "Barry Mills", "Ilia"])
def test_strangers_stay_strangers(surface: str) -> None:
    assert KNOWN.resolve(surface) is None
    assert KNOWN.canonical(surface) == surface


@pytest.mark.parametrize(("raw", "tidied"), [
    ("  Jane   Doe ", "Jane Doe"), ("Doe, Jane", "Jane Doe"), ("MILLIG", "Millig"),
])
def test_tidy(raw: str, tidied: str) -> None:
    assert tidy(raw) == tidied


def test_speakers_command_lists_names_surfaces_and_merges(tmp_path: Path) -> None:
    aliases = tmp_path / "people.yml"
    aliases.write_text("Beren Millidge: []\n", encoding="utf-8")
    example = str(EXAMPLES / "what-are-we-scaling.txt")
    plain = CliRunner().invoke(cli, ["speakers", example, "--json"])
    assert plain.exit_code == 0, plain.output
    assert json.loads(plain.stdout)["speakers"] == [
        {"speaker": "Baron Millig", "quotes": 1, "surfaces": ["He"], "merge_into": []}]
    known = CliRunner().invoke(cli, ["speakers", example, "--aliases", str(aliases)])
    assert known.exit_code == 0, known.output
    assert known.stdout.splitlines() == ["Beren Millidge\t1\tHe"]
