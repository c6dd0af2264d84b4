"""Property tests: hostile text in titles, names and quotes survives BibTeX.

Whatever the text (every TeX special, ``%``, ``&``, ``#tag``, ``[[x]]``, ``%%``, a
trailing ``^abc``, ``---`` lines, ``key: value``, emoji, NFD accents, RTL), both
flavours parse in pybtex's strict mode and decode back to the same text (NFC, with
whitespace collapsed, as the exporter documents).
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database import Person
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from quotekit.citation.latex import _tex_letter, clean
from quotekit.citation.names import display_name, split_name
from quotekit.exporters.bibtex import write_bib
from quotekit.ids import quote_id, source_id
from quotekit.model import Extraction, Quote, Source
from quotekit.registry import ExportOptions
from tests.clients import bibtexparser_problems, lint, pybtex_strict

HOSTILE = ["\\", "{", "}", "&", "%", "$", "#", "_", "~", "^", "#tag", "[[x]]", "%%", "^abc",
           "\n---\n", "--", "key: value", "😀", "e\u0301", "שלום", "مرحبا", "``", "''", "<<",
           ">>", "?`", "!`", ",,", "@", "\"", "Zoë", "Ørsted", "…", "—", "“q”", "\\par",
           "{\\em x}", "\t", "  "]
LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x24F)
PIECE = st.one_of(st.sampled_from(HOSTILE), st.text(LATIN, max_size=4),
                  st.text(st.characters(categories=["L", "N", "P", "S", "Zs"]), max_size=3))
TEXT = st.lists(PIECE, min_size=1, max_size=10).map("".join).filter(lambda t: clean(t) != "")
WORD = st.lists(st.one_of(st.sampled_from([h for h in HOSTILE if h.strip() and "," not in h]),
                          st.text(LATIN.filter(lambda c: c not in ", "), min_size=1,
                                  max_size=5)),
                min_size=1, max_size=3).map("".join).filter(lambda w: clean(w) == w)

_context = get_default_latex_context_db().filter_context()
_context.add_context_category("quotekit", macros=[
    MacroTextSpec("textasciicircum", "^"), MacroTextSpec("textasciitilde", "~"),
    MacroTextSpec("textbackslash", "\\"), MacroTextSpec("textbraceleft", "{"),
    MacroTextSpec("textbraceright", "}"), MacroTextSpec("ldots", "…"),
], prepend=True)
DECODER = LatexNodes2Text(latex_context=_context, math_mode="verbatim",
                          strict_latex_spaces=True)


def decode(tex: str) -> str:
    return str(DECODER.latex_to_text(tex))


def person_text(person: Person) -> str:
    parts = person.first_names + person.middle_names + person.prelast_names + person.last_names
    return decode(" ".join(str(p) for p in parts))


def extraction(title: str, author: str, quote: str) -> Extraction:
    source = Source(id=source_id(title=title), title=title, authors=(author,),
                    published="2024-03-05", kind="podcast", platform=title, url=None)
    q = Quote(id=quote_id(source.id, quote), text=quote, start=0, end=len(quote),
              speaker=author, source_id=source.id)
    return Extraction(source=source, quotes=(q,))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, given_name=WORD, family=WORD, quote=TEXT, ascii=st.booleans())
def test_bibtex_round_trips_through_pybtex(title: str, given_name: str, family: str,
                                           quote: str, ascii: bool) -> None:
    author = f"{given_name} {family}"
    out = io.StringIO()
    write_bib([extraction(title, author, quote)], out, ExportOptions(bib_quotes=True),
              ascii=ascii)
    bib = out.getvalue()
    if ascii:  # only characters TeX cannot spell are left as UTF-8
        assert all(_tex_letter(c) == c for c in bib if ord(c) > 127)
    data = pybtex_strict(bib)
    work, quote_entry = data.entries.values()
    assert decode(work.fields["title"]) == clean(title)
    assert decode(work.fields["howpublished" if ascii else "organization"]).endswith(
        clean(title))
    [person] = work.persons["author"]
    assert person_text(person) == display_name(split_name(author))
    words = clean(quote).split(" ")
    opening = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
    assert decode(quote_entry.fields["title"]) == opening
    assert bibtexparser_problems(bib) == []
    assert lint(bib) == []
