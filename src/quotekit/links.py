"""Links to a moment in the media: ``watch?v=ID&t=754s`` for YouTube, ``#t=754`` else."""

from __future__ import annotations

from urllib.parse import urlencode

from .ids import youtube_id


def moment_url(url: str | None, seconds: float | None) -> str | None:
    """The URL of ``url`` at ``seconds`` (whole seconds, rounded down); ``url`` when
    untimed; ``None`` without a URL."""
    if not url:
        return None
    if seconds is None:
        return url
    t = max(0, int(seconds))
    video = youtube_id(url)
    if video:
        return "https://www.youtube.com/watch?" + urlencode({"v": video, "t": f"{t}s"})
    base = url.split("#", 1)[0]
    return f"{base}#t={t}"


def clock(seconds: float | None) -> str | None:
    """``754.2`` -> ``12:34``; ``3723`` -> ``1:02:03``."""
    if seconds is None:
        return None
    t = max(0, int(seconds))
    h, rest = divmod(t, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
