"""Property-based: random sequences of syncs and user edits on a vault.

After every sync: no byte the user owns changes (everything outside the quote blocks
quotekit wrote and still owns, and outside its own properties), no file is deleted, no
quote id appears twice in the vault, and syncing again writes zero bytes.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotekit.obsidian import yamlio
from quotekit.obsidian.notes import parse
from tests.obsidian_support import (
    block_ids,
    make_extraction,
    make_source,
    run,
    snapshot,
    write_input,
)

SOURCES = [make_source("Alpha talk", url="https://example.org/a"),
           make_source("Beta: talk #2", url="https://example.org/b")]
TEXTS = [f"Quote number {i} says something {w}." for i, w in
         enumerate(["plain", "#tagged", "[[linked]]", "%% odd %%", "end ^abc", "long " * 9,
                    "x", "y"])]
USER_LINES = ["User line #tag [[Home]]", "> a user quote", "", "---", "^user-block",
              "%% comment %%", "## My heading"]

edits = st.one_of(
    st.tuples(st.just("edit_block"), st.integers(0, 99)),
    st.tuples(st.just("insert_line"), st.integers(0, 99), st.sampled_from(USER_LINES)),
    st.tuples(st.just("delete_block"), st.integers(0, 99)),
    st.tuples(st.just("delete_note"), st.integers(0, 9)),
    st.tuples(st.just("move_note"), st.integers(0, 9)),
    st.tuples(st.just("crlf_bom"), st.integers(0, 9)),
    st.tuples(st.just("add_property"), st.integers(0, 9)),
)
#: Each step: some user edits, then a sync (of all quotes but ``drop``).
steps_st = st.lists(st.tuples(st.lists(edits, max_size=3), st.sets(st.integers(0, 7), max_size=3),
                              st.booleans(), st.booleans()), min_size=1, max_size=5)


def skeleton(data: bytes) -> object:
    """The user's part of a file: all but quotekit's owned blocks and properties, with
    the BOM, the line endings and the final newline."""
    try:
        note = parse(data)
    except (UnicodeDecodeError, yamlio.FrontmatterError):
        return data
    recorded = note.recorded()
    owned: set[int] = set()
    for b in note.blocks.values():
        if recorded.get(b.id) == b.hash:
            owned.update(range(b.start, b.end))
    for key in ("quotekit_quotes", "speakers"):
        s, e = note.fm_spans().get(key, (0, 0))
        owned.update(range(s, e))
    # Blank lines are left out: quotekit separates the blocks it inserts with blank lines,
    # which can change what a user's line is next to, never what it says.
    kept = [line for i, line in enumerate(note.lines) if i not in owned and line.strip()]
    return (note.bom, note.crlf, note.lines[-1] == "", kept)


def notes_of(vault: Path) -> list[Path]:
    return sorted(p for p in vault.rglob("*.md") if "quotekit_id" in p.read_text("utf-8-sig"))


def user_edit(vault: Path, op: tuple[object, ...]) -> None:
    kind, n = op[0], int(op[1])  # type: ignore[call-overload]
    notes = notes_of(vault)
    if not notes:
        return
    path = notes[n % len(notes)]
    data = path.read_bytes()
    note = parse(data)
    lines = list(note.lines)
    blocks = sorted(note.blocks.values(), key=lambda b: b.start)
    body = note.fm[1] + 1 if note.fm else 0
    if kind == "edit_block" and blocks:
        b = blocks[n % len(blocks)]
        if b.callout:
            i = b.start + len(b.callout) - 1
            lines[i] = lines[i].rstrip("\r") + " (my edit)" + ("\r" if note.crlf else "")
    elif kind == "insert_line":
        at = body + n % max(1, len(lines) - body)
        lines.insert(at, str(op[2]) + ("\r" if note.crlf else ""))
    elif kind == "delete_block" and blocks:
        b = blocks[n % len(blocks)]
        del lines[b.start:b.end]
    elif kind == "delete_note":
        path.unlink()
        return
    elif kind == "move_note":
        target = vault / "Moved" / f"moved {n} {path.name}"
        target.parent.mkdir(exist_ok=True)
        if not target.exists():
            path.rename(target)
        return
    elif kind == "crlf_bom" and not note.crlf:
        lines = [line + "\r" for line in lines[:-1]] + [lines[-1]]
        path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode())
        return
    elif kind == "add_property" and note.fm:
        lines.insert(note.fm[0], "my_rating: 5" + ("\r" if note.crlf else ""))
    path.write_bytes((b"\xef\xbb\xbf" if note.bom else b"") + "\n".join(lines).encode())


@given(steps_st)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_syncs_and_edits_never_lose_user_bytes_or_duplicate(
        steps: list[tuple[list[tuple[object, ...]], set[int], bool, bool]]) -> None:
    tmp = Path(tempfile.mkdtemp())
    try:
        vault = tmp / "vault"
        vault.mkdir()
        (vault / "Home.md").write_text("# Home\n\nMine [[Alpha talk]]\n")
        for i, (user_edits, drop, restore, retranscribe) in enumerate([([], set(), False, False),
                                                                       *steps]):
            for edit in user_edits:
                user_edit(vault, edit)
            texts = [t for j, t in enumerate(TEXTS) if j not in drop]
            if retranscribe:
                texts = [t.replace("says", "sayz") for t in texts]
            src = write_input(tmp / f"in{i}.json", [make_extraction(s, texts) for s in SOURCES])
            before = snapshot(vault)
            args = ["--restore"] if restore else []
            result = run("sync", vault, src, *args)
            assert result.code == 0, result.stderr
            after = snapshot(vault)
            assert set(before) <= set(after), "a file was deleted"
            for rel, data in before.items():
                assert skeleton(after[rel]) == skeleton(data), rel
            for rel in set(after) - set(before):
                assert b"quotekit_id:" in after[rel] or b"quotekit_ledger:" in after[rel]
            counts = block_ids(vault)
            assert all(c == 1 for c in counts.values()), counts
            assert run("sync", vault, src, *args).code == 0
            assert snapshot(vault) == after, "second sync wrote bytes"
    finally:
        shutil.rmtree(tmp)
