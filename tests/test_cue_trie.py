"""The forward cue patterns with the cue words as a trie (``CUE_FORWARD``) match what
they matched with the words as an alternation, longest first (``CUE``): same span, same
groups."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.extraction import attribute
from quotekit.extraction.lexicon import CUE_SET, rx

CUES = sorted(CUE_SET)
PATTERNS = [attribute.AFTER_INVERTED, attribute.AFTER_NORMAL]
ALTERNATION = [rx(p.pattern.replace(attribute.CUE_FORWARD, attribute.CUE), p.flags)
               for p in PATTERNS]
#: A cue word, cut short, run on, or in another case.
CUE = st.sampled_from(CUES).flatmap(lambda w: st.sampled_from(
    [w, w.upper(), w.title(), w[:-1], w[1:], w + "s", w + "ed", w + "ly", "un" + w]))
WORD = st.sampled_from([
    "he", "She", "they", "I", "Tom", "Mr. Ann Lee", "the parson", "his old friend", "who",
    "then", "quickly", "softly", "wanted", "was", "has", "voice of", "it", "ſaid", "\u212a",
])
MARK = st.sampled_from([" ", "  ", "\n", ",", ", ", ".", "!", "?", ";", ":", "—", "-", '"',
                        "”", "’"])


@given(pieces=st.lists(st.one_of(CUE, WORD, MARK), max_size=12), data=st.data())
@settings(max_examples=1500, deadline=None)
def test_trie_and_alternation_match_alike(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start = data.draw(st.one_of(st.just(0), st.integers(0, len(text))))
    end = data.draw(st.one_of(st.just(len(text)), st.integers(start, len(text))))
    for trie, alternation in zip(PATTERNS, ALTERNATION, strict=True):
        assert attribute.CUE_FORWARD in trie.pattern
        a, b = trie.match(text, start, end), alternation.match(text, start, end)
        assert (a is None) == (b is None), (text, start, end)
        if a is not None and b is not None:
            assert a.span() == b.span()
            assert a.groupdict() == b.groupdict()
            assert a.regs == b.regs


def test_the_cue_words_are_letters() -> None:
    """What makes the order of the trie's words irrelevant (see ``CUE_FORWARD``)."""
    assert all(regex.fullmatch(r"\p{L}+", w) for w in CUE_SET)
