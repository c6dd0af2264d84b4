"""Helpers for the Obsidian exporter and sync tests: inputs, running the real CLI,
snapshots of a vault, and the vault oracle (obsidian-parse plus strict checks)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from click.testing import CliRunner

from quotekit.cli import main
from quotekit.exporters.json import write_json
from quotekit.ids import quote_id, source_id
from quotekit.model import Extraction, Quote, Source
from quotekit.registry import ExportOptions

BLOCK_LINE = re.compile(r"^\^([A-Za-z0-9-]+)\s*$")
PARA_BLOCK = re.compile(r"(?:^|\s)\^([A-Za-z0-9-]+)\s*$")
CALLOUT = re.compile(r"^>\s*\[!([^\]\s]+)\]([+-]?)(?:\s+(.*))?$")
FM_LINK = re.compile(r"^\[\[([^\]|#^]+)(?:[#^][^\]|]*)?(?:\|[^\]]*)?\]\]$")


def make_source(title: str = "A talk", url: str | None = None, published: str | None = None,
                authors: tuple[str, ...] = ()) -> Source:
    return Source(id=source_id(url=url, title=title, authors=authors), title=title,
                  authors=authors, url=url, published=published, kind="video")


def make_extraction(source: Source, texts: Sequence[str],
                    speakers: Sequence[str | None] | None = None,
                    times: Sequence[float | None] | None = None) -> Extraction:
    quotes = []
    for i, text in enumerate(texts):
        speaker = speakers[i] if speakers else "Ada Lovelace"
        quotes.append(Quote(id=quote_id(source.id, text), text=text, start=i * 100,
                            end=i * 100 + len(text), speaker=speaker, speaker_surface=speaker,
                            start_s=times[i] if times else None, source_id=source.id))
    return Extraction(source=source, quotes=tuple(quotes))


def write_input(path: Path, extractions: Iterable[Extraction]) -> Path:
    """The native JSON document ``quotekit extract -t json`` writes."""
    with path.open("w", encoding="utf-8") as out:
        write_json(list(extractions), out, ExportOptions())
    return path


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run(*args: str | Path) -> Run:
    """``quotekit ARGS`` in process, through the CLI's own error boundary."""
    runner = CliRunner()
    code = 0
    with runner.isolation() as (out, err, _):
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out_text = out.getvalue().decode("utf-8")
        err_text = err.getvalue().decode("utf-8")
    return Run(code, out_text, err_text)


def snapshot(vault: Path) -> dict[str, bytes]:
    """Every file of the vault except quotekit's cache folder."""
    return {p.relative_to(vault).as_posix(): p.read_bytes() for p in sorted(vault.rglob("*"))
            if p.is_file() and ".quotekit" not in p.relative_to(vault).parts}


def block_ids(vault: Path) -> Counter[str]:
    """How many times each ``^qk-`` block id occurs in the vault's notes."""
    found: Counter[str] = Counter()
    for p in vault.rglob("*.md"):
        for line in p.read_text(encoding="utf-8-sig").splitlines():
            m = re.match(r"^\^(qk-[a-z2-7]{10})\s*$", line)
            if m:
                found[m.group(1)] += 1
    return found


def strict_checks(text: str) -> dict[str, object]:
    """reference/obsidian.md §7.3: YAML must parse; block ids and callout headers."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    props: object = {}
    body = text
    if text.startswith("---\n"):
        end = text.index("\n---\n", 3)
        props = yaml.safe_load(text[4:end]) or {}  # raises on invalid YAML
        assert isinstance(props, dict)
        body = text[end + 5:]
    ids: list[str] = []
    callouts: list[tuple[str, str, str | None]] = []
    fence = False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        m = BLOCK_LINE.match(line) or PARA_BLOCK.search(line)
        if m:
            ids.append(m.group(1))
        if line.startswith(">") and "[!" in line:
            c = CALLOUT.match(line)
            assert c, f"malformed callout header: {line!r}"
            callouts.append((c.group(1), c.group(2), c.group(3)))
    assert len(ids) == len(set(ids)), f"block id twice in a note: {ids}"
    return {"properties": props, "block_ids": ids, "callouts": callouts}


def oracle(vault: Path) -> dict[str, dict[str, object]]:
    """Parse the vault with obsidian-parse; every wikilink (body and frontmatter) must
    resolve to a note; returns per-note results (links, tags, block ids, callouts)."""
    from obsidian_parse import find_file_by_id, parse

    results = parse([str(vault)])
    files = [r.path for r in results]
    out: dict[str, dict[str, object]] = {}
    for r in results:
        rel = r.path.relative_to(vault).as_posix()
        strict = strict_checks(r.path.read_text(encoding="utf-8"))
        targets = [w.target for w in r.wikilinks] + [e.target for e in r.embeds]
        for value in _strings(strict["properties"]):
            m = FM_LINK.match(value)
            if m:
                targets.append(m.group(1))
        for t in targets:
            assert find_file_by_id(vault, t, known_files=files) is not None, \
                f"{rel}: link [[{t}]] does not resolve"
        out[rel] = {"links": [w.target for w in r.wikilinks],
                    "sections": [w.section for w in r.wikilinks],
                    "tags": [t.name for t in r.tags], "frontmatter": r.frontmatter, **strict}
    return out


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
