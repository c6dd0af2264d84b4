"""Source metadata for timed files: the file itself, a yt-dlp sidecar, ``--url``.

yt-dlp writes ``talk.info.json`` beside ``talk.mp4`` and ``talk.en.vtt``; its
``webpage_url``, ``title``, ``uploader`` (or ``channel``), ``upload_date`` and ``id``
name the video. Precedence: ``--url`` for the URL, then what the file says, then the
sidecar.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import regex

from ..ids import source_id, youtube_id
from ..model import Source
from ..registry import ReadOptions
from ._labels import fail, line_of

PLATFORM_KIND = {"youtube": "video", "vimeo": "video", "spotify": "podcast",
                 "apple podcasts": "podcast", "substack": "post", "medium": "post"}
_PLATFORMS = {"youtube": "YouTube", "vimeo": "Vimeo", "twitch": "Twitch",
              "soundcloud": "SoundCloud"}
_LANG = regex.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def sidecar_paths(name: str) -> list[Path]:
    """``talk.info.json`` for ``talk.vtt``, ``talk.en.vtt`` and ``talk.json``."""
    if name.startswith("<"):
        return []
    path = Path(name)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    if stem.endswith(".info"):
        return []
    found = [path.with_name(stem + ".info.json")]
    base, dot, lang = stem.rpartition(".")
    if dot and base and _LANG.match(lang):
        found.append(path.with_name(base + ".info.json"))
    return found


def sidecar(name: str) -> dict[str, Any]:
    """The yt-dlp info dict beside ``name``, or ``{}``; a broken one is an error."""
    for path in sidecar_paths(name):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise fail(str(path), exc.lineno, f"sidecar is not valid JSON ({exc.msg})") from None
        if not isinstance(data, dict):
            raise fail(str(path), line_of(text, 0), "sidecar is not a JSON object")
        return data
    return {}


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _published(value: Any) -> str | None:
    text = _text(value)
    if text and regex.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text


def make_source(
    name: str,
    options: ReadOptions,
    *,
    title: str | None = None,
    authors: tuple[str, ...] = (),
    url: str | None = None,
    platform: str | None = None,
    kind: str | None = None,
    published: str | None = None,
    language: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Source:
    """A :class:`Source` from what the reader found, the sidecar and the options."""
    info = sidecar(name)
    url = options.url or url or _text(info.get("webpage_url")) or _text(info.get("original_url"))
    key = (_text(info.get("extractor_key")) or "").casefold()
    platform = platform or _PLATFORMS.get(key) or (_text(info.get("extractor_key")))
    if url is None and key == "youtube" and _text(info.get("id")):
        url = f"https://www.youtube.com/watch?v={info['id']}"
    if platform is None and youtube_id(url):
        platform = "YouTube"
    uploader = _text(info.get("uploader")) or _text(info.get("channel"))
    authors = authors or ((uploader,) if uploader else ())
    title = title or _text(info.get("title"))
    kind = kind or (PLATFORM_KIND.get(platform.casefold()) if platform else None)
    if kind is None and info:
        kind = "video"
    return Source(
        id=source_id(url, title, authors, name.rsplit("/", 1)[-1]),
        title=title,
        authors=authors,
        url=url,
        platform=platform,
        published=published or _published(info.get("upload_date")),
        kind=kind,
        path=name,
        language=language or _text(info.get("language")),
        extra=dict(extra or {}),
    )
