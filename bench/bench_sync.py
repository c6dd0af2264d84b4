"""Benchmark: ``quotekit sync`` into a big vault (not a test).

    .venv/bin/python bench/bench_sync.py [--sources 1000] [--quotes 10] [--other 5000] [--runs 3]

Builds a vault holding ``--other`` notes that are not quotekit's (plain notes, notes
with frontmatter and links, person notes with ``aliases``), then, for ``--sources`` and
a tenth of it, times the real sync engine (lock, vault index, person notes, merge,
atomic writes with fsync) on extractions built directly (no extractor):

* first sync into the vault;
* a no-change re-sync (must write nothing);
* a re-sync with one new source;
* a no-change re-sync after deleting ``.quotekit/`` (the cache), for comparison.

Each scenario runs ``--runs`` times on a fresh copy of the vault (copying is not
timed); the table shows medians and minimums, then the ratios against their targets:
no-change re-sync <= 10% of the first sync, 10x the sources <= 12x the time.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from quotekit.ids import quote_id, source_id  # noqa: E402
from quotekit.model import Extraction, Quote, Source  # noqa: E402
from quotekit.obsidian.engine import Summary, Sync, SyncOptions  # noqa: E402

WORDS = ["engine", "pattern", "loom", "weave", "number", "analysis", "machine", "power",
         "science", "operation", "symbol", "force", "relation", "formula", "memory", "mill",
         "card", "store", "result", "general"]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def build_vault(path: Path, other: int, rng: random.Random) -> list[str]:
    """``other`` user notes; returns the names of the people notes."""
    people = [f"Person {i:03d} Example" for i in range(max(1, other // 100))]
    (path / "People").mkdir(parents=True)
    (path / ".obsidian").mkdir()
    for name in people:
        (path / "People" / f"{name}.md").write_text(
            f"---\naliases: [P{name[7:10]}]\ntags: [person]\n---\n{sentence(rng, 30)}\n")
    for i in range(other - len(people)):
        folder = path / f"Area {i % 20:02d}"
        folder.mkdir(exist_ok=True)
        body = "\n\n".join(sentence(rng, 25) for _ in range(rng.randint(2, 12)))
        if i % 3 == 0:
            topic = rng.choice(WORDS)
            head = f"---\ntags: [topic/{topic}]\ncreated: 2024-01-{i % 28 + 1:02d}\n---\n"
        else:
            head = ""
        link = f"\nSee [[{rng.choice(people)}]] and [[Note {rng.randrange(other)}]].\n"
        (folder / f"Note {i}.md").write_text(head + f"# Note {i}\n\n" + body + link)
    return people


def extractions(n: int, quotes: int, people: list[str], rng: random.Random,
                offset: int = 0) -> list[Extraction]:
    out = []
    for i in range(offset, offset + n):
        url = f"https://example.org/talks/{i}"
        source = Source(id=source_id(url), title=f"Talk {i}: {sentence(rng, 5)}",
                        authors=("Host Example",), url=url, published="2025-03-01",
                        kind="video")
        qs = []
        for j in range(quotes):
            text = sentence(rng, rng.randint(12, 40))
            speaker = rng.choice(people) if j % 2 else f"Speaker {rng.randrange(300)}"
            qs.append(Quote(id=quote_id(source.id, text), text=text, start=j * 500,
                            end=j * 500 + len(text), speaker=speaker, speaker_surface=speaker,
                            start_s=j * 61.5, source_id=source.id))
        out.append(Extraction(source=source, quotes=tuple(qs)))
    return out


def sync(vault: Path, exs: list[Extraction]) -> tuple[float, Summary]:
    start = time.perf_counter()
    with Sync(vault, SyncOptions()) as s:
        s.speakers(None)
        summary = s.run(exs)
    return time.perf_counter() - start, summary


def scenario(base: Path, runs: int, prepare: Callable[[Path], None],
             measure: Callable[[Path], tuple[float, Summary]]) -> tuple[list[float], Summary]:
    times = []
    summary = Summary()
    for _ in range(runs):
        work = Path(tempfile.mkdtemp(prefix="qk-bench-"))
        vault = work / "vault"
        shutil.copytree(base, vault)
        prepare(vault)
        t, summary = measure(vault)
        times.append(t)
        shutil.rmtree(work)
    return times, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--quotes", type=int, default=10)
    parser.add_argument("--other", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(1842)
    base = Path(tempfile.mkdtemp(prefix="qk-bench-base-")) / "vault"
    people = build_vault(base, args.other, rng)
    rows, medians = [], {}
    for n in (args.sources // 10, args.sources):
        exs = extractions(n, args.quotes, people, rng)
        extra = extractions(1, args.quotes, people, rng, offset=n)
        def nothing(vault: Path) -> None:
            pass

        def synced(vault: Path, e: list[Extraction] = exs) -> None:
            sync(vault, e)

        def synced_no_cache(vault: Path, e: list[Extraction] = exs) -> None:
            sync(vault, e)
            shutil.rmtree(vault / ".quotekit")

        cases = {
            "first sync": (nothing, lambda v, e=exs: sync(v, e)),
            "no-change re-sync": (synced, lambda v, e=exs: sync(v, e)),
            "re-sync, one new source": (synced, lambda v, e=exs + extra: sync(v, e)),
            "no-change re-sync, cache deleted": (synced_no_cache, lambda v, e=exs: sync(v, e)),
        }
        for name, (prepare, measure) in cases.items():
            times, summary = scenario(base, args.runs, prepare, measure)
            medians[(name, n)] = statistics.median(times)
            written = summary.counts["created"] + summary.counts["updated"]
            rows.append((name, n, n * args.quotes, statistics.median(times), min(times),
                         written))
    print(f"vault: {args.other} other notes ({len(people)} person notes); "
          f"{args.quotes} quotes per source; {args.runs} runs each\n")
    print("| scenario | sources | quotes | median s | min s | notes written |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, n, q, med, low, written in rows:
        print(f"| {name} | {n} | {q} | {med:.3f} | {low:.3f} | {written} |")
    big, small = args.sources, args.sources // 10
    ratios = [
        ("no-change re-sync / first sync", medians[("no-change re-sync", big)]
         / medians[("first sync", big)], "<= 0.10"),
        ("no-change re-sync without the cache / first sync",
         medians[("no-change re-sync, cache deleted", big)] / medians[("first sync", big)],
         "-"),
        ("one new source / first sync", medians[("re-sync, one new source", big)]
         / medians[("first sync", big)], "-"),
        (f"first sync, {big} / {small} sources", medians[("first sync", big)]
         / medians[("first sync", small)], "<= 12"),
        (f"no-change re-sync, {big} / {small} sources", medians[("no-change re-sync", big)]
         / medians[("no-change re-sync", small)], "<= 12"),
    ]
    print("\n| ratio | measured | target |")
    print("|---|---:|---:|")
    for name, value, target in ratios:
        print(f"| {name} | {value:.3f} | {target} |")
    shutil.rmtree(base.parent)


if __name__ == "__main__":
    main()
