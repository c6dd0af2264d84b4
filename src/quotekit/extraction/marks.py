"""Quotation marks: one regex pass finds them, a stack pairs them per paragraph.

Pairing is typed (a double closes a double, a single a single), apostrophes are told
apart from single quotes by their neighbours, and a quote left open at the end of a
paragraph is closed there and flagged ``unclosed`` (or ``continued`` when the next
paragraph opens with the same mark, the convention for multi-paragraph quotes).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

OPENERS = frozenset("“„‟«‘‚‹")
CLOSERS = frozenset("”»’›")
DOUBLE = frozenset("\"“”„‟«»")
_ELISION = regex.compile(
    r"(?i)(?:em|tis|twas|twere|twill|cause|til|till|bout|n|nuff|ere|ow|e|er|im|is|un|ud|"
    r"d|s|t|ll|re|ve|m|\d\d?s?)\b"
)
_OPEN_BEFORE = frozenset(" \t\n([{—–-/“‘\"'")
_CLOSE_AFTER = frozenset(" \t\n.,;:!?)]}—–-…”’\"'")


@dataclass(slots=True)
class Span:
    """A quoted span: content ``start``..``end`` and the marks around it."""

    start: int
    end: int
    double: bool
    unclosed: bool = False
    continued: bool = False
    open_mark: int = -1
    close_mark: int = -1


def _is_open(text: str, i: int, ch: str) -> bool | None:
    """True: opening mark, False: closing mark, None: can't tell from the neighbours."""
    if ch in OPENERS:
        return True
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    opens = before in _OPEN_BEFORE and after not in " \t\n"
    closes = before not in " \t\n" and after in _CLOSE_AFTER
    if ch in CLOSERS and not opens:
        return False
    if opens and not closes:
        return True
    if closes and not opens:
        return False
    return None


def pair_marks(text: str, start: int, end: int, marks: list[int],
               next_opens: bool) -> list[Span]:
    """Pair the marks at offsets ``marks`` inside the paragraph ``start``..``end``.

    Returns top-level spans (nested quotes stay inside their outer span's text).
    ``next_opens``: the next paragraph starts with an opening double mark.
    """
    stack: list[tuple[int, bool]] = []  # (offset, is_double)
    doubles = 0  # open doubles on the stack (kept, not counted: marks can be many)
    spans: list[Span] = []
    for i in marks:
        ch = text[i]
        double = ch in DOUBLE
        direction = _is_open(text, i, ch)
        if double:
            has_open = doubles > 0
            if direction is None:
                # Ambiguous: close an open double (straight marks rarely nest).
                direction = not has_open
            if direction is False and not has_open:
                continue  # a stray closing mark: nothing to close
            if direction:
                stack.append((i, True))
                doubles += 1
                continue
            while stack and not stack[-1][1]:
                stack.pop()  # unclosed singles inside this double
            o, _ = stack.pop()
            doubles -= 1
            if not stack:
                spans.append(Span(o + 1, i, True, open_mark=o, close_mark=i))
            continue
        # single marks
        if direction is None:
            direction = not (stack and not stack[-1][1])
        if direction:
            if ch in "'’" and _ELISION.match(text, i + 1):
                continue  # 'em, 'tis, '90s
            stack.append((i, False))
            continue
        if not stack or stack[-1][1]:
            continue  # an apostrophe (students') or a stray close
        o, _ = stack.pop()
        if not stack:
            spans.append(Span(o + 1, i, False, open_mark=o, close_mark=i))
    # Whatever is still open: the outermost double runs to the paragraph end.
    for o, double in stack:
        if double:
            stop = end
            while stop > o + 1 and text[stop - 1] in " \t\n":
                stop -= 1
            spans.append(Span(o + 1, stop, True, unclosed=not next_opens,
                              continued=next_opens, open_mark=o))
            break
    spans.sort(key=lambda s: s.start)
    return spans
