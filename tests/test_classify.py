"""Stage 4, classify: the main content region and the first verdict on every block."""

from __future__ import annotations

import pytest

import boilerstrip.pipeline.classify
from boilerstrip.article import MODES, Mode
from boilerstrip.config import MAX_LENGTH_POINTS, POSITIVE_FACTOR, THRESHOLDS, thresholds_for
from boilerstrip.pipeline.classify import (
    BOILERPLATE_CONTAINER,
    LINK_TEXT,
    OUTSIDE,
    _fallback_level,
    classify,
    negative_depths,
    node_scores,
    region_members,
)
from boilerstrip.pipeline.page import is_teaser
from tests.synthetic import PROSE, SegBuilder, classified, dropped, html_page, make_page

NAV = (
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
    "<li><a href='/sport'>Sport</a></li></ul></nav>"
)
FOOTER = (
    "<footer><p>Contact us</p><p>Copyright 2024 The Town Paper. Some rights reserved for the "
    "whole of the town and the valley.</p></footer>"
)


def _page(article: str, after: str = "") -> str:
    return f"<html><body>{NAV}<div class='article'>{article}</div>{after}{FOOTER}</body></html>"


def _paragraphs(texts: tuple[str, ...] | list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def test_region_is_exactly_the_article() -> None:
    page, labels = classified(_page(_paragraphs(PROSE[:5])))

    assert [b.text for b in page.blocks[3:8]] == list(PROSE[:5])
    assert page.region == (False,) * 3 + (True,) * 5 + (False,) * 2
    assert labels == [OUTSIDE] * 3 + [None] * 5 + [OUTSIDE] * 2
    article = next(n for n in page.nodes if n.tokens == ("article",))
    assert region_members(page, negative_depths(page)) == [article.index]
    assert (article.first_block, article.end_block) == (3, 8)


def test_the_article_container_scores_best() -> None:
    page = html_page(_page(_paragraphs(PROSE[:5])))
    scores = node_scores(page, negative_depths(page))
    article = next(n.index for n in page.nodes if n.tokens == ("article",))
    assert max(range(len(scores)), key=scores.__getitem__) == article
    nav = next(n.index for n in page.nodes if n.tag == "nav")
    assert scores[nav] == 0.0
    # the body gets half of what its child gets from the paragraphs (ancestor shares)
    assert scores[0] > 0
    assert scores[0] < scores[article]


def test_link_text_and_boilerplate_container_inside_the_region() -> None:
    article = (
        _paragraphs(PROSE[:3])
        + "<div class='share-tools'><p>Share this story with your friends</p></div>"
        + "<p>See <a href='/a'>the full list of every council budget vote this year</a>.</p>"
        + _paragraphs(PROSE[3:5])
    )
    page, labels = classified(_page(article))

    assert page.blocks[6].text == "Share this story with your friends"
    assert page.blocks[7].text.startswith("See the full list")
    assert page.region[3:10] == (True,) * 7
    assert page.features[7].link_density > 0.9
    assert dropped(labels) == {
        0: OUTSIDE,
        1: OUTSIDE,
        2: OUTSIDE,
        6: BOILERPLATE_CONTAINER,
        7: LINK_TEXT,
        10: OUTSIDE,
        11: OUTSIDE,
    }


#: Items that link a title and name it in words: half of each item is linked.
_READING_LIST = (
    "<ul><li><a href='/1'>The budget of the valley towns</a> by the county's own auditors</li>"
    "<li><a href='/2'>A history of the old library</a> written by its last head librarian</li>"
    "<li><a href='/3'>Bridges and roads of the county</a> from the survey of last spring</li></ul>"
)


def test_a_list_of_annotated_links_between_paragraphs_is_body_text() -> None:
    page, labels = classified(
        _page(_paragraphs(PROSE[:2]) + _READING_LIST + _paragraphs(PROSE[2:4]))
    )
    items = [i for i, b in enumerate(page.blocks) if b.kind == "item" and page.region[i]]
    assert len(items) == 3
    assert all(0.33 < page.features[i].link_density <= 0.6 for i in items)
    assert [labels[i] for i in items] == [None] * 3


def test_the_same_list_after_the_last_paragraph_is_link_text() -> None:
    # After the body, such a list is the "more stories" kind.
    page, labels = classified(_page(_paragraphs(PROSE[:4]) + _READING_LIST))
    items = [i for i, b in enumerate(page.blocks) if b.kind == "item" and page.region[i]]
    assert len(items) == 3
    assert [labels[i] for i in items] == [LINK_TEXT] * 3


def test_negative_depths_count_enclosing_boilerplate_elements() -> None:
    page = html_page(
        "<nav class='menu'><div><ul class='social'><li>x</li></ul></div></nav><article><p>y</p>"
        "</article>"
    )
    assert [(n.tag, d) for n, d in zip(page.nodes, negative_depths(page), strict=True)] == [
        ("body", 0),
        ("nav", 1),
        ("div", 1),
        ("ul", 2),
        ("li", 2),
        ("article", 0),
        ("p", 0),
    ]


def test_thresholds_differ_between_modes() -> None:
    precision, balanced, recall = (thresholds_for(m) for m in ("precision", "balanced", "recall"))
    assert set(THRESHOLDS) == {"precision", "balanced", "recall"}
    # Precision finds the same region as balanced and then drops short lines.
    assert precision.min_kept_words > balanced.min_kept_words == recall.min_kept_words == 0
    assert precision.long_words == balanced.long_words > recall.long_words
    assert precision.max_link_density == balanced.max_link_density < recall.max_link_density
    assert balanced.short_words > recall.short_words
    assert (precision.keep_outside_region, balanced.keep_outside_region) == (False, False)
    assert recall.keep_outside_region is True
    assert balanced.min_region_share < recall.min_region_share


def test_link_text_verdict_follows_the_mode() -> None:
    # ten words, four of them linked: link density 0.4, and no sentence
    line = "<p>The full report is <a href='/r'>on the council website</a> for everyone</p>"
    html = _page(_paragraphs(PROSE[:2]) + line + _paragraphs(PROSE[2:5]))
    verdicts: dict[Mode, str | None] = {}
    for mode in MODES:
        page, labels = classified(html, mode=mode)
        assert page.features[5].link_density == 0.4
        verdicts[mode] = labels[5]
    assert verdicts == {"precision": LINK_TEXT, "balanced": LINK_TEXT, "recall": None}


def test_a_paragraph_of_sentences_may_cite_its_sources() -> None:
    line = "<p>The full report is <a href='/r'>on the council website</a> for everyone.</p>"
    html = _page(_paragraphs(PROSE[:2]) + line + _paragraphs(PROSE[2:5]))
    for mode in MODES:
        page, labels = classified(html, mode=mode)
        assert page.features[5].link_density == 0.4
        assert labels[5] is None, mode


def test_recall_keeps_prose_outside_the_region() -> None:
    aside = f"<div class='letters'><div><p>{PROSE[5]}</p></div>Letters to the editor</div>"
    html = _page(_paragraphs(PROSE[:5]), after=aside)
    outside_prose = 8
    expected: dict[Mode, str | None] = {"balanced": OUTSIDE, "precision": OUTSIDE, "recall": None}
    for mode in MODES:
        page, labels = classified(html, mode=mode)
        assert page.blocks[outside_prose].text == PROSE[5]
        assert page.region[outside_prose] is False
        assert labels[outside_prose] == expected[mode], mode
        # footer prose is never kept: its class score is negative
        assert labels[-1] == OUTSIDE


def test_lede_before_the_region_joins_it() -> None:
    html = (
        f"<html><body>{NAV}<div class='top'><h2>Town news</h2><p>{PROSE[7]}</p></div>"
        f"<div class='article'>{_paragraphs(PROSE[:5])}</div>{FOOTER}</body></html>"
    )
    page, labels = classified(html)
    lede = 4
    assert page.blocks[lede].text == PROSE[7]
    assert page.region[lede] is True
    assert labels[lede] is None
    assert page.region[3] is False  # the heading before the lede stays out
    assert labels[3] == OUTSIDE


#: A paragraph that out-scores the others by far (Readability counts commas).
COMMA_RICH = (
    "One, two, three, four, five, six, seven, eight, nine, ten, and more words follow "
    "here to make this a long paragraph."
)


def _scattered_page() -> str:
    """A page whose best-scoring container holds a quarter of its prose and sits in a link-heavy
    box (so the region cannot climb): the rest of the prose lies in unrelated sections."""
    links = "".join(f"<li><a href='/t{i}'>Topic number {i}</a></li>" for i in range(30))
    sections = "".join(f"<section><div><p>{t}</p></div></section>" for t in PROSE[:3])
    return (
        f"<html><body><div class='wrap'><ul>{links}</ul><div class='best'><p>{COMMA_RICH}</p>"
        f"</div></div>{sections}</body></html>"
    )


def test_page_wide_fallback_when_the_best_container_holds_too_little_prose() -> None:
    page = html_page(_scattered_page())
    best = next(n for n in page.nodes if n.tokens == ("best",))
    # without the fallback, the region would be the best container alone
    assert region_members(page, negative_depths(page)) == [best.index]
    assert (best.first_block, best.end_block) == (30, 31)

    page, labels = classify(page)

    assert page.region == (False,) * 30 + (True,) * 4
    assert labels == [OUTSIDE] * 30 + [None] * 4
    assert [page.blocks[i].text for i in range(31, 34)] == list(PROSE[:3])


def test_page_wide_fallback_takes_short_lines_between_prose() -> None:
    b = SegBuilder()
    with b.box("div"):  # a link-heavy box around the best container: the region cannot climb
        with b.box("ul"):
            for i in range(40):
                b.link("li", f"Topic number {i}")
        with b.box("div"):
            b.leaf("p", COMMA_RICH)
    b.leaf("p", "A short line.")
    b.link("p", "A linked short line")
    with b.box("section"):
        b.leaf("p", PROSE[1])
    with b.box("section"):
        b.leaf("p", PROSE[2])
    page, labels = classify(make_page(b.build()))
    assert labels[:40] == [OUTSIDE] * 40
    assert page.region[40:] == (True, True, False, True, True)
    assert labels[40:] == [None, None, OUTSIDE, None, None]


def test_empty_page() -> None:
    b = SegBuilder()
    page, labels = classify(make_page(b.build(), region=()))
    assert labels == []
    assert page.region == ()


def test_no_prose_no_region() -> None:
    b = SegBuilder()
    b.leaf("p", "Short.")
    b.link("p", "A link")
    page, labels = classify(make_page(b.build()))
    assert page.region == (False, False)
    assert labels == [OUTSIDE, OUTSIDE]


def test_a_short_post_is_not_outvoted_by_its_comment_thread() -> None:
    post = PROSE[0]
    comments = "".join(
        f"<li class='comment'><div class='comment-body'><p>{PROSE[i % 8]} {i}</p></div></li>"
        for i in range(1, 25)
    )
    # A link-heavy page: the thread joins the region as the post's sibling, and its boxes
    # (comment list, comment, comment body) sit deeper in boilerplate than the post.
    links = "".join(
        f"<li><a href='/{i}'>Section number {i} of the site</a></li>" for i in range(80)
    )
    html = (
        f"<html><body><ul class='menu'>{links}</ul><div class='post'><p>{post}</p></div>"
        f"<ol class='commentlist'>{comments}</ol>{FOOTER}</body></html>"
    )
    page, labels = classified(html)
    kept = [page.blocks[i].text for i, label in enumerate(labels) if label is None]
    assert kept == [post]
    assert {labels[i] for i, b in enumerate(page.blocks) if b.text.endswith((" 1", " 24"))} == {
        BOILERPLATE_CONTAINER
    }


def test_a_comment_thread_does_not_send_a_short_post_to_the_page_wide_fallback() -> None:
    # The post: one paragraph and its short lines (a list of places, one per line). The
    # thread beside it holds more prose, but inside comment boxes, which count for less.
    places = ["Bahrain", "Sri Lanka", "India", "Japan", "Ireland", "Italy", "Norway", "Peru"]
    places += ["Chile", "Spain", "Sweden", "Iceland"]  # more than a sandwich's gap
    lines = "".join(f"<p>{place}</p>" for place in places)
    comments = "".join(f"<div class='comment'><p>{PROSE[i]}</p></div>" for i in range(1, 4))
    # A link-heavy page: the region cannot climb from the post to the page.
    menu = "".join(f"<li><a href='/{i}'>Section number {i} of the site</a></li>" for i in range(80))
    html = (
        f"<html><body><ul class='menu'>{menu}</ul><div class='entry'><p>{PROSE[0]}</p>{lines}"
        f"</div><div class='comments'>{comments}</div></body></html>"
    )
    page, labels = classified(html)
    kept = [page.blocks[i].text for i, label in enumerate(labels) if label is None]
    assert kept == [PROSE[0], *places]
    assert None not in labels[81 + len(places) :]


def test_fallback_level_is_that_of_the_shallowest_prose() -> None:
    b = SegBuilder()
    with b.box("ol", "commentlist"), b.box("li", "comment"):
        for text in PROSE[1:7]:
            b.leaf("p", text)  # six comments, two boxes deep in boilerplate
    with b.box("div", "post"):
        b.leaf("p", PROSE[0])  # the post, in no boilerplate box
    b.leaf("p", "Short line")  # not prose: it does not count
    page = make_page(b.build())
    negs = negative_depths(page)
    assert [negs[blk.node] for blk in page.blocks] == [2] * 6 + [0, 0]
    assert _fallback_level(page, negs) == 0


def test_a_thousand_words_of_prose_are_content_whatever_their_box() -> None:
    long_text = " ".join([PROSE[0]] * 40)  # well over 1,000 words
    html = _page(_paragraphs(PROSE[:3]) + f"<div class='nav-new-1'><p>{long_text}</p></div>")
    page, labels = classified(html)
    i = next(i for i, b in enumerate(page.blocks) if b.text == long_text)
    assert page.features[i].words >= 1000
    assert labels[i] is None
    short = _page(_paragraphs(PROSE[:3]) + f"<div class='nav-new-1'><p>{PROSE[4]}</p></div>")
    page, labels = classified(short)
    i = next(i for i, b in enumerate(page.blocks) if b.text == PROSE[4])
    assert labels[i] == BOILERPLATE_CONTAINER


def test_a_teaser_list_neither_scores_nor_reads_as_prose() -> None:
    teasers = "".join(
        f"<li><a href='/s{i}'>Story number {i} of the day</a> {PROSE[i % 8]}</li>"
        for i in range(10)
    )
    html = (
        f"<html><body><div class='main'><div class='latest'><ul>{teasers}</ul></div>"
        f"<div class='story'>{_paragraphs(PROSE[:3])}</div></div>{FOOTER}</body></html>"
    )
    page, labels = classified(html)
    items = [i for i, b in enumerate(page.blocks) if b.kind == "item"]
    assert all(is_teaser(page.blocks[i], page.features[i]) for i in items)
    assert not any(page.is_prose(i) for i in items)
    assert all(labels[i] == OUTSIDE for i in items)
    assert [page.blocks[i].text for i, lab in enumerate(labels) if lab is None] == list(PROSE[:3])


BLURB = (
    "I live, I learn and I teach. A short message is limiting, so here I share the work of others."
)
POST = (
    "This toy plays with your right brain in a big way and it rolls down any hall in the house"
    " without a sound."
)


def _short_post_and_blurb() -> str:
    # A picture post: its headline, its date and one line; in a column beside it, the author's
    # name and a blurb that scores higher than the line. A link-heavy page, as such pages are:
    # the region cannot climb to the page.
    menu = "".join(f"<li><a href='/{i}'>Section number {i} of the site</a></li>" for i in range(40))
    return (
        f"<html><head><title>The Town Blog</title></head><body><ul class='menu'>{menu}</ul>"
        "<div class='entry'><h2>The human bowling ball</h2><p>July 12, 2012</p>"
        f"<p>{POST}</p></div><div class='column'><div class='box'><div class='profile'>"
        f"<p><a href='/about'>Jane Doe</a></p><p>{BLURB}</p></div></div></div></body></html>"
    )


def test_a_dated_headline_carries_its_short_post() -> None:
    page = html_page(_short_post_and_blurb(), title="The Town Blog")
    page, labels = classify(page)
    kept = [page.blocks[i].text for i, label in enumerate(labels) if label is None]
    assert kept == [
        "The human bowling ball",
        "July 12, 2012",
        POST,
    ]


def test_without_its_headline_the_short_post_loses_to_the_blurb(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The same page with the headline's points taken away: the blurb outscores the post, and
    # is kept.
    monkeypatch.setattr(boilerstrip.pipeline.classify, "headline", lambda page: None)
    page = html_page(_short_post_and_blurb(), title="The Town Blog")
    page, labels = classify(page)
    kept = [page.blocks[i].text for i, label in enumerate(labels) if label is None]
    assert BLURB in kept


def test_a_container_named_as_content_gets_a_head_start() -> None:
    # Two boxes of prose; the one whose class reads as content holds somewhat less of it.
    longer = "".join(f"<p>{t}</p>" for t in PROSE[1:3])
    shorter = "".join(f"<p>{t}</p>" for t in PROSE[3:5])
    html = (
        f"<html><body><div class='column'>{longer}</div>"
        f"<div class='entry-content'>{shorter}</div></body></html>"
    )
    page = html_page(html)
    scores = node_scores(page, negative_depths(page))
    column = next(n.index for n in page.nodes if n.tokens == ("column",))
    entry = next(n.index for n in page.nodes if n.tokens == ("entry-content",))
    assert page.hints[entry] > 0 and page.hints[column] == 0
    raw = {  # the same sums without the factor, from the paragraphs' own scores
        i: sum(1.0 + t.count(",") + min(len(t) / 100, MAX_LENGTH_POINTS) for t in texts)
        for i, texts in ((column, PROSE[1:3]), (entry, PROSE[3:5]))
    }
    assert raw[entry] < raw[column] < raw[entry] * POSITIVE_FACTOR
    assert scores[column] == pytest.approx(raw[column])
    assert scores[entry] == pytest.approx(raw[entry] * POSITIVE_FACTOR)
    assert region_members(page, negative_depths(page))[0] == entry
