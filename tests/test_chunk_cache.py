"""The output cache (``quotekit.chunked``): a cached run writes byte for byte what an
uncached run writes, including with --aliases, after files change, and when a file's
context (citation keys taken by the files before it) changes; a run where every file
is cached starts no worker."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import quotekit.batch
from quotekit import Extraction, Quote, Source, Work
from quotekit.chunked import write_utf8
from quotekit.cli import cli
from quotekit.exporters.json import JsonlChunks
from tests.batch_corpus import write_corpus


def extract(*args: str) -> tuple[str, str]:
    result = CliRunner().invoke(cli, ["extract", *args, "-t", "jsonl"])
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def uncached(*args: str) -> str:
    return extract(*args, "--no-cache", "-j", "1")[0]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cached_runs_write_what_an_uncached_run_writes(tmp_path: Path, jobs: str) -> None:
    files = write_corpus(tmp_path / "c")
    cache = ["--cache", str(tmp_path / "cache"), "-j", jobs]
    expected = uncached(str(tmp_path / "c"))
    first, _ = extract(str(tmp_path / "c"), *cache)
    again, err = extract(str(tmp_path / "c"), *cache)
    assert first == again == expected
    assert err.endswith(f"from {len(files)} files ({len(files)} from the cache)\n")
    assert list((tmp_path / "cache" / "v1" / "chunks").rglob("*"))

    files[1].write_text(files[1].read_text("utf-8") + '\nShe said, "one more line."\n',
                        encoding="utf-8")
    changed, err = extract(str(tmp_path / "c"), *cache)
    assert changed == uncached(str(tmp_path / "c")) != expected
    assert err.endswith(f"({len(files) - 1} from the cache)\n")


def test_aliases_are_part_of_the_key(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", copies=1)
    aliases = tmp_path / "aliases.yml"
    aliases.write_text("Ada King: [Ada Lovelace]\n", encoding="utf-8")
    cache = ["--cache", str(tmp_path / "cache")]
    plain, _ = extract(str(tmp_path / "c"), *cache)
    with_aliases = uncached(str(tmp_path / "c"), "--aliases", str(aliases))
    assert with_aliases != plain  # the alias renames a speaker
    for _ in range(2):
        out, _ = extract(str(tmp_path / "c"), *cache, "--aliases", str(aliases))
        assert out == with_aliases
    aliases.write_text("Augusta Ada: [Ada Lovelace]\n", encoding="utf-8")
    out, err = extract(str(tmp_path / "c"), *cache, "--aliases", str(aliases))
    assert out == uncached(str(tmp_path / "c"), "--aliases", str(aliases)) != with_aliases
    assert "from the cache" not in err


def _talk(folder: Path, name: str, title: str) -> Path:
    """A file by Jane Doe from 2024: titles "A Talk" and "Talk" are two sources whose
    citation keys collide (doeTalk2024, then doeTalk2024a)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\ntitle: {title}\nauthor: Jane Doe\ndate: 2024-05-01\n---\n\n"
                    'Jane Doe said, "The file speaks here."\n', encoding="utf-8")
    return path


def test_a_file_whose_context_changed_is_rendered_again(tmp_path: Path) -> None:
    a = _talk(tmp_path / "c", "a.txt", "A Talk")
    b = _talk(tmp_path / "c", "b.txt", "Talk")
    cache = ["--cache", str(tmp_path / "cache")]
    both, _ = extract(str(a), str(b), *cache)
    assert '"work": "doeTalk2024a"' in both  # b's key, after a's
    # b alone: its stored lines name doeTalk2024a, an uncached run doeTalk2024.
    alone, err = extract(str(b), *cache)
    assert alone == uncached(str(b))
    assert '"work": "doeTalk2024"' in alone and "doeTalk2024a" not in alone
    assert err.endswith("(1 from the cache)\n")  # its extraction still was
    reversed_order, _ = extract(str(b), str(a), *cache)
    assert reversed_order == uncached(str(b), str(a))


