"""Whisper, faster-whisper and WhisperX JSON: segments with ``start``, ``end``, ``text``.

Accepts openai-whisper's result (``{"text", "segments", "language"}``), the OpenAI
API's ``verbose_json``, WhisperX's diarized output (``speaker: "SPEAKER_00"`` on
segments, or only on words) and a bare list of segments as users serialise
faster-whisper. ``SPEAKER_00`` labels stay as they are unless ``--speaker-map`` (or
the aliases file) names them. Segments Whisper marks as probably silent
(``no_speech_prob``) and its invented lines are dropped by ``_timed.join``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..hookspecs import hookimpl
from ..model import Document
from ..registry import Reader, ReadOptions
from ._json import get_time, item_line, load, shape
from ._labels import fail
from ._source import make_source
from ._timed import Cue, join

WHAT = 'Whisper JSON ({"segments": [{"start", "end", "text"}]})'


def _speaker(segment: dict[str, Any]) -> str | None:
    label = segment.get("speaker")
    if isinstance(label, str) and label.strip():
        return label.strip()
    words = segment.get("words")
    if isinstance(words, list):
        votes = Counter(w.get("speaker") for w in words
                        if isinstance(w, dict) and isinstance(w.get("speaker"), str))
        if votes:
            return votes.most_common(1)[0][0]
    return None


def read_whisper_json(text: str, name: str, options: ReadOptions) -> Document:
    """Read Whisper-family JSON (see the module docstring)."""
    data = load(text, name, WHAT)
    under = "segments" if isinstance(data, dict) else None
    segments = data.get("segments") if isinstance(data, dict) else data
    if not isinstance(segments, list):
        raise fail(name, 1, f"expected {WHAT}")
    cues: list[Cue] = []
    for i, seg in enumerate(segments):
        where = f"segment {i + 1}"

        def line(i: int = i) -> int:
            return item_line(text, i, under)

        if not isinstance(seg, dict) or not isinstance(seg.get("text"), str):
            raise fail(name, line(), f'{where} has no "text"')
        start = get_time(seg, "start", required=True, name=name, line=line, what=where)
        end = get_time(seg, "end", required=False, name=name, line=line, what=where)
        silent = seg.get("no_speech_prob")
        cues.append(Cue(seg["text"], start, end, speaker=_speaker(seg),
                        silent=float(silent) if isinstance(silent, (int, float)) else None))
    language = data.get("language") if isinstance(data, dict) else None
    source = make_source(name, options,
                         language=language if isinstance(language, str) else None)
    return join(cues, source, "whisper-json", options.speaker_map)


def sniff(head: str, name: str) -> float:
    """Sure of ``{"segments": [...]}`` or a list of ``{start, end, text}``; the reader
    that explains a ``.json`` file of no known shape."""
    if shape(head) == "whisper":
        return 0.9
    return 0.35 if name.lower().endswith(".json") else 0.0


@hookimpl
def register_readers(register: Any) -> None:
    register(Reader(name="whisper-json", read=read_whisper_json, sniff=sniff,
                    extensions=(".json",),
                    description="Whisper / faster-whisper / WhisperX JSON segments"))
