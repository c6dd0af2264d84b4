"""Personal and corporate names as CSL name objects, and as BibTeX name strings.

A display name (``Zoë van der Berg``, ``Millidge, Beren``, ``World Health Organization``)
becomes a CSL name object: ``family``/``given`` with Dutch/French/German particles in
``non-dropping-particle`` (CSL's convention, so APA prints "van der Berg, Z."), a
``suffix`` for ``Jr.``/``III``, and ``literal`` for organisations. BibTeX gets
``von Last, First`` (never biblatex's extended name format, which pybtex rejects),
compound family names and organisations in an extra pair of braces.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import regex

#: Lower-case name particles (``van der Berg``, ``de la Cruz``, ``von Neumann``).
_PARTICLES = "van von der den de del della di da dos das du la le ten ter zu zum bin ibn al el"
PARTICLES = frozenset(_PARTICLES.split())
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "phd", "md"})
#: Words that make a name an organisation rather than a person.
_CORPORATE = """inc inc. llc ltd ltd. corp corp. corporation company co. gmbh ag plc group
    organization organisation association institute institution university college
    foundation society council committee agency department ministry office bureau
    team lab labs laboratory podcast podcasting media news network press studios
    studio channel radio tv times journal magazine blog club union party"""
CORPORATE_WORDS = frozenset(_CORPORATE.split())

_WORD = regex.compile(r"\S+")


def is_corporate(name: str) -> bool:
    """Whether ``name`` names an organisation (``Example & Sons``, ``OpenAI Team``)."""
    words = [str(w).casefold() for w in _WORD.findall(name)]
    if not words or "&" in words or " and " in f" {name.casefold()} ":
        return bool(words)
    if any(w in CORPORATE_WORDS for w in words):
        return True
    significant = [w for w in words if w not in PARTICLES]
    return len(significant) > 4 or any(ch.isdigit() for ch in name)


def split_name(name: str) -> dict[str, str]:
    """A person's or an organisation's name as a CSL name object (a fresh dict)."""
    return dict(_split_name(name))


@lru_cache(maxsize=16384)
def _split_name(name: str) -> tuple[tuple[str, str], ...]:
    return tuple(_split(name).items())


def _split(name: str) -> dict[str, str]:
    """A CSL name object for a display name; ``{}`` for an empty name."""
    name = " ".join(name.split())
    if not name:
        return {}
    if is_corporate(name):
        return {"literal": name}
    if "," in name:
        family_part, _, rest = name.partition(",")
        given_part = rest.strip()
        suffix = ""
        if "," in given_part:
            given_part, _, suffix = (p.strip() for p in given_part.partition(","))
        out = _family(family_part.strip().split())
        if not out["family"]:
            return {"literal": name}
        if given_part:
            out["given"] = given_part
        if suffix:
            out["suffix"] = suffix
        return out
    words = name.split()
    suffix = ""
    if len(words) > 2 and words[-1].casefold().rstrip(",") in SUFFIXES:
        suffix = words.pop().rstrip(",")
        words[-1] = words[-1].rstrip(",")
    if len(words) == 1:
        out = {"family": words[0]}
    else:
        # The family name starts at the first particle after the first word, else it
        # is the last word: "José de la Cruz Ñúñez" -> given "José", "de la" "Cruz Ñúñez".
        start = len(words) - 1
        for i in range(1, len(words) - 1):
            if words[i] in PARTICLES:
                start = i
                break
        out = _family(words[start:])
        out["given"] = " ".join(words[:start])
    if suffix:
        out["suffix"] = suffix
    return out


def _family(words: list[str]) -> dict[str, str]:
    particles: list[str] = []
    while len(words) > 1 and words[0] in PARTICLES:
        particles.append(words.pop(0))
    out = {"family": " ".join(words)}
    if particles:
        out["non-dropping-particle"] = " ".join(particles)
    return out


def display_name(csl: dict[str, str]) -> str:
    """``given particle family, suffix`` (or the literal) for a CSL name object."""
    if "literal" in csl:
        return csl["literal"]
    parts = [csl.get("given", ""), csl.get("non-dropping-particle", ""), csl.get("family", "")]
    text = " ".join(p for p in parts if p)
    return f"{text}, {csl['suffix']}" if csl.get("suffix") else text


def family_with_particle(csl: dict[str, str]) -> str:
    """The family name with its particles (``van der Berg``), or the literal."""
    if "literal" in csl:
        return csl["literal"]
    return " ".join(
        p for p in (csl.get("non-dropping-particle", ""), csl.get("family", "")) if p
    )


def bib_name(csl: dict[str, str], escape: Callable[[str], str]) -> str:
    """One BibTeX name: ``{Corporate}``, ``von {Compound Last}, Jr, First``.

    ``escape`` turns plain text into TeX for the file's flavour.
    """
    if "literal" in csl:
        return "{" + escape(csl["literal"]) + "}"
    family_text = csl.get("family", "")
    particle = csl.get("non-dropping-particle", "")
    if particle and not particle[0].islower():
        # BibTeX only sees lower-case words as "von"; keep the rest in the family name.
        family_text, particle = f"{particle} {family_text}", ""
    family = escape(family_text)
    if " " in family_text or "," in family_text:
        family = "{" + family + "}"
    last = f"{escape(particle)} {family}" if particle else family
    parts = [last]
    if csl.get("suffix"):
        parts.append(escape(csl["suffix"]))
    if csl.get("given"):
        parts.append(escape(csl["given"]))
    elif csl.get("suffix"):
        parts.append("")
    return ", ".join(parts) if len(parts) > 1 else last
