"""An index of a vault: quotekit's notes by ``quotekit_id``, quote blocks by id, every
note name, the ledger, and the notes that may describe people.

One pass over the vault reads each Markdown file once. Dot folders (the config folder,
``.trash``, ``.quotekit``) are skipped, symlinked folders are not followed, and YAML is
parsed only for notes whose frontmatter mentions a key that matters here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlio
from .atomic import is_leftover
from .notes import BLOCK_IDS, decode

LEDGER_KEY = "quotekit_ledger"
_PEOPLE_HINTS = ("aliases", "person", "people", "type:", "category:")


@dataclass(slots=True)
class VaultIndex:
    """What a sync needs to know about a vault (``root`` is resolved)."""

    root: Path
    notes: dict[str, Path] = field(default_factory=dict)
    raw: dict[Path, bytes] = field(default_factory=dict)
    blocks: dict[str, Path] = field(default_factory=dict)
    stems: dict[str, str] = field(default_factory=dict)
    ledger: Path | None = None
    people_notes: list[tuple[Path, str]] = field(default_factory=list)
    leftovers: list[Path] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)
    duplicates: list[tuple[str, Path]] = field(default_factory=list)


def _frontmatter(text: str) -> str | None:
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    return text[3:end] if end >= 0 else None


def scan(root: Path) -> VaultIndex:
    """Index the vault at ``root`` (resolved)."""
    index = VaultIndex(root=root)
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in sorted(files):
            if is_leftover(name):
                index.leftovers.append(base / name)
            if name.startswith(".") or not name.endswith(".md"):
                continue
            _read(index, base / name)
    return index


def _read(index: VaultIndex, path: Path) -> None:
    stem = path.name[:-3]
    index.stems.setdefault(stem.casefold(), stem)
    try:
        data = path.read_bytes()
        text, _ = decode(data)
    except (OSError, UnicodeDecodeError):
        index.unreadable.append(path)
        return
    fm = _frontmatter(text)
    if fm is not None and "quotekit_" in fm:
        try:
            props = yamlio.load(fm)
        except yamlio.FrontmatterError:
            props = {}
        qid = props.get("quotekit_id")
        if isinstance(qid, str):
            if qid in index.notes:
                index.duplicates.append((qid, path))
            else:
                index.notes[qid] = path
                index.raw[path] = data
        if props.get(LEDGER_KEY) and index.ledger is None:
            index.ledger = path
            index.raw[path] = data
    if "^qk-" in text:
        for bid in BLOCK_IDS.findall(text):
            index.blocks.setdefault(bid, path)
    rel = path.relative_to(index.root)
    in_people = any(p.casefold() in {"people", "persons", "person"} for p in rel.parts[:-1])
    if in_people or (fm is not None and any(h in fm for h in _PEOPLE_HINTS)):
        index.people_notes.append((rel, text))
