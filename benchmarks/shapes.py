"""Stage times of ``boilerstrip.extract`` on generated text-heavy pages, where the per-block
Python dominates (pages of ``tests/test_hostile.py`` that break its time budget when read whole,
without ``max_elements``; the stages here read them whole)::

    python -m benchmarks.shapes                  # best of 3 rounds
    python -m benchmarks.shapes --rounds 5
    python -m benchmarks.shapes --budget 50000   # the hostile-input budget at 50,000 elements

Each page is built here (nothing stored): 20,000 short sibling paragraphs, a 5 MB page of long
paragraphs, and 20,000 paragraphs each followed by a pull quote. Every stage of ``extract`` is
timed alone (mirroring ``boilerstrip.api._run`` at its fullest detail), each stage's best over
the rounds, beside ``lxml.html.document_fromstring`` on the same bytes in the same round. The
sum is what ``extract`` costs without the cyclic garbage collector's share, which the pauses of
a real run add (the hostile-input tests time whole runs).

``--budget N`` times whole runs instead, as the hostile-input tests do (CPU seconds of this
process against :func:`budget`, best of the rounds): every shape of those tests whose cost
grows with its elements, built with ``N`` block-level elements, or with ``--inline M`` inline
ones (by default the 160,000 that ``max_elements="auto"`` lets through), and read whole
(``max_elements=None``); both entry points, on each segment walk, with the collections the
cyclic garbage collector ran (full ones, and all) and the CPU seconds they took.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from functools import partial
from typing import Any

import lxml.html
from lxml import etree

from boilerstrip.api import DEFAULT_MAX_INLINE
from boilerstrip.pipeline.walk import Implementation

#: The sentence of ordinary prose the hostile-input tests build their pages from.
PROSE = (
    "The committee met on Tuesday to review the budget, and its members agreed, after a long"
    " debate, that the new library would open in the spring. "
)
MB = 1 << 20

# --- the hostile-input budget (tests/test_hostile.py) ----------------------------------------

#: The promise: an extraction takes at most this many times an lxml parse of the same bytes...
LXML_FACTOR = 10.0
#: ...plus this many seconds.
SLACK_SECONDS = 0.5
#: Both sides of the comparison are timed in CPU seconds of this process: the budget is about
#: the work an extraction does, and on a busy machine another process's work (the wall clock
#: counts it) must not read as our slowness. A page that makes us spin still spins on the CPU.
clock = time.process_time


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


# --- pages ------------------------------------------------------------------------------------


def prose_paragraphs(n: int) -> bytes:
    return b"".join(f"<p>{PROSE}Paragraph {i}.</p>\n".encode() for i in range(n))


def paragraphs(n: int = 20_000) -> bytes:
    return b"<html><body><article>" + prose_paragraphs(n) + b"</article></body></html>"


def big_page(size: int = 5 * MB) -> bytes:
    para = f"<p>{PROSE * 8}</p>\n".encode()
    return b"<html><body><article>" + para * (size // len(para)) + b"</article></body></html>"


def pull_quotes(n: int = 20_000) -> bytes:
    body = "".join(
        f"<p>{PROSE}{i}</p><blockquote>Quote number {i:08d} of the day, said one.</blockquote>"
        for i in range(n)
    )
    return f"<html><body><article>{body}</article></body></html>".encode()


def title_vs_headings(n: int) -> bytes:
    title = "word " * (20 * n)
    heads = "".join(f"<h2>Heading number {i:08d} here</h2><p>{PROSE}</p>" for i in range(n))
    return f"<html><head><title>{title}</title></head><body>{heads}</body></html>".encode()


def line_breaks(n: int) -> bytes:
    # One paragraph of n lines: a <br> costs libxml2 little and the walk (and the markup walk
    # of extract) a few us each.
    return b"<html><body><article><p>" + b"line<br>" * n + b"</p></article></body></html>"


def inline_spans(n: int) -> bytes:
    return b"<html><body><article><p>" + b"<span>word</span> " * n + b"</p></article></body></html>"


def wide_row(n: int) -> bytes:
    # Each cell's column was counted over all the cells before it: 5,000 cells took 14 s.
    return b"<table><tr>" + b"<td>cell</td>" * n + b"</tr></table>" + prose_paragraphs(3)


def boxes_around_headline(n: int) -> bytes:
    # The h1 in 8 nested boxes, each holding n/8 plain elements and two author-marked ones that
    # give no name (avatars), so that every box is searched for a byline: each box was searched
    # anew (8 reads of the page; 270,000 elements took 1.2 s in the search alone).
    fill = b"<i>x</i>" * (n // 8) + b'<span class="author-avatar">x</span>' * 2
    body = (
        (b"<div>" + fill) * 8 + b"<h1>Headline</h1><p>" + PROSE.encode() + b"</p>" + b"</div>" * 8
    )
    return b"<html><body>" + body + b"</body></html>"


def empty_divs(n: int) -> bytes:
    return b"<html><body>" + b"<div></div>" * n + prose_paragraphs(3) + b"</body></html>"


def styled_paragraphs(n: int) -> bytes:
    """``n`` paragraphs of prose, each with 19 inline elements (emphasis and bold words, no
    links, so that they are kept): as many as ``max_elements`` lets through per block-level
    element (``config.INLINE_PER_BLOCK_ELEMENT``), each a span of its own in the markup."""
    tags = ("em", "b") * 10
    styled = "".join(f"<{tag}>word{j}</{tag}> and " for j, tag in enumerate(tags[:19]))
    body = "".join(f"<p>{PROSE}{styled}Paragraph {i}.</p>\n" for i in range(n))
    return f"<html><body><article>{body}</article></body></html>".encode()


def styled_then_plain(n: int, inline: int) -> bytes:
    """``n`` paragraphs: as many of :func:`styled_paragraphs`'s as ``inline`` inline elements
    make (19 each), then plain ones. Both limits of ``max_elements="auto"`` reached at once."""
    styled = min(n, inline // 19)
    page = styled_paragraphs(styled)
    tail = prose_paragraphs(n - styled) + b"</article></body></html>"
    return page.removesuffix(b"</article></body></html>") + tail


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
    "markup read (extract)",
    "markup records (first read)",
)


def stage_times(html: bytes) -> list[float]:
    """Seconds of each of :data:`STAGES` on ``html``, one run."""
    from boilerstrip.api import _blocks, _tree
    from boilerstrip.config import thresholds_for
    from boilerstrip.metadata import complete, read_head
    from boilerstrip.pipeline.classify import classify
    from boilerstrip.pipeline.fallback import headline_only
    from boilerstrip.pipeline.filters import apply_filters
    from boilerstrip.pipeline.markup import read_markup
    from boilerstrip.pipeline.page import Page
    from boilerstrip.pipeline.walk import segment

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
    pending = read_markup(root, seg, blocks)
    marks.append(time.perf_counter())
    pending.records(blocks)
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


#: Shapes whose cost grows with their block-level elements: a page of about ``n`` of them.
BLOCK_SHAPES: dict[str, Callable[[int], bytes]] = {
    "paragraphs": paragraphs,
    "pull-quotes": lambda n: pull_quotes(n // 2),  # a paragraph and a quote each
    "title-vs-headings": lambda n: title_vs_headings(n // 2),  # a heading and a paragraph each
    "wide-row": wide_row,
    "empty-divs": empty_divs,
}
#: Shapes of ``n`` block-level elements and up to ``m`` inline ones: both limits at once.
MIXED_SHAPES: dict[str, Callable[[int, int], bytes]] = {
    # The inline limit's worth of styled words first, then plain paragraphs.
    "styled-then-plain": styled_then_plain,
}
#: Shapes whose cost grows with their inline elements: a page of about ``n`` of them.
INLINE_SHAPES: dict[str, Callable[[int], bytes]] = {
    "styled-paragraphs": lambda n: styled_paragraphs(n // 19),  # 19 inline elements in each
    "line-breaks": line_breaks,
    "inline-spans": inline_spans,
    "boxes-around-headline": boxes_around_headline,
}


class _Collections:
    """Counts the cyclic garbage collector's runs (while it is in ``gc.callbacks``), full ones
    apart, and the CPU seconds they take."""

    def __init__(self) -> None:
        self.full = self.runs = 0
        self.full_seconds = self.seconds = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._start = clock()
            return
        took = clock() - self._start
        self.runs += 1
        self.seconds += took
        if info["generation"] == 2:
            self.full += 1
            self.full_seconds += took


def _timed(run: Callable[[], object]) -> tuple[float, _Collections]:
    seen = _Collections()
    gc.collect()  # the last run's garbage is not this one's to collect
    gc.callbacks.append(seen)
    try:
        start = clock()
        run()
        return clock() - start, seen
    finally:
        gc.callbacks.remove(seen)


def _ignoring_inline(make: Callable[[int], bytes], elements: int, inline: int) -> bytes:
    return make(elements)


def budget_rows(
    elements: int,
    rounds: int,
    walks: Sequence[Implementation],
    shapes: Sequence[str] = (),
    *,
    inline: int | None = None,
) -> Iterator[str]:
    """The table of ``--budget``, line by line: one row per shape, walk and entry point. The
    inline and mixed shapes are built with ``inline`` inline elements, by default (``None``)
    with as many as ``max_elements="auto"`` reads on each walk."""
    import boilerstrip
    from boilerstrip.pipeline import walk

    yield (
        "| shape | walk | entry | inline | lxml, s | budget, s | best, s | share of budget"
        " | full collections (s) | all collections (s) |"
    )
    yield "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"
    cases: list[tuple[str, Callable[[int], bytes]]] = [
        (n, partial(_ignoring_inline, make, elements)) for n, make in BLOCK_SHAPES.items()
    ]
    cases += [(n, partial(make, elements)) for n, make in MIXED_SHAPES.items()]
    cases += [(n, make) for n, make in INLINE_SHAPES.items()]
    cases = [case for case in cases if not shapes or case[0] in shapes]
    before = walk.IMPLEMENTATION
    try:
        for name, build in cases:
            for implementation in walks:
                m = DEFAULT_MAX_INLINE[implementation] if inline is None else inline
                html = build(m)
                lxml = lxml_seconds(html)
                walk.IMPLEMENTATION = implementation
                for entry in (boilerstrip.extract, boilerstrip.extract_text):
                    best: tuple[float, _Collections] | None = None
                    for _ in range(rounds):
                        got = _timed(lambda: entry(html, max_elements=None))  # noqa: B023
                        best = got if best is None or got[0] < best[0] else best
                    assert best is not None
                    took, seen = best
                    shown = f"{m:,}" if name not in BLOCK_SHAPES else "-"
                    yield (
                        f"| {name} | {implementation} | {entry.__name__} | {shown} | {lxml:.3f}"
                        f" | {budget(lxml):.2f} | {took:.2f} | {took / budget(lxml):.0%}"
                        f" | {seen.full} ({seen.full_seconds:.2f}) | {seen.runs}"
                        f" ({seen.seconds:.2f}) |"
                    )
    finally:
        walk.IMPLEMENTATION = before


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.shapes", description=__doc__)
    p.add_argument("--rounds", type=int, default=3, help="timed rounds; the best kept")
    p.add_argument(
        "--budget",
        type=int,
        metavar="N",
        help="time whole runs against the hostile-input budget at N block-level elements",
    )
    p.add_argument(
        "--inline",
        type=int,
        default=None,
        metavar="M",
        help="inline elements of the inline and mixed shapes for --budget (default: as many"
        " as max_elements='auto' reads on each walk)",
    )
    p.add_argument(
        "--walks", default="compiled,python", help="segment walks for --budget (default both)"
    )
    p.add_argument("--shapes", default="", help="comma-separated shapes for --budget (default all)")
    args = p.parse_args(argv)
    if args.budget:
        from boilerstrip.pipeline import walk

        known: dict[str, Implementation] = {"compiled": "compiled", "python": "python"}
        walks = [known[w] for w in args.walks.split(",") if w != "compiled" or walk.COMPILED]
        shapes = [s for s in args.shapes.split(",") if s]
        for line in budget_rows(
            args.budget, max(1, args.rounds), walks, shapes, inline=args.inline
        ):
            print(line, flush=True)
        return 0
    print(report(max(1, args.rounds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
