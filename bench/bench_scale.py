"""Scale benchmark for ``quotekit extract`` (not a test): throughput, memory, cache, start-up.

    .venv/bin/python bench/bench_scale.py                 # 1 GB corpus (built once)
    .venv/bin/python bench/bench_scale.py --size 100M     # a quick look
    .venv/bin/python bench/bench_scale.py --repeat 3      # medians of three rounds

Builds (once, into bench/data/, git-ignored) a corpus of many ``.txt`` files of real text
with ``bench/corpus.py`` (the shared corpora's passages and ``examples/*.txt``, file
sizes log-normal around 40 KB, 2 KB to 4 MB). Then, in one run and side by side, times
the ``quotekit`` command in fresh processes:

1. throughput over the corpus: one process (``-j 1``), ``-j 2``, a local Dask cluster
   (``--engine dask -j 2``); output checked identical;
2. peak RSS of each run, summed over the command and its workers (sampled with psutil);
3. a first run filling an empty cache, then a re-run after 1% of the files changed;
4. ``quotekit --version`` start-up next to ``python -c pass``.

Memory is sampled as RSS and as PSS (proportional set size: shared pages such as
libpython's are split between the processes that map them, so the sum is what the
processes really take together; summed RSS counts each shared page once per process).
The cache rows also give a re-run where nothing changed (the fixed cost) and the size of
the cache folder. ``--cache-only`` runs only those rows.

Needs psutil (the ``bench`` extra, or ``pip install psutil``) and ``quotekit[dask]``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from corpus import (  # bench/corpus.py, the shared builder of real-text corpora
    build_corpus,
    cpu_model,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"


def parse_size(text: str) -> int:
    units = {"K": 10**3, "M": 10**6, "G": 10**9}
    text = text.strip().upper().removesuffix("B")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def corpus(target: int, seed: int = 0) -> tuple[list[str], list[Path]]:
    """``target`` bytes of .txt files under bench/data/scale-SIZE (built once, reused):
    the folders to give ``quotekit extract`` (not the root: it holds MANIFEST.json)
    and the files."""
    folder = DATA / f"scale-{target}"
    files = build_corpus(target, folder, seed=seed)
    return sorted({str(p.parent) for p in files}), files


class PeakRSS:
    """Samples the summed RSS of a process and its descendants until stopped, and the
    CPU time each used (last sample per process: the cores the run really got)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.proc = psutil.Process(pid)
        self.peak_total = 0
        self.peak_pss = 0
        self.peak_single = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
            except psutil.Error:
                return
            rss, pss = [], 0
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    mem = p.memory_full_info()
                    rss.append(mem.rss)
                    pss += getattr(mem, "pss", mem.rss)
                    t = p.cpu_times()
                    self.cpu[p.pid] = t.user + t.system
            self.peak_total = max(self.peak_total, sum(rss))
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_single = max([self.peak_single, *rss])
            self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def quotekit(*args: str) -> dict[str, float | str]:
    """Run ``python -m quotekit ARGS``: wall time, peak RSS, a digest of its stdout (hashed
    as it streams, so no output file grows on disk) and its summary line."""
    cmd = [sys.executable, "-m", "quotekit", *args]
    digest = hashlib.sha256()
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err)
        rss = PeakRSS(proc.pid)
        assert proc.stdout is not None
        while chunk := proc.stdout.read(1 << 20):
            digest.update(chunk)
        proc.wait()
        wall = time.perf_counter() - start
        rss.stop()
        err.seek(0)
        message = err.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{message[-2000:]}")
    return {"wall": wall, "rss_total": rss.peak_total / 1e6, "rss_single": rss.peak_single / 1e6,
            "pss_total": rss.peak_pss / 1e6,
            "cpu": sum(rss.cpu.values()),
            "digest": digest.hexdigest()[:12], "summary": message.strip().splitlines()[-1]}


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
    cpu = cpu_model()
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
    ap.add_argument("--cache-only", action="store_true",
                    help="only the cache rows (first run, re-run with 1%% changed)")
    ap.add_argument("--modes", default="1,2,dask",
                    help="the side-by-side modes to run: 1 (one process), 2 (-j 2), dask "
                         "(default: 1,2,dask)")
    ap.add_argument("--skip-cache", action="store_true", help="leave out the cache rows")
    args = ap.parse_args()
    wanted = {m.strip() for m in args.modes.split(",") if m.strip()}

    target = parse_size(args.size)
    print(f"machine: {machine()}", flush=True)
    t0 = time.perf_counter()
    folders, files = corpus(target)
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"corpus: {len(files)} files, {size_mb:.0f} MB in {DATA} "
          f"(ready in {time.perf_counter() - t0:.1f} s)", flush=True)

    every = {"1": ("1 process (-j 1)", ["-j", "1"]), "2": ("-j 2", ["-j", "2"]),
             "dask": ("Dask local cluster (2 workers)", ["--engine", "dask", "-j", "2"])}
    if args.skip_dask:
        wanted.discard("dask")
    modes = {} if args.cache_only else dict(every[m] for m in every if m in wanted)
    runs: dict[str, list[dict[str, float | str]]] = {m: [] for m in modes}
    cache_first: list[float] = []
    first_digests: set[str] = set()
    cache_rerun: list[dict[str, float | str]] = []
    cache_same: list[dict[str, float | str]] = []
    cache_first_cpu: list[float] = []
    cache_mb: list[float] = []
    for r in range(args.repeat):
        for mode, extra in modes.items():
            res = quotekit("extract", *folders, "-t", "jsonl", "--no-cache", *extra)
            runs[mode].append(res)
            print(f"round {r + 1} {mode}: {res['wall']:.1f} s, {size_mb / res['wall']:.1f} MB/s,"
                  f" CPU {res['cpu']:.1f} s, peak RSS {res['rss_total']:.0f} MB, "
                  f"{res['summary']}", flush=True)
        if args.skip_cache:
            continue
        cache = DATA / f"cache-{os.getpid()}"
        shutil.rmtree(cache, ignore_errors=True)
        first = quotekit("extract", *folders, "-t", "jsonl", "-j", "2", "--cache", str(cache))
        same = quotekit("extract", *folders, "-t", "jsonl", "-j", "2", "--cache", str(cache))
        saved = change_files(files, 0.01, seed=r)
        try:
            again = quotekit("extract", *folders, "-t", "jsonl", "-j", "2",
                             "--cache", str(cache))
        finally:
            for p, data in saved.items():
                p.write_bytes(data)
            cache_mb.append(sum(f.stat().st_size for f in cache.rglob("*") if f.is_file())
                            / 1e6)
            shutil.rmtree(cache, ignore_errors=True)
        cache_first.append(float(first["wall"]))
        cache_first_cpu.append(float(first["cpu"]))
        first_digests |= {str(first["digest"]), str(same["digest"])}
        cache_rerun.append(again)
        cache_same.append(same)
        print(f"round {r + 1} cache: first {first['wall']:.1f} s, unchanged "
              f"{same['wall']:.2f} s, 1% changed {again['wall']:.2f} s "
              f"({again['summary']}), cache {cache_mb[-1]:.0f} MB", flush=True)

    digests = {str(res["digest"]) for rs in runs.values() for res in rs} | first_digests
    base, ours = startup(args.startup_runs)

    med = {m: statistics.median(float(x["wall"]) for x in rs) for m, rs in runs.items()}
    one = med.get("1 process (-j 1)", float("nan"))
    print(f"\n## quotekit extract over {len(files)} files, {size_mb:.0f} MB "
          f"(median of {args.repeat}; outputs identical: {len(digests) == 1})\n")
    if runs:
        print("| mode | wall s | MB/s | × 1 process | CPU s (all processes) | cores used "
              "| peak RSS MB (all processes) | peak PSS MB (all processes) "
              "| largest process MB |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mode, rs in runs.items():
        rss = max(float(x["rss_total"]) for x in rs)
        pss = max(float(x["pss_total"]) for x in rs)
        single = max(float(x["rss_single"]) for x in rs)
        cpu = statistics.median(float(x["cpu"]) for x in rs)
        print(f"| {mode} | {med[mode]:.1f} | {size_mb / med[mode]:.2f} | "
              f"{one / med[mode]:.2f} | {cpu:.1f} | {cpu / med[mode]:.2f} | {rss:.0f} "
              f"| {pss:.0f} | {single:.0f} |")
    if cache_first:
        cache_table(cache_first, cache_first_cpu, cache_same, cache_rerun, cache_mb)
    print(f"\n| start-up (median of {args.startup_runs}) | s |\n|---|---:|\n"
          f"| python -c pass | {base:.3f} |\n| quotekit --version | {ours:.3f} "
          f"(+{ours - base:.3f}) |")


def cache_table(cache_first: list[float], cache_first_cpu: list[float],
                cache_same: list[dict[str, float | str]],
                cache_rerun: list[dict[str, float | str]], cache_mb: list[float]) -> None:
    """The cache rows: first run, unchanged re-run, 1% changed re-run (medians)."""
    first_s, first_cpu = statistics.median(cache_first), statistics.median(cache_first_cpu)
    print(f"\n| cache (-j 2), cache folder {statistics.median(cache_mb):.0f} MB | wall s "
          f"| % of first | CPU s | % of first |\n|---|---:|---:|---:|---:|\n"
          f"| first run, empty cache | {first_s:.1f} | 100 | {first_cpu:.1f} | 100 |")
    for label, rs in (("re-run, nothing changed", cache_same),
                      ("re-run, 1% of files changed", cache_rerun)):
        wall = statistics.median(float(x["wall"]) for x in rs)
        cpu = statistics.median(float(x["cpu"]) for x in rs)
        print(f"| {label} | {wall:.2f} | {100 * wall / first_s:.1f} | {cpu:.2f} "
              f"| {100 * cpu / first_cpu:.1f} |")


if __name__ == "__main__":
    main()
