"""An audit-hook guard that records any file open, network use or subprocess started from
Python while a block runs: extraction must never reach outside the process (issue 7).

Shared by the hostile-input tests (``tests/test_hostile.py``) and the fuzzing harness
(``benchmarks/fuzz.py``)::

    with outside_world_watched() as touched:
        boilerstrip.extract(html)
    assert not touched, touched
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["outside_world_watched"]

#: Where module files live: the Python installation, and boilerstrip's own package folder (an
#: editable install keeps it in the work tree, and extraction imports some of its modules lazily).
_MODULE_DIRS = tuple(
    {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix)}
    | {os.path.realpath(os.path.join(os.path.dirname(__file__), "..", "boilerstrip"))}
)
_OUTSIDE_EVENTS = frozenset(
    {
        "open",
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "urllib.Request",
        "subprocess.Popen",
        "os.system",
    }
)


def _is_import(path: object) -> bool:
    """A module file opened by the import system (a codec imported on first use)."""
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str):
        return False
    real = os.path.realpath(path)
    return real.endswith((".py", ".pyc", ".so")) and real.startswith(_MODULE_DIRS)


class _Guard:
    def __init__(self) -> None:
        self.local = threading.local()
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple[object, ...]) -> None:
        seen: list[str] | None = getattr(self.local, "seen", None)
        if seen is None or event not in _OUTSIDE_EVENTS:
            return
        if event == "open" and args and _is_import(args[0]):
            return
        seen.append(f"{event}: {args!r:.200}")


_GUARD: _Guard | None = None


@contextmanager
def outside_world_watched() -> Iterator[list[str]]:
    """Record (into the yielded list) every file open, socket use or subprocess started from
    Python in this thread while the block runs. Audit hooks cannot be removed, so one hook,
    armed per thread, serves every caller."""
    global _GUARD
    if _GUARD is None:
        _GUARD = _Guard()
    seen: list[str] = []
    _GUARD.local.seen = seen
    try:
        yield seen
    finally:
        _GUARD.local.seen = None
