"""The headline: the heading the title names, else (a page titled with the site's name) the
first heading with a byline or dateline beside it; and the fallback's stricter version."""

from __future__ import annotations

from boilerstrip.config import MAX_HEADLINE_HEADINGS
from boilerstrip.pipeline.headline import headline, is_dated, sole_headline
from tests.synthetic import PROSE, SegBuilder, make_page

TITLE = "Library opens its doors in the spring after a long debate"


def test_the_title_names_the_headline() -> None:
    b = SegBuilder()
    b.leaf("h2", "A teaser of another story today")  # 0
    b.leaf("p", "3 March 2025")  # 1
    b.leaf("h1", TITLE)  # 2
    b.leaf("p", "By Jane Doe")  # 3
    b.leaf("p", PROSE[0])  # 4
    page = make_page(b.build(), title=f"{TITLE} | The Town Paper")
    assert headline(page) == 2
    assert sole_headline(page) == 2


def test_a_page_titled_with_the_site_name_takes_its_first_dated_heading() -> None:
    b = SegBuilder()
    b.link("h1", "The Town Blog")  # 0: the site's name, as the title
    b.leaf("p", "Notes on the town, written weekly.")  # 1
    b.leaf("h2", "Almost there")  # 2
    b.leaf("p", "By Jane Doe, 28 May 2010")  # 3
    page = make_page(b.build(), title="The Town Blog")
    assert headline(page) == 2
    assert sole_headline(page) == 2


def test_a_date_header_is_no_headline() -> None:
    # A blog puts the day above its posts as a heading: the post's title comes after it.
    b = SegBuilder()
    b.leaf("h2", "Sunday, September 9")  # 0
    b.leaf("h3", "Prepping for a new week")  # 1
    b.leaf("p", "Posted by Jane")  # 2
    page = make_page(b.build(), title="The Town Blog")
    assert is_dated(page, 0)  # its neighbour is a byline, and yet
    assert headline(page) == 1


def test_an_undated_heading_the_title_names_is_no_post() -> None:
    b = SegBuilder()
    b.leaf("h1", "Page not found")
    b.leaf("p", "The page you asked for has moved.")
    page = make_page(b.build(), title="Page not found")
    assert headline(page) == 0  # it still marks where the page's text is
    assert sole_headline(page) is None  # but nothing says it heads a post


def test_no_title_and_no_dated_heading_no_headline() -> None:
    b = SegBuilder()
    b.leaf("h1", "Page not found")
    b.leaf("p", "The page you asked for has moved.")
    page = make_page(b.build(), title=None)
    assert headline(page) is None
    assert sole_headline(page) is None


def test_the_dateline_stands_right_beside_the_heading() -> None:
    b = SegBuilder()
    b.leaf("h2", "Almost there")  # 0
    for text in PROSE[:3]:  # 1-3
        b.leaf("p", text)
    b.leaf("p", "12 November 2012")  # 4: too far below to be the heading's
    page = make_page(b.build(), title="The Town Blog")
    assert not is_dated(page, 0)
    assert headline(page) is None


def test_a_listing_has_no_sole_headline() -> None:
    b = SegBuilder()
    b.leaf("h1", "Latest news")  # 0: what the title names, and it has no date
    b.link("h2", "Harbour bridge to close overnight")  # 1: the lead story
    b.leaf("p", "Drivers face a diversion for two weeks.")  # 2
    b.leaf("p", "9 April 2025")  # 3
    for i in range(2):  # 4-7: smaller teasers, each with its date
        b.link("h3", f"Ferry operator adds a sailing, part {i}")
        b.leaf("p", f"{8 - i} April 2025")
    page = make_page(b.build(), title="Latest news | The Daily Harbour")
    assert sole_headline(page) is None
    assert headline(page) == 1  # the region's nudge still goes to the first teaser's box
    # One dated teaser alone reads as a post:
    one = SegBuilder()
    one.leaf("h1", "Latest news")
    one.link("h2", "Harbour bridge to close overnight")
    one.leaf("p", "9 April 2025")
    assert sole_headline(make_page(one.build(), title="Latest news | The Daily Harbour")) == 1


