"""Benchmark corpora built from real text: the LitBank and transcript passages in
``bench/corpus/`` (copies of the shared evaluation corpora) and ``examples/*.txt``.

Two entry points, reusable by any benchmark::

    from corpus import build_corpus, big_text          # from inside bench/
    from bench.corpus import build_corpus, big_text    # from the repository root

    paths = build_corpus(1_000_000_000, Path("bench/data/1g"), seed=0)
    text = big_text(50_000_000)

``build_corpus`` writes many ``.txt`` files of realistic sizes (log-normal around
~40 KB: notes and essays of a few KB, podcast transcripts of 30-200 KB, a few whole-book
sized files of 1-4 MB), sharded in sub-folders of at most 500 files. Each file is one kind
of text: fiction (LitBank passages in a shuffled order) or transcript (transcript passages
and the example transcript page). The pool of real text is ~280 KB, so larger corpora
repeat passages in different orders; every byte is still real prose. The output is
deterministic for a given ``seed`` and is reused when a ``.manifest.json`` written by the
same parameters is found (so a 1 GB corpus is built once).
"""

from __future__ import annotations

import json
import math
import platform
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
#: The copies in bench/ first, so the benchmark text is the same on every clone.
CORPUS_DIRS = (HERE / "corpus", ROOT.parent / "shared" / "corpus")
#: Hidden, so `quotekit extract DIR` (which skips dot-files) does not try to read it.
MANIFEST = ".manifest.json"
FORMAT = 1  # bump when the way files are assembled changes
FILES_PER_DIR = 500
MIN_FILE, MAX_FILE, MEDIAN_FILE, SIGMA = 2_000, 4_000_000, 40_000, 1.1
TRANSCRIPT_SHARE = 0.35  # fraction of files that are transcripts


@dataclass(frozen=True)
class Pool:
    """Real passages by kind, as UTF-8 bytes."""

    fiction: tuple[bytes, ...]
    transcript: tuple[bytes, ...]

    @property
    def size(self) -> int:
        return sum(map(len, self.fiction)) + sum(map(len, self.transcript))


def corpus_file(name: str) -> Path:
    """A corpus file: the copy in ``bench/corpus``, else ``../shared/corpus``."""
    for d in CORPUS_DIRS:
        if (d / name).is_file():
            return d / name
    raise FileNotFoundError(f"{name} not found in {', '.join(map(str, CORPUS_DIRS))}")


def _passages(name: str) -> list[str]:
    with corpus_file(name).open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def load_pool() -> Pool:
    """All the real text there is: LitBank passages, transcript passages, examples."""
    fiction = _passages("litbank-dev.jsonl")
    transcript = _passages("transcripts-dev.jsonl")
    transcript += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    enc = lambda xs: tuple(x.strip("\n").encode("utf-8") for x in xs if x.strip())  # noqa: E731
    return Pool(fiction=enc(fiction), transcript=enc(transcript))


def _fill(rng: random.Random, passages: tuple[bytes, ...], size: int) -> bytes:
    """Passages in a shuffled order (reshuffled when used up), joined by blank lines,
    until at least ``size`` bytes; cut back at a passage boundary when far over."""
    parts: list[bytes] = []
    total = 0
    order: list[int] = []
    while total < size:
        if not order:
            order = list(range(len(passages)))
            rng.shuffle(order)
        p = passages[order.pop()]
        parts.append(p)
        total += len(p) + 2
    return b"\n\n".join(parts) + b"\n"


def _file_sizes(rng: random.Random, target: int, largest: int | None) -> list[tuple[int, bool]]:
    """File sizes adding up to ``target`` (with the ``largest`` one, flagged True)."""
    sizes: list[tuple[int, bool]] = [(largest, True)] if largest else []
    total = largest or 0
    mu = math.log(MEDIAN_FILE)
    while total < target:
        s = int(min(MAX_FILE, max(MIN_FILE, rng.lognormvariate(mu, SIGMA))))
        s = min(s, max(MIN_FILE, target - total))
        sizes.append((s, False))
        total += s
    rng.shuffle(sizes)
    return sizes


