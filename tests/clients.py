"""Real third-party clients reading what quotekit writes (pandoc, pybtex, bibtexparser,
jsonschema). Each helper raises or returns the problems it found."""

from __future__ import annotations

import io
import json
import re
import subprocess
import warnings
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
import pybtex.errors
import pypandoc
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from pybtex.database import BibliographyData, parse_string
from referencing import Registry, Resource

from quotekit.model import Extraction
from quotekit.plugins import get_exporters
from quotekit.registry import ExportOptions
from tests.conftest import DATA

CSL_SCHEMA = json.loads((DATA / "csl" / "csl-data.json").read_text(encoding="utf-8"))


def export(name: str, extractions: Iterable[Extraction], *, bib_quotes: bool = False) -> str:
    out = io.StringIO()
    get_exporters()[name].write(list(extractions), out, ExportOptions(bib_quotes=bib_quotes))
    return out.getvalue()


def keys_of(bib: str) -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M)


def pandoc(bibliography: Path, keys: list[str], tmp: Path) -> str:
    """Render every key with ``pandoc --citeproc --fail-if-warnings``; the plain text."""
    body = "\n\n".join(f"Cite [@{{{k}}}]." for k in keys)
    md = tmp / "cite.md"
    md.write_text('---\nnocite: "@*"\n---\n\n' + body + "\n\n# References\n", encoding="utf-8")
    result = subprocess.run(
        [pypandoc.get_pandoc_path(), "--citeproc", "--fail-if-warnings", "--wrap=none",
         "-t", "plain", f"--bibliography={bibliography}", str(md)],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    if result.returncode != 0 or result.stderr.strip():
        raise AssertionError(f"pandoc rc={result.returncode}: {result.stderr}")
    return result.stdout


def pybtex_strict(bib: str) -> BibliographyData:
    """Parse with pybtex in strict mode, every warning an error."""
    pybtex.errors.set_strict_mode(True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return parse_string(bib, bib_format="bibtex")


def bibtexparser_problems(bib: str) -> list[str]:
    """bibtexparser 2 with name splitting: failed blocks and warnings, as text."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        library = bibtexparser.parse_string(
            bib, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    problems = [type(b).__name__ for b in library.failed_blocks]
    problems += [str(w.message) for w in caught]
    for entry in library.entries:
        url = entry.fields_dict.get("url")
        if url is not None and re.search(r"\s", url.value):
            problems.append(f"whitespace in url of {entry.key}")
    return problems


def csl_errors(items: Any) -> list[str]:
    validator = jsonschema.Draft7Validator(CSL_SCHEMA)
    return [e.message for e in validator.iter_errors(items)]


def native_schema() -> dict[str, Any]:
    text = resources.files("quotekit").joinpath("schemas/quotekit.schema.json").read_text(
        encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def native_errors(document: Any, definition: str | None = None) -> list[str]:
    """Errors of a native document (or of ``#/definitions/<definition>``) against our
    schema, resolving the CSL schema offline."""
    schema = native_schema()
    registry: Registry[Any] = Registry().with_resources([
        (CSL_SCHEMA["$id"], Resource.from_contents(CSL_SCHEMA)),
        (schema["$id"], Resource.from_contents(schema)),
    ])
    target = schema if definition is None else {
        "$ref": f"{schema['$id']}#/definitions/{definition}"}
    validator = jsonschema.Draft7Validator(target, registry=registry)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


VERBATIM = {"url", "doi", "eprint", "file", "crossref", "xref", "xdata", "related",
            "keywords", "ids"}
_UNESCAPED = re.compile(r"(?<!\\)[%&#_$]")


def lint(bib: str) -> list[str]:
    """The reference's escaping lint: unescaped ``% & # _ $`` or unbalanced braces in a
    non-verbatim field; keys equal ignoring case; blocks that do not parse."""
    problems: list[str] = []
    keys = keys_of(bib)
    folded = [k.casefold() for k in keys]
    problems += [f"duplicate key {k}" for i, k in enumerate(keys) if k.casefold()
                 in folded[:i]]
    library = bibtexparser.parse_string(bib)
    problems += [f"unparsable block: {type(b).__name__}" for b in library.failed_blocks]
    for entry in library.entries:
        for field in entry.fields:
            if field.key.lower() in VERBATIM:
                continue
            value = str(field.value)
            if _UNESCAPED.search(value):
                problems.append(f"{entry.key}.{field.key}: unescaped special")
            depth = 0
            for ch in value:
                depth += {"{": 1, "}": -1}.get(ch, 0)
                if depth < 0:
                    break
            if depth != 0:
                problems.append(f"{entry.key}.{field.key}: unbalanced braces")
    return problems
