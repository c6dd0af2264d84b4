"""``turns._line_start_matches`` (the narration-subject pattern tried at line starts
only) finds exactly what its ``finditer`` finds, in any text and any window."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.extraction.turns import _NARRATION_SUBJECT, _line_start_matches

PIECES = st.one_of(
    st.sampled_from(["Mr. Gray", "Ann", "Tom Lee", "Dr", "the", "made", "slowly", "no",
                     "answer.", "said", "X", "İ", "O'Brien"]),
    st.sampled_from([" ", "  ", "\t", "\n", "\n\n", "\n ", "\r\n", "\r", "\x85", "\u2028",
                     "\x0b", "\x0c", "\x1c", ", ", ". ", "\""]),
)

NAMES = st.sampled_from(["Mr. Gray", "Ann", "Tom Lee", "X"])
#: "Ann\nTom said": a name running over a line end, a subject opening the next line.
ACROSS = st.tuples(NAMES, st.sampled_from(["\n", "\n ", " \n\t"]), NAMES,
                   st.sampled_from([" said", " slowly made", "\nsaid", ""])).map("".join)


@given(text=st.lists(st.one_of(PIECES, ACROSS), max_size=30).map("".join),
       lo=st.integers(min_value=0, max_value=60), hi=st.integers(min_value=0, max_value=300))
@settings(max_examples=1000, deadline=None)
def test_line_starts_find_what_finditer_finds(text: str, lo: int, hi: int) -> None:
    lo, hi = min(lo, len(text)), min(max(lo, hi), len(text))
    want = [(m.span(), m.group("who")) for m in _NARRATION_SUBJECT.finditer(text, lo, hi)]
    assert [(m.span(), m.group("who")) for m in _line_start_matches(text, lo, hi)] == want
