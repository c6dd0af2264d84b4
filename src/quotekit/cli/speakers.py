"""``quotekit speakers``: who is quoted, under which names, and suggested merges."""

from __future__ import annotations

from pathlib import Path

import click

from .common import Failures, aliases_option, iter_documents, vault_option


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@aliases_option
@vault_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def command(paths: tuple[str, ...], aliases: Path | None, vault: Path | None,
            as_json: bool) -> int:
    """List the speakers quoted in PATHS, their surface forms, and suggested merges.

    A suggested merge is a name close to a known person's (from --aliases or --vault)
    or to another speaker's, but not close enough to be merged on its own — typically a
    speech-recognition garble. Add it to your aliases file to merge it.

    \b
    Examples:
      quotekit speakers examples/what-are-we-scaling.txt
      quotekit speakers transcripts/ --aliases aliases.yml --json
    """
    import json
    from collections import defaultdict

    from ..extraction.pipeline import extract_document
    from ..extraction.speakers import SpeakerIndex, name_score
    from ..people import load_speakers
    from ..reading import read

    speakers = load_speakers(aliases=aliases, vault=vault)
    failures = Failures()
    surfaces: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for doc in iter_documents(paths, failures, read):
        for q in extract_document(doc, speakers=speakers):
            name = q.speaker or "(unknown)"
            counts[name] += 1
            if q.speaker_surface:
                surfaces[name].add(q.speaker_surface)
    index = speakers or SpeakerIndex()
    names = [n for n in counts if n != "(unknown)"]
    suggestions: dict[str, list[str]] = defaultdict(list)
    for n in names:
        hint = index.suggest(n)
        if hint:
            suggestions[n].append(f"{hint.name} ({hint.score:.2f})")
        for other in names:
            score = name_score(n, other)
            if other != n and counts[other] > counts[n] and \
                    index.suggest_at <= score < 1.0:
                suggestions[n].append(f"{other} ({score:.2f})")
    rows = [{"speaker": n, "quotes": counts[n], "surfaces": sorted(surfaces[n]),
             "merge_into": suggestions.get(n, [])}
            for n in sorted(counts, key=lambda n: (-counts[n], n))]
    if as_json:
        click.echo(json.dumps({"speakers": rows}, indent=2, ensure_ascii=False))
    else:
        for r in rows:
            merge = r["merge_into"]
            line = f"{r['speaker']}\t{r['quotes']}\t{', '.join(r['surfaces'])}"  # type: ignore[arg-type]
            if merge:
                line += f"\tmerge into? {', '.join(merge)}"  # type: ignore[arg-type]
            click.echo(line)
    return 1 if failures.count else 0
