"""A tiny corpus for the batch, cache and Dask tests: the example transcript page and
short texts with attributed quotations, some in sub-folders, plus a file that cannot
be decoded."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES

TEXTS = [
    'The minister said, "We will publish the figures on Monday." Nobody believed her.\n',
    'Ada Lovelace wrote that "the engine might compose elaborate pieces of music."\n'
    "She added more notes later.\n",
    '"Measure twice, cut once," my grandfather told me every summer in the workshop.\n',
    "According to the report, \"fewer than half of the pumps were working\".\n\n"
    'Dr. Okafor replied: "That number is out of date."\n',
    "A paragraph with no quotation at all, only plain prose about rivers and bridges.\n",
]


def write_corpus(root: Path, copies: int = 2) -> list[Path]:
    """Files under ``root`` (sorted walk order); returns them in that order."""
    files: list[Path] = []
    for c in range(copies):
        folder = root / f"part{c}"
        folder.mkdir(parents=True, exist_ok=True)
        for i, text in enumerate(TEXTS):
            p = folder / f"note{i}.txt"
            p.write_text(f"# Note {c}-{i}\n\n{text}", encoding="utf-8")
            files.append(p)
        page = folder / "talk.txt"
        page.write_bytes((EXAMPLES / "what-are-we-scaling.txt").read_bytes())
        files.append(page)
    return sorted(files, key=lambda p: (p.parent.name, p.name))
