"""Logseq pages: page properties, then one block per quote with block properties.

::

    title:: What are we scaling?
    authors:: [[Dwarkesh Patel]]
    tags:: quotekit
    quotekit-id:: src-s55tvf5zeps2

    - When we see frontier models improving at various benchmarks ...
      speaker:: [[Beren Millidge]]
      source:: [[What are we scaling?]]
      quotekit-id:: qk-4yee3kfbvq
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from quotekit import ExportOptions, Extraction, Quote, Source
from quotekit.links import clock, moment_url

#: Characters Logseq's Markdown reads as syntax: tags, links, macros, emphasis, math.
_SPECIAL = re.compile(r"([\\#\[\]{}()`*_~^=$<>|!])")
#: Characters unsafe in file names on Windows, macOS or Linux (plus % itself).
_UNSAFE_FILE = re.compile(r'[<>:"\\|?*%#\x00-\x1f]')
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """One line of inline text that Logseq shows as written (no tag, link, property)."""
    text = _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())
    return text.replace("::", ":\\:")


def link(name: str) -> str:
    """A page link; names that cannot be linked safely are written as text."""
    name = _SPACE.sub(" ", name).strip()
    if not name or re.search(r"[\[\]#{}]", name):
        return escape(name)
    return f"[[{name}]]"


def file_name(title: str) -> str:
    """``title`` as a Logseq page file name (``:triple-lowbar`` format)."""
    name = _SPACE.sub(" ", title).strip().replace("/", "___")
    name = _UNSAFE_FILE.sub(lambda m: f"%{ord(m.group()):02X}", name).rstrip(". ")
    name = name.lstrip(".") or "untitled"
    return name[:180] + ".md"


def page_title(source: Source) -> str:
    return source.title or Path(source.path or source.id).stem


def render_page(extraction: Extraction) -> str:
    source = extraction.source
    title = page_title(source)
    props = [("title", escape(title))]
    if source.authors:
        props.append(("authors", ", ".join(link(a) for a in source.authors)))
    for key, value in (("url", source.url), ("platform", source.platform),
                       ("date", source.published), ("type", source.kind)):
        if value:
            props.append((key, value if key == "url" else escape(value)))
    props += [("tags", "quotekit"), ("quotekit-id", source.id)]
    lines = [f"{key}:: {value}" for key, value in props]
    lines.append("")
    lines += [render_block(q, source, title) for q in extraction.quotes]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_block(quote: Quote, source: Source, title: str) -> str:
    out = [f"- {escape(quote.text)}"]
    speaker = quote.speaker or quote.speaker_surface
    if speaker:
        out.append(f"  speaker:: {link(speaker)}")
    out.append(f"  source:: {link(title)}")
    if quote.start_s is not None:
        url = moment_url(source.url, quote.start_s)
        stamp = clock(quote.start_s)
        out.append(f"  timestamp:: [{stamp}]({url})" if url else f"  timestamp:: {stamp}")
    out.append(f"  quotekit-id:: {quote.id}")
    return "\n".join(out) + "\n"


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".qk-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
    os.replace(tmp, path)


def write_pages(extractions: Iterable[Extraction], folder: Path,
                options: ExportOptions) -> None:
    """Write ``<folder>/pages/<title>.md`` for each source, as it arrives."""
    pages = Path(folder) / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    used: dict[str, str] = {}
    for extraction in extractions:
        name = file_name(page_title(extraction.source))
        if used.get(name.casefold(), extraction.source.id) != extraction.source.id:
            name = name[:-3] + f" ({extraction.source.id}).md"
        used[name.casefold()] = extraction.source.id
        _write_atomic(pages / name, render_page(extraction))
