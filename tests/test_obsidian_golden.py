"""Golden files for the ``obsidian`` exporter, and what the vault parser reads in them.

``examples/what-are-we-scaling.txt`` goes through the real CLI (reader, extraction
core, aliases), in both layouts; the hand-built samples (``tests/samples.py``) add a
timed podcast with hostile text and an identified work, and a YouTube video.
Regenerate with ``QUOTEKIT_REGEN_GOLDEN=1 python -m pytest tests/test_obsidian_golden.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from quotekit.exporters.obsidian import write_notes
from quotekit.obsidian.inputs import from_native
from quotekit.registry import ExportOptions
from tests.conftest import DATA, ROOT
from tests.obsidian_support import make_extraction, make_source, run, strict_checks, write_input
from tests.samples import hostile_extraction, youtube_extraction

GOLDEN = DATA / "golden" / "obsidian"


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*.md"))}


def check(name: str, folder: Path) -> dict[str, str]:
    expected = GOLDEN / name
    if os.environ.get("QUOTEKIT_REGEN_GOLDEN") == "1":
        shutil.rmtree(expected, ignore_errors=True)
        shutil.copytree(folder, expected)
    assert expected.is_dir(), f"{expected} missing: run with QUOTEKIT_REGEN_GOLDEN=1"
    actual = tree(folder)
    assert actual == tree(expected)
    return actual


@pytest.mark.parametrize("layout", ["per-source", "per-quote"])
def test_example_page(tmp_path: Path, layout: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "notes"
    result = run("extract", "examples/what-are-we-scaling.txt", "--aliases",
                 "examples/aliases.yml", "-q", "-t", "obsidian", "-o", out, "--layout", layout)
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    notes = check(f"what-are-we-scaling.{layout}", out)
    [text] = notes.values()
    strict = strict_checks(text)
    assert strict["callouts"] == [("quote", "", "[[Beren Millidge]]")]
    assert strict["block_ids"] == [strict["properties"]["quotekit_id"]  # type: ignore[index]
                                   if layout == "per-quote" else
                                   strict["properties"]["quotekit_quotes"][0].split()[0]]  # type: ignore[index]
    assert "— a recent blog post" in text


def test_samples(tmp_path: Path) -> None:
    write_notes([hostile_extraction(), youtube_extraction()], tmp_path, ExportOptions())
    notes = check("samples", tmp_path)
    assert len(notes) == 2
    for text in notes.values():
        strict_checks(text)


def test_export_again_replaces_its_own_notes_and_never_a_users(tmp_path: Path) -> None:
    (tmp_path / "What are we scaling.md").write_text("my own note\n")
    write_notes([youtube_extraction()], tmp_path, ExportOptions())
    assert (tmp_path / "What are we scaling.md").read_text() == "my own note\n"
    [ours] = [p for p in tmp_path.iterdir() if p.name != "What are we scaling.md"]
    assert ours.name.startswith("What are we scaling (")  # clash: id suffix
    first = ours.read_bytes()
    write_notes([youtube_extraction()], tmp_path, ExportOptions())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["What are we scaling.md", ours.name]) and ours.read_bytes() == first


def test_sync_reads_what_extract_writes(tmp_path: Path) -> None:
    exs = [hostile_extraction(), youtube_extraction(),
           make_extraction(make_source("T", published="2024-02-03"), ["a b", "c d"],
                           speakers=["Ada Lovelace", None], times=[1.5, None])]
    doc = json.loads(write_input(tmp_path / "in.json", exs).read_text(encoding="utf-8"))
    back = list(from_native(doc, "in.json"))
    assert [b.source for b in back] == [ex.source for ex in exs]
    assert [b.quotes for b in back] == [ex.quotes for ex in exs]
