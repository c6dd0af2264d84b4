"""A whole ``sync`` run: lock the vault, index it, merge each source, write safely.

Identity lives in the vault: notes by ``quotekit_id`` (found anywhere, so renamed and
moved notes are updated where they are), quotes by ``^qk-`` block ids, deleted quotes
by ``quotekit_quotes`` in their note, and deleted notes by the ledger note (a note with
``quotekit_ledger: true`` listing every note id quotekit has written). The ledger is
written last, so a run killed half way never marks a note as written before it is.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from ..errors import QuotekitError, UsageError
from ..extraction.speakers import SpeakerIndex
from ..model import Extraction, Quote
from ..people import load_aliases, people_from_notes
from . import atomic, cache, layout, render, vault, yamlio
from .lock import vault_lock
from .merge import merge
from .names import NamePicker, safe_name
from .notes import parse

LEDGER_NAME = "quotekit ledger"
ORDER = ("created", "updated", "unchanged", "kept-edited", "conflicts", "skipped")


@dataclass(frozen=True, slots=True)
class SyncOptions:
    """How to sync: target folder (vault-relative), layout, and what to allow."""

    folder: str = "Quotes"
    layout: Literal["per-source", "per-quote"] = "per-source"
    restore: bool = False
    dry_run: bool = False
    people_folder: str | None = None
    template: Path | None = None


@dataclass(slots=True)
class Summary:
    """Counts (``ORDER`` first), messages for the user, and the dry-run diff."""

    counts: Counter[str] = field(default_factory=Counter)
    messages: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)

    def line(self) -> str:
        parts = [f"{k} {self.counts[k]}" for k in ORDER]
        parts += [f"{k} {v}" for k, v in sorted(self.counts.items()) if k not in ORDER and v]
        return ", ".join(parts)


def subfolder(root: Path, name: str, what: str) -> Path:
    """``root/name`` for a vault-relative folder name; refuses anything that leaves
    the vault or hides the folder (absolute, ``..``, NUL, dot folders)."""
    if not name or "\x00" in name or "\\" in name:
        raise UsageError(f"{what} {name!r}: give a folder name relative to the vault")
    pure = PurePosixPath(name)
    if pure.is_absolute() or any(p in ("..", "") or p.startswith(".") for p in pure.parts):
        raise UsageError(f"{what} {name!r}: must stay inside the vault (no absolute path, "
                         "no `..`, no dot folder)")
    return root.joinpath(*pure.parts)


class Sync:
    """``with Sync(vault, options) as s: s.run(extractions)``."""

    def __init__(self, vault_path: Path, options: SyncOptions) -> None:
        if not vault_path.is_dir():
            raise UsageError(f"{vault_path}: vault folder not found")
        self.root = Path(os.path.realpath(vault_path))
        self.options = options
        self.folder = subfolder(self.root, options.folder, "--folder")
        self.people_folder = (subfolder(self.root, options.people_folder, "--people-folder")
                              if options.people_folder is not None else None)
        self.template = layout.load_template(options.template) if options.template else None
        self.summary = Summary()
        self._stack = ExitStack()
        self.index = vault.VaultIndex(root=self.root)

    def __enter__(self) -> Sync:
        if not self.options.dry_run:
            self._stack.enter_context(vault_lock(self.root, self.summary.messages))
        try:
            self.cache = cache.load(self.root)
            self.index = vault.scan(self.root, self.cache["files"])
            self.merged: dict[str, Any] = {}
            self.written_dirs: set[Path] = set()
        except BaseException:
            self._stack.close()
            raise
        if not self.options.dry_run:
            for leftover in self.index.leftovers:
                leftover.unlink(missing_ok=True)
        for qid, path in self.index.duplicates:
            self.summary.messages.append(f"duplicate quotekit_id {qid} in {self._rel(path)}; "
                                         f"updating {self._rel(self.index.notes[qid])} only")
        self.names = NamePicker(self.index.stems.values())
        stems = {unicodedata.normalize("NFC", k).casefold(): v
                 for k, v in self.index.stems.items()}
        self.people = render.People(stems=stems)
        self.ledger_ids = self._ledger_ids()
        self.seen_ids = set(self.index.notes)
        self.speakers_seen: dict[str, set[str]] = defaultdict(set)
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            for folder in sorted(self.written_dirs):
                atomic.sync_dir(folder)
            if exc_type is None and not self.options.dry_run:
                cache.save(self.root, self.index.facts, self.merged)
        finally:
            self._stack.close()

    def speakers(self, aliases: Path | None) -> SpeakerIndex:
        """Known people: the aliases file, then the vault's person notes."""
        index = SpeakerIndex()
        if aliases is not None:
            load_aliases(aliases, index)
        return people_from_notes(self.index.people_notes, index)

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _ledger_ids(self) -> set[str]:
        if self.index.ledger is None:
            return set()
        try:
            value = parse(self.index.data(self.index.ledger)).properties.get(
                "quotekit_written")
        except (OSError, UnicodeDecodeError, QuotekitError):
            return set()
        return {str(v) for v in value} if isinstance(value, list) else set()

    def run(self, extractions: Iterable[Extraction]) -> Summary:
        for ex in extractions:
            unique: dict[str, Quote] = {}
            for q in ex.quotes:
                unique.setdefault(q.id, q)
            quotes = list(unique.values())
            for q in quotes:
                if q.speaker and q.speaker.strip():
                    self.speakers_seen[q.speaker].add(q.speaker_surface or q.speaker)
                    self.names.take(self.people.stem(q.speaker))  # links point to people
            if self.options.layout == "per-quote":
                for q in quotes:
                    self._note(q.id, ex, [q])
            else:
                self._note(ex.source.id, ex, quotes)
        if self.people_folder is not None:
            self._people()
        self._ledger()
        return self.summary

    def _note(self, note_id: str, ex: Extraction, quotes: Sequence[Quote]) -> None:
        path = self.index.notes.get(note_id)
        if path is not None:
            self._update(path, ex, quotes)
            return
        if note_id in self.ledger_ids and not self.options.restore:
            self.summary.counts["notes deleted"] += 1
            return
        fresh = [q for q in quotes if q.id not in self.index.blocks]
        if not fresh:
            return
        if self.options.layout == "per-quote":
            text, _ = layout.quote_note(fresh[0], ex.source, self.people, self.template)
            folder = self.folder / safe_name(render.source_title(ex.source))
            stem = self.names.pick(render.quote_note_title(fresh[0]), note_id)
        else:
            text, _ = layout.source_note(ex, fresh, self.people, self.template)
            folder = self.folder
            stem = self.names.pick(render.source_note_title(ex.source), note_id)
        path = folder / f"{stem}.md"
        data = text.encode("utf-8")
        if self._write(path, data, None):
            self.seen_ids.add(note_id)
            self.summary.counts["created"] += 1
            self.summary.counts["quotes added"] += len(fresh)
            if self.template is None and not self.options.dry_run:
                self._remember(path, data, self._fingerprint(path, ex, quotes),
                               {"quotes unchanged": len(fresh)})

    def _fingerprint(self, path: Path, ex: Extraction, quotes: Sequence[Quote]) -> str:
        blocks = self.index.blocks
        return cache.fingerprint(cache.VERSION, self.options.layout, self.options.restore,
                                 ex.source, [(q, self.people.link(q.speaker),
                                              blocks.get(q.id, path) != path) for q in quotes])

    def _remember(self, path: Path, data: bytes, fp: str, counts: dict[str, int]) -> None:
        """Cache what the next run would find in a note this run just wrote."""
        rel = self._rel(path)
        with contextlib.suppress(OSError):
            st = path.stat()
            facts = vault.facts_of(st.st_size, st.st_mtime_ns, data.decode("utf-8"),
                                   path.relative_to(self.root))
            self.index.facts[rel] = facts
            self.merged[rel] = {"fp": fp, "size": facts[0], "mtime": facts[1],
                                "counts": counts, "messages": []}

    def _update(self, path: Path, ex: Extraction, quotes: Sequence[Quote]) -> None:
        blocks = self.index.blocks
        rel = self._rel(path)
        facts = self.index.facts.get(rel) or [None, None]
        fp = self._fingerprint(path, ex, quotes)
        known = self.cache["notes"].get(rel)
        if (isinstance(known, dict) and known.get("fp") == fp
                and [known.get("size"), known.get("mtime")] == facts[:2]):
            self.summary.counts.update(known.get("counts") or {})
            self.summary.messages.extend(known.get("messages") or [])
            self.summary.counts["unchanged"] += 1
            self.merged[rel] = known
            return
        try:
            data = self.index.data(path)
            note = parse(data)
        except (OSError, UnicodeDecodeError, QuotekitError) as exc:
            self._skip(path, f"cannot read it ({exc}); fix it and sync again")
            return

        class Elsewhere:
            def __contains__(self, bid: object) -> bool:
                return isinstance(bid, str) and blocks.get(bid, path) != path

        result = merge(note, quotes, lambda q, bid: render.quote_block(q, ex.source,
                                                                       self.people, bid),
                       restore=self.options.restore, elsewhere=Elsewhere(),
                       speakers=render.speakers_of(Extraction(ex.source, tuple(quotes)),
                                                   self.people), where=self._rel(path))
        self.summary.counts.update(result.counts)
        self.summary.messages.extend(result.messages)
        if result.data is None:
            self.summary.counts["unchanged"] += 1
            self.merged[rel] = {"fp": fp, "size": facts[0], "mtime": facts[1],
                                "counts": dict(result.counts), "messages": result.messages}
        elif self._write(path, result.data, data):
            self.summary.counts["updated"] += 1

    def _skip(self, path: Path, why: str) -> None:
        self.summary.counts["skipped"] += 1
        self.summary.messages.append(f"skipped {self._rel(path)}: {why}")

    def _write(self, path: Path, data: bytes, expected: bytes | None) -> bool:
        if self.options.dry_run:
            old = [] if expected is None else expected.decode("utf-8-sig").splitlines(True)
            rel = self._rel(path)
            self.summary.diff.extend(difflib.unified_diff(
                old, data.decode("utf-8-sig").splitlines(True),
                "/dev/null" if expected is None else f"a/{rel}", f"b/{rel}"))
            return True
        try:
            atomic.make_folder(self.root, path.parent)
            if atomic.write(self.root, path, data, expected, sync_folder=False):
                self.written_dirs.add(path.parent)
                return True
        except atomic.Unsafe as exc:
            self._skip(path, f"refused ({exc})")
            return False
        self._skip(path, "changed while quotekit was syncing; run sync again")
        return False

    def _people(self) -> None:
        assert self.people_folder is not None
        created: set[str] = set()
        for name in sorted(self.speakers_seen):
            stem = self.people.stem(name)
            key = unicodedata.normalize("NFC", stem).casefold()
            if key in self.people.stems or key in created:
                continue
            created.add(key)
            aliases = sorted(s for s in self.speakers_seen[name] if s != stem)
            props: dict[str, object] = {"aliases": aliases, "tags": ["person"]}
            text = layout.compose(props, [f"# {render.escape(name)}"])
            if self._write(self.people_folder / f"{stem}.md", text.encode("utf-8"), None):
                self.summary.counts["people created"] += 1

    def _ledger(self) -> None:
        ids = sorted(self.ledger_ids | self.seen_ids)
        if not ids or set(ids) == self.ledger_ids:
            return
        if self.index.ledger is None:
            props: dict[str, object] = {vault.LEDGER_KEY: True, "quotekit_written": ids}
            body = ["quotekit lists here the notes it has written, so that a note you delete "
                    "is not written again (`quotekit sync --restore` brings deleted notes "
                    "back). Keep this note; its name and folder do not matter."]
            self._write(self.folder / f"{LEDGER_NAME}.md",
                        layout.compose(props, body).encode("utf-8"), None)
            return
        try:
            data = self.index.data(self.index.ledger)
            note = parse(data)
        except (OSError, UnicodeDecodeError, QuotekitError) as exc:
            self._skip(self.index.ledger, f"cannot read the ledger ({exc})")
            return
        s, e = note.fm_spans().get("quotekit_written", (note.fm[1], note.fm[1])
                                   if note.fm else (0, 0))
        lines = list(note.lines)
        lines[s:e] = note.eol(yamlio.dump_item("quotekit_written", ids))
        note.lines = lines
        self._write(self.index.ledger, note.data(), data)
