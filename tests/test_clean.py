"""The compiled twins of parse's steps (issue 17). The cleaning: the twin of
``parse.clean_tree`` leaves the tree the pure-Python reference leaves (the same serialization:
elements, attributes, text and tails), on hand-made trees, on the hostile shapes, on every
fixture and every development page; a tree it does not take is cleaned in Python; a proxy held
into a dropped subtree stays usable. The attribute limit: the twin of
``parse.limit_attributes`` gives the same bytes and count on generated crowded markup, the
hostile shapes, the fixtures and every development page."""

from __future__ import annotations

import gc
import random
import sys
from collections.abc import Callable
from functools import partial

import pytest
from lxml import etree

from benchmarks.twins import leave_as_parsed, serialized
from boilerstrip.config import JSON_LD_META, MAX_JSON_LD_SCRIPTS
from boilerstrip.encoding import decode_html
from boilerstrip.pipeline import walk
from boilerstrip.pipeline.parse import MAX_ATTRIBUTES, clean_tree, limit_attributes, parse_html
from tests.conftest import dev_page_texts, fixture_cases
from tests.test_hostile import DEFAULT_SHAPES, Shape, sized

needs_compiled = pytest.mark.skipif(
    walk.COMPILED is None, reason="the compiled walk is not built (or BOILERSTRIP_PURE is set)"
)
pytestmark = needs_compiled


Made = etree._Element | tuple[etree._Element, etree._Element] | None


def _both(make: Callable[[], Made]) -> bytes:
    """Clean two trees from ``make()`` (a root, or the root and the element to clean), one per
    cleaning; the two must serialize alike. Returns the serialization."""
    trees = []
    for cleaner in (clean_tree, walk.compiled_clean):
        made = make()
        assert made is not None
        root, target = made if isinstance(made, tuple) else (made, made)
        cleaner(target)
        trees.append(serialized(root))
    assert trees[0] == trees[1]
    return trees[0]


def _html(text: str | bytes, *, comments: bool = False) -> etree._Element:
    return etree.fromstring(text, etree.HTMLParser(remove_comments=not comments))


CASES = [
    # runs of dropped siblings, their tails joined onto the text before them
    "<div>a<script>s</script>b<style>x</style>c<p>p</p>d<span hidden>h</span>e</div>",
    "<div><script>s</script>b<style>x</style><p>p</p><input>c<br>d</div>",
    "<div>x<p>p</p>tail<script></script><style></style><svg><g/></svg></div>",
    "<p><span hidden></span><span hidden>y</span>z<i>k</i><b aria-hidden=true>q</b></p>",
    "<div>a<!--c--><script>s</script>b<?pi x?><noscript>n</noscript>c</div>",
    # titles: dropped in a body, kept in the head
    "<html><head><title>T</title></head><body><div><title>t</title>after</div></body></html>",
    "<html><body><title>t</title>x<title>u</title>y</body></html>",
    # the hiding attributes and their values
    '<p>a<i aria-hidden=" TRUE ">b</i>c<i aria-hidden="false">d</i>e<i aria-hidden="">f</i></p>',
    '<p>a<i aria-hidden="\u00a0true">b</i>c<i aria-hidden="tru\u00e9">d</i>e</p>',
    '<p>a<i style="DISPLAY : none">b</i>c<i style="color:red;  visibility:hidden">d</i>e</p>',
    '<p>a<i style="x;display:nonesuch">b</i>c<i style="fontdisplay:none">d</i>e</p>',
    '<p>a<i style="display: block">b</i>c<i style="">d</i>e<i style>f</i>g<i hidden="">h</i></p>',
    '<p>a<i style="content:\'\u00e9\';display:none">b</i>c<i style="di\u017fplay:none">d</i></p>',
    '<p>a<i style="\u3000display:none">b</i>c<i style="\x1cdisplay:none">d</i>e</p>',
    '<p>a<i style="display\t:\x0bnone;">b</i>c<i style=";;visibility:HIDDEN">d</i>e</p>',
    # hidden in hidden, invisible in hidden, the root hidden
    '<html hidden><body><div hidden>a<p style="display:none">b</p>c</div>d</body></html>',
    "<html><body hidden><p>x</p></body></html>",
    # characters lxml's setters refuse, in the joined text: all become spaces
    "<p>a\x0cb<span hidden>x</span>c\x01d<span hidden>y</span>\ufffee</p>",
    "<p><span hidden>x</span>c\x0bd\uffff<b>k</b></p>",
    # JSON-LD: kept, in order, whatever tag holds the script
    '<html><head><script type="application/LD+JSON">{"a":1}</script></head><body>'
    '<noscript><script type=" ld+json ">{"b":2}</script></noscript>'
    '<script type="ld+jsonx">{"c":3}</script><script type="ld+json"></script>'
    '<script>{"d":4}</script><p>x</p></body></html>',
    "<p>no html element<script type='application/ld+json'>{}</script>tail</p>",
    "",  # a fragment of one text
]


