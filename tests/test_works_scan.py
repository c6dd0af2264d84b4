"""``works._works`` (WORK tried only at work nouns and the prepositions before them)
finds exactly what ``WORK.finditer`` finds, in any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.extraction.lexicon import WORK_NOUNS
from quotekit.extraction.works import WORK, _works

NOUNS = sorted(WORK_NOUNS)
SPACE = st.sampled_from([" ", "  ", "\n", "\u00a0", "\x1c"])
#: "in his recent long blog post titled "X"": a preposition, words, a noun, a title.
CITE = st.tuples(
    st.sampled_from(["in", "In", "ON", "from", "via", "through", "(in", "xin", "İn", ""]),
    SPACE, st.sampled_from(["a", "his", "The", "one", "their"]), SPACE,
    st.lists(st.tuples(st.sampled_from(["recent", "2019", "long", "old", "x-y", "Big"]), SPACE),
             max_size=3).map(lambda ws: "".join(w + s for w, s in ws)),
    st.one_of(st.sampled_from(NOUNS), st.sampled_from(NOUNS).map(str.upper),
              st.sampled_from(["ſtudy", "booK", "vİdeo", "news letter"])),
    st.sampled_from(["", "s", "x", " titled \"A B\"", " called, 'C'", ", named “D”"]),
).map("".join)
PIECES = st.one_of(
    CITE,
    st.sampled_from(NOUNS),
    st.sampled_from([" ", "\n", ", ", ". ", "\"", "'", "titled", "in", "the"]),
    st.text(alphabet="abinopst \"", max_size=6),
)
TEXTS = st.lists(PIECES, max_size=20).map("".join)


@given(text=TEXTS)
@settings(max_examples=600, deadline=None)
def test_works_match_finditer(text: str) -> None:
    want = [(m.span(), m.groupdict()) for m in WORK.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in _works(text)] == want
