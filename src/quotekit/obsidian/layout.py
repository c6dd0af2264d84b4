"""Whole notes: frontmatter plus a body from the default layout or a user template.

A user template (Jinja2, installed with the ``templates`` extra) renders the body only;
quotekit always writes the frontmatter, so that ``sync`` can find and merge the note.
A template must output ``{{ q.block }}`` for each quote ``q`` (the callout and its block
id), or ``sync`` cannot track that quote. Context: ``title``, ``source`` (the
:class:`~quotekit.model.Source`), ``properties``, ``quotes`` (dicts: ``id``, ``text``,
``escaped``, ``speaker``, ``speaker_link``, ``clock``, ``moment_url``, ``block``), and,
in the per-quote layout, ``quote`` (the one quote).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..links import clock, moment_url
from ..model import Extraction, Quote, Source
from . import render, yamlio

Template = Callable[[Mapping[str, Any]], str]


def load_template(path: Path) -> Template:
    """Compile a Jinja2 template file; :class:`UsageError` when it cannot be used."""
    try:
        import jinja2
        from jinja2.sandbox import SandboxedEnvironment
    except ImportError:
        raise UsageError("--template needs Jinja2: pip install 'quotekit[templates]'") from None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read template ({exc})") from None
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                               autoescape=False)
    try:
        template = env.from_string(text)
    except jinja2.TemplateSyntaxError as exc:
        raise UsageError(f"{path}: template error at line {exc.lineno}: {exc.message}"
                         ) from None

    def run(context: Mapping[str, Any]) -> str:
        try:
            return template.render(**context)
        except jinja2.TemplateError as exc:
            raise UsageError(f"{path}: template error: {exc}") from None

    return run


def compose(properties: Mapping[str, object], body: Sequence[str] | str) -> str:
    """A note's text: ``---`` fences around the properties, then the body."""
    text = body if isinstance(body, str) else "\n".join(body) + "\n"
    return "---\n" + "\n".join(yamlio.dump(properties)) + "\n---\n" + text


def _quote_context(q: Quote, source: Source, block: render.QuoteBlock,
                   people: render.People) -> dict[str, Any]:
    return {"id": block.id, "text": q.text, "escaped": render.escape(q.text),
            "speaker": q.speaker, "speaker_link": people.link(q.speaker),
            "clock": clock(q.start_s), "moment_url": moment_url(source.url, q.start_s),
            "block": "\n".join(block.lines), "callout": "\n".join(block.callout)}


def source_note(ex: Extraction, quotes: Sequence[Quote], people: render.People,
                template: Template | None = None) -> tuple[str, list[render.QuoteBlock]]:
    """The per-source note for ``quotes`` of ``ex`` (already filtered), and its blocks."""
    blocks = [render.quote_block(q, ex.source, people) for q in quotes]
    props = render.source_properties(ex, people, blocks)
    if template is None:
        return compose(props, render.source_body(ex, blocks)), blocks
    context = {"title": render.source_title(ex.source), "source": ex.source,
               "properties": props,
               "quotes": [_quote_context(q, ex.source, b, people)
                          for q, b in zip(quotes, blocks, strict=True)]}
    return compose(props, template(context)), blocks


def quote_note(q: Quote, source: Source, people: render.People,
               template: Template | None = None) -> tuple[str, render.QuoteBlock]:
    """The per-quote note for ``q`` and its block."""
    block = render.quote_block(q, source, people)
    props = render.quote_properties(q, source, people, block)
    if template is None:
        return compose(props, render.quote_body(source, block)), block
    qc = _quote_context(q, source, block, people)
    context = {"title": props["title"], "source": source, "properties": props,
               "quote": qc, "quotes": [qc]}
    return compose(props, template(context)), block
