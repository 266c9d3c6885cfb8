"""Stage 2, segment: one block per run of text under a block-level element."""

from __future__ import annotations

from lxml import etree

from boilerstrip.config import INLINE_PER_BLOCK_ELEMENT
from boilerstrip.pipeline.classify import _children
from boilerstrip.pipeline.parse import parse_html
from boilerstrip.pipeline.segment import RawBlock, Segmentation, segment


def _seg(html: str) -> Segmentation:
    root = parse_html(html)
    assert root is not None
    return segment(root)


def _texts(seg: Segmentation) -> list[str]:
    return [b.text for b in seg.blocks]


def test_inline_markup_stays_in_its_block() -> None:
    seg = _seg(
        "<p>Some <b>bold</b>, <em>emphasis</em>, <span class='x'>a span</span> and "
        "<code>code</code> in one paragraph.</p>"
    )
    assert seg.blocks == (
        RawBlock("Some bold, emphasis, a span and code in one paragraph.", "", "paragraph", 1, 0),
    )
    assert [n.tag for n in seg.nodes] == ["body", "p"]


def test_whitespace_is_collapsed() -> None:
    seg = _seg("<p>\n   spaced    out\t\ttext \n</p>")
    assert _texts(seg) == ["spaced out text"]


def test_br_makes_a_line_break_inside_the_block() -> None:
    seg = _seg("<p>line one<br>line   two<br/> <br>  line three</p>")
    assert _texts(seg) == ["line one\nline two\nline three"]
    assert len(seg.blocks) == 1


def test_pre_keeps_newlines_and_indentation() -> None:
    seg = _seg("<pre>\ndef f(x):\n    if x:\n        return  1\n\n    return 0   \n</pre>")
    assert seg.blocks[0].kind == "pre"
    assert seg.blocks[0].text == "def f(x):\n    if x:\n        return  1\n\n    return 0"


def test_pre_with_inline_markup_and_br() -> None:
    seg = _seg("<pre><code>a  =  1\n<b>b</b> = 2<br>c = 3</code></pre>")
    assert _texts(seg) == ["a  =  1\nb = 2\nc = 3"]


def test_paragraph_after_pre_is_normalised_again() -> None:
    seg = _seg("<pre>x   y</pre><p>x   y</p>")
    assert _texts(seg) == ["x   y", "x y"]


def test_nested_list_items_get_list_depths() -> None:
    seg = _seg(
        "<ul><li>one<ul><li>one.a<ol><li>one.a.i</li></ol></li></ul></li><li>two</li></ul>"
        "<ol><li>alone</li></ol>"
    )
    assert [(b.text, b.kind, b.level) for b in seg.blocks] == [
        ("one", "item", 1),
        ("one.a", "item", 2),
        ("one.a.i", "item", 3),
        ("two", "item", 1),
        ("alone", "item", 1),
    ]


def test_definition_lists_are_items() -> None:
    seg = _seg("<dl><dt>Term</dt><dd>Definition</dd></dl>")
    assert [(b.text, b.kind, b.level) for b in seg.blocks] == [
        ("Term", "item", 1),
        ("Definition", "item", 1),
    ]


def test_headings_get_their_level() -> None:
    seg = _seg("<h1>One</h1><h2>Two</h2><h4>Four</h4><h6>Six</h6>")
    assert [(b.text, b.kind, b.level) for b in seg.blocks] == [
        ("One", "heading", 1),
        ("Two", "heading", 2),
        ("Four", "heading", 4),
        ("Six", "heading", 6),
    ]


def test_kinds_of_other_blocks() -> None:
    seg = _seg(
        "<p>para</p><blockquote>quote</blockquote><figure><img src='x.png'>"
        "<figcaption>caption</figcaption></figure><div>loose</div>"
    )
    assert [(b.text, b.kind) for b in seg.blocks] == [
        ("para", "paragraph"),
        ("quote", "quote"),
        ("caption", "caption"),
        ("loose", "text"),
    ]


def test_table_cells_are_cell_blocks() -> None:
    seg = _seg(
        "<table><caption>Results</caption><tr><th>Year</th><th>Score</th></tr>"
        "<tr><td>2023</td><td>12 <b>points</b></td></tr></table>"
    )
    assert [(b.text, b.kind) for b in seg.blocks] == [
        ("Results", "caption"),
        ("Year", "cell"),
        ("Score", "cell"),
        ("2023", "cell"),
        ("12 points", "cell"),
    ]
    assert [seg.nodes[b.node].tag for b in seg.blocks] == ["caption", "th", "th", "td", "td"]


