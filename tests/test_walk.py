"""The two segment walks (issue 17): the compiled twin gives what the pure-Python reference
gives, on every fixture, in every mode, at every element limit, on odd trees; the switch says
which runs, the environment turns the compiled one off, and a build for another lxml is not
used (a warning says so)."""

from __future__ import annotations

import html as html_lib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import boilerstrip
from boilerstrip.api import Article
from boilerstrip.article import MODES
from boilerstrip.encoding import decode_html
from boilerstrip.pipeline import walk
from boilerstrip.pipeline.features import compute_features, features, own_hints
from boilerstrip.pipeline.parse import parse_html
from boilerstrip.pipeline.segment import Node, Segmentation, record_fields
from boilerstrip.pipeline.segment import segment as python_segment
from tests.conftest import ROOT, fixture_cases, walking

needs_compiled = pytest.mark.skipif(
    walk.COMPILED is None, reason="the compiled walk is not built (or BOILERSTRIP_PURE is set)"
)

#: Limits that cut every fixture somewhere, and none.
LIMITS = (None, 1, 2, 5, 40, 8000)


def _both(root: etree._Element, *, keep_elements: bool, max_elements: int | None) -> None:
    expected = python_segment(root, keep_elements=keep_elements, max_elements=max_elements)
    got = walk.compiled_segment(root, keep_elements=keep_elements, max_elements=max_elements)
    assert got.blocks == expected.blocks
    assert got.nodes == expected.nodes
    assert got.unfinished == expected.unfinished
    assert got.walked is not None and expected.walked is None
    # what features makes of each: the C finish of the compiled walk, the Python stage
    hints = own_hints(expected.nodes)
    assert features(got) == (hints, tuple(compute_features(expected, hints)))
    # the same elements, not equal copies: lxml hands back the same proxy for a node
    assert len(got.elements) == len(expected.elements)
    assert all(a is b for a, b in zip(got.elements, expected.elements, strict=True))


def _extract_both(html: str | bytes, **options: object) -> tuple[Article, Article]:
    with walking("python"):
        expected = boilerstrip.extract(html, **options)  # type: ignore[arg-type]
    with walking("compiled"):
        got = boilerstrip.extract(html, **options)  # type: ignore[arg-type]
    return expected, got


#: Set by .ci/run where a C compiler is there: the install must have built the compiled walk,
#: so that its tests run rather than skip.
EXPECT_COMPILED = "BOILERSTRIP_EXPECT_COMPILED"


def test_the_compiled_walk_is_built_where_it_is_expected() -> None:
    if os.environ.get(EXPECT_COMPILED, "") in ("", "0"):
        pytest.skip(f"{EXPECT_COMPILED} is not set (no C compiler, or not on CI)")
    assert walk.COMPILED is not None, "a C compiler is there but the compiled walk was not built"


def test_the_switch_names_the_walk_in_use() -> None:
    with walking("python"):
        assert walk.segment(parse_html("<p>One.</p>")).blocks[0].text == "One."


def test_the_environment_turns_the_compiled_walk_off() -> None:
    code = "from boilerstrip.pipeline import walk; print(walk.IMPLEMENTATION)"
    env = {**os.environ, walk.PURE_ENV: "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.stdout.strip() == "python", out.stderr


@needs_compiled
def test_a_build_for_another_lxml_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    fastwalk = walk.COMPILED
    monkeypatch.setattr(fastwalk, "COMPATIBLE", False)
    monkeypatch.setattr(fastwalk, "RUNNING", ("0.0.1", "2.0.0"))
    with pytest.warns(RuntimeWarning, match=r"built for lxml .* but lxml 0\.0\.1"):
        assert walk.load_compiled() is None
    with pytest.raises(RuntimeError):  # and the walk itself refuses to touch lxml's C API
        walk.compiled_segment(parse_html("<p>One.</p>"))


class _Refuses:
    """An import hook that fails to load the compiled module the way a build for another
    lxml can: Cython's check of lxml's type sizes raises ValueError at import."""

    def find_spec(self, name: str, path: object, target: object = None) -> None:
        if name == "boilerstrip.pipeline.fastwalk":
            raise ValueError(
                "lxml.etree._Element size changed, may indicate binary incompatibility"
            )


@needs_compiled
def test_a_module_that_cannot_load_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import boilerstrip.pipeline as pipeline

    monkeypatch.delitem(sys.modules, "boilerstrip.pipeline.fastwalk")
    monkeypatch.delattr(pipeline, "fastwalk")
    monkeypatch.setattr(sys, "meta_path", [_Refuses(), *sys.meta_path])
    with pytest.warns(RuntimeWarning, match="cannot be loaded .*ValueError.*size changed"):
        assert walk.load_compiled() is None


def test_a_walk_that_is_not_built_is_not_missed(tmp_path: Path) -> None:
    """A copy of the package without the built module (as ``CC=false pip install .`` leaves
    it) runs the Python walk, and says nothing about it at import."""
    shutil.copytree(
        ROOT / "boilerstrip",
        tmp_path / "boilerstrip",
        ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", "*.c"),
    )
    code = "from boilerstrip.pipeline import walk; print(walk.IMPLEMENTATION)"
    env = {k: v for k, v in os.environ.items() if k != walk.PURE_ENV}
    out = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert (out.stdout.strip(), out.stderr) == ("python", "")


@needs_compiled
@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: p.name)
def test_fixtures_segment_alike(case: Path) -> None:
    root = parse_html(decode_html((case / "source.html").read_bytes()).text)
    assert root is not None
    for limit in LIMITS:
        for keep in (True, False):
            _both(root, keep_elements=keep, max_elements=limit)


