"""Bad transcript files give one `Error: FILE:LINE: ...` line on stderr, exit 1, and no
traceback; a file of one format saved under another's ending is still read right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.clirun import run

SRT = ("1\n00:00:01,000 --> 00:00:02,000\nHe said, quote,\n\n"
       "2\n00:00:02,000 --> 00:00:04,000\nthe café is open.\n")
VTT = ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>He said, quote,\n\n"
       "00:00:02.000 --> 00:00:04.000\nthe café is open.\n")
YT = ('[{"text": "he said quote", "start": 1.0, "duration": 1.0},\n'
      ' {"text": "the café is open", "start": 2.0, "duration": 2.0}]\n')
WHISPER = ('{"segments": [\n {"start": 1.0, "end": 2.0, "text": " He said, quote,"},\n'
           ' {"start": 2.0, "end": 4.0, "text": " the café is open."}],\n "language": "en"}\n')
P20 = ('{"version": "1.0.0", "segments": [\n'
       ' {"speaker": "Ana", "startTime": 1.0, "endTime": 2.0, "body": "He said, quote,"},\n'
       ' {"speaker": "Ana", "startTime": 2.0, "body": "the café is open."}]}\n')
PANEL = "0:01\nhe said quote\n0:02\nthe café is open\n"

#: reader -> (a good file, its ending, the line holding "café").
FORMATS = {
    "srt": (SRT, ".srt", 7),
    "vtt": (VTT, ".vtt", 7),
    "youtube-json": (YT, ".json", 2),
    "whisper-json": (WHISPER, ".json", 3),
    "podcasting20": (P20, ".json", 3),
    "youtube-panel": (PANEL, ".txt", 4),
}

#: reader -> a file cut off in its last line (the line an error must name).
TRUNCATED = {
    "srt": SRT + "\n3\n00:00:05,000 --> 00:0",
    "vtt": VTT + "\n00:00:05.000 --> 00:0",
    "youtube-json": YT[:70],
    "whisper-json": WHISPER[:90],
    "podcasting20": P20[:120],
    "youtube-panel": PANEL + "0:05",
}

#: reader -> (a file with one bad timestamp, the line named).
MALFORMED = {
    "srt": (SRT.replace("00:00:02,000 --> 00:00:04,000", "00:00:02,000 --> 00:00:0x,000"), 6),
    "vtt": (VTT.replace("00:00:02.000 --> 00:00:04.000", "00:00:02.000 --> 00:00:99.000"), 6),
    "youtube-json": (YT.replace('"start": 2.0', '"start": "soon"'), 2),
    "whisper-json": (WHISPER.replace('"start": 2.0', '"start": "1:7x"'), 3),
    "podcasting20": (P20.replace('"startTime": 2.0', '"startTime": -3'), 3),
    "youtube-panel": (PANEL.replace("0:02", "1:75"), 3),
}

#: reader -> another format's file forced through it with --from, and the line named.
FORCED = {
    "srt": (VTT, 1),
    "vtt": (SRT, 1),
    "youtube-json": (WHISPER, 1),
    "whisper-json": (SRT, 1),
    "podcasting20": (YT, 1),
    "youtube-panel": (VTT, 1),
}


def _error(tmp_path: Path, name: str, data: bytes, *extra: str) -> tuple[str, int]:
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(["extract", str(path), *extra])
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert code == 1, err
    assert out.strip() == "" or json.loads(out)["quotes"] == []
    errors = [x for x in lines if x.startswith("Error: ")]
    assert len(errors) == 1, err
    head, _, message = errors[0].removeprefix("Error: ").partition(": ")
    file, _, line = head.rpartition(":")
    assert file == str(path), errors[0]
    assert message
    return message, int(line)


def _from(reader: str) -> list[str]:
    return ["--from", reader] if reader == "youtube-panel" else []


@pytest.mark.parametrize("reader", sorted(FORMATS))
def test_good_file_reads(tmp_path: Path, reader: str) -> None:
    text, ext, _ = FORMATS[reader]
    path = tmp_path / f"talk{ext}"
    path.write_text(text, encoding="utf-8")
    from quotekit import read

    doc = read(path)
    assert doc.reader == reader
    assert "café is open" in doc.text


@pytest.mark.parametrize("reader", sorted(FORMATS))
def test_empty_file(tmp_path: Path, reader: str) -> None:
    _, ext, _ = FORMATS[reader]
    message, line = _error(tmp_path, f"empty{ext}", b"", *_from(reader))
    assert line == 1
    assert "empty" in message


@pytest.mark.parametrize("reader", sorted(FORMATS))
def test_truncated_file(tmp_path: Path, reader: str) -> None:
    _, ext, _ = FORMATS[reader]
    text = TRUNCATED[reader]
    message, line = _error(tmp_path, f"cut{ext}", text.encode(), *_from(reader))
    assert line == text.count("\n") + 1, message
    assert "truncated" in message


@pytest.mark.parametrize("reader", sorted(FORMATS))
def test_malformed_timestamp(tmp_path: Path, reader: str) -> None:
    _, ext, _ = FORMATS[reader]
    text, expected = MALFORMED[reader]
    message, line = _error(tmp_path, f"bad{ext}", text.encode(), *_from(reader))
    assert line == expected, message
    assert "timestamp" in message


@pytest.mark.parametrize("reader", sorted(FORMATS))
def test_wrong_encoding(tmp_path: Path, reader: str) -> None:
    text, ext, cafe_line = FORMATS[reader]
    message, line = _error(tmp_path, f"latin{ext}", text.encode("cp1252"), *_from(reader))
    assert line == cafe_line
    assert "UTF-8" in message


@pytest.mark.parametrize("reader", sorted(FORMATS))
def test_other_format_forced_with_from(tmp_path: Path, reader: str) -> None:
    text, expected = FORCED[reader]
    message, line = _error(tmp_path, "other.txt", text.encode(), "--from", reader)
    assert line == expected, message


@pytest.mark.parametrize("reader", sorted(FORMATS))
@pytest.mark.parametrize("ext", [".txt", ".vtt", ".srt", ".json", ".md"])
def test_wrong_extension_is_read_by_content(tmp_path: Path, reader: str, ext: str) -> None:
    text, _, _ = FORMATS[reader]
    path = tmp_path / f"saved-as{ext}"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(["extract", str(path), "-q"])
    assert code == 0, err
    from quotekit import read

    assert read(path).reader == reader


def test_binary_utf16_without_bom(tmp_path: Path) -> None:
    message, line = _error(tmp_path, "wide.vtt", VTT.encode("utf-16-le"))
    assert line == 1
    assert "NUL" in message


def test_bad_speaker_map_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "talk.vtt"
    path.write_text(VTT, encoding="utf-8")
    code, _, err = run(["extract", str(path), "--speaker-map", "SPEAKER_00"])
    assert code == 2
    assert "LABEL=Name" in err and "Traceback" not in err
