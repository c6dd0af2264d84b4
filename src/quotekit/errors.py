"""Exceptions. The CLI turns every :class:`QuotekitError` into one ``Error: ...`` line."""

from __future__ import annotations


class QuotekitError(Exception):
    """Base class for errors a user can act on; the message says what to do."""

    exit_code = 1


class UsageError(QuotekitError):
    """The command was called wrongly (exit code 2)."""

    exit_code = 2


class ReadError(QuotekitError):
    """A file could not be read or decoded; the message names the file and the place."""


class PluginError(QuotekitError):
    """A plugin is broken or clashes with another."""


class ExportError(QuotekitError):
    """An exporter could not write its output."""
