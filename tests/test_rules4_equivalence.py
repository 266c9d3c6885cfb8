"""The shortcuts the rule stages take for speed give what the plain definitions give: the head of
a phrase, the month test, and the tables a page makes once for its rules."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from boilerstrip.config import thresholds_for
from boilerstrip.pipeline.features import container_of
from boilerstrip.pipeline.filters import NavigationFilter
from boilerstrip.text.bylines import names_a_date
from boilerstrip.text.phrases import TRIM, WORD_RE, phrase, phrase_head
from tests.synthetic import PROSE, SegBuilder, make_page

#: Characters that make phrases differ from their texts: case, white space of all kinds,
#: punctuation that is trimmed, letters that casefold to more than one, and plain words.
_CHARS = st.sampled_from(
    list(" \t\n\x1c\x7f\u00a0\u2003abcXYZ0_,;'ßİıﬃΣς") + list(TRIM) + ["word", "Line"]
)
_TEXTS = st.lists(_CHARS, max_size=40).map("".join)


def _plain_head(text: str, size: int) -> str:
    """phrase_head as it was written before its shortcut for heads already in phrase form."""
    if len(text) > 2 * size:
        head = phrase(text[: 2 * size])
        if len(head) >= size:
            return head[:size]
    return phrase(text)[:size]


@given(_TEXTS, st.integers(min_value=0, max_value=14))
def test_phrase_head_shortcut(text: str, size: int) -> None:
    assert phrase_head(text, size) == _plain_head(text, size)


def test_phrase_head_shortcut_cases() -> None:
    for text, size in [
        ("We use cookies to improve your experience", 10),
        ("We use  cookies", 8),  # two spaces: not taken as is
        ("We use\tcookies", 8),
        ("We use, cookies", 7),  # a comma at the head's end: trimmed if the phrase ends there
        ("Straße and more words", 6),
        ("- We use cookies", 5),
        ("Short", 9),
        ("", 0),
    ]:
        assert phrase_head(text, size) == _plain_head(text, size), (text, size)


#: The month names as whole words (a line with no digits, "ago" or "read" names a date only so).
_MONTHS = frozenset(
    [
        *("jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun"),
        *("june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october"),
        *("nov", "november", "dec", "december"),
    ]
)
_MONTHISH = st.sampled_from(
    [
        *("may", "mayor", "aprıl", "april", "sept", "septs", "jun", "june", "jul", "dec."),
        *("decade", "octopus", "nov_", "x", " ", ",", "-", "ı", "i", "ıapr", "feb-"),
    ]
)


@given(st.lists(_MONTHISH, max_size=8).map(" ".join))
def test_month_test_reads_whole_words(p: str) -> None:
    plain = any(w.replace("ı", "i") in _MONTHS for w in WORD_RE.findall(p))
    assert names_a_date(p) == plain, p


def _page_of_lines() -> SegBuilder:
    b = SegBuilder()
    with b.box("div", "byline"):
        b.leaf("p", "By  Jane DOE, 5 March 2024")
    with b.box("article"):
        b.leaf("h1", "A Headline")
        for text in PROSE[:3]:
            b.leaf("p", text)
        with b.box("ul"):
            b.leaf("li", "— Related: stories")
    return b


def test_page_memo_gives_the_plain_values() -> None:
    page = make_page(_page_of_lines().build())
    n = len(page.blocks)
    phrases = [phrase(b.text) for b in page.blocks]
    boxes = [container_of(page.nodes, b.node) for b in page.blocks]
    assert [page.phrase(i) for i in reversed(range(n))] == phrases[::-1]
    assert [page.phrase(i) for i in range(n)] == phrases
    assert [page.box(i) for i in range(n)] == boxes
    # A page made from it with other labels shares its memo; with other blocks or nodes, it
    # has a new one.
    same = dataclasses.replace(page, region=(False,) * n, thresholds=thresholds_for("recall"))
    assert same.memo is page.memo
    fewer = dataclasses.replace(
        page, blocks=page.blocks[1:], features=page.features[1:], prose=page.prose[1:]
    )
    assert fewer.memo is not page.memo
    assert [fewer.phrase(i) for i in range(n - 1)] == phrases[1:]
    assert [fewer.box(i) for i in range(n - 1)] == boxes[1:]
    assert [page.phrase(i) for i in range(n)] == phrases


def test_page_numbers_are_read_past_the_letter_precheck() -> None:
    # A line that opens with a letter is not tried for page numbers, unless the letter is "p".
    b = SegBuilder()
    lines = ["page 2 of 5", "PAGE 3 OF 9", "Page 1 of 1", " 1 2 3", "1 | 2", "ǅ 1 2", "x 1 2"]
    for line in lines:
        b.leaf("p", line)
    b.leaf("p", PROSE[0])
    page = make_page(b.build())
    out = NavigationFilter().apply(page, [None] * len(page.blocks))
    assert out == ["navigation"] * 5 + [None] * 3
