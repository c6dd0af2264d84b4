"""No path ever escapes the vault (issue 5, "What it must show" 3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.obsidian_support import make_extraction, make_source, run, snapshot, write_input

ESCAPES = ["../../etc/passwd", "/etc/passwd", "..", "../..", "a\x00b", "~/x", "C:\\Windows\\x",
           "\\\\server\\share", "./../x", "Quotes/../../x"]


def _outside(tmp: Path) -> dict[str, bytes]:
    return {p.relative_to(tmp).as_posix(): p.read_bytes() for p in tmp.rglob("*")
            if p.is_file() and "vault" not in p.relative_to(tmp).parts}


@pytest.mark.parametrize("name", ESCAPES)
def test_titles_and_speakers_stay_inside_the_vault(tmp_path: Path, name: str) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    ex = make_extraction(make_source(name), ["Words."], speakers=[name])
    src = write_input(tmp_path / "in.json", [ex])
    before = _outside(tmp_path)
    for layout in ("per-source", "per-quote"):
        result = run("sync", vault, src, "--layout", layout, "--people-folder", "People")
        assert result.code == 0, result.stderr
    assert _outside(tmp_path) == before
    real = vault.resolve()
    for p in vault.rglob("*"):
        assert real in p.resolve().parents
        assert "\x00" not in str(p) and ".." not in p.relative_to(vault).parts


@pytest.mark.parametrize("folder", ["../out", "/tmp/out", "a/../../out", ".hidden", "a\x00b",
                                    "..", "", "a\\..\\b"])
@pytest.mark.parametrize("option", ["--folder", "--people-folder"])
def test_folders_outside_the_vault_are_refused(tmp_path: Path, folder: str, option: str) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    src = write_input(tmp_path / "in.json", [make_extraction(make_source("T"), ["x"])])
    before = _outside(tmp_path)
    result = run("sync", vault, src, option, folder)
    assert result.code == 2
    assert result.stderr.startswith(f"Error: {option} ") and "Traceback" not in result.stderr
    assert _outside(tmp_path) == before and snapshot(vault) == {}


def test_symlinks_pointing_outside_are_not_written_through(tmp_path: Path) -> None:
    vault, outside = tmp_path / "vault", tmp_path / "outside"
    vault.mkdir()
    outside.mkdir()
    ex = make_extraction(make_source("Linked"), ["One.", "Two."])
    src = write_input(tmp_path / "in.json", [ex])
    os.symlink(outside, vault / "Quotes")  # the target folder is a link out
    result = run("sync", vault, src)
    assert "skipped" in result.stderr and "symbolic link" in result.stderr
    assert list(outside.iterdir()) == []
    (vault / "Quotes").unlink()
    assert run("sync", vault, src).code == 0
    [note] = (vault / "Quotes").glob("Linked*.md")
    target = outside / "note.md"
    target.write_bytes(note.read_bytes())
    note.unlink()
    os.symlink(target, note)  # a quotekit note that is a link to a file outside
    before = target.read_bytes()
    more = write_input(tmp_path / "more.json",
                       [make_extraction(ex.source, ["One.", "Two.", "Three."])])
    result = run("sync", vault, more)
    assert "skipped 1" in result.stderr and "symbolic link" in result.stderr
    assert target.read_bytes() == before
    os.symlink(outside, vault / "Linked folder")  # not followed when indexing
    (outside / "other.md").write_text("---\nquotekit_id: src-zzzzzzzzzzzz\n---\n")
    assert run("sync", vault, more).code == 0
    assert (outside / "other.md").read_text() == "---\nquotekit_id: src-zzzzzzzzzzzz\n---\n"
