"""The markup records of an Article wait for their first read (``Article.markup``): what they
need of the tree is read during the extraction (``pipeline.markup.read_markup``), the records
are made from it when read. The Article keeps its contract (frozen, the same fields, equality,
pickling and copying), and the records are the ones read from the tree whole."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import random
import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest

import boilerstrip
from boilerstrip import Article
from boilerstrip.api import analyze
from boilerstrip.article import ArticleData, Block, BlockMarkup, Span
from boilerstrip.pipeline import markup
from tests.synthetic import PROSE

URL = "https://example.org/news/story.html"

#: Every shape the markup knows: a table (with a caption, spans, odd spans and paragraphs in a
#: cell), code (nested, named, with block-level children), nested lists, a figure, styled and
#: linked text, and quotes nested past the frame limit.
SHAPES = (
    "<table><caption>The <b>caption</b></caption>"
    "<tr><th colspan=2>Head <em>one</em></th><th colspan='x'>two</th>"
    "<th colspan='²'>three</th></tr>"
    "<tr><td>a <a href='/a'>cell</a></td><td colspan=3><p>First <i>para</i></p><p>Second</p></td>"
    "<td colspan=0>zero</td></tr></table>"
    "<pre class='language-python'><code>print(1)</code><div>inner <b>bold</b></div>"
    "<pre class='lang-js'>nested</pre></pre>"
    "<pre><code class='lang-rust'>fn main() {}</code></pre>"
    "<ul><li>One <strong>item</strong><ol><li>two <a href='/x'>linked</a></li></ol></li>"
    "<li>three</li></ul>"
    "<figure><img src='/i.png'><figcaption>A <em>figure</em></figcaption></figure>"
    + "<blockquote>deep " * 20
    + "<p>the <code>bottom</code></p>"
    + "</blockquote>" * 20
)


def page(inner: str) -> str:
    prose = "".join(f"<p>{t}</p>" for t in PROSE[:3])
    return f"<html><head><title>Tea</title></head><body><article>{prose}{inner}{prose}</article>"


def pending(article: Article) -> object:
    """What the markup field's slot holds, without reading the field."""
    return vars(ArticleData)["markup"].__get__(article, Article)


def test_markup_waits_for_its_first_read_and_is_kept() -> None:
    art = boilerstrip.extract(page(SHAPES), url=URL)
    assert isinstance(pending(art), markup.PendingMarkup)
    records = art.markup
    assert records and all(isinstance(r, BlockMarkup) for r in records)
    assert pending(art) is records and art.markup is records
    assert boilerstrip.extract_text(page(SHAPES), url=URL) == art.text


def test_article_contract_holds_before_the_first_read() -> None:
    html = page(SHAPES)
    read, unread = boilerstrip.extract(html, url=URL), boilerstrip.extract(html, url=URL)
    records = read.markup
    assert [f.name for f in dataclasses.fields(Article)][-1] == "markup"
    assert unread == read and hash(unread) == hash(read) and repr(unread) == repr(read)
    with pytest.raises(dataclasses.FrozenInstanceError):
        unread.markup = ()  # type: ignore[misc]
    assert isinstance(pending(unread), markup.PendingMarkup)  # the refused write left it
    fresh = [boilerstrip.extract(html, url=URL) for _ in range(4)]
    for again in (
        pickle.loads(pickle.dumps(fresh[0])),
        copy.copy(fresh[1]),
        copy.deepcopy(fresh[2]),
        dataclasses.replace(fresh[3], url=None),
    ):
        assert type(again) is Article and again.markup == records
        assert again.to_markdown() == read.to_markdown() or again.url is None
    assert dataclasses.asdict(unread)["markup"] == dataclasses.asdict(read)["markup"]


def test_an_article_made_by_hand_keeps_its_markup() -> None:
    art = Article("x", None, None, (), (), markup=())
    assert art.markup == () and pending(art) == ()
    made = boilerstrip.extract(page(SHAPES), url=URL)
    copied = Article(made.text, made.title, made.url, made.blocks, (), markup=made.markup)
    assert copied.markup is made.markup


def test_threads_reading_at_once_get_equal_records() -> None:
    art = boilerstrip.extract(page(SHAPES * 20), url=URL)
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda _: art.markup, range(8)))
    assert all(g == got[0] for g in got) and got[0]


def _all_kept(blocks: tuple[Block, ...], chosen: set[int] | None = None) -> list[Block]:
    return [dataclasses.replace(b, kept=chosen is None or b.index in chosen) for b in blocks]


