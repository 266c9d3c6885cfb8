"""Extraction time grows linearly with the page, whatever its shape.

Each shape is generated at two sizes, 8x apart. The cost of extracting a page is measured as
a multiple of lxml's parse of the same bytes (timed side by side in CPU seconds of this
process, best of a few runs), so a slow or busy machine cancels out. Linear work keeps that
multiple about constant; work quadratic in the page multiplies it by about 8 at the larger
size. The bound (3x) is generous for noise and still catches any quadratic step.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import lxml.html
import pytest

from boilerstrip import extract, extract_text

SENTENCE = (
    "The council said on Monday that the bridge would reopen in May, after repairs that cost"
    " less than feared. "
)

#: How much the cost per byte (as a multiple of the parse) may grow from a page to one 8x larger.
MAX_GROWTH = 3.0
ROUNDS = 5


def _page(body: str, head: str = "") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


SHAPES: dict[str, Callable[[int], bytes]] = {
    "paragraphs": lambda n: _page(
        "<article>" + "".join(f"<p>{i} {SENTENCE}</p>" for i in range(n)) + "</article>"
    ),
    "one text in many boxes": lambda n: _page(
        "".join(f"<div class='c{i % 7}'><p>{SENTENCE}</p></div>" for i in range(n))
    ),
    "quotes": lambda n: _page(
        "<article>"
        + "".join(
            f"<p>{i} {SENTENCE}</p><blockquote>{i} said {SENTENCE[:40]}</blockquote>"
            for i in range(n)
        )
        + "</article>"
    ),
    "text between paragraphs": lambda n: _page(
        "<article>"
        + "".join(f"<p>{i} {SENTENCE}</p>{i} loose, {SENTENCE}" for i in range(n))
        + "</article>"
    ),
    "headings under a long title": lambda n: _page(
        "<article>" + "".join(f"<h2>Headline {i}</h2><p>{SENTENCE}</p>" for i in range(n)),
        f"<title>{'Headline ' * n}</title>",
    ),
    "link list": lambda n: _page(
        "<ul>" + "".join(f"<li><a href='/{i}'>Link {i}</a></li>" for i in range(n)) + "</ul>"
        f"<p>{SENTENCE * 3}</p>"
    ),
    "table": lambda n: _page(
        "<table>"
        + "".join(f"<tr><td>{i}</td><td>{SENTENCE}</td></tr>" for i in range(n))
        + "</table>"
    ),
    "nested boxes": lambda n: _page(
        "<div>" * (n // 4) + f"<p>{SENTENCE}</p>" + "</div>" * (n // 4)
    ),
    "inline elements": lambda n: _page(
        "<p>" + "".join(f"<span>{i} <b>word</b></span> " for i in range(5 * n)) + "</p>"
    ),
    "line breaks": lambda n: _page(
        "<div>" + "".join(f"line {i} of text<br>" for i in range(5 * n)) + "</div>"
    ),
    "one long word": lambda n: _page(f"<p>{'x' * (400 * n)}</p>"),
    "hidden elements": lambda n: _page(
        "".join(
            f"<p style='display:none'>{i}</p><p hidden>{i}</p><p>{i} {SENTENCE}</p>"
            for i in range(n)
        )
    ),
}


def _best(fn: Callable[[bytes], object], data: bytes) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.process_time()
        fn(data)
        best = min(best, time.process_time() - start)
    return best


def _whole(data: bytes) -> str:
    """The text, with every element read: the element limit would hide a step's growth."""
    return extract_text(data, max_elements=None)


def _whole_article(data: bytes) -> object:
    """:func:`extract` likewise: the Block records and what the markup reads of the tree."""
    return extract(data, max_elements=None)


def _cost(data: bytes, run: Callable[[bytes], object] = _whole) -> float:
    """Extraction time as a multiple of the parse time of the same bytes."""
    run(data)  # warm
    return _best(run, data) / _best(lxml.html.document_fromstring, data)


def _check_growth(shape: str, run: Callable[[bytes], object], small_size: int = 250) -> None:
    make = SHAPES[shape]
    small, large = make(small_size), make(8 * small_size)
    growth = _cost(large, run) / _cost(small, run)
    if growth > MAX_GROWTH:  # one retry: a burst of load during one measurement
        growth = min(growth, _cost(large, run) / _cost(small, run))
    assert growth <= MAX_GROWTH, f"{shape}: cost per byte grew {growth:.1f}x for an 8x page"


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_time_is_linear_in_the_page(shape: str) -> None:
    _check_growth(shape, _whole)


#: Shapes whose markup ``extract`` reads: styled text, cells, quotes, text owned by a box
#: with element children (each of its blocks once asked whether the box has children).
EXTRACT_SHAPES = ("text between paragraphs", "quotes", "table", "inline elements")


@pytest.mark.parametrize("shape", EXTRACT_SHAPES)
def test_extract_time_is_linear_in_the_page(shape: str) -> None:
    # Four times the sizes above: a step quadratic in a box's blocks showed only past 2,000 of them
    # (a len() of the box per block: 0.08 s at 2,000, 3.1 s at 8,000).
    _check_growth(shape, _whole_article, small_size=1000)
