"""The unmarked-quote triggers, one literal-led pattern each, start where the one
alternation they replace has its matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.extraction.detect import _UNMARKED_TRIGGERS

ALTERNATION = re.compile(
    r"[Aa]s\s+(?=[A-Z]|he\b|she\b|they\b)|like\s*,|said\s*,\s*(?=I\b|I'm|no\b|yes\b|we\b)"
)
PIECES = st.one_of(
    st.sampled_from(["as", "As", "has", "like", "said", "I", "I'm", "no", "yes", "we", "he",
                     "she", "they", "Tom", "thee", "liked", "nos"]),
    st.sampled_from([" ", "  ", "\n", ",", " , ", ", "]),
    st.text(alphabet="AaslikedI ,", max_size=5),
)


@given(text=st.lists(PIECES, max_size=40).map("".join))
@settings(max_examples=500, deadline=None)
def test_triggers_start_where_the_alternation_matches(text: str) -> None:
    want = [m.start() for m in ALTERNATION.finditer(text)]
    assert sorted(m.start() for p in _UNMARKED_TRIGGERS for m in p.finditer(text)) == want
