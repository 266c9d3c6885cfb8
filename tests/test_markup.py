"""The structured forms of an Article: Markdown, HTML and the JSON-ready dict.

Golden tests run small synthetic pages: the structure under test sits between prose
paragraphs (so the filters keep it), and only its part of the output is compared."""

from __future__ import annotations

import dataclasses
import json
import pickle
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

import boilerstrip
from benchmarks.metric import tokenize
from boilerstrip import Article
from boilerstrip.api import analyze
from boilerstrip.article import Features
from tests.conftest import FIXTURES, fixture_cases
from tests.synthetic import PROSE

markdown_it = pytest.importorskip("markdown_it")

URL = "https://example.org/news/story.html"
BEFORE, AFTER = 3, 3  # prose paragraphs around the structure under test


def page(inner: str) -> str:
    before = "".join(f"<p>{t}</p>" for t in PROSE[:BEFORE])
    after = "".join(f"<p>{t}</p>" for t in PROSE[BEFORE : BEFORE + AFTER])
    return (
        "<html><head><title>Tea</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article>{before}{inner}{after}</article></body></html>"
    )


def article(inner: str) -> Article:
    return boilerstrip.extract(page(inner), url=URL)


def middle(markdown: str) -> str:
    """The Markdown between the prose paragraphs around the structure."""
    return "\n\n".join(markdown.split("\n\n")[BEFORE:-AFTER])


def md(inner: str, *, links: bool = True) -> str:
    return middle(article(inner).to_markdown(links=links))


def html_middle(inner: str) -> str:
    lines = article(inner).to_html().split("\n")
    return "\n".join(lines[BEFORE:-AFTER])


# --- Markdown -------------------------------------------------------------------------------


def test_nested_list() -> None:
    got = md(
        "<ul><li>Bring the kettle to the boil first.<ul><li>Use fresh water from the tap.</li>"
        "<li>Never boil the same water twice.</li></ul></li>"
        "<li>Warm the pot with a splash of hot water.</li></ul>"
    )
    assert got == (
        "- Bring the kettle to the boil first.\n"
        "  - Use fresh water from the tap.\n"
        "  - Never boil the same water twice.\n"
        "- Warm the pot with a splash of hot water."
    )


def test_ordered_list_nested_in_ordered_list() -> None:
    got = md(
        "<ol><li>Measure one spoon of leaves per cup.</li><li>Pour the water over the leaves."
        "<ol><li>Wait three minutes for black tea.</li><li>Wait two minutes for green tea.</li>"
        "</ol></li><li>Strain the tea into the cups.</li></ol>"
    )
    assert got == (
        "1. Measure one spoon of leaves per cup.\n"
        "2. Pour the water over the leaves.\n"
        "   1. Wait three minutes for black tea.\n"
        "   2. Wait two minutes for green tea.\n"
        "3. Strain the tea into the cups."
    )


def test_table_with_header_cells_and_a_pipe_in_a_cell() -> None:
    got = md(
        "<table><thead><tr><th>Step</th><th>Minutes</th></tr></thead><tbody>"
        "<tr><td>Boil the water</td><td>4</td></tr><tr><td>Steep | strain</td><td>3</td></tr>"
        "</tbody></table>"
    )
    assert got == (
        "| Step | Minutes |\n| --- | --- |\n| Boil the water | 4 |\n| Steep \\| strain | 3 |"
    )


def test_table_without_header_cells_takes_the_first_row_as_header() -> None:
    got = md(
        "<table><tr><td>Black tea</td><td>3 minutes</td></tr>"
        "<tr><td>Green tea</td><td>2 minutes</td></tr></table>"
    )
    assert got == "| Black tea | 3 minutes |\n| --- | --- |\n| Green tea | 2 minutes |"


def test_table_keeps_columns_of_empty_cells() -> None:
    got = md(
        "<table><tr><th>Tea</th><th>Origin</th><th>Minutes</th></tr>"
        "<tr><td>Assam</td><td></td><td>4</td></tr></table>"
    )
    assert got == "| Tea | Origin | Minutes |\n| --- | --- | --- |\n| Assam |  | 4 |"


def test_code_blocks_with_and_without_language() -> None:
    got = md(
        '<pre><code class="language-python">def steep(minutes):\n    return minutes * 60\n'
        '</code></pre><pre class="lang-sh">echo ```fenced```</pre><pre>plain\n  indented</pre>'
    )
    assert got == (
        "```python\ndef steep(minutes):\n    return minutes * 60\n```\n\n"
        "````sh\necho ```fenced```\n````\n\n"
        "```\nplain\n  indented\n```"
    )


