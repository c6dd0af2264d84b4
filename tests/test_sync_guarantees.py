"""Issue 5, guarantees 1-9, driving the real `quotekit sync` on vaults with user notes."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.obsidian_support import (
    block_ids,
    make_extraction,
    make_source,
    oracle,
    run,
    snapshot,
    write_input,
)

TALK = make_source("Interview with Ada: On Engines", url="https://example.org/ada",
                   published="2024-05-01")
OTHER = make_source("Second talk", url="https://example.org/two")
TEXTS = ["The engine weaves algebraic patterns.", "It has no pretensions to originate.",
         "Imagination is the discovering faculty."]


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    v = tmp_path / "Vault"
    (v / ".obsidian").mkdir(parents=True)
    (v / ".obsidian" / "app.json").write_text('{"userIgnoreFilters": []}')
    (v / "People").mkdir()
    (v / "People" / "Ada Lovelace.md").write_text(
        "---\naliases: [Countess Lovelace]\ntags: [person]\n---\nMathematician.\n")
    (v / "Home.md").write_text("# Home\n\nSee [[Ada Lovelace]] and #inbox.\n")
    (v / "Daily").mkdir()
    (v / "Daily" / "2024-01-01.md").write_bytes(
        b"\xef\xbb\xbf---\r\ntags: [daily]\r\n---\r\nDid things.\r\n")
    return v


def sync(vault: Path, tmp: Path, *exs: object, args: tuple[str, ...] = (), name: str = "in"
         ) -> object:
    src = write_input(tmp / f"{name}.json", exs)  # type: ignore[arg-type]
    return run("sync", vault, src, *args)


def note_of(vault: Path, source_id: str) -> Path:
    [path] = [p for p in vault.rglob("*.md") if f"quotekit_id: {source_id}" in p.read_text(
        encoding="utf-8-sig")]
    return path


def test_second_sync_writes_zero_bytes(vault: Path, tmp_path: Path) -> None:
    first = sync(vault, tmp_path, make_extraction(TALK, TEXTS, times=[1.0, 60.5, 754.2]))
    assert first.code == 0, first.stderr
    assert "created 1," in first.stderr
    before = snapshot(vault)
    mtimes = {p: p.stat().st_mtime_ns for p in vault.rglob("*") if p.is_file()}
    second = sync(vault, tmp_path, make_extraction(TALK, TEXTS, times=[1.0, 60.5, 754.2]))
    assert second.code == 0, second.stderr
    assert "created 0, updated 0, unchanged 1," in second.stderr
    assert snapshot(vault) == before
    assert {p: p.stat().st_mtime_ns for p in vault.rglob("*") if p.is_file()
            if ".quotekit" not in p.parts} == {p: m for p, m in mtimes.items()
                                               if ".quotekit" not in p.parts}
    notes = oracle(vault)
    [note] = [n for rel, n in notes.items() if rel.startswith("Quotes/2024-05-01")]
    assert note["block_ids"] == [q.id for q in make_extraction(TALK, TEXTS).quotes]
    assert [c[0] for c in note["callouts"]] == ["quote"] * 3  # type: ignore[union-attr]
    assert "Ada Lovelace" in note["links"]  # type: ignore[operator]


def test_edits_kept_and_new_quotes_inserted_in_order(vault: Path, tmp_path: Path) -> None:
    sync(vault, tmp_path, make_extraction(TALK, TEXTS))
    path = note_of(vault, TALK.id)
    text = path.read_text(encoding="utf-8")
    text = text.replace("> It has no pretensions to originate.",
                        "> It has no pretensions whatever to originate anything.")
    text = text.replace("tags:\n", "status: reading\ntags:\n", 1)
    text = text.replace("title: ", "title: My own title\nold_title: ", 1)
    text = text.replace("## Notes", "## Notes\n\nMy thoughts, with [[Home]] and %%a comment%%")
    edited = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")[:-2]  # no final newline
    path.write_bytes(edited)
    new = ["A first new quote.", TEXTS[0], "Between one and two.", TEXTS[1], TEXTS[2],
           "At the very end."]
    result = sync(vault, tmp_path, make_extraction(TALK, new))
    assert result.code == 0, result.stderr
    assert "updated 1," in result.stderr and "kept-edited 1," in result.stderr
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf---\r\n") and not after.endswith(b"\n")
    assert b"\n" not in after.replace(b"\r\n", b"")
    old_lines = edited.decode("utf-8").split("\r\n")
    new_lines = after.decode("utf-8").split("\r\n")
    diff = [d for d in difflib.ndiff(old_lines, new_lines) if d[:1] in "+-"]
    assert all(d.startswith("+") or d.startswith("-   - qk-") for d in diff), diff
    body = after.decode("utf-8")
    order = [body.index(t) for t in ["A first new quote.", TEXTS[0], "Between one and two.",
                                     "no pretensions whatever", TEXTS[2], "At the very end."]]
    assert order == sorted(order)
    assert body.index("At the very end.") < body.index("## Notes")
    assert "My thoughts, with [[Home]] and %%a comment%%" in body
    assert set(block_ids(vault).values()) == {1}
    oracle(vault)


def test_quote_edited_on_both_sides_is_a_conflict_and_kept(vault: Path, tmp_path: Path) -> None:
    sync(vault, tmp_path, make_extraction(TALK, TEXTS))
    path = note_of(vault, TALK.id)
    path.write_text(path.read_text().replace("> Imagination is", "> Imagination, I say, is"))
    upstream = make_extraction(TALK, TEXTS, speakers=["Ada Lovelace", "Ada Lovelace",
                                                      "Charles Babbage"])
    result = sync(vault, tmp_path, upstream)
    assert "conflicts 1," in result.stderr and "conflict: Quotes/" in result.stderr
    assert "> Imagination, I say, is" in path.read_text()
    assert "[[Charles Babbage]]" not in path.read_text().split("---", 2)[2]


def test_unedited_quote_follows_upstream(vault: Path, tmp_path: Path) -> None:
    sync(vault, tmp_path, make_extraction(TALK, TEXTS))
    upstream = make_extraction(TALK, TEXTS, speakers=["Charles Babbage", None, "Ada Lovelace"])
    result = sync(vault, tmp_path, upstream)
    assert "updated 1," in result.stderr and "quotes updated 2" in result.stderr
    text = note_of(vault, TALK.id).read_text()
    assert "> [!quote] [[Charles Babbage]]\n> The engine" in text
    assert "> [!quote]\n> It has no" in text
    assert '  - "[[Charles Babbage]]"' in text  # new speaker added to the property


def test_retranscribed_quote_is_matched_not_duplicated(vault: Path, tmp_path: Path) -> None:
    sync(vault, tmp_path, make_extraction(TALK, TEXTS))
    fixed = ["The engine weaves algebraical patterns.", *TEXTS[1:]]
    result = sync(vault, tmp_path, make_extraction(TALK, fixed))
    text = note_of(vault, TALK.id).read_text()
    assert "algebraical" in text and "algebraic patterns" not in text
    assert f"^{make_extraction(TALK, TEXTS).quotes[0].id}" in text
    assert sum(block_ids(vault).values()) == 3
    assert "quotes added" not in result.stderr


def test_renamed_and_moved_note_is_updated_where_it_is(vault: Path, tmp_path: Path) -> None:
    sync(vault, tmp_path, make_extraction(TALK, TEXTS))
    path = note_of(vault, TALK.id)
    (vault / "Archive" / "Deep").mkdir(parents=True)
    moved = vault / "Archive" / "Deep" / "Ada interview (mine).md"
    path.rename(moved)
    result = sync(vault, tmp_path, make_extraction(TALK, [*TEXTS, "One more."]))
    assert "created 0, updated 1," in result.stderr
    assert not path.exists()
    assert "One more." in moved.read_text()
    assert sorted(p.name for p in (vault / "Quotes").iterdir()) == ["quotekit ledger.md"]
    assert set(block_ids(vault).values()) == {1}


def test_deleted_quote_and_note_stay_deleted_until_restore(vault: Path, tmp_path: Path) -> None:
    both = (make_extraction(TALK, TEXTS), make_extraction(OTHER, ["Other words."]))
    sync(vault, tmp_path, *both)
    path = note_of(vault, TALK.id)
    text = path.read_text()
    qid = both[0].quotes[1].id
    start = text.index("> [!quote] [[Ada Lovelace]]\n> It has no")
    end = text.index(f"^{qid}\n") + len(f"^{qid}\n\n")
    path.write_text(text[:start] + text[end:])
    note_of(vault, OTHER.id).unlink()
    kept = snapshot(vault)
    result = sync(vault, tmp_path, *both)
    assert snapshot(vault) == kept
    assert "quotes deleted 1" in result.stderr and "notes deleted 1" in result.stderr
    shutil.rmtree(vault / ".quotekit")
    sync(vault, tmp_path, *both)
    assert snapshot(vault) == kept  # the memory is in the vault, not in the cache
    result = sync(vault, tmp_path, *both, args=("--restore",))
    assert "created 1, updated 1," in result.stderr
    assert f"^{qid}" in path.read_text()
    assert "Other words." in note_of(vault, OTHER.id).read_text()
    assert set(block_ids(vault).values()) == {1}


def test_deleting_the_cache_makes_no_duplicates(vault: Path, tmp_path: Path) -> None:
    sync(vault, tmp_path, make_extraction(TALK, TEXTS))
    before = snapshot(vault)
    shutil.rmtree(vault / ".quotekit")
    result = sync(vault, tmp_path, make_extraction(TALK, TEXTS))
    assert result.code == 0
    assert snapshot(vault) == before


def test_vanished_quotes_are_reported_never_deleted(vault: Path, tmp_path: Path) -> None:
    sync(vault, tmp_path, make_extraction(TALK, TEXTS))
    before = snapshot(vault)
    result = sync(vault, tmp_path, make_extraction(TALK, TEXTS[:1]))
    assert "vanished 2" in result.stderr and "vanished upstream (kept)" in result.stderr
    assert snapshot(vault) == before


def test_quote_moved_into_a_user_note_is_not_written_again(vault: Path, tmp_path: Path) -> None:
    sync(vault, tmp_path, make_extraction(TALK, TEXTS))
    path = note_of(vault, TALK.id)
    text = path.read_text()
    qid = make_extraction(TALK, TEXTS).quotes[2].id
    start = text.index("> [!quote] [[Ada Lovelace]]\n> Imagination")
    end = text.index(f"^{qid}\n") + len(f"^{qid}\n")
    (vault / "Home.md").write_text((vault / "Home.md").read_text() + "\n" + text[start:end])
    path.write_text(text[:start] + text[end:])
    sync(vault, tmp_path, make_extraction(TALK, TEXTS))
    assert block_ids(vault)[qid] == 1 and f"^{qid}" in (vault / "Home.md").read_text()


def test_dry_run_prints_a_diff_and_writes_nothing(vault: Path, tmp_path: Path) -> None:
    before = snapshot(vault)
    result = sync(vault, tmp_path, make_extraction(TALK, TEXTS), args=("--dry-run",))
    assert result.code == 0
    assert snapshot(vault) == before and not (vault / ".quotekit").exists()
    assert result.stdout.startswith("--- /dev/null\n+++ b/Quotes/2024-05-01 Interview with Ada")
    assert "+> It has no pretensions to originate." in result.stdout
    assert "dry run (nothing written): created 1," in result.stderr


def test_person_notes_feed_speakers_and_are_created_only_when_asked(
        vault: Path, tmp_path: Path) -> None:
    (vault / "Beren Millidge.md").write_text("---\naliases: [Baron Millig]\n---\n")
    from quotekit.obsidian.engine import Sync, SyncOptions

    with Sync(vault, SyncOptions(dry_run=True)) as s:
        people = s.speakers(None).people
    assert "Baron Millig" in people["Beren Millidge"]
    assert "Countess Lovelace" in people["Ada Lovelace"]
    ex = make_extraction(TALK, TEXTS, speakers=["ada lovelace", "Grace Hopper", None])
    sync(vault, tmp_path, ex)
    assert not (vault / "People" / "Grace Hopper.md").exists()
    text = note_of(vault, TALK.id).read_text()
    assert "[[Ada Lovelace]]" in text  # the existing note's own name
    sync(vault, tmp_path, make_extraction(OTHER, ["x y z"], speakers=["Grace Hopper"]),
         args=("--people-folder", "People"))
    assert (vault / "People" / "Grace Hopper.md").exists()
    assert not (vault / "People" / "ada lovelace.md").exists()
    oracle(vault)


def test_per_quote_layout(vault: Path, tmp_path: Path) -> None:
    ex = make_extraction(TALK, TEXTS, times=[3.0, None, 3700.0])
    first = sync(vault, tmp_path, ex, args=("--layout", "per-quote"))
    assert "created 3," in first.stderr
    notes = {rel: n for rel, n in oracle(vault).items() if rel.startswith("Quotes/Interview")}
    assert len(notes) == 3
    props = [n["properties"] for n in notes.values()]
    assert {p["quotekit_id"] for p in props} == {q.id for q in ex.quotes}  # type: ignore[index]
    assert all(p["tags"] == ["quotekit/quote"] and p["speaker"] == "[[Ada Lovelace]]"
               and p["quotekit_source"] == TALK.id for p in props)  # type: ignore[index]
    assert sorted(p.get("start_seconds", -1) for p in props) == [-1, 3, 3700]  # type: ignore[union-attr]
    before = snapshot(vault)
    assert "unchanged 3," in sync(vault, tmp_path, ex, args=("--layout", "per-quote")).stderr
    assert snapshot(vault) == before
    next(iter((vault / "Quotes").rglob("Ada Lovelace - It has*.md"))).unlink()
    again = sync(vault, tmp_path, ex, args=("--layout", "per-quote"))
    assert "notes deleted 1" in again.stderr and sum(block_ids(vault).values()) == 2


def test_template_renders_new_notes(vault: Path, tmp_path: Path) -> None:
    template = tmp_path / "note.md.j2"
    template.write_text("# {{ title }} (by template)\n\n{% for q in quotes %}{{ q.block }}\n\n"
                        "{% endfor %}Moments: {{ quotes | map(attribute='clock') | join(', ') }}\n")
    ex = make_extraction(TALK, TEXTS, times=[1.0, 2.0, 75.0])
    sync(vault, tmp_path, ex, args=("--template", template))
    text = note_of(vault, TALK.id).read_text()
    assert "(by template)" in text and "Moments: 0:01, 0:02, 1:15" in text
    before = snapshot(vault)
    sync(vault, tmp_path, ex, args=("--template", template))
    assert snapshot(vault) == before
    bad = tmp_path / "bad.j2"
    bad.write_text("{% for %}")
    result = sync(vault, tmp_path, ex, args=("--template", bad))
    assert result.code == 2 and result.stderr.startswith("Error: ") and "line 1" in result.stderr


def _holder() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def test_a_second_sync_fails_cleanly_on_the_lock(vault: Path, tmp_path: Path) -> None:
    holder = _holder()
    try:
        (vault / ".quotekit").mkdir()
        import socket

        (vault / ".quotekit" / "sync.lock").write_text(json.dumps(
            {"pid": holder.pid, "host": socket.gethostname(), "started": "now"}))
        before = snapshot(vault)
        result = sync(vault, tmp_path, make_extraction(TALK, TEXTS))
        assert result.code == 1
        assert result.stderr.startswith("Error: another quotekit sync is running on this vault")
        assert "Traceback" not in result.stderr
        assert snapshot(vault) == before
    finally:
        holder.kill()
        holder.wait()
    result = sync(vault, tmp_path, make_extraction(TALK, TEXTS))
    assert result.code == 0 and "removed a stale lock left by process" in result.stderr
    assert not (vault / ".quotekit" / "sync.lock").exists()


def test_concurrent_syncs_one_waits_or_fails_cleanly(vault: Path, tmp_path: Path) -> None:
    exs = [make_extraction(make_source(f"Talk {i}"), [f"Quote {i} {j} words here."
                                                      for j in range(5)]) for i in range(150)]
    src = write_input(tmp_path / "big.json", exs)
    cmd = [sys.executable, "-m", "quotekit", "sync", str(vault), str(src)]
    env = {**os.environ, "QUOTEKIT_LOAD_PLUGINS": ""}
    outcomes = []
    for _ in range(3):
        procs = [subprocess.Popen(cmd, stderr=subprocess.PIPE, env=env) for _ in range(2)]
        for p in procs:
            _, err = p.communicate(timeout=120)
            outcomes.append((p.returncode, err.decode()))
    for code, err in outcomes:
        assert code == 0 or (code == 1 and err.startswith(
            "Error: another quotekit sync is running on this vault")), err
        assert "Traceback" not in err
    assert any(code == 0 for code, _ in outcomes)
    counts = block_ids(vault)
    assert len(counts) == 750 and set(counts.values()) == {1}


def test_the_cache_is_only_a_cache(vault: Path, tmp_path: Path) -> None:
    sync(vault, tmp_path, make_extraction(TALK, TEXTS))
    path = note_of(vault, TALK.id)
    path.write_text(path.read_text().replace("> Imagination is", "> Imagination, I say, is"))
    upstream = make_extraction(TALK, TEXTS, speakers=["Ada Lovelace", None, None])
    first = sync(vault, tmp_path, upstream)
    assert "conflicts 1," in first.stderr and "updated 1," in first.stderr
    before = snapshot(vault)
    cached = sync(vault, tmp_path, upstream)  # merged from the cache: same report
    assert "conflicts 1," in cached.stderr and "conflict: Quotes/" in cached.stderr
    assert snapshot(vault) == before
    (vault / ".quotekit" / "cache.json").write_text("{not json")
    assert "conflicts 1," in sync(vault, tmp_path, upstream).stderr
    assert snapshot(vault) == before
    (vault / ".quotekit" / "cache.json").write_text('{"version": 1, "files": {}, "notes": '
                                                     '{"' + path.relative_to(vault).as_posix()
                                                     + '": {"fp": "x"}}}')
    edited = make_extraction(TALK, [*TEXTS, "Added later."], speakers=["Ada Lovelace"] + [None] * 3)
    assert "quotes added 1" in sync(vault, tmp_path, edited).stderr
    assert set(block_ids(vault).values()) == {1}
