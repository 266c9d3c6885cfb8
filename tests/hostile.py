"""Helpers for the hostile-input tests: pages and timing against lxml. The budget and the
element-count shapes live in ``benchmarks/shapes.py`` (``--budget`` times them); the guard
against file and network access is ``benchmarks/guard.py``, shared with the fuzzing harness."""

from __future__ import annotations

from pathlib import Path

import boilerstrip
from benchmarks.shapes import PROSE, budget, clock, lxml_seconds
from boilerstrip.pipeline import walk
from boilerstrip.pipeline.walk import Implementation

__all__ = ["PROSE", "article_page", "budget", "clock", "lxml_seconds", "timed_extraction"]


def article_page(paragraphs: int, head: str = "") -> str:
    body = "".join(f"<p>{PROSE}Paragraph {i}.</p>" for i in range(paragraphs))
    return (
        f"<html><head>{head}<title>Library opens</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Library opens</h1>{body}</article></body></html>"
    )


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
