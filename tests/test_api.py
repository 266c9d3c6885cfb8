"""The public API: input types, bad input, modes, decoding paths."""

from __future__ import annotations

import codecs
import dataclasses

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from lxml import html as lxml_html

import boilerstrip
from boilerstrip import Article
from boilerstrip.article import Block

PARA = (
    "The committee met on Tuesday to review the budget, and its members agreed, after a long"
    " debate, that the new library would open in the spring. "
)


def page(body: str, head: str = "") -> str:
    return (
        f"<html><head>{head}<title>Library opens | Town News</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
        f"<article><h1>Library opens</h1>{body}</article>"
        "<footer><a href='/about'>About us</a> <a href='/privacy'>Privacy</a></footer>"
        "</body></html>"
    )


ARTICLE = page("".join(f"<p>{PARA}Paragraph {i}.</p>" for i in range(4)))


def test_extract_returns_article_with_body_only() -> None:
    art = boilerstrip.extract(ARTICLE, url="https://example.org/a")
    assert isinstance(art, Article)
    assert art.url == "https://example.org/a"
    assert art.title == "Library opens"
    lines = art.text.split("\n")
    assert len(lines) == 4
    assert all(line.startswith("The committee met") for line in lines)
    assert "Home" not in art.text and "Privacy" not in art.text
    assert "Library opens" not in art.text  # the title is not body text


def test_extract_text_equals_extract_text_attribute() -> None:
    assert boilerstrip.extract_text(ARTICLE) == boilerstrip.extract(ARTICLE).text


def test_blocks_say_why_they_were_dropped() -> None:
    art = boilerstrip.extract(ARTICLE)
    dropped = [b for b in art.blocks if not b.kept]
    assert dropped, "the nav and footer should be dropped blocks"
    assert all(b.rule for b in dropped)
    assert all(b.rule is None for b in art.blocks if b.kept)
    home = next(b for b in art.blocks if b.text == "Home")
    assert home.rule == "outside-main-content"
    assert home.features.link_density == 1.0
    assert home.path.endswith("nav/ul/li")
    assert [b.index for b in art.blocks] == list(range(len(art.blocks)))


def test_block_records_are_whole_frozen_blocks() -> None:
    """``_blocks`` sets each Block's slots itself: every field is set, and the record is the
    one the constructor makes, frozen as it is."""
    art = boilerstrip.extract(ARTICLE)
    for block in art.blocks:
        values = [getattr(block, f.name) for f in dataclasses.fields(Block)]
        assert Block(*values) == block
        with pytest.raises(dataclasses.FrozenInstanceError):
            block.text = "x"  # type: ignore[misc]


def test_block_paths_keep_the_last_eight_labels() -> None:
    boxes = "".join(f"<div class='b{i} x'>" for i in range(12))
    ends = "</div>" * 12
    deep = page(f"{boxes}<p class='lead'>{PARA}</p><p>{PARA}</p>{ends}<p>{PARA}</p>")
    paths = [b.path for b in boilerstrip.extract(deep).blocks if b.text.startswith("The")]
    assert paths == [
        ".../div.b5/div.b6/div.b7/div.b8/div.b9/div.b10/div.b11/p.lead",
        ".../div.b5/div.b6/div.b7/div.b8/div.b9/div.b10/div.b11/p",
        "body/article/p",
    ]


def test_article_is_frozen() -> None:
    art = boilerstrip.extract(ARTICLE)
    with pytest.raises(AttributeError):
        art.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize("value", [None, 12, 3.5, ["<p>x</p>"], {"html": 1}, object()])
def test_wrong_types_raise_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="str, bytes, an lxml element"):
        boilerstrip.extract(value)


def test_bad_mode_and_option_types() -> None:
    with pytest.raises(ValueError, match="precision, balanced, recall"):
        boilerstrip.extract(ARTICLE, mode="fast")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="encoding"):
        boilerstrip.extract(b"<p>x</p>", encoding=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="url"):
        boilerstrip.extract(ARTICLE, url=b"http://x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        "",
        b"",
        "   \n\t ",
        b"\x00\x00\x00",
        "<p>\x00</p>",
        bytes(range(256)) * 8,
        b"\x89PNG\r\n\x1a\n" + bytes(200),
        "<html><head><title>Nothing here</title></head></html>",
        "<html><body></body></html>",
        "<<<>>><!--",
        "<script>var x = '<p>not text</p>';",
        "\ud800 lone surrogate",
    ],
)
def test_any_str_or_bytes_returns_an_article(value: str | bytes) -> None:
    art = boilerstrip.extract(value)
    assert isinstance(art, Article)
    assert isinstance(art.text, str)
    if not art.text:
        assert art.warnings, "an empty result must say why"


