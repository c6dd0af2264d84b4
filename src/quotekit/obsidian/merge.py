"""Block-level merge of upstream quotes into one existing note.

Rules, for each upstream quote in transcript order:

* found by block id (or, failing that, a block quotekit wrote whose text is nearly the
  same: a re-transcription) -> if the block still hashes to what quotekit recorded, it
  is brought up to date (``updated``) or left (``unchanged``); if the user edited it, it
  is kept, and reported as ``conflicts`` when upstream changed too, else ``kept-edited``;
* recorded in ``quotekit_quotes`` but gone from the note -> the user deleted it: not
  written again unless ``restore``;
* present in another note of the vault -> left there (no quote id twice in a vault);
* otherwise inserted before the next quote (in transcript order) already in the note,
  else after the previous one, else before ``## Notes``, else at the end.

Blocks quotekit wrote that no upstream quote matches are reported as ``vanished`` and
kept. Only ``quotekit_quotes`` and new ``speakers`` change in the frontmatter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..model import Quote
from . import yamlio
from .notes import Block, Note
from .render import QuoteBlock

#: rapidfuzz ratio (0-100) above which a quote is the same quote re-transcribed.
FUZZY_MIN = 90.0

Render = Callable[[Quote, str | None], QuoteBlock]


@dataclass(slots=True)
class MergeResult:
    """The merged note (``None`` when nothing changed), counts and messages."""

    data: bytes | None
    counts: Counter[str] = field(default_factory=Counter)
    messages: list[str] = field(default_factory=list)


def _match(quotes: Sequence[Quote], note: Note, recorded: dict[str, str],
           elsewhere: Container[str]) -> dict[str, Block]:
    matched: dict[str, Block] = {}
    used: set[str] = set()
    for q in quotes:
        if q.id in note.blocks:
            matched[q.id] = note.blocks[q.id]
            used.add(q.id)
    spare = [b for b in note.blocks.values()
             if b.id not in used and b.id in recorded and b.id not in {q.id for q in quotes}]
    for q in quotes:
        if q.id in matched or q.id in recorded or q.id in elsewhere or not spare:
            continue
        best = max(spare, key=lambda b: fuzz.ratio(q.text, b.text))
        if fuzz.ratio(q.text, best.text) >= FUZZY_MIN:
            matched[q.id] = best
            spare.remove(best)
    return matched


def merge(note: Note, quotes: Sequence[Quote], render: Render, *, restore: bool,
          elsewhere: Container[str], speakers: Sequence[str], where: str) -> MergeResult:
    """Merge ``quotes`` into ``note``; ``elsewhere`` are quote ids in other notes."""
    result = MergeResult(data=None)
    recorded = note.recorded()
    new_record = dict(recorded)
    matched = _match(quotes, note, recorded, elsewhere)
    replace: dict[int, tuple[int, list[str]]] = {}
    inserts: dict[tuple[str, str], list[QuoteBlock]] = {}
    order = [q.id for q in quotes]
    for idx, q in enumerate(quotes):
        block = matched.get(q.id)
        if block is not None:
            fresh = render(q, block.id)
            rec = recorded.get(block.id)
            if block.hash == fresh.hash:
                result.counts["quotes unchanged"] += 1
                new_record[block.id] = fresh.hash
            elif rec == block.hash:
                replace[block.start] = (block.start + len(block.callout), list(fresh.callout))
                new_record[block.id] = fresh.hash
                result.counts["quotes updated"] += 1
            elif rec == fresh.hash:
                result.counts["kept-edited"] += 1
            else:
                result.counts["conflicts"] += 1
                result.messages.append(f"conflict: {where} ^{block.id}: you edited this quote "
                                       "and it changed upstream; your version is kept")
            continue
        if q.id in elsewhere:
            continue
        if q.id in recorded and not restore:
            result.counts["quotes deleted"] += 1
            continue
        fresh = render(q, None)
        new_record[fresh.id] = fresh.hash
        inserts.setdefault(_anchor(idx, order, matched, note), []).append(fresh)
        result.counts["quotes added"] += 1
    found = {b.id for b in matched.values()}
    for bid in recorded:
        if bid in note.blocks and bid not in found:
            result.counts["vanished"] += 1
            result.messages.append(f"vanished upstream (kept): {where} ^{bid}")
    edits = _frontmatter_edits(note, new_record, speakers)
    edits.extend((s, e, lines) for s, (e, lines) in replace.items())
    edits.extend(_insert_edits(note, inserts))
    if edits:
        lines = list(note.lines)
        for start, end, new in sorted(edits, key=lambda x: (x[0], x[1]), reverse=True):
            lines[start:end] = note.eol(new) if new is not None else []
        merged = Note(lines=lines, bom=note.bom, crlf=note.crlf).data()
        result.data = merged if merged != note.data() else None
    return result


def _anchor(idx: int, order: list[str], matched: dict[str, Block], note: Note
            ) -> tuple[str, str]:
    for later in order[idx + 1:]:
        if later in matched:
            return ("before", matched[later].id)
    for earlier in reversed(order[:idx]):
        if earlier in matched:
            return ("after", matched[earlier].id)
    if note.blocks:
        last = max(note.blocks.values(), key=lambda b: b.end)
        return ("after", last.id)
    return ("end", "")


def _insert_edits(note: Note, inserts: dict[tuple[str, str], list[QuoteBlock]]
                  ) -> list[tuple[int, int, list[str]]]:
    edits = []
    for (kind, bid), blocks in inserts.items():
        if kind == "before":
            at = note.blocks[bid].start
            lines = [line for b in blocks for line in (*b.lines, "")]
        else:
            at = note.blocks[bid].end if kind == "after" else _notes_heading(note)
            lines = [line for b in blocks for line in ("", *b.lines)]
            if kind == "end" and at < len(note.lines) and note.lines[at].strip():
                lines = [*lines[1:], ""]
        edits.append((at, at, lines))
    return edits


def _notes_heading(note: Note) -> int:
    start = note.fm[1] + 1 if note.fm else 0
    for i in range(start, len(note.lines)):
        if note.lines[i].rstrip("\r") == "## Notes":
            return i
    return len(note.lines) - 1 if note.lines and note.lines[-1] == "" else len(note.lines)


def _frontmatter_edits(note: Note, record: dict[str, str], speakers: Sequence[str]
                       ) -> list[tuple[int, int, list[str]]]:
    if note.fm is None:
        return []
    spans = note.fm_spans()
    edits: list[tuple[int, int, list[str]]] = []
    wanted = sorted(f"{k} {v}" for k, v in record.items())
    if note.properties.get("quotekit_quotes") != wanted:
        s, e = spans.get("quotekit_quotes", (note.fm[1], note.fm[1]))
        edits.append((s, e, yamlio.dump_item("quotekit_quotes", wanted)))
    current = note.properties.get("speakers")
    if isinstance(current, list) and "speakers" in spans:
        missing = [s for s in speakers if s not in current]
        if missing:
            s, e = spans["speakers"]
            edits.append((s, e, yamlio.dump_item("speakers", [*current, *missing])))
    return edits