@pytest.mark.parametrize("html", CASES)
def test_hand_made_trees_clean_alike(html: str) -> None:
    text = html or "just text"
    _both(lambda: _html(text))
    _both(lambda: _html(text, comments=True))


def test_json_ld_scripts_past_the_limit_are_not_kept() -> None:
    scripts = "".join(
        f'<script type="application/ld+json">{{"n": {i}}}</script>' for i in range(50)
    )
    out = _both(lambda: _html(f"<html><body>{scripts}<p>x</p></body></html>"))
    assert out.count(JSON_LD_META.encode()) == MAX_JSON_LD_SCRIPTS


def test_an_element_below_the_body_is_cleaned_alike() -> None:
    html = "<html><body><div><title>t</title><script>s</script>a<p>x</p></div></body></html>"

    def below() -> tuple[etree._Element, etree._Element]:
        root = _html(html)
        div = root.find(".//div")
        assert div is not None
        return root, div

    out = _both(below)
    assert b"<title>" in out and b"<script>" not in out


@pytest.mark.parametrize("tag", ["script", "title", "svg"])
def test_a_cleaned_element_dropped_from_its_parent_is_left_to_python(tag: str) -> None:
    def inner() -> tuple[etree._Element, etree._Element]:
        root = _html(f"<html><body><p>a<{tag}>x</{tag}>b</p></body></html>")
        el = root.find(f".//{tag}")
        assert el is not None
        return root, el

    _both(inner)


def test_trees_the_walk_does_not_take_are_cleaned_in_python() -> None:
    xml = b"<!DOCTYPE r [<!ENTITY e 'ent'>]><r><p>a<script>s</script>&e;<![CDATA[c]]></p></r>"
    parser = etree.XMLParser(resolve_entities=False, strip_cdata=False)
    _both(lambda: etree.fromstring(xml, parser))
    tree = etree.fromstring(xml, parser)
    assert walk.COMPILED is not None
    assert walk.COMPILED.clean_walk(tree, ("script",), 1, str.isspace, str.isspace) is None
    assert tree.find(".//script") is not None  # untouched


def test_a_proxy_into_a_dropped_subtree_stays_usable() -> None:
    root = _html("<div>a<noscript><p>held<b>bold</b></p></noscript>b<span hidden>x</span></div>")
    held = root.find(".//b")
    hidden = root.find(".//span")
    assert held is not None and hidden is not None
    walk.compiled_clean(root)
    assert serialized(root).endswith(b"<div>ab</div></body></html>")
    assert held.text == "bold" and held.getparent() is not None and hidden.text == "x"
    assert held.getparent().getparent().tag == "noscript"  # type: ignore[union-attr]
    del held, hidden
    gc.collect()
    assert serialized(root).endswith(b"<div>ab</div></body></html>")


