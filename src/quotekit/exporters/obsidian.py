"""The ``obsidian`` exporter: Markdown notes for an Obsidian vault (``-o DIR``).

One note per source (default) or per quote (``--layout per-quote``), laid out by
:mod:`quotekit.obsidian.layout`, or by the user's Jinja2 ``--template``. A note already
in ``DIR`` with the same ``quotekit_id`` is replaced (an export is a snapshot; use
``quotekit sync`` to merge into notes you edit); any other file is never overwritten:
a clashing name gets a suffix.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..hookspecs import hookimpl
from ..model import Extraction
from ..obsidian import atomic, layout, render, vault
from ..obsidian.names import NamePicker, safe_name
from ..registry import Exporter, ExportOptions


def write_notes(extractions: Iterable[Extraction], folder: Path, options: ExportOptions) -> None:
    """Write one note per source (or per quote) into ``folder``."""
    root = Path(os.path.realpath(folder))
    index = vault.scan(root)
    names = NamePicker(index.stems.values())
    people = render.People(stems={unicodedata.normalize("NFC", k).casefold(): v
                                  for k, v in index.stems.items()})
    template = layout.load_template(options.template) if options.template else None
    for ex in extractions:
        for q in ex.quotes:
            if q.speaker and q.speaker.strip():
                names.take(people.stem(q.speaker))  # speaker links never name a quote note
        if options.layout == "per-quote":
            sub = root / safe_name(render.source_title(ex.source))
            for q in ex.quotes:
                text, _ = layout.quote_note(q, ex.source, people, template)
                _put(root, index, names, q.id, sub, render.quote_note_title(q), text)
        elif ex.quotes:
            text, _ = layout.source_note(ex, ex.quotes, people, template)
            _put(root, index, names, ex.source.id, root,
                 render.source_note_title(ex.source), text)


def _put(root: Path, index: vault.VaultIndex, names: NamePicker, note_id: str,
         folder: Path, title: str, text: str) -> None:
    data = text.encode("utf-8")
    path = index.notes.get(note_id)
    expected = index.data(path) if path else None
    if path is None:
        path = folder / f"{names.pick(title, note_id)}.md"
        index.notes[note_id] = path
    try:
        atomic.make_folder(root, path.parent)
        ok = atomic.write(root, path, data, expected)
    except (atomic.Unsafe, OSError) as exc:
        raise ExportError(f"cannot write {path}: {exc}") from None
    if not ok:
        raise ExportError(f"{path} changed while quotekit was writing it; export again")
    index.raw[path] = data


@hookimpl
def register_exporters(register: Any) -> None:
    register(Exporter(name="obsidian", write=write_notes, target="folder", suffix=".md",
                      description="Obsidian notes: one per source (or per quote), "
                                  "quotes as callouts with block ids"))
