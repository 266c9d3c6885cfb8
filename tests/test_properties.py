"""Property-based tests (hypothesis): random HTML trees and random bytes.

- nothing raises, and the text is a ``str``;
- nothing is invented: every token of the output occurs in the visible text of the parsed page;
- the same input gives the same Article;
- any ``max_elements`` cuts a page (with a warning) only when it has more elements;
- an Article's text, wrapped in ``<p>`` elements and extracted again, comes back unchanged (for
  pages of prose, where a sane extractor keeps every paragraph).

Runs are bounded (100 examples a test) so that the file takes seconds; set
``BOILERSTRIP_EXAMPLES`` for a longer hunt (``BOILERSTRIP_EXAMPLES=5000 python -m pytest
tests/test_properties.py``).
"""

from __future__ import annotations

import html as html_lib
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip import Article
from boilerstrip.article import MODES
from boilerstrip.config import INLINE_PER_BLOCK_ELEMENT
from boilerstrip.encoding import binary_kind, binary_warning, decode_html
from boilerstrip.pipeline import walk
from boilerstrip.pipeline.parse import parse_html
from boilerstrip.pipeline.segment import segment
from tests.conftest import walking

#: Every test here runs on each segment walk: the pure-Python one and the compiled twin (when
#: it is built), so both hold what these tests promise.
pytestmark = pytest.mark.usefixtures("walk_path")

