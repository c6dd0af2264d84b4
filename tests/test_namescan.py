"""``namescan.mentions`` (names, nominals, nicknames found apart, then merged) yields the
matches of one ``finditer`` of the alternation it replaces, in any text and any window."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.extraction import mentions as mentions_module
from quotekit.extraction import namescan
from quotekit.extraction.lexicon import PERSON_NOUNS, rx
from quotekit.extraction.namescan import NAME, mentions

COMBINED = rx(
    r"(?P<nick>\b(?:[Cc]all(?:s|ed)?\s+(?P<obj>him|her)|(?:known|referred\s+to)\s+as|"
    r"nicknamed|a\.k\.a\.?|aka)\s+)(?P<alias>" + NAME + r")|"
    r"(?P<nom>(?:[Tt]he|[Hh]is|[Hh]er|[Mm]y|[Oo]ur|[Tt]heir)\s+(?:[\p{Ll}-]+\s+){0,2}?"
    r"\L<nouns>)(?=\s+\p{Ll}|,)|(?<![\p{L}'’])(?P<name>" + NAME + r")"
)
NOUNS = sorted(PERSON_NOUNS)
PIECES = st.one_of(
    st.sampled_from(NOUNS),
    st.sampled_from(NOUNS).map(str.title),
    st.sampled_from(["the", "The", "his", "Her", "my", "Our", "their", "bathe", "other",
                     "your", "THE", "Mr.", "Mrs", "Dr.", "Tom", "Ann Lee", "O'Brien",
                     "McKay", "de", "van", "J.", "said", "old", "very", "tall", "-",
                     "call him", "Called her", "calls", "known as", "referred to as",
                     "nicknamed", "a.k.a.", "aka", "recall",
                     "İ", "ß", "'", "’"]),
    st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\x1c", ", ", ". ", "\"", ","]),
    st.text(alphabet="abcdehmnorstTHM ", max_size=6),
)
SPACE = st.sampled_from([" ", "  ", "\n", " \u00a0", "\x1c"])
#: "the very old man said": a determiner, up to three words and a noun, then a verb.
NOMINAL = st.tuples(
    st.sampled_from(["the", "The", "his", "Her", "my", "their", "bathe", "Tom"]), SPACE,
    st.lists(st.tuples(st.sampled_from(["old", "very", "tall", "sea-", "X", "the"]), SPACE),
             max_size=3),
    st.sampled_from(NOUNS), st.sampled_from([" said", ",", " Said", "s said", ""]),
).map(lambda t: t[0] + t[1] + "".join(w + s for w, s in t[2]) + t[3] + t[4])
#: "Called her Ann": a nickname's lead-in and a name.
NICK = st.tuples(st.sampled_from([" ", ". ", "\n", "x"]),
                 st.sampled_from(["call him", "Called her", "Calls him", "known as",
                                  "referred to as", "nicknamed", "a.k.a.", "aka", "recall him",
                                  "a.k.a.k.a", "akaka"]),
                 SPACE, st.sampled_from(["Tom", "Ann Lee", "Mr. Jo", "the man"])
                 ).map("".join)
TEXTS = st.lists(st.one_of(PIECES, NOMINAL, NICK), max_size=40).map("".join)


@given(text=TEXTS, lo=st.integers(min_value=0, max_value=40),
       hi=st.integers(min_value=0, max_value=400))
@settings(max_examples=600, deadline=None)
def test_mentions_match_the_combined_pattern(text: str, lo: int, hi: int) -> None:
    lo, hi = min(lo, len(text)), min(max(lo, hi), len(text))
    want = [(m.span(), "nickname" if m.group("nick") is not None else
             "nominal" if m.group("nom") is not None else "name",
             m.group("alias"), m.group("obj")) for m in COMBINED.finditer(text, lo, hi)]
    got = [(m.span(), kind, m.group("alias") if kind == "nickname" else None,
            m.group("obj") if kind == "nickname" else None)
           for m, kind in mentions(text, lo, hi)]
    assert got == want


#: NAME as first written: a lookahead listing the name prefixes, titles as a named list.
NAME_LISTED = (
    r"(?=\p{Lu}|(?:Mc|Mac|O['’]|D['’]|Di|De|Da|La|Le|Van|Von|Fitz))"
    r"(?:\L<titles>\.?\s+)?"
    r"(?:" + namescan._CAP + r")(?:\s+(?:" + namescan._PARTICLE + r"\s+)?(?:"
    + namescan._CAP + r")){0,3}"
)
TITLED = st.tuples(
    st.sampled_from(["Mr", "MR", "Mrs", "Dr", "Capt", "Captain", "CAPT", "Count", "Countess",
                     "Sir", "Gen", "General", "Lady", "mr", "Mx"]),
    st.sampled_from([". ", " ", ".", "  ", ".\n", ""]),
    st.sampled_from(["Tom", "Ann Lee", "McKay", "O'Brien", "de la Cruz", "J. R. Smith", "X"]),
).map("".join)


@given(text=st.lists(st.one_of(PIECES, TITLED), max_size=30).map("".join))
@settings(max_examples=600, deadline=None)
def test_name_pattern_matches_the_listed_one(text: str) -> None:
    want = [m.span() for m in rx(NAME_LISTED).finditer(text)]
    assert [m.span() for m in rx(NAME).finditer(text)] == want


@given(text=st.lists(st.sampled_from([",", " ", "\n", "\x1c", "\u00a0", "who", "whom", "Who",
                                      "x", "w", "ho", "\t"]), max_size=10).map("".join),
       at=st.integers(min_value=0, max_value=12))
@settings(max_examples=500, deadline=None)
def test_who_after_is_the_unbounded_match(text: str, at: int) -> None:
    at = min(at, len(text))
    assert mentions_module._who_after(text, at) == (
        mentions_module._WHO_AFTER.match(text, at) is not None)