def test_tail_text_after_a_block_is_its_own_block_in_the_parent() -> None:
    seg = _seg("<div id='box'>lead<p>para</p>tail <i>text</i><p>second</p>end</div>")
    assert _texts(seg) == ["lead", "para", "tail text", "second", "end"]
    div = next(n for n in seg.nodes if n.tag == "div")
    assert [seg.nodes[b.node].tag for b in seg.blocks] == ["div", "p", "div", "p", "div"]
    assert [b.node for b in seg.blocks if b.node == div.index] == [div.index] * 3
    assert [b.kind for b in seg.blocks] == ["text", "paragraph", "text", "paragraph", "text"]


def test_whitespace_only_runs_make_no_block() -> None:
    seg = _seg("<div>\n  <p>a</p>\n  <p>b</p>\n</div>")
    assert _texts(seg) == ["a", "b"]


def test_node_block_ranges() -> None:
    seg = _seg(
        "<div class='Main Content' id='x'><h1>T</h1><p>a</p><ul><li>i1</li><li>i2</li></ul>"
        "</div><footer role='contentinfo'><p>f</p></footer>"
    )
    got = [
        (n.tag, n.parent, n.depth, n.first_block, n.end_block, list(_children(seg.nodes, n.index)))
        for n in seg.nodes
    ]
    assert got == [
        ("body", -1, 0, 0, 5, [1, 7]),
        ("div", 0, 1, 0, 4, [2, 3, 4]),
        ("h1", 1, 2, 0, 1, []),
        ("p", 1, 2, 1, 2, []),
        ("ul", 1, 2, 2, 4, [5, 6]),
        ("li", 4, 3, 2, 3, []),
        ("li", 4, 3, 3, 4, []),
        ("footer", 0, 1, 4, 5, [8]),
        ("p", 7, 2, 4, 5, []),
    ]
    assert seg.nodes[1].tokens == ("main", "content", "x")
    assert seg.nodes[7].tokens == ("contentinfo",)
    assert [b.node for b in seg.blocks] == [2, 3, 5, 6, 8]


def test_empty_block_elements_are_nodes_with_empty_ranges() -> None:
    seg = _seg("<p>a</p><div></div><p>b</p>")
    div = seg.nodes[2]
    assert div.tag == "div"
    assert (div.first_block, div.end_block) == (1, 1)


def test_linked_text_holds_only_href_link_text() -> None:
    seg = _seg(
        "<p>Read <a href='/a'>the first <b>story</b></a>, the <a name='anchor'>anchor</a> "
        "and <a>no href</a> here.</p><p>No links here.</p>"
    )
    assert seg.blocks[0].text == "Read the first story, the anchor and no href here."
    assert seg.blocks[0].linked_text == "the first story"
    assert seg.blocks[1].linked_text == ""


def test_empty_href_is_still_a_link() -> None:
    seg = _seg("<p>see <a href=''>this page</a></p>")
    assert seg.blocks[0].linked_text == "this page"


def test_separate_links_stay_separate_words_in_linked_text() -> None:
    seg = _seg("<p><a href='/'>Home</a> <a href='/a'>About</a> | <a href='/c'>Contact</a></p>")
    assert seg.blocks[0].text == "Home About | Contact"
    assert seg.blocks[0].linked_text.split() == ["Home", "About", "Contact"]


def test_link_around_blocks_marks_each_block_linked() -> None:
    seg = _seg("<a href='/x'><div>Card title</div><p>Card text</p></a><p>after</p>")
    assert [(b.text, b.linked_text) for b in seg.blocks] == [
        ("Card title", "Card title"),
        ("Card text", "Card text"),
        ("after", ""),
    ]


def test_br_inside_a_link_is_a_space_in_linked_text() -> None:
    seg = _seg("<p><a href='/'>two<br>lines</a></p>")
    assert seg.blocks[0].text == "two\nlines"
    assert seg.blocks[0].linked_text == "two lines"


def test_head_is_not_segmented() -> None:
    seg = _seg("<html><head><title>Title text</title></head><body><p>body</p></body></html>")
    assert _texts(seg) == ["body"]


def test_segment_a_bare_element_without_body() -> None:
    root = etree.fromstring("<div><p>one</p>two</div>")
    seg = segment(root)
    assert [(b.text, b.kind) for b in seg.blocks] == [("one", "paragraph"), ("two", "text")]
    assert seg.nodes[0].tag == "body"


def _deep_tree(depth: int) -> etree._Element:
    """html/body/(span/div)*depth/2 with "deep text" at the bottom and a <p> after it.

    Built with a TreeBuilder: the parsers stop at a depth of 2048 and SubElement is slow
    this deep."""
    tb = etree.TreeBuilder()
    tb.start("html", {})
    tb.start("body", {})
    tags = ["div" if i % 2 else "span" for i in range(depth)]
    for tag in tags:
        tb.start(tag, {})
    tb.data("deep text")
    for tag in reversed(tags):
        tb.end(tag)
    tb.start("p", {})
    tb.data("after")
    tb.end("p")
    tb.end("body")
    tb.end("html")
    root: etree._Element = tb.close()
    return root


