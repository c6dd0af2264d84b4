"""``quotekit extract`` over many files: --jobs, the cache, error reporting, progress,
and a fast ``--version``/``--help``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotekit.batch import BatchStats
from quotekit.cli import cli, main
from quotekit.cli.progress import Progress
from tests.batch_corpus import write_corpus


def run(*args: str) -> tuple[int, str, str]:
    """Exit code (the command's return value, as ``quotekit.cli.main`` uses it),
    stdout, stderr."""
    result = CliRunner().invoke(cli, ["extract", *args], standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    return result.return_value, result.stdout, result.stderr


@pytest.mark.parametrize("to", ["json", "jsonl"])
def test_jobs_do_not_change_the_output(tmp_path: Path, to: str) -> None:
    write_corpus(tmp_path / "c")
    rc1, out1, _ = run(str(tmp_path / "c"), "-t", to, "-j", "1", "--no-cache")
    rc2, out2, err2 = run(str(tmp_path / "c"), "-t", to, "-j", "2", "--no-cache")
    assert (rc1, rc2) == (0, 0)
    assert out2 == out1
    assert err2 == f"{_quotes(out1, to)} quotes from 12 files\n"


def _quotes(out: str, to: str) -> int:
    if to == "jsonl":
        return len(out.splitlines())
    return len(json.loads(out)["quotes"])


def test_bad_file_is_reported_and_the_rest_processed(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "c", copies=1)
    (tmp_path / "c" / "part0" / "bad.txt").write_bytes(b"caf\xe9 au lait")
    rc, out, err = run(str(tmp_path / "c"), "-t", "json", "-j", "2", "--no-cache")
    assert rc == 1
    doc = json.loads(out)
    assert [s["path"] for s in doc["sources"]] == [str(f) for f in files]
    lines = err.splitlines()
    assert lines[0].startswith("Error: ") and "bad.txt" in lines[0]
    assert lines[-1].endswith(f"from {len(files)} files; 1 failed")


def test_second_run_comes_from_the_cache(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", copies=1)
    cache = tmp_path / "cache"
    rc1, out1, err1 = run(str(tmp_path / "c"), "-t", "json", "--cache", str(cache))
    rc2, out2, err2 = run(str(tmp_path / "c"), "-t", "json", "--cache", str(cache), "-j", "2")
    assert (rc1, rc2) == (0, 0)
    assert out2 == out1
    assert "from the cache" not in err1
    assert err2.endswith("from 6 files (6 from the cache)\n")


def test_default_cache_is_under_the_user_cache_dir(tmp_path: Path) -> None:
    import os

    write_corpus(tmp_path / "c", copies=1)
    assert run(str(tmp_path / "c"), "-q")[0] == 0
    stored = list((Path(os.environ["XDG_CACHE_HOME"]) / "quotekit").rglob("*.json"))
    assert len(stored) == 6
    rc, _, err = run(str(tmp_path / "c"), "--no-cache", "-q")
    assert (rc, err) == (0, "")


def test_cache_and_no_cache_together_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(tmp_path), "--cache", str(tmp_path), "--no-cache"])
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "Error: --cache and --no-cache contradict each other; give one\n"


def test_progress_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stats = BatchStats(files=3, bytes=2_500_000, quotes=7, cached=1)
    quiet = Tty()
    Progress(stats, quiet=True, stream=quiet).update(force=True)
    piped = io.StringIO()
    Progress(stats, stream=piped).update(force=True)
    assert quiet.getvalue() == piped.getvalue() == ""
    tty = Tty()
    progress = Progress(stats, stream=tty, interval=0)
    progress.update()
    progress.close()
    text = tty.getvalue()
    assert text.startswith("\r3 files  2.5 MB  ") and text.endswith("(1 cached)\x1b[K\n")
    assert "MB/s" in text and "quotes/s" in text and "files/s" in text


HEAVY = ("pluggy", "regex", "yaml", "frontmatter", "jellyfish", "dask", "distributed",
         "multiprocessing", "concurrent.futures", "quotekit.plugins", "quotekit.readers",
         "quotekit.exporters", "quotekit.extraction", "quotekit.reading", "quotekit.batch")

PROBE = """
import sys
from quotekit.cli import main
try:
    main([{arg!r}])
except SystemExit as exc:
    assert exc.code == 0, exc.code
heavy = {heavy!r}
loaded = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy))
sys.stderr.write(repr(loaded))
"""


@pytest.mark.parametrize("arg", ["--version", "--help"])
def test_version_and_help_import_nothing_heavy(arg: str) -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(arg=arg, heavy=HEAVY)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "[]"
    assert ("quotekit, version" in proc.stdout) if arg == "--version" else (
        "extract" in proc.stdout)


def test_stdin_among_files_keeps_its_place_and_is_cached(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "c", copies=1)
    text = files[1].read_text(encoding="utf-8")
    args = ["extract", str(files[0]), "-", str(files[2]), "-t", "json", "-j", "2",
            "--cache", str(tmp_path / "cache")]
    first = CliRunner().invoke(cli, args, input=text)
    second = CliRunner().invoke(cli, args, input=text)
    assert first.exit_code == second.exit_code == 0
    assert second.stdout == first.stdout
    paths = [s["path"] for s in json.loads(first.stdout)["sources"]]
    assert paths == [str(files[0]), "<stdin>", str(files[2])]
    assert second.stderr.endswith("from 3 files (3 from the cache)\n")