def test_a_dated_heading_that_is_no_link_does_not_make_a_listing() -> None:
    b = SegBuilder()
    b.link("h3", "Prepping for a new week")  # 0
    b.leaf("p", "September 9, 2012")  # 1
    b.leaf("p", PROSE[0])  # 2
    b.leaf("p", "October 21, 2012 9:17 AM")  # 3: a comment's footer
    b.leaf("h4", "Post a comment")  # 4: dated by the comment above it, and no link
    page = make_page(b.build(), title="The Town Blog")
    assert is_dated(page, 4)
    assert sole_headline(page) == 0


def test_only_the_first_headings_are_searched() -> None:
    b = SegBuilder()
    for i in range(MAX_HEADLINE_HEADINGS):
        b.leaf("h3", f"Section {i} of the index")
    b.leaf("p", PROSE[0])
    b.leaf("h2", "Almost there")
    b.leaf("p", "By Jane Doe, 28 May 2010")
    page = make_page(b.build(), title="The Town Blog")
    assert headline(page) is None
    shorter = SegBuilder()
    for i in range(MAX_HEADLINE_HEADINGS - 1):
        shorter.leaf("h3", f"Section {i} of the index")
    shorter.leaf("p", PROSE[0])
    shorter.leaf("h2", "Almost there")
    shorter.leaf("p", "By Jane Doe, 28 May 2010")
    assert headline(make_page(shorter.build(), title="The Town Blog")) == MAX_HEADLINE_HEADINGS


def test_an_undated_headline_named_by_the_title_has_no_stand_in() -> None:
    # The title names the article's own heading, which has no date: a sidebar's dated heading
    # further down is not taken instead, and the fallback has no post to show.
    b = SegBuilder()
    b.leaf("h3", "The new music industry's week in review")  # 0
    b.link("li", "Pandora stock continues to fall as a rival plans a free service")  # 1
    b.leaf("p", "16 November 2012")  # 2: too far from 0
    b.leaf("h2", "Resources")  # 3
    b.leaf("p", "17 November 2012")  # 4
    title = "The Hype: The new music industry's week in review"
    page = make_page(b.build(), title=title)
    assert not is_dated(page, 0)
    assert is_dated(page, 3)
    assert headline(page) == 0
    assert sole_headline(page) is None
    # Where the title is the heading and nothing more, it may be the site's name: search on.
    assert headline(make_page(b.build(), title="The new music industry's week in review")) == 3


def test_a_dated_subtitle_under_the_titles_heading_is_no_headline() -> None:
    # The headline, a comment count, then the subtitle with the byline under it: the subtitle
    # has the byline beside it, and the headline has not, but the subtitle is no headline.
    dek = "The vote is put off until the spring after a long and bitter debate in the hall"
    b = SegBuilder()
    b.leaf("h1", TITLE)  # 0
    b.link("p", "New, 2 comments")  # 1
    b.leaf("h2", dek)  # 2
    b.leaf("p", "By Jane Doe, 28 May 2010")  # 3
    b.leaf("p", PROSE[0])  # 4
    page = make_page(b.build(), title=TITLE)
    assert not is_dated(page, 0) and is_dated(page, 2)
    assert headline(page) == 0


def test_a_posters_name_under_the_titles_heading_is_still_the_dated_heading() -> None:
    # A forum thread: the thread's title, then the first post headed by its poster's name.
    b = SegBuilder()
    b.leaf("h1", TITLE)  # 0
    b.link("li", "Jane Doe")  # 1
    b.leaf("h4", "Jane Doe")  # 2: a name, not a subtitle
    b.leaf("li", "May 21, 2015")  # 3
    b.leaf("p", PROSE[0])  # 4
    page = make_page(b.build(), title=TITLE)
    assert headline(page) == 2
