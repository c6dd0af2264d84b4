"""Unit and property tests of the citation helpers and the JSON exporters."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotekit.citation.keys import KeyAllocator, base_key
from quotekit.citation.latex import escape, title
from quotekit.citation.names import bib_name, split_name
from quotekit.exporters.json import write_jsonl
from quotekit.model import Document, Extraction, Quote, Source
from quotekit.native import selectors
from quotekit.registry import ExportOptions
from tests.clients import export
from tests.samples import hostile_extraction, youtube_extraction


@pytest.mark.parametrize("family,title_,year,key", [
    ("Patel", "What are we scaling?", 2025, "patelWhatAreWe2025"),
    ("Millidge", "Frontier Models & Benchmarks", 2025, "millidgeFrontierModelsBenchmarks2025"),
    ("van der Berg", "Episode 42: LaTeX, AI & 100% of $5 budgets", 2024,
     "vanderbergEpisode42LaTeX2024"),
    ("Ørsted", "Ünïcode names in classic BibTeX", 2024, "orstedUnicodeNamesClassic2024"),
    ("O'Brien", "The art of the deal", None, "obrienArtDeal"),
])
def test_better_bibtex_keys_from_the_reference(family: str, title_: str, year: int | None,
                                               key: str) -> None:
    assert base_key(family, title_, year) == key


def test_key_clashes_get_suffixes_case_insensitively() -> None:
    keys = KeyAllocator()
    got = [keys.allocate(k) for k in ["patelWhatAreWe2025", "PatelWhatAreWe2025"]
           + ["patelWhatAreWe2025"] * 26]
    assert got[:3] == ["patelWhatAreWe2025", "PatelWhatAreWe2025a", "patelWhatAreWe2025b"]
    assert got[-1] == "patelWhatAreWe2025aa"
    assert len({k.casefold() for k in got}) == len(got)


@pytest.mark.parametrize("name,csl,bib", [
    ("Zoë van der Berg", {"family": "Berg", "given": "Zoë", "non-dropping-particle": "van der"},
     "van der Berg, Zoë"),
    ("José de la Cruz Ñúñez",
     {"family": "Cruz Ñúñez", "given": "José", "non-dropping-particle": "de la"},
     "de la {Cruz Ñúñez}, José"),
    ("Millidge, Beren", {"family": "Millidge", "given": "Beren"}, "Millidge, Beren"),
    ("Example & Sons Podcasting", {"literal": "Example & Sons Podcasting"},
     r"{Example \& Sons Podcasting}"),
    ("World Health Organization", {"literal": "World Health Organization"},
     "{World Health Organization}"),
    ("Martin Luther King Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
     "King, Jr., Martin Luther"),
])
def test_names(name: str, csl: dict[str, str], bib: str) -> None:
    assert split_name(name) == csl
    assert bib_name(csl, escape) == bib


@pytest.mark.parametrize("text,tex", [
    ("100% & $5 #1 a_b", r"100\% \& \$5 \#1 a\_b"),
    ("a~b^c\\d{e}", r"a\textasciitilde{}b\textasciicircum{}c\textbackslash{}d"
                    r"\textbraceleft{}e\textbraceright{}"),
    ("a -- b --- c", "a -{}- b -{}-{}- c"),
])
def test_escape_specials(text: str, tex: str) -> None:
    assert escape(text) == tex


def test_ascii_escape_uses_braced_accents() -> None:
    assert escape("Zoë Ørsted — “x”", ascii=True) == r"Zo{\"e} {\O}rsted {---} {``}x{''}"


def test_title_protects_acronyms_and_proper_nouns() -> None:
    assert title("What are we scaling with LaTeX, AI and Patel?") == (
        "What are we scaling with {LaTeX}, {AI} and {Patel}?")
    assert title("What Are We Scaling") == "What Are We Scaling"


def test_biblatex_relates_the_original_to_where_it_was_quoted() -> None:
    bib = export("biblatex", [hostile_extraction()])
    entry = bib.split("@online{millidgeFrontierModelsBenchmarks2025,")[1]
    assert "related      = {vanderbergEpisode42LaTeX2024}" in entry
    assert "relatedstring = {Quoted in}" in entry
    bibtex = export("bibtex", [hostile_extraction()])
    assert "note         = {Quoted in Zo{\\\"e} van der Berg et al." in bibtex


def test_native_quote_record() -> None:
    doc = json.loads(export("json", [hostile_extraction(), youtube_extraction()]))
    first, second = doc["quotes"]
    assert first["found_in"]["locator"] == {"label": "timestamp", "value": "00:12:34"}
    assert second["found_in"]["media_fragment"]["url"].endswith("&t=754s")
    assert first["original"]["work"] == "millidgeFrontierModelsBenchmarks2025"
    assert doc["works"][first["original"]["work"]]["type"] == "post-weblog"
    assert first["speaker"] == "Beren Millidge"
    assert first["speaker_csl"] == {"family": "Millidge", "given": "Beren"}
    assert first["quoted_by"] == "Zoë van der Berg"
    assert first["found_in"]["quoted_by_csl"]["non-dropping-particle"] == "van der"
    assert [s["work"] for s in doc["sources"]] == ["vanderbergEpisode42LaTeX2024",
                                                   "patelWhatAreWe2025"]
    assert first["citation"]["pandoc"] == (
        "[@{millidgeFrontierModelsBenchmarks2025}; quoted in "
        "@{vanderbergEpisode42LaTeX2024}, at 00:12:34]")


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200), data=st.data())
def test_selectors_point_at_the_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    doc = Document(text=text, source=Source(id="src-x"))
    quote_sel, position = selectors(start, end, text[start:end], doc)
    assert quote_sel["exact"] == text[start:end]
    assert text[:start].endswith(quote_sel["prefix"])
    assert text[end:].startswith(quote_sel["suffix"])
    assert (position["start"], position["end"]) == (start, end)


def test_jsonl_streams_each_quote_before_reading_the_next_source() -> None:
    out = io.StringIO()
    seen: list[int] = []

    def extractions() -> Iterator[Extraction]:
        for ex in (hostile_extraction(), youtube_extraction()):
            seen.append(out.getvalue().count("\n"))
            yield ex

    write_jsonl(extractions(), out, ExportOptions())
    assert seen == [0, 1]
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [set(line["works"]) for line in lines] == [
        {"vanderbergEpisode42LaTeX2024", "millidgeFrontierModelsBenchmarks2025"},
        {"patelWhatAreWe2025"}]


def test_same_source_twice_is_one_work() -> None:
    ex = youtube_extraction()
    items = json.loads(export("csl-json", [ex, ex]))
    assert [i["id"] for i in items] == ["patelWhatAreWe2025"]


def test_pinned_citation_key_is_kept() -> None:
    ex = youtube_extraction()
    src = ex.source
    pinned = Source(id=src.id, title=src.title, authors=src.authors, url=src.url,
                    kind=src.kind, extra={"citekey": "myOwnKey"})
    quote = Quote(id="qk-aaaaaaaaaa", text="x", start=0, end=1)
    items = json.loads(export("csl-json", [Extraction(source=pinned, quotes=(quote,))]))
    assert items[0]["id"] == "myOwnKey"