@needs_compiled
@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: p.name)
def test_fixtures_extract_alike_in_every_mode(case: Path) -> None:
    html = (case / "source.html").read_bytes()
    for mode in MODES:
        expected, got = _extract_both(html, mode=mode)
        assert got == expected  # text, blocks with their features and rules, markup, metadata
        assert got.to_markdown() == expected.to_markdown()
        with walking("compiled"):
            text = boilerstrip.extract_text(html, mode=mode)
        assert text == expected.text


#: Trees the HTML parser never makes, passed in as lxml trees: namespaces (XHTML read as XML),
#: entity references, comments and processing instructions with tails, CDATA.
ODD_TREES = {
    "xhtml": '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>One <a href="x">two</a></p>'
    "<div>Three</div></body></html>",
    "entity": '<!DOCTYPE d [<!ENTITY e "EE">]><div class="x&e;y"><p>a&e;b <a href="x">c&e;</a></p>'
    "<p>&e; tail</p></div>",
    "comments": "<div><p>a<!-- c -->b<?pi x?>c<br/>d</p><!-- x -->e<p>f</p></div>",
    "cdata": "<div><p><![CDATA[one < two]]> three</p><pre>  x\n\n  y  </pre></div>",
    "inline-root": '<a href="x">Link <b>bold</b><p>para</p> tail</a>',
    "pre-root": "<pre> a\n b<br/>c </pre>",
    "spaces": "<div><p>\u00a0a\u2003b\u3000c\x85d\u200ae\u205f<br/>\u00a0<br/>f\U0001f600 g</p>"
    '<p><a href="x">\u00a0l\u2028m</a><br/><a href="y">n</a>. Done!</p>'
    "<p>\t\n</p><li>Café, ok? Yes.</li></div>",
    "attributes": '<div xmlns:m="urn:m" m:class="ns" class="" id="x"><p m:id="n" id="I D"'
    ' role="r" itemprop="p">One</p><p class="ΟΔΟΣ ΣΑΣ\'" id="\'Σ İx" role="ΣΣ">Σ</p>'
    '<p class="&amp;&#233;"><a href="">Two</a></p></div>',
    "dtd-attributes": '<!DOCTYPE d [<!ENTITY e "EE"><!ATTLIST p class CDATA "dflt">]>'
    '<div xmlns:m="urn:m" m:class="x" class="a&e;b" id=""><p>One</p><p class="own">Two</p></div>',
    "mixed-ns": '<div xmlns:m="urn:m"><m:p>In a namespace</m:p><p>Plain <m:a href="x">l</m:a>'
    "</p><m:br/><title>T</title></div>",
}


