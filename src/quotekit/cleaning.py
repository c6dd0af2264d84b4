"""Turn a span of document text into quote text: noise removed, whitespace collapsed.

``normalize`` is the one function that defines ``Quote.text``:
``normalize(document.text[quote.start:quote.end]) == quote.text`` always holds.
"""

from __future__ import annotations

import regex

#: Bracketed non-speech that speech recognition and transcript pages insert.
NOISE_WORDS = (
    "music", "applause", "laughter", "laughs", "laughing", "laugh", "inaudible",
    "unintelligible", "crosstalk", "cross talk", "silence", "noise", "background noise",
    "cough", "coughs", "coughing", "sighs", "sigh", "foreign", "blank_audio", "no audio",
    "indiscernible", "overlapping", "overtalk", "chuckles", "chuckling", "clapping",
    "cheering", "cheers", "sound", "static", "beep", "pause", "long pause", "silent",
    "background chatter", "audience laughter", "audio cuts out", "technical difficulties",
)
_TIME = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
NOISE_PATTERN = (
    r"\\?[\[(]\s*(?:(?:" + "|".join(regex.escape(w) for w in NOISE_WORDS) + r")"
    r"(?:\s+(?:" + _TIME + r"|\w+)){0,2}|" + _TIME + r")\s*\\?[\])]"
)
_NOISE = regex.compile(NOISE_PATTERN, regex.IGNORECASE)
_SPACE = regex.compile(r"\s+")


def strip_noise(text: str) -> str:
    """``text`` without bracketed noise such as ``[music]`` or ``\\[laughter\\]``."""
    return str(_NOISE.sub(" ", text))


#: The only characters ``str.isspace`` takes for white space and ``regex``'s ``\s`` not.
_SEPARATORS = ("\x1c", "\x1d", "\x1e", "\x1f")


def normalize(text: str) -> str:
    """Quote text for a span: noise removed, whitespace collapsed, ends stripped."""
    if "[" in text or "(" in text:  # every noise mark opens with one
        text = _NOISE.sub(" ", text)
    if any(sep in text for sep in _SEPARATORS):
        return str(_SPACE.sub(" ", text)).strip()
    return " ".join(text.split())  # the same, where str.split's white space is \s
