"""The thread recognizer (boilerstrip.thread) alone: which pages are forum or Q&A threads, and
what of them is kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import boilerstrip
from boilerstrip.pipeline.classify import negative_depths, region_members
from boilerstrip.pipeline.filters import PostChromeFilter
from boilerstrip.pipeline.page import Page
from boilerstrip.pipeline.parse import parse_html, prepare_tree
from boilerstrip.pipeline.thread import (
    Thread,
    declares_thread,
    find_thread,
    is_post_text,
    post_groups,
)
from tests.synthetic import PROSE, SegBuilder, html_page, index_of, kept, make_page

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _post(user: str, date: str, body: str, *, cls: str = "post") -> str:
    return (
        f'<div class="{cls}"><div class="user"><a href="/u/{user}">{user}</a></div>'
        f'<div class="when">{date}</div><div class="text"><p>{body}</p></div>'
        '<div class="tools"><a href="#r">Reply</a> <a href="#q">Quote</a></div></div>'
    )


REPLIES = (
    "Try half a turn on the barrel adjuster first.",
    "Check the chain for stretch too, mine did exactly this.",
    "The barrel adjuster fixed it. Thanks both!",
)


def _thread_html(cls: str = "post") -> str:
    posts = [_post("lena", "Mar 3, 2025, 6:40 pm", PROSE[0], cls=cls)]
    posts += [
        _post(f"user{k}", f"Mar {4 + k}, 2025, 8:15 am", text, cls=cls)
        for k, text in enumerate(REPLIES)
    ]
    return (
        "<html><body><ul class='menu'><li><a href='/'>Home</a></li><li><a href='/t'>Topics</a>"
        f"</li></ul><div class='stream'>{''.join(posts)}</div>"
        "<div class='footer'><a href='/terms'>Terms</a></div></body></html>"
    )


def _blog_html() -> str:
    comments = "".join(
        f'<li class="comment even thread-even depth-1"><div class="comment-author">'
        f'<b>reader{k}</b></div><div class="comment-metadata">Sep {14 + k}, 2023 at 10:12 am'
        f'</div><div class="comment-content"><p>{text}</p></div>'
        '<div class="reply"><a href="#reply">Reply</a></div></li>'
        for k, text in enumerate(PROSE[4:8])
    )
    body = "".join(f"<p>{p}</p>" for p in PROSE[:4])
    return (
        "<html><body><article class='post'><h1>A year of sourdough</h1>"
        f"<div class='entry-content'>{body}</div></article>"
        f"<div id='comments' class='comments-area'><ol class='comment-list'>{comments}</ol></div>"
        "</body></html>"
    )


def _thread(page: Page, *, declared: bool = False) -> Thread | None:
    return find_thread(page, region_members(page, negative_depths(page)), declared=declared)


def test_a_forum_thread_is_recognised_with_all_its_posts() -> None:
    page = html_page(_thread_html())
    thread = _thread(page)
    assert thread is not None
    assert len(thread.posts) == 4
    assert {page.nodes[p].tokens for p in thread.posts} == {("post",)}


def test_posts_numbered_in_their_class_names_are_one_group() -> None:
    html = _thread_html().replace('class="post"', 'class="post post-{}"')
    html = html.replace("post-{}", "post-4401", 1).replace("post-{}", "post-first", 1)
    html = html.replace("post-{}", "post-4402")
    thread = _thread(html_page(html))
    assert thread is not None
    assert len(thread.posts) == 4


def test_a_blog_post_with_comments_is_not_a_thread() -> None:
    page = html_page(_blog_html())
    # The comments are a group of post-like boxes...
    assert post_groups(page)
    # ...but the article stands outside them: not a thread, the comments stay boilerplate.
    assert _thread(page) is None
    text = boilerstrip.extract_text(_blog_html())
    assert PROSE[0] in text
    assert PROSE[5] not in text


def test_a_blog_post_declared_as_an_article_keeps_its_comments_out() -> None:
    html = _blog_html().replace("<body>", '<body itemscope itemtype="https://schema.org/Blog">')
    root = parse_html(html)
    assert root is not None
    assert not declares_thread(prepare_tree(root))


def test_paragraph_siblings_are_not_posts() -> None:
    body = "".join(f"<div class='para'><p>{p}</p></div>" for p in PROSE[:6])
    page = html_page(f"<html><body><div class='article'>{body}</div></body></html>")
    assert post_groups(page) == []
    assert _thread(page) is None


def test_a_listing_of_teasers_is_not_a_thread() -> None:
    cards = "".join(
        f"<div class='card'><h3><a href='/s/{k}'>Story {k} headline here</a></h3>"
        f"<p>{PROSE[k][:60]}</p></div>"
        for k in range(6)
    )
    page = html_page(f"<html><body><div class='list'>{cards}</div></body></html>")
    assert _thread(page) is None


def test_structured_data_declares_a_thread() -> None:
    for markup in (
        '<body itemscope itemtype="https://schema.org/QAPage">',
        '<body><div itemscope itemtype="http://schema.org/DiscussionForumPosting">x</div>',
    ):
        root = parse_html(f"<html>{markup}<p>text</p></body></html>")
        assert root is not None and declares_thread(prepare_tree(root)), markup
    json_ld = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@type": "QAPage", "mainEntity": {"@type": "Question"}}</script></head>'
        "<body><p>text</p></body></html>"
    )
    root = parse_html(json_ld)
    assert root is not None and declares_thread(prepare_tree(root))
    article = json_ld.replace("QAPage", "NewsArticle").replace('"Question"', '"Person"')
    root = parse_html(article)
    assert root is not None and not declares_thread(prepare_tree(root))
    assert not declares_thread(None)


def test_an_faq_page_declares_no_thread() -> None:
    """An FAQ lists its questions as Question and Answer items: it is an article."""
    faq = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@type": "FAQPage", "mainEntity": [{"@type": "Question", "acceptedAnswer":'
        ' {"@type": "Answer"}}]}</script></head><body><p>text</p></body></html>'
    )
    root = parse_html(faq)
    assert root is not None and not declares_thread(prepare_tree(root))
    micro = (
        '<html><body itemscope itemtype="https://schema.org/FAQPage"><div itemscope'
        ' itemtype="https://schema.org/Question"><p>text</p></div></body></html>'
    )
    root = parse_html(micro)
    assert root is not None and not declares_thread(prepare_tree(root))
    root = parse_html(micro.replace("FAQPage", "WebPage"))
    assert root is not None and declares_thread(prepare_tree(root))


def test_answers_below_a_question_apart_are_a_thread() -> None:
    answers = "".join(
        _post(f"user{k}", f"answered Jun {2 + k}, 2025 at 8:01", text, cls="answer")
        for k, text in enumerate(PROSE[3:6])
    )
    html = (
        "<html><body><div class='main'><div class='question'><h1>Why?</h1>"
        f"<div class='question-text'><p>{PROSE[0]}</p></div></div>"
        f"<div class='answers'>{answers}</div></div>"
        "<div class='sidebar'><ul><li><a href='/q/1'>Other question</a></li></ul></div>"
        "</body></html>"
    )
    text = boilerstrip.extract_text(html)
    for paragraph in (PROSE[0], *PROSE[3:6]):
        assert paragraph in text
    assert "Other question" not in text
    assert "answered Jun" not in text


def test_short_replies_are_kept_and_post_chrome_goes_with_its_rule() -> None:
    article = boilerstrip.extract(_thread_html())
    assert article.text.splitlines() == [PROSE[0], *REPLIES]
    rules = {b.text: b.rule for b in article.blocks if not b.kept}
    assert rules["Reply Quote"] in ("navigation", "link-text", "post-chrome")
    assert rules["Mar 4, 2025, 8:15 am"] in ("byline", "post-chrome")
    assert all(rule for rule in rules.values())  # every dropped block names its rule


def test_what_a_user_wrote_is_post_text() -> None:
    page = html_page(_thread_html())
    assert is_post_text(page, index_of(page, "The barrel adjuster fixed it"))
    assert not is_post_text(page, index_of(page, "lena"))
    assert not is_post_text(page, index_of(page, "Mar 3, 2025"))


def test_the_fixtures_of_threads_are_threads_and_the_blog_is_not() -> None:
    for case, expected in (
        ("forum_thread", True),
        ("forum_short_replies", True),
        ("qa_page", True),
        ("forum_opening_post_apart", True),
        ("blog_with_comments", False),
    ):
        html = (FIXTURES / case / "source.html").read_text(encoding="utf-8")
        root = parse_html(html)
        assert root is not None
        page = html_page(html)
        found = _thread(page, declared=declares_thread(prepare_tree(root))) is not None
        assert found is expected, case


def test_post_chrome_drops_a_posts_short_lines_and_the_threads_counts_only() -> None:
    b = SegBuilder()
    before = b.leaf("div", "Asked 2 days ago, viewed 312 times")
    with b.box("div", "post"):
        user = b.leaf("div", "lena_k", linked="lena_k")
        date = b.leaf("div", "Mar 3, 2025, 6:40 pm")
        title = b.leaf("h3", "Chain slipping")
        body = b.leaf("p", "Thanks!")
        code = b.leaf("pre", "derailleur --limit 2")
    count = b.leaf("h2", "3 answers")
    with b.box("div", "post"):
        reply = b.leaf("p", PROSE[1])
    after = b.leaf("p", "Log in to reply")
    page = make_page(b.build())
    posts: list[bool | None] = [None] * len(page.blocks)
    for i in (user, date, title, code, count):
        posts[i] = False
    posts[body] = posts[reply] = True
    labels = PostChromeFilter().apply(replace(page, posts=tuple(posts)), kept(page))
    dropped = {i for i, label in enumerate(labels) if label == "post-chrome"}
    assert dropped == {before, user, date, count, after}
    # Not a thread: nothing happens.
    assert PostChromeFilter().apply(page, kept(page)) == kept(page)


def _table_post(user: str, date: str, body: str) -> str:
    # An old board's post: an unnamed table whose cells hold the named boxes.
    return (
        f"<table><tr><td><div class='author'><a href='/u/{user}'>{user}</a></div>"
        f"<div class='postdate'>{date}</div></td>"
        f"<td><div class='message'><p>{body}</p></div></td></tr></table>"
    )


def test_posts_laid_out_as_unnamed_tables_are_one_thread() -> None:
    # The named boxes sit under an unnamed row and cell: levels count named boxes only.
    posts = [_table_post("lena", "03/03/25 06:40 PM", PROSE[0] + " " + PROSE[1])]
    posts += [_table_post(f"user{k}", f"03/0{4 + k}/25 08:15 AM", t) for k, t in enumerate(REPLIES)]
    html = f"<html><body><div class='topic'>{''.join(posts)}</div></body></html>"
    thread = _thread(html_page(html))
    assert thread is not None and len(thread.posts) == 4
    text = boilerstrip.extract_text(html)
    assert all(reply in text for reply in REPLIES)


def test_tables_whose_named_boxes_lie_three_named_levels_down_are_not_alike() -> None:
    # The same posts, each named box wrapped in two more named boxes: past the levels a
    # template's post body sits at, the tables share nothing.
    html = "".join(
        _table_post(f"user{k}", f"03/0{4 + k}/25 08:15 AM", t) for k, t in enumerate(REPLIES)
    )
    html = html.replace("<td>", "<td class='cell-{n}'><div class='wrap-{n}'>").replace(
        "</td>", "</div></td>"
    )
    for n in range(6):
        html = html.replace("cell-{n}", f"cell{n}x", 1).replace("wrap-{n}", f"wrap{n}x", 1)
    page = html_page(f"<html><body><div class='topic'>{html}</div></body></html>")
    assert _thread(page) is None


def _entry(user: str, date: str, body: str, *, text_box: str = "say") -> str:
    # One template for the opening post and the replies; no class name says post or reply.
    return (
        f"<div class='x7'><div class='x7-who'><a href='/u/{user}'>{user}</a></div>"
        f"<div class='x7-when'>{date}</div><div class='x7-{text_box}'><p>{body}</p></div>"
        "<div class='x7-act'><a href='#like'>Like</a> <a href='#share'>Share</a></div></div>"
    )


def _opening_apart_html(replies: tuple[str, ...] = REPLIES[:2]) -> str:
    items = "".join(
        f"<li class='x9'>{_entry(f'user{k}', f'Mar {4 + k}, 2025, 8:15 am', t)}</li>"
        for k, t in enumerate(replies)
    )
    return (
        "<html><body><ul class='menu'><li><a href='/'>Home</a></li><li><a href='/t'>Topics</a>"
        "</li></ul><main><h1>Chain slipping</h1>"
        f"<div class='opener'>{_entry('lena', 'Mar 3, 2025, 6:40 pm', PROSE[0])}</div>"
        f"<ul class='x9s'>{items}</ul></main>"
        "<div class='footer'><a href='/terms'>Terms</a></div></body></html>"
    )


def test_two_replies_built_like_the_opening_post_apart_are_a_thread() -> None:
    html = _opening_apart_html()
    page = html_page(html)
    thread = _thread(page)
    assert thread is not None and thread.reason == "replies-like-head"
    assert len(thread.posts) == 2
    text = boilerstrip.extract_text(html)
    assert all(paragraph in text for paragraph in (PROSE[0], *REPLIES[:2]))
    assert "Mar 4, 2025" not in text


def test_replies_whose_text_box_differs_from_the_opening_posts_are_no_thread() -> None:
    # An article and its comments: the comments share the article's user and date lines but
    # not its text box.
    items = "".join(
        f"<li class='x9'>{_entry(f'user{k}', f'Mar {4 + k}, 2025', t, text_box='note')}</li>"
        for k, t in enumerate(REPLIES[:2])
    )
    html = _opening_apart_html().split("<ul class='x9s'>")[0] + f"<ul class='x9s'>{items}</ul>"
    assert _thread(html_page(html + "</main></body></html>")) is None


def test_an_article_sharing_only_its_text_box_with_its_comments_is_no_thread() -> None:
    body = "".join(f"<p>{p}</p>" for p in PROSE[:3])
    comments = "".join(
        f"<div class='comment'><b class='name'>reader{k}</b><div class='text'><p>{t}</p></div>"
        "</div>"
        for k, t in enumerate(PROSE[4:6])
    )
    html = (
        "<html><body><div class='story'><h1>A year of sourdough</h1>"
        f"<p class='byline'>By Ann Lee</p><div class='text'>{body}</div></div>"
        f"<div class='comments'>{comments}</div></body></html>"
    )
    assert _thread(html_page(html)) is None
    assert PROSE[4] not in boilerstrip.extract_text(html)


def test_empty_boxes_among_the_replies_do_not_count_against_them() -> None:
    # A picture-only slot at each end of the replies' list: boxes of the same kind, no words.
    slot = (
        "<li class='x9'><div class='x7'><a href='/promo'><img src='/p.png' alt=''></a></div></li>"
    )
    html = _opening_apart_html().replace("<ul class='x9s'>", f"<ul class='x9s'>{slot}", 1)
    html = html.replace("</ul></main>", f"{slot}</ul></main>")
    thread = _thread(html_page(html))
    assert thread is not None and len(thread.posts) == 4


def test_boxes_named_for_nothing_are_posts_by_their_date_lines_only() -> None:
    # "entry" says no post, reply or answer: the date line with its numbers is what counts
    page = html_page(_thread_html(cls="entry"))
    assert [len(group) for group in post_groups(page)] == [4]
    # a month's name alone in each date line ("Mar") is no date line: no group of posts
    undated = _thread_html(cls="entry").replace(", 2025, 6:40 pm", "")
    for k in range(len(REPLIES)):
        undated = undated.replace(f"Mar {4 + k}, 2025, 8:15 am", "Mar")
    assert post_groups(html_page(undated)) == []


def test_a_menu_of_one_line_items_beside_the_posts_is_no_group() -> None:
    menu = "".join(f"<li class='item'><a href='/t/{k}'>Topic {k} 2025</a></li>" for k in range(9))
    html = _thread_html().replace("<ul class='menu'>", f"<ul class='menu'>{menu}")
    groups = post_groups(html_page(html))
    assert len(groups) == 1
    assert len(groups[0]) == 4