@needs_compiled
@pytest.mark.parametrize("name", sorted(ODD_TREES))
def test_odd_xml_trees_segment_alike(name: str) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(ODD_TREES[name], parser)
    for limit in LIMITS:
        for keep in (True, False):
            _both(root, keep_elements=keep, max_elements=limit)
    expected, got = _extract_both(root)
    assert got == expected


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["p", "pre", "a", "span", "li", "br"]),
            st.text(
                alphabet=" \t\n\u00a0\u2003\u3000\x85\x1c.,;:!?ab\u00e9\u4e2d\U0001f600"
                "\u3002\uff0c\u2026\u061f\u06d4\u0e01\uff70\uff65\u30a2\uac00"
            ),
        ),
        max_size=8,
    )
)
def test_random_text_segments_alike(pieces: list[tuple[str, str]]) -> None:
    """Any mix of white space (Unicode's too), marks (CJK and Arabic too), letters and wide
    characters, in and out of links, paragraphs, pre and line breaks: both walks cut it alike,
    and the features of the compiled walk are those features.py computes."""
    html = "".join(
        f"<{tag}/>{html_lib.escape(text)}"
        if tag == "br"
        else f'<{tag} href="x">{html_lib.escape(text)}</{tag}>{html_lib.escape(text)}'
        for tag, text in pieces
    )
    root = parse_html("<body>" + html)
    if root is None:
        return
    _both(root, keep_elements=True, max_elements=None)


@needs_compiled
def test_a_tree_100000_deep_segments_alike() -> None:
    """No C recursion: a tree far deeper than any C stack would take, built with a
    TreeBuilder (the parsers stop at a depth of 2048)."""
    tb = etree.TreeBuilder()
    tb.start("body", {})
    tags = ["div" if i % 3 else "a" for i in range(100_000)]
    for i, tag in enumerate(tags):
        tb.start(tag, {"href": "x"} if i % 7 == 0 else {})
        tb.data(f"w{i} ")
    for tag in reversed(tags):
        tb.end(tag)
        tb.data("tail ")
    tb.end("body")
    root = tb.close()
    _both(root, keep_elements=True, max_elements=None)
    _both(root, keep_elements=False, max_elements=8000)


@needs_compiled
def test_every_dev_page_segments_alike() -> None:
    """Every development page of the evaluation sets present (skipped without them, as on CI),
    segmented by both walks, with and without the default limit (about 20 s)."""
    from benchmarks.evaldata import available_sets, iter_pages

    sets = available_sets()
    if not sets:
        pytest.skip("no evaluation data here")
    count = 0
    for name in sets:
        for page in iter_pages(name):
            tree = parse_html(decode_html(page.html()).text)
            if tree is None:
                continue
            _both(tree, keep_elements=False, max_elements=8000)
            _both(tree, keep_elements=True, max_elements=None)
            count += 1
    assert count > 1000, count


def test_the_walk_makes_only_plain_records() -> None:
    """The compiled walk fills the slots of Node, RawBlock and Features itself: a dataclass
    whose __init__ does more, or that has no slots, is refused."""

    @dataclass
    class Loose:
        a: int

    @dataclass(slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            assert self.a > 0

    for cls in (Loose, Checked):
        with pytest.raises(TypeError):
            record_fields(cls)
    assert record_fields(Node)[-1] == "end_block"


@needs_compiled
def test_the_compiled_walk_refuses_records_it_cannot_fill() -> None:
    @dataclass(slots=True)
    class Short:
        a: int

    spec = walk.SPEC_ARGS
    with pytest.raises(TypeError):
        walk.COMPILED.Spec(*spec[:3], Short, ("a",), *spec[5:])
    with pytest.raises(TypeError):  # a name that is not a slot of the class
        walk.COMPILED.Spec(*spec[:4], ("index", "nope", *spec[4][2:]), *spec[5:])


@needs_compiled
@settings(max_examples=2000, deadline=None)
@given(
    st.integers(0, 10**6),
    st.integers(1, 10**6),
    st.floats(0, 1e12, allow_nan=False),
    st.integers(0, 4),
)
def test_the_compiled_rounding_is_pythons(tokens: int, columns: int, x: float, digits: int) -> None:
    """The features the compiled walk makes round as Python's round() does: densities and
    shares (ratios of counts), halves (to even), any float."""
    for value in (tokens / columns, tokens * 80 / columns, x, (2 * tokens + 1) / 2 / 10**digits):
        got = walk.COMPILED.rounded(value, digits)
        assert got == round(value, digits) and type(got) is float, (value, digits)


def test_segmentation_is_the_data_the_later_stages_read() -> None:
    assert isinstance(walk.segment(parse_html("<p>x</p>")), Segmentation)


#: Pieces of valid and ill-formed UTF-8: overlong forms, surrogates, past U+10FFFF, cut
#: sequences, lone continuation bytes, NUL, and ASCII runs long enough for the 8-byte steps.
_UTF8_PIECES = [
    b"a", b"<p>plain ascii text</p>", b"\x00", b"\xc3\xa9", b"\xe2\x80\x94", b"\xf0\x9f\x98\x80",
    b"\xf4\x8f\xbf\xbf", b"\xef\xbf\xbf", b"\xed\x9f\xbf", b"\xee\x80\x80", b"\x80", b"\xbf",
    b"\xc0\xaf", b"\xc1\xbf", b"\xc2", b"\xe0\x80\xaf", b"\xe0\x9f\xbf", b"\xe0\xa0\x80",
    b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xf0\x80\x80\x80", b"\xf0\x8f\xbf\xbf",
    b"\xf0\x90\x80\x80", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xff", b"\xe2\x80",
    b"\xf0\x9f\x98",
]  # fmt: skip


@needs_compiled
@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_UTF8_PIECES) | st.binary(max_size=12), max_size=24))
def test_the_compiled_utf8_check_is_pythons(pieces: list[bytes]) -> None:
    """The compiled check says valid exactly where ``bytes.decode("utf-8")`` succeeds."""
    data = b"".join(pieces)
    expected = walk.python_valid_utf8(data)
    assert walk.compiled_valid_utf8(data) is expected
    for cut in range(min(len(data), 12)):  # every end, at every offset of the 8-byte steps
        assert walk.compiled_valid_utf8(data[cut:]) is walk.python_valid_utf8(data[cut:])
        assert walk.compiled_valid_utf8(data[:-cut]) is walk.python_valid_utf8(data[:-cut])


