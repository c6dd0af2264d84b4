"""Plain text to TeX for BibTeX fields (never for verbatim fields such as ``url``).

Two flavours: :func:`escape` keeps UTF-8 (biblatex/biber, pandoc, pybtex all read it);
``escape(text, ascii=True)`` spells non-ASCII letters as brace-protected TeX accents
(``{\\"e}``) with pylatexenc, for classic BibTeX, which works on bytes. Characters TeX
has no spelling for (emoji, most non-Latin scripts) are kept as UTF-8 rather than lost.

Both flavours escape every TeX special, break the ligatures TeX would otherwise make of
typed text (``--``, ``''``, ``<<`` ...), and write braces as ``\\textbraceleft{}`` because
BibTeX counts ``\\{`` when it balances braces.
"""

from __future__ import annotations

import logging
import unicodedata
from functools import lru_cache

import regex
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexencode import UnicodeToLatexEncoder

SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
#: Pairs TeX turns into one glyph (dashes, quotes, guillemets, Spanish marks).
LIGATURES = frozenset({"--", "``", "''", "<<", ">>", ",,", "!`", "?`"})
#: pylatexenc spellings that pandoc drops or mangles, and what to write instead.
_PREFERRED = {
    r"{\textemdash}": "{---}",
    r"{\textendash}": "{--}",
    r"{\textquotedblleft}": "{``}",
    r"{\textquotedblright}": "{''}",
    r"{\textquoteleft}": "{`}",
    r"{\textquoteright}": "{'}",
    r"{\textellipsis}": r"{\ldots}",
}
_SPACE = regex.compile(r"\s+")
#: A word split into leading punctuation, its letters and digits, trailing punctuation.
_CORE = regex.compile(r"^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$")
_ENCODER = UnicodeToLatexEncoder(
    non_ascii_only=True, replacement_latex_protection="braces-all",
    unknown_char_policy=lambda ch: ch,
)


def clean(text: str) -> str:
    """NFC, whitespace collapsed, control characters and lone surrogates dropped."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cs", "Co"}
                   or ch.isspace())
    return str(_SPACE.sub(" ", text)).strip()


_DECODER = LatexNodes2Text(math_mode="verbatim")


class _QuietUnknown(logging.Filter):
    """pylatexenc logs each character it has no spelling for; we keep those on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "No known latex representation" not in record.getMessage()


logging.getLogger("pylatexenc.latexencode._unicode_to_latex_encoder").addFilter(_QuietUnknown())


@lru_cache(maxsize=4096)
def _tex_letter(ch: str) -> str:
    """A TeX spelling of one non-ASCII character, or the character itself when TeX has
    none that reads back as the same character (pylatexenc spells ``Ħ`` as a macron)."""
    out = str(_ENCODER.unicode_to_latex(ch))
    if out == ch or unicodedata.normalize("NFC", str(_DECODER.latex_to_text(out))) != ch:
        return ch
    return _PREFERRED.get(out, out)


def escape(text: str, *, ascii: bool = False) -> str:
    """``text`` as TeX for an ordinary BibTeX field."""
    text = clean(text)
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in SPECIALS:
            out.append(SPECIALS[ch])
        elif ascii and ord(ch) > 127:
            out.append(_tex_letter(ch))
        else:
            out.append(ch)
        if text[i : i + 2] in LIGATURES:
            out.append("{}")
    return "".join(out)


def _needs_protection(word: str, index: int, sentence_case: bool) -> bool:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return False
    if any(c.isupper() for c in letters[1:]):
        return True  # LaTeX, YouTube, AI, iPhone
    return sentence_case and index > 0 and letters[0].isupper()


def _is_sentence_case(words: list[str]) -> bool:
    long_words = [w for w in words[1:] if sum(c.isalpha() for c in w) >= 4
                  and not _needs_protection(w, 0, False)]
    upper = sum(1 for w in long_words if w[:1].isupper())
    return not long_words or upper * 2 < len(long_words)


def title(text: str, *, ascii: bool = False) -> str:
    """A title with the words styles must not re-case in braces.

    Words with an inner capital (``LaTeX``, ``AI``) are always braced; in a title
    written in sentence case every other capitalised word is a proper noun and is
    braced too, so ``plain.bst`` and pandoc keep it as written.
    """
    words = clean(text).split(" ")
    sentence_case = _is_sentence_case(words)
    out = []
    for i, word in enumerate(words):
        if not _needs_protection(word, i, sentence_case):
            out.append(escape(word, ascii=ascii))
            continue
        head, core, tail = (str(g) for g in _CORE.match(word).groups())
        out.append(escape(head, ascii=ascii) + "{" + escape(core, ascii=ascii) + "}"
                   + escape(tail, ascii=ascii))
    return " ".join(out)
