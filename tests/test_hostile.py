"""Hostile input (issue 7): nothing crashes, nothing hangs, nothing leaks, nothing is fetched.

Every adversarial page is generated here (never stored) and must come back as an Article, with
a warning where something was odd, in at most ``LXML_FACTOR`` times an lxml parse of the same
bytes plus ``SLACK_SECONDS`` (both measured here, in this process; ``benchmarks/shapes.py``
holds the budget and times the shapes that grow with their elements: ``--budget N``). With the
default limits (``max_bytes``, ``max_elements``) every shape is within it. Runs with the limits
lifted that are known to break it are listed in ``KNOWN_SLOW`` with the reason: over budget
they are reported as expected failures (with the figures); every other check on them still
holds. The largest sizes run only with ``-m slow``.
"""

from __future__ import annotations

import base64
import codecs
import gzip
import inspect
import io
import os
import random
import socket
import sys
import threading
import zipfile
import zlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import boilerstrip
import boilerstrip.api
from benchmarks.evaldata import available_sets, evaldata_root, iter_pages
from benchmarks.guard import outside_world_watched
from benchmarks.shapes import (
    big_page,
    boxes_around_headline,
    empty_divs,
    inline_spans,
    line_breaks,
    prose_paragraphs,
    pull_quotes,
    styled_paragraphs,
    styled_then_plain,
    title_vs_headings,
    wide_row,
)
from benchmarks.shapes import paragraphs as sibling_paragraphs
from boilerstrip import Article
from boilerstrip.api import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ELEMENTS,
    DEFAULT_MAX_INLINE,
    default_max_elements,
    default_max_inline,
)
from boilerstrip.pipeline import walk
from boilerstrip.pipeline.parse import MAX_ATTRIBUTES, parse_html
from boilerstrip.pipeline.walk import Implementation
from tests.hostile import PROSE, article_page, budget, clock, lxml_seconds, timed_extraction

#: Every test here runs on each segment walk: the pure-Python one and the compiled twin (when
#: it is built), so both hold what these tests promise.
pytestmark = pytest.mark.usefixtures("walk_path")

MB = 1_000_000
RUSSIAN = (
    "Городской совет во вторник утвердил бюджет на следующий год. Депутаты долго спорили, но в"
    " итоге решили, что новая библиотека откроется весной. "
)

#: Shapes known to take longer than the budget, and why (the cost is outside parse/api).
KNOWN_SLOW = {
    # Only with both limits lifted (max_bytes=None, max_elements=None): every block element is
    # then read, at 35-115 us of Python each (segment, features, filters, Block records,
    # markup, and the cyclic GC's share; more for longer text), against lxml's 0.5 us. The
    # limits exist for this.
    "paragraphs-unlimited": "1,000,000 blocks at 9-18 us of Python each, no limit set",
    "page-unlimited": "43,402 paragraphs of 1 KB at 65-115 us of Python each, no limit set",
}


def nested_divs(depth: int) -> bytes:
    return b"<div>" * depth + PROSE.encode() + b"</div>" * depth + b"<p>" + PROSE.encode() + b"</p>"


def one_word(size: int) -> bytes:
    return b"<p>" + b"a" * size + b"</p>" + prose_paragraphs(3)


def digit_word(size: int) -> bytes:
    # One "word" of digits is a short line, so the byline filter reads it for a date: its
    # relative-time pattern ("3 hours ago") once retried "\d+" from every digit of the run
    # (20,000 digits took 25 s, quadratic).
    return b"<p>" + b"7" * size + b"</p>" + prose_paragraphs(3)


def _head_page(head: bytes, body: bytes = b"") -> bytes:
    """A page with ``head`` in its head and ``body`` before three paragraphs of prose."""
    return (
        b"<html><head>" + head + b"</head><body>" + body + prose_paragraphs(3) + b"</body></html>"
    )


