"""Plain text and Markdown: essays, notes and copied transcript pages.

The text stays exactly as decoded (offsets index it). What is metadata rather than
prose becomes ``Document.skip`` ranges and ``Source`` fields:

* YAML front matter (python-frontmatter): ``title``, ``author``/``authors``, ``url``
  (or ``source``/``link``), ``date``/``published``, ``speakers``, ``kind``;
* transcript-page chrome: a back-link line (``← Back to ...``), arrow links
  (``Watch on YouTube →``), ``Watch the full video by NAME on PLATFORM.``,
  ``Transcribed by URL``; the page title is the first short line after a back-link;
* speaker labels and timestamps at the start of a turn, in the dialects that
  ``_dialects`` lists (``**Name:**``, ``Name:`` when it recurs, ``Name (00:12:34)``,
  Otter's ``Name  0:03``, ``[00:01:23] Name:`` ...): the label is skipped and the
  turn becomes a segment whose ``speaker`` is the label (the *quoter*, mapped through
  ``ReadOptions.speaker_map``) and whose ``start_s`` is the timestamp. Inline
  timestamps (``\\[00:04:01.06\\]``) start a segment with the same speaker. Each
  label's start and end are ``Document.breaks`` (a change of turn ends an unclosed
  quote).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import frontmatter
import regex
import yaml

from ..hookspecs import hookimpl
from ..ids import source_id, youtube_id
from ..model import Document, Segment, Source
from ..registry import Reader, ReadOptions
from ._dialects import Mark, find_marks, line_matches, lines_with
from ._labels import speaker_name
from ._source import PLATFORM_KIND

EXTENSIONS = (".txt", ".md", ".markdown", ".text")

_FRONT = regex.compile(r"\A---[ \t]*\n(?:.*?\n)??---[ \t]*(?:\n|\Z)", regex.DOTALL)
_BACKLINK = regex.compile(r"^[ \t]*(?:←|&larr;|<-)[ \t]*\S.*$", regex.MULTILINE)
_ARROW_LINK = regex.compile(r"^[ \t]*[^\n.!?]{1,80}(?:→|&rarr;|->)[ \t]*$", regex.MULTILINE)
_WATCH_BY = regex.compile(
    r"^[ \t]*(?:Watch|Listen to|Read) the (?:full )?(?P<what>video|episode|podcast|talk|"
    r"interview|post|article)s? by (?P<author>[^\n]{1,80}?) on (?P<platform>[^\n.]{1,40})"
    r"\.?[ \t]*$",
    regex.MULTILINE,
)
_PLATFORM_LINK = regex.compile(
    r"^[ \t]*(?:Watch|Listen|Read) on (?P<platform>[^\n→]{1,40}?)[ \t]*(?:→|&rarr;|->)",
    regex.MULTILINE,
)
_WATCH_WORDS = re.compile(r"Watch the|Listen to the|Read the")
_ARROWS = re.compile(r"→|&rarr;|->")
_TRANSCRIBED = regex.compile(r"^[ \t]*Transcribed by \S+[ \t]*$", regex.MULTILINE | regex.I)
_HEADING = regex.compile(r"^#[ \t]+(?P<title>\S[^\n]*?)[ \t#]*$", regex.MULTILINE)

def _date(value: Any) -> str | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(n.strip() for n in regex.split(r"\s*(?:;|\band\b)\s*", value) if n.strip())
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return ()


def _front_matter(text: str, name: str) -> tuple[dict[str, Any], tuple[int, int] | None]:
    m = _FRONT.match(text)
    if not m:
        return {}, None
    try:
        post = frontmatter.loads(m.group(0) + "\n")
    except (yaml.YAMLError, ValueError):
        # Not YAML: a Markdown rule (`---`) or a broken block. It stays text, so
        # nothing in it is lost; there is simply no metadata.
        return {}, None
    if not isinstance(post.metadata, dict):
        return {}, None
    return dict(post.metadata), (m.start(), m.end())


def _chrome(text: str) -> tuple[list[tuple[int, int]], dict[str, str]]:
    """Skip ranges and metadata from transcript-page chrome."""
    spans: list[tuple[int, int]] = []
    meta: dict[str, str] = {}
    back = _BACKLINK.search(text, endpos=2000)
    if back:
        spans.append(back.span())
        # The page title: the first non-empty line after the back-link, if short.
        title = regex.compile(r"\n[ \t]*\n?[ \t]*(?P<t>[^\n]{1,200}?)[ \t]*\n").match(
            text, back.end()
        )
        if title and not title.group("t").startswith(("**", ">", "-")):
            meta["title"] = title.group("t").lstrip("# ").strip()
            spans.append(title.span("t"))
    # Each pattern is tried only on the lines holding its literal part, not at every
    # position of the text.
    for m in line_matches(_WATCH_BY, text, lines_with(text, _WATCH_WORDS)):
        meta.setdefault("author", m.group("author").strip())
        meta.setdefault("platform", m.group("platform").strip())
        meta.setdefault("what", m.group("what"))
        spans.append(m.span())
    for m in line_matches(_ARROW_LINK, text, lines_with(text, _ARROWS)):
        spans.append(m.span())
        p = _PLATFORM_LINK.match(m.group(0))
        if p:
            meta.setdefault("platform", p.group("platform").strip())
    for m in _TRANSCRIBED.finditer(text):
        spans.append(m.span())
    return spans, meta


def _segments(
    text: str, marks: list[Mark], options: ReadOptions
) -> tuple[Segment, ...]:
    """A segment from each mark to the next: its speaker (kept from the previous label
    when the mark is only a timestamp) and its time (until the next mark's time)."""
    segments: list[Segment] = []
    speaker: str | None = None
    for i, mark in enumerate(marks):
        if not mark.inherit:
            speaker = speaker_name(mark.speaker, options.speaker_map)
        nxt = marks[i + 1] if i + 1 < len(marks) else None
        end_s = nxt.seconds if nxt is not None else None
        if mark.seconds is None or (end_s is not None and end_s < mark.seconds):
            end_s = None
        segments.append(Segment(start=mark.end, end=nxt.end if nxt else len(text),
                                start_s=mark.seconds, end_s=end_s, speaker=speaker))
    return tuple(segments)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        elif b > a:
            out.append((a, b))
    return tuple(out)


def read_text_document(text: str, name: str, options: ReadOptions) -> Document:
    """Read plain text or Markdown (see the module docstring)."""
    meta, front = _front_matter(text, name)
    body = front[1] if front else 0
    skip: list[tuple[int, int]] = [front] if front else []
    chrome_spans, chrome = _chrome(text)
    skip += chrome_spans
    title = str(meta.get("title") or chrome.get("title") or "") or None
    if title is None:
        h = _HEADING.search(text, body, min(len(text), body + 2000))
        if h:
            title = h.group("title")
    authors = _names(meta.get("authors") or meta.get("author") or chrome.get("author"))
    url = options.url or meta.get("url") or meta.get("source") or meta.get("link")
    url = str(url) if url else None
    platform = str(meta.get("platform") or chrome.get("platform") or "") or None
    if platform is None and youtube_id(url):
        platform = "YouTube"
    kind = meta.get("kind") or meta.get("type")
    if not kind and platform:
        kind = PLATFORM_KIND.get(platform.casefold())
    if not kind and chrome.get("what") in {"video", "podcast", "talk", "post", "article"}:
        kind = chrome["what"]
    speakers_meta = _names(meta.get("speakers"))
    marks = find_marks(text, body, speakers_meta)
    skip += [(m.start, m.end) for m in marks if m.skip]
    segments = _segments(text, marks, options)
    # A labelled turn is a boundary a listener hears, even without a blank line: before
    # the label (ends the previous turn) and after it (starts this one).
    turns = [m for m in marks if not m.inherit]
    breaks = tuple(sorted({m.start for m in turns if m.start > body} | {m.end for m in turns}))
    extra = {k: v for k, v in meta.items() if isinstance(v, (str, int, float, bool))}
    source = Source(
        id=source_id(url, title, authors, name.rsplit("/", 1)[-1]),
        title=title,
        authors=authors,
        url=url,
        platform=platform,
        published=_date(meta.get("date") or meta.get("published")),
        kind=str(kind) if kind else None,
        path=name,
        extra=extra,
    )
    return Document(text=text, source=source, segments=segments, skip=_merge(skip),
                    breaks=breaks, reader="text")


def sniff(head: str, name: str) -> float:
    """Text reads anything; it is the fallback for files no other reader claims."""
    return 0.3 if name.lower().endswith(EXTENSIONS) or name.startswith("<") else 0.1


@hookimpl
def register_readers(register: Any) -> None:
    register(
        Reader(
            name="text",
            read=read_text_document,
            sniff=sniff,
            description="Plain text and Markdown (front matter, page chrome, speaker labels)",
            extensions=EXTENSIONS,
        )
    )