def test_blockquote() -> None:
    got = md(
        "<blockquote><p>We have made tea the same way in this valley for three hundred years, "
        "said the oldest of the growers, and we will not change now.</p><p>Nobody in the room "
        "disagreed with her, and the meeting moved on to the price of the new harvest.</p>"
        "</blockquote>"
    )
    assert got == (
        "> We have made tea the same way in this valley for three hundred years, said the "
        "oldest of the growers, and we will not change now.\n>\n"
        "> Nobody in the room disagreed with her, and the meeting moved on to the price of the "
        "new harvest."
    )


def test_headings() -> None:
    got = md("<h2>How to brew</h2><h3>The C# way</h3>")
    assert got == "## How to brew\n\n### The C\\# way"


def test_emphasis_strong_and_inline_code() -> None:
    got = md(
        "<p>The water must be <em>very</em> hot, <strong>never lukewarm </strong>and the "
        "<code>steep_time</code> is <b>short <i>indeed</i></b>, <i><b>T</b>he End</i>.</p>"
    )
    assert got == (
        "The water must be *very* hot, **never lukewarm** and the `steep_time` is "
        "**short *indeed***, ***T**he End*."
    )


def test_links_relative_absolute_unsafe_and_dropped() -> None:
    inner = (
        '<p>Read <a href="/guides/tea">our guide</a>, <a href="https://tea.example/a b">the '
        'tea site</a> or <a href="javascript:alert(1)">this</a> before brewing.</p>'
    )
    assert md(inner) == (
        "Read [our guide](https://example.org/guides/tea), "
        "[the tea site](https://tea.example/a%20b) or this before brewing."
    )
    assert md(inner, links=False) == "Read our guide, the tea site or this before brewing."


def test_text_that_looks_like_markdown_is_escaped() -> None:
    inner = (
        "<p>Stars *like this* and _under_ snake_case, [brackets](x) &lt;tag&gt; `tick` "
        "AT&amp;T &amp;amp; a | b ~~c~~ and wow!<a href='/x'>link</a><br># not a heading"
        "<br>1. not a list<br>- not an item<br>+ nor this<br>> nor a quote<br>===</p>"
    )
    got = md(inner)
    assert "snake_case" in got  # an underscore inside a word is left alone
    parsed = markdown_it.MarkdownIt("commonmark").enable("table").render(got)
    root = lxml_html.fragment_fromstring(parsed, create_parent="div")
    assert [el.tag for el in root] == ["p"]  # one paragraph: no heading, list or quote
    assert [el.tag for el in root[0]] == ["a", "br", "br", "br", "br", "br", "br"]
    text = root[0].text_content()
    want = next(b.text for b in article(inner).kept_blocks if "Stars" in b.text)
    assert text == want


# --- words: Markdown and HTML say what the text says ------------------------------------------


def _md_words(markdown: str) -> Counter[str]:
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(markdown)
    return _html_words(rendered)


def _html_words(html: str) -> Counter[str]:
    if not html.strip():
        return Counter()
    root = lxml_html.fragment_fromstring(html.replace("<br>", "\n"), create_parent="div")
    return Counter(tokenize(root.text_content()))


def _check_words(a: Article) -> None:
    words = Counter(tokenize(a.text))
    assert _md_words(a.to_markdown()) == words
    assert _md_words(a.to_markdown(links=False)) == words
    assert _html_words(a.to_html()) == words


@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: p.name)
def test_fixture_forms_have_the_words_of_the_text(case: Path) -> None:
    _check_words(boilerstrip.extract((case / "source.html").read_bytes(), url=URL))


_WORDS = re.split(
    " ",
    "tea leaves water *star* _under_ snake_case [x] (y) <z> `tick` # 1. - + > | ~ & &amp; "
    "a\\b !bang http://e.org/x C# 3.14 über 東京 «quote»",
)
_INLINE = ("em", "strong", "code", "b", "i", "span", "a")


def _random_text(rng: random.Random, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(3, 12)):
        roll = rng.random()
        if roll < 0.15 and depth < 3:
            tag = rng.choice(_INLINE)
            attr = f' href="{rng.choice(["/p", "http://x.org/q", "#f"])}"' if tag == "a" else ""
            parts.append(f"<{tag}{attr}>{_random_text(rng, depth + 1)}</{tag}>")
        elif roll < 0.2:
            parts.append("<br>")
        else:
            word = rng.choice(_WORDS)
            parts.append(word.replace("&", "&amp;").replace("<", "&lt;"))
        parts.append(rng.choice(["", " ", " ", "\n"]))
    return "".join(parts)


