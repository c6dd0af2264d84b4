"""Scale benchmark for ``quotekit extract`` (not a test): throughput, memory, cache, start-up.

    .venv/bin/python bench/bench_scale.py                 # 1 GB corpus (built once)
    .venv/bin/python bench/bench_scale.py --size 100M     # a quick look
    .venv/bin/python bench/bench_scale.py --repeat 3      # medians of three rounds

Builds (once, into bench/data/, git-ignored) a corpus of many ``.txt`` files of 20-200 KB
from real text: the passages of the shared corpora (``shared/corpus/*.jsonl``) and the
``examples/*.txt`` files, shuffled per file. Then, in one run and side by side, times
the ``quotekit`` command in fresh processes:

1. throughput over the corpus: one process (``-j 1``), ``-j 2``, a local Dask cluster
   (``--engine dask -j 2``); output checked identical;
2. peak RSS of each run, summed over the command and its workers (sampled with psutil);
3. a first run filling an empty cache, then a re-run after 1% of the files changed;
4. ``quotekit --version`` start-up next to ``python -c pass``.

Needs psutil (the ``bench`` extra, or ``pip install psutil``) and ``quotekit[dask]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
OUT = ROOT / "bench" / "out"
SHARED = [ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")]
FILES_PER_DIR = 500
MIN_KB, MAX_KB = 20, 200
CORPUS_FORMAT = 1


def parse_size(text: str) -> int:
    units = {"K": 10**3, "M": 10**6, "G": 10**9}
    text = text.strip().upper().removesuffix("B")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def passages() -> list[str]:
    """Real text: shared corpus passages and the example files."""
    found: list[str] = []
    for folder in SHARED:
        for f in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
            with f.open(encoding="utf-8") as lines:
                found += [json.loads(line)["text"] for line in lines if line.strip()]
        if found:
            break
    found += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    return [p.strip() for p in found if p.strip()]


def build_corpus(target: int, seed: int = 0) -> tuple[Path, list[Path]]:
    """``target`` bytes of .txt files under bench/data/scale-SIZE (reused if present)."""
    folder = DATA / f"scale-{target}"
    manifest = folder / "MANIFEST.json"
    params = {"format": CORPUS_FORMAT, "target": target, "seed": seed}
    if manifest.is_file():
        saved = json.loads(manifest.read_text(encoding="utf-8"))
        files = [(folder / rel, size) for rel, size in saved["files"]]
        if saved["params"] == params and all(p.is_file() and p.stat().st_size == n
                                              for p, n in files):
            return folder, [p for p, _ in files]
    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(seed)
    pool = [p.encode("utf-8") for p in passages()]
    written: list[tuple[str, int]] = []
    total = 0
    while total < target:
        size = int(1000 * MIN_KB * (MAX_KB / MIN_KB) ** rng.random())  # log-uniform
        parts: list[bytes] = []
        n = 0
        while n < size:
            parts.append(pool[rng.randrange(len(pool))])
            n += len(parts[-1]) + 2
        data = b"\n\n".join(parts) + b"\n"
        rel = f"{len(written) // FILES_PER_DIR:04d}/doc{len(written):06d}.txt"
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
        written.append((rel, len(data)))
        total += len(data)
    manifest.write_text(json.dumps({"params": params, "files": written}), encoding="utf-8")
    return folder, [folder / rel for rel, _ in written]


class PeakRSS:
    """Samples the summed RSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.proc = psutil.Process(pid)
        self.peak_total = 0
        self.peak_single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
            except psutil.Error:
                return
            rss = []
            for p in procs:
                try:
                    rss.append(p.memory_info().rss)
                except psutil.Error:
                    pass
            self.peak_total = max(self.peak_total, sum(rss))
            self.peak_single = max([self.peak_single, *rss])
            self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def quotekit(*args: str, out: Path | None = None) -> dict[str, float | str]:
    """Run ``python -m quotekit ARGS`` (stdout to ``out``); wall time, peak RSS, digest."""
    cmd = [sys.executable, "-m", "quotekit", *args]
    sink = open(out, "wb") if out else subprocess.DEVNULL  # noqa: SIM115
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE)
        rss = PeakRSS(proc.pid)
        _, err = proc.communicate()
        wall = time.perf_counter() - start
        rss.stop()
    finally:
        if out:
            sink.close()  # type: ignore[union-attr]
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:12] if out else ""
    return {"wall": wall, "rss_total": rss.peak_total / 1e6, "rss_single": rss.peak_single / 1e6,
            "digest": digest, "summary": err.decode().strip().splitlines()[-1]}