def _params(target_bytes: int, seed: int, largest_bytes: int | None) -> dict[str, int | None]:
    return {"format": FORMAT, "target_bytes": target_bytes, "seed": seed,
            "largest_bytes": largest_bytes}


def _reuse(out: Path, params: dict[str, int | None]) -> list[Path] | None:
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("params") != params:
        return None
    files = [(out / rel, n) for rel, n in manifest["files"]]
    if all(p.is_file() and p.stat().st_size == n for p, n in files):
        return sorted(p for p, _ in files)
    return None


def _clear(out: Path) -> None:
    """Remove a previous build (only what its manifest lists); refuse foreign folders."""
    if not out.exists():
        return
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if manifest is None:
        if any(out.iterdir()):
            raise ValueError(f"{out} is not empty and holds no {MANIFEST}; refusing to write")
        return
    for rel, _ in manifest["files"]:
        (out / rel).unlink(missing_ok=True)
    (out / MANIFEST).unlink()
    for d in sorted(out.glob("d*"), reverse=True):
        if d.is_dir() and not any(d.iterdir()):
            shutil.rmtree(d)


def build_corpus(
    target_bytes: int, out_dir: str | Path, *, seed: int = 0, largest_bytes: int | None = None,
) -> list[Path]:
    """Write a corpus of about ``target_bytes`` of real text into ``out_dir``.

    Returns the file paths (sorted). ``largest_bytes`` adds one file of that size (e.g.
    a 20 MB file among many small ones, for the streaming-memory benchmark). Files are
    UTF-8 ``.txt`` in ``out_dir/dNNN/``; ``out_dir/.manifest.json`` records the build.
    """
    out = Path(out_dir)
    params = _params(target_bytes, seed, largest_bytes)
    reused = _reuse(out, params)
    if reused is not None:
        return reused
    _clear(out)
    pool = load_pool()
    rng = random.Random(seed)
    files: list[tuple[str, int]] = []
    for i, (size, is_largest) in enumerate(_file_sizes(rng, target_bytes, largest_bytes)):
        transcript = not is_largest and size <= 400_000 and rng.random() < TRANSCRIPT_SHARE
        kind = "transcript" if transcript else "fiction"
        data = _fill(rng, pool.transcript if transcript else pool.fiction, size)
        rel = f"d{i // FILES_PER_DIR:03d}/{kind}-{i:06d}.txt"
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
        files.append((rel, len(data)))
    manifest = {"params": params, "bytes": sum(n for _, n in files), "files": files}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=0), encoding="utf-8")
    return sorted(out / rel for rel, _ in files)


def big_text(min_bytes: int = 50_000_000, *, seed: int = 0) -> str:
    """One string of at least ``min_bytes`` UTF-8 bytes of real text (for in-memory
    throughput): fiction and transcript passages interleaved in a shuffled order, one
    blank line between passages."""
    pool = load_pool()
    passages = pool.fiction + pool.transcript
    return _fill(random.Random(seed), passages, min_bytes).decode("utf-8")


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Build a benchmark corpus of real text.")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--mb", type=float, default=50.0, help="target size in MB (10^6 bytes)")
    ap.add_argument("--largest-mb", type=float, default=None, help="add one file this large")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    largest = int(a.largest_mb * 1e6) if a.largest_mb else None
    built = build_corpus(int(a.mb * 1e6), a.out_dir, seed=a.seed, largest_bytes=largest)
    total = sum(p.stat().st_size for p in built)
    print(f"{len(built)} files, {total / 1e6:.1f} MB, largest "
          f"{max(p.stat().st_size for p in built) / 1e6:.2f} MB in {a.out_dir}")


def cpu_model() -> str:
    """The CPU's model name (from /proc/cpuinfo), for the benchmark tables; "" if unknown."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()
