"""Run ``quotekit ARGS`` and SIGKILL it at the Nth call of an ``os`` function.

Test harness only (never imported by quotekit): ``python sync_child.py FUNC N WHEN ARGS``
with FUNC one of ``replace``, ``link``, ``write``, ``fsync``, WHEN ``before`` or
``after`` the call. The sync under test runs unchanged; only the ``os`` module it calls
is wrapped, so the process dies exactly between two system calls of a real run.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any


def main() -> None:
    func, nth, when = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    original = getattr(os, func)
    calls = 0

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == nth and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if calls == nth and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(os, func, wrapped)
    from quotekit.cli import main as quotekit

    quotekit(sys.argv[4:])


if __name__ == "__main__":
    main()
