"""Document -> quotes: detection, attribution, speaker resolution, cited works."""

from __future__ import annotations

from ..cleaning import normalize
from ..ids import quote_id
from ..model import Document, Quote
from .attribute import Attributor, segment_at
from .conversation import fill_turns
from .detect import detect
from .speakers import SpeakerIndex
from .works import cited_work, work_hints

_SPAN_TRIM = " \t\n"


def extract_document(document: Document, *, speakers: SpeakerIndex | None = None) -> list[Quote]:
    """All attributed quotations in ``document``, in text order."""
    text = document.text
    # Paragraph breaks in the text, plus what a listener hears as a boundary (a pause,
    # a change of speaker): readers put those in Document.breaks. A cue boundary is not one.
    boundaries = sorted(set(document.breaks))
    candidates = detect(text, document.skip, boundaries)
    attributor = Attributor(text, document.segments, document.skip,
                            document.source.authors[0] if document.source.authors else None)
    index = speakers or SpeakerIndex()
    quotes: list[Quote] = []
    seg_i = 0
    kept = []
    for c in candidates:
        start, end = c.start, c.end
        while start < end and text[start] in _SPAN_TRIM:
            start += 1
        while end > start and text[end - 1] in _SPAN_TRIM:
            end -= 1
        body = normalize(text[start:end])
        if body:
            kept.append((c, start, end, body))
    cands = [k[0] for k in kept]
    attrs = [attributor.attribute(c) for c in cands]
    if not document.segments:
        fill_turns(cands, attrs, text, attributor.memory.full)
    hints = work_hints(text)  # lazy: scans only where a quote asks
    # Where no speaker label says who reads a quote out, the page's one author does.
    authors = document.source.authors
    author = authors[0] if len(authors) == 1 else None
    for (c, start, end, body), a in zip(kept, attrs, strict=True):
        work = None
        if not (c.dialogue and not document.segments):  # dialogue lines cite no works
            work = cited_work(text, c.para_start, c.before, c.after, c.para_end, hints)
        speaker = index.canonical(a.speaker, text) if a.speaker else None
        first, seg_i = segment_at(document.segments, start, seg_i)
        last, _ = segment_at(document.segments, max(start, end - 1), seg_i)
        quotes.append(Quote(
            id=quote_id(document.source.id, body),
            text=body,
            start=start,
            end=end,
            speaker=speaker,
            speaker_surface=a.surface,
            cue=a.cue,
            how=c.how,
            why=a.why,
            unclosed=c.unclosed,
            # Dialogue lines in fiction cite no works; skip the look for speed.
            work=work,
            start_s=first.start_s if first else None,
            end_s=(last.end_s if last else None),
            confidence=round(min(1.0, c.confidence * a.confidence / 0.9), 3),
            quoted_by=a.quoted_by or author,
            source_id=document.source.id,
        ))
    return quotes
