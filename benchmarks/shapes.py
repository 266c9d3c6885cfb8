"""Stage times of ``boilerstrip.extract`` on generated text-heavy pages, where the per-block
Python dominates (pages of ``tests/test_hostile.py`` that break its time budget when read whole,
without ``max_elements``; the stages here read them whole)::

    python -m benchmarks.shapes                  # best of 3 rounds
    python -m benchmarks.shapes --rounds 5

Each page is built here (nothing stored): 20,000 short sibling paragraphs, a 5 MB page of long
paragraphs, and 20,000 paragraphs each followed by a pull quote. Every stage of ``extract`` is
timed alone (mirroring ``boilerstrip.api._run`` at its fullest detail), each stage's best over
the rounds, beside ``lxml.html.document_fromstring`` on the same bytes in the same round. The
sum is what ``extract`` costs without the cyclic garbage collector's share, which the pauses of
a real run add (the hostile-input tests time whole runs).
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Callable, Sequence

import lxml.html

#: The sentence of ordinary prose the hostile-input tests build their pages from.
PROSE = (
    "The committee met on Tuesday to review the budget, and its members agreed, after a long"
    " debate, that the new library would open in the spring. "
)
MB = 1 << 20


def paragraphs(n: int = 20_000) -> bytes:
    body = "".join(f"<p>{PROSE}Paragraph {i}.</p>\n" for i in range(n))
    return f"<html><body><article>{body}</article></body></html>".encode()


def big_page(size: int = 5 * MB) -> bytes:
    para = f"<p>{PROSE * 8}</p>\n".encode()
    return b"<html><body><article>" + para * (size // len(para)) + b"</article></body></html>"


def pull_quotes(n: int = 20_000) -> bytes:
    body = "".join(
        f"<p>{PROSE}{i}</p><blockquote>Quote number {i:08d} of the day, said one.</blockquote>"
        for i in range(n)
    )
    return f"<html><body><article>{body}</article></body></html>".encode()


SHAPES: dict[str, Callable[[], bytes]] = {
    "20,000 paragraphs": paragraphs,
    "5 MB page": big_page,
    "20,000 pull quotes": pull_quotes,
}
STAGES = (
    "decode + parse + clean",
    "head metadata",
    "segment",
    "features",
    "classify",
    "filters + fallback",
    "Block records",
    "metadata completion",
    "markup walk",
)


def stage_times(html: bytes) -> list[float]:
    """Seconds of each of :data:`STAGES` on ``html``, one run."""
    from boilerstrip.api import _blocks, _tree
    from boilerstrip.config import thresholds_for
    from boilerstrip.metadata import complete, read_head
    from boilerstrip.pipeline.classify import classify
    from boilerstrip.pipeline.fallback import headline_only
    from boilerstrip.pipeline.filters import apply_filters
    from boilerstrip.pipeline.markup import build_markup
    from boilerstrip.pipeline.page import Page
    from boilerstrip.pipeline.segment import segment

    marks = [time.perf_counter()]
    root, _ = _tree(html, None, None, [])
    marks.append(time.perf_counter())
    assert root is not None
    meta = read_head(root, None)
    marks.append(time.perf_counter())
    seg = segment(root)
    marks.append(time.perf_counter())
    page = Page.build(seg, thresholds_for("balanced"), meta.title)
    marks.append(time.perf_counter())
    page, labels = classify(page)
    marks.append(time.perf_counter())
    labels = headline_only(page, apply_filters(page, labels))
    marks.append(time.perf_counter())
    blocks = _blocks(page, labels)
    marks.append(time.perf_counter())
    complete(meta, blocks, None)
    marks.append(time.perf_counter())
    build_markup(root, seg, blocks)
    marks.append(time.perf_counter())
    return [b - a for a, b in itertools.pairwise(marks)]


def report(rounds: int) -> str:
    lines = [
        "| stage | " + " | ".join(f"{name}, ms" for name in SHAPES) + " |",
        "|---|" + "---:|" * len(SHAPES),
    ]
    columns: list[list[float]] = []
    parses: list[float] = []
    for make in SHAPES.values():
        html = make()
        best = [float("inf")] * len(STAGES)
        parse = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            lxml.html.document_fromstring(html)
            parse = min(parse, time.perf_counter() - start)
            best = [min(a, b) for a, b in zip(best, stage_times(html), strict=True)]
        columns.append(best)
        parses.append(parse)
    for i, stage in enumerate(STAGES):
        lines.append(f"| {stage} | " + " | ".join(f"{c[i] * 1000:.0f}" for c in columns) + " |")
    lines.append("| all stages | " + " | ".join(f"{sum(c) * 1000:.0f}" for c in columns) + " |")
    lines.append("| lxml parse | " + " | ".join(f"{p * 1000:.1f}" for p in parses) + " |")
    lines.append(
        "| all ÷ parse | "
        + " | ".join(f"{sum(c) / p:.1f}x" for c, p in zip(columns, parses, strict=True))
        + " |"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.shapes", description=__doc__)
    p.add_argument("--rounds", type=int, default=3, help="timed rounds; each stage's best kept")
    args = p.parse_args(argv)
    print(report(max(1, args.rounds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