DAMAGES = {
    "empty": lambda header, body: b"",
    "header not JSON": lambda header, body: b"{not json\n" + body,
    "header incomplete": lambda header, body: b'{"inputs":{}}\n' + body,
    "no body": lambda header, body: header + b"\n",
    "body not zlib": lambda header, body: header + b"\nnot zlib",
    "body cut": lambda header, body: header + b"\n" + body[:len(body) // 2],
    "body padded": lambda header, body: header + b"\n" + body + b"more",
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_entry_is_a_miss(tmp_path: Path, damage: str) -> None:
    write_corpus(tmp_path / "c", copies=1)
    cache = ["--cache", str(tmp_path / "cache")]
    expected, _ = extract(str(tmp_path / "c"), *cache)
    for entry in (tmp_path / "cache" / "v1" / "chunks").rglob("*"):
        if entry.is_file():
            header, _, body = entry.read_bytes().partition(b"\n")
            entry.write_bytes(DAMAGES[damage](header, body))
    assert extract(str(tmp_path / "c"), *cache)[0] == expected
    assert extract(str(tmp_path / "c"), *cache)[0] == expected  # and repaired


def test_no_worker_starts_when_every_file_is_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path / "c")
    cache = ["--cache", str(tmp_path / "cache"), "-j", "2"]
    expected, _ = extract(str(tmp_path / "c"), *cache)

    def no_pool(jobs: int) -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(quotekit.batch, "process_pool", no_pool)
    assert extract(str(tmp_path / "c"), *cache)[0] == expected


def test_write_utf8_without_a_byte_buffer() -> None:
    out = io.StringIO()
    write_utf8(out, "café\n".encode())
    assert out.getvalue() == "café\n"


names = st.sampled_from(["Jane Doe", "John Roe", None])
titles = st.sampled_from(["A Talk", "Notes", None])
sources = st.builds(Source, id=st.sampled_from(["s1", "s2", "s3", "s4"]), title=titles,
                    authors=st.lists(st.sampled_from(["Jane Doe", "Ann Poe"]),
                                     max_size=1).map(tuple),
                    published=st.sampled_from(["2024-01-02", None]))
works = st.builds(Work, kind=st.sampled_from(["essay", None]), title=titles,
                  url=st.sampled_from(["https://example.org/x", None]))
quotes = st.builds(Quote, id=st.sampled_from(["q1", "q2"]), text=st.just("Words here."),
                   start=st.just(0), end=st.just(11), speaker=names,
                   work=st.none() | works)
extractions = st.builds(Extraction, source=sources,
                        quotes=st.lists(quotes, max_size=3).map(tuple))


@settings(max_examples=150, deadline=None)
@given(st.lists(extractions, min_size=1, max_size=6), st.data())
def test_a_replayed_context_that_matches_means_the_same_text(
        exs: list[Extraction], data: st.DataObject) -> None:
    """Stored under one sequence of files, reused under another: wherever the replayed
    context equals the stored one, rendering afresh gives the stored text."""
    first = JsonlChunks()
    stored = []
    for ex in exs:
        text = "".join(first.render(ex))
        stored.append((text, *first.remember(ex)))
    order = data.draw(st.permutations(range(len(exs))))
    order = order[:data.draw(st.integers(1, len(order)))]
    replaying, fresh = JsonlChunks(), JsonlChunks()
    for i in order:
        text, inputs, context = stored[i]
        again = "".join(fresh.render(exs[i]))
        if replaying.replay(inputs) == context:
            assert again == text
    same = JsonlChunks()
    for _, inputs, context in stored:  # the same sequence: every context matches
        assert same.replay(inputs) == context


@given(st.binary(max_size=5000) | st.text(max_size=3000).map(str.encode),
       st.integers(1, 300), st.integers(0, 200))
def test_stored_text_comes_back_in_bounded_pieces(data: bytes, piece: int, cut: int) -> None:
    import zlib

    from quotekit.cache import StoredChunk, deflate

    compress = deflate()
    packed = compress.compress(data) + compress.flush()
    pieces = list(StoredChunk("p", "k", compressed=packed).text(piece))
    assert b"".join(pieces) == data
    assert all(len(p) <= piece for p in pieces[:-1])
    if cut:
        with pytest.raises(zlib.error):
            list(StoredChunk("p", "k", compressed=packed[:max(0, len(packed) - cut)]).text())


def test_a_pipe_on_stdout_is_widened() -> None:
    import os

    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("no F_GETPIPE_SZ here")
    from quotekit.cli.common import PIPE_BYTES, widen_pipe

    r, w = os.pipe()
    with os.fdopen(r, "rb") as reader, os.fdopen(w, "w", encoding="utf-8") as writer:
        assert fcntl.fcntl(w, fcntl.F_GETPIPE_SZ) < PIPE_BYTES
        widen_pipe(writer)
        assert fcntl.fcntl(w, fcntl.F_GETPIPE_SZ) == PIPE_BYTES
        widen_pipe(io.StringIO())  # no file descriptor: nothing happens
        assert reader.readable()
