"""A sweep for slow spots: one unit of text (digits, "1 min ", "12:30 ", "by ", bullets...)
repeated to a given size inside each place a page can hold long text (a paragraph, a heading,
the title, a ``<time>``, meta tags, JSON-LD, a class, an ``href``, ``<pre>``, a cell...),
each page timed against an lxml parse of it with the hostile-input budget (10x the parse plus
0.5 s)::

    python -m benchmarks.sweep                  # 2 MB each, prints the pages over half the budget
    python -m benchmarks.sweep --size 500000 --all

A page over budget is a new shape for ``tests/test_hostile.py``. A place where time grows
faster than the size shows at two sizes: run it twice.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence

import lxml.html

import boilerstrip

PROSE = (
    b"<p>The committee met on Tuesday to review the budget, and its members agreed, after a"
    b" long debate, that the new library would open in the spring.</p>"
)

UNITS: dict[str, bytes] = {
    "digits": b"1",
    "digit-space": b"1 ",
    "digit-dot": b"1.",
    "digit-colon": b"1:",
    "letters": b"a",
    "capitals": b"A",
    "digit-letter": b"1a",
    "dash": b"-",
    "pipe": b"| ",
    "month": b"jan ",
    "by": b"by ",
    "comma": b", ",
    "hash": b"#",
    "entity": b"&amp;",
    "nbsp": "\u00a0".encode(),
    "cjk": "\u4e2d".encode(),
    "slash-date": b"12/",
    "minutes": b"1 min ",
    "digit-min": b"1min",
    "dot": b".",
    "year": b"2024-",
    "clock": b"12:30 ",
    "ordinal": b"1st ",
    "paging": b"1 | ",
    "bullet": "\u2022 ".encode(),
    "colon": b": ",
    "quote": "\u201c".encode(),
}

PLACES: dict[str, tuple[bytes, bytes]] = {
    "paragraph": (b"<p>", b"</p>"),
    "under-headline": (b"<html><head><title>x</title></head><body><h1>x</h1><p>", b"</p>"),
    "title": (b"<html><head><title>", b"</title></head><body><h1>t</h1><p>by x</p>"),
    "time": (b"<time>", b"</time>"),
    "date-meta": (b'<meta name="date" content="', b'">'),
    "author-meta": (b'<meta name="author" content="', b'">'),
    "og-title": (b'<meta property="og:title" content="', b'">'),
    "keywords": (b'<meta name="keywords" content="', b'">'),
    "json-ld-date": (
        b'<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"',
        b'"}</script>',
    ),
    "json-ld-author": (
        b'<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"',
        b'"}}</script>',
    ),
    "class": (b'<div class="', b'"><p>x</p></div>'),
    "href": (b'<p><a href="/', b'">x</a></p>'),
    "list-link": (b'<ul><li><a href="/x">', b"</a></li></ul>"),
    "heading": (b"<h2>", b"</h2>"),
    "pre": (b"<pre>", b"</pre>"),
    "cell": (b"<table><tr><td>", b"</td></tr></table>"),
    "quote": (b"<blockquote>", b"</blockquote>"),
    "caption": (b"<figure><figcaption>", b"</figcaption></figure>"),
}


def _seconds(run: Callable[[bytes], object], html: bytes) -> float:
    start = time.perf_counter()
    run(html)
    return time.perf_counter() - start


def sweep(size: int, show_all: bool) -> list[str]:
    lines = ["| place | unit | extract s | lxml s | budget s | |", "|---|---|---:|---:|---:|---|"]
    for place, (before, after) in PLACES.items():
        for name, unit in UNITS.items():
            html = before + unit * (size // len(unit)) + after + PROSE * 3
            parse = _seconds(lxml.html.document_fromstring, html)
            took = _seconds(boilerstrip.extract, html)
            budget = 10 * parse + 0.5
            if show_all or took > budget / 2:
                verdict = "OVER" if took > budget else ""
                lines.append(
                    f"| {place} | {name} | {took:.3f} | {parse:.3f} | {budget:.3f} | {verdict} |"
                )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.sweep", description=__doc__)
    p.add_argument("--size", type=int, default=2_000_000, help="bytes of repeated text")
    p.add_argument("--all", action="store_true", help="every page, not only the slow ones")
    args = p.parse_args(argv)
    boilerstrip.extract(PROSE)  # imports and lazy tables before the clock starts
    lines = sweep(args.size, args.all)
    print("\n".join(lines))
    over = sum(line.endswith("OVER |") for line in lines)
    print(f"\n{len(PLACES) * len(UNITS)} pages of {args.size:,} bytes; over budget: {over}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
