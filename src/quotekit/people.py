"""Where known people come from: an aliases file and a vault's People notes (I/O)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .errors import ReadError
from .extraction.speakers import SpeakerIndex


def _aliases(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return [str(value)]


def load_aliases(path: Path, index: SpeakerIndex | None = None) -> SpeakerIndex:
    """Read ``Canonical Name: [alias, alias]`` YAML (a list of names works too)."""
    index = SpeakerIndex() if index is None else index
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ReadError(f"{path}: aliases file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ReadError(f"{path}: not valid YAML{where}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"{path}: cannot read aliases file ({exc})") from None
    if data is None:
        return index
    if isinstance(data, list):
        data = {str(name): [] for name in data}
    if not isinstance(data, dict):
        raise ReadError(f"{path}: expected `Canonical Name: [alias, ...]` entries")
    for canonical, aliases in data.items():
        index.add(str(canonical), _aliases(aliases), origin="aliases")
    return index


def load_vault_people(vault: Path, index: SpeakerIndex | None = None) -> SpeakerIndex:
    """People notes: Markdown notes whose frontmatter has ``aliases`` and a person tag
    or type, or that live in a ``People`` folder; the note name is the canonical name.

    Dot folders are skipped; notes with no frontmatter outside a People folder are not
    parsed (a big vault is mostly such notes)."""
    index = SpeakerIndex() if index is None else index
    if not vault.is_dir():
        raise ReadError(f"{vault}: vault folder not found")
    notes: list[tuple[Path, str]] = []
    for note in sorted(vault.rglob("*.md")):
        rel = note.relative_to(vault)
        if any(part.startswith(".") for part in rel.parts):
            continue
        try:
            text = note.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):  # a user's unreadable note never stops a run
            continue
        notes.append((rel, text))
    return people_from_notes(notes, index)


def people_from_notes(notes: Iterable[tuple[Path, str]], index: SpeakerIndex | None = None
                      ) -> SpeakerIndex:
    """Add the people among ``notes`` (vault-relative path, text) to ``index``."""
    index = SpeakerIndex() if index is None else index
    for rel, text in notes:
        in_people = any(p.casefold() in {"people", "persons", "person"} for p in rel.parts[:-1])
        if not in_people and not text.lstrip("\ufeff").startswith("---"):
            continue
        try:
            meta = frontmatter.loads(text.lstrip("\ufeff")).metadata
        except Exception:  # a user's broken note never stops a run
            continue
        tags = {str(t).lstrip("#").casefold() for t in _aliases(meta.get("tags"))}
        kind = str(meta.get("type") or meta.get("category") or "").casefold()
        is_person = in_people or kind == "person" or bool(tags & {"person", "people"})
        stem = rel.name[:-3] if rel.name.endswith(".md") else rel.stem
        if meta.get("aliases") and (is_person or "quotekit_id" not in meta):
            if is_person or _looks_like_name(stem):
                index.add(stem, _aliases(meta.get("aliases")), origin="vault")
        elif is_person:
            index.add(stem, [], origin="vault")
    return index


def _looks_like_name(stem: str) -> bool:
    words = stem.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def load_speakers(aliases: Path | None = None, vault: Path | None = None) -> SpeakerIndex | None:
    """The user's known people, aliases file first, then the vault; ``None`` if neither."""
    if aliases is None and vault is None:
        return None
    index = SpeakerIndex()
    if aliases is not None:
        load_aliases(aliases, index)
    if vault is not None:
        load_vault_people(vault, index)
    return index
