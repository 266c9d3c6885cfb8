"""Stage 1, parse: what a reader cannot see never reaches the tree; tails always do."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from boilerstrip.config import MAX_JSON_LD_SCRIPTS
from boilerstrip.pipeline.parse import (
    INVISIBLE_TAGS,
    JSON_LD_META,
    clean_tree,
    is_hidden,
    parse_html,
    prepare_tree,
)


def _text(root: etree._Element) -> str:
    return "".join(str(t) for t in root.itertext())


def _body_text(html: str) -> str:
    root = parse_html(html)
    assert root is not None
    return _text(root)


def _tags(root: etree._Element) -> set[str]:
    return {el.tag for el in root.iter() if isinstance(el.tag, str)}


def test_scripts_styles_and_friends_are_removed_with_their_tails_kept() -> None:
    html = (
        "<p>a<script>var x = 1;</script>b<style>p {color: red}</style>c"
        "<noscript>enable js</noscript>d<template><b>tpl</b></template>e"
        "<svg><text>svg text</text></svg>f</p>"
    )
    root = parse_html(html)
    assert root is not None
    assert _text(root) == "abcdef"
    assert _tags(root) == {"html", "body", "p"}


def test_form_controls_are_removed_with_their_tails_kept() -> None:
    html = (
        "<div>Name<input value='typed value'>:<button>Send it</button> then"
        "<select><option>Option one</option></select> and"
        "<textarea>draft text</textarea> end</div>"
    )
    assert _body_text(html) == "Name: then and end"


def test_comments_are_removed_with_their_tails_kept() -> None:
    root = parse_html("<p>before<!-- a secret comment -->after</p>")
    assert root is not None
    assert _text(root) == "beforeafter"
    assert not [el for el in root.iter() if isinstance(el, etree._Comment)]


def test_every_invisible_tag_is_removed() -> None:
    # void elements (input, embed) have no content to test this way
    tags = [t for t in INVISIBLE_TAGS if t not in ("input", "embed")]
    html = "".join(f"<div>keep{i}<{tag}>gone{i}</{tag}>tail{i}</div>" for i, tag in enumerate(tags))
    text = _body_text(html)
    assert "gone" not in text
    assert text == "".join(f"keep{i}tail{i}" for i in range(len(tags)))


@pytest.mark.parametrize(
    "attrs",
    [
        "hidden",
        'hidden="hidden"',
        'aria-hidden="true"',
        'style="display:none"',
        'style="color: red; display: none"',
        'style="visibility:hidden"',
        'style="margin:0;visibility: hidden;"',
    ],
)
def test_hidden_elements_are_removed_with_their_tails_kept(attrs: str) -> None:
    assert _body_text(f"<div>A<p {attrs}>secret <b>text</b></p>B</div>") == "AB"


@pytest.mark.parametrize(
    "attrs",
    [
        'aria-hidden="false"',
        'style="border: none"',
        'style="max-width:none"',
        'style="overflow:hidden"',
        'style="background: url(hidden.png)"',
        'class="hidden-xs"',
    ],
)
def test_look_alikes_of_hidden_stay(attrs: str) -> None:
    assert _body_text(f"<div>A<p {attrs}>shown</p>B</div>") == "AshownB"


def test_is_hidden() -> None:
    assert is_hidden(etree.fromstring('<p style="COLOR:red; DISPLAY : NONE"/>'))
    assert is_hidden(etree.fromstring('<p aria-hidden=" TRUE "/>'))
    assert not is_hidden(etree.fromstring('<p style="text-decoration: none"/>'))
    assert not is_hidden(etree.fromstring("<p/>"))


@pytest.mark.parametrize(
    "attrs", ['style="DISPLAY: NONE"', 'style="Visibility:Hidden"', 'aria-hidden="True"']
)
def test_hidden_is_case_insensitive(attrs: str) -> None:
    assert _body_text(f"<div>A<p {attrs}>secret</p>B</div>") == "AB"


def test_nested_hidden_elements() -> None:
    html = (
        "<div>1<div hidden>2<p aria-hidden='true'>3</p>4</div>"
        "5<span style='display:none'>6</span>7</div>"
    )
    assert _body_text(html) == "157"


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PAYLOAD", encoding="utf-8")
    html = (
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "{secret.as_uri()}">'
        '<!ENTITY y SYSTEM "file:///etc/passwd">]>'
        "<html><body><p>start &x; middle &y; end</p></body></html>"
    )
    root = parse_html(html)
    assert root is not None
    text = _text(root)
    assert "TOP-SECRET-PAYLOAD" not in text
    assert "root:" not in text
    assert "start" in text and "end" in text
    assert etree.tostring(root).count(b"TOP-SECRET") == 0


def test_nul_bytes_do_not_cut_or_leak_into_text() -> None:
    root = parse_html("<p>before\x00after</p><p>next\x00</p>")
    assert root is not None
    paragraphs = [_text(p) for p in root.iter("p")]
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("before") and paragraphs[0].endswith("after")
    assert paragraphs[1].startswith("next")
    assert all("\x00" not in p for p in paragraphs)


@pytest.mark.parametrize("text", ["", " ", "\n\t  \r\n  "])
def test_empty_or_whitespace_input_is_none(text: str) -> None:
    assert parse_html(text) is None


def test_plain_text_is_a_page() -> None:
    root = parse_html("just a line of text")
    assert root is not None
    assert _text(root) == "just a line of text"


def test_deep_nesting_parses_without_recursion_error() -> None:
    html = "<div>" * 5000 + "deep" + "</div>" * 5000
    root = parse_html(html)
    assert root is not None
    assert root.tag == "html"
    assert "deep" in "".join(root.itertext())


def test_deep_nesting_keeps_its_text() -> None:
    html = "<div>" * 5000 + "deep" + "</div>" * 5000 + "<p>after</p>"
    text = _body_text(html)
    assert "deep" in text
    assert "after" in text


def test_prepare_tree_cleans_a_copy_and_leaves_the_callers_tree_alone() -> None:
    parser = etree.HTMLParser(remove_comments=False)
    html = (
        "<html><body><div>a<script>s()</script>b<!-- note -->c"
        "<p hidden>gone</p>d<p>kept</p></div></body></html>"
    )
    original = etree.fromstring(html, parser)
    before = etree.tostring(original)

    cleaned = prepare_tree(original)

    assert etree.tostring(original) == before
    assert cleaned is not original
    assert _text(cleaned) == "abcdkept"
    assert "script" not in _tags(cleaned)
    assert not [el for el in cleaned.iter() if isinstance(el, etree._Comment)]
    # the original still has everything
    assert _text(original).count("gone") == 1
    assert original.find(".//script") is not None
    assert len([el for el in original.iter() if isinstance(el, etree._Comment)]) == 1


def test_a_page_swallowed_by_an_unclosed_title_is_read_as_body() -> None:
    story = "<p>" + "A sentence of the story that the title swallowed whole. " * 30 + "</p>"
    html = "<html><head><title>Broken title<script>x</script>" + story * 2 + "</html>"
    warnings: list[str] = []
    root = parse_html(html, warnings)
    assert root is not None
    assert "A sentence of the story" in "".join(root.find("body").itertext())  # type: ignore[union-attr]
    assert any("<title>" in w for w in warnings)


def test_a_broken_html_start_tag_does_not_lose_the_page() -> None:
    story = "<p>" + "Words of the page after a broken html tag, a long run of them. " * 20 + "</p>"
    # An unbalanced quote in the html tag: libxml2 alone reads an empty <html>.
    html = (
        '<!DOCTYPE html>\n<html xmogo.jpg" alt="Free &amp; News" width="145" border="0" />'
        "</a></td><td><table><tr><td>" + story + "</td></tr>"
    )
    assert len(etree.fromstring(html.encode(), etree.HTMLParser())) == 0
    warnings: list[str] = []
    root = parse_html(html, warnings)
    assert root is not None
    assert "Words of the page" in "".join(root.itertext())
    assert any("<html>" in w for w in warnings)


@pytest.mark.parametrize(
    "text",
    [
        "<p>Plain text.</p>",
        "<p>Кириллица и 日本語.</p>",
        "<p>a\x00b</p>\x00<div>\x00</div>",
        "\x00",
        "",
        "   ",
    ],
)
def test_parse_reads_the_given_utf8_as_it_would_the_text(text: str) -> None:
    said: list[str] = []
    tree = parse_html(text, said)
    given: list[str] = []
    same = parse_html(text.encode("utf-8"), given)
    assert given == said
    if tree is None:
        assert same is None
    else:
        assert same is not None
        assert etree.tostring(same) == etree.tostring(tree)


def test_only_the_first_json_ld_scripts_are_kept() -> None:
    scripts = "".join(
        f'<script type="application/ld+json">{{"n": {i}}}</script>'
        for i in range(MAX_JSON_LD_SCRIPTS + 8)
    )
    root = parse_html(f"<html><head>{scripts}</head><body><p>Text.</p></body></html>")
    assert root is not None
    kept = [m.get("content") for m in root.iter("meta") if m.get("name") == JSON_LD_META]
    assert kept == [f'{{"n": {i}}}' for i in range(MAX_JSON_LD_SCRIPTS)]
    assert root.find(".//script") is None


def test_titles_are_dropped_in_a_body_below_the_cleaned_element_only() -> None:
    """A <title> in the body is dropped; cleaning an element below the body reads the body
    above it as outside, as the walk from that element down does."""
    html = "<html><body><div><title>t</title><p>x</p></div></body></html>"
    whole = etree.fromstring(html)
    clean_tree(whole)
    assert whole.find(".//title") is None
    part = etree.fromstring(html)
    div = part.find(".//div")
    assert div is not None
    clean_tree(div)
    assert part.find(".//title") is not None
