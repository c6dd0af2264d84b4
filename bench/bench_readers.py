"""Benchmark: read + extract a VTT corpus made from real text (not a test).

    .venv/bin/python bench/bench_readers.py [--mb 100] [--files 100]

Builds ``bench/data/vtt/`` (ignored by git) once: the passages of
``../shared/corpus/*.jsonl`` (or ``$QUOTEKIT_CORPUS``) chopped into WebVTT cues of seven
words, 0.4 s a word, a voice tag at each passage's start and a 1.5 s pause between
passages, until ``--mb`` megabytes are written in ``--files`` files. The same words
are also written as plain text (one passage per paragraph), the baseline each row is
compared with in the same run. Prints one table: per reader, read seconds, extract
seconds, MB/s over the VTT bytes, and the ratio to the plain-text reader.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "vtt"
CORPUS = ROOT.parent.parent / "shared" / "corpus"


def clock(s: float) -> str:
    ms = round(s * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    sec, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{sec:02d}.{ms:03d}"


def passages(corpus: Path) -> list[str]:
    out = []
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(" ".join(json.loads(line)["text"].split()))
    if not out:
        sys.exit(f"no passages in {corpus}/*.jsonl (set QUOTEKIT_CORPUS)")
    return out


def build(corpus: Path, mb: int, files: int) -> None:
    """Write ``files`` VTT files of ``mb / files`` MB each, plus their plain text."""
    texts = passages(corpus)
    DATA.mkdir(parents=True, exist_ok=True)
    per_file = mb * 1_000_000 // files
    for n in range(files):
        rng = random.Random(n)
        vtt, plain, size, t = ["WEBVTT", ""], [], 0, 0.0
        while size < per_file:
            words = rng.choice(texts).split()
            speaker = f"Speaker {rng.randint(1, 3)}"
            plain.append(" ".join(words))
            for i in range(0, len(words), 7):
                chunk = words[i:i + 7]
                voice = f"<v {speaker}>" if i == 0 else ""
                times = f"{clock(t)} --> {clock(t + 0.4 * len(chunk))}"
                block = f"{times}\n{voice}{' '.join(chunk)}\n"
                vtt.append(block)
                size += len(block.encode("utf-8")) + 1
                t += 0.4 * len(chunk)
            t += 1.5
        (DATA / f"part{n:04d}.vtt").write_text("\n".join(vtt), encoding="utf-8")
        (DATA / f"part{n:04d}.txt").write_text("\n\n".join(plain) + "\n", encoding="utf-8")


def run(suffix: str) -> tuple[float, float, int, int, list[float]]:
    """Read and extract every ``*.suffix`` file: read s, extract s, VTT bytes, quotes,
    and per-file MB/s (of the VTT file with the same words)."""
    from quotekit.extraction.pipeline import extract_document
    from quotekit.reading import read

    read_s = extract_s = 0.0
    size = quotes = 0
    rates = []
    for path in sorted(DATA.glob(f"*.{suffix}")):
        nbytes = path.with_suffix(".vtt").stat().st_size  # rates over the same VTT bytes
        t0 = time.perf_counter()
        doc = read(path)
        t1 = time.perf_counter()
        quotes += len(extract_document(doc))
        t2 = time.perf_counter()
        read_s += t1 - t0
        extract_s += t2 - t1
        size += nbytes
        rates.append(nbytes / 1e6 / (t2 - t0))
    return read_s, extract_s, size, quotes, rates


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=int, default=100, help="corpus size in MB (default 100)")
    ap.add_argument("--files", type=int, default=100, help="number of files (default 100)")
    ap.add_argument("--rebuild", action="store_true", help="rewrite bench/data/vtt")
    args = ap.parse_args()
    corpus = Path(os.environ.get("QUOTEKIT_CORPUS", CORPUS))
    have = sum(p.stat().st_size for p in DATA.glob("*.vtt")) if DATA.is_dir() else 0
    if args.rebuild or abs(have - args.mb * 1e6) > 0.1 * args.mb * 1e6:
        for old in DATA.glob("part*"):
            old.unlink()
        build(corpus, args.mb, args.files)
    vtt_bytes = sum(p.stat().st_size for p in DATA.glob("*.vtt"))
    rows = []
    for label, suffix in (("text (same words, baseline)", "txt"),
                          ("vtt (webvtt-py + join)", "vtt")):
        read_s, extract_s, size, quotes, rates = run(suffix)
        rows.append((label, read_s, extract_s, size, quotes, rates))
    base = rows[0][1] + rows[0][2]
    print(f"corpus: {vtt_bytes / 1e6:.1f} MB of VTT in {len(list(DATA.glob('*.vtt')))} files "
          f"(python {sys.version.split()[0]})")
    print(f"{'reader':30} {'MB':>7} {'read s':>8} {'extract s':>10} {'MB/s':>7} "
          f"{'median MB/s':>12} {'quotes':>7} {'time x text':>12}")
    for label, read_s, extract_s, size, quotes, rates in rows:
        total = read_s + extract_s
        print(f"{label:30} {size / 1e6:7.1f} {read_s:8.2f} {extract_s:10.2f} "
              f"{vtt_bytes / 1e6 / total:7.2f} {statistics.median(rates):12.2f} {quotes:7d} "
              f"{total / base:12.2f}")
    print("MB/s is over the VTT bytes for both rows (same words), so the rows compare.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
