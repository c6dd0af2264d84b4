"""The REVERSE ``_SUBJECT_BEFORE`` and ``_AFTER_PREPOSITION`` of ``mentions``, matched at
the end of a window, say what the forward patterns' ``search`` of the window says."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.extraction import mentions
from quotekit.extraction.lexicon import rx

FORWARD = {
    name: rx(getattr(mentions, name).pattern, getattr(mentions, name).flags & ~regex.REVERSE)
    for name in ("_SUBJECT_BEFORE", "_AFTER_PREPOSITION")
}
PIECES = st.sampled_from([
    "and", "but", "so", "then", "when", "while", "because", "that", "the", "A", "an", "of",
    "IN", "on", "at", "to", "from", "into", "by", "with", "toward", "towards", "via", "past",
    "Tom", "grand", "sand", "x", " ", "  ", "\n", "\t", ".", "!", "?", ":", ";", ",", ", ",
    '"', "”", "’", ">", "*", "_", "—", "-", "İ", "ſ", "\u00a0",
])


@given(text=st.lists(PIECES, max_size=14).map("".join), data=st.data())
@settings(max_examples=1500, deadline=None)
def test_reverse_match_equals_forward_search(text: str, data: st.DataObject) -> None:
    end = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(0, end))
    for name, forward in FORWARD.items():
        reverse = getattr(mentions, name)
        assert reverse.flags & regex.REVERSE
        assert (reverse.match(text, start, end) is None) == \
            (forward.search(text, start, end) is None), (name, text, start, end)
