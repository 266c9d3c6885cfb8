"""Stage 5b, fallback: a page whose filters kept nothing shows its headline when it reads as an
article (a picture or video post), and stays empty otherwise."""

from __future__ import annotations

from boilerstrip.pipeline.fallback import headline_only
from boilerstrip.pipeline.page import Labels
from tests.synthetic import PROSE, SegBuilder, make_page

TITLE = "Eat, drink and keep the kids busy at the table"


def _all_dropped(n: int) -> Labels:
    return ["outside-main-content"] * n


def test_a_dated_post_with_no_body_keeps_its_headline_and_subtitle() -> None:
    b = SegBuilder()
    b.link("li", "Home")  # 0
    with b.box("header"):
        b.leaf("h1", TITLE)  # 1
        b.leaf("h2", "Fourteen ways to set a festive family table")  # 2
        b.leaf("p", "By Jane Doe on 12 November 2012")  # 3
    b.link("li", "Contact")  # 4
    page = make_page(b.build(), title=TITLE + " | The Town Paper")
    labels = headline_only(page, _all_dropped(5))
    assert [i for i, label in enumerate(labels) if label is None] == [1, 2]


def test_a_dateline_before_the_headline_counts() -> None:
    b = SegBuilder()
    b.leaf("h2", "Friday, November 9, 2012")  # 0: a blog's date header
    b.leaf("h3", TITLE)  # 1
    b.leaf("p", "Posted in Recipes")  # 2
    page = make_page(b.build(), title=TITLE)
    labels = headline_only(page, _all_dropped(3))
    assert [i for i, label in enumerate(labels) if label is None] == [1]


def test_a_headline_without_byline_or_date_stays_dropped() -> None:
    # An error page or a parked domain: its heading is its title, and nothing else is there.
    b = SegBuilder()
    b.leaf("h1", "Page not found")
    b.leaf("p", "The page you asked for has moved.")
    page = make_page(b.build(), title="Page not found")
    assert headline_only(page, _all_dropped(2)) == _all_dropped(2)


def test_a_listing_stays_dropped() -> None:
    # The dates of a listing follow its teasers' headings, not the page's headline. (A listing
    # of one dated teaser reads as a post: its heading is kept.)
    b = SegBuilder()
    b.leaf("h1", "Latest news")  # 0
    b.leaf("span", "News")  # 1
    b.link("h2", "Harbour bridge to close overnight")  # 2
    b.leaf("p", "9 April 2025")  # 3
    b.link("h2", "Ferry timetable changes for the summer")  # 4
    b.leaf("p", "8 April 2025")  # 5
    page = make_page(b.build(), title="Latest news | The Daily Harbour")
    assert headline_only(page, _all_dropped(6)) == _all_dropped(6)


def test_nothing_changes_while_a_block_is_kept() -> None:
    b = SegBuilder()
    b.leaf("h1", TITLE)
    b.leaf("p", "By Jane Doe, 12 November 2012")
    b.leaf("p", PROSE[0])
    page = make_page(b.build(), title=TITLE)
    labels: Labels = ["title", "byline", None]
    assert headline_only(page, labels) == labels


def test_a_page_titled_with_its_site_name_keeps_its_dated_heading() -> None:
    # A blog titles every page with its own name; its logo is a heading that links home.
    b = SegBuilder()
    b.link("h1", "The Town Blog")  # 0
    b.link("li", "Home")  # 1
    b.leaf("p", "kids - November 12, 2012")  # 2
    b.leaf("h2", "Eat, drink and keep the kids busy")  # 3
    b.link("li", "Related stories")  # 4
    page = make_page(b.build(), title="The Town Blog")
    labels = headline_only(page, _all_dropped(5))
    assert [i for i, label in enumerate(labels) if label is None] == [3]


def test_without_a_title_a_dated_heading_is_the_headline() -> None:
    b = SegBuilder()
    b.leaf("h1", TITLE)
    b.leaf("p", "12 November 2012")
    page = make_page(b.build(), title=None)
    assert headline_only(page, _all_dropped(2)) == [None, "outside-main-content"]