def _random_block(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if depth < 3 and roll < 0.15:
        tag = rng.choice(["ul", "ol"])
        items = "".join(
            f"<li>{_random_text(rng)}{_random_block(rng, depth + 1) if rng.random() < 0.3 else ''}"
            "</li>"
            for _ in range(rng.randint(1, 4))
        )
        return f"<{tag}>{items}</{tag}>"
    if depth < 3 and roll < 0.25:
        return f"<blockquote>{_random_block(rng, depth + 1)}{_random_text(rng)}</blockquote>"
    if roll < 0.35:
        rows = "".join(
            "<tr>" + "".join(f"<td>{_random_text(rng)}</td>" for _ in range(3)) + "</tr>"
            for _ in range(rng.randint(1, 3))
        )
        return f"<table>{rows}</table>"
    if roll < 0.42:
        return f"<pre>{_random_text(rng)}</pre>"
    if roll < 0.5:
        return f"<h{rng.randint(1, 6)}>{_random_text(rng)}</h{rng.randint(1, 6)}>"
    return f"<p>{_random_text(rng)}</p>"


@pytest.mark.parametrize("seed", range(60))
def test_random_page_forms_have_the_words_of_the_text(seed: int) -> None:
    rng = random.Random(seed)
    blocks = "".join(_random_block(rng) for _ in range(rng.randint(3, 10)))
    a = boilerstrip.extract(page(blocks), url=URL, mode="recall")
    _check_words(a)


# --- HTML -------------------------------------------------------------------------------------

ALLOWED = frozenset(
    re.split(
        " ",
        "h1 h2 h3 h4 h5 h6 p ul ol li blockquote pre code table thead tbody tr th td figure "
        "figcaption a em strong br",
    )
)


def test_html_is_sanitised() -> None:
    inner = (
        '<p class="lead" style="color:red" onclick="steal()">Brew it <span style="x" '
        'onmouseover="bad()">slowly</span><script>alert(1)</script> and '
        '<a href="javascript:alert(2)" onclick="bad()">click</a> or '
        '<a href="/ok" target="_blank" class="c">read</a> <img src="x" onerror="bad()">'
        "<b>&lt;script&gt;alert(3)&lt;/script&gt;</b> and more words for the line.</p>"
        '<ul style="x"><li class="y" onclick="z()">One item of the list with words.</li></ul>'
    )
    a = article(inner)
    out = a.to_html()
    for bad in ("<script", "onclick", "onmouseover", "onerror", "style", "class", "javascript"):
        assert bad not in out
    root = lxml_html.fragment_fromstring(out, create_parent="div")
    for el in root.iterdescendants():
        assert el.tag in ALLOWED
        assert set(el.attrib) <= ({"href"} if el.tag == "a" else set())
    assert [a.get("href") for a in root.iter("a")] == ["https://example.org/ok"]
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in out


def test_html_structure() -> None:
    got = html_middle(
        "<figure><img src='a.png'><figcaption>The valley at dawn, where the oldest tea "
        "bushes grow on the slopes.</figcaption></figure>"
        "<table><tr><th>Tea</th><th>Minutes</th></tr><tr><td></td><td>4</td></tr></table>"
    )
    assert got == (
        "<figure>\n<figcaption>The valley at dawn, where the oldest tea bushes grow on the "
        "slopes.</figcaption>\n</figure>\n"
        "<table>\n<tr>\n<th>Tea</th>\n<th>Minutes</th>\n</tr>\n<tr>\n<td></td>\n<td>4</td>\n"
        "</tr>\n</table>"
    )


def test_html_document() -> None:
    a = boilerstrip.extract(page("<p>Fine &amp; dandy words <em>here</em>.</p>"), url=URL)
    doc = a.to_html(document=True)
    assert doc.startswith('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n')
    assert "<title>Tea</title>" in doc and doc.endswith("</body>\n</html>")
    assert a.to_html() in doc


# --- to_dict ----------------------------------------------------------------------------------


def test_to_dict_shape() -> None:
    a = article("<p>A line of <a href='/x'>linked</a> words to keep in the article body.</p>")
    d = a.to_dict()
    names = {f.name for f in dataclasses.fields(Article)} - {"blocks", "markup"}
    assert set(d) == names
    assert d["text"] == a.text and d["url"] == URL and d["title"] == "Tea"
    assert d["warnings"] == list(a.warnings)
    assert json.loads(json.dumps(d)) == d  # JSON types only
    full = a.to_dict(blocks=True)
    assert set(full) == names | {"blocks"}
    assert len(full["blocks"]) == len(a.blocks)
    features = {f.name for f in dataclasses.fields(Features)}
    for got, block in zip(full["blocks"], a.blocks, strict=True):
        assert set(got) == {
            "index",
            "text",
            "kind",
            "tag",
            "path",
            "kept",
            "rule",
            "features",
            "level",
            "in_region",
        }
        assert set(got["features"]) == features
        assert (got["index"], got["text"], got["kept"]) == (block.index, block.text, block.kept)
    assert json.loads(json.dumps(full)) == full


# --- the Article stays data; extract_text does not pay -----------------------------------------


def test_article_with_markup_pickles() -> None:
    a = article("<ul><li>One item of the list, in words.</li></ul>")
    assert a.markup
    again = pickle.loads(pickle.dumps(a))
    assert again.to_markdown() == a.to_markdown() and again.to_html() == a.to_html()


def test_unstructured_article_renders_its_blocks_plainly() -> None:
    plain = analyze(page("<h2>Brewing</h2><ul><li>One item of the list.</li></ul>"), URL,
                    structured=False).article  # fmt: skip
    assert plain.markup == ()
    got = middle(plain.to_markdown())
    assert got == "## Brewing\n\n- One item of the list."


def test_empty_article() -> None:
    a = boilerstrip.extract("")
    assert (a.to_markdown(), a.to_html()) == ("", "")
    assert a.to_dict()["text"] == ""


# --- a fixture's Markdown, whole -------------------------------------------------------------


def test_fixture_expected_markdown() -> None:
    case = FIXTURES / "lists_table_code"
    a = boilerstrip.extract((case / "source.html").read_bytes())
    assert a.to_markdown() + "\n" == (case / "expected.md").read_text(encoding="utf-8")


def test_an_element_the_walk_stopped_inside_is_not_walked_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past the element limit the segment walk stops; the markup walk must not read on there
    (a paragraph of a million line breaks took seconds), so that block's text stays plain."""
    import boilerstrip.pipeline.markup as markup

    walked: list[str] = []
    real_runs = markup._runs

    def runs(el: object, skipped: frozenset[str]) -> object:
        walked.append(getattr(el, "tag", ""))
        return real_runs(el, skipped)  # type: ignore[arg-type]

    monkeypatch.setattr(markup, "_runs", runs)
    words = " ".join(f"<b>w{i}</b>" for i in range(200))
    html = (
        f"<html><body><article><h2>A heading</h2><p>{PROSE} <em>Stressed</em> {PROSE}</p>"
        f"<p>{PROSE} {words}</p></article></body></html>"
    )
    whole = analyze(html, URL, max_elements=None).article
    assert "**w199**" in whole.to_markdown() and "p" in walked
    walked.clear()
    # Five block elements (body, article, h2, two p) and 100 inline ones: <em>, then w0-w98.
    cut = analyze(html, URL, max_elements=5).article
    assert any("max_elements" in w for w in cut.warnings)
    markdown = cut.to_markdown()
    assert "*Stressed*" in markdown  # a paragraph read whole keeps its markup
    assert "w98" in markdown and "w99" not in markdown and "**w10**" not in markdown
    assert walked.count("p") == 1  # the first paragraph, not the one the walk stopped in


def test_each_node_state_is_stepped_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Frames and roles come from the parent's state, each node's computed once: walking
    every chain from the root took time quadratic in the depth."""
    import boilerstrip.pipeline.markup as markup
    from boilerstrip.pipeline.parse import parse_html
    from boilerstrip.pipeline.segment import segment

    depth = 300
    root = parse_html("<blockquote>quoted " * depth + "</blockquote>" * depth)
    assert root is not None
    seg = segment(root)
    steps = 0
    real_step = markup._Shapes._step

    def step(self: markup._Shapes, state: markup._State, i: int) -> markup._State:
        nonlocal steps
        steps += 1
        return real_step(self, state, i)

    monkeypatch.setattr(markup._Shapes, "_step", step)
    shapes = markup._Shapes(seg)
    roles = [shapes.shape(n)[0] for n in reversed(range(len(seg.nodes)))]
    assert steps == len(seg.nodes) == depth + 1 and roles[0] == "p"
    # A wide row: each cell's column from one pass over the row.
    row = parse_html("<table><tr>" + "".join(f"<td colspan=2>{i}</td>" for i in range(50)))
    assert row is not None
    seg = segment(row)
    shapes = markup._Shapes(seg)
    cells = [i for i, n in enumerate(seg.nodes) if n.tag == "td"]
    assert [shapes.shape(i)[1][-1].column for i in cells] == [2 * k for k in range(50)]
