"""Timed readers: content detection, joined text, offset -> time/speaker map, metadata."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quotekit import read, read_text
from quotekit.ids import source_id
from quotekit.model import Document, Segment
from quotekit.registry import ReadOptions
from tests.conftest import DATA

HERE = DATA / "transcripts"
SAMPLES = HERE / "samples"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))

#: Every sample file and the reader content detection must pick for it.
DETECT = {
    "autogen_youtube.vtt": "vtt", "podcast.vtt": "vtt", "teams.vtt": "vtt",
    "zoom.vtt": "vtt", "talk.srt": "srt", "messy.srt": "srt",
    "youtube_api.json": "youtube-json", "whisper.json": "whisper-json",
    "whisperx.json": "whisper-json", "podcasting20.json": "podcasting20",
    "youtube_panel_paste.txt": "youtube-panel", "otter.txt": "text",
    "podcast_page.md": "text",
    "scaling.srt": "srt", "scaling.vtt": "vtt", "scaling-auto.en.vtt": "vtt",
    "scaling-yt.json": "youtube-json", "scaling-whisper.json": "whisper-json",
    "scaling-whisperx.json": "whisper-json", "scaling-p20.json": "podcasting20",
    "scaling-substack.md": "text",
}


def _path(name: str) -> Path:
    return SAMPLES / name if (SAMPLES / name).exists() else HERE / name


def segment_at(doc: Document, offset: int) -> Segment:
    found = [s for s in doc.segments if s.start <= offset < s.end]
    assert len(found) == 1, (offset, doc.segments)
    return found[0]


@pytest.mark.parametrize("name", sorted(DETECT))
def test_content_detection_picks_the_reader(name: str) -> None:
    assert read(_path(name)).reader == DETECT[name]


@pytest.mark.parametrize("name", sorted(n for n in DETECT if DETECT[n] != "text"))
def test_detection_ignores_the_file_ending(name: str, tmp_path: Path) -> None:
    for ext in (".txt", ".dat", ".md"):
        copy = tmp_path / f"renamed{ext}"
        copy.write_bytes(_path(name).read_bytes())
        assert read(copy).reader == DETECT[name], ext


def test_from_overrides_detection() -> None:
    doc = read(SAMPLES / "zoom.vtt", reader="text")
    assert doc.reader == "text" and doc.text.startswith("WEBVTT")


@pytest.mark.parametrize("name", sorted(n for n in DETECT if n.startswith("scaling")))
def test_scaling_fixtures_map_the_quote_to_its_time_and_quoter(name: str) -> None:
    options = ReadOptions(speaker_map={"SPEAKER_00": "Dwarkesh Patel"})
    doc = read(HERE / name, options=options)
    folded = doc.text.casefold()
    at = folded.index("when we see frontier models")
    seg = segment_at(doc, at)
    timed_by_cue = doc.reader != "text"
    assert seg.start_s == (EXPECTED["quote_start_s"] if timed_by_cue
                           else EXPECTED["first_start_s"])
    labelled = name not in {"scaling-auto.en.vtt", "scaling-yt.json", "scaling-whisper.json"}
    assert seg.speaker == (EXPECTED["speaker_label"] if labelled else None)
    end = folded.index("precise capabilities") + len("precise capabilities")
    assert doc.text[end:].lstrip(".")[:2] == "\n\n"
    if timed_by_cue:
        assert end + (doc.text[end] == ".") in doc.breaks
        # Speech ends there; on-screen snippets and hold cues may add a little.
        assert abs(segment_at(doc, end - 1).end_s - EXPECTED["pause_after_s"]) <= 0.5
        assert "[" not in doc.text and "Thank you" not in doc.text
        assert "  " not in doc.text


def test_rolling_auto_captions_are_said_once() -> None:
    doc = read(HERE / "scaling-auto.en.vtt")
    words = doc.text.split()
    sample = read(HERE / "scaling.vtt").text.split()
    assert len(words) == len(sample)
    assert "<" not in doc.text and "writes quote when we see" in doc.text
    assert doc.source.url == "https://www.youtube.com/watch?v=AbCdEfGhIjK"


def test_sidecar_names_the_source() -> None:
    doc = read(HERE / "scaling-yt.json")
    src = doc.source
    assert (src.title, src.authors, src.platform, src.kind, src.published) == (
        "What are we scaling?", ("Dwarkesh Patel",), "YouTube", "video", "2025-01-01")
    assert src.id == source_id("https://www.youtube.com/watch?v=AbCdEfGhIjK")


def test_url_option_wins_over_the_sidecar() -> None:
    url = "https://youtu.be/ZYXWVUTSRQP"
    doc = read(HERE / "scaling-whisper.json", options=ReadOptions(url=url))
    assert doc.source.url == url and doc.source.id == source_id(url)


def test_voice_spans_and_inheritance() -> None:
    doc = read(SAMPLES / "podcast.vtt")
    assert [s.speaker for s in doc.segments] == ["Maya Chen", "Maya Chen", "Tom Okafor",
                                                 "Maya Chen"]
    assert "<i>" not in doc.text and "Unfinished thought" in doc.text
    assert len(doc.breaks) == 2  # two changes of speaker


def test_teams_guest_suffix_and_zoom_prefix() -> None:
    teams = read(SAMPLES / "teams.vtt")
    assert teams.segments[-1].speaker == "Marco Bellini"
    zoom = read(SAMPLES / "zoom.vtt")
    assert [s.speaker for s in zoom.segments] == ["Ana Souza", "Ana Souza", "Tom Reyes"]
    assert "Ana Souza" not in zoom.text
    assert zoom.text.startswith("and then she goes quote we are not a charity end quote")


def test_srt_labels_dashes_noise_and_tags() -> None:
    talk = read(SAMPLES / "talk.srt")
    assert "APPLAUSE" not in talk.text and "SPEAKER 2" not in talk.text
    assert segment_at(talk, talk.text.index("And he didn't")).speaker == "SPEAKER 2"
    assert talk.text.endswith("Did he say that first?\n\nNot exactly.")
    messy = read(SAMPLES / "messy.srt")
    assert messy.text.startswith('He said, "the map is not the territory."')


def test_youtube_json_unescapes_and_ends_snippets_at_the_next() -> None:
    doc = read(SAMPLES / "youtube_api.json")
    assert "&gt;" not in doc.text and ">>" not in doc.text and "Music" not in doc.text
    assert [s.end_s for s in doc.segments[:2]] == [6.1, 7.3]
    assert doc.text.endswith("\n\nwait who is baron millig")


def test_whisperx_labels_mapped() -> None:
    raw = read(SAMPLES / "whisperx.json")
    assert [s.speaker for s in raw.segments] == ["SPEAKER_00", "SPEAKER_01"]
    named = read(SAMPLES / "whisperx.json",
                 options=ReadOptions(speaker_map={"SPEAKER_01": "Ana"}))
    assert [s.speaker for s in named.segments] == ["SPEAKER_00", "Ana"]
    assert named.breaks == (named.text.index("\n\n"),)


def test_panel_paste_drops_chapters_and_spoken_times() -> None:
    doc = read(SAMPLES / "youtube_panel_paste.txt")
    assert "Intro" not in doc.text and "hour" not in doc.text
    assert doc.segments[-1].start_s == 3735.0
    assert doc.text.startswith("so today I want to start with a quote he writes quote")


def test_podcasting20() -> None:
    doc = read(SAMPLES / "podcasting20.json")
    assert [(s.speaker, s.start_s) for s in doc.segments] == [("Maya Chen", 12.5),
                                                              ("Tom Okafor", 18.2)]
    assert doc.source.kind == "podcast"


def test_whisper_drops_invented_thanks_but_keeps_real_ones() -> None:
    segs = [{"start": 0.0, "end": 2.0, "text": " So I said thank you."},
            {"start": 2.0, "end": 3.0, "text": " Thank you."},
            {"start": 3.0, "end": 5.0, "text": " And she left."},
            {"start": 9.0, "end": 10.0, "text": " Thank you."},
            {"start": 10.0, "end": 11.0, "text": " Thank you."}]
    doc = read_text(json.dumps({"segments": segs}), "w.json")
    assert doc.text == "So I said thank you. Thank you. And she left."


def test_generated_fixtures_are_up_to_date(tmp_path: Path) -> None:
    from tests.data.transcripts.make_fixtures import make

    make(tmp_path)
    regen = os.environ.get("QUOTEKIT_REGEN_GOLDEN") == "1"
    for made in sorted(tmp_path.iterdir()):
        kept = HERE / made.name
        if regen:
            kept.write_bytes(made.read_bytes())
        assert kept.read_bytes() == made.read_bytes(), made.name


def test_folder_walk_skips_sidecars() -> None:
    from quotekit.reading import iter_paths

    found = [Path(str(p)).name for p in iter_paths([str(HERE)])]
    assert "scaling-yt.json" in found and "scaling.vtt" in found
    assert not any(n.endswith(".info.json") for n in found)