@needs_compiled
def test_every_dev_page_is_valid_utf8_alike() -> None:
    from benchmarks.evaldata import available_sets, iter_pages

    sets = available_sets()
    if not sets:
        pytest.skip("no evaluation data here")
    for name in sets:
        for page in iter_pages(name):
            data = page.html()
            assert walk.compiled_valid_utf8(data) is walk.python_valid_utf8(data), page


#: What the head's reader looks for, and kinds the odd trees hold (namespaced, in the DTD).
_WANTED = (
    ("meta", ("name", "content", "property", "itemprop", "http-equiv")),
    ("link", ("rel", "href")),
    ("title", None),
    ("h1", None),
    ("time", None),
    ("p", ("class", "id", "m:class", "nope")),
    ("a", None),
)
_TAGGED_TREES = {
    **ODD_TREES,
    "head": '<html><head><meta name="a" content="b"/><meta property="og:title" content="T"'
    ' name="x" name2="y"/><link rel="canonical" href="/c"/><title>T</title></head><body>'
    '<h1>H <a href="/">x</a></h1><time datetime="2020">t</time><meta content="late"/>'
    "<!-- c --><?pi x?><p class='q'>p</p></body></html>",
}


def _tagged_alike(root: etree._Element) -> None:
    for wanted in (_WANTED, _WANTED[:3], (("zzz", None),), ()):
        expected = walk.tagged_elements(root, wanted, implementation="python")
        got = walk.compiled_tagged_elements(root, wanted)
        assert [tag for tag, _ in got] == [tag for tag, _ in expected]
        for (_, a), (_, b) in zip(got, expected, strict=True):
            assert a is b if isinstance(b, etree._Element) else a == b


@needs_compiled
@pytest.mark.parametrize("name", sorted(_TAGGED_TREES))
def test_odd_trees_give_the_same_tagged_elements(name: str) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(_TAGGED_TREES[name], parser)
    _tagged_alike(root)
    for el in root.iter(etree.Element):  # from any element, itself included
        _tagged_alike(el)


@pytest.mark.parametrize("implementation", ["python", "compiled"])
def test_a_tag_wanted_twice_is_refused_by_both_walks(implementation: walk.Implementation) -> None:
    if implementation == "compiled" and walk.COMPILED is None:
        pytest.skip("the compiled walk is not built (or BOILERSTRIP_PURE is set)")
    root = etree.fromstring("<r><meta name='a' content='b'/></r>")
    twice = (("meta", ("name",)), ("meta", ("content",)))
    with pytest.raises(ValueError, match="twice"):
        walk.tagged_elements(root, twice, implementation=implementation)


@needs_compiled
def test_pages_give_the_same_tagged_elements() -> None:
    """Every fixture, and every development page of the evaluation sets present."""
    from benchmarks.evaldata import available_sets, iter_pages

    pages = [case.read_bytes() for case in sorted((ROOT / "fixtures").glob("*/source.html"))]
    pages += [page.html() for name in available_sets() for page in iter_pages(name)]
    for data in pages:
        tree = parse_html(decode_html(data).text)
        if tree is not None:
            _tagged_alike(tree)
