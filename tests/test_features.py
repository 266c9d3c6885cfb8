"""Stage 3, features: token counts, densities, hints and positions of blocks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boilerstrip.article import Features
from boilerstrip.config import CJK_COLUMNS, WRAP_COLUMNS
from boilerstrip.pipeline.features import (
    COMMA_MARKS,
    NOSPACE_RANGES,
    PUNCTUATION_MARKS,
    SENTENCE_END_MARKS,
    Measure,
    comma_count,
    compute_features,
    container_of,
    density,
    hint,
    measure,
    node_hints,
    own_hints,
    punctuation,
    sentence_ends,
)
from boilerstrip.pipeline.parse import parse_html
from boilerstrip.pipeline.segment import Node, Segmentation, segment
from tests.synthetic import PROSE, SegBuilder


def _node(tag: str, *tokens: str, index: int = 0, parent: int = -1) -> Node:
    return Node(index, tag, parent, 0, tokens, 0, 0, 0)


def _features(html: str) -> list[Features]:
    root = parse_html(html)
    assert root is not None
    return compute_features(segment(root))


# --- measure -----------------------------------------------------------------------------------


def test_measure_ascii() -> None:
    assert measure("Hello brave  new world.") == Measure(tokens=4, columns=23)
    assert measure("") == Measure(0, 0)
    assert measure("   ") == Measure(0, 3)


def test_measure_accented_latin_counts_words() -> None:
    assert measure("Café naïve déjà vu, señor") == Measure(tokens=5, columns=25)


def test_measure_chinese_counts_characters() -> None:
    text = "我爱北京天安门"
    assert measure(text) == Measure(tokens=7, columns=7 * CJK_COLUMNS)


def test_measure_japanese_counts_kana_and_kanji() -> None:
    # ha-ra-ga-na (4 hiragana), ka-ta (2 katakana), two kanji
    text = "ひらがなカタ漢字"
    assert measure(text) == Measure(tokens=8, columns=8 * CJK_COLUMNS)


def test_measure_mixed_script() -> None:
    # "Python" is one word, the five ideographs five tokens; columns: 6 + 5 * CJK_COLUMNS
    assert measure("Python是一种语言") == Measure(tokens=6, columns=6 + 5 * CJK_COLUMNS)
    assert measure("Use Python 是 good") == Measure(tokens=4, columns=17 + CJK_COLUMNS - 1)


def test_measure_korean_is_spaced_words() -> None:
    assert measure("한국어 문장 입니다") == Measure(tokens=3, columns=10)


# --- density -----------------------------------------------------------------------------------


def test_density_of_a_one_line_block_is_its_word_count() -> None:
    m = measure("Share this story")
    assert density(m.tokens, m.columns) == 3.0
    assert density(0, 0) == 0.0
    assert density(12, WRAP_COLUMNS) == 12.0


def test_density_of_a_long_block_is_words_per_wrapped_line() -> None:
    assert density(30, 240) == 30 * WRAP_COLUMNS / 240 == 10.0
    m = measure(PROSE[0])
    assert m.columns > WRAP_COLUMNS
    assert density(m.tokens, m.columns) == pytest.approx(m.tokens * 80 / m.columns)


def test_text_density_feature_is_rounded() -> None:
    f = _features(f"<p>{PROSE[0]}</p><p>Share this story</p>")
    m = measure(PROSE[0])
    assert f[0].text_density == round(m.tokens * 80 / m.columns, 3)
    assert f[1].text_density == 3.0


def test_comma_count() -> None:
    assert comma_count("a, b, c") == 2
    assert comma_count("一，二、三") == 2
    assert comma_count("no commas") == 0


#: Text of every kind the measures tell apart: ASCII words and marks, CJK and Arabic marks, the
#: ellipsis, kana, ideographs, Thai, accented Latin, spaces of other widths and an emoji.
_MIXED = st.text(
    alphabet=st.sampled_from(
        "ab .,;:!?\u3002\uff0c\u3001\uff1b\uff1a\uff01\uff1f"
        "\u060c\u061b\u061f\u2026\u06d4\u6f22\u3042\uff76\u0e01\u00e9\u00a0\u3000\t\U0001f600"
    )
)


def _nospace(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in NOSPACE_RANGES)


@given(_MIXED)
def test_marks_and_tokens_as_counted_one_character_at_a_time(text: str) -> None:
    """The counts in C-speed steps (str.count per mark, one substitution) against the plain
    reading: each character looked at once."""
    assert punctuation(text) == sum(c in PUNCTUATION_MARKS for c in text)
    assert sentence_ends(text) == sum(c in SENTENCE_END_MARKS for c in text)
    assert comma_count(text) == sum(c in COMMA_MARKS for c in text)
    wide = sum(_nospace(c) for c in text)
    spaced = "".join(" " if _nospace(c) else c for c in text)
    assert measure(text) == Measure(
        wide + len(spaced.split()), len(text) + wide * (CJK_COLUMNS - 1)
    )


# --- link density ------------------------------------------------------------------------------


def test_link_density() -> None:
    f = _features(
        "<p>Read <a href='/x'>the full report here</a> today.</p>"
        "<p><a href='/y'>Entirely linked text</a></p>"
        "<p>No <a name='x'>links</a> at all.</p>"
    )
    assert (f[0].words, f[0].linked_words, f[0].link_density) == (6, 4, 0.667)
    assert (f[1].words, f[1].linked_words, f[1].link_density) == (3, 3, 1.0)
    assert (f[2].words, f[2].linked_words, f[2].link_density) == (4, 0, 0.0)


def test_linked_words_never_exceed_words() -> None:
    b = SegBuilder()
    b.leaf("p", "two words", linked="many more linked words here")
    f = compute_features(b.build())
    assert (f[0].words, f[0].linked_words, f[0].link_density) == (2, 2, 1.0)


def test_a_line_of_separate_links_is_fully_linked() -> None:
    f = _features(
        "<p><a href='/'>Home</a> <a href='/a'>About</a> "
        "<a href='/c'>Contact</a> <a href='/j'>Jobs</a></p>"
    )
    assert (f[0].words, f[0].linked_words, f[0].link_density) == (4, 4, 1.0)


# --- punctuation -------------------------------------------------------------------------------


def test_punctuation_and_sentence_ends() -> None:
    f = _features("<p>One, two; three: four! Five? Six.</p><p>这是一句话。这是第二句！</p>")
    assert (f[0].punctuation, f[0].sentence_ends) == (6, 3)
    assert (f[1].punctuation, f[1].sentence_ends) == (2, 2)


# --- hints -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "tokens", "expected"),
    [
        ("article", (), 1),
        ("main", (), 1),
        ("div", ("entry-content",), 1),
        ("div", ("story", "wide"), 1),
        ("section", ("post-body",), 1),
        ("nav", (), -1),
        ("footer", (), -1),
        ("aside", ("article",), -1),  # the tag wins over a positive class
        ("div", ("site-footer",), -1),
        ("div", ("share-tools",), -1),
        ("div", ("article", "sidebar"), 0),  # both cancel: taxonomy in an article's classes
        ("ul", ("breadcrumbs",), -1),
        ("div", ("row", "col-8"), 0),
        ("p", (), 0),
        ("section", ("intro",), 0),
    ],
)
def test_hint(tag: str, tokens: tuple[str, ...], expected: int) -> None:
    assert hint(_node(tag, *tokens)) == expected


@pytest.mark.parametrize("token", ["research", "stock-market", "biology", "commentary"])
def test_hint_does_not_match_inside_ordinary_words(token: str) -> None:
    assert hint(_node("section", token)) == 0


def test_node_hints_accumulate_down_the_tree() -> None:
    nodes = [
        Node(0, "body", -1, 0, (), 0, 0, 0),
        Node(1, "article", 0, 1, (), 0, 0, 0),
        Node(2, "div", 1, 2, ("share-bar",), 0, 0, 0),
        Node(3, "p", 2, 3, (), 0, 0, 0),
        Node(4, "p", 1, 2, (), 0, 0, 0),
        Node(5, "nav", 0, 1, (), 0, 0, 0),
    ]
    assert own_hints(nodes) == (0, 1, -1, 0, 0, -1)
    assert node_hints(nodes, own_hints(nodes)) == [0, 1, 0, 0, 1, -1]


def test_class_score_feature_is_the_cumulative_hint() -> None:
    f = _features(
        "<article><p>in article</p><div class='share-bar'><p>in share</p></div></article>"
        "<nav><ul class='menu'><li>in menu</li></ul></nav><p>plain</p>"
    )
    assert [x.class_score for x in f] == [1, 0, -2, 0]


# --- containers --------------------------------------------------------------------------------


def _container_seg() -> Segmentation:
    b = SegBuilder()
    with b.box("div", "card"):  # node 1
        b.leaf("p", "Hello there.")  # node 2, block 0
        b.leaf("p", "World news today.")  # node 3, block 1
    b.text("loose words")  # owned by body, block 2
    with b.box("ul"):  # node 4
        b.leaf("li", "item")  # node 5, block 3
    return b.build()


def test_container_of() -> None:
    seg = _container_seg()
    nodes = seg.nodes
    assert [container_of(nodes, b.node) for b in seg.blocks] == [1, 1, 0, 4]
    assert container_of(nodes, 1) == 1  # a div is its own container
    assert container_of(nodes, 0) == 0  # the root too


def test_container_density() -> None:
    f = compute_features(_container_seg())
    # the card: 2 + 3 words in 12 + 17 columns (one line): density 5
    assert f[0].container_density == f[1].container_density == 5.0
    # the body holds every block: 2 + 3 + 2 + 1 words in 12 + 17 + 11 + 4 columns
    assert f[2].container_density == 8.0
    assert f[3].container_density == 1.0


def test_container_density_of_a_long_container() -> None:
    b = SegBuilder()
    with b.box("div"):
        for text in PROSE[:3]:
            b.leaf("p", text)
    f = compute_features(b.build())
    words = sum(measure(t).tokens for t in PROSE[:3])
    cols = sum(len(t) for t in PROSE[:3])
    assert {x.container_density for x in f} == {round(words * 80 / cols, 3)}


# --- position ----------------------------------------------------------------------------------


def test_position_runs_from_zero_to_below_one_in_order() -> None:
    b = SegBuilder()
    for text in ("a" * 10, "b" * 30, "c" * 40, "d" * 20):
        b.leaf("p", text)
    f = compute_features(b.build())
    assert [x.position for x in f] == [0.0, 0.1, 0.4, 0.8]


def test_position_on_a_page() -> None:
    f = _features("".join(f"<p>{t}</p>" for t in PROSE))
    positions = [x.position for x in f]
    assert positions[0] == 0.0
    assert positions == sorted(positions)
    assert len(set(positions)) == len(positions)
    assert positions[-1] < 1.0


def test_no_blocks_no_features() -> None:
    assert compute_features(Segmentation((), (Node(0, "body", -1, 0, (), 0, 0, 0),))) == []
