"""quotekit: find attributed quotations, normalize their speakers, export them.

Public API::

    import quotekit
    doc = quotekit.read("talk.vtt")
    for q in quotekit.extract(doc):
        print(q.speaker, q.text)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ExportError, PluginError, QuotekitError, ReadError, UsageError
from .model import FORMAT_VERSION, Document, Extraction, Quote, Segment, Source, Work
from .registry import Exporter, ExportOptions, Reader, ReadOptions

if TYPE_CHECKING:
    from .cleaning import normalize
    from .extraction.speakers import SpeakerIndex
    from .hookspecs import hookimpl

#: Public names imported on first use, so ``import quotekit`` (and ``quotekit --version``)
#: loads neither pluggy nor regex: name -> (module, attribute).
_LAZY = {
    "SpeakerIndex": ("quotekit.extraction.speakers", "SpeakerIndex"),
    "hookimpl": ("quotekit.hookspecs", "hookimpl"),
    "normalize": ("quotekit.cleaning", "normalize"),
}

__version__ = "0.1.0"

__all__ = [
    "FORMAT_VERSION",
    "Document",
    "ExportError",
    "ExportOptions",
    "Exporter",
    "Extraction",
    "PluginError",
    "Quote",
    "QuotekitError",
    "ReadError",
    "ReadOptions",
    "Reader",
    "Segment",
    "Source",
    "SpeakerIndex",
    "UsageError",
    "Work",
    "__version__",
    "extract",
    "get_exporters",
    "get_readers",
    "hookimpl",
    "load_plugins",
    "normalize",
    "read",
    "read_text",
]


def extract(
    text_or_document: str | Document, *, speakers: SpeakerIndex | None = None
) -> list[Quote]:
    """Find the attributed quotations in a string or a :class:`Document`.

    A string is read exactly as the plain-text reader reads a file (front matter,
    page chrome, speaker labels, noise), so the API and the CLI agree.
    """
    from .extraction.pipeline import extract_document
    from .reading import read_text as _read_text

    if isinstance(text_or_document, str):
        document = _read_text(text_or_document, "<string>", reader="text")
    else:
        document = text_or_document
    return extract_document(document, speakers=speakers)


def read(path: Any, *, reader: str | None = None, options: ReadOptions | None = None) -> Document:
    """Read a file (``-`` for stdin) into a :class:`Document`, picking a reader by content."""
    from .reading import read as _read

    return _read(path, reader=reader, options=options)


def read_text(text: str, name: str = "<string>", *, reader: str | None = None) -> Document:
    """Read a string as if it were a file called ``name``."""
    from .reading import read_text as _read_text

    return _read_text(text, name, reader=reader)


def load_plugins() -> None:
    """Load built-in and installed plugins (idempotent)."""
    from .plugins import load_plugins as _load

    _load()


def get_exporters() -> dict[str, Exporter]:
    """Registered exporters by name."""
    from .plugins import get_exporters as _get

    return _get()


def get_readers() -> dict[str, Reader]:
    """Registered readers by name."""
    from .plugins import get_readers as _get

    return _get()


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'quotekit' has no attribute {name!r}")
