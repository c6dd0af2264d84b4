"""An index of a vault: quotekit's notes by ``quotekit_id``, quote blocks by id, every
note name, the ledger, and the notes that may describe people.

One pass over the vault. Dot folders (the config folder, ``.trash``, ``.quotekit``) are
skipped and symlinked folders are not followed. A note is read only when its size or
modification time differs from what the cache (``.quotekit/cache.json``, see
:mod:`quotekit.obsidian.cache`) remembers; ``quotekit_id`` and ``quotekit_ledger`` are
found with two regular expressions, and the full YAML of a note is parsed later, only
for the notes a sync merges into.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .atomic import is_leftover
from .notes import BLOCK_IDS, decode

LEDGER_KEY = "quotekit_ledger"
# quotekit writes these keys plain on one line; a user who re-quotes them is still read.
_ID = regex.compile(r"""(?m)^quotekit_id:[ \t]*(["']?)([A-Za-z0-9-]+)\1[ \t]*\r?$""")
_LEDGER = regex.compile(r"(?m)^quotekit_ledger:[ \t]*(?:true|yes|1)[ \t]*\r?$")
_PEOPLE_HINTS = ("aliases", "person", "people", "type:", "category:")
_PEOPLE_FOLDERS = {"people", "persons", "person"}

#: What one file tells the index: [size, mtime_ns, quotekit_id, is_ledger, block ids,
#: may describe a person]; a list so that it round-trips through JSON.
Facts = list[Any]


@dataclass(slots=True)
class VaultIndex:
    """What a sync needs to know about a vault (``root`` is resolved)."""

    root: Path
    notes: dict[str, Path] = field(default_factory=dict)
    blocks: dict[str, Path] = field(default_factory=dict)
    stems: dict[str, str] = field(default_factory=dict)
    ledger: Path | None = None
    people_notes: list[tuple[Path, str]] = field(default_factory=list)
    leftovers: list[Path] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)
    duplicates: list[tuple[str, Path]] = field(default_factory=list)
    facts: dict[str, Facts] = field(default_factory=dict)
    raw: dict[Path, bytes] = field(default_factory=dict)

    def data(self, path: Path) -> bytes:
        """The bytes of ``path`` (read once per run)."""
        if path not in self.raw:
            self.raw[path] = path.read_bytes()
        return self.raw[path]


def _frontmatter(text: str) -> str | None:
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    return text[3:end] if end >= 0 else None


def scan(root: Path, cached: dict[str, Facts] | None = None) -> VaultIndex:
    """Index the vault at ``root`` (resolved); ``cached`` facts of unchanged files are
    used instead of reading them."""
    index = VaultIndex(root=root)
    cached = cached or {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in sorted(files):
            if is_leftover(name):
                index.leftovers.append(base / name)
            if name.startswith(".") or not name.endswith(".md"):
                continue
            _add(index, base / name, cached)
    return index


def _add(index: VaultIndex, path: Path, cached: dict[str, Facts]) -> None:
    stem = path.name[:-3]
    index.stems.setdefault(stem.casefold(), stem)
    rel = path.relative_to(index.root)
    key = rel.as_posix()
    try:
        st = path.stat()
        facts = cached.get(key)
        text = None
        if not facts or facts[0] != st.st_size or facts[1] != st.st_mtime_ns:
            data = path.read_bytes()
            text = decode(data)[0]
            facts = facts_of(st.st_size, st.st_mtime_ns, text, rel)
            if facts[2] or facts[3]:
                index.raw[path] = data
        if facts[5]:
            text = text if text is not None else decode(path.read_bytes())[0]
            index.people_notes.append((rel, text))
    except (OSError, UnicodeDecodeError):
        index.unreadable.append(path)
        return
    index.facts[key] = facts
    qid, ledger, blocks = facts[2], facts[3], facts[4]
    if qid:
        if qid in index.notes:
            index.duplicates.append((qid, path))
        else:
            index.notes[qid] = path
    if ledger and index.ledger is None:
        index.ledger = path
    for bid in blocks:
        index.blocks.setdefault(bid, path)


def facts_of(size: int, mtime: int, text: str, rel: Path) -> Facts:
    """What the index learns from one note's text."""
    fm = _frontmatter(text)
    qid = ledger = None
    ours = False
    if fm is not None and "quotekit_" in fm:
        found = _ID.search(fm)
        qid = found.group(2) if found else None
        ledger = bool(_LEDGER.search(fm))
        ours = bool(qid or ledger)
    blocks = BLOCK_IDS.findall(text) if "^qk-" in text else []
    in_people = any(p.casefold() in _PEOPLE_FOLDERS for p in rel.parts[:-1])
    person = in_people or (fm is not None and not ours and any(h in fm for h in _PEOPLE_HINTS))
    return [size, mtime, qid, bool(ledger), blocks, person]
