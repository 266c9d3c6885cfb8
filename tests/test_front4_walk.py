"""Issue 17, round four (speed-front4): what the compiled walk now does its own way gives what
the pure-Python reference gives. The tokens of class/id/role/itemprop values come from a table
keyed by their bytes and, for ASCII values, are split in C; the hint words are matched by first
letter; ASCII text is measured without branches; the records and the tuples the walk keeps are
untracked by the cyclic GC. The binary check counts NUL bytes only when there is one."""

from __future__ import annotations

import gc
import html as html_lib
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from boilerstrip.config import NEGATIVE_INFIXES, NEGATIVE_PREFIXES, POSITIVE_INFIXES
from boilerstrip.encoding import binary_kind, decode_html
from boilerstrip.pipeline import walk
from boilerstrip.pipeline.features import compute_features, features, own_hints
from boilerstrip.pipeline.parse import parse_html
from boilerstrip.pipeline.segment import Segmentation
from boilerstrip.pipeline.segment import segment as python_segment

needs_compiled = pytest.mark.skipif(
    walk.COMPILED is None, reason="the compiled walk is not built (or BOILERSTRIP_PURE is set)"
)


def _alike(root: etree._Element) -> Segmentation:
    """Both walks cut ``root`` alike and give the same features; the compiled segmentation."""
    expected = python_segment(root, keep_elements=False)
    got = walk.compiled_segment(root, keep_elements=False)
    assert got.blocks == expected.blocks
    assert got.nodes == expected.nodes
    hints = own_hints(expected.nodes)
    assert features(got) == (hints, tuple(compute_features(expected, hints)))
    return got


#: Characters of attribute values: upper case, every kind of ASCII white space str.split()
#: knows (0x1C-0x1F too), letters whose lower case is longer or another letter (İ, Σ), wide
#: white space, digits and punctuation.
_VALUE_CHARS = "aAbBzZ-_09 \t\n\x0b\x0c\r\x1c\x1d\x1e\x1fİΣßé\u00a0\u2003中"
_VALUES = st.one_of(st.none(), st.text(alphabet=_VALUE_CHARS, max_size=12))


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["div", "p", "li", "section", "td"]),
            _VALUES,
            _VALUES,
            _VALUES,
            _VALUES,
        ),
        min_size=1,
        max_size=10,
    ),
    st.integers(min_value=1, max_value=3),
)
def test_attribute_tokens_alike(
    elements: list[tuple[str, str | None, str | None, str | None, str | None]], repeats: int
) -> None:
    """Any class, id, role and itemprop values, each set met again on other elements (the
    table's hits) and under other tags (the pair remembered per name): the same tokens."""
    parts = []
    for _ in range(repeats):
        for tag, *values in elements:
            attributes = "".join(
                f' {name}="{html_lib.escape(value)}"'
                for name, value in zip(("class", "id", "role", "itemprop"), values, strict=True)
                if value is not None
            )
            parts.append(f"<{tag}{attributes}>Some words, here.</{tag}>")
    root = parse_html("<body>" + "".join(parts))
    assert root is not None
    _alike(root)


@needs_compiled
def test_hint_words_found_anywhere_alike() -> None:
    """Each hint word as a whole token, as a prefix, inside a longer sub-word and at its end,
    in upper case and beside digits: the compiled matcher (words by first letter) finds what
    features.py finds."""
    words = (*NEGATIVE_PREFIXES, *NEGATIVE_INFIXES, *POSITIVE_INFIXES)
    parts = []
    for word in words:
        for value in (word, f"x{word}", f"{word}y", f"ab{word}cd", f"{word.upper()}-2", word[:-1]):
            parts.append(f'<div class="{value}"><p>Text of {value}.</p></div>')
    root = parse_html("<body>" + "".join(parts))
    assert root is not None
    _alike(root)


@needs_compiled
def test_the_walk_keeps_nothing_the_gc_must_traverse() -> None:
    """The frozen records and the tuples of tokens the compiled walk makes are left out of the
    cyclic GC (they hold only strings, numbers and such tuples); the Python walk's equal ones
    are not (nothing there untracks them), and both compare equal. The mutable Node records
    stay tracked: a caller may put a container in one."""
    root = parse_html(
        '<body><div class="post main" id="a"><p class="Lead x">One, two.</p>'
        '<p class="lead x">Three <a href="/">four</a>.</p></div><ul><li>Item</li></ul>'
    )
    assert root is not None
    got = _alike(root)
    records = [*got.blocks, *features(got)[1]]
    assert records and not any(gc.is_tracked(record) for record in records)
    assert got.nodes and all(gc.is_tracked(node) for node in got.nodes)
    tokens = [node.tokens for node in got.nodes if node.tokens]
    assert tokens and not any(gc.is_tracked(t) for t in tokens)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x00" * 600 + b"abc", "binary data (mostly NUL bytes)"),
        (b"\x00" * 600 + b"<p>a page</p>", None),
        (b"<p>" + b"\x00" * 10 + b"text</p>", None),
        (b"<p>no NUL at all</p>", None),
    ],
)
def test_nul_bytes_counted_only_when_there_is_one(data: bytes, kind: str | None) -> None:
    assert binary_kind(data) == kind


