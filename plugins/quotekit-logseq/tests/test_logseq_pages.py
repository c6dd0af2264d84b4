"""The Logseq exporter: page properties, one block per quote, safe text and names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import quotekit_logseq
from quotekit_logseq.pages import escape, file_name

import quotekit
from quotekit import ExportOptions, Extraction, Quote, Source
from quotekit.plugins import register_plugin

HOSTILE = "#tag [[x]] %% key:: value {{embed}} ^abc `code` **b** $x$ ((ref))"


def extraction(title: str = "What are we scaling?", text: str = "Quote one.") -> Extraction:
    source = Source(id="src-aaaaaaaaaaaa", title=title, authors=("Dwarkesh Patel",),
                    url="https://www.youtube.com/watch?v=abcdefghijk", platform="YouTube",
                    kind="video")
    quotes = (
        Quote(id="qk-aaaaaaaaaa", text=text, start=0, end=len(text),
              speaker="Beren Millidge", start_s=754.0),
        Quote(id="qk-bbbbbbbbbb", text="Second quote.", start=0, end=13),
    )
    return Extraction(source=source, quotes=quotes)


def write(tmp_path: Path, *extractions: Extraction) -> list[Path]:
    quotekit_logseq.write_pages(extractions, tmp_path, ExportOptions())
    return sorted((tmp_path / "pages").iterdir())


def test_registered_as_a_folder_exporter() -> None:
    undo = register_plugin(quotekit_logseq, "quotekit-logseq-under-test")
    try:
        exporter = quotekit.get_exporters()["logseq"]
        assert exporter.target == "folder"
    finally:
        undo()
    assert "logseq" not in quotekit.get_exporters()


def test_page_has_properties_then_one_block_per_quote(tmp_path: Path) -> None:
    [page] = write(tmp_path, extraction())
    assert page.name == "What are we scaling%3F.md"
    text = page.read_text(encoding="utf-8")
    head, body = text.split("\n\n", 1)
    props = dict(line.split(":: ", 1) for line in head.splitlines())
    assert props["title"] == "What are we scaling?"
    assert props["authors"] == "[[Dwarkesh Patel]]"
    assert props["url"] == "https://www.youtube.com/watch?v=abcdefghijk"
    assert props["quotekit-id"] == "src-aaaaaaaaaaaa"
    blocks = re.findall(r"^- .*(?:\n  .*)*", body, flags=re.M)
    assert len(blocks) == 2
    assert "  speaker:: [[Beren Millidge]]" in blocks[0].splitlines()
    assert "  source:: [[What are we scaling?]]" in blocks[0].splitlines()
    assert ("  timestamp:: [12:34](https://www.youtube.com/watch?v=abcdefghijk&t=754s)"
            in blocks[0].splitlines())
    assert "speaker::" not in blocks[1]
    assert blocks[1].endswith("quotekit-id:: qk-bbbbbbbbbb")


def test_hostile_quote_text_makes_no_tag_link_or_property(tmp_path: Path) -> None:
    [page] = write(tmp_path, extraction(text=HOSTILE))
    block = page.read_text(encoding="utf-8").split("\n- ", 1)[1].splitlines()[0]
    assert not re.search(r"(?<!\\)#\w", block)
    assert not re.search(r"(?<!\\)\[(?<!\\)\[", block)
    assert "::" not in block and "{{" not in block and "((" not in block
    unescaped = re.sub(r"\\(.)", r"\1", block).replace(":\\:", "::")
    assert unescaped == HOSTILE


@pytest.mark.parametrize("title,expected", [
    ("a/b", "a___b.md"), ('CON: "x" <y>?*|', 'CON%3A %22x%22 %3Cy%3E%3F%2A%7C.md'),
    ("...", "untitled.md"), ("trailing. ", "trailing.md"), ("#tag 100%", "%23tag 100%25.md"),
])
def test_file_names_are_safe_everywhere(title: str, expected: str) -> None:
    assert file_name(title) == expected


def test_two_sources_with_one_title_get_two_pages(tmp_path: Path) -> None:
    other = Extraction(source=Source(id="src-bbbbbbbbbbbb", title="What are we scaling?"),
                       quotes=())
    pages = write(tmp_path, extraction(), other)
    assert len(pages) == 2


def test_escape_keeps_plain_text() -> None:
    assert escape("He said: it works.") == "He said: it works."
