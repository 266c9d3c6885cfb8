"""Helpers for the hostile-input tests: timing against lxml, and a guard that fails any file
open or network use from Python while an extraction runs."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from lxml import etree

import boilerstrip

PROSE = (
    "The committee met on Tuesday to review the budget, and its members agreed, after a long"
    " debate, that the new library would open in the spring. "
)

#: The promise: an extraction takes at most this many times an lxml parse of the same bytes...
LXML_FACTOR = 10.0
#: ...plus this many seconds.
SLACK_SECONDS = 0.5


def article_page(paragraphs: int, head: str = "") -> str:
    body = "".join(f"<p>{PROSE}Paragraph {i}.</p>" for i in range(paragraphs))
    return (
        f"<html><head>{head}<title>Library opens</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Library opens</h1>{body}</article></body></html>"
    )


def lxml_seconds(data: bytes) -> float:
    """Seconds lxml takes to parse ``data`` with a default HTML parser (best of two when
    quick, so that one hiccup does not shrink the budget)."""
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        with suppress(etree.LxmlError):
            etree.fromstring(data, etree.HTMLParser())
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        if elapsed > 1.0:
            break
    return best


def budget(lxml: float) -> float:
    return LXML_FACTOR * lxml + SLACK_SECONDS


_PYTHON_DIRS = tuple({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix)})
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
    return real.endswith((".py", ".pyc", ".so")) and real.startswith(_PYTHON_DIRS)


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
    armed per thread, serves every test."""
    global _GUARD
    if _GUARD is None:
        _GUARD = _Guard()
    seen: list[str] = []
    _GUARD.local.seen = seen
    try:
        yield seen
    finally:
        _GUARD.local.seen = None


def timed_extraction(path: str, url: str | None) -> tuple[float, str | None]:
    """Seconds to extract the page at ``path``, and what went wrong (``None``: nothing). A
    top-level function, so that worker processes can run it."""
    data = Path(path).read_bytes()
    start = time.perf_counter()
    try:
        art = boilerstrip.extract(data, url)
    except Exception as exc:  # the test reports it, with the page
        return time.perf_counter() - start, f"raised {exc!r}"
    elapsed = time.perf_counter() - start
    failed = [w for w in art.warnings if w.startswith("extraction failed")]
    return elapsed, failed[0] if failed else None
