"""``cleaning.normalize`` collapses white space with ``str.split`` where that is the same
as the ``regex`` substitution it replaces: in any text."""

from __future__ import annotations

import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.cleaning import _NOISE, _SPACE, normalize

#: Every character either side takes for white space, and a few that neither does.
SPACES = [chr(c) for c in range(sys.maxunicode + 1)
          if chr(c).isspace() or regex.match(r"\s", chr(c))] + ["\u200b", "\u180e", "x"]
TEXTS = st.lists(st.one_of(st.sampled_from(SPACES), st.sampled_from(["a", "Bc", "[music]",
                                                                       "(", ")", "[", "é"])),
                 max_size=30).map("".join)


def _reference(text: str) -> str:
    if "[" in text or "(" in text:
        text = _NOISE.sub(" ", text)
    return str(_SPACE.sub(" ", text)).strip()


@given(text=TEXTS)
@settings(max_examples=1000, deadline=None)
def test_normalize_is_the_substitution(text: str) -> None:
    assert normalize(text) == _reference(text)
