"""Canonical speaker names: aliases file, vault People notes, the document itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a surface name resolved: ``name`` (canonical), ``rule``, ``score`` (0..1)."""

    name: str
    rule: str
    score: float


class SpeakerIndex:
    """Known people: canonical name -> aliases, from the user or the vault."""

    def __init__(self, people: Mapping[str, Iterable[str]] | None = None) -> None:
        self._people: dict[str, set[str]] = {}
        for canonical, aliases in (people or {}).items():
            self.add(canonical, aliases)

    def add(self, canonical: str, aliases: Iterable[str] = (), origin: str = "user") -> None:
        """Add a person (or more aliases for one already known); ``origin`` says where
        the name came from (``aliases``, ``vault``, ``user``)."""
        self._people.setdefault(canonical, set()).update(a for a in aliases if a)

    @property
    def people(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in self._people.items()}