def startup(n: int) -> tuple[float, float]:
    """Median wall time of ``python -c pass`` and ``quotekit --version``, interleaved."""
    entry = Path(sys.executable).parent / "quotekit"
    version = [str(entry), "--version"] if entry.exists() else [
        sys.executable, "-m", "quotekit", "--version"]
    base, ours = [], []
    for _ in range(n):
        for cmd, times in (([sys.executable, "-c", "pass"], base), (version, ours)):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
    return statistics.median(base), statistics.median(ours)


def change_files(files: list[Path], share: float, seed: int) -> dict[Path, bytes]:
    """Append a sentence to ``share`` of the files; returns their original bytes."""
    rng = random.Random(seed)
    chosen = rng.sample(files, max(1, round(len(files) * share)))
    saved = {p: p.read_bytes() for p in chosen}
    for p in chosen:
        with p.open("ab") as f:
            f.write(b'\nShe said, "this file changed since the last run."\n')
    return saved


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = psutil.virtual_memory().total / 2**30
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"nproc {os.cpu_count()}, {cpu}, {mem:.0f} GiB RAM, Python "
            f"{platform.python_version()}, load average at start {load:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="1G", help="corpus size, e.g. 1G or 100M (default 1G)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds; medians are reported")
    ap.add_argument("--startup-runs", type=int, default=15)
    ap.add_argument("--skip-dask", action="store_true", help="leave out the Dask column")
    args = ap.parse_args()

    target = parse_size(args.size)
    print(f"machine: {machine()}", flush=True)
    t0 = time.perf_counter()
    folder, files = build_corpus(target)
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"corpus: {len(files)} files, {size_mb:.0f} MB in {folder} "
          f"(ready in {time.perf_counter() - t0:.1f} s)", flush=True)
    OUT.mkdir(parents=True, exist_ok=True)

    modes = {"1 process (-j 1)": ["-j", "1"], "-j 2": ["-j", "2"]}
    if not args.skip_dask:
        modes["Dask local cluster (2 workers)"] = ["--engine", "dask", "-j", "2"]
    runs: dict[str, list[dict[str, float | str]]] = {m: [] for m in modes}
    cache_first: list[float] = []
    cache_rerun: list[float] = []
    for r in range(args.repeat):
        for mode, extra in modes.items():
            res = quotekit("extract", str(folder), "-t", "jsonl", "--no-cache", *extra,
                           out=OUT / f"scale-{mode.split()[0]}.jsonl")
            runs[mode].append(res)
            print(f"round {r + 1} {mode}: {res['wall']:.1f} s, {size_mb / res['wall']:.1f} MB/s,"
                  f" peak RSS {res['rss_total']:.0f} MB, {res['summary']}", flush=True)
        cache = DATA / f"cache-{os.getpid()}"
        shutil.rmtree(cache, ignore_errors=True)
        first = quotekit("extract", str(folder), "-t", "jsonl", "-j", "2", "--cache", str(cache))
        saved = change_files(files, 0.01, seed=r)
        try:
            again = quotekit("extract", str(folder), "-t", "jsonl", "-j", "2",
                             "--cache", str(cache))
        finally:
            for p, data in saved.items():
                p.write_bytes(data)
            shutil.rmtree(cache, ignore_errors=True)
        cache_first.append(float(first["wall"]))
        cache_rerun.append(float(again["wall"]))
        print(f"round {r + 1} cache: first {first['wall']:.1f} s, 1% changed "
              f"{again['wall']:.2f} s ({again['summary']})", flush=True)

    digests = {str(res["digest"]) for rs in runs.values() for res in rs}
    base, ours = startup(args.startup_runs)

    med = {m: statistics.median(float(x["wall"]) for x in rs) for m, rs in runs.items()}
    one = med["1 process (-j 1)"]
    print(f"\n## quotekit extract over {len(files)} files, {size_mb:.0f} MB "
          f"(median of {args.repeat}; outputs identical: {len(digests) == 1})\n")
    print("| mode | wall s | MB/s | × 1 process | peak RSS MB (all processes) "
          "| largest process MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for mode, rs in runs.items():
        rss = max(float(x["rss_total"]) for x in rs)
        single = max(float(x["rss_single"]) for x in rs)
        print(f"| {mode} | {med[mode]:.1f} | {size_mb / med[mode]:.1f} | "
              f"{one / med[mode]:.2f} | {rss:.0f} | {single:.0f} |")
    first_s, rerun_s = statistics.median(cache_first), statistics.median(cache_rerun)
    print(f"\n| cache (-j 2) | wall s |\n|---|---:|\n| first run, empty cache | {first_s:.1f} |"
          f"\n| re-run, 1% of files changed | {rerun_s:.2f} ({100 * rerun_s / first_s:.1f}% "
          f"of the first) |")
    print(f"\n| start-up (median of {args.startup_runs}) | s |\n|---|---:|\n"
          f"| python -c pass | {base:.3f} |\n| quotekit --version | {ours:.3f} "
          f"(+{ours - base:.3f}) |")


if __name__ == "__main__":
    main()
