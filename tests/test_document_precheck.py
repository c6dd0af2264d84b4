"""The cheap look before ``_IT_DOCUMENT`` (one of its nouns in the casefolded window)
never skips a window where the pattern matches."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.extraction.attribute import _DOCUMENT_WORDS, _IT_DOCUMENT

NOUNS = ["article", "post", "blog post", "blog  post", "paper", "book", "essay",
         "announcement", "tweet", "statement", "letter", "email", "page", "readme", "report",
         "documentation", "docs", "press release", "press\nrelease", "website", "newsletter",
         "message", "thread"]
#: Letters that (?i) takes for ASCII ones: the Kelvin sign, the long s.
ODD = str.maketrans({"k": "\u212a", "s": "\u017f"})
NOUN = st.sampled_from(NOUNS).flatmap(lambda n: st.sampled_from(
    [n, n.upper(), n.title(), n.translate(ODD), n[:-1], n.upper().translate(ODD)]))
SPACE = st.sampled_from([" ", "  ", "\n", "\u00a0"])
#: "his same post", "Tom's tweet": an owner, a noun.
DOC = st.tuples(
    st.sampled_from(["the", "This", "THAT", "his", "her", "their", "their whole", "the new",
                     "Tom's", "Ann Lee’s", "ſhe", "İt"]), SPACE, NOUN,
    st.sampled_from(["", " ", ".", "s", "x"]),
).map("".join)
PIECES = st.one_of(
    DOC, NOUN,
    st.sampled_from(["the", "This", "THAT", "his", "her", "their", "same", "whole", "new",
                     "Tom's", "Ann Lee’s", "it", "said", " ", "  ", "\n", ", ", "İ", "ß"]),
)


@given(text=st.lists(PIECES, max_size=12).map("".join))
@settings(max_examples=600, deadline=None)
def test_a_document_match_holds_a_document_word(text: str) -> None:
    if _IT_DOCUMENT.search(text) is not None:
        folded = text.casefold()
        assert any(word in folded for word in _DOCUMENT_WORDS)
