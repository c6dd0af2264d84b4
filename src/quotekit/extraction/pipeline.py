"""Document -> quotes: detection, attribution, speaker resolution."""

from __future__ import annotations

from ..model import Document, Quote
from .speakers import SpeakerIndex


def extract_document(document: Document, *, speakers: SpeakerIndex | None = None) -> list[Quote]:
    """All attributed quotations in ``document``, in text order."""
    return []