@pytest.mark.parametrize("up_cost", [0, 10**9], ids=["nodes-above", "every-node"])
@pytest.mark.parametrize("limit", [None, 12, 30])
def test_records_are_those_the_tree_gives(
    limit: int | None, up_cost: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read with every block kept, each record's role, frames and language are the ones the
    shapes read straight from the tree give (cells' columns and code's language read from the
    elements when asked); with any part of the blocks kept, each kept block's record is the
    same one. The nodes read either way: up from the kept blocks, or every one."""
    monkeypatch.setattr(markup, "MARKUP_UP_COST", up_cost)
    analysis = analyze(page(SHAPES), URL, max_elements=limit)
    root, seg = analysis.root, analysis.segmentation
    assert root is not None and seg is not None
    blocks = _all_kept(analysis.article.blocks)
    whole = markup.read_markup(root, seg, blocks).records(blocks)
    assert [r.block for r in whole] == [b.index for b in blocks]
    shapes = markup._Shapes(seg)
    for record in whole:
        role, frames, pre = shapes.shape(seg.blocks[record.block].node)
        assert (record.role, record.frames) == (role, frames)
        language = markup._language(seg.elements[pre]) if pre >= 0 else None
        assert record.language == language
    assert any(r.language for r in whole) or limit is not None
    assert any(f.column for r in whole for f in r.frames) or limit is not None
    by_block = {r.block: r for r in whole}
    pick = random.Random(17)
    for _ in range(40):
        chosen = {b.index for b in blocks if pick.random() < 0.3}
        some = _all_kept(analysis.article.blocks, chosen)
        got = markup.read_markup(root, seg, some).records(some)
        assert got == tuple(by_block[i] for i in sorted(chosen))


def test_code_is_never_walked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A block inside ``<pre>`` keeps its text as it is: its element is not walked for styles,
    however it is styled."""
    walked: list[str] = []
    real_runs = markup._runs

    def runs(el: object, skipped: frozenset[str]) -> object:
        walked.append(getattr(el, "tag", ""))
        return real_runs(el, skipped)  # type: ignore[arg-type]

    monkeypatch.setattr(markup, "_runs", runs)
    art = analyze(page("<pre>code <b>bold</b><div>in <i>a</i> box</div></pre>"), URL).article
    roles = {r.role for r in art.markup}
    assert "pre" in roles and walked == []
    assert "**" not in art.to_markdown()


def test_records_made_slot_by_slot_are_whole_frozen_records() -> None:
    """``PendingMarkup.records`` sets the slots of each BlockMarkup and plain Span itself:
    every field is set, each record is the one its constructor makes, frozen as it is."""
    assert tuple(f.name for f in dataclasses.fields(BlockMarkup)) == markup._MARKUP_FIELD_NAMES
    assert tuple(f.name for f in dataclasses.fields(Span)) == markup._SPAN_FIELD_NAMES
    art = boilerstrip.extract(page(SHAPES), url=URL)
    spans = [s for r in art.markup for s in r.spans]
    assert art.markup and any(s.href or s.emphasis or s.strong or s.code for s in spans)
    for record in art.markup:
        values = [getattr(record, f.name) for f in dataclasses.fields(BlockMarkup)]
        assert BlockMarkup(*values) == record
        assert record.spans == tuple(
            Span(*[getattr(s, f.name) for f in dataclasses.fields(Span)]) for s in record.spans
        )
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.role = "x"  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.spans[0].text = "x"  # type: ignore[misc]


def test_records_that_fail_fall_back_to_plain_blocks_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bug in the records (made after ``extract`` returned, outside its guard) must not make
    ``to_markdown()`` raise: the kept blocks are written plain, and a RuntimeWarning says why."""
    article = boilerstrip.extract(
        f"<article><p>{PROSE[0]}</p><p><b>{PROSE[1]}</b></p><ul><li>{PROSE[2]}</li></ul></article>"
    )

    def broken(self: markup.PendingMarkup, blocks: object) -> object:
        raise KeyError("planted")

    monkeypatch.setattr(markup.PendingMarkup, "records", broken)
    with pytest.warns(RuntimeWarning, match="markup records failed.*KeyError"):
        text = article.to_markdown()
    assert PROSE[0] in text and PROSE[1] in text and f"- {PROSE[2]}" in text
    assert "**" not in text  # plain: the bold is not written
    assert all(len(m.spans) == 1 for m in article.markup)  # plain: one span each, kept


def test_markup_a_caller_gives_comes_back_as_given() -> None:
    """Only the pending markup of an extraction is made into records on first read: an
    Article built with markup of the caller's own (any sequence) keeps it, without a
    warning."""
    made = boilerstrip.extract(f"<article><p>{PROSE[0]}</p><p>{PROSE[1]}</p></article>")
    records = list(made.markup)
    own = dataclasses.replace(made, markup=records)  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert own.markup is records
