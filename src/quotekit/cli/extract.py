"""``quotekit extract``: read files, find quotes, hand them to an exporter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from ..errors import UsageError
from .common import (
    Failures,
    aliases_option,
    iter_documents,
    output_stream,
    vault_option,
    warn,
)

EPILOG = """\b
Examples:
  quotekit extract examples/what-are-we-scaling.txt
  quotekit extract talk.md --aliases aliases.yml -t jsonl
  quotekit extract transcripts/ -o quotes.json
  quotekit extract transcripts/ -t biblatex --bib-quotes -o quotes.bib
  quotekit extract talk.vtt -t obsidian -o notes/ --layout per-quote
  cat notes.txt | quotekit extract -
  quotekit extract talk.json --speaker-map SPEAKER_00="Dwarkesh Patel"
  quotekit extract captions.txt --from vtt --url https://youtu.be/VIDEOID
"""


def parse_speaker_map(pairs: tuple[str, ...]) -> dict[str, str]:
    """``LABEL=Name`` pairs (from ``--speaker-map``) as a dict; a pair without ``=`` or
    with an empty side is a usage error."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        label, sep, name = pair.partition("=")
        if not sep or not label.strip() or not name.strip():
            raise UsageError(f"--speaker-map {pair!r}: expected LABEL=Name, "
                             'e.g. SPEAKER_00="Dwarkesh Patel"')
        mapping[label.strip()] = name.strip()
    return mapping



@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@click.option("-t", "--to", "to", default="json", show_default=True, metavar="NAME",
              help="Exporter to write with (`quotekit plugins` lists them).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file (or folder, for folder exporters) instead of stdout.")
@click.option("--from", "reader", metavar="NAME",
              help="Reader to use instead of detecting the format from the content.")
@click.option("--url", help="URL of the source, when the file does not say it.")
@click.option("--speaker-map", "speaker_map", multiple=True, metavar="LABEL=NAME",
              help="Name a transcript's speaker label, e.g. SPEAKER_00=\"Jane Doe\" "
                   "(repeatable; aliases-file aliases work too).")
@aliases_option
@vault_option
@click.option("--bib-quotes", is_flag=True,
              help="biblatex/bibtex: also write one @misc entry per quote.")
@click.option("--layout", type=click.Choice(["per-source", "per-quote"]), default="per-source",
              show_default=True, help="Obsidian notes: one per source, or one per quote.")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path),
              help="Jinja2 template for note bodies (obsidian; needs quotekit[templates]).")
@click.option("-q", "--quiet", is_flag=True, help="No messages on stderr except errors.")
def command(
    paths: tuple[str, ...], to: str, output: Path | None, reader: str | None,
    url: str | None, speaker_map: tuple[str, ...], aliases: Path | None,
    vault: Path | None, bib_quotes: bool, layout: str, template: Path | None, quiet: bool,
) -> int:
    """Find attributed quotations in PATHS (files, folders, or - for stdin).

    Folders are read recursively (files with an ending a reader knows). A file that
    cannot be read is reported on stderr and the others are still processed; the exit
    code is then 1.
    """
    from ..extraction.pipeline import extract_document
    from ..model import Extraction
    from ..people import load_speakers
    from ..plugins import get_exporters
    from ..reading import read
    from ..registry import ExportOptions, ReadOptions

    exporters = get_exporters()
    if to not in exporters:
        raise UsageError(f"unknown exporter {to!r}; available: {', '.join(sorted(exporters))}")
    exporter = exporters[to]
    labels = parse_speaker_map(speaker_map)
    speakers = load_speakers(aliases=aliases, vault=vault)
    # Aliases name speaker labels too (`Jane Doe: [SPEAKER_00]`); --speaker-map wins.
    people = speakers.people if speakers is not None else {}
    known = {alias: name for name, names in people.items() for alias in names}
    options = ReadOptions(url=url, speaker_map={**known, **labels})
    failures = Failures()
    counts = {"files": 0, "quotes": 0}

    def extractions() -> Iterator[Extraction]:
        for doc in iter_documents(paths, failures, lambda p: read(p, reader=reader,
                                                                   options=options)):
            quotes = tuple(extract_document(doc, speakers=speakers))
            counts["files"] += 1
            counts["quotes"] += len(quotes)
            yield Extraction(source=doc.source, quotes=quotes, document=doc)

    export_options = ExportOptions(
        bib_quotes=bib_quotes, layout="per-quote" if layout == "per-quote" else "per-source",
        template=template)
    if exporter.target == "folder":
        if output is None:
            raise UsageError(f"exporter {to!r} writes a folder: give one with -o DIR")
        output.mkdir(parents=True, exist_ok=True)
        exporter.write(extractions(), output, export_options)
    else:
        with output_stream(output) as stream:
            exporter.write(extractions(), stream, export_options)
    warn(f"{counts['quotes']} quotes from {counts['files']} files"
         + (f"; {failures.count} failed" if failures.count else ""), quiet=quiet)
    return 1 if failures.count else 0
