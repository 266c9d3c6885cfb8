"""The whole article on pages built in ways the development pages rarely are (issue 15): an
article cut into sibling boxes, misnamed boxes, lists and code beyond the body's box, a named
standfirst above it, short paragraphs and short lines. Each rule alone, on small pages; and what
each must still leave out."""

from __future__ import annotations

import boilerstrip
from boilerstrip.pipeline.classify import BOILERPLATE_CONTAINER, OUTSIDE
from boilerstrip.pipeline.features import names_standfirst
from tests.synthetic import PROSE, classified, html_page, index_of

NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
FOOTER = "<footer><p>Copyright The Town Paper</p></footer>"


def _page(body: str, title: str = "Council delays the budget vote") -> str:
    return f"<html><head><title>{title}</title></head><body>{NAV}{body}{FOOTER}</body></html>"


def _ps(texts: tuple[str, ...] | list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def _rules(html: str) -> dict[str, str | None]:
    """Each block's text -> the rule that dropped it (None: kept)."""
    return {b.text: b.rule for b in boilerstrip.extract(html).blocks}


# --- misnamed boxes (classify._vindicate) ----------------------------------------------------


def test_a_box_named_like_a_share_bar_in_the_body_flow_is_the_article() -> None:
    html = _page(
        "<div class='body'>"
        f"<div class='section' id='intro'>{_ps(PROSE[:2])}</div>"
        f"<div class='section' id='sharing-changes'><h2>Sharing changes</h2>{_ps(PROSE[2:4])}</div>"
        f"<div class='section' id='history'>{_ps(PROSE[4:6])}</div>"
        "</div>"
    )
    rules = _rules(html)
    assert rules[PROSE[2]] is None and rules[PROSE[3]] is None
    assert rules["Sharing changes"] is None


def test_a_comment_thread_after_the_body_stays_out() -> None:
    html = _page(
        "<div class='body'>"
        f"{_ps(PROSE[:4])}"
        f"<div class='comments'>{_ps(PROSE[4:7])}</div>"
        "<p>Leave a reply.</p>"
        "</div>"
    )
    rules = _rules(html)
    assert all(rules[p] == BOILERPLATE_CONTAINER for p in PROSE[4:7])


def test_a_region_with_no_prose_of_its_own_takes_its_misnamed_boxes() -> None:
    # Every paragraph is in a "subscriber-only" box: the names are wrong, not the prose.
    boxes = "".join(f"<div class='subscriber-only'><p>{p}</p></div>" for p in PROSE[:5])
    rules = _rules(_page(f"<div class='asset-content'>{boxes}</div>"))
    assert all(rules[p] is None for p in PROSE[:5])


# --- runs beyond the region (classify._extend_runs, _sentences, _body_matter) -----------------


#: Two paragraphs of prose for the box after the region's (not in PROSE).
NEXT = (
    "The crossing takes twelve minutes in good weather, but in a westerly gale it can take "
    "forty, and on some nights in winter the ferry does not run at all.",
    "Those are the nights people remember best, when the teachers sleep at the school and "
    "the shop on the quay sells out of milk long before noon.",
)


#: A first box that far outweighs the next: the region is that box alone.
LONG = [p + " " + p for p in PROSE]


def _after_long_box(box: str) -> str:
    """A page whose story is the long box and then ``box``."""
    return _page(f"<div class='story'><div class='component'>{_ps(LONG)}</div>{box}</div>")


def test_prose_in_the_next_box_of_the_same_make_joins_the_region() -> None:
    html = _after_long_box(f"<div class='component'>{_ps(NEXT)}</div>")
    rules = _rules(html)
    assert rules[NEXT[0]] is None and rules[NEXT[1]] is None


def test_one_paragraph_under_a_label_after_the_region_does_not_join_it() -> None:
    # What follows an article alone (a note, a credit, one teaser's summary) is one block.
    html = _after_long_box(f"<div class='component'><h3>A note</h3>{_ps(NEXT[:1])}</div>")
    assert _rules(html)[NEXT[0]] == OUTSIDE


def test_a_box_of_another_make_does_not_join_the_region() -> None:
    html = _after_long_box(f"<div class='reader-letters'>{_ps(NEXT)}</div>")
    rules = _rules(html)
    assert rules[NEXT[0]] == OUTSIDE and rules[NEXT[1]] == OUTSIDE


def test_short_sentences_and_list_lines_run_on_in_the_next_box() -> None:
    short = ["The owl counted the stars on the left side of the sky.", "The fox counted the rest."]
    items = "<ul><li>A clear plastic pot</li><li>Fresh orchid bark</li><li>A chopstick</li></ul>"
    html = _after_long_box(f"<div class='component'>{_ps(short)}{items}</div>")
    rules = _rules(html)
    assert rules[short[0]] is None
    assert all(
        rules[t] is None for t in ("A clear plastic pot", "Fresh orchid bark", "A chopstick")
    )


def test_a_run_stops_at_a_line_of_links() -> None:
    teasers = (
        "<p><a href='/a'>More from the council: the budget</a> <a href='/b'>and the vote</a></p>"
    )
    html = _after_long_box(f"<div class='component'>{teasers}{_ps(NEXT)}</div>")
    # The teaser line is long link text: the run ends there and the prose after it stays out.
    assert _rules(html)[NEXT[0]] == OUTSIDE


# --- holes in the region (classify._fill_holes) -----------------------------------------------


def test_a_list_between_two_parts_of_the_region_joins_it() -> None:
    page, labels = classified(
        _page(
            "<div class='guide'>"
            f"<div class='part'>{_ps(PROSE[:2])}</div>"
            "<div class='part'><ul><li>A pot one size larger</li><li>Fresh bark</li></ul></div>"
            f"<div class='part'>{_ps(PROSE[2:6])}</div>"
            "</div>"
        )
    )
    assert page.region[index_of(page, "A pot one size")]
    assert labels[index_of(page, "Fresh bark")] is None


# --- the standfirst (classify._standfirst, features.names_standfirst) -------------------------


def test_a_named_standfirst_in_the_header_joins_the_article() -> None:
    standfirst = "Members will vote again in spring after a long night of debate"
    html = _page(
        "<div class='story'><header>"
        "<h1>Council delays the budget vote</h1>"
        f"<div class='standfirst'><p>{standfirst}</p></div>"
        "<div class='meta'>Jane Roe</div></header>"
        f"<div class='story-body'>{_ps(PROSE[:5])}</div></div>"
    )
    assert boilerstrip.extract_text(html).splitlines()[0] == standfirst


def test_an_unnamed_line_above_the_body_is_no_standfirst() -> None:
    line = "Members will vote again in spring after a long night of debate"
    html = _page(
        "<div class='story'><header>"
        "<h1>Council delays the budget vote</h1>"
        f"<div class='promo-box'><p>{line}</p></div></header>"
        f"<div class='story-body'>{_ps(PROSE[:5])}</div></div>"
    )
    assert line not in boilerstrip.extract_text(html)


def test_standfirst_names_are_whole_sub_words_and_never_a_figure() -> None:
    page = html_page(
        "<html><body><div class='article-dek'>a</div><div class='deckchair'>b</div>"
        "<figure class='lead'><figcaption>c</figcaption></figure></body></html>"
    )
    named = {
        page.blocks[i].text: names_standfirst(page.nodes, b.node) for i, b in enumerate(page.blocks)
    }
    assert named == {"a": True, "b": False, "c": False}


# --- pages written in short lines (classify._lines_outweigh) ----------------------------------


def test_a_page_of_short_lines_keeps_its_body_against_a_notice_bar() -> None:
    lines = [f"Line {n} of the diary, short and plain." for n in range(40)]
    notice = (
        "We are carrying out maintenance on the site tonight, and some features may be "
        "unavailable for a few hours, though every article can still be read as usual."
    )
    menu = "".join(f"<li><a href='/{n}'>Section {n}</a></li>" for n in range(8))
    html = (
        f"<html><body><div class='notice'>{notice}</div><ul class='menu'>{menu}</ul>"
        "<div class='entry'><h1>A diary</h1><div class='date'>2025-06-14</div>"
        f"<div class='entry-body'>{_ps(lines)}</div></div></body></html>"
    )
    text = boilerstrip.extract_text(html)
    assert notice not in text
    assert text.splitlines() == lines


# --- lists among the body's opening lines (filters.EdgeFilter) ------------------------------


def test_a_list_before_the_first_long_paragraph_is_kept() -> None:
    html = _page(
        "<div class='entry-content'><p>What is new?</p>"
        "<ul><li>New tasks for the game</li><li>Bugs fixed</li></ul>"
        f"{_ps(PROSE[:4])}</div>"
    )
    rules = _rules(html)
    assert rules["New tasks for the game"] is None and rules["Bugs fixed"] is None


# --- teaser cards (filters.TeaserCardFilter), second round ------------------------------------

SUMMARIES = (
    "The river board has opened its new footbridge after two years of work, and walkers say "
    "it has changed their morning routes.",
    "A local bakery that has served the high street for sixty years will close its doors at "
    "the end of the month, its owners said.",
    "Students at the secondary school built a weather station on the roof and now publish its "
    "readings every morning for the town.",
    "The library will stay open late on Thursdays from next month, after a survey found that "
    "many readers work during the day.",
)


def _each(template: str, texts: tuple[str, ...]) -> str:
    """``template`` filled in for each text: ``{t}`` the text, ``{n}`` its index, ``{of}`` the
    count."""
    return "".join(template.format(t=t, n=n, of=len(texts)) for n, t in enumerate(texts))


def _cards(summaries: tuple[str, ...], box: str = "li") -> str:
    return _each(
        f"<{box} class='story'><h3><a href='/story/{{n}}'>Story number {{n}} of the day</a></h3>"
        f"<p>{{t}}</p></{box}>",
        summaries,
    )


# --- teaser cards (filters.TeaserCardFilter) ---------------------------------------------------


def test_summaries_in_cards_after_the_body_are_dropped() -> None:
    html = _page(
        f"<div class='main'>{_ps(PROSE[:5])}<ul class='latest'>{_cards(SUMMARIES)}</ul></div>"
    )
    rules = _rules(html)
    assert all(rules[p] is None for p in PROSE[:5])
    assert all(rules[s] == "teaser-cards" for s in SUMMARIES)


def test_two_cards_are_no_list_of_stories() -> None:
    html = _page(f"<div class='main'>{_ps(PROSE[:5])}<ul>{_cards(SUMMARIES[:2])}</ul></div>")
    rules = _rules(html)
    assert all(rules[s] != "teaser-cards" for s in SUMMARIES[:2])


def test_sections_under_linked_headings_with_a_long_one_are_the_article() -> None:
    # An article whose sections open with linked headings: one section is long, so the boxes
    # are sections, not cards.
    long_section = (
        "<div class='story'><h3><a href='#part'>The long part</a></h3>" + _ps(PROSE[3:8]) + "</div>"
    )
    html = _page(
        f"<div class='main'>{_ps(PROSE[:3])}{_cards(SUMMARIES, box='div')}{long_section}</div>"
    )
    rules = _rules(html)
    assert all(rules[s] != "teaser-cards" for s in SUMMARIES)


def test_a_page_that_is_only_cards_keeps_them() -> None:
    html = _page(f"<div class='main'><ul class='results'>{_cards(SUMMARIES)}</ul></div>")
    rules = _rules(html)
    assert all(rules[s] != "teaser-cards" for s in SUMMARIES)


# --- slideshows (filters.GalleryFilter) --------------------------------------------------------

SLIDES = (
    "Crowds gathered on the quay at dawn to watch the first boats of the season leave.",
    "A fisherman checks his nets before the boats set out for the northern grounds.",
    "Children wave from the harbour wall as the last of the boats passes the lighthouse.",
    "The harbour master rings the old bell that has opened the season for a century.",
    "Gulls follow the boats out past the breakwater into the grey morning light.",
)


def _slides(captions: tuple[str, ...]) -> str:
    return _each(
        "<div class='slide'><img src='/p{n}.jpg'><p class='slide-caption'>{t}</p>"
        "<span class='count'>{n} of {of}</span></div>",
        captions,
    )


def test_a_slideshow_beside_the_article_is_dropped() -> None:
    html = _page(
        f"<div class='main'><div class='gallery'>{_slides(SLIDES[:4])}</div>{_ps(PROSE[:4])}</div>"
    )
    rules = _rules(html)
    assert all(rules[p] is None for p in PROSE[:4])
    assert all(rules[c] == "gallery" for c in SLIDES[:4])


def test_figures_among_the_paragraphs_stay() -> None:
    figures = [f"<figure><img src='/p.jpg'><figcaption>{c}</figcaption></figure>" for c in SLIDES]
    body = "".join(f"<p>{p}</p>{f}" for p, f in zip(PROSE, figures, strict=False))
    rules = _rules(_page(f"<div class='main'>{body}</div>"))
    assert all(rules[c] is None for c in SLIDES)


def test_a_photo_post_keeps_its_captions() -> None:
    html = _page(
        f"<div class='main'>{_ps(PROSE[:1])}<div class='gallery'>{_slides(SLIDES)}</div></div>"
    )
    rules = _rules(html)
    assert all(rules[c] != "gallery" for c in SLIDES)


def test_captions_in_a_layout_table_are_no_slideshow() -> None:
    cells = "".join(f"<tr><td class='caption'><p class='caption'>{c}</p></td></tr>" for c in SLIDES)
    html = _page(f"<div class='main'>{_ps(PROSE[:4])}<table>{cells}</table></div>")
    rules = _rules(html)
    assert all(rules[c] != "gallery" for c in SLIDES)


# --- a box of links set into the article (classify._extend_runs) ------------------------------

COLUMNS = "".join(f"<p><a href='/columns/{n}'>Column number {n}</a></p>" for n in range(1, 9))


def test_a_run_crosses_a_box_of_short_links_set_into_the_article() -> None:
    html = _after_long_box(
        f"<div class='more-columns'>{COLUMNS}</div><div class='component'>{_ps(NEXT)}</div>"
    )
    rules = _rules(html)
    assert rules[NEXT[0]] is None and rules[NEXT[1]] is None
    assert rules["Column number 1"] is not None


def test_past_a_box_of_links_a_second_line_of_links_ends_the_run() -> None:
    # Teasers: a list of links, then a linked headline and its summary, twice.
    teasers = "".join(
        f"<div class='component'><p><a href='/s/{n}'>Another story</a></p><p>{p}</p></div>"
        for n, p in enumerate(NEXT)
    )
    html = _after_long_box(f"<div class='more-columns'>{COLUMNS}</div>{teasers}")
    rules = _rules(html)
    assert rules[NEXT[1]] == OUTSIDE


# --- a block's commas count up to a bound (classify.node_scores, MAX_COMMA_POINTS) -------------

#: A video's transcript set into the story: one block of spoken sentences, comma after comma.
TRANSCRIPT = " ".join(
    f"So, in part {n}, we walk, we stretch, we breathe, and then, slowly, we rest, okay, and, "
    "if it hurts, stop, sit, and wait."
    for n in range(1, 16)
)


def test_one_block_of_many_commas_does_not_outweigh_an_article_in_sections() -> None:
    # The story's paragraphs sit in four sections; a video's transcript stands between two.
    parts = [f"<section class='part'>{_ps(LONG[k : k + 2])}</section>" for k in range(0, 8, 2)]
    video = f"<div class='video-module'><div class='transcript'><p>{TRANSCRIPT}</p></div></div>"
    html = _page(f"<div class='story'>{''.join(parts[:2])}{video}{''.join(parts[2:])}</div>")
    rules = _rules(html)
    assert all(rules[p] is None for p in LONG)


def test_a_wall_of_text_with_many_commas_is_still_the_article() -> None:
    # An old page whose whole article is one block outweighs a box of notes full of commas.
    notes = (
        "Our office, on the quay, is open on weekdays from nine to five, and on Saturdays.",
        "Call us, write to us, or visit us, and we will answer within a day or two.",
        "Parking is free, but the lot is small, so please come by bus if you can.",
    )
    box = f"<div class='extra'><div><div class='box'>{_ps(notes)}</div></div></div>"
    rules = _rules(_page(f"<div class='text'><p>{TRANSCRIPT}</p></div>{box}"))
    assert rules[TRANSCRIPT] is None
    assert all(rules[n] == OUTSIDE for n in notes)


def test_a_sentence_that_opens_like_a_byline_is_the_article() -> None:
    sentence = "By noon the school was a shelter, and volunteers carried sandbags to the bridge."
    html = _page("<p>By Jane Doe</p>" + _ps([PROSE, sentence, PROSE]))
    rules = _rules(html)
    assert rules["By Jane Doe"] == "byline"
    assert rules[sentence] is None


def test_a_byline_prefix_opening_a_sentence_is_read_after_opening_punctuation() -> None:
    from boilerstrip.text.bylines import is_byline, opens_like_a_byline
    from boilerstrip.text.phrases import phrase

    for text in ("By noon the school was a shelter.", "— By noon the school was a shelter."):
        assert not opens_like_a_byline(text, phrase(text)), text
        assert not is_byline(text, phrase(text)), text
    for text in ("By Jane Doe", "— By Jane Doe.", "Written by Jane Doe.", "von Anna Schmidt"):
        assert opens_like_a_byline(text, phrase(text)), text
