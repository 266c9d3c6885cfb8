"""Metadata: the headline, the JSON-LD and meta readers, dates, bylines and names."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

import boilerstrip
from boilerstrip.config import AUTHOR_PATHS, MAX_META_VALUES
from boilerstrip.metadata import (
    date_in_text,
    date_in_url,
    find_title,
    marked,
    normalize_date,
    normalize_lang,
    read_head,
    split_names,
    strip_prefix,
)
from boilerstrip.metadata.marked import Marked
from boilerstrip.pipeline.parse import parse_html

PROSE = (
    "<p>The council met on Tuesday evening and, after a long debate about the cost of repairs,"
    " agreed to postpone the vote on next year's budget until the spring meeting.</p>"
    "<p>Members said they wanted more time to study the figures, which were published only a"
    " week before the meeting, and to hear from residents who had written in with concerns.</p>"
)


def _title(head: str, body: str = "<p>text</p>") -> str | None:
    root = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert root is not None
    return find_title(root)


def _page(head: str = "", body: str = "", html_attrs: str = "") -> str:
    return (
        f"<html{html_attrs}><head>{head}</head><body><article>{body}{PROSE}</article></body></html>"
    )


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --- the headline ------------------------------------------------------------------------------


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


def test_json_ld_headline_confirms_an_h1() -> None:
    head = "<title>Town Paper</title>" + _ld({"@type": "NewsArticle", "headline": "Bridge opens"})
    assert _title(head, "<h1>Town Paper</h1><h1>Bridge opens</h1>") == "Bridge opens"


def test_json_ld_headline_beats_a_bare_title() -> None:
    head = "<title>Town Paper: news</title>" + _ld({"@type": "Article", "headline": "Bridge opens"})
    assert _title(head) == "Bridge opens"


# --- JSON-LD -----------------------------------------------------------------------------------


def _extract(head: str = "", body: str = "", **kwargs: str) -> boilerstrip.Article:
    return boilerstrip.extract(_page(head, body, kwargs.get("html_attrs", "")), kwargs.get("url"))


def test_json_ld_article_fields() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Council delays budget vote",
        "datePublished": "2024-03-05T09:30:00+01:00",
        "dateModified": "2024-03-06T10:00:00+01:00",
        "author": {"@type": "Person", "name": "Jane Doe"},
        "keywords": "budget, council , budget",
        "image": {"@type": "ImageObject", "url": "https://example.org/a.jpg"},
        "publisher": {"@type": "Organization", "name": "Town Paper"},
        "inLanguage": "en-GB",
        "description": "The vote moves to spring.",
        "mainEntityOfPage": {"@id": "https://example.org/budget"},
    }
    a = _extract(_ld(data))
    assert a.title == "Council delays budget vote"
    assert a.date == "2024-03-05T09:30:00+01:00"
    assert a.authors == ("Jane Doe",)
    assert a.tags == ("budget", "council")
    assert a.image == "https://example.org/a.jpg"
    assert a.site_name == "Town Paper"
    assert a.lang == "en-GB"
    assert a.description == "The vote moves to spring."
    assert a.canonical_url == "https://example.org/budget"
    assert a.url == "https://example.org/budget"  # no URL passed: the canonical one
    assert a.byline is None  # nothing displayed


def test_json_ld_graph_with_references_and_author_list() -> None:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "#site", "name": "Town Paper"},
            {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
            {
                "@type": ["BlogPosting"],
                "headline": "A post",
                "datePublished": "2023-11-02",
                "author": [{"@id": "#jane"}, "John Roe", {"@type": "Person", "name": "Ann Lee"}],
                "keywords": ["gardens", "spring"],
            },
        ],
    }
    a = _extract(_ld(data), url="https://example.org/post")
    assert a.authors == ("Jane Doe", "John Roe", "Ann Lee")
    assert a.date == "2023-11-02"
    assert a.site_name == "Town Paper"
    assert a.tags == ("gardens", "spring")
    assert a.url == "https://example.org/post"  # what the caller passed
    assert a.canonical_url is None


def test_json_ld_list_at_the_top_and_author_as_string_list() -> None:
    data = [
        {"@type": "BreadcrumbList", "itemListElement": []},
        {"@type": "Article", "headline": "X", "author": "Jane Doe and John Roe"},
    ]
    assert _extract(_ld(data)).authors == ("Jane Doe", "John Roe")


@pytest.mark.parametrize(
    "broken",
    [
        '{"@type": "Article", "headline": "Cut off',
        "not json at all",
        "[1, 2, 3]",
        '{"@type": 5, "author": {"name": 7}, "datePublished": ["nope"]}',
        '"a string"',
        "",
        "[" * 5000 + "]" * 5000,
    ],
)
def test_broken_json_ld_does_not_crash(broken: str) -> None:
    a = _extract(f'<script type="application/ld+json">{broken}</script>')
    assert a.text.startswith("The council met")
    assert a.date is None


def test_json_ld_in_the_body_and_with_control_characters() -> None:
    body = (
        '<script type="application/ld+json">{"@type": "Article", "headline": "Tab\there",'
        ' "datePublished": "2022-01-09"}</script>'
    )
    assert _extract("", body).date == "2022-01-09"


def test_json_ld_does_not_change_the_text() -> None:
    plain = _extract()
    with_ld = _extract(_ld({"@type": "Article", "headline": "X"}), "")
    assert plain.text == with_ld.text
    body_ld = _extract("", _ld({"@type": "Article", "headline": "X"}))
    assert body_ld.text == plain.text


# --- meta tags ---------------------------------------------------------------------------------


def test_meta_tags() -> None:
    head = (
        '<meta property="og:site_name" content="Town Paper">'
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:author" content="https://social.example/jane">'
        '<meta property="article:published_time" content="2024-03-05">'
        '<meta property="article:tag" content="budget"><meta property="article:tag" content="vote">'
        '<meta name="description" content="  The vote moves. ">'
        '<meta property="og:image" content="/img/a.jpg">'
        '<link rel="canonical" href="https://example.org/budget">'
    )
    a = _extract(head, html_attrs=' lang="en_gb"')
    assert (a.site_name, a.authors, a.date) == ("Town Paper", ("Jane Doe",), "2024-03-05")
    assert a.tags == ("budget", "vote")
    assert a.description == "The vote moves."
    assert a.image == "https://example.org/img/a.jpg"  # resolved against the canonical URL
    assert a.lang == "en-GB"


def test_dublin_core_and_keywords() -> None:
    head = (
        '<meta name="DC.date.issued" content="2021-07-04">'
        '<meta name="DC.creator" content="Doe, Jane">'
        '<meta name="keywords" content="a, b,, c">'
        '<meta http-equiv="content-language" content="de">'
    )
    a = _extract(head)
    assert a.date == "2021-07-04"
    assert a.tags == ("a", "b", "c")
    assert a.lang == "de"


def test_json_ld_date_wins_over_meta() -> None:
    head = _ld({"@type": "Article", "datePublished": "2024-01-02"}) + (
        '<meta property="article:published_time" content="2023-12-31">'
    )
    assert _extract(head).date == "2024-01-02"


def test_nothing_said_is_none() -> None:
    a = _extract()
    assert (a.title, a.byline, a.authors, a.date, a.site_name, a.lang) == (
        None,
        None,
        (),
        None,
        None,
        None,
    )
    assert (a.description, a.image, a.canonical_url, a.url, a.tags) == (None, None, None, None, ())


def test_empty_input_has_no_metadata() -> None:
    a = boilerstrip.extract("")
    assert a.date is None and a.authors == () and a.lang is None


# --- bylines and dates shown by the headline ---------------------------------------------------


def test_visible_byline_and_date() -> None:
    body = "<h1>Bridge opens</h1><p>By Jane Doe and John Roe | 5 March 2024</p>"
    a = _extract("<title>Bridge opens</title>", body, html_attrs=' lang="en"')
    assert a.byline == "By Jane Doe and John Roe"
    assert a.authors == ("Jane Doe", "John Roe")
    assert a.date == "2024-03-05"
    assert "By Jane" not in a.text


def test_structured_authors_win_over_the_byline() -> None:
    head = "<title>Bridge opens</title><meta name='author' content='Jane Q. Doe'>"
    a = _extract(head, "<h1>Bridge opens</h1><p>By Jane Doe</p>")
    assert a.byline == "By Jane Doe"
    assert a.authors == ("Jane Q. Doe",)


def test_time_element_by_the_headline() -> None:
    body = "<h1>Bridge opens</h1><p><time datetime='2024-03-05T08:00'>Tue 5 Mar, 8am</time></p>"
    assert _extract("<title>Bridge opens</title>", body).date == "2024-03-05T08:00:00"


def test_time_element_elsewhere_is_not_the_date() -> None:
    body = (
        "<h1>Bridge opens</h1><p>Filed</p>" + PROSE + "<aside><h3><a href='/x'>Other</a></h3>"
        "<time datetime='2024-03-05'>5 March</time></aside>"
    )
    assert _extract("<title>Bridge opens</title>", body).date is None


def test_date_from_the_url() -> None:
    assert _extract(url="https://example.org/news/2024/03/05/bridge-opens").date == "2024-03-05"


def test_ambiguous_visible_date_is_none_without_a_language() -> None:
    body = "<h1>Bridge opens</h1><p>04/03/2024</p>"
    assert _extract("<title>Bridge opens</title>", body).date is None
    us = _extract("<title>Bridge opens</title>", body, html_attrs=' lang="en-US"')
    assert us.date == "2024-04-03"
    fr = _extract("<title>Bridge opens</title>", body, html_attrs=' lang="fr"')
    assert fr.date == "2024-03-04"


# --- the readers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("5 March 2024", None, "2024-03-05"),
        ("March 5, 2024", None, "2024-03-05"),
        ("Posted on Mar. 5th, 2024 at 10:00", None, "2024-03-05"),
        ("Tuesday 5th March 2024", None, "2024-03-05"),
        ("05.03.2024", "de", "2024-03-05"),
        ("05.03.2024, 17:12 Uhr", "de-DE", "2024-03-05"),
        ("5. März 2024", "de", "2024-03-05"),
        ("2024年3月5日 6時00分", "ja", "2024-03-05"),
        ("2024년 3월 5일", "ko", "2024-03-05"),
        ("5 марта 2024, 12:48", "ru", "2024-03-05"),
        ("5 de marzo de 2024", "es", "2024-03-05"),
        ("Publié le 5 mars 2024 à 06h30", "fr", "2024-03-05"),
        ("5 maggio 2024", "it", "2024-05-05"),
        ("الاثنين 2 ديسمبر 2024 - 10:15", "ar", "2024-12-02"),
        ("2 كانون 2024", "ar", None),
        ("2024-03-05 09:30", "zh", "2024-03-05"),
        ("2024/3/5", None, "2024-03-05"),
        ("25/03/2024", None, "2024-03-25"),
        ("03/25/2024", None, "2024-03-25"),
        ("04/03/2024", None, None),
        ("04/03/2024", "en", None),
        ("04/03/2024", "en-GB", "2024-03-04"),
        ("04/03/2024", "en-US", "2024-04-03"),
        ("04/03/2024", "es", "2024-03-04"),
        ("31 February 2024", None, None),
        ("March 2024", None, None),
        ("5 Marchember 2024", None, None),
        ("5 March 1066", None, None),
        ("no date here", None, None),
    ],
)
def test_date_in_text(text: str, lang: str | None, expected: str | None) -> None:
    assert date_in_text(text, lang) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T09:30:00Z", "2024-03-05T09:30:00+00:00"),
        ("2024-03-05T09:30:00.000+0100", "2024-03-05T09:30:00+01:00"),
        ("2024-03-05 09:30", "2024-03-05T09:30:00"),
        ("20240305", "2024-03-05"),
        ("Tue, 05 Mar 2024 09:30:00 GMT", "2024-03-05T09:30:00+00:00"),
        ("2024-13-05", None),
        ("", None),
        ("yesterday", None),
    ],
)
def test_normalize_date(value: str, expected: str | None) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2024/03/05/slug", "2024-03-05"),
        ("https://example.org/news/2024-03-05-slug", "2024-03-05"),
        ("https://example.org/science/2025/feb/11/slug", "2025-02-11"),
        ("https://example.org/2024/03/slug", None),
        ("https://example.org/2024/13/45/slug", None),
        ("https://example.org/item/12345678", None),
        (None, None),
    ],
)
def test_date_in_url(url: str | None, expected: str | None) -> None:
    assert date_in_url(url) == expected


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe, Staff Writers", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe & Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
        ("Words by Jane Doe for The Paper", ["Jane Doe"]),
        ("Von Jonas Hartmann und Eva Roth", ["Jonas Hartmann", "Eva Roth"]),
        ("Par Élise Le Goff et Paul Martin", ["Élise Le Goff", "Paul Martin"]),
        ("Por Lucía Ortega y Ana Gil", ["Lucía Ortega", "Ana Gil"]),
        ("Автор: Анна Крылова и Олег Петров", ["Анна Крылова", "Олег Петров"]),
        ("记者 陈晓雯", ["陈晓雯"]),
        ("كتب: يوسف الحربي", ["يوسف الحربي"]),
        ("https://social.example/jane", []),
        ("@janedoe", []),
        ("By the time the council met in 2024", []),
        ("", []),
    ],
)
def test_split_names(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en", "en"),
        ("en_us", "en-US"),
        (" EN-gb ", "en-GB"),
        ("zh-hans-cn", "zh-Hans-CN"),
        ("de, en", "de"),
        ("", None),
        ("x", None),
        ("12", None),
    ],
)
def test_normalize_lang(value: str, expected: str | None) -> None:
    assert normalize_lang(value) == expected


def test_read_head_on_a_tree_without_head() -> None:
    meta = read_head(etree.fromstring("<div><h1>Inside a div</h1></div>"))
    assert meta.title == "Inside a div" and meta.lang is None and meta.date is None


def test_author_box_label_gives_the_name() -> None:
    body = (
        "<h1>Bridge opens</h1>"
        + PROSE
        + ("<div class='author-box'><h4>Jane Doe</h4><span>Written by</span></div>")
    )
    page = f"<title>Bridge opens</title><body><article>{body}</article></body>"
    a = boilerstrip.extract(page)
    assert a.authors == ("Jane Doe",)
    assert a.byline is None  # no byline is shown by the headline
    assert "Jane Doe" not in a.text


def test_a_label_alone_gives_no_name() -> None:
    body = "<h1>Bridge opens</h1>" + PROSE + "<div class='author-box'><span>Written by</span></div>"
    page = f"<title>Bridge opens</title><body><article>{body}</article></body>"
    assert boilerstrip.extract(page).authors == ()


def test_odd_json_ld_shapes_never_crash_nor_change_the_text() -> None:
    odd: list[object] = [
        {"@type": "Article", "author": {"@id": ["a", "list"]}},
        {"@type": ["Article", 3], "author": [None, 5, {"name": ["Jane Doe"]}], "image": []},
        {"@type": "WebPage", "mainEntity": {"@id": {"x": 1}}},
        {"@type": "Article", "publisher": [{"@id": 4}], "mainEntityOfPage": 7, "keywords": 9},
        {"@graph": {"@graph": {"@graph": [{"@type": "NewsArticle", "datePublished": 2024}]}}},
        {"@type": "Article", "author": {"givenName": "Jane", "familyName": "Doe"}},
    ]
    plain = _extract().text
    for data in odd:
        a = _extract(_ld(data))
        assert a.text == plain
        assert not a.warnings, a.warnings
    assert _extract(_ld(odd[-1])).authors == ("Jane Doe",)
    assert _extract(_ld(odd[1])).authors == ("Jane Doe",)


def test_only_the_first_values_of_a_meta_name_are_read() -> None:
    tags = "".join(f'<meta property="article:tag" content="Tag{i}">' for i in range(200))
    page = f"<html><head>{tags}</head><body><article><p>{'A sentence of text. ' * 20}</p>"
    art = boilerstrip.extract(page)
    assert art.tags[:3] == ("Tag0", "Tag1", "Tag2")
    assert len(art.tags) == MAX_META_VALUES


# --- issue 16: authors and dates of pages nobody here wrote -------------------------------------


@pytest.mark.parametrize(
    ("text", "structured", "names"),
    [
        ("dpa", True, ["dpa"]),
        ("dpa", False, []),
        ("ByJane Doe", False, ["Jane Doe"]),
        ("DiCaprio", True, ["DiCaprio"]),  # a surname that opens like a prefix ("di", "von")
        ("Maria VonTrapp", True, ["Maria VonTrapp"]),
        ("AOL Staff", True, ["AOL Staff"]),
        ("Staff Writer", True, []),
        ("Getty Images", False, []),
        ("© Jane Doe", False, []),
        ("Quelle: dpa", True, []),
        ("Autor: Jana Nowak und Petr Kral", False, ["Jana Nowak", "Petr Kral"]),
    ],
)
def test_split_names_issue_16(text: str, structured: bool, names: list[str]) -> None:
    assert split_names(text, structured=structured) == names


def test_asctime_date() -> None:
    assert normalize_date("Mon Aug 03 12:45:00 EDT 2015") == "2015-08-03"


def test_site_name_as_author_yields_to_the_byline() -> None:
    head = (
        "<meta property='og:site_name' content='Valley Post'>"
        "<meta name='author' content='Valley Post'>"
    )
    a = boilerstrip.extract(_page(head, "<h1>Bridge opens</h1><p class='byline'>By Jane Doe</p>"))
    assert a.authors == ("Jane Doe",)


def test_site_name_as_author_when_nothing_else() -> None:
    head = (
        "<meta property='og:site_name' content='Valley Post'>"
        "<meta name='author' content='Valley Post Staff'>"
    )
    assert boilerstrip.extract(_page(head, "<h1>Bridge opens</h1>")).authors == ("Valley Post",)


def test_published_and_modified_dates() -> None:
    head = _ld(
        {"@type": "NewsArticle", "datePublished": "2024-03-05", "dateModified": "2024-03-07"}
    )
    a = boilerstrip.extract(_page(head, "<h1>Bridge opens</h1>"))
    assert (a.date, a.date_modified) == ("2024-03-05", "2024-03-07")


def test_a_date_before_1995_or_in_the_future_is_no_date() -> None:
    from datetime import date, timedelta

    ahead = date.today() + timedelta(days=30)
    assert normalize_date("1994-06-01") is None
    assert normalize_date(ahead.isoformat()) is None
    assert date_in_text(f"{ahead.day} March {ahead.year + 1}") is None
    assert normalize_date("1995-06-01") == "1995-06-01"


def test_twitter_creator_is_a_last_resort() -> None:
    head = "<meta name='twitter:creator' content='Jane Doe'>"
    assert boilerstrip.extract(_page(head, "<h1>Bridge opens</h1>")).authors == ("Jane Doe",)
    head += "<meta name='author' content='John Roe'>"
    assert boilerstrip.extract(_page(head, "<h1>Bridge opens</h1>")).authors == ("John Roe",)
    handle = "<meta name='twitter:creator' content='@paper'>"
    assert boilerstrip.extract(_page(handle, "<h1>Bridge opens</h1>")).authors == ()


@pytest.mark.parametrize(
    "body",
    [
        "<div class='byline'>By</div><a href='/author/jd'>Jane Doe</a>",
        "<span class='author'>By</span> <span>Jane Doe</span>",
        "<p class='byline'>By</p>",
        "<div class='author-by'>Von</div><p>5. März 2024</p>",
    ],
)
def test_a_byline_is_never_a_bare_prefix(body: str) -> None:
    byline = boilerstrip.extract(_page("", f"<h1>Bridge opens</h1>{body}")).byline
    assert byline is None or strip_prefix(byline)[0], byline


# --- the boxes around the headline -------------------------------------------------------------

#: Elements the box search reads: marked ones that give a name, a wrapper, nothing (an avatar, a
#: bare "By"), inside a comment thread or not, and plain ones; some hold a <time>.
_BOX_PIECES = st.sampled_from(
    [
        "<span class='author'>Jane Doe</span>",
        "<span class='byline'>By John Roe</span>",
        "<span class='author-avatar'>x</span>",
        "<span class='author'>By</span>",
        "<a href='/author/ann-lee'>Ann Lee</a>",
        "<a rel='author' href='/x'>Bo Chen</a>",
        "<div itemprop='author'><span itemprop='name'>Eve Park</span></div>",
        "<div class='post-author'><a href='/profile/kim'>Kim Ito</a><span>12 posts</span></div>",
        "<div class='comments'><span class='author'>Max Moe</span></div>",
        "<time datetime='2024-03-05'>March 5</time>",
        "<p>Plain text here.</p>",
        "<i>x</i>",
    ]
)


@st.composite
def _headline_in_boxes(draw: st.DrawFn) -> str:
    """The h1 nested in up to 11 boxes (more than the levels searched), each box holding some
    pieces before and after the box inside it; a box or the h1 may be marked itself."""
    inner = draw(
        st.sampled_from(
            [
                "<h1>Headline</h1>",
                "<h1>Headline <span class='byline'>Ida Ng</span></h1>",
                "<h1 class='byline'>Lu Wei</h1>",  # marked itself
            ]
        )
    )
    for _ in range(draw(st.integers(0, 11))):
        before = "".join(draw(st.lists(_BOX_PIECES, max_size=4)))
        after = "".join(draw(st.lists(_BOX_PIECES, max_size=4)))
        cls = draw(
            st.sampled_from(["", " class='author-box'", " class='comments'", " rel='author'"])
        )
        inner = f"<div{cls}>{before}{inner}{after}</div>"
    return f"<html><body>{inner}<p>Tail.</p></body></html>"


#: The marked elements below a node as an XPath (the search as first written): the reference
#: :func:`marked._scan` must equal.
_MARKED_XPATH = etree.XPath(
    ".//*[@class[contains(., 'uthor') or contains(., 'yline')]"
    " or @itemprop='author' or @rel='author' or self::a/@href["
    + " or ".join(f"contains(., '{path}')" for path in AUTHOR_PATHS)
    + "]]"
)


def _boxes_searched_one_by_one(h1: etree._Element) -> Marked:
    """The search as first written, each box searched anew (eight reads of a deep page): the
    reference the one-read search must equal."""
    found, node = Marked(), h1
    for _ in range(marked.BYLINE_LEVELS):
        parent = node.getparent()
        if parent is None or parent.tag == "html":
            break
        node = parent
        got = _MARKED_XPATH(node)
        assert isinstance(got, list)
        hits = [el for el in got if isinstance(el, etree._Element)][: marked.MAX_HEADER_ELEMENTS]
        if not hits:
            continue
        order = {el: i for i, el in enumerate(node.iter())}
        after = [el for el in hits if order[el] > order[h1]]
        before = [el for el in hits if order[el] <= order[h1]][::-1]
        outer = marked._outer(hits)
        for el in after + before:
            if len(found.names) < marked.MAX_MARKED:
                marked._keep_marked(el, found, wrapper=el in outer)
        if found.names:
            for stamp in node.iter("time"):
                value = (stamp.get("datetime") or "").strip()
                if value and not marked._in_comments(stamp):
                    found.times.append(value)
                    if len(found.times) >= marked.MAX_MARKED:
                        break
            break
        if len(hits) >= marked.MAX_HEADER_ELEMENTS:
            break
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_headline_in_boxes())
@example(  # more marked elements than are read: the name after them is not
    "<html><body><div><div>"
    + "<span class='author-avatar'>x</span>" * 60
    + "<h1>Headline</h1><span class='author'>Jane Doe</span></div></div></body></html>"
)
def test_boxes_around_the_headline_read_once_find_what_each_box_read_anew_finds(page: str) -> None:
    root = parse_html(page)
    assert root is not None
    h1 = root.find(".//h1")
    assert h1 is not None
    found = Marked()
    marked._around_headline(h1, found)
    assert found == _boxes_searched_one_by_one(h1)


def _scanned(node: etree._Element, most: int = 1_000_000) -> list[etree._Element]:
    nodes = node.iter()
    next(nodes)
    out: list[etree._Element] = []
    marked._scan(nodes, out, most)
    return out


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_headline_in_boxes())
def test_the_scan_for_marked_elements_finds_what_the_xpath_finds(page: str) -> None:
    root = parse_html(page)
    assert root is not None
    for node in root.iter():
        assert _scanned(node) == _MARKED_XPATH(node)


#: The elements read beside the headline as an XPath (the search as first written).
_BESIDE_XPATH = etree.XPath(
    "(preceding-sibling::*[position() <= 2] | following-sibling::*[position() <= 4])"
    "/descendant-or-self::*[@itemprop or @rel or contains(@class, 'uthor')"
    " or contains(@class, 'yline')]"
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_headline_in_boxes(), st.lists(_BOX_PIECES, max_size=8))
def test_the_elements_beside_the_headline_are_those_the_xpath_finds(
    page: str, more: list[str]
) -> None:
    # More pieces, comments and processing instructions beside the boxes' own.
    page = page.replace("<h1", "".join(more) + "<!-- c --><?pi class='author'?><h1", 1)
    kept = parse_html(page)
    assert kept is not None
    for root in (kept, lxml_html.document_fromstring(page)):  # lxml's own keeps the comments
        for node in root.iter(etree.Element):
            got = _BESIDE_XPATH(node)
            assert isinstance(got, list)
            assert marked._beside(node) == got[: marked.MAX_HEADER_ELEMENTS]


def test_the_scan_reads_each_mark_as_the_xpath_did() -> None:
    tree = etree.fromstring(
        "<div><!-- class='author' --><?pi author?><?pi class='author'?>"
        "<p class='Author'>a</p><p class='coauthors'>b</p><p class='BYLINE x'>c</p>"
        "<p class='skyline'>d</p><p itemprop='author'>e</p><p itemprop=' author'>f</p>"
        "<p rel='Author'>g</p><p rel='author'>h</p><p data-x='author'>i</p>"
        "<a href='/en/author/x'>j</a><a href='/Author/x'>k</a><span href='/author/x'>l</span>"
        "<a href='/autoren/x'>m</a><a href='/profile/'>n</a><a>o</a>"
        "<x:p xmlns:x='urn:x' class='author'>p</x:p>"
        "<x:a xmlns:x='urn:x' href='/author/'>q</x:a></div>"
    )
    got = _scanned(tree)
    assert got == _MARKED_XPATH(tree)
    assert [el.text for el in got] == ["a", "b", "d", "e", "h", "j", "m", "n", "p"]
    assert _scanned(tree, most=3) == got[:3]


def test_the_meta_names_read_are_their_own_normal_form() -> None:
    """The head's walk asks first whether a meta's key as it is is one of the names read, and
    strips and lower-cases it only when not: right only if each name is stripped, lower case."""
    from boilerstrip.metadata.head import _META_NAMES, _TITLE_META_NAMES

    assert _TITLE_META_NAMES <= _META_NAMES
    assert all(name == name.strip().lower() for name in _META_NAMES)
