"""Helpers for the hostile-input tests: pages and timing against lxml. The guard against file
and network access is ``benchmarks/guard.py``, shared with the fuzzing harness."""

from __future__ import annotations

import time
from contextlib import suppress
from pathlib import Path

from lxml import etree

import boilerstrip
from benchmarks.shapes import PROSE  # the sentence the generated pages are made of
from boilerstrip.pipeline import walk
from boilerstrip.pipeline.walk import Implementation

__all__ = ["PROSE", "article_page", "budget", "clock", "lxml_seconds", "timed_extraction"]


#: The promise: an extraction takes at most this many times an lxml parse of the same bytes...
LXML_FACTOR = 10.0
#: ...plus this many seconds.
SLACK_SECONDS = 0.5
#: Both sides of the comparison are timed in CPU seconds of this process: the budget is about
#: the work an extraction does, and on a busy machine another process's work (the wall clock
#: counts it) must not read as our slowness. A page that makes us spin still spins on the CPU.
clock = time.process_time


def article_page(paragraphs: int, head: str = "") -> str:
    body = "".join(f"<p>{PROSE}Paragraph {i}.</p>" for i in range(paragraphs))
    return (
        f"<html><head>{head}<title>Library opens</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Library opens</h1>{body}</article></body></html>"
    )


def lxml_seconds(data: bytes) -> float:
    """CPU seconds lxml takes to parse ``data`` with a default HTML parser (best of two when
    quick, so that one hiccup does not shrink the budget)."""
    best = float("inf")
    for _ in range(2):
        start = clock()
        with suppress(etree.LxmlError):
            etree.fromstring(data, etree.HTMLParser())
        elapsed = clock() - start
        best = min(best, elapsed)
        if elapsed > 1.0:
            break
    return best


def budget(lxml: float) -> float:
    return LXML_FACTOR * lxml + SLACK_SECONDS


def timed_extraction(
    path: str, url: str | None, implementation: Implementation
) -> tuple[float, str | None]:
    """Seconds to extract the page at ``path`` with the segment walk ``implementation``, and
    what went wrong (``None``: nothing). A top-level function, so that worker processes can run
    it; the walk is set here, as a worker started by "spawn" or "forkserver" (Python 3.14's
    default on Linux) does not inherit the test's choice."""
    walk.IMPLEMENTATION = implementation
    data = Path(path).read_bytes()
    start = clock()
    try:
        art = boilerstrip.extract(data, url)
    except Exception as exc:  # the test reports it, with the page
        return clock() - start, f"raised {exc!r}"
    elapsed = clock() - start
    # A real page cut by the element limit means the default is too low.
    failed = [w for w in art.warnings if w.startswith("extraction failed") or "max_elements" in w]
    return elapsed, failed[0] if failed else None
