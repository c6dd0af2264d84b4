"""Make the transcript fixtures from the example page, by rule (run from the repo root):

    python tests/data/transcripts/make_fixtures.py [OUT_DIR]

A short excerpt of ``examples/what-are-we-scaling.txt`` (from ``Humans don't have to``
to ``precise capabilities.``, then one sentence of the next paragraph) is "spoken" at
0.4 s a word from :data:`T0`, cut into cues of at most seven words with a cue starting
at the quoted ``"When``, with a :data:`PAUSE` of silence (and ``[Music]``) at the
paragraph end. Each format gets its own conventions (voice tags, rolling
auto-captions, overlapping snippets, Whisper's invented ``Thank you.``).
``expected.json`` records the times the readers must give back.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
T0 = 61.0
WORD = 0.4
PAUSE = 2.0
HOST = "Dwarkesh Patel"
PROPER = {"Baron", "Millig", "PhDs,", "MDs,", "ML", "I", "RL", "AGI"}
INFO = {"id": "AbCdEfGhIjK", "title": "What are we scaling?", "uploader": HOST,
        "upload_date": "20250101", "extractor_key": "Youtube",
        "webpage_url": "https://www.youtube.com/watch?v=AbCdEfGhIjK"}


def excerpt() -> tuple[list[str], list[str]]:
    text = (ROOT / "examples" / "what-are-we-scaling.txt").read_text(encoding="utf-8")
    start = text.index("Humans don't have to")
    end = text.index("precise capabilities.") + len("precise capabilities.")
    after = text.index("You can see this tension")
    tail = text[after:text.index(".", after) + 1]
    return text[start:end].split(), tail.split()


def cues() -> list[tuple[float, float, list[str]]]:
    """(start, end, words): the paragraph, a pause, one more sentence."""
    first, second = excerpt()
    out: list[tuple[float, float, list[str]]] = []
    t = T0
    for words in (first, second):
        chunk: list[str] = []
        for word in words:
            if chunk and (len(chunk) == 7 or word.startswith('"When')):
                out.append((t, round(t + WORD * len(chunk), 3), chunk))
                t = round(t + WORD * len(chunk), 3)
                chunk = []
            chunk.append(word)
        out.append((t, round(t + WORD * len(chunk), 3), chunk))
        t = round(t + WORD * len(chunk) + PAUSE, 3)
    return out


def clock(s: float, sep: str = ".", hours: bool = True) -> str:
    ms = round(s * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    sec, ms = divmod(ms, 1000)
    return (f"{h:02d}:" if hours else "") + f"{m:02d}:{sec:02d}{sep}{ms:03d}"


def spoken(word: str, first: bool) -> str:
    """Auto-caption style: no punctuation, sentence starts lower-cased."""
    bare = re.sub(r"[^\w'’-]", "", word)
    return bare if (word in PROPER or bare in PROPER or not first) else bare.lower()


def auto_words(words: list[str], prev: str) -> list[str]:
    out = []
    for w in words:
        out.append(spoken(w, not prev or prev.endswith((".", "?", "!")) or w[:1] == '"'))
        prev = w
    return out


def make(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    cs = cues()
    quote_cue = next(c for c in cs if c[2][0].startswith('"When'))
    para_end = next(i for i, c in enumerate(cs) if c[2][-1] == "capabilities.")
    last_first = cs[para_end]
    music = (round(last_first[1] + 0.3, 3), round(cs[para_end + 1][0] - 0.3, 3))
    # SRT: the host labelled on the first card only (Podcasting 2.0 / Otter style).
    srt = []
    for i, (a, b, w) in enumerate(cs, 1):
        body = (f"{HOST}: " if i == 1 else "") + " ".join(w)
        srt.append(f"{i}\n{clock(a, ',')} --> {clock(b, ',')}\n{body}\n")
    (out / "scaling.srt").write_text("\n".join(srt), encoding="utf-8")
    # VTT with voice spans, on the first cue and then every fifth (inheritance).
    vtt = ["WEBVTT", ""]
    for i, (a, b, w) in enumerate(cs):
        voice = f"<v {HOST}>" if i % 5 == 0 else ""
        vtt += [f"{clock(a)} --> {clock(b)}", voice + " ".join(w), ""]
    vtt += [f"{clock(music[0])} --> {clock(music[1])}", "[Music]", ""]
    (out / "scaling.vtt").write_text("\n".join(vtt), encoding="utf-8")
    # YouTube auto-captions, rolling, with inline word times and hold cues.
    auto = ["WEBVTT", "Kind: captions", "Language: en", ""]
    prev_line, prev_word = "", ""
    for a, b, w in cs:
        said = auto_words(w, prev_word)
        prev_word = w[-1]
        timed = said[0] + "".join(f"<{clock(a + WORD * k)}><c> {x}</c>"
                                  for k, x in enumerate(said[1:], 1))
        auto += [f"{clock(a)} --> {clock(b - 0.01)} align:start position:0%",
                 prev_line or " ", timed, "",
                 f"{clock(b - 0.01)} --> {clock(b)} align:start position:0%",
                 " ".join(said), " ", ""]
        prev_line = " ".join(said)
    (out / "scaling-auto.en.vtt").write_text("\n".join(auto), encoding="utf-8")
    (out / "scaling-auto.info.json").write_text(json.dumps(INFO, indent=1), encoding="utf-8")
    # youtube-transcript-api: on-screen durations overlap the next snippet.
    yt = [{"text": " ".join(w), "start": a, "duration": round(b - a + 1.2, 3)}
          for a, b, w in cs]
    yt.insert(para_end + 1, {"text": "[Music]", "start": music[0],
                            "duration": round(music[1] - music[0], 3)})
    (out / "scaling-yt.json").write_text(json.dumps(yt, indent=0), encoding="utf-8")
    (out / "scaling-yt.info.json").write_text(json.dumps(INFO, indent=1), encoding="utf-8")
    # openai-whisper: leading spaces, an invented "Thank you." after a silence.
    segs = [{"id": i, "seek": 0, "start": a, "end": b, "text": " " + " ".join(w),
             "no_speech_prob": 0.01} for i, (a, b, w) in enumerate(cs)]
    end = cs[-1][1]
    segs.append({"id": len(segs), "seek": 0, "start": end + 3.0, "end": end + 4.0,
                 "text": " Thank you.", "no_speech_prob": 0.2})
    whisper = {"text": "".join(s["text"] for s in segs), "segments": segs, "language": "en"}
    (out / "scaling-whisper.json").write_text(json.dumps(whisper, indent=0), encoding="utf-8")
    (out / "scaling-whisper.info.json").write_text(json.dumps(INFO, indent=1),
                                                   encoding="utf-8")
    # WhisperX: diarized, words with scores, one word without times.
    wx = []
    for a, b, w in cs:
        words = [{"word": x, "start": round(a + WORD * k, 3), "end": round(a + WORD * (k + 1), 3),
                  "score": 0.9, "speaker": "SPEAKER_00"} for k, x in enumerate(w)]
        if w[0] == "5":
            del words[0]["start"], words[0]["end"]
        wx.append({"start": a, "end": b, "text": " " + " ".join(w), "speaker": "SPEAKER_00",
                   "words": words})
    (out / "scaling-whisperx.json").write_text(
        json.dumps({"segments": wx, "language": "en"}, indent=0), encoding="utf-8")
    # Podcasting 2.0 JSON, speaker on every segment.
    p20 = {"version": "1.0.0", "segments": [
        {"speaker": HOST, "startTime": a, "endTime": b, "body": " ".join(w)} for a, b, w in cs]}
    (out / "scaling-p20.json").write_text(json.dumps(p20, indent=0), encoding="utf-8")
    # A Substack-style Markdown page: **Name** _HH:MM:SS_ then paragraphs.
    first, second = excerpt()
    md = (f"**{HOST}** _{clock(T0)[:8]}_\n\n{' '.join(first)}\n\n"
          f"**{HOST}** _{clock(cs[-1][0])[:8]}_\n\n{' '.join(second)}\n")
    (out / "scaling-substack.md").write_text(md, encoding="utf-8")
    expected = {"quote_start_s": quote_cue[0], "pause_after_s": last_first[1],
                "speaker_label": HOST, "first_start_s": T0}
    (out / "expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
