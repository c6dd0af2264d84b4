"""A fixed, round-tripping YAML style for properties, and minimal edits of frontmatter.

quotekit writes properties in one style so that the same values always give the same
bytes (idempotent syncs): block lists (``  - item``), plain scalars where YAML reads them
back unchanged and nothing in them could confuse Obsidian, double quotes otherwise,
ISO dates plain (Obsidian's Date type). Only top-level keys are ever edited, and an edit
replaces the lines of that key alone, leaving every other byte as the user left it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import regex
import yaml

from ..errors import QuotekitError

_DATE = regex.compile(r"^\d{4}-\d{2}-\d{2}$")
# Characters after which a plain scalar could change meaning in YAML or in Obsidian.
_RISKY = frozenset(":#[]{},&*!|>'\"%@`\\")
# Characters YAML wants escaped inside double quotes (JSON leaves them raw).
_YAML_ESCAPE = regex.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\p{Cs}]")
#: libyaml's loader when PyYAML was built with it (10x faster), else the Python one.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KEY_LINE = regex.compile(r"^([^\s#'\"\-?:][^:]*?|'[^']*'|\"[^\"]*\"):(?:\s|$)")


class FrontmatterError(QuotekitError):
    """A note's frontmatter is not YAML that quotekit can edit safely."""


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar on one line."""
    out = json.dumps(text, ensure_ascii=False)
    return str(_YAML_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", out))


def scalar(value: Any, *, date: bool = False) -> str:
    """One value in quotekit's style (``date=True`` lets an ISO date stay plain)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if date and _DATE.match(text):
        return text
    if _plain_ok(text):
        return text
    return quoted(text)


@lru_cache(maxsize=4096)
def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or any(c in _RISKY for c in text):
        return False
    if not text.isprintable() or text[0] in "-?~=":
        return False
    try:
        return bool(yaml.load(text, Loader=Loader) == text)
    except yaml.YAMLError:
        return False


def dump_item(key: str, value: Any) -> list[str]:
    """The lines (without newlines) for one top-level key."""
    if isinstance(value, (list, tuple)):
        if not value:
            return [f"{key}: []"]
        return [f"{key}:"] + [f"  - {scalar(v)}" for v in value]
    if value is None:
        return [f"{key}:"]
    return [f"{key}: {scalar(value, date=key == 'date')}"]


def dump(properties: Mapping[str, Any]) -> list[str]:
    """All properties as lines, in the mapping's order."""
    lines: list[str] = []
    for key, value in properties.items():
        lines.extend(dump_item(key, value))
    return lines


def load(text: str) -> dict[str, Any]:
    """Parse frontmatter text (between the fences); raise :class:`FrontmatterError`."""
    try:
        data = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise FrontmatterError(f"frontmatter is not valid YAML{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontmatterError("frontmatter is not a mapping of properties")
    return {str(k): v for k, v in data.items()}


def key_spans(lines: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Top-level key -> (first line, end line) in frontmatter ``lines`` (no fences).

    A key's lines are its own line plus the indented or ``- `` lines that follow it
    (comments and blank lines directly after belong to the next key or the end).
    """
    spans: dict[str, tuple[int, int]] = {}
    current: str | None = None
    start = 0
    last = 0
    for i, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        m = _KEY_LINE.match(line)
        if m:
            if current is not None:
                spans[current] = (start, last + 1)
            current = m.group(1).strip("'\"")
            start = last = i
        elif current is not None and line[:1] in (" ", "\t", "-") and line.strip():
            last = i
    if current is not None:
        spans[current] = (start, last + 1)
    return spans
