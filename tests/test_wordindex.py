"""WordIndex (a trie for ``re`` on lowered text) finds exactly what the case-insensitive
alternation it replaces finds, in any text and any window."""

from __future__ import annotations

import itertools
import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.extraction import wordindex
from quotekit.extraction.attribute import CUE_WORD, CUE_WORD_LOWER
from quotekit.extraction.lexicon import CUE_SET
from quotekit.extraction.wordindex import WordIndex, trie_pattern
from quotekit.extraction.works import _HINT, _HINT_LOWER

CUES = sorted(CUE_SET)
# Cue words in any case, near-misses ("saying", "resaid"), letters whose lower case is
# longer (İ) or odd (K: Kelvin sign), line ends and punctuation.
PIECES = st.one_of(
    st.sampled_from(CUES),
    st.sampled_from(CUES).map(str.upper),
    st.sampled_from(CUES).map(str.title),
    st.sampled_from(CUES).map(lambda w: w + "ing"),
    st.sampled_from(CUES).map(lambda w: "re" + w),
    st.sampled_from(["İ", "K", "ß", "ǅ", "post", "Blog", "hacker news", "e-mail", "https:"]),
    st.sampled_from([" ", "  ", "\n", "\n\n", ", ", ". ", "\"", "'", "-"]),
    st.text(alphabet="abcsdeiruntl ", max_size=6),
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


def _reference(pattern: regex.Pattern[str], text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    # The whole text, then the words wholly inside the window (what WordIndex promises).
    return [m.span() for m in pattern.finditer(text) if lo <= m.start() and m.end() <= hi]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_cue_words_match_the_alternation(text: str, data: st.DataObject) -> None:
    index = WordIndex(text, CUE_WORD_LOWER, CUE_WORD)
    # Windows in increasing and decreasing order: the lazy scan must not depend on it.
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=6)))
    windows = list(itertools.pairwise(cuts))
    if data.draw(st.booleans()):
        windows.reverse()
    for lo, hi in windows:
        assert index.spans(lo, hi) == _reference(CUE_WORD, text, lo, hi)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_work_hints_match_the_alternation(text: str) -> None:
    index = WordIndex(text, _HINT_LOWER, _HINT)
    starts = [m.start() for m in _HINT.finditer(text)]
    for lo in range(0, len(text) + 1, 7):
        hi = min(len(text), lo + 11)
        assert index.any(lo, hi) == any(lo <= s < hi for s in starts)


def test_chunks_do_not_cut_words(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tiny chunks: every chunk boundary falls in the text, never inside a word.
    monkeypatch.setattr(wordindex, "CHUNK", 3)
    # The İ line is lowered to a longer string: that chunk alone takes the slow pattern.
    text = "he said\nshe says, they wrote\n\nİlker Says\nnobody asked\nSAID"
    index = WordIndex(text, CUE_WORD_LOWER, CUE_WORD)
    assert [text[s:e] for s, e in index.spans(0, 20)] == ["said", "says"]
    assert [text[s:e] for s, e in index.spans(0, len(text))] == \
        [m.group(0) for m in CUE_WORD.finditer(text)]


def test_trie_prefers_the_longer_word() -> None:
    pattern = re.compile(r"\b" + trie_pattern(["say", "says", "said", "a", "ab"]) + r"\b")
    assert pattern.findall("she says he said a ab abc saying") == ["says", "said", "a", "ab"]


STOPPY = st.lists(st.one_of(PIECES, st.sampled_from(list(wordindex.PUNCTUATION))),
                  max_size=80).map("".join)


@pytest.mark.parametrize("patterns", [(CUE_WORD_LOWER, CUE_WORD), (_HINT_LOWER, _HINT)])
@settings(max_examples=300, deadline=None)
@given(text=STOPPY, data=st.data(), chunk=st.sampled_from([3, 17, 64 * 1024]),
       look_back=st.sampled_from([2, 9, 1000]))
def test_scanning_around_windows_finds_what_whole_chunks_do(
        patterns: tuple[re.Pattern[str], regex.Pattern[str]], text: str, data: st.DataObject,
        chunk: int, look_back: int) -> None:
    # Windows in any order, overlapping or not: the index that scans only around them
    # (after and up to a stop) answers as the one that scans every chunk whole.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(wordindex, "CHUNK", chunk)
        mp.setattr(wordindex, "LOOK_BACK", look_back)
        around = WordIndex(text, *patterns, wordindex.PUNCTUATION)
        whole = WordIndex(text, *patterns)
        for _ in range(data.draw(st.integers(1, 8))):
            lo = data.draw(st.integers(0, len(text)))
            hi = data.draw(st.integers(lo, len(text)))
            assert around.spans(lo, hi) == whole.spans(lo, hi)
            assert around.any(lo, hi) == whole.any(lo, hi)
        assert around.spans(0, len(text)) == whole.spans(0, len(text))
