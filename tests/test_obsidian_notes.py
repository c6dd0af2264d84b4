"""The notes quotekit writes: names, YAML, escaping, read back by obsidian-parse.

Tricky titles and hostile quote text must give notes that the third-party vault
parser reads with exactly the links, tags and frontmatter quotekit meant, plus the
strict checks of block ids, callout headers and YAML (reference/obsidian.md §7.3).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import regex
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from obsidian_parse import parse_markdown_content

from quotekit.model import Extraction
from quotekit.obsidian import layout, names, render, yamlio
from quotekit.obsidian.notes import parse
from tests.obsidian_support import (
    make_extraction,
    make_source,
    oracle,
    run,
    strict_checks,
    write_input,
)

HOSTILE = ["#tag", "#1984", "[[x]]", "![[embed]]", "%%", "%% hidden %%", "end ^abc", "---",
           "key: value", "emoji 🎉", "Cafe\u0301", "עברית RTL", "\\", "$x$", "==hl==", "<b>x</b>",
           "[a](b)", "# heading", "> quote", "- list", "1. item", "a|b", "{{x}}",
           "&amp; %20 @x", "'single' \"double\"", "\t tab", "x#notatag", "C#"]
TRICKY_TITLES = [': # [ ] | ^ ? * " < > / \\', "Trailing dot.", "CON", "nul.txt", "com1",
                 "Emoji 🎉 talk", "Cafe\u0301 ope\u0301ra", "x" * 300, "../../etc/passwd",
                 "/etc/passwd", "..", "a\x00b", "", "   ", "line\nbreak", "🎉" * 100,
                 "[[Link]] #tag %%c%% ^blk"]

# No backticks: obsidian-parse 0.1.1 counts escaped ones as code spans and then hides the
# links after them (a gap of the oracle; test_backticks_are_escaped covers them).
chars = st.characters(exclude_characters="`", codec="utf-8")
text_st = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(chars, min_size=1, max_size=12)),
                   min_size=1, max_size=6).map(" ".join)


def expected_text(text: str) -> str:
    return " ".join(text.split())


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_safe_name_is_safe_everywhere(title: str) -> None:
    name = names.safe_name(title)
    assert name and name == names.safe_name(name)
    assert unicodedata.is_normalized("NFC", name)
    assert not set(name) & set('#|^[]%<>:"/\\?*')
    assert not regex.search(r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\n\t]", name)
    assert name[0] not in ". " and name[-1] not in ". "
    assert len(name) <= 120 and len(name.encode("utf-8")) <= 180
    assert name.split(".")[0].casefold() not in {"con", "prn", "aux", "nul", "com1", "lpt1"}


@given(st.dictionaries(st.sampled_from(["title", "source", "url", "speaker"]),
                       st.one_of(text_st, st.text()), min_size=1),
       st.lists(st.one_of(text_st, st.text()), max_size=4))
@settings(max_examples=300)
def test_yaml_style_round_trips(props: dict[str, str], items: list[str]) -> None:
    lines = yamlio.dump({**props, "aliases": items, "date": "2024-05-01"})
    loaded = yaml.safe_load("\n".join(lines))
    assert {k: loaded[k] for k in props} == props
    assert loaded["aliases"] == items and str(loaded["date"]) == "2024-05-01"
    assert yamlio.dump({**props, "aliases": items, "date": "2024-05-01"}) == lines
    assert all("\n" not in line for line in lines)


def _check_note(ex: Extraction, text: str) -> None:
    people = render.People()
    result = parse_markdown_content(text, "note", Path("note.md"))
    strict = strict_checks(text)
    speakers = [q.speaker for q in ex.quotes if q.speaker]
    assert [w.target for w in result.wikilinks] == [names.safe_name(s) for s in speakers]
    assert result.embeds == [] and result.tags == []
    assert result.tag_names == ["quotekit/source"]
    assert strict["block_ids"] == [q.id for q in ex.quotes]
    assert [c[0] for c in strict["callouts"]] == ["quote"] * len(ex.quotes)  # type: ignore[union-attr]
    props = strict["properties"]
    title = render.source_title(ex.source)
    assert props["title"] == title and props["aliases"] == [title]  # type: ignore[index]
    assert props["speakers"] == [people.link(s) for s in dict.fromkeys(speakers)]  # type: ignore[index]
    body = text.split("\n---\n", 1)[1]
    assert "%%" not in body
    headings = [line for line in body.split("\n") if line.lstrip("> ").startswith("#")]
    assert headings == [f"# {render.escape(title)}", "## Notes"]
    note = parse(text.encode("utf-8"))
    assert [note.blocks[q.id].text for q in ex.quotes] == [expected_text(q.text)
                                                           for q in ex.quotes]


@given(st.lists(text_st.filter(lambda t: t.strip()), min_size=1, max_size=4, unique=True),
       text_st, st.lists(st.one_of(st.none(), text_st.filter(lambda t: t.strip())),
                         min_size=4, max_size=4))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_hostile_text_makes_no_tag_link_comment_or_block_id(
        texts: list[str], title: str, speakers: list[str | None]) -> None:
    texts = list(dict.fromkeys(expected_text(t) for t in texts))
    ex = make_extraction(make_source(title or "t"), texts, speakers=speakers[:len(texts)],
                         times=[12.5] * len(texts))
    text, _ = layout.source_note(ex, ex.quotes, render.People())
    _check_note(ex, text)


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_tricky_titles_and_speakers_give_notes_that_resolve(tmp_path: Path, title: str) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    ex = make_extraction(make_source(title, url="https://example.org/x?a=(1)&b=2"),
                         ["Some words, said.", f"Hostile {' '.join(HOSTILE)}"],
                         speakers=[title or None, "Ada Lovelace"], times=[1.0, 2.0])
    src = write_input(tmp_path / "in.json", [ex])
    result = run("sync", vault, src, "--people-folder", "People")
    assert result.code == 0, result.stderr
    notes = oracle(vault)  # every link resolves
    files = [p for p in vault.rglob("*") if p.is_file() and ".quotekit" not in p.parts]
    assert all(vault in p.resolve().parents for p in files)
    [source_note] = [n for n in notes.values()
                     if n["properties"].get("quotekit_id") == ex.source.id]  # type: ignore[union-attr]
    assert source_note["properties"]["title"] == render.source_title(ex.source)  # type: ignore[index]
    assert source_note["block_ids"] == [q.id for q in ex.quotes]
    assert source_note["tags"] == []
    assert sum(n["properties"].get("tags") == ["person"] for n in notes.values()) == (  # type: ignore[union-attr]
        2 if title.strip() and title.strip() != "Ada Lovelace" else 1)
    again = run("sync", vault, src, "--people-folder", "People")
    assert "created 0, updated 0, unchanged 1," in again.stderr


def test_moment_links_in_callout_headers() -> None:
    yt = make_source("V", url="https://youtu.be/abcdefghijk")
    ex = make_extraction(yt, ["a b", "c d"], speakers=["Ada Lovelace", None], times=[754.9, None])
    blocks = [render.quote_block(q, yt, render.People()) for q in ex.quotes]
    assert blocks[0].callout[0] == ("> [!quote] [[Ada Lovelace]] · "
                                    "[12:34](https://www.youtube.com/watch?v=abcdefghijk&t=754s)")
    assert blocks[1].callout[0] == "> [!quote]"
    untimed_url = make_source("P", url=None)
    q = make_extraction(untimed_url, ["x"], times=[3723.0]).quotes[0]
    assert render.quote_block(q, untimed_url, render.People()).callout[0].endswith("· 1:02:03")


def test_backticks_are_escaped() -> None:
    assert render.escape("say `rm -rf` now") == "say \\`rm -rf\\` now"
