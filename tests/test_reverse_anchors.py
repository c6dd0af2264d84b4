"""The REVERSE patterns ending in ``$`` (``_SUBJECT_BEFORE``, ``_AFTER_PREPOSITION``,
``_SENTENCE_START`` of ``mentions``; ``_SCARE_PREV``, ``_OPEN_TAIL`` of ``detect``),
matched at the end of a window, say what the forward patterns' ``search`` of the window
says."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.extraction import detect, mentions
from quotekit.extraction.lexicon import rx

REVERSED = [
    getattr(mentions, name) for name in ("_SUBJECT_BEFORE", "_AFTER_PREPOSITION",
                                         "_SENTENCE_START")
] + [getattr(detect, name) for name in ("_SCARE_PREV", "_OPEN_TAIL")]
FORWARD = [rx(p.pattern, p.flags & ~regex.REVERSE) for p in REVERSED]
PIECES = st.sampled_from([
    # _SUBJECT_BEFORE / _AFTER_PREPOSITION / _SENTENCE_START
    "and", "but", "so", "then", "when", "while", "because", "that", "the", "A", "an", "of",
    "IN", "on", "at", "to", "from", "into", "by", "with", "toward", "towards", "via", "past",
    "But", "And", "Then", "So", "Now", "Here", "Yet",
    # _SCARE_PREV
    "so-called", "called", "TITLED", "named", "terms", "word", "known", "as", "quote",
    "unquote", "quote-unquote", "like", "was", "is", "'m", "'s", "be", "its", "some", "no",
    "was like", "I'm like", "it's like",
    # other words, white space and marks
    "Tom", "grand", "sand", "x", " ", "  ", "\n", "\t", ".", "!", "?", ":", ";", ",", ", ",
    '"', "”", "’", ">", "*", "_", "—", "-", "İ", "ſ", "\u212a", "\u00a0", "\x1c",
])


@given(text=st.lists(PIECES, max_size=14).map("".join), data=st.data())
@settings(max_examples=2000, deadline=None)
def test_reverse_match_equals_forward_search(text: str, data: st.DataObject) -> None:
    # the window ends with the text (or not), starts at 0 (or not)
    end = data.draw(st.one_of(st.just(len(text)), st.integers(0, len(text))))
    start = data.draw(st.one_of(st.just(0), st.integers(0, end)))
    for reverse, forward in zip(REVERSED, FORWARD, strict=True):
        assert reverse.flags & regex.REVERSE
        assert (reverse.match(text, start, end) is None) == \
            (forward.search(text, start, end) is None), (reverse.pattern, text, start, end)
        # detect's two look at a slice of the text
        piece = text[start:end]
        assert (reverse.match(piece) is None) == (forward.search(piece) is None)
