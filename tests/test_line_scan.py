"""Line-anchored label and chrome patterns tried only on the lines holding their literal
part (``lines_with``) find exactly what a ``finditer`` over the whole text finds."""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.readers import _dialects, text

# (pattern, the literal its lines must hold): every line-anchored pattern of the readers.
CASES = [
    *((p, _dialects._ANY_CLOCK) for p in _dialects._TIMED),
    (_dialects._BOLD, _dialects._STARS),
    (_dialects._PLAIN, _dialects._COLON),
    (text._WATCH_BY, text._WATCH_WORDS),
    (text._ARROW_LINK, text._ARROWS),
]
PIECES = st.one_of(
    st.sampled_from([
        "Ann", "Bob Lee", "Speaker 1", "PW", "**Ann:**", "**", "[00:01:23]", "(00:12:34)",
        "0:03", "12:34", "[(00:09:17)](https://x.test/a)", "[Speaker 2]", "\\[00:04:01.06\\]",
        "Watch the full video by Ann on YouTube.", "Listen to the", "Read the", "→", "->",
        "&rarr;", "Watch on YouTube", ":", ": ", ":\t", ":\n", "  ", " ", "\t", "\n", "\n\n",
        "_00:01:02_", "said", ".", "(",
    ]),
    st.text(alphabet="aAbB01:. ", max_size=5),
)
#: A plain label line: "Ann: text" or "Ann:" alone (the turn below it).
LABEL = st.tuples(st.sampled_from(["Ann", "Bob Lee", "PW", "Speaker 2", "ann"]),
                  st.sampled_from([":", ": ", ":\t", " :", ":x"]),
                  st.sampled_from(["\n", " text\n", ""])).map(lambda t: "\n" + "".join(t))
TEXTS = st.lists(st.one_of(PIECES, LABEL), max_size=40).map("".join)


@pytest.mark.parametrize("pattern, needle", CASES)
@given(doc=TEXTS, pos=st.integers(min_value=0, max_value=30))
@settings(max_examples=150, deadline=None)
def test_line_scan_matches_full_scan(pattern: regex.Pattern[str], needle: re.Pattern[str],
                                     doc: str, pos: int) -> None:
    pos = min(pos, len(doc))
    full = [m.span() for m in pattern.finditer(doc, pos)]
    lines = _dialects.lines_with(doc, needle, pos)
    assert [m.span() for m in _dialects.line_matches(pattern, doc, lines)] == full


@given(doc=TEXTS)
@settings(max_examples=300, deadline=None)
def test_inline_timestamps_on_clock_lines(doc: str) -> None:
    full = [m.span() for m in _dialects._INLINE.finditer(doc)]
    lines = _dialects.lines_with(doc, _dialects._ANY_CLOCK)
    found = [m.span() for line in lines
             for m in _dialects._INLINE.finditer(doc, line, _dialects._line_end(doc, line))]
    assert found == full