SETTINGS = settings(
    max_examples=int(os.environ.get("BOILERSTRIP_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TAGS = [
    "div", "p", "span", "a", "b", "i", "em", "strong", "ul", "ol", "li", "table", "tbody", "tr",
    "td", "th", "h1", "h2", "h3", "pre", "br", "hr", "blockquote", "section", "article", "nav",
    "aside", "header", "footer", "main", "figure", "figcaption", "img", "code", "q", "dl", "dt",
    "dd", "font", "center", "form", "label", "svg", "math", "script", "style", "noscript",
    "template", "textarea", "title", "iframe", "select", "option", "button", "xmp", "plaintext",
    "frameset", "frame", "noframes", "object", "details", "summary", "x-custom", "body", "html",
    "head", "meta",
]  # fmt: skip

ATTRIBUTES = st.sampled_from(
    [
        "",
        " class='content'",
        " class='nav menu'",
        " class='related-posts'",
        " id='comments'",
        " id='article-body'",
        " role='navigation'",
        " itemprop='articleBody'",
        " hidden",
        " aria-hidden='true'",
        " style='display:none'",
        " style='color: red'",
        " href='/x'",
        " href='http://127.0.0.1:9/'",
        " src='file:///etc/passwd'",
        " dir='rtl'",
        " lang='ja'",
        " title='&amp;<>'",
        ' data-x="a\'b"',
        " charset='windows-1251'",
    ]
)

WORDS = [
    "the", "committee", "met", "on", "Tuesday", "budget,", "library", "spring.", "Home",
    "Related", "Share", "By", "2024-03-05", "café", "naïve", "Straße", "Городской", "совет",
    "утвердил.", "مرحبا", "بالعالم", "שלום", "日本語の", "文章です。", "中文", "句子，", "한국어",
    "ภาษาไทย", "😀", "👍🏽", "\u200f", "\u202e", "\u00a0", "\u3000", "&amp;", "&lt;", "&gt;",
    "&nbsp;", "&eacute;", "&#233;", "&#x1F600;", "&#0;", "&#xD800;", "&#99999999;", "&bogus;",
    "&", "<", ">", "\x00", "\x0b", "\ufffd", "\r\n", "\t", "--", "<!--", "-->", "]]>", "\\",
]  # fmt: skip

TEXT = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=12).map(" ".join)


def _element(tag: str, attrs: str, children: list[str], closed: bool) -> str:
    close = f"</{tag}>" if closed else ""
    return f"<{tag}{attrs}>{''.join(children)}{close}"


NODES = st.recursive(
    TEXT,
    lambda children: st.builds(
        _element,
        st.sampled_from(TAGS),
        ATTRIBUTES,
        st.lists(children, max_size=5),
        st.sampled_from([True, True, True, False]),  # closed, mostly
    ),
    max_leaves=20,
)

PREFIXES = st.sampled_from(
    [
        "",
        "<!DOCTYPE html>",
        "<html><head><title>A title | Site</title></head><body>",
        "<?xml version='1.0' encoding='utf-8'?>",
        '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        "<meta charset='shift_jis'>",
        "\ufeff",
    ]
)

PAGES = st.builds(
    lambda prefix, nodes: prefix + "".join(nodes), PREFIXES, st.lists(NODES, max_size=4)
)


def _visible_text(html: str) -> str:
    """All the text of the cleaned tree, pieces joined with nothing between them: a token of
    the output must be a substring of it (blocks are cut at element edges, never inside a
    word, so no output token can span two pieces that are not adjacent here)."""
    root = parse_html(html)
    return "" if root is None else "".join(str(t) for t in root.itertext())


def _check_article(art: Article) -> None:
    assert isinstance(art, Article)
    assert isinstance(art.text, str)
    assert all(isinstance(w, str) for w in art.warnings)
    assert not any(w.startswith("extraction failed") for w in art.warnings), art.warnings
    if not art.text:
        assert art.warnings, "an empty result must say why"


@SETTINGS
@given(PAGES, st.sampled_from(MODES))
def test_random_trees_never_raise(html: str, mode: str) -> None:
    _check_article(boilerstrip.extract(html, mode=mode))  # type: ignore[arg-type]
    _check_article(boilerstrip.extract(html.encode("utf-8", "surrogatepass")))


@SETTINGS
@given(
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<meta charset=utf-16>"])
    | st.binary(max_size=40),
    st.binary(max_size=3000),
    st.sampled_from([None, "utf-8", "shift_jis", "utf-16", "text/html; charset=bogus"]),
)
def test_random_bytes_never_raise(prefix: bytes, data: bytes, encoding: str | None) -> None:
    _check_article(boilerstrip.extract(prefix + data, encoding=encoding))


@SETTINGS
@given(PAGES, st.sampled_from(MODES))
def test_nothing_is_invented(html: str, mode: str) -> None:
    visible = _visible_text(html)
    text = boilerstrip.extract_text(html, mode=mode)  # type: ignore[arg-type]
    for token in text.split():
        assert token in visible, token


@SETTINGS
@given(st.binary(min_size=1, max_size=3000).map(lambda b: b"<p>" + b))
def test_nothing_is_invented_from_bytes(data: bytes) -> None:
    visible = _visible_text(decode_html(data).text)
    for token in boilerstrip.extract_text(data).split():
        assert token in visible, token


@SETTINGS
@given(PAGES)
def test_same_input_same_output(html: str) -> None:
    first = boilerstrip.extract(html)
    assert boilerstrip.extract(html) == first
    data = html.encode("utf-8", "surrogatepass")
    assert boilerstrip.extract(data) == boilerstrip.extract(data)


@SETTINGS
@given(PAGES, st.integers(1, 6))
def test_the_element_limit_cuts_only_past_it(html: str, limit: int) -> None:
    """With any ``max_elements``: an Article, nothing invented, and a warning when the page
    has more block-level elements than the limit, or more inline ones than theirs; else none."""
    art = boilerstrip.extract(html, max_elements=limit)
    _check_article(art)
    kind = binary_kind(html)
    if kind is not None:  # taken for binary data: nothing is read, so nothing is cut
        assert art.text == ""
        assert art.warnings == (binary_warning(kind),)
        return
    visible = _visible_text(html)
    for token in art.text.split():
        assert token in visible, token
    root = parse_html(html)
    blocks = 0 if root is None else len(segment(root).nodes)
    every = 0 if root is None else sum(1 for _ in root.iter())  # inline ones are fewer
    cut = any("max_elements" in w for w in art.warnings)
    if blocks > limit:
        assert cut, (blocks, limit)
    if cut:
        assert blocks > limit or every > limit * INLINE_PER_BLOCK_ELEMENT, (blocks, every, limit)


# --- the extractor's own output is a fixed point ---------------------------------------------

PROSE_WORDS = [
    "the", "committee", "met", "on", "tuesday", "to", "review", "budget", "and", "its",
    "members", "agreed", "after", "long", "debate", "that", "new", "library", "would", "open",
    "in", "spring", "council", "voted", "road", "repairs", "begin", "summer", "residents",
    "asked", "questions", "about", "parking", "schools", "river", "bridge", "weather",
    "mayor", "said", "plans", "were", "ready", "next", "year", "café", "naïve", "über",
]  # fmt: skip

SENTENCES = st.lists(st.sampled_from(PROSE_WORDS), min_size=8, max_size=24).map(
    lambda words: " ".join(words).capitalize() + "."
)
PARAGRAPHS = st.lists(SENTENCES, min_size=2, max_size=5).map(" ".join)

LAYOUTS = [
    "<html><head><title>News</title></head><body>{body}</body></html>",
    "<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><article>{body}</article>"
    "<footer><a href='/about'>About us</a></footer></body></html>",
    "<div class='page'><div class='content'>{body}</div><aside class='sidebar'><ul>"
    "<li><a href='/1'>Another story</a></li></ul></aside></div>",
]


@SETTINGS
@given(st.lists(PARAGRAPHS, min_size=3, max_size=8), st.sampled_from(LAYOUTS))
def test_extracting_the_output_again_keeps_it(paragraphs: list[str], layout: str) -> None:
    body = "".join(f"<p>{html_lib.escape(p)}</p>" for p in paragraphs)
    first = boilerstrip.extract_text(layout.format(body=body))
    assert first, "several paragraphs of prose must give some text"
    again = "".join(f"<p>{html_lib.escape(line)}</p>" for line in first.split("\n"))
    assert boilerstrip.extract_text(again) == first


@pytest.mark.skipif(walk.COMPILED is None, reason="the compiled walk is not built")
@SETTINGS
@given(PAGES, st.sampled_from(MODES), st.sampled_from([None, 1, 3, 8000]))
def test_both_walks_give_the_same_article(html: str, mode: str, limit: int | None) -> None:
    """The compiled segment walk is the pure-Python one's twin: the same Article (text, blocks
    with their features and rules, markup, warnings) on any page, at any element limit."""
    with walking("python"):
        expected = boilerstrip.extract(html, mode=mode, max_elements=limit)  # type: ignore[arg-type]
    with walking("compiled"):
        got = boilerstrip.extract(html, mode=mode, max_elements=limit)  # type: ignore[arg-type]
        text = boilerstrip.extract_text(html, mode=mode, max_elements=limit)  # type: ignore[arg-type]
    assert got == expected
    assert text == expected.text
    root = parse_html(html)
    if root is not None:
        for keep in (True, False):
            assert walk.compiled_segment(root, keep_elements=keep, max_elements=limit) == segment(
                root, keep_elements=keep, max_elements=limit
            )