def test_empty_result_warnings_are_readable() -> None:
    assert "no HTML" in boilerstrip.extract("").warnings[-1]
    no_text = boilerstrip.extract("<html><head><title>t</title></head><body> </body></html>")
    assert "no visible text" in no_text.warnings[-1]


def test_modes_order_by_how_much_they_keep() -> None:
    side = "<aside class='sidebar'><p>" + PARA * 2 + "</p></aside>"
    html = page("".join(f"<p>{PARA}</p>" for i in range(5)) + "<p>Short one here.</p>") + side
    sizes = {m: len(boilerstrip.extract_text(html, mode=m)) for m in ("precision", "recall")}
    balanced = len(boilerstrip.extract_text(html))
    assert sizes["precision"] <= balanced <= sizes["recall"]


def test_lxml_element_and_tree_inputs_are_not_mutated() -> None:
    root = lxml_html.document_fromstring(ARTICLE)
    before = etree.tostring(root)
    assert boilerstrip.extract_text(root) == boilerstrip.extract_text(ARTICLE)
    assert boilerstrip.extract_text(root.getroottree()) == boilerstrip.extract_text(ARTICLE)
    assert etree.tostring(root) == before


def test_xhtml_and_capitalized_trees_read_as_html() -> None:
    """XHTML parsed as XML (or by html5lib) puts every tag in a namespace; a tree built by
    hand may use capitals. Both once read as one block, words glued across elements."""
    expected = boilerstrip.extract_text(ARTICLE)
    xhtml = ARTICLE.replace("<html>", '<html xmlns="http://www.w3.org/1999/xhtml">', 1)
    parser = etree.XMLParser(recover=True, no_network=True, resolve_entities=False)
    namespaced = etree.fromstring(xhtml.encode(), parser)
    assert namespaced.tag == "{http://www.w3.org/1999/xhtml}html"
    before = etree.tostring(namespaced)
    assert boilerstrip.extract_text(namespaced) == expected
    assert etree.tostring(namespaced) == before  # the caller's tree is left as it was
    capitals = lxml_html.document_fromstring(ARTICLE)
    for el in capitals.iter(etree.Element):
        el.tag = el.tag.upper()
    assert boilerstrip.extract_text(capitals) == expected


def test_beautifulsoup_inputs() -> None:
    soup = BeautifulSoup(ARTICLE, "html.parser")
    assert boilerstrip.extract_text(soup) == boilerstrip.extract_text(ARTICLE)
    tag = soup.find("article")
    assert tag is not None
    text = boilerstrip.extract_text(tag)
    assert text.startswith("The committee met")


RUSSIAN = (
    "Городской совет во вторник утвердил бюджет на следующий год. Депутаты долго спорили, но в"
    " итоге решили, что новая библиотека откроется весной, а ремонт дорог начнётся летом. "
)


def ru_page(head: str = "") -> str:
    return page("".join(f"<p>{RUSSIAN}</p>" for _ in range(3)), head)


def test_bytes_declared_by_argument_charset_and_content_type() -> None:
    data = ru_page().encode("cp1251")
    for declared in ("windows-1251", "text/html; charset=windows-1251", "CP1251"):
        art = boilerstrip.extract(data, encoding=declared)
        assert art.text.startswith("Городской совет"), declared


def test_bytes_declared_by_meta() -> None:
    data = ru_page("<meta charset='windows-1251'>").encode("cp1251")
    assert boilerstrip.extract_text(data).startswith("Городской совет")
    data = ru_page(
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    ).encode("cp1251")
    assert boilerstrip.extract_text(data).startswith("Городской совет")


def test_bytes_bom_wins() -> None:
    data = codecs.BOM_UTF8 + ru_page("<meta charset='windows-1251'>").encode("utf-8")
    art = boilerstrip.extract(data, encoding="windows-1251")
    assert art.text.startswith("Городской совет")
    data16 = ru_page().encode("utf-16")
    assert boilerstrip.extract_text(data16).startswith("Городской совет")


def test_bytes_strict_utf8_and_detection() -> None:
    assert boilerstrip.extract_text(ru_page().encode("utf-8")).startswith("Городской совет")
    undeclared = ru_page().encode("cp1251")
    art = boilerstrip.extract(undeclared)
    assert art.text.startswith("Городской совет")
    assert art.encoding is not None and "1251" in art.encoding


def test_latin1_label_is_read_as_windows_1252() -> None:
    html = page(f"<p>{PARA}\u201cquoted\u201d</p>" * 3)
    data = html.encode("cp1252")
    text = boilerstrip.extract_text(data, encoding="iso-8859-1")
    assert "\u201cquoted\u201d" in text


def test_encoding_as_header_bytes_like_scrapy_keeps_them() -> None:
    data = ru_page().encode("cp1251")
    text = boilerstrip.extract_text(data, encoding=b"text/html; charset=windows-1251")
    assert text.startswith("Городской совет")
