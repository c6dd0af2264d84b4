"""The plugin manager: built-in plugins, entry points, and the registries they fill.

Nothing here runs at import time. :func:`load_plugins` is idempotent; the first call to
:func:`get_readers` or :func:`get_exporters` loads plugins on demand.

Environment:

* ``QUOTEKIT_LOAD_PLUGINS`` — comma-separated allow-list of third-party plugin
  distributions or entry-point names to load; set but empty loads none.
* ``QUOTEKIT_DISABLE_PLUGINS`` — comma-separated block list.
* ``QUOTEKIT_DEBUG=1`` — re-raise a plugin's import error instead of warning.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from collections.abc import Callable
from importlib import metadata
from types import ModuleType
from typing import TypeVar

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
#: Plugins that failed to load: name -> one-line reason.
failed: dict[str, str] = {}


def _names(var: str) -> set[str] | None:
    value = os.environ.get(var)
    if value is None:
        return None
    return {n.strip() for n in value.split(",") if n.strip()}


def builtin_modules() -> list[str]:
    """The dotted names of the built-in plugin modules."""
    names: list[str] = []
    for package in BUILTIN_PACKAGES:
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            if not info.name.startswith("_"):
                names.append(f"{package}.{info.name}")
    return sorted(names)


def _warn(name: str, exc: BaseException) -> None:
    reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
    failed[name] = reason
    print(
        f"Warning: plugin {name!r} failed to load ({reason}); "
        f"disable it with QUOTEKIT_DISABLE_PLUGINS={name}",
        file=sys.stderr,
    )


def load_plugins() -> None:
    """Register the built-in plugins and the installed entry points, once."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for dotted in builtin_modules():
        module: ModuleType = importlib.import_module(dotted)
        if pm.get_plugin(dotted) is None:
            pm.register(module, name=dotted)
    allow = _names("QUOTEKIT_LOAD_PLUGINS")
    block = _names("QUOTEKIT_DISABLE_PLUGINS") or set()
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist.name if ep.dist is not None else ep.name
        keys = {ep.name, dist}
        if keys & block or (allow is not None and not keys & allow):
            continue
        if pm.get_plugin(ep.name) is not None:
            continue
        try:
            plugin = ep.load()
            pm.register(plugin, name=ep.name)
        except Exception as exc:
            if os.environ.get("QUOTEKIT_DEBUG") == "1":
                raise
            _warn(dist, exc)
    pm.check_pending()


def plugin_distribution(name: str) -> tuple[str, str | None]:
    """(distribution name, version) of a registered plugin, built-ins as ``quotekit``."""
    if name.startswith("quotekit."):
        return "quotekit", _version("quotekit")
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name and ep.dist is not None:
            return ep.dist.name, ep.dist.version
    return name, None


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


T = TypeVar("T", Reader, Exporter)


def _collect(hook_name: str, kind: type[T]) -> dict[str, tuple[T, str]]:
    load_plugins()
    found: dict[str, tuple[T, str]] = {}
    caller = getattr(pm.hook, hook_name)
    # Call built-ins first so they win sniffing ties; pluggy lists impls LIFO.
    for impl in reversed(caller.get_hookimpls()):
        owner = impl.plugin_name

        def register(item: T, _owner: str = owner) -> None:
            if not isinstance(item, kind):
                raise PluginError(
                    f"plugin {_owner!r} registered {item!r}; expected a {kind.__name__}"
                )
            if item.name in found:
                other = found[item.name][1]
                raise PluginError(
                    f"{kind.__name__.lower()} name {item.name!r} is registered by both "
                    f"{other!r} and {_owner!r}; disable one with QUOTEKIT_DISABLE_PLUGINS"
                )
            found[item.name] = (item, _owner)

        impl.function(register=register)
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
    """Plugin name -> the readers and exporters it registered (``reader:NAME``...)."""
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
        reset()

    return undo
