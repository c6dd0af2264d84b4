"""Hand-built extractions for exporter tests (independent of the extraction core)."""

from __future__ import annotations

import quotekit
from quotekit.cleaning import normalize
from quotekit.ids import quote_id, source_id
from quotekit.model import Document, Extraction, Quote, Segment, Source, Work
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "what-are-we-scaling.txt"


def example_extraction() -> Extraction:
    """The example page with its one quote, as the extraction core should find it."""
    doc = quotekit.read(EXAMPLE)
    start = doc.text.index("When we see frontier")
    end = doc.text.index("\n", start)
    text = normalize(doc.text[start:end])
    quote = Quote(
        id=quote_id(doc.source.id, text), text=text, start=start, end=end,
        speaker="Baron Millig", speaker_surface="He", cue="writes", how="spoken-marker",
        why="pronoun", unclosed=True, work=Work(kind="blog post", when="recent"),
        confidence=0.8, source_id=doc.source.id,
    )
    return Extraction(source=doc.source, quotes=(quote,), document=doc)


HOSTILE_TITLE = "Episode 42: LaTeX, AI & 100% of $5 budgets — #tags, under_scores, a~tilde and x^2"
HOSTILE_URL = "https://example.org/podcast/ep_42?q=a%20b&x=~y#t=1:02"


def hostile_extraction() -> Extraction:
    """A timed podcast episode with particles, a corporate author and every TeX special;
    its quote cites an identified blog post."""
    authors = ("Zoë van der Berg", "José de la Cruz Ñúñez", "Åse Ørsted",
               "Example & Sons Podcasting")
    source = Source(
        id=source_id(HOSTILE_URL), title=HOSTILE_TITLE, authors=authors, url=HOSTILE_URL,
        platform="Quotekit Test Podcast", published="2024-03-05", kind="podcast",
        language="en",
    )
    text = ('Zoë: Beren Millidge has a great post where he says, "When we see frontier '
            'models improving at various benchmarks, we should think" and so on.')
    start = text.index("When")
    end = text.index('" and')
    quote = Quote(
        id=quote_id(source.id, text[start:end]), text=normalize(text[start:end]),
        start=start, end=end, speaker="Beren Millidge", speaker_surface="he",
        cue="says", how="double-quote", why="cue-before", quoted_by="Zoë van der Berg",
        work=Work(kind="blog post", title="Frontier Models & Benchmarks",
                  url="https://www.beren.io/2025-01-01-Frontier_Models%26Benchmarks/",
                  platform="Beren's Blog", when="2025"),
        start_s=754.2, end_s=771.5, confidence=0.95, source_id=source.id,
    )
    doc = Document(text=text, source=source,
                   segments=(Segment(0, len(text), 750.0, 780.0, "Zoë van der Berg"),))
    return Extraction(source=source, quotes=(quote,), document=doc)


def youtube_extraction() -> Extraction:
    """The example's source with a YouTube URL and a year, and its quote timed."""
    ex = example_extraction()
    url = "https://www.youtube.com/watch?v=PLACEHOLDER"
    source = Source(id=source_id(url), title=ex.source.title, authors=ex.source.authors,
                    url=url, platform="YouTube", published="2025", kind="video",
                    language="en")
    quote = ex.quotes[0]
    timed = Quote(**{**{f: getattr(quote, f) for f in quote.__slots__},
                     "start_s": 754.0, "end_s": 771.5, "source_id": source.id,
                     "speaker": "Beren Millidge"})
    assert ex.document is not None
    doc = Document(text=ex.document.text, source=source, skip=ex.document.skip)
    return Extraction(source=source, quotes=(timed,), document=doc)