def test_very_deep_nesting_segments_without_recursion_error() -> None:
    seg = segment(_deep_tree(10_000))

    assert _texts(seg) == ["deep text", "after"]
    assert len(seg.nodes) == 1 + 5000 + 1  # body, the divs, the p
    deepest = seg.nodes[seg.blocks[0].node]
    assert deepest.tag == "div"
    assert deepest.depth == 5000
    assert seg.nodes[1].end_block == 1
    assert seg.nodes[-1].tag == "p"
    assert seg.blocks[1].node == seg.nodes[-1].index


def test_without_a_body_the_head_is_read_but_never_the_title() -> None:
    root = etree.fromstring(
        "<html><head><title>The title</title><div><p>Text that ended up in the head.</p></div>"
        "</head></html>"
    )
    assert [b.text for b in segment(root).blocks] == ["Text that ended up in the head."]


def test_content_left_beside_the_body_is_read() -> None:
    # A stray </body> followed by closers makes libxml2 put the rest beside the body.
    root = parse_html(
        "<p>Inside.</p></body></td></tr></table><br><table><tr><td>Beside the body.</td></tr>"
    )
    assert root is not None
    assert [el.tag for el in root] == ["body", "br", "table"]
    assert [b.text for b in segment(root).blocks] == ["Inside.", "Beside the body."]


def test_blocks_know_whether_they_open_with_a_link() -> None:
    root = parse_html(
        "<ul><li><a href='/a'>Headline</a> and its summary.</li><li>Plain <a href='/b'>x</a></li>"
        "</ul><p> <a href='/c'>Lead</a> rest</p>"
    )
    assert root is not None
    assert [(b.text, b.lead_link) for b in segment(root).blocks] == [
        ("Headline and its summary.", True),
        ("Plain x", False),
        ("Lead rest", True),
    ]


def test_the_elements_are_kept_on_request_only() -> None:
    root = parse_html("<div><p>a</p><ul><li>b</li></ul></div>")
    assert root is not None
    kept = segment(root)
    assert [el.tag for el in kept.elements] == ["body", "div", "p", "ul", "li"]
    bare = segment(root, keep_elements=False)
    assert bare.elements == ()
    assert (bare.blocks, bare.nodes) == (kept.blocks, kept.nodes)


def test_max_elements_stops_the_walk_before_one_more_block_element() -> None:
    root = parse_html(
        "<div>Lead text.<p>One.</p><p>Two, <b>bold</b>.</p>Between.<ul><li>Three.</li></ul>"
        "</div><p>Four.</p>"
    )
    assert root is not None
    whole = segment(root)
    assert [n.tag for n in whole.nodes] == ["body", "div", "p", "p", "ul", "li", "p"]
    assert not whole.truncated
    assert segment(root, max_elements=7) == whole  # exactly as many as there are
    cut = segment(root, max_elements=4)  # body, div and two paragraphs
    assert cut.truncated
    assert [n.tag for n in cut.nodes] == ["body", "div", "p", "p"]
    assert cut.elements == whole.elements[:4]
    # The text before the fifth block element is kept, the rest is not read.
    assert _texts(cut) == ["Lead text.", "One.", "Two, bold.", "Between."]
    assert cut.blocks == whole.blocks[:4]
    # Nodes left open by the cut close after the last block.
    assert [(n.first_block, n.end_block) for n in cut.nodes] == [(0, 4), (0, 4), (1, 2), (2, 3)]
    only = segment(root, max_elements=1)
    assert only.truncated and [n.tag for n in only.nodes] == ["body"] and only.blocks == ()
    assert only.nodes[0].end_block == 0


def test_max_elements_bounds_inline_elements_too() -> None:
    spans = "".join(f"<span>w{i}</span> " for i in range(50))
    root = parse_html(f"<p>Start {spans}</p><p>Next.</p>")
    assert root is not None
    whole = segment(root)
    assert not whole.truncated and _texts(whole)[1] == "Next."
    cut = segment(root, max_elements=2)  # and 2 * INLINE_PER_BLOCK_ELEMENT inline ones
    assert INLINE_PER_BLOCK_ELEMENT == 20
    assert cut.truncated
    assert _texts(cut) == ["Start " + " ".join(f"w{i}" for i in range(40))]
    assert [(n.tag, n.first_block, n.end_block) for n in cut.nodes] == [
        ("body", 0, 1),
        ("p", 0, 1),
    ]
