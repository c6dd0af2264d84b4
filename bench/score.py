"""Accuracy on the evaluation corpora: quote P/R/F1 and speaker accuracy.

    .venv/bin/python bench/score.py [--check] [--report] [--shared DIR]

Runs ``quotekit.extract(text)`` on every passage of transcripts-dev and litbank-dev (the
public API, as ``../shared/eval/run_quotekit.py`` does) and scores the predictions with
the shared scorer's ``score()``: a predicted quote counts when it overlaps a gold span by
>= 50% of the longer one; speaker accuracy is over the matched quotes with a gold speaker
(lenient: same name, a listed mention or the same last name; strict: without last name).
``named`` is the share of those quotes whose speaker the passage names outside the quote
(the gold name or a listed mention other than a pronoun): about the best an extractor can
score that never invents a name and never takes one from inside the quote (a little more
is possible through the last-name rule, e.g. ``Mrs. X`` from ``Mr. X``'s wife).

The scorer and corpora come from ``../shared/`` when it is beside the repository (or
``--shared DIR`` / ``$QUOTEKIT_SHARED``), else from the copies in ``bench/eval`` and
``bench/corpus``. ``--check`` exits 1 when a target of issue 2 is missed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: corpus -> (min quote F1, min lenient speaker accuracy), from issue 2.
TARGETS = {"transcripts-dev": (0.92, 0.85), "litbank-dev": (0.93, 0.70)}


def shared_dirs(explicit: str | None) -> list[Path]:
    """Where to look for ``eval/`` and ``corpus/``, best first; bench's copies last."""
    dirs = [Path(d) for d in (explicit, os.environ.get("QUOTEKIT_SHARED")) if d]
    dirs.append(ROOT.parent / "shared")
    return dirs


def find(rel_shared: str, rel_copy: str, dirs: list[Path]) -> Path:
    for d in dirs:
        if (d / rel_shared).is_file():
            return d / rel_shared
    return HERE / rel_copy


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("quotekit_eval_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: Mentions that name nobody: a speaker given only as one of these is not "named".
UNNAMING = {"i", "me", "my", "myself", "we", "us", "our", "you", "your", "he", "him", "his",
            "himself", "she", "her", "herself", "they", "them", "their", "it"}


def named_outside(text: str, quote: dict) -> bool:  # type: ignore[type-arg]
    """Whether the passage, outside the quote itself, holds the gold speaker's name or a
    listed mention that is not a pronoun: what an extractor that never invents a name
    and never takes one from inside the quote could answer at best."""
    outside = (text[:quote["start"]] + "\n" + text[quote["end"]:]).casefold()
    forms = [quote.get("speaker"), *(quote.get("speaker_mentions") or [])]
    return any(f and f.casefold().strip() not in UNNAMING and f.casefold() in outside
               for f in forms)


def ceiling(gold: dict, preds: dict, scorer: ModuleType) -> float:  # type: ignore[type-arg]
    """The share of the scored quotes (matched, with a gold speaker) whose speaker is
    named in their passage outside the quote (``named_outside``)."""
    scored = named = 0
    for pid, row in gold.items():
        gq, pq = row["quotes"], preds[pid]["quotes"]
        pairs = scorer.match_overlap([(g["start"], g["end"]) for g in gq],
                                     [(p["start"], p["end"]) for p in pq], 0.5)
        for gi, _ in pairs:
            if gq[gi].get("speaker") is not None:
                scored += 1
                named += named_outside(row["text"], gq[gi])
    return named / scored if scored else 0.0


def run(gold_path: Path, scorer: ModuleType) -> tuple[dict, float, int]:  # type: ignore[type-arg]
    """Extract every passage; return the scorer's result (with ``named``: the share of
    scored quotes whose speaker the passage names, see ``ceiling``), seconds and bytes."""
    import quotekit

    gold = scorer.read_jsonl(str(gold_path))
    quotekit.extract('Warm-up: she said, "imports and compiled patterns are not timed."')
    preds, spent, size = {}, 0.0, 0
    for pid, row in gold.items():
        t0 = time.perf_counter()
        quotes = quotekit.extract(row["text"])
        spent += time.perf_counter() - t0
        size += len(row["text"].encode("utf-8"))
        preds[pid] = {"id": pid, "quotes": [
            {"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker}
            for q in quotes]}
    result = scorer.score(gold, preds)
    result["named"] = ceiling(gold, preds, scorer)
    return result, spent, size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", help="folder holding eval/ and corpus/ (default ../shared)")
    ap.add_argument("--report", action="store_true", help="also print the scorer's full report")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    a = ap.parse_args(argv)

    dirs = shared_dirs(a.shared)
    scorer_path = find("eval/score.py", "eval/score.py", dirs)
    scorer = load_scorer(scorer_path)
    rows, missed = [], []
    for name, (f1_min, spk_min) in TARGETS.items():
        gold_path = find(f"corpus/{name}.jsonl", f"corpus/{name}.jsonl", dirs)
        res, spent, size = run(gold_path, scorer)
        if a.report:
            scorer.print_report(res, str(gold_path), "(in memory)")
            print()
        ov, spk = res["overlap"], res["speaker"]
        ok = ov["f1"] >= f1_min and spk["accuracy_lenient"] >= spk_min
        if not ok:
            missed.append(name)
        rows.append({
            "corpus": name, "gold": str(gold_path), "passages": res["passages"],
            "gold_quotes": res["gold_quotes"], "pred_quotes": res["pred_quotes"],
            "precision": ov["precision"], "recall": ov["recall"], "f1": ov["f1"],
            "speaker_lenient": spk["accuracy_lenient"], "speaker_strict": spk["accuracy_strict"],
            "speaker_matched": spk["matched_with_gold_speaker"],
            "speaker_named_in_passage": res["named"],
            "target_f1": f1_min, "target_speaker": spk_min, "ok": ok,
            "mb_per_s": size / spent / 1e6 if spent else float("inf"),
        })
    if a.json:
        print(json.dumps({"scorer": str(scorer_path), "corpora": rows}, indent=2))
    else:
        print(f"scorer: {scorer_path}")
        head = (f"{'corpus':<17}{'gold':>5}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}"
                f"{'spk-len':>9}{'spk-str':>9}{'named':>7}{'target F1/spk':>15}{'MB/s':>7}  ok")
        print(head)
        print("-" * len(head))
        for r in rows:
            target = f"{r['target_f1']:.2f}/{r['target_speaker']:.2f}"
            print(f"{r['corpus']:<17}{r['gold_quotes']:>5}{r['pred_quotes']:>6}"
                  f"{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}"
                  f"{r['speaker_lenient']:>9.3f}{r['speaker_strict']:>9.3f}"
                  f"{r['speaker_named_in_passage']:>7.3f}{target:>15}"
                  f"{r['mb_per_s']:>7.2f}  {'yes' if r['ok'] else 'NO'}")
        print("(P/R/F1: overlap >= 50% of the longer span; spk-len/spk-str: speaker accuracy "
              "over matched quotes with a gold speaker, lenient/strict; named: the share of "
              "those whose speaker the passage names outside the quote, by the gold name or a "
              "listed mention other than a pronoun -- a ceiling for an extractor that invents "
              "no name)")
    return 1 if a.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
