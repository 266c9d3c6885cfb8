"""Stage 5, filters: each rule alone, on hand-made segmentations (exactly what the rule sees)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boilerstrip.config import PROMPT_PREFIXES, thresholds_for
from boilerstrip.pipeline.filters import (
    DEFAULT_FILTERS,
    BylineFilter,
    ChromeFilter,
    EdgeFilter,
    Filter,
    FragmentsFilter,
    NavigationFilter,
    RepeatFilter,
    ShortBoxFilter,
    ShortLineFilter,
    TeaserCardFilter,
    TeaserFilter,
    TitleFilter,
    apply_filters,
    section_after,
)
from boilerstrip.pipeline.page import Labels, Page
from boilerstrip.text.bylines import names_a_date
from boilerstrip.text.phrases import phrase, phrase_head, text_key
from tests.synthetic import PROSE, SegBuilder, dropped, html_page, kept, make_page

OUT = "outside-main-content"


def _apply(rule: Filter, page: Page, labels: Labels | None = None) -> dict[int, str]:
    labels = kept(page) if labels is None else labels
    out = rule.apply(page, labels)
    assert len(out) == len(page.blocks)
    return dropped(out)


def test_default_filters_run_in_order_with_distinct_names() -> None:
    names = [f.name for f in DEFAULT_FILTERS]
    assert names == [
        "title",
        "navigation",
        "share-signup-consent",
        "byline",
        "teasers",
        "teaser-cards",
        "gallery",
        "repeat",
        "post-chrome",
        "short-box",
        "short-edge",
        "short-line",
        "no-sentence",
    ]


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_text_key_is_the_word_characters_casefolded(text: str) -> None:
    # The ASCII fast path deletes bytes in C; it must give what the regex gives.
    assert text_key(text) == "".join(re.findall(r"\w+", text.casefold()))


@pytest.mark.parametrize(
    "text",
    [
        "It’s a “quoted” line — with\u00a0no-break spaces…",  # a few non-ASCII non-words
        "Андрей Рудьков, «Новости» — 5 мая",  # all letters non-ASCII
        "STRAẞE ﬃ İstanbul ΐ K",  # casefolding lengthens or changes letters
        "lone \ud800 surrogate \udfff",
        "".join(map(chr, range(0x2000, 0x2100))) + " words",  # mostly not ASCII
        "plain words " * 100 + "".join(map(chr, range(0x2000, 0x2030))),  # many distinct others
        "日本語の「テキスト」、句読点。",
    ],
)
def test_text_key_deletes_other_non_words_as_the_regex_does(text: str) -> None:
    assert text_key(text) == "".join(re.findall(r"\w+", text.casefold()))


@given(st.text(alphabet=" .:-\u00a0\u2003\"'“»aZİßﬃΣя日") | st.text(), st.integers(1, 40))
def test_phrase_head_is_the_start_of_the_phrase(text: str, size: int) -> None:
    assert phrase_head(text, size) == phrase(text)[:size]


def test_phrase_and_text_key() -> None:
    assert phrase("  Related: ") == "related"
    assert phrase("» Read   More …") == "read more"
    assert text_key("“Quoted” text — it’s HERE") == text_key('"quoted" text - it\'s here')
    assert text_key("a b") == "ab"


# --- title -------------------------------------------------------------------------------------


def test_title_heading_matching_the_title_is_dropped_anywhere() -> None:
    b = SegBuilder()
    with b.box("article"):
        b.leaf("h2", "Budget night")  # 0
        b.leaf("p", PROSE[0])  # 1
        b.leaf("h2", "BUDGET — night!")  # 2: same words, other case and punctuation
        b.leaf("h2", "What comes next")  # 3
        b.leaf("p", PROSE[1])  # 4
    page = make_page(b.build(), title="Budget night")
    assert _apply(TitleFilter(), page) == {0: "title", 2: "title"}


def test_first_h1_before_any_prose_is_dropped_even_without_a_title() -> None:
    b = SegBuilder()
    b.leaf("h1", "Town Paper")  # 0: a site name in an h1
    b.leaf("h1", "Council delays the vote")  # 1
    b.leaf("p", PROSE[0])  # 2
    b.leaf("h1", "A second part")  # 3: after prose: a section heading
    b.leaf("h2", "Not a headline")  # 4
    page = make_page(b.build(), title=None)
    assert _apply(TitleFilter(), page) == {0: "title", 1: "title"}


def test_long_heading_inside_the_title_is_dropped_short_one_is_not() -> None:
    b = SegBuilder()
    b.leaf("p", PROSE[0])  # 0
    b.leaf("h2", "Council delays budget vote after a long night")  # 1: 38 key chars
    b.leaf("h2", "Budget vote")  # 2: inside the title but short
    b.leaf("p", PROSE[1])  # 3
    page = make_page(
        b.build(), title="Council delays budget vote after a long night of debate | Town Paper"
    )
    assert _apply(TitleFilter(), page) == {1: "title"}


def test_title_only_counts_kept_prose_and_keeps_other_labels() -> None:
    b = SegBuilder()
    b.leaf("p", PROSE[0])  # 0: already dropped: not prose that went before
    b.leaf("h1", "Council delays the vote")  # 1
    b.leaf("h1", "Budget night")  # 2: already dropped by another rule
    b.leaf("p", PROSE[1])  # 3
    page = make_page(b.build(), title="Budget night")
    labels: Labels = [OUT, None, OUT, None]
    assert _apply(TitleFilter(), page, labels) == {0: OUT, 1: "title", 2: OUT}


# --- navigation --------------------------------------------------------------------------------


def test_navigation_drops_linked_items_and_short_link_lines() -> None:
    b = SegBuilder()
    with b.box("ul", "menu"):
        b.link("li", "Home")  # 0
        b.link("li", "World news")  # 1
        b.leaf("li", "Plain item without links")  # 2
        b.link("li", "A very long linked list item that goes on for many more words")  # 3
    b.link("p", "Back to the index")  # 4: short and fully linked
    b.link("p", "A long line that is all one link but has more than eight words")  # 5
    b.leaf("p", "Half of this is linked", linked="this is")  # 6: link density 0.4
    b.leaf("p", PROSE[0])  # 7
    b.leaf("p", "1 2 3 … 10 »")  # 8
    b.leaf("p", "Page 2 of 5")  # 9
    b.leaf("p", "« 1 | 2 | 3 »", linked="1 2 3")  # 10
    page = make_page(b.build())
    assert _apply(NavigationFilter(), page) == {
        0: "navigation",
        1: "navigation",
        3: "navigation",
        4: "navigation",
        8: "navigation",
        9: "navigation",
        10: "navigation",
    }


def test_navigation_leaves_labelled_blocks_alone() -> None:
    b = SegBuilder()
    with b.box("ul"):
        b.link("li", "Home")
        b.link("li", "About")
    page = make_page(b.build())
    assert _apply(NavigationFilter(), page, [OUT, None]) == {0: OUT, 1: "navigation"}


def test_navigation_keeps_text_cells_and_numbers_in_sentences() -> None:
    b = SegBuilder()
    with b.box("table"), b.box("tr"):
        b.leaf("td", "Year")  # 0
        b.leaf("td", "Spending in pounds")  # 1
    b.leaf("p", "In 2024 it was 12.5 million.")  # 2
    page = make_page(b.build())
    assert _apply(NavigationFilter(), page) == {}


def test_navigation_keeps_numeric_table_cells() -> None:
    b = SegBuilder()
    with b.box("table"):
        with b.box("tr"):
            b.leaf("th", "Year")  # 0
            b.leaf("th", "Spending")  # 1
        with b.box("tr"):
            b.leaf("td", "2023")  # 2
            b.leaf("td", "12.5")  # 3
    page = make_page(b.build())
    assert _apply(NavigationFilter(), page) == {}


# --- share, sign-up, consent -------------------------------------------------------------------


def test_chrome_drops_short_chrome_phrases() -> None:
    b = SegBuilder()
    b.leaf("p", "Share this article")  # 0
    b.leaf("p", "Follow us:")  # 1
    b.leaf("p", "ADVERTISEMENT")  # 2
    b.leaf("p", "Back to top")  # 3
    b.leaf("h3", "Leave a Reply")  # 4
    b.leaf("p", "Share prices fell.")  # 5: not a phrase of the list
    b.leaf(
        "p",
        "Readers were asked to share this article with friends, and many of them did so.",
    )  # 6
    b.leaf("p", PROSE[0])  # 7
    page = make_page(b.build())
    assert _apply(ChromeFilter(), page) == {i: "share-signup-consent" for i in range(5)}


def test_chrome_drops_a_prompt_and_its_small_box() -> None:
    b = SegBuilder()
    with b.box("div", "article"):
        b.leaf("p", PROSE[0])  # 0
        b.leaf("p", PROSE[1])  # 1
    with b.box("div", "box"):
        b.leaf(
            "p",
            "We use cookies to improve your experience on our site and to show you "
            "relevant adverts, as described in our policy.",
        )  # 2: long, but a prompt
        b.leaf("p", "Manage your choices in the settings")  # 3
        b.leaf("p", "Cookie policy")  # 4
    b.leaf("p", PROSE[2])  # 5
    page = make_page(b.build())
    assert _apply(ChromeFilter(), page) == {
        2: "share-signup-consent",
        3: "share-signup-consent",
        4: "share-signup-consent",
    }


def test_chrome_prompt_takes_short_lines_up_to_the_first_prose() -> None:
    b = SegBuilder()
    with b.box("div"):
        b.leaf("p", "Subscribe to our newsletter")  # 0
        b.leaf("p", "$1 for 4 weeks, then $29 per month.")  # 1
        b.leaf("p", "Cancel anytime.")  # 2
        b.leaf("p", PROSE[0])  # 3: prose stops it
        b.leaf("p", "Line after the prose")  # 4
    page = make_page(b.build())
    assert _apply(ChromeFilter(), page) == dict.fromkeys(range(3), "share-signup-consent")


def test_chrome_drops_copyright_lines() -> None:
    b = SegBuilder()
    b.leaf("p", PROSE[0])  # 0
    with b.box("div", "legal"):
        b.leaf("p", "© 2024 Town Paper. All rights reserved.")  # 1
        b.leaf("p", "All rights reserved.")  # 2
    page = make_page(b.build())
    assert _apply(ChromeFilter(), page) == {1: "share-signup-consent", 2: "share-signup-consent"}


def test_chrome_drops_a_bloggers_follow_prompt() -> None:
    # "follow me on" is the first-person "follow us on" (a blog's own social prompt).
    b = SegBuilder()
    with b.box("div", "entry"):
        b.leaf("p", PROSE[0])  # 0
        b.leaf("p", PROSE[1])  # 1
        b.leaf("p", "Follow me on Twitter. Subscribe to new posts by email.")  # 2
    page = make_page(b.build())
    assert _apply(ChromeFilter(), page) == {2: "share-signup-consent"}


def test_chrome_drops_a_line_opening_with_any_prompt() -> None:
    # The prompts are looked up by their first character: each of them must still be found.
    filler = " and then some more words to make the line longer than a short one" * 2
    for prompt in PROMPT_PREFIXES:
        b = SegBuilder()
        with b.box("div", "article"):
            b.leaf("p", PROSE[0])  # 0
            b.leaf("p", prompt.capitalize() + filler)  # 1
            b.leaf("p", PROSE[1])  # 2
        page = make_page(b.build())
        assert _apply(ChromeFilter(), page) == {1: "share-signup-consent"}, prompt


def test_chrome_inline_prompt_spares_the_next_paragraph() -> None:
    b = SegBuilder()
    with b.box("div", "article"):
        b.leaf("p", PROSE[0])  # 0
        b.leaf("p", PROSE[1])  # 1
        b.leaf("p", "Sign up for our morning newsletter.")  # 2
        b.leaf("p", PROSE[2])  # 3
        b.leaf("p", PROSE[3])  # 4
    page = make_page(b.build())
    assert _apply(ChromeFilter(), page) == {2: "share-signup-consent"}


def test_chrome_keeps_prose_that_starts_like_a_prompt() -> None:
    b = SegBuilder()
    with b.box("div", "article"):
        for text in PROSE[:3]:
            b.leaf("p", text)  # 0..2
        b.leaf(
            "p",
            "Your privacy was the next subject, as members argued for an hour about the new "
            "cameras that now watch every corner of the market square.",
        )  # 3
        for text in PROSE[3:8]:
            b.leaf("p", text)  # 4..8
    page = make_page(b.build())
    assert page.is_prose(3)
    assert _apply(ChromeFilter(), page) == {}


# --- bylines and datelines ---------------------------------------------------------------------


def test_byline_drops_bylines_and_datelines() -> None:
    lines = [
        "By Jane Doe and John Roe",
        "Updated 5 March 2024, 10:32 GMT",
        "Monday, 5 March 2024",
        "London, 5 March 2024",
        "9 min read",
        "3 hours ago",
        "Posted on 2024-03-05 by admin",
        "Photo: Reuters",
    ]
    b = SegBuilder()
    with b.box("div", "article"):
        for line in lines:
            b.leaf("p", line)
        b.leaf("p", PROSE[0])
    page = make_page(b.build())
    assert _apply(BylineFilter(), page) == {i: "byline" for i in range(len(lines))}


_OLD_DATE_CORE = re.compile(
    # The date test as one case-blind pattern, before it was split into cheaper parts: the
    # oracle for the property below.
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\d{1,4}[-/.:]\d{1,2}"
    r"|(?<!\d)\d++\s*(?:min|mins|minutes?|hours?|days?)\s+(?:read|ago)\b",
    re.I,
)
_DATE_PIECES = ["5", "12:30", "2024-03-05", "4/3", "jan", "Sept", "MAY", "aprıl", "ſept", "mayo"]
_DATE_PIECES += ["ago", "read", "3 hours ago", "9 min read", "1st", "on", "London", "x", ",", "."]


@given(st.lists(st.sampled_from(_DATE_PIECES) | st.text(max_size=4), max_size=6))
def test_the_date_test_agrees_with_its_one_pattern_form(pieces: list[str]) -> None:
    p = phrase(" ".join(pieces))
    assert names_a_date(p) == bool(_OLD_DATE_CORE.search(p)), p


def test_the_date_test_reads_month_words_and_joined_numbers() -> None:
    for line in ("5 march 2024", "sept. 5", "12:30", "4/3/2025", "3 hours ago", "aprıl 5"):
        assert names_a_date(line), line
    for line in ("mayor 5", "5 marching", "3 hours", "1.5", "read 5 books ago"):
        assert names_a_date(line) == (line == "1.5"), line


def test_byline_negatives() -> None:
    b = SegBuilder()
    b.leaf(
        "p",
        "By the time the council met on Tuesday, 5 March, most residents had already "
        "made up their minds about the budget.",
    )  # 0: starts like a byline but is a long sentence
    with b.box("table"), b.box("tr"):
        b.leaf("td", "9 min")  # 1: a cell is never a date line
        b.leaf("td", "By bus")  # 2
    with b.box("ul"):
        b.leaf("li", "9 min")  # 3: nor is a list item
    b.leaf("pre", "by 2024")  # 4
    b.leaf("p", "The team scored 3 goals")  # 5: digits but words
    b.leaf("p", "Bypass closed")  # 6
    b.leaf("p", "Author interviews")  # 7
    page = make_page(b.build())
    assert _apply(BylineFilter(), page) == {}


def test_byline_drops_an_author_box() -> None:
    b = SegBuilder()
    with b.box("div", "article"):
        b.leaf("p", PROSE[0])  # 0
        b.leaf("p", PROSE[1])  # 1
    with b.box("div", "box"):
        b.leaf("h3", "About the author")  # 2
        b.leaf("p", "Jane Doe covers the council and the valley for the Town Paper.")  # 3
        b.leaf("p", "She lives by the river with two cats.")  # 4
    b.leaf("p", PROSE[2])  # 5: after the box
    page = make_page(b.build())
    assert _apply(BylineFilter(), page) == {2: "byline", 3: "byline", 4: "byline"}


def test_byline_leaves_labelled_blocks_alone() -> None:
    b = SegBuilder()
    b.leaf("p", "By Jane Doe")
    b.leaf("p", "By John Roe")
    page = make_page(b.build())
    assert _apply(BylineFilter(), page, ["title", None]) == {0: "title", 1: "byline"}


@pytest.mark.parametrize("heading", ["Step 1", "Top 10", "Marketing in 2024"])
def test_byline_keeps_numbered_headings(heading: str) -> None:
    b = SegBuilder()
    with b.box("article"):
        b.leaf("p", PROSE[0])
        b.leaf("h2", heading)
        b.leaf("p", PROSE[1])
    page = make_page(b.build())
    assert _apply(BylineFilter(), page) == {}


# --- teasers -----------------------------------------------------------------------------------


def test_teaser_heading_and_its_box() -> None:
    b = SegBuilder()
    with b.box("article"):
        for text in PROSE[:3]:
            b.leaf("p", text)  # 0..2
    with b.box("div", "box"):
        b.leaf("h2", "You may also like")  # 3
        with b.box("ul"):
            b.link("li", "Council to vote on the new budget")  # 4
            b.link("li", "River is cleaner than a decade ago")  # 5
            b.leaf("li", "Sponsored")  # 6
    b.leaf("p", PROSE[3])  # 7: after the box
    page = make_page(b.build())
    assert _apply(TeaserFilter(), page) == {i: "teasers" for i in (3, 4, 5, 6)}


@pytest.mark.parametrize("heading", ["Related:", "More from Science", "READ MORE »", "See also"])
def test_teaser_headings(heading: str) -> None:
    b = SegBuilder()
    with b.box("div"):
        b.leaf("h3", heading)  # 0
        b.link("p", "Another story")  # 1
    page = make_page(b.build())
    assert _apply(TeaserFilter(), page) == {0: "teasers", 1: "teasers"}


def test_teasers_stop_at_the_first_full_prose_block() -> None:
    truncated = (
        "The council met on a wet Tuesday evening to argue about the new budget, and the "
        "debate ran long into the night before anyone agreed on anything …"
    )
    b = SegBuilder()
    with b.box("article"):
        b.leaf("p", PROSE[0])  # 0
        b.leaf("h3", "Read next")  # 1
        b.link("p", "Mayor promises the cleanup money")  # 2
        b.leaf("p", truncated)  # 3: prose, but cut off: a teaser
        b.leaf("p", PROSE[1])  # 4: full prose: the teasers are over
        b.leaf("p", "A short line after.")  # 5
    page = make_page(b.build())
    assert page.is_prose(3)
    assert _apply(TeaserFilter(), page) == {1: "teasers", 2: "teasers", 3: "teasers"}


def test_teaser_negatives() -> None:
    b = SegBuilder()
    with b.box("article"):
        b.leaf("p", "Related costs rose, the council said.")  # 0: short, mentions related
        b.leaf(
            "p",
            "The related question of who pays for the cleanup took up the rest of the "
            "evening, and nobody was happy with the answer.",
        )  # 1
        b.leaf("h2", "Related work")  # 2
        b.leaf("h2", "Moreover")  # 3
        b.leaf("p", PROSE[0])  # 4
    page = make_page(b.build())
    assert _apply(TeaserFilter(), page) == {}


def test_section_after() -> None:
    b = SegBuilder()
    with b.box("div"):  # node 1
        b.leaf("h2", "Heading")  # 0
        b.leaf("p", "one")  # 1
        b.leaf("p", "two")  # 2
    with b.box("div"):
        with b.box("div"):
            b.leaf("h2", "Last in its box")  # 3
        b.leaf("p", "three")  # 4
    page = make_page(b.build())
    assert section_after(page, 0) == range(1, 3)
    assert section_after(page, 2) == range(3, 5)  # the last block: its parent's rest
    assert section_after(page, 3) == range(4, 5)


# --- repeats -----------------------------------------------------------------------------------


def test_repeat_keeps_the_first_copy_whatever_the_quotes() -> None:
    straight = 'The mayor said "we will not cut the cleanup money" and the hall went quiet.'
    curly = "The mayor said “we will not cut the cleanup money” and the hall went quiet."
    b = SegBuilder()
    with b.box("div", "desktop"):
        b.leaf("p", straight)  # 0
        b.leaf("p", PROSE[0])  # 1
    with b.box("div", "mobile"):
        b.leaf("p", curly)  # 2
        b.leaf("p", "  the MAYOR said we will NOT cut the cleanup money and the hall went quiet ")
    page = make_page(b.build())
    assert _apply(RepeatFilter(), page) == {2: "repeat", 3: "repeat"}


def test_repeat_in_the_same_container_is_the_authors() -> None:
    b = SegBuilder()
    with b.box("div", "recipe"):
        b.leaf("h3", "Plan A")
        b.leaf("p", PROSE[0])  # 1
        b.leaf("h3", "Plan B")
        b.leaf("p", PROSE[0])  # 3: the same text again, on purpose
    page = make_page(b.build())
    assert _apply(RepeatFilter(), page) == {}


def test_repeat_ignores_short_repeats() -> None:
    b = SegBuilder()
    for _ in range(2):
        b.leaf("p", "Share")
        b.leaf("p", "Reporting from the town hall.")  # 26 key characters
    page = make_page(b.build())
    assert _apply(RepeatFilter(), page) == {}


def test_repeat_skips_copies_already_dropped() -> None:
    b = SegBuilder()
    b.leaf("p", PROSE[0])  # 0: dropped by an earlier rule
    b.leaf("p", PROSE[0])  # 1: the first kept copy
    with b.box("div", "copy"):
        b.leaf("p", PROSE[0])  # 2
    page = make_page(b.build())
    assert _apply(RepeatFilter(), page, [OUT, None, None]) == {0: OUT, 2: "repeat"}


def test_repeat_drops_pull_quotes_found_in_the_text() -> None:
    quote = "their newest findings surprised almost everyone on the council"
    b = SegBuilder()
    b.leaf("p", PROSE[0])  # 0
    b.leaf("blockquote", f"“{quote.capitalize()}”")  # 1: a pull quote before its paragraph
    with b.box("div", "pullquote"):
        b.text("almost everyone on the whole council was very surprised")  # 2: not in the text
    with b.box("aside"):
        b.text("Newest findings surprised almost everyone on the council.")  # 3: quote-like tag
    b.leaf("p", PROSE[3])  # 4: holds the quotes
    page = make_page(b.build())
    assert _apply(RepeatFilter(), page) == {1: "repeat", 3: "repeat"}


def test_repeat_keeps_a_plain_paragraph_inside_another() -> None:
    b = SegBuilder()
    b.leaf("p", "Scientists at the local university have studied the river")  # 0
    b.leaf("p", PROSE[3])  # 1: contains block 0's text
    page = make_page(b.build())
    assert _apply(RepeatFilter(), page) == {}


# --- short boxes -------------------------------------------------------------------------------


def test_short_box_drops_a_card_of_short_lines_in_the_region() -> None:
    b = SegBuilder()
    with b.box("div", "post"):
        b.leaf("h2", "Budget night")  # 0: headings are exempt
        b.leaf("p", PROSE[0])  # 1
        with b.box("div", "card"):
            b.leaf("p", "Jane Doe")  # 2
            b.leaf("p", "Staff writer")  # 3
            b.text("12 posts")  # 4
        b.leaf("p", PROSE[1])  # 5
        with b.box("ul"):
            b.leaf("li", "First point")  # 6: lists are exempt
            b.leaf("li", "Second point")  # 7
        with b.box("table"), b.box("tr"):
            b.leaf("td", "Cell")  # 8: tables too
        with b.box("figure"):
            b.leaf("figcaption", "A caption")  # 9
        b.leaf("p", "A short closing line.")  # 10: its box holds prose
    page = make_page(b.build())
    assert _apply(ShortBoxFilter(), page) == {2: "short-box", 3: "short-box", 4: "short-box"}


def test_short_box_spares_a_wrapped_table_and_a_list_written_as_lines() -> None:
    b = SegBuilder()
    with b.box("div", "post"):
        b.leaf("p", PROSE[0])  # 0
        with b.box("div", "figure-wrap"), b.box("table"), b.box("tr"):
            b.leaf("th", "City")  # 1: a table wrapped in a div is still a table
            b.leaf("td", "Phoenix")  # 2
        with b.box("div", "devices"):
            b.text("• Kindle")  # 3: bullets written as text make a list
            b.text("• Nook")  # 4
        with b.box("div", "card"):
            b.text("Jane Doe")  # 5: a card, dropped
            b.text("Staff writer")  # 6
        b.leaf("p", PROSE[1])  # 7
    page = make_page(b.build())
    assert _apply(ShortBoxFilter(), page) == {5: "short-box", 6: "short-box"}


def test_short_box_spares_boxes_shaped_like_the_prose_boxes() -> None:
    b = SegBuilder()
    with b.box("div", "post"):
        for text in PROSE[:2]:
            with b.box("div", "para"):
                b.leaf("p", text)  # 0, 1
        with b.box("div", "para"):
            b.leaf("p", "Then silence.")  # 2: part of the flow
        with b.box("div", "note"):
            b.leaf("p", "Then silence again.")  # 3: a box of its own
        with b.box("div", "para"):
            b.leaf("p", PROSE[2])  # 4
    page = make_page(b.build())
    assert _apply(ShortBoxFilter(), page) == {3: "short-box"}


def test_short_box_spares_a_quotation_set_in_the_text_not_a_named_quote_box() -> None:
    b = SegBuilder()
    with b.box("div", "post"):
        b.leaf("p", PROSE[0])  # 0
        with b.box("blockquote"):
            b.leaf("p", "By the pricking of my thumbs,")  # 1: a writer's quotation, kept
            b.leaf("p", "Something wicked this way comes.")  # 2
        b.leaf("p", PROSE[1])  # 3
        with b.box("blockquote", "pullquote"):
            b.leaf("p", "The bridge will not reopen.")  # 4: a template's pull quote
        with b.box("blockquote"):
            b.leaf("p", "Nate Silver nailed it.", "tweet")  # 5: a named post inside
        b.leaf("p", PROSE[2])  # 6
    page = make_page(b.build())
    assert _apply(ShortBoxFilter(), page) == {4: "short-box", 5: "short-box"}


def test_short_box_needs_its_parent_wholly_in_the_region() -> None:
    b = SegBuilder()
    with b.box("div", "post"):
        b.text("Posted in Town")  # 0: outside the region
        b.leaf("p", PROSE[0])  # 1
        with b.box("div", "card"):
            b.leaf("p", "Jane Doe")  # 2
    seg = b.build()
    page = make_page(seg, region=(False, True, True))
    assert _apply(ShortBoxFilter(), page, [OUT, None, None]) == {0: OUT}
    page = make_page(seg, region=(True, True, True))
    assert _apply(ShortBoxFilter(), page) == {2: "short-box"}


def test_short_box_does_nothing_without_a_region_or_prose() -> None:
    b = SegBuilder()
    with b.box("div"):
        b.leaf("p", PROSE[0])
        with b.box("div"):
            b.leaf("p", "Jane Doe")
    seg = b.build()
    assert _apply(ShortBoxFilter(), make_page(seg, region=())) == {}
    b = SegBuilder()
    with b.box("div"), b.box("div"):
        b.leaf("p", "Jane Doe")
    assert _apply(ShortBoxFilter(), make_page(b.build())) == {}


def test_short_box_spares_definition_lists() -> None:
    b = SegBuilder()
    with b.box("div", "post"):
        b.leaf("p", PROSE[0])  # 0
        with b.box("dl"):
            b.leaf("dt", "Population")  # 1
            b.leaf("dd", "About twelve thousand")  # 2
        b.leaf("p", PROSE[1])  # 3
    page = make_page(b.build())
    assert _apply(ShortBoxFilter(), page) == {}


# --- edges -------------------------------------------------------------------------------------


def test_edge_drops_short_lines_before_the_first_prose() -> None:
    b = SegBuilder()
    with b.box("div", "top"):
        b.leaf("p", "World")  # 0: a section label
        b.leaf("p", "Photo gallery of the council meeting in the town hall")  # 1: no full stop
        b.leaf("h2", "Budget night")  # 2: headings stay
        b.leaf("p", "Here is what happened at the meeting of the council.")  # 3: a sentence
    with b.box("div", "body"):
        b.leaf("p", "Short opening")  # 4: in the body's own box: its first line
        b.leaf("p", PROSE[0])  # 5
        b.leaf("p", "Short line between.")  # 6: between prose blocks: never an edge
        b.leaf("p", PROSE[1])  # 7
    page = make_page(b.build())
    assert _apply(EdgeFilter(), page) == {0: "short-edge", 1: "short-edge"}


def test_edge_after_the_last_prose() -> None:
    b = SegBuilder()
    with b.box("div", "body"):
        b.leaf("p", PROSE[0])  # 0
        b.leaf("p", PROSE[1])  # 1
        b.leaf("p", "Brazil")  # 2: in the last paragraph's own box: the body's last line
    b.leaf("p", "That was all for now.")  # 3: a short closing sentence survives
    b.leaf("p", "Filed under Politics")  # 4
    b.leaf("h3", "Key points")  # 5: stays, kept lines follow it
    b.leaf("p", "Photo: Jane Doe for the Town Paper")  # 6
    b.leaf("p", "Wow!")  # 7: too short to be a sentence
    with b.box("ul"):
        b.leaf("li", "A list item")  # 8: items stay
    b.leaf("pre", "x = 1")  # 9
    b.leaf("p", "A longer trailing line of words with no full stop at all")  # 10: no sentence
    b.leaf("h3", "Comments")  # 11: nothing kept under it
    b.leaf("p", "Log in to comment")  # 12
    page = make_page(b.build())
    assert _apply(EdgeFilter(), page) == {
        4: "short-edge",
        6: "short-edge",
        7: "short-edge",
        10: "short-edge",
        11: "short-edge",
        12: "short-edge",
    }


def test_edge_keeps_lines_in_boxes_shaped_like_the_body() -> None:
    # Pages that wrap every line in its own div: the body's box is a shape, not one element.
    b = SegBuilder()
    with b.box("div", "post"):
        with b.box("div", "line"):
            b.text("Ingredients for four")  # 0: before the first prose, same shape
        with b.box("div", "line"):
            b.text(PROSE[0])  # 1
        with b.box("div", "line"):
            b.text("2 tsp oil")  # 2: after the last prose, same shape
    with b.box("div", "footer"):
        b.text("Share this")  # 3: another box
    page = make_page(b.build())
    assert _apply(EdgeFilter(), page) == {3: "short-edge"}


def test_edge_keeps_a_list_written_as_lines_after_the_last_prose() -> None:
    b = SegBuilder()
    b.leaf("p", PROSE[0])  # 0
    with b.box("div", "devices"):
        b.text("• Amazon Kindle")  # 1
        b.text("- Barnes & Noble Nook")  # 2
        b.text("Kindle and Nook")  # 3: no bullet: a trailing label
    page = make_page(b.build())
    assert _apply(EdgeFilter(), page) == {3: "short-edge"}


def test_edge_counts_only_kept_prose() -> None:
    b = SegBuilder()
    b.leaf("p", PROSE[0])  # 0
    with b.box("div", "meta"):
        b.leaf("p", "Short label")  # 1: the last kept prose is block 0
    b.leaf("p", PROSE[1])  # 2: dropped already
    page = make_page(b.build())
    assert _apply(EdgeFilter(), page, [None, None, "repeat"]) == {1: "short-edge", 2: "repeat"}


def test_edge_does_nothing_without_prose() -> None:
    b = SegBuilder()
    b.leaf("p", "World")
    b.leaf("h2", "Comments")
    page = make_page(b.build())
    assert _apply(EdgeFilter(), page) == {}


def test_edge_keeps_a_closing_heading_with_items_under_it() -> None:
    b = SegBuilder()
    b.leaf("p", PROSE[0])  # 0
    b.leaf("p", PROSE[1])  # 1
    b.leaf("h2", "Key points")  # 2
    with b.box("ul"):
        b.leaf("li", "The vote was postponed")  # 3
        b.leaf("li", "The river is cleaner")  # 4
    page = make_page(b.build())
    assert _apply(EdgeFilter(), page) == {}


# --- all together ------------------------------------------------------------------------------


def test_apply_filters_first_rule_wins() -> None:
    b = SegBuilder()
    with b.box("article"):
        b.leaf("h1", "Budget night")  # 0: title
        b.leaf("p", "By Jane Doe")  # 1: byline
        b.leaf("p", PROSE[0])  # 2
        b.leaf("p", "Share")  # 3: chrome (also a short edge, but chrome runs first)
        b.leaf("p", PROSE[1])  # 4
        with b.box("div", "copy"):
            b.leaf("p", PROSE[0])  # 5: repeat, in another box
        b.leaf("h3", "Related stories")  # 6: teasers
        b.link("p", "Another story")  # 7
    page = make_page(b.build(), title="Budget night")
    labels = apply_filters(page, kept(page))
    assert dropped(labels) == {
        0: "title",
        1: "byline",
        3: "share-signup-consent",
        5: "repeat",
        6: "teasers",
        7: "navigation",
    }


# --- fragments ---------------------------------------------------------------------------------


def test_fragments_drops_everything_when_no_sentence_is_left() -> None:
    b = SegBuilder()
    for label in ("News", "Business", "Sport", "9 April 2025"):
        b.leaf("p", label)
    page = make_page(b.build())
    assert _apply(FragmentsFilter(), page) == dict.fromkeys(range(4), "no-sentence")


def test_fragments_keeps_a_page_with_one_real_sentence() -> None:
    b = SegBuilder()
    b.leaf("p", "News")
    b.leaf("p", "The council approved the new budget after a long debate on Monday night.")
    page = make_page(b.build())
    assert _apply(FragmentsFilter(), page) == {}


def test_fragments_keeps_a_long_paragraph_without_a_full_stop() -> None:
    # A post's one paragraph may end on a colon (announcing pictures) or on no mark at all.
    b = SegBuilder()
    b.leaf("p", "News")
    long_line = (
        "In addition to the first set of sample pictures from the new lens that we published a"
        " few days ago here are a few more pictures found on the photo sharing sites:"
    )
    b.leaf("p", long_line)
    page = make_page(b.build())
    assert _apply(FragmentsFilter(), page) == {}


def test_fragments_still_drops_long_items_and_linked_lines_without_a_sentence() -> None:
    b = SegBuilder()
    long_label = " ".join(["label"] * 30)
    with b.box("ul"):
        b.leaf("li", long_label)  # 0: an item, not a paragraph
    b.leaf("p", long_label, linked=long_label)  # 1: a paragraph, but all links
    page = make_page(b.build())
    assert _apply(FragmentsFilter(), page) == dict.fromkeys(range(2), "no-sentence")


def test_fragments_ignores_sentences_already_dropped() -> None:
    b = SegBuilder()
    b.leaf("p", "News")
    b.leaf("p", "The council approved the new budget after a long debate on Monday night.")
    page = make_page(b.build())
    assert _apply(FragmentsFilter(), page, [None, "teasers"]) == {0: "no-sentence", 1: "teasers"}


# --- short lines (precision mode) ----------------------------------------------------------------


def test_short_lines_go_in_precision_mode_only() -> None:
    b = SegBuilder()
    b.leaf("p", PROSE[0])  # 0
    b.leaf("p", "A short aside.")  # 1
    b.leaf("h2", "A heading")  # 2: headings stay
    with b.box("ul"):
        b.leaf("li", "An item")  # 3: items stay
    b.leaf("p", PROSE[1])  # 4
    page = make_page(b.build())
    assert _apply(ShortLineFilter(), page) == {}
    precise = dataclasses.replace(page, thresholds=thresholds_for("precision"))
    assert _apply(ShortLineFilter(), precise) == {1: "short-line"}


def test_short_lines_stay_when_they_are_all_there_is() -> None:
    b = SegBuilder()
    b.leaf("p", "Now there is a sassy reply! Why not, she said.")  # 10 words, sentences
    b.leaf("p", "Signed, the editor")
    page = dataclasses.replace(make_page(b.build()), thresholds=thresholds_for("precision"))
    assert _apply(ShortLineFilter(), page) == {}


@pytest.mark.parametrize(("last", "cards"), [("plain", True), ("linked", False)])
def test_a_box_of_links_only_is_no_card(last: str, cards: bool) -> None:
    # Boxes of one make, each a linked headline and a summary, are cards; one more box of
    # that make whose line under the headline is links too is no card, and the make is then
    # no list of cards (a menu cut into boxes, or sections).
    def box(i: int, line: str) -> str:
        text = f"The summary of story {i}, in a few words."
        if line == "linked":
            text = f"<a href='/more/{i}'>{text}</a>"
        return f"<div class='card'><h3><a href='/s/{i}'>Story {i}</a></h3><p>{text}</p></div>"

    boxes = "".join(box(i, "plain") for i in range(3)) + box(3, last)
    page = html_page(f"<html><body><div>{boxes}</div><p>{PROSE[0]}</p></body></html>")
    labels = TeaserCardFilter().apply(page, [None] * len(page.blocks))
    summaries = [i for i, b in enumerate(page.blocks) if b.text.startswith("The summary")]
    assert len(summaries) == 4
    assert all((labels[i] == "teaser-cards") is cards for i in summaries[:3])
