"""``address._vocatives`` (the pattern tried only before lead-in characters) finds exactly
what ``VOCATIVE.finditer`` finds, in any text and any window."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.extraction.address import VOCATIVE, _vocatives

PIECES = st.one_of(
    st.sampled_from(["dear", "Dear", "DEAR", "my", "My", "oh", "Oh", "OH", "o", "O", "to",
                     "Tom", "Ann Lee", "Mr.", "Sir John", "McKay", "O'Brien", "sir", "mother",
                     "I", "you", "İ", "ß", "'s", "-", "—", "idea", "door"]),
    st.sampled_from([" ", "  ", "\n", "\u00a0", "\x1c", ", ", ". ", "! ", "? ", "; ", ",",
                     "."]),
    st.text(alphabet="adehmorsTJ ,.", max_size=6),
)
#: "..., my dear Tom!": a lead-in, white space, a name and what may follow it.
CALL = st.tuples(
    st.sampled_from(["", "x", "my", "My", "oh", "."]), st.sampled_from([" ", "  ", "\n"]),
    st.sampled_from([",", ";", "!", "dear", "DEAR", "oh", "Oh", "O", "o", "to"]),
    st.sampled_from([" ", "  ", "\t"]), st.sampled_from(["Tom", "Ann Lee", "Sir John", "I"]),
    st.sampled_from([",", ".", "!", "", ", sir", " and"]),
).map("".join)
TEXTS = st.lists(st.one_of(PIECES, CALL), max_size=30).map("".join)


@given(text=TEXTS, lo=st.integers(min_value=0, max_value=30),
       hi=st.integers(min_value=0, max_value=300))
@settings(max_examples=800, deadline=None)
def test_vocatives_match_finditer(text: str, lo: int, hi: int) -> None:
    lo, hi = min(lo, len(text)), min(max(lo, hi), len(text))
    want = [m.span() for m in VOCATIVE.finditer(text, lo, hi)]
    assert [m.span() for m in _vocatives(text, lo, hi)] == want
