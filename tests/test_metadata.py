"""Metadata: the headline of the page."""

from __future__ import annotations

import pytest
from lxml import etree

from boilerstrip.metadata import find_title
from boilerstrip.parse import parse_html


def _title(head: str, body: str = "<p>text</p>") -> str | None:
    root = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert root is not None
    return find_title(root)


def test_og_title_wins_over_title_and_unrelated_h1() -> None:
    head = (
        "<meta property='og:title' content='  Council delays budget   vote '>"
        "<title>Town Paper | Home</title>"
    )
    assert _title(head, "<h1>Welcome</h1>") == "Council delays budget vote"


def test_twitter_title_counts_as_og_title() -> None:
    assert _title("<meta name='twitter:title' content='Storm hits the coast'>") == (
        "Storm hits the coast"
    )


def test_first_og_title_is_used() -> None:
    head = "<meta property='og:title' content='First'><meta name='og:title' content='Second'>"
    assert _title(head) == "First"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Council delays budget vote | Town Paper", "Council delays budget vote"),
        ("Town Paper - Council delays budget vote", "Council delays budget vote"),
        ("Council delays budget vote — Town Paper", "Council delays budget vote"),
        ("Council delays budget vote :: Town Paper", "Council delays budget vote"),
        ("Just one headline", "Just one headline"),
        ("Well-known self-made headline", "Well-known self-made headline"),
        ("Budget: the vote is off", "Budget: the vote is off"),
    ],
)
def test_head_title_is_split_at_separators(title: str, expected: str) -> None:
    assert _title(f"<title>{title}</title>") == expected


def test_h1_contained_in_the_title_is_the_headline() -> None:
    head = "<title>Council  delays budget vote, again | Town Paper</title>"
    body = "<h1>Council delays <em>budget</em> vote, again</h1><p>text</p>"
    assert _title(head, body) == "Council delays budget vote, again"


def test_h1_contained_in_og_title_wins_over_og_title() -> None:
    head = "<meta property='og:title' content='Council delays budget vote - Town Paper'>"
    body = "<h1>COUNCIL DELAYS BUDGET VOTE</h1>"
    assert _title(head, body) == "COUNCIL DELAYS BUDGET VOTE"


def test_first_h1_when_nothing_else() -> None:
    assert _title("", "<h1></h1><h1>Lone   headline</h1><h1>Another</h1>") == "Lone headline"


def test_nothing_at_all_is_none() -> None:
    assert _title("") is None
    assert _title("<title>   </title><meta property='og:title' content=''>") is None


def test_title_of_a_bare_element() -> None:
    assert find_title(etree.fromstring("<div><h1>Inside a div</h1></div>")) == "Inside a div"


def test_site_name_h1_does_not_beat_the_headline_h1() -> None:
    head = "<title>Council delays budget vote | Town Paper</title>"
    body = (
        "<header><h1>Town Paper</h1></header><article><h1>Council delays budget vote</h1></article>"
    )
    assert _title(head, body) == "Council delays budget vote"