#: Trees for the itemtype twins: values with white space and entities, an attribute without a
#: value, one in a namespace, the root's own, a tree of entity references (XPath then).
ITEMTYPE_TREES = {
    "html": '<html itemtype="https://schema.org/WebPage"><body><div itemscope itemtype='
    '" http://schema.org/QAPage  "><p itemtype>x</p><span itemtype="a&amp;b&#233;">y</span>'
    '<div><article itemtype="https://schema.org/Answer https://schema.org/Comment/">z'
    "</article></div></div></body></html>",
    "none": "<html><body><p>nothing here</p></body></html>",
}
ITEMTYPE_XML = {
    "namespaced": '<div xmlns:m="urn:m" m:itemtype="ns" itemtype="plain"><p itemtype="in"/></div>',
    "entity": '<!DOCTYPE d [<!ENTITY e "EE">]><div itemtype="a&e;b"><p itemtype="c">&e;</p>'
    '<p itemtype="d"/></div>',
    "pi-and-comment": '<div itemtype="x"><!-- c --><?pi y?><p itemtype="z">t</p></div>',
}


@needs_compiled
@pytest.mark.parametrize("name", sorted(ITEMTYPE_TREES))
def test_itemtypes_alike_on_pages(name: str) -> None:
    root = parse_html(ITEMTYPE_TREES[name])
    assert root is not None
    expected = walk.python_itemtypes(root)
    assert walk.compiled_itemtypes(root) == expected
    assert walk.COMPILED is not None
    assert walk.COMPILED.attribute_values(root, "itemtype") == expected
    for sub in root.iter("div", "p"):  # from an element inside, as from the root
        assert walk.compiled_itemtypes(sub) == walk.python_itemtypes(sub)


@needs_compiled
@pytest.mark.parametrize("name", sorted(ITEMTYPE_XML))
def test_itemtypes_alike_on_odd_trees(name: str) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(ITEMTYPE_XML[name], parser)
    expected = walk.python_itemtypes(root)
    assert walk.compiled_itemtypes(root) == expected
    assert walk.COMPILED is not None
    direct = walk.COMPILED.attribute_values(root, "itemtype")
    # The C walk declines a value it does not read as XPath does (an entity reference in it),
    # and compiled_itemtypes then asks XPath; every other tree it reads itself.
    assert direct is None if name == "entity" else direct == expected


def test_every_dev_page_has_the_same_itemtypes() -> None:
    """Both readers on every development page (skipped without the evaluation data)."""
    from benchmarks.evaldata import available_sets, iter_pages

    if walk.COMPILED is None:
        pytest.skip("the compiled walk is not built (or BOILERSTRIP_PURE is set)")
    sets = available_sets()
    if not sets:
        pytest.skip("no evaluation data here")
    found = 0
    for set_name in sets:
        for page in iter_pages(set_name):
            root = parse_html(decode_html(page.html()).text)
            if root is None:
                continue
            expected = walk.python_itemtypes(root)
            assert walk.compiled_itemtypes(root) == expected, page.html_path
            found += len(expected)
    assert found > 0


class _Flag:
    """Set when an instance is collected."""

    collected: ClassVar[list[bool]] = []

    def __del__(self) -> None:
        _Flag.collected.append(True)


@pytest.mark.parametrize("implementation", ["python", "compiled"])
def test_a_cycle_through_a_node_is_collected(implementation: walk.Implementation) -> None:
    """A Node is mutable: a cycle a caller makes through one is collected on either walk."""
    if implementation == "compiled" and walk.COMPILED is None:
        pytest.skip("the compiled walk is not built (or BOILERSTRIP_PURE is set)")
    root = parse_html("<body><div class='a'><p>One two three.</p></div>")
    assert root is not None
    node = walk.segment(root, implementation=implementation).nodes[1]
    _Flag.collected.clear()
    node.tokens = [node, _Flag()]  # type: ignore[assignment]
    del node
    gc.collect()
    assert _Flag.collected == [True]
