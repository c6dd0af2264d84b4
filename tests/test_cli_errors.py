"""Bad input on the command line: one clear ``Error:`` line on stderr, no traceback, the
rest of a batch still processed, exit codes 0 ok / 1 something failed / 2 usage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotekit.cli import cli, main

GOOD = 'Grace Hopper said, "It is easier to ask forgiveness than to get permission."\n'


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``quotekit ARGV`` through the real entry point (its error boundary and exit code)."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else (0 if code is None else 1)), out, err


def error_lines(err: str) -> list[str]:
    assert "Traceback" not in err
    return [line for line in err.splitlines() if line.startswith("Error:")]


def sources(out: str) -> list[str]:
    """Paths of the sources in a native JSON document."""
    return [s["path"] for s in json.loads(out)["sources"]]


def test_missing_path_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = run_main(["extract", str(missing), "-q"], capsys)
    assert code == 1
    assert err.splitlines() == [f"Error: {missing}: no such file or directory"]
    assert json.loads(out)["quotes"] == []


def test_directory_of_binaries_is_reported_not_crashed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binaries = tmp_path / "bin"
    binaries.mkdir()
    (binaries / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (binaries / "tool.exe").write_bytes(b"MZ\x90\x00" + os.urandom(2048))
    code, out, err = run_main(["extract", str(binaries), "-q", "-t", "jsonl"], capsys)
    assert code == 1
    lines = error_lines(err)
    assert len(lines) == 1 and str(binaries) in lines[0], err
    assert err.count("\n") == 1
    assert out == ""


def test_binary_files_with_a_text_ending_are_each_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "disguised"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    (folder / "b.md").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    code, _, err = run_main(["extract", str(folder), "-q", "-t", "jsonl"], capsys)
    assert code == 1
    lines = error_lines(err)
    assert len(lines) == 2 and len(err.splitlines()) == 2, err
    assert str(folder / "a.txt") in lines[0] and str(folder / "b.md") in lines[1]


def test_invalid_utf8_names_the_file_and_the_byte_offset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "latin1.txt"
    prefix = "Line one is fine.\nShe said, “ok”.\n".encode()
    bad.write_bytes(prefix + "Caf\xe9 au lait".encode("latin-1"))
    offset = len(prefix) + 3
    code, _, err = run_main(["extract", str(bad)], capsys)
    assert code == 1
    lines = error_lines(err)
    assert len(lines) == 1, err
    assert str(bad) in lines[0] and f"byte {offset}" in lines[0], lines[0]
    assert "UTF-8" in lines[0]


def test_invalid_utf8_on_stdin_names_stdin_and_the_byte_offset() -> None:
    result = CliRunner().invoke(cli, ["extract", "-", "-t", "jsonl", "-q"],
                                input=b"ok \xff\xfe then more")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: <stdin>: not valid UTF-8 at byte 3 (line 1); save the file as UTF-8"]


@pytest.mark.parametrize("content", [b"", b"\n\n", b"   \t\n", "\ufeff".encode()])
def test_empty_file_has_no_quotes_and_exit_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    code, out, err = run_main(["extract", str(empty)], capsys)
    assert code == 0, err
    doc = json.loads(out)
    assert doc["quotes"] == [] and sources(out) == [str(empty)]
    assert error_lines(err) == []
    code, out, err = run_main(["extract", str(empty), "-t", "jsonl", "-q"], capsys)
    assert (code, out, err) == (0, "", "")


def test_batch_reports_the_bad_file_and_processes_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"fine so far \xc3\x28 broken")  # bad byte at 12
    (folder / "c.md").write_text("# Notes\n\n" + GOOD, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    code, out, err = run_main(["extract", str(folder), str(missing)], capsys)
    assert code == 1
    lines = error_lines(err)
    assert len(lines) == 2, err
    assert str(folder / "b.txt") in lines[0] and "byte 12" in lines[0]
    assert str(missing) in lines[1]
    assert sources(out) == [str(folder / "a.txt"), str(folder / "c.md")]
    assert "2 failed" in err


def test_batch_with_only_good_files_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    code, out, err = run_main(["extract", str(tmp_path)], capsys)
    assert code == 0 and error_lines(err) == []
    assert len(sources(out)) == 2


def test_usage_errors_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    code, out, err = run_main(["extract", str(tmp_path / "a.txt"), "-t", "no-such-format"],
                              capsys)
    assert code == 2 and out == ""
    assert len(error_lines(err)) == 1 and "no-such-format" in err and "json" in err
    code, out, err = run_main(["extract"], capsys)
    assert code == 2 and out == "" and "Traceback" not in err


def test_real_process_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"abc\x80def")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "quotekit", "extract", str(bad), str(good), "-t", "jsonl", "-q"],
        capture_output=True, text=True, timeout=120, env=dict(os.environ, QUOTEKIT_DEBUG=""),
    )
    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"Error: {bad}: not valid UTF-8 at byte 3 (line 1); "
                                       "save the file as UTF-8"]
    for line in run.stdout.splitlines():
        assert json.loads(line)["source"]["path"] == str(good)


def test_binary_file_given_by_name_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blob = tmp_path / "audio.mp3"
    blob.write_bytes(b"ID3\x04\x00\x00" + bytes(range(256)) * 4)
    code, out, err = run_main(["extract", str(blob), "-q", "-t", "jsonl"], capsys)
    assert code == 1 and out == ""
    assert len(error_lines(err)) == 1 and len(err.splitlines()) == 1
    assert str(blob) in err and "binary" in err


def test_truncated_utf16_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "utf16.txt"
    bad.write_bytes("\ufeffShe said, “yes”.".encode("utf-16-le") + b"\x00")
    code, _, err = run_main(["extract", str(bad), "-q"], capsys)
    assert code == 1
    lines = error_lines(err)
    assert len(lines) == 1 and len(err.splitlines()) == 1, err
    assert str(bad) in lines[0] and "UTF-16" in lines[0] and "byte" in lines[0]


def test_utf16_and_crlf_files_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_bytes("\ufeff".encode("utf-16-le")
                                     + GOOD.replace("\n", "\r\n").encode("utf-16-le"))
    (tmp_path / "b.txt").write_bytes(GOOD.replace("\n", "\r\n").encode())
    code, out, err = run_main(["extract", str(tmp_path)], capsys)
    assert code == 0 and error_lines(err) == [], err
    assert len(sources(out)) == 2


def test_output_into_a_missing_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    target = tmp_path / "no" / "such" / "out.json"
    code, out, err = run_main(["extract", str(tmp_path / "a.txt"), "-o", str(target)], capsys)
    assert code == 1 and out == ""
    assert len(error_lines(err)) == 1 and str(target.parent) in err
    assert not target.parent.exists()