@pytest.mark.parametrize("shape", DEFAULT_SHAPES, ids=[s[0] for s in DEFAULT_SHAPES])
def test_hostile_shapes_clean_alike(shape: Shape) -> None:
    _, maker, size, _ = shape
    data = maker(sized(size))
    text = decode_html(data).text
    _both(partial(parse_html, text, clean=leave_as_parsed))


def test_every_fixture_cleans_alike() -> None:
    for case in fixture_cases():
        text = decode_html((case / "source.html").read_bytes()).text
        _both(partial(parse_html, text, clean=leave_as_parsed))


def test_every_dev_page_cleans_alike() -> None:
    """Every development page of the evaluation sets present (skipped without them, as on
    CI), cleaned both ways."""
    count = 0
    for text in dev_page_texts():
        if parse_html(text, clean=leave_as_parsed) is not None:
            _both(partial(parse_html, text, clean=leave_as_parsed))
            count += 1
    assert count > 1000, count


# --- The attribute limit ---------------------------------------------------------------------

needs_the_pattern = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="before Python 3.11 the Python scan does nothing"
)


def _limited_alike(data: bytes) -> int:
    expected = limit_attributes(data)
    assert walk.compiled_limit_attributes(data) == expected
    return expected[1]


#: Pieces of markup the generated pages are made of: tags, quotes, comments and raw text,
#: broken in every way.
PIECES = [
    *(b"<", b">", b"/", b" ", b"\t", b"\n", b"\f", b"\v", b"=", b'"', b"'", b"`", b"a", b"-"),
    *(b"<!--", b"-->", b"--!>", b"<!-->", b"<!", b"<?", b"<1", b"</", b"!", b"\x00", b"\xc3\xa9"),
    *(b"<script", b"</script>", b"<ScRiPt", b"</SCRIPT ", b"<style ", b"<plaintext", b"<title>"),
    *(b"</title/", b"<xmp/", b"<p", b"<div", b"<a ", b"b=c ", b'd="e f" ', b"g='h' ", b"i = j "),
]
CROWDED_TAGS = [b"<p", b"<script", b"<STYLE", b"<textarea", b"<plaintext", b"<a", b"<title"]


def _crowded(rng: random.Random, count: int) -> bytes:
    shapes = [b" a%d", b" b%d=v", b' c%d="q q"', b"/d%d", b" e%d = 'z'", b'\tf%d="', b" g%d=<"]
    return b"".join(rng.choice(shapes) % i for i in range(count))


@needs_the_pattern
def test_generated_crowded_markup_is_limited_alike() -> None:
    rng = random.Random(17)
    crowded = 0
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 12)):
            if rng.random() < 0.25:
                count = rng.choice([1, 200, MAX_ATTRIBUTES - 1, MAX_ATTRIBUTES, MAX_ATTRIBUTES + 1])
                end = rng.choice([b">", b"/>", b"", b" >", b"x>"])
                parts.append(rng.choice(CROWDED_TAGS) + _crowded(rng, count) + end)
            else:
                parts.append(b"".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8))))
        crowded += _limited_alike(b"".join(parts)) > 0
    assert crowded > 100, crowded  # the crowded tags were reached, behind all the rest


@needs_the_pattern
@pytest.mark.parametrize("shape", DEFAULT_SHAPES, ids=[s[0] for s in DEFAULT_SHAPES])
def test_hostile_shapes_are_limited_alike(shape: Shape) -> None:
    _, maker, size, _ = shape
    _limited_alike(maker(sized(size)))


@needs_the_pattern
def test_fixtures_and_dev_pages_are_limited_alike() -> None:
    count = 0
    for case in fixture_cases():
        _limited_alike(decode_html((case / "source.html").read_bytes()).text.encode())
    for text in dev_page_texts():
        _limited_alike(text.encode("utf-8", "surrogatepass"))
        count += 1
    assert count > 1000, count


def test_the_limit_must_be_one_at_least() -> None:
    assert walk.COMPILED is not None
    with pytest.raises(ValueError):
        walk.COMPILED.limit_attributes(b"<p a>", 0)
