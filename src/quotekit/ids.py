"""Stable identifiers for sources and quotes (same input, same id, on any machine)."""

from __future__ import annotations

import base64
import hashlib
import unicodedata
from urllib.parse import parse_qs, urlparse

import regex

_YOUTUBE_ID = regex.compile(r"^[A-Za-z0-9_-]{11}$")


def _digest(key: str, chars: int) -> str:
    # surrogatepass: a string with a lone surrogate still gets an id, the same every time
    data = unicodedata.normalize("NFC", key).encode("utf-8", "surrogatepass")
    raw = hashlib.sha256(data).digest()
    # Base32 turns each 5 bytes into 8 characters independently: the first 10 bytes
    # give the same first 16 characters as the whole digest, at a third of the cost.
    assert chars <= 16
    return base64.b32encode(raw[:10]).decode("ascii").lower()[:chars]


def youtube_id(url: str | None) -> str | None:
    """The 11-character video id of a YouTube URL, or ``None``."""
    if not url:
        return None
    try:
        parts = urlparse(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    candidate: str | None = None
    if host == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
    elif host.endswith("youtube.com") or host.endswith("youtube-nocookie.com"):
        if parts.path == "/watch":
            values = parse_qs(parts.query).get("v")
            candidate = values[0] if values else None
        else:
            bits = parts.path.strip("/").split("/")
            if len(bits) >= 2 and bits[0] in {"embed", "shorts", "live", "v"}:
                candidate = bits[1]
    if candidate and _YOUTUBE_ID.match(candidate):
        return candidate
    return None


def source_key(
    url: str | None, title: str | None, authors: tuple[str, ...], filename: str | None
) -> str:
    """The identity of a source: YouTube id, else URL, else title+authors, else file name."""
    video = youtube_id(url)
    if video:
        return f"youtube:{video}"
    if url:
        return "url:" + url.strip().rstrip("/")
    if title:
        return "title:" + " ".join(title.split()).casefold() + "|" + "|".join(
            " ".join(a.split()).casefold() for a in authors
        )
    return "file:" + (filename or "")


def source_id(
    url: str | None = None,
    title: str | None = None,
    authors: tuple[str, ...] = (),
    filename: str | None = None,
) -> str:
    """``src-`` plus 12 base32 characters (60 bits) of the source's identity."""
    return "src-" + _digest(source_key(url, title, authors, filename), 12)


def quote_id(source: str, text: str) -> str:
    """``qk-`` plus 10 base32 characters (50 bits) of the source id and quote text."""
    return "qk-" + _digest(source + "\x00" + " ".join(text.split()), 10)
