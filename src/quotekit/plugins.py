"""The plugin manager: built-in plugins, entry points, and the registries they fill.

Nothing here runs at import time. :func:`load_plugins` is idempotent; the first call to
:func:`get_readers` or :func:`get_exporters` loads plugins on demand.

Environment (read when :func:`load_plugins` runs):

* ``QUOTEKIT_LOAD_PLUGINS`` — comma-separated allow-list of third-party plugin
  distributions or entry-point names to load; set but empty loads none.
* ``QUOTEKIT_DISABLE_PLUGINS`` — comma-separated block list (distributions, entry-point
  names, or built-in module names such as ``quotekit.exporters.bibtex``).
* ``QUOTEKIT_DEBUG=1`` — re-raise a plugin's error instead of warning.

A plugin that fails to import, to register or to validate is reported with one line on
stderr naming it and how to disable it, listed by ``quotekit plugins``, and skipped.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from collections.abc import Callable
from importlib import metadata
from typing import Any, TypeVar

import pluggy

from . import hookspecs
from .errors import PluginError
from .registry import Exporter, Reader

ENTRY_POINT_GROUP = "quotekit"
#: Subpackages whose modules are built-in plugins, registered like third-party ones.
BUILTIN_PACKAGES = ("quotekit.readers", "quotekit.exporters")

pm = pluggy.PluginManager("quotekit")
pm.add_hookspecs(hookspecs)

_loaded = False
_readers: dict[str, tuple[Reader, str]] | None = None
_exporters: dict[str, tuple[Exporter, str]] | None = None
#: Plugins that failed: name -> one-line reason.
failed: dict[str, str] = {}
#: Entry-point name -> distribution name, for the plugins loaded from entry points.
_distributions: dict[str, str] = {}


def _names(var: str) -> set[str] | None:
    value = os.environ.get(var)
    if value is None:
        return None
    return {n.strip() for n in value.split(",") if n.strip()}


def _debug() -> bool:
    return os.environ.get("QUOTEKIT_DEBUG", "") not in ("", "0")


def builtin_modules() -> list[str]:
    """The dotted names of the built-in plugin modules."""
    names: list[str] = []
    for package in BUILTIN_PACKAGES:
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            if not info.name.startswith("_"):
                names.append(f"{package}.{info.name}")
    return sorted(names)


def _warn(name: str, exc: BaseException, what: str = "failed to load") -> None:
    """One line on stderr naming the plugin and how to disable it."""
    reason = (f"{type(exc).__name__}: {exc}".splitlines() or [type(exc).__name__])[0]
    failed[name] = reason
    print(f"Warning: plugin {name!r} {what} ({reason}); "
          f"disable it with QUOTEKIT_DISABLE_PLUGINS={name}", file=sys.stderr)


def _check_pending() -> None:
    """``pm.check_pending()``, unregistering (and reporting) each plugin it rejects."""
    while True:
        try:
            pm.check_pending()
            return
        except pluggy.PluginValidationError as exc:
            if _debug():
                raise
            name = pm.get_name(exc.plugin) or repr(exc.plugin)
            pm.unregister(exc.plugin)
            _warn(_distributions.get(name, name), exc, "is invalid")


def load_plugins() -> None:
    """Register the built-in plugins and the installed entry points, once."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    allow = _names("QUOTEKIT_LOAD_PLUGINS")
    block = _names("QUOTEKIT_DISABLE_PLUGINS") or set()
    for dotted in builtin_modules():
        if dotted not in block and pm.get_plugin(dotted) is None:
            pm.register(importlib.import_module(dotted), name=dotted)
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist.name if ep.dist is not None else ep.name
        keys = {ep.name, dist}
        if keys & block or (allow is not None and not keys & allow):
            continue
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        _distributions[ep.name] = dist
        try:
            pm.register(ep.load(), name=ep.name)
        except Exception as exc:
            if _debug():
                raise
            _warn(dist, exc)
    _check_pending()


def plugin_distribution(name: str) -> tuple[str, str | None]:
    """(distribution name, version) of a registered plugin, built-ins as ``quotekit``."""
    if name.startswith("quotekit."):
        return "quotekit", _version("quotekit")
    dist = _distributions.get(name)
    if dist is None:
        return name, None
    return dist, _version(dist)


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


T = TypeVar("T", Reader, Exporter)


def _collect(hook_name: str, kind: type[T]) -> dict[str, tuple[T, str]]:
    """Call one registration hook on every plugin; a duplicate name is an error."""
    load_plugins()
    found: dict[str, tuple[T, str]] = {}
    caller = getattr(pm.hook, hook_name)
    # Call built-ins first so they win sniffing ties; pluggy lists impls LIFO.
    for impl in reversed(caller.get_hookimpls()):
        owner: str = impl.plugin_name

        def register(item: T, _owner: str = owner) -> None:
            if not isinstance(item, kind):
                raise PluginError(
                    f"plugin {_owner!r} registered {item!r}; expected a {kind.__name__}")
            if item.name in found:
                other = found[item.name][1]
                raise PluginError(
                    f"{kind.__name__.lower()} name {item.name!r} is registered by both "
                    f"{other!r} and {_owner!r}; disable one with QUOTEKIT_DISABLE_PLUGINS")
            found[item.name] = (item, _owner)

        try:
            impl.function(register=register)
        except PluginError:
            raise
        except Exception as exc:
            if _debug():
                raise
            _warn(_distributions.get(owner, owner), exc, f"failed in {hook_name}")
    return found


def get_readers() -> dict[str, Reader]:
    """All registered readers by name, in registration order."""
    global _readers
    if _readers is None:
        _readers = _collect("register_readers", Reader)
    return {name: item for name, (item, _) in _readers.items()}


def get_exporters() -> dict[str, Exporter]:
    """All registered exporters by name, in registration order."""
    global _exporters
    if _exporters is None:
        _exporters = _collect("register_exporters", Exporter)
    return {name: item for name, (item, _) in _exporters.items()}


def providers() -> dict[str, list[str]]:
    """Plugin name -> what it registered (``reader:NAME``, ``exporter:NAME``)."""
    get_readers()
    get_exporters()
    out: dict[str, list[str]] = {}
    for label, table in (("reader", _readers), ("exporter", _exporters)):
        for name, (_, owner) in (table or {}).items():
            out.setdefault(owner, []).append(f"{label}:{name}")
    return out


def reset() -> None:
    """Forget registrations (for tests that add or remove plugins)."""
    global _readers, _exporters
    _readers = None
    _exporters = None


def register_plugin(plugin: object, name: str) -> Callable[[], None]:
    """Register ``plugin`` now; returns a function that unregisters it."""
    load_plugins()
    pm.register(plugin, name=name)
    reset()

    def undo() -> None:
        pm.unregister(name=name)
        failed.pop(name, None)
        reset()

    return undo


def hook_names(plugin: Any) -> list[str]:
    """The hooks a registered plugin implements."""
    return sorted(h.name for h in pm.get_hookcallers(plugin) or [])