def date_meta(size: int) -> bytes:
    # A date meta value megabytes long: every date pattern used to scan all of it.
    return _head_page(b'<meta name="date" content="' + b"12:30 " * (size // 6) + b'">')


def long_title(size: int) -> bytes:
    # A title megabytes long, compared with the h1 and searched for a byline and a date.
    title = b"<title>" + b"1 min " * (size // 6) + b"</title>"
    return _head_page(title, b"<h1>t</h1><p>by x</p>")


def digits_by_headline(size: int) -> bytes:
    # The line under the headline is read for a date and a byline.
    return _head_page(b"<title>x</title>", b"<h1>x</h1><p>" + b"1." * (size // 2) + b"</p>")


def author_meta(size: int) -> bytes:
    # An author meta value megabytes long, split into names.
    return _head_page(b'<meta name="author" content="' + b"Jane Doe, " * (size // 10) + b'">')


def long_class(size: int) -> bytes:
    # One class value megabytes long (not many short tokens): the hint patterns searched it.
    value = b"1 | " * (size // 4)
    return b'<div class="' + value + b'">' + prose_paragraphs(3) + b"</div>"


def entities(n: int) -> bytes:
    unit = b"Caf&eacute; &amp; th&#233;&#x2e; "  # three entities
    return b"<article><p>" + unit * (n // 3) + b"</p>" + prose_paragraphs(2) + b"</article>"


def nested_tables(depth: int) -> bytes:
    return b"<table><tr><td>" * depth + PROSE.encode() + b"</td></tr></table>" * depth


def unclosed_comment(n: int) -> bytes:
    return prose_paragraphs(4) + b"<!-- " + b"<p>hidden comment text</p>" * n


def unclosed_script(n: int) -> bytes:
    return prose_paragraphs(4) + b"<script>" + b"document.write('<p>hidden script</p>');" * n


def many_attributes(n: int) -> bytes:
    attrs = " ".join(f"a{i}='v'" for i in range(n))
    return f"<article><p {attrs}>{PROSE}</p><p>{PROSE}</p></article>".encode()


def deep_then_unclosed(n: int) -> bytes:
    # Deep in tags the flattening cannot remove, then "<" never closed: the fallback regexes
    # once scanned to the end of the page from every "<" (quadratic).
    return b"<q>" * 5000 + PROSE.encode() + b"<a" * n


def hidden_run(n: int) -> bytes:
    # Hidden siblings, each with a tail: moving tails from Python once took quadratic time.
    return b"<article><p>" + PROSE.encode() + b"<span hidden>x</span>word " * n + b"</p></article>"


def invisible_run(n: int) -> bytes:
    # Scripts and buttons between words: stripped with strip_elements, their tails were left
    # as separate text nodes, and lxml joins those in quadratic time on every read.
    unit = b"<script>x()</script>word <button>b</button>word "
    return b"<article><p>" + PROSE.encode() + unit * (n // 2) + b"</p></article>"


def class_tokens(n: int) -> bytes:
    classes = " ".join(f"c{i}" for i in range(n))
    return f"<div class='{classes}'><p>{PROSE}</p><p>{PROSE}</p></div>".encode()


def json_ld_scripts(n: int) -> bytes:
    # Each was kept as a <meta> inserted at its position in the head: quadratic (100,000: 90 s).
    script = (
        b'<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x"}</script>'
    )
    return b"<html><head>" + script * n + b"</head><body>" + prose_paragraphs(3) + b"</body></html>"


def author_metas(n: int) -> bytes:
    # Every value was split into names: 10,000 metas of 40 names each took 3.8 s.
    meta = b'<meta name="author" content="' + b"Jane Doe and John Roe, " * 20 + b'">'
    return _head_page(meta * n)


def utf16_stretches(n: int) -> bytes:
    # An 8-bit page with n stretches of UTF-16: the stretch patterns were tried at every byte.
    stretch = "Stretch of text here".encode("utf-16-le")
    return b"<html><body><article>" + prose_paragraphs(n).replace(b"\n", stretch) + b"</article>"


Size = int | Callable[[int, int], int]
"""A shape's size: a number, or one made from the block-level and inline elements
``max_elements="auto"`` reads on the walk in use (the two walks read different amounts:
``boilerstrip.api.DEFAULT_MAX_ELEMENTS`` and ``DEFAULT_MAX_INLINE``)."""
Shape = tuple[str, Callable[[int], bytes], Size, str | None]
"""id, maker, size, a warning the result must carry (or None)."""


def past_the_limit(limit: int) -> int:
    """A tenth more elements than ``limit``."""
    return limit + limit // 10


DEFAULT_SHAPES: list[Shape] = [
    ("nested-divs", nested_divs, 100_000, "deeper than the parser reads"),
    ("paragraphs", sibling_paragraphs, lambda limit, _: past_the_limit(limit), "max_elements"),
    ("page", big_page, 5 * MB, None),
    ("word", one_word, 5 * MB, None),
    ("digit-word", digit_word, 40_000, None),
    ("date-meta", date_meta, 2 * MB, None),
    ("long-title", long_title, 2 * MB, None),
    ("digits-by-headline", digits_by_headline, 2 * MB, None),
    ("author-meta", author_meta, 2 * MB, None),
    ("long-class", long_class, 2 * MB, None),
    ("entities", entities, 1_000_000, None),
    ("nested-tables", nested_tables, 10_000, "deeper than the parser reads"),
    ("unclosed-comment", unclosed_comment, 100_000, None),
    ("unclosed-script", unclosed_script, 100_000, None),
    ("many-attributes", many_attributes, 5_000, "attributes"),
    ("deep-then-unclosed", deep_then_unclosed, 400_000, "deeper than the parser reads"),
    ("hidden-run", hidden_run, 100_000, None),
    ("invisible-run", invisible_run, 100_000, None),
    ("line-breaks", line_breaks, lambda _, inline: past_the_limit(inline), "max_elements"),
    ("json-ld", json_ld_scripts, 100_000, None),
    ("wide-row", wide_row, 4_000, None),
    ("author-metas", author_metas, 20_000, None),
    ("utf16-stretches", utf16_stretches, 5_000, "UTF-16"),
    (
        "boxes-around-headline",
        boxes_around_headline,
        lambda _, inline: past_the_limit(inline),
        "max_elements",
    ),
]

SLOW_SHAPES: list[Shape] = [
    ("digit-word", digit_word, 5 * MB, None),
    ("page", big_page, 50 * MB, "max_bytes"),
    # A heading and a paragraph, or a paragraph and a quote, per unit of size.
    ("title-vs-headings", title_vs_headings, lambda limit, _: limit, "max_elements"),
    ("pull-quotes", pull_quotes, lambda limit, _: limit, "max_elements"),
    ("class-tokens", class_tokens, 400_000, None),
    ("empty-divs", empty_divs, lambda limit, _: 20 * limit, "max_elements"),
    ("line-breaks", line_breaks, 1_000_000, "max_elements"),
    ("wide-row-at-the-limit", wide_row, lambda limit, _: limit - 7, None),  # + body, table...
    ("inline-spans", inline_spans, 1_000_000, "max_elements"),
    ("utf16-stretches", utf16_stretches, 20_000, "UTF-16"),
    ("boxes-around-headline", boxes_around_headline, 1_000_000, "max_elements"),
    # The dearest shape of block-level elements alone, just under the limit (the body, the
    # article and (limit - 2) / 2 pairs).
    ("pull-quotes-at-the-limit", pull_quotes, lambda limit, _: (limit - 2) // 2, None),
    # Just under the inline limit: paragraphs of prose with 19 styled words each, each word a
    # span of the markup walk.
    ("styled-paragraphs-at-the-limit", styled_paragraphs, lambda _, inline: inline // 19, None),
    # Both at once: the inline limit's worth of styled paragraphs, then plain ones up to the
    # block-level limit (the body and the article are two more).
    (
        "styled-then-plain-at-the-limits",
        lambda n: styled_then_plain(n, default_max_inline()),
        lambda limit, _: limit - 2,
        None,
    ),
]


def _extract_guarded(shape: str, data: bytes, **options: object) -> tuple[Article, float]:
    """Extract ``data`` under the outside-world guard: the Article and the seconds it took."""
    with outside_world_watched() as touched:
        start = clock()
        art = boilerstrip.extract(data, **options)  # type: ignore[arg-type]
        elapsed = clock() - start
    assert not touched, f"{shape}: extraction touched the outside world: {touched}"
    assert isinstance(art, Article)
    assert isinstance(art.text, str)
    assert not any("extraction failed" in w for w in art.warnings), art.warnings
    return art, elapsed


#: An extraction over budget but shorter than this is timed once more; a longer one (a million
#: paragraphs takes half a minute) is far over budget whatever the machine does.
MAX_RETIMED_SECONDS = 30.0


def _within_budget(shape: str, data: bytes, **options: object) -> tuple[Article, float, float]:
    """The Article of ``data``, the seconds it took and the seconds lxml takes to parse it.
    An extraction over budget is timed once more and the faster run counts (as the parse is
    timed best of two): a shared machine's pause must not read as slowness, while a page
    that is really slow is over budget both times. The second run must give the same text."""
    lxml = lxml_seconds(data)
    art, elapsed = _extract_guarded(shape, data, **options)
    if budget(lxml) < elapsed < MAX_RETIMED_SECONDS:
        again, second = _extract_guarded(shape, data, **options)
        assert again.text == art.text, f"{shape}: a second extraction gave another text"
        elapsed = min(elapsed, second)
    return art, elapsed, lxml


def _check_budget(shape: str, size: int, elapsed: float, lxml: float) -> None:
    figures = (
        f"{shape} ({size:,}): {elapsed:.3f} s, lxml {lxml:.3f} s, ratio"
        f" {elapsed / max(lxml, 1e-6):.1f}, budget {budget(lxml):.3f} s"
    )
    print(figures)
    if elapsed <= budget(lxml):
        return
    if shape in KNOWN_SLOW:
        pytest.xfail(f"over budget, known: {KNOWN_SLOW[shape]}; {figures}")
    pytest.fail(f"over budget: {figures}")


def sized(size: Size) -> int:
    """``size`` as a number: made from the default limits of the walk in use."""
    return size if isinstance(size, int) else size(default_max_elements(), default_max_inline())


def _run_shape(shape: str, maker: Callable[[int], bytes], size: Size, warning: str | None) -> None:
    size = sized(size)
    data = maker(size)
    art, elapsed, lxml = _within_budget(shape, data)
    if warning is not None:
        assert any(warning in w for w in art.warnings), art.warnings
    else:  # read whole: the budget holds without the element limit's help
        assert not any("max_elements" in w for w in art.warnings), art.warnings
    if not art.text:
        assert art.warnings, "an empty result must say why"
    assert "hidden" not in art.text
    _check_budget(shape, size, elapsed, lxml)


@pytest.mark.parametrize(
    ("shape", "maker", "size", "warning"), DEFAULT_SHAPES, ids=[s[0] for s in DEFAULT_SHAPES]
)
def test_adversarial_shapes(
    shape: str, maker: Callable[[int], bytes], size: Size, warning: str | None
) -> None:
    _run_shape(shape, maker, size, warning)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("shape", "maker", "size", "warning"), SLOW_SHAPES, ids=[s[0] for s in SLOW_SHAPES]
)
def test_adversarial_shapes_full_size(
    shape: str, maker: Callable[[int], bytes], size: Size, warning: str | None
) -> None:
    _run_shape(shape, maker, size, warning)


def _million_paragraphs() -> bytes:
    """1,000,000 short sibling paragraphs, 35 MB."""
    return b"<html><body><article>" + b"".join(
        b"<p>Paragraph %d, a sentence.</p>" % i for i in range(1_000_000)
    )


@pytest.mark.slow
def test_a_million_paragraphs() -> None:
    art, elapsed, lxml = _within_budget("paragraphs", _million_paragraphs())
    assert any("max_bytes" in w for w in art.warnings), art.warnings
    assert any("max_elements" in w for w in art.warnings), art.warnings
    # The body, the article, then paragraphs up to the limit (their text is too short to keep).
    limit = default_max_elements()
    assert len(art.blocks) == limit - 2
    assert art.blocks[-1].text == f"Paragraph {limit - 3}, a sentence."
    _check_budget("paragraphs", 1_000_000, elapsed, lxml)


@pytest.mark.slow
def test_a_million_paragraphs_without_limits() -> None:
    art, elapsed, lxml = _within_budget(
        "paragraphs-unlimited", _million_paragraphs(), max_bytes=None, max_elements=None
    )
    assert len(art.blocks) == 1_000_000
    _check_budget("paragraphs-unlimited", 1_000_000, elapsed, lxml)


@pytest.mark.slow
def test_50_mb_page_without_limits() -> None:
    data = big_page(50 * MB)
    art, elapsed, lxml = _within_budget("page-unlimited", data, max_bytes=None, max_elements=None)
    assert not art.warnings
    assert len(art.text) > 40 * MB
    _check_budget("page-unlimited", 50 * MB, elapsed, lxml)


def test_texts_of_adversarial_shapes() -> None:
    """What comes back from the cheap shapes: the text is there, the hidden is not."""
    text = boilerstrip.extract_text(nested_divs(100_000))
    assert text.count("The committee met") == 2
    text = boilerstrip.extract_text(nested_tables(10_000))
    assert "The committee met" in text
    text = boilerstrip.extract_text(entities(3_000))
    assert "Café & thé. Café" in text and "&eacute;" not in text and "&#" not in text
    for maker in (unclosed_comment, unclosed_script):
        text = boilerstrip.extract_text(maker(1_000))
        assert text.count("The committee met") == 4 and "hidden" not in text
    text = boilerstrip.extract_text(many_attributes(2 * MAX_ATTRIBUTES))
    assert text.count("The committee met") == 2
    text = boilerstrip.extract_text(deep_then_unclosed(1_000))
    assert "The committee met" in text


def test_80000_attributes_take_linear_time() -> None:
    """libxml2 alone takes minutes on 80,000 attributes (quadratic); the limit makes the page
    cost what a page of the same size without them costs."""
    data = many_attributes(80_000)
    benign = b"<article><p>" + b"x " * (len(data) // 2) + b"</p></article>"
    lxml = lxml_seconds(benign)
    art, elapsed = _extract_guarded("many-attributes", data)
    assert art.text.count("The committee met") == 2
    assert elapsed <= budget(lxml), f"{elapsed:.3f} s, lxml on a benign page {lxml:.3f} s"


@pytest.mark.parametrize("char", ["\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"])
def test_control_characters_beside_hidden_elements(char: str) -> None:
    """lxml's parser lets these into text but its setters refuse them: removing a hidden
    element next to one once made the whole extraction fail."""
    html = f"<article><p>{PROSE}</p><p>{PROSE}<span hidden>x</span>{char}{PROSE}</p></article>"
    for value in (html, html.encode()):
        art = boilerstrip.extract(value)
        assert art.text.count("The committee met") == 3, art.warnings
        assert not any("failed" in w for w in art.warnings)
    tree = etree.fromstring(html, etree.HTMLParser())
    assert boilerstrip.extract_text(tree).count("The committee met") == 3


def test_hidden_root_and_body() -> None:
    # The root is never removed (there would be no tree left); a hidden body is.
    art = boilerstrip.extract(f"<html hidden><body><p>{PROSE}</p></body></html>")
    assert isinstance(art, Article) and not any("failed" in w for w in art.warnings)
    art = boilerstrip.extract(f"<html><body hidden><p>{PROSE}</p></body></html>")
    assert art.text == "" and art.warnings


def test_many_attributes_keep_the_first_ones() -> None:
    attrs = " ".join(f"data-x{i}='v'" for i in range(MAX_ATTRIBUTES + 10))
    warnings: list[str] = []
    root = parse_html(f"<p id=first {attrs} class=last>{PROSE}</p>", warnings)
    assert root is not None
    p = root.find(".//p")
    assert p is not None
    assert len(p.attrib) == MAX_ATTRIBUTES
    assert p.get("id") == "first" and p.get("class") is None
    assert any("more than 256 attributes" in w for w in warnings)


@pytest.mark.parametrize(
    "html",
    [
        # "a<b c d ..." in a script, a style, a comment or a textarea is no tag: left alone.
        "<script>if (a<b " + "x " * 300 + ") {}</script><p>after</p>",
        "<style>a<b " + "x " * 300 + "</style><p>after</p>",
        "<!-- <b " + "x " * 300 + " --><p>after</p>",
        "<textarea><b " + "x " * 300 + "</textarea><p>after</p>",
        "<p title='" + "x " * 300 + "'>after</p>",
    ],
)
def test_attribute_limit_leaves_ordinary_markup_alone(html: str) -> None:
    warnings: list[str] = []
    root = parse_html(html, warnings)
    assert root is not None
    assert not warnings
    assert "after" in "".join(str(t) for t in root.itertext())


def _crowded(html: str) -> int:
    """How many elements of ``html`` the attribute limit cut, as its warning says."""
    warnings: list[str] = []
    parse_html(html, warnings)
    said = [w for w in warnings if f"more than {MAX_ATTRIBUTES} attributes" in w]
    return int(said[0].split()[0]) if said else 0


@pytest.mark.parametrize(
    ("separator", "value"),
    [(" ", "='v'"), (" ", ""), ("\n", "=v"), (" ", '=">"'), ("/", ""), ("", "='v'")],
)
def test_attribute_limit_finds_every_crowded_tag(separator: str, value: str) -> None:
    """Plain start tags and end tags are read in one step each, the rest (raw text, comments,
    a quoted ">"...) by the exact branches: a crowded tag is found behind any of them, and
    only from the limit on."""

    def tag(count: int) -> str:
        return "<p " + separator.join(f"a{i}{value}" for i in range(count)) + ">"

    under, at = tag(MAX_ATTRIBUTES - 1), tag(MAX_ATTRIBUTES)
    assert _crowded(f"{under}{PROSE}") == 0
    assert _crowded(f"{at}{PROSE}") == 1
    plain = f"<div class='a' id=b><p>{PROSE}</p><br/></div>"
    assert _crowded(f"{plain}{at}{PROSE}</p>{under}{plain}{at}") == 2
    assert _crowded(f"<script>{at}</script><!-- {at} -->{at}<title>{at}</title>") == 1
    assert _crowded(f"<a title='>' href=x>{PROSE}</a>{at}{PROSE}") == 1


# --- encodings, binary input, odd documents --------------------------------------------------


def _mixed_encodings(*codecs: str) -> bytes:
    """One paragraph of prose per codec, each in its own encoding, in one page."""
    texts = {"utf-8": PROSE + "Café naïve.", "cp1251": RUSSIAN, "shift_jis": "日本語の文章です。"}
    paragraphs = [texts.get(codec, PROSE).encode(codec) for codec in codecs]
    return b"<article><p>" + b"</p><p>".join(paragraphs) + b"</p></article>"


def _noise(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def _zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.html", article_page(5))
    return buffer.getvalue()


BINARY_INPUTS: list[tuple[str, bytes, str]] = [
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _noise(4000), "a PNG image"),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + _noise(4000), "a JPEG image"),
    ("gif", b"GIF89a\x10\x00\x10\x00" + _noise(2000), "a GIF image"),
    ("webp", b"RIFF\x24\x10\x00\x00WEBPVP8 " + _noise(4000), "a WebP image"),
    ("mp4", b"\x00\x00\x00\x18ftypmp42" + _noise(4000), "an MP4"),
    (
        "pdf",
        b"%PDF-1.7\n1 0 obj\n<< /Length 99 >>\nstream\n"
        + zlib.compress(PROSE.encode() * 50)
        + b"\nendstream",
        "a PDF document",
    ),
    ("gzip", gzip.compress(article_page(5).encode(), mtime=0), "gzip-compressed data"),
    ("zip", _zip_archive(), "a ZIP archive"),
    ("elf", b"\x7fELF\x02\x01\x01" + bytes(9) + _noise(4000), "an ELF executable"),
    # No signature: counted.
    ("deflate", zlib.compress(article_page(20).encode())[2:], "binary data"),
    ("noise", _noise(20_000), "binary data"),
    ("nuls", bytes(5000), "binary data"),
]


ODD_INPUTS: list[tuple[str, bytes | str, str] | Any] = [
    (
        "nul-bytes",
        article_page(3).replace(" ", " \x00").encode() + b"\x00" * 100_000,
        "U+FFFD",
    ),
    ("invalid-utf8", article_page(3).encode()[:-40] + b"\xff\xfe\xc3\x28\xa0\xa1\xf0\x28\x8c", ""),
    ("mixed-encodings", _mixed_encodings("utf-8", "cp1251", "shift_jis"), "mixes encodings"),
    ("mixed-with-utf16", _mixed_encodings("utf-8", "utf-16-le"), "mixes encodings"),
    (
        "lying-meta",
        article_page(3, "<meta charset='windows-1251'>")
        .replace("The committee", "Комитет")
        .encode("utf-8"),
        "does not match",
    ),
    (
        "lying-meta-utf8",
        article_page(3, "<meta charset='utf-8'>")
        .replace("new library", "new café")
        .encode("cp1252"),
        "does not fit",
    ),
    ("lying-meta-utf16", article_page(3, "<meta charset='utf-16'>").encode(), ""),
    ("utf16-without-bom", article_page(3).encode("utf-16-le"), ""),
    (
        "frameset",
        b"<html><frameset cols='50%,50%'><frame src='file:///etc/passwd'>"
        b"<frame src='http://127.0.0.1:9/'><noframes><body><p>"
        + PROSE.encode() * 3
        + b"</p></body></noframes></frameset></html>",
        "frameset",
    ),
    (
        "svg-mathml",
        f"<article><p>{PROSE}</p><svg><text>svg hidden</text><foreignObject><p>hidden"
        f" foreign</p></foreignObject></svg><math><mi>hidden math</mi></math><p>{PROSE}</p>"
        "</article>",
        "",
    ),
    *BINARY_INPUTS,  # below, each must also come back in time, touching nothing
    ("lone-surrogates", article_page(3).replace("budget", "bud\ud800get\udfff"), "U+FFFD"),
    ("only-markup", "<" * 100_000 + "<!--" * 10_000 + "<a " * 10_000, ""),
]


@pytest.mark.parametrize(
    ("name", "html", "warning"),
    ODD_INPUTS,
    ids=[getattr(i, "id", None) or i[0] for i in ODD_INPUTS],  # pytest.param has its own
)
def test_odd_inputs_return_an_article(name: str, html: bytes | str, warning: str) -> None:
    data = html if isinstance(html, bytes) else html.encode("utf-8", "surrogatepass")
    lxml = lxml_seconds(data)
    with outside_world_watched() as touched:
        start = clock()
        art = boilerstrip.extract(html)
        elapsed = clock() - start
    assert not touched
    assert isinstance(art, Article) and isinstance(art.text, str)
    assert "\x00" not in art.text
    assert "hidden" not in art.text
    if warning:
        assert any(warning in w for w in art.warnings), art.warnings
    if not art.text:
        assert art.warnings
    assert elapsed <= budget(lxml), f"{name}: {elapsed:.3f} s, lxml {lxml:.3f} s"


def test_lying_meta_is_overruled() -> None:
    data = article_page(3, "<meta charset='windows-1251'>").replace("The committee", "Комитет")
    art = boilerstrip.extract(data.encode("utf-8"))
    assert art.encoding == "utf-8"
    assert art.text.startswith("Комитет met")


def test_mixed_utf8_and_legacy_pieces_are_each_read_in_their_own_encoding() -> None:
    # A legacy (windows-1251) page with a UTF-8 paragraph.
    art = boilerstrip.extract(_mixed_encodings("utf-8", "cp1251"))
    assert "Café naïve." in art.text and RUSSIAN.strip() in art.text, art.text
    assert any("mixes encodings" in w and "cp1251" in w for w in art.warnings), art.warnings
    # A UTF-8 page with windows-1252 paragraphs.
    french = "Le café était fermé à Noël, après la fête. "
    page = (
        f"<article><p>{RUSSIAN}</p><p>{RUSSIAN}</p><p>".encode()
        + french.encode("cp1252")
        + f"</p><p>{RUSSIAN}</p><p>".encode()
        + french.encode("cp1252")
        + b"</p></article>"
    )
    art = boilerstrip.extract(page)
    assert art.text.count(french.strip()) == 2 and art.text.count(RUSSIAN.strip()) == 3
    assert art.encoding == "utf-8"
    assert any("mixes encodings" in w and "cp1252" in w for w in art.warnings), art.warnings


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_stretches_in_an_8_bit_page_are_read(codec: str) -> None:
    page = _mixed_encodings("utf-8", codec, "utf-8")
    art = boilerstrip.extract(page)
    assert art.text.count("The committee met") == 3 and art.text.count("Café naïve.") == 2
    assert any("mixes encodings" in w and "UTF-16" in w for w in art.warnings), art.warnings


def test_legacy_text_that_holds_utf8_by_chance_is_not_mixed() -> None:
    """In windows-1251 "Её" is also valid UTF-8 ("Ÿ"); read in windows-1251 it makes sense."""
    text = RUSSIAN + "Её брат сказал: её книга лучше. Её ждали. "
    art = boilerstrip.extract(article_page(3).replace(PROSE, text).encode("cp1251"))
    assert art.encoding == "cp1251"
    assert "Её брат" in art.text and "Её ждали" in art.text
    assert not any("mixes" in w for w in art.warnings), art.warnings


# --- binary input ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "what"), BINARY_INPUTS, ids=[b[0] for b in BINARY_INPUTS])
def test_binary_input_gives_no_text_and_says_what_it_looks_like(
    name: str, data: bytes, what: str
) -> None:
    values: list[bytes | str] = [
        data,
        data.decode("latin-1"),
        data.decode("cp1252", "replace"),
        data.decode("utf-8", "replace"),
        data.decode("utf-8", "surrogateescape"),
    ]
    for value in values:
        art = boilerstrip.extract(value)
        assert art.text == "", (name, type(value), art.text[:80])
        said = [w for w in art.warnings if "looks like" in w]
        assert len(said) == 1 and f"looks like {what}" in said[0], (type(value), art.warnings)
        assert "not HTML; nothing was read" in said[0]


_CHINESE = "北京市政府星期二公布了新的预算，图书馆将在春天开放。居民们对这个消息感到高兴。"

TEXT_WITH_NULS_OR_CONTROLS: list[tuple[str, bytes, str]] = [
    ("utf-16-bom", article_page(3).encode("utf-16"), "The committee met"),
    ("utf-16-le", article_page(3).encode("utf-16-le"), "The committee met"),
    ("utf-16-be", article_page(3).encode("utf-16-be"), "The committee met"),
    ("utf-32", article_page(3).encode("utf-32"), "The committee met"),
    ("chinese-utf-16-bom", article_page(3).replace(PROSE, _CHINESE).encode("utf-16"), _CHINESE),
    ("chinese-utf-16-le", article_page(3).replace(PROSE, _CHINESE).encode("utf-16-le"), _CHINESE),
    ("chinese-utf-16-be", article_page(3).replace(PROSE, _CHINESE).encode("utf-16-be"), _CHINESE),
    # Few NULs (a script past U+00FF): the tags tell.
    (
        "chinese-utf-16-le-long",
        f"<p>{_CHINESE * 40}</p><p>{_CHINESE}</p>".encode("utf-16-le"),
        _CHINESE,
    ),
    (
        "chinese-utf-16-be-long",
        f"<p>{_CHINESE * 40}</p><p>{_CHINESE}</p>".encode("utf-16-be"),
        _CHINESE,
    ),
    ("a-few-nuls", article_page(3).replace("budget", "bud\x00get").encode(), "The committee met"),
    ("nul-padded", article_page(3).encode() + bytes(100_000), "The committee met"),
    ("a-few-controls", article_page(3).replace(" the ", " \x01the\x02 ").encode(), "committee"),
    ("pdf-in-prose", article_page(3).replace("The committee", "%PDF-1.7 The").encode(), "met"),
]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    TEXT_WITH_NULS_OR_CONTROLS,
    ids=[t[0] for t in TEXT_WITH_NULS_OR_CONTROLS],
)
def test_text_with_nuls_or_controls_is_not_binary(name: str, data: bytes, expected: str) -> None:
    art = boilerstrip.extract(data)
    assert expected in art.text, (name, art.encoding, art.text[:80], art.warnings)
    assert not any("looks like" in w for w in art.warnings), art.warnings


@pytest.mark.parametrize(
    "text",
    [
        "Городской совет собрался во вторник.<div></div>",  # three letters read as FF D8 FF
        "中文网页的第一句话。<p>正文</p>",
        "Ελληνικά κείμενα<p>x</p>",
    ],
)
def test_a_str_opening_with_letters_is_no_file_signature(text: str) -> None:
    """A ``str`` whose first characters are letters past U+00FF is text, not a JPEG or any
    file read as text: only characters that a byte decodes to stand for a signature's bytes."""
    art = boilerstrip.extract(text)
    assert not any("looks like" in w for w in art.warnings), art.warnings
    assert any(text.split("<")[0] in block.text for block in art.blocks), art.blocks


# --- the promise holds even on a bug; warnings quote little of the input --------------------


def test_an_internal_error_still_gives_an_article(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("a bug in a stage " + "x" * 100_000)

    monkeypatch.setattr(boilerstrip.api, "segment", broken)
    for value in (article_page(3), article_page(3).encode()):
        art = boilerstrip.extract(value)
        assert isinstance(art, Article) and art.text == ""
        failed = [w for w in art.warnings if w.startswith("extraction failed")]
        assert len(failed) == 1 and "KeyError" in failed[0], art.warnings
        assert len(failed[0]) < 200, failed[0]
        assert boilerstrip.extract_text(value) == ""
    with pytest.raises(TypeError):  # a wrong argument type is still the caller's error
        boilerstrip.extract(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ("", "x" * 100_000),
        ("", "text/html; charset=" + "x" * 100_000),
        ("<meta charset='" + "x" * 3000 + "'>", None),
        ("<meta http-equiv=Content-Type content='text/html; charset=" + "x" * 3000 + "'>", None),
        ("<meta charset='" + "x" * 3000 + "'>", "y" * 100_000),
    ],
)
def test_warnings_quote_at_most_60_characters_of_a_charset(head: str, encoding: str | None) -> None:
    art = boilerstrip.extract(article_page(3, head).encode(), encoding=encoding)
    assert art.text.startswith("The committee met")
    quoting = [w for w in art.warnings if "xxx" in w or "yyy" in w]
    assert quoting, art.warnings
    for warning in quoting:
        assert "x" * 61 not in warning and "y" * 61 not in warning, warning[:200]
        assert "x" * 60 in warning or "y" * 60 in warning
        assert len(warning) < 200


# --- nothing read from disk or network -------------------------------------------------------


def _passwd_lines() -> list[str]:
    try:
        text = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [line for line in text.splitlines() if len(line) > 8]


XXE_PAGES = [
    '<!DOCTYPE html [<!ENTITY x SYSTEM "{uri}">]><html><body><p>{p}&x;{p}</p><p>{p}</p>'
    "</body></html>",
    '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "{uri}">]><html><body><p>{p}&x;</p>'
    "<p>{p}</p></body></html>",
    '<!DOCTYPE html [<!ENTITY % e SYSTEM "{uri}"> %e; <!ENTITY x "&#x25;e;">]><html><body><p>'
    "{p}&x;</p><p>{p}</p></body></html>",
    '<!DOCTYPE html SYSTEM "{uri}"><html><body><p>{p}</p><p>{p}</p></body></html>',
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{uri}"><html><body><p>{p}</p>'
    "<p>{p}</p></body></html>",
    '<?xml-stylesheet href="{uri}"?><html xmlns:xi="http://www.w3.org/2001/XInclude"><body>'
    '<p>{p}<xi:include href="{uri}" parse="text"/></p><p>{p}</p></body></html>',
    '<html><head><base href="{uri}"><link rel=stylesheet href="{uri}">'
    '<meta http-equiv=refresh content="0; url={uri}"><script src="{uri}"></script></head><body>'
    '<p>{p}<img src="{uri}"><iframe src="{uri}"></iframe><object data="{uri}"></object></p>'
    '<p>{p}</p><frameset><frame src="{uri}"></frameset></body></html>',
]


@pytest.mark.parametrize("template", XXE_PAGES)
def test_external_entities_do_not_leak_etc_passwd(template: str) -> None:
    html = template.format(uri="file:///etc/passwd", p=PROSE)
    for value in (html, html.encode()):
        with outside_world_watched() as touched:
            art = boilerstrip.extract(value)
        assert not touched
        assert "The committee met" in art.text
        assert "root:" not in art.text
        for line in _passwd_lines():
            assert line not in art.text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("template", XXE_PAGES)
def test_referenced_files_are_never_opened(template: str, tmp_path: Path) -> None:
    """The page points at a named pipe: opening it for reading would block until a writer
    comes, so an extraction that does not finish in time has tried to read it."""
    fifo = tmp_path / "secret.fifo"
    os.mkfifo(fifo)
    html = template.format(uri=fifo.as_uri(), p=PROSE).encode()
    results: list[Article] = []
    worker = threading.Thread(target=lambda: results.append(boilerstrip.extract(html)))
    worker.daemon = True
    worker.start()
    worker.join(10)
    if worker.is_alive():
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # release the blocked reader
        os.write(fd, b"LEAKED-SECRET")
        os.close(fd)
        worker.join(10)
        pytest.fail("the extraction opened the file the page points at")
    assert "LEAKED" not in results[0].text


@pytest.mark.parametrize("template", XXE_PAGES)
def test_referenced_urls_are_never_fetched(template: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.settimeout(0.05)
        port = server.getsockname()[1]
        html = template.format(uri=f"http://127.0.0.1:{port}/secret", p=PROSE)
        with outside_world_watched() as touched:
            art = boilerstrip.extract(html.encode())
        assert not touched
        assert "The committee met" in art.text
        with pytest.raises(TimeoutError):  # a connection would be waiting in the backlog
            server.accept()


# --- max_bytes -------------------------------------------------------------------------------


def _marked_page(paragraphs: int) -> str:
    """Prose, then a marker paragraph at the very end."""
    return article_page(paragraphs).replace(
        "</article>", f"<p>{PROSE}THE-END-MARKER.</p></article>"
    )


def test_max_bytes_default_is_16_mib() -> None:
    for fn in (boilerstrip.extract, boilerstrip.extract_text):
        param = inspect.signature(fn).parameters["max_bytes"]
        assert param.kind is inspect.Parameter.KEYWORD_ONLY
        assert param.default == DEFAULT_MAX_BYTES == 16 * 1024 * 1024


def test_max_bytes_cuts_bytes_and_str_with_a_warning() -> None:
    html = _marked_page(20)
    limit = len(html) // 2
    values: list[tuple[str | bytes | bytearray, str]] = [
        (html.encode(), "bytes"),
        (bytearray(html.encode()), "bytes"),
        (html, "characters"),
    ]
    for value, unit in values:
        art = boilerstrip.extract(value, max_bytes=limit)
        assert "THE-END-MARKER" not in art.text
        assert art.text.startswith("The committee met")
        cut = [w for w in art.warnings if "max_bytes" in w]
        assert len(cut) == 1 and unit in cut[0] and f"{limit:,}" in cut[0], art.warnings
        assert "THE-END-MARKER" in boilerstrip.extract_text(value, max_bytes=len(value))
        assert "THE-END-MARKER" in boilerstrip.extract_text(value, max_bytes=None)
        assert "THE-END-MARKER" not in boilerstrip.extract_text(value, max_bytes=limit)


def test_max_bytes_at_or_above_the_size_changes_nothing() -> None:
    data = _marked_page(5).encode()
    whole = boilerstrip.extract(data)
    for limit in (len(data), len(data) + 1, None):
        art = boilerstrip.extract(data, max_bytes=limit)
        assert art == whole


def test_max_bytes_does_not_split_a_character() -> None:
    page = "<article>" + "".join(f"<p>{RUSSIAN}</p>" for _ in range(8)) + "</article>"
    data = page.encode("utf-8")
    for limit in range(len(data) // 2, len(data) // 2 + 4):  # one of them falls mid-character
        art = boilerstrip.extract(data, max_bytes=limit)
        assert art.encoding == "utf-8"
        assert "\ufffd" not in art.text
        assert not any("replaced" in w or "broken" in w for w in art.warnings), art.warnings
    for codec in ("utf-16", "utf-32"):
        data = page.encode(codec)
        for limit in range(len(data) // 2, len(data) // 2 + 4):
            art = boilerstrip.extract(data, max_bytes=limit)
            assert art.text.startswith("Городской совет"), codec
            assert "\ufffd" not in art.text, codec


def test_max_bytes_leaves_trees_alone() -> None:
    root = etree.fromstring(_marked_page(5), etree.HTMLParser())
    art = boilerstrip.extract(root, max_bytes=10)
    assert "THE-END-MARKER" in art.text
    assert not any("max_bytes" in w for w in art.warnings)


def test_max_bytes_of_one() -> None:
    art = boilerstrip.extract(b"<p>x</p>", max_bytes=1)
    assert art.text == "" and any("max_bytes" in w for w in art.warnings)


# --- max_elements ----------------------------------------------------------------------------


def test_max_elements_default_is_the_walks() -> None:
    for fn in (boilerstrip.extract, boilerstrip.extract_text, boilerstrip.api.analyze):
        param = inspect.signature(fn).parameters["max_elements"]
        assert param.kind is inspect.Parameter.KEYWORD_ONLY
        assert param.default == "auto"
    assert dict(DEFAULT_MAX_ELEMENTS) == {"compiled": 50_000, "python": 20_000}
    assert dict(DEFAULT_MAX_INLINE) == {"compiled": 100_000, "python": 60_000}
    assert default_max_elements() == DEFAULT_MAX_ELEMENTS[walk.IMPLEMENTATION]
    assert default_max_inline() == DEFAULT_MAX_INLINE[walk.IMPLEMENTATION]


@pytest.mark.parametrize("value", ["auto", None])
def test_the_default_limit_is_the_walks_own(value: str | None) -> None:
    """``"auto"`` (the default, whether passed or not) cuts a page right after the walk's own
    number of block-level elements, and says the number."""
    limit = default_max_elements()
    html = b"<body>" + b"<div></div>" * (limit - 2) + b"<p>" + PROSE.encode() + b"</p>"
    assert PROSE.strip() in boilerstrip.extract_text(html)  # body, divs, p: limit elements
    past = html + b"<p>END-MARKER " + PROSE.encode() + b"</p>"
    art = (
        boilerstrip.extract(past)
        if value is None
        else boilerstrip.extract(past, max_elements="auto")
    )
    assert "END-MARKER" not in art.text
    assert any(f"max_elements={limit:,} " in w for w in art.warnings), art.warnings
    assert "END-MARKER" in boilerstrip.extract_text(past, max_elements=limit + 2)


def test_the_default_inline_limit_is_the_walks_own() -> None:
    """``"auto"`` reads the walk's own number of inline elements, not 20 times its block-level
    number (as an explicit ``max_elements`` does), and the warning says both numbers."""
    inline = default_max_inline()
    words = b"<b>w</b> " * inline  # exactly the limit: read whole
    html = b"<body><p>" + words + PROSE.encode() + b"</p>"
    assert PROSE.strip() in boilerstrip.extract_text(html)
    past = b"<body><p>" + words + b"<b>w</b> END-MARKER " + PROSE.encode() + b"</p>"
    art = boilerstrip.extract(past)
    assert "END-MARKER" not in art.text
    cut = [w for w in art.warnings if "max_elements" in w]
    assert len(cut) == 1 and f"{default_max_elements():,} block-level, {inline:,} inline" in cut[0]
    assert "END-MARKER" in boilerstrip.extract_text(past, max_elements=inline // 20 + 1)


def test_max_elements_cuts_any_input_with_a_warning() -> None:
    html = _marked_page(20)  # body, nav, article, h1, 21 paragraphs: 25 block elements
    tree = etree.fromstring(html, etree.HTMLParser())
    for value in (html, html.encode(), tree):
        art = boilerstrip.extract(value, max_elements=10)
        assert art.text.startswith("The committee met") and "THE-END-MARKER" not in art.text
        assert art.text.count("The committee met") == 6  # the paragraphs before the 11th
        cut = [w for w in art.warnings if "max_elements" in w]
        assert len(cut) == 1 and "max_elements=10 " in cut[0], art.warnings
        assert "THE-END-MARKER" not in boilerstrip.extract_text(value, max_elements=10)
        for limit in (None, 25, "auto"):
            whole = boilerstrip.extract(value, max_elements=limit)
            assert "THE-END-MARKER" in whole.text and not whole.warnings, limit
        assert "THE-END-MARKER" in boilerstrip.extract_text(value, max_elements=25)
    assert any("max_elements" in w for w in boilerstrip.extract(html, max_elements=24).warnings)


def test_max_elements_of_one_reads_no_block() -> None:
    art = boilerstrip.extract(b"<p>x</p>", max_elements=1)
    assert art.text == "" and any("max_elements=1 " in w for w in art.warnings), art.warnings


@pytest.mark.parametrize("name", ["max_bytes", "max_elements"])
@pytest.mark.parametrize("value", ["1000", "Auto", 1.5, True, False, [10], b"10"])
def test_limit_of_a_wrong_type(name: str, value: object) -> None:
    with pytest.raises(TypeError, match=name):
        boilerstrip.extract("<p>x</p>", **{name: value})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=name):
        boilerstrip.extract_text(b"<p>x</p>", **{name: value})  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["max_bytes", "max_elements"])
@pytest.mark.parametrize("value", [0, -1, -(2**70)])
def test_limit_out_of_range(name: str, value: int) -> None:
    with pytest.raises(ValueError, match=name):
        boilerstrip.extract("<p>x</p>", **{name: value})  # type: ignore[arg-type]


# --- no recursion ----------------------------------------------------------------------------


def _deep_tree(depth: int) -> etree._Element:
    tb = etree.TreeBuilder()
    tb.start("html", {})
    tb.start("body", {})
    tags = ["div", "span", "section", "b", "li", "td"]
    for i in range(depth):
        tb.start(tags[i % len(tags)], {"class": f"c{i % 7}"})
    tb.data(PROSE)
    for i in reversed(range(depth)):
        tb.end(tags[i % len(tags)])
    tb.start("p", {})
    tb.data(PROSE)
    tb.end("p")
    tb.end("body")
    tb.end("html")
    root: etree._Element = tb.close()
    return root


def _with_recursion_limit(limit: int, work: Callable[[], Article]) -> Article:
    """Run ``work`` in a fresh thread (its stack starts empty) with the interpreter's
    recursion limit lowered to ``limit`` while it runs."""
    results: list[Article] = []
    errors: list[BaseException] = []

    def target() -> None:
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(limit)
        try:
            results.append(work())
        except BaseException as exc:
            errors.append(exc)
        finally:
            sys.setrecursionlimit(old)

    boilerstrip.extract(article_page(3).encode())  # warm up: lazy imports are deep
    worker = threading.Thread(target=target)
    worker.start()
    worker.join()
    if errors:
        raise errors[0]
    return results[0]


def test_the_recursion_limit_bites() -> None:
    """The harness works: 300 nested Python calls fail under the limit the test uses."""

    def nest(depth: int) -> Article:
        return nest(depth - 1) if depth else boilerstrip.extract("<p>x</p>")

    with pytest.raises(RecursionError):
        _with_recursion_limit(200, lambda: nest(300))
    assert _with_recursion_limit(200, lambda: nest(100)).text == ""


DEEP_INPUTS: list[tuple[str, Callable[[], object]]] = [
    ("divs-str", lambda: nested_divs(100_000).decode()),
    ("divs-bytes", lambda: nested_divs(100_000)),
    ("tables", lambda: nested_tables(100_000)),
    ("inline", lambda: b"<q><abbr>" * 50_000 + PROSE.encode() + b"</abbr></q>" * 50_000),
    ("lists", lambda: b"<ul><li>" * 50_000 + PROSE.encode()),
    # A tree is not flattened: every level is a node of the pipeline (about 30 us each).
    ("tree", lambda: _deep_tree(20_000)),
]


@pytest.mark.parametrize(("name", "make"), DEEP_INPUTS, ids=[d[0] for d in DEEP_INPUTS])
def test_no_python_recursion_on_100000_deep_pages(name: str, make: Callable[[], object]) -> None:
    html = make()
    # No element limit: every level goes through every stage.
    art = _with_recursion_limit(200, lambda: boilerstrip.extract(html, max_elements=None))
    assert not any("RecursionError" in w or "failed" in w for w in art.warnings), art.warnings
    assert "The committee met" in art.text, (name, art.warnings)


# --- the evaluation pages --------------------------------------------------------------------


def _jobs() -> int:
    return max(1, int(os.environ.get("BOILERSTRIP_GATE_JOBS", "2")))


def test_every_evaluation_page_extracts_in_under_a_second(walk_path: Implementation) -> None:
    """Every evaluation page (1,704: about 16 s of CPU, 9 s on CI's 2 cores, so no sampling)
    extracts without an exception, a failure warning or a cut at ``max_elements`` (a real page
    cut there would say the default is too low), each in under a second. Pages are
    spread over ``BOILERSTRIP_GATE_JOBS`` (default 2) worker processes, each timing its own."""
    root = evaldata_root()
    sets = available_sets(root)
    if not sets:
        pytest.skip(f"no evaluation data at {root}")
    pages = [page for s in sets for page in iter_pages(s, root)]
    with ProcessPoolExecutor(_jobs()) as pool:
        results = list(
            pool.map(
                timed_extraction,
                [str(p.html_path) for p in pages],
                [p.url for p in pages],
                [walk_path] * len(pages),
                chunksize=16,
            )
        )
    named = [(f"{p.set}/{p.id}", t, err) for p, (t, err) in zip(pages, results, strict=True)]
    failed = [f"{name}: {err}" for name, _, err in named if err]
    slow = [f"{name}: {t:.2f} s" for name, t, _ in named if t >= 1.0]
    worst = max(named, key=lambda row: row[1])
    print(f"{len(pages)} pages; slowest {worst[0]}: {worst[1]:.3f} s")
    assert not failed, f"pages that failed: {failed}"
    assert not slow, f"pages over a second: {slow}"


# --- fuzzing finds ---------------------------------------------------------------------------

#: Inputs benchmarks/fuzz.py found to crash or hang something, kept as regressions.
FUZZ_FINDS: list[bytes] = [
    # A crash of the harness itself (it decoded with "surrogatepass"), not of the library:
    # kept for its shape, a lone continuation byte before a <meta> in text.
    base64.b64decode("9XA+SGVsbG8sc3BhbiB3b4tsZC4iPgo8bWV0YSBhIHPlbnZlbmNlLjwvcD4="),
    # 2026-11-27, reduced by hand: a "[" in the canonical link's host made urlsplit raise
    # "Invalid IPv6 URL" in the date-from-URL fallback; extract() caught it as an internal
    # error and returned no text.
    b'<link rel="canonical" href="https://w<![CDATA[x.example/2024/03/05/story">'
    + prose_paragraphs(2),
    # The same in the image and canonical addresses made absolute against a page URL.
    b'<meta property="og:image" content="//[img.png"><link rel="canonical" href="/[x">'
    + prose_paragraphs(2),
    # Found by reading the code after that find: colspans that str.isdigit() accepts and int()
    # refuses ("²"), or too long for int() (5,000 digits), before a kept cell.
    "<table><tr><td colspan='²'>a</td><td>".encode()
    + prose_paragraphs(1)
    + b"</td></tr></table>"
    + prose_paragraphs(2),
    b"<table><tr><td colspan='"
    + b"9" * 5000
    + b"'>a</td><td>"
    + prose_paragraphs(1)
    + b"</td></tr></table>"
    + prose_paragraphs(2),
]


@pytest.mark.parametrize("data", FUZZ_FINDS)
@pytest.mark.parametrize("url", [None, "https://example.org/2024/01/02/a", "https://[bad/x"])
def test_fuzz_finds(data: bytes, url: str | None) -> None:
    for value in (data, data.decode("utf-8", "surrogateescape"), data.decode("latin-1")):
        art = boilerstrip.extract(value, url=url)
        assert isinstance(art, Article) and isinstance(art.text, str)
        assert not any(w.startswith("extraction failed") for w in art.warnings), art.warnings
        art.to_markdown(), art.to_html(), art.to_dict()


def test_bom_only_and_tiny_inputs() -> None:
    for data in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, b"<", b"&", b"\xff"):
        art = boilerstrip.extract(data)
        assert isinstance(art, Article) and art.warnings


@pytest.mark.parametrize("opener", ["<ul><li>", "<ol><li>", "<table><tr><td>", "<blockquote>"])
def test_output_forms_of_deeply_nested_frames(opener: str) -> None:
    """Lists, tables and quotes nested 300 deep, each level with its own text: the output forms
    walk frames recursively, and 300 levels once made ``to_html()`` raise RecursionError."""
    html = "<article>" + "".join(f"{opener}{PROSE} Level {i}." for i in range(300))
    art = boilerstrip.extract(html)
    assert art.text.count("The committee met") > 250, art.warnings

    def forms() -> Article:
        art.to_markdown()
        art.to_html(document=True)
        art.to_dict()
        return art

    _with_recursion_limit(250, forms)
    assert "Level 299." in art.to_html() and "Level 299." in art.to_markdown()
