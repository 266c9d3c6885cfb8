"""The explain view: the table, the outlined page, and the CLI's --explain and --explain-html."""

from __future__ import annotations

import copy
import io
import shutil
import struct
import subprocess
import unicodedata
import zlib
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from boilerstrip import Article, extract
from boilerstrip.api import analyze
from boilerstrip.article import Block
from boilerstrip.cli import main
from boilerstrip.render.explain import CSP, KEPT, explain_html, explain_table, page_styles
from tests.conftest import fixture_cases

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "news_seed_like" / "source.html"
CASES = fixture_cases()


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def columns(line: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in line
    )


def rows(table: str, article: Article) -> list[str]:
    lines = table.splitlines()
    assert lines[0].split()[:2] == ["#", "path"]
    return lines[1 : 1 + len(article.blocks)]


def page(html: str | bytes) -> tuple[Article, etree._Element]:
    """The article of ``html`` and its explain page, parsed back."""
    analysis = analyze(html)
    out = explain_html(analysis, styles=page_styles(html))
    doc = etree.fromstring(out.encode("utf-8"), etree.HTMLParser())
    assert doc is not None
    return analysis.article, doc


def outlines(doc: etree._Element) -> list[etree._Element]:
    return [el for el in doc.iter() if isinstance(el.tag, str) and el.get("data-bs-blocks")]


def words_of(el: etree._Element) -> list[str]:
    """The words of ``el`` as a reader sees them (a line break parts words)."""
    el = copy.deepcopy(el)
    for br in el.iter("br"):
        br.tail = " " + (br.tail or "")
    return "".join(el.itertext()).split()


def legend_of(doc: etree._Element) -> etree._Element:
    (legend,) = doc.xpath("//div[@id='bs-legend']")
    assert isinstance(legend, etree._Element)
    return legend


def blocks_of(el: etree._Element, article: Article) -> list[Block]:
    return [article.blocks[int(i)] for i in (el.get("data-bs-blocks") or "").split()]


# --- the table -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_every_dropped_block_names_its_rule_in_its_row(case: Path) -> None:
    source = case / "source.html"
    article = extract(source.read_bytes())
    code, out, err = run(["--explain", str(source)])
    assert code == 0, err
    assert out == explain_table(article)
    table_rows = rows(out, article)
    assert len(table_rows) == len(article.blocks)
    for block, row in zip(article.blocks, table_rows, strict=True):
        fields = row.split()
        assert fields[0] == str(block.index)
        if block.kept:
            assert block.rule is None
            assert fields[5:7] == ["kept", "-"]
        else:
            assert isinstance(block.rule, str) and block.rule
            assert fields[5:7] == ["dropped", block.rule], row


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_table_fits_100_columns_and_has_no_colour_off_a_terminal(case: Path) -> None:
    table = explain_table(extract((case / "source.html").read_bytes()))
    assert "\x1b" not in table
    for line in table.splitlines():
        assert columns(line) <= 100, line


def test_table_summary_counts_the_rules() -> None:
    article = extract(SEED.read_bytes())
    summary = " ".join(explain_table(article).splitlines()[1 + len(article.blocks) :])
    kept = len(article.kept_blocks)
    assert summary.startswith(
        f"{len(article.blocks)} blocks: {kept} kept, {len(article.blocks) - kept} dropped"
    )
    for rule, n in Counter(b.rule for b in article.dropped_blocks).items():
        assert f"{rule} {n}" in summary


def test_table_colour_only_when_asked() -> None:
    article = extract(SEED.read_bytes())
    painted = explain_table(article, color=True)
    assert "\x1b[32mkept" in painted and "\x1b[31mdropped" in painted


def test_table_never_passes_control_characters_through() -> None:
    html = (
        "<html><body><article><p>Evil \x1b[2J\x1b]0;title\x07 text \u202e reversed, a long"
        " sentence of prose that is kept for sure. And another sentence.</p></article></body>"
        "</html>"
    )
    table = explain_table(extract(html))
    assert "\x1b" not in table and "\x07" not in table and "\u202e" not in table
    assert "Evil" in table


def test_wide_characters_are_cut_by_columns() -> None:
    text = "東京の天気は晴れです。" * 20
    table = explain_table(extract(f"<html><body><p>{text}</p></body></html>"))
    for line in table.splitlines():
        assert columns(line) <= 100


# --- the outlined page -----------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_each_block_outlined_once_in_its_colour_with_its_rule(case: Path) -> None:
    article, doc = page((case / "source.html").read_bytes())
    seen: Counter[int] = Counter()
    for el in outlines(doc):
        blocks = blocks_of(el, article)
        assert blocks
        seen.update(b.index for b in blocks)
        verdicts = {(b.kept, b.rule) for b in blocks}
        assert len(verdicts) == 1, el.get("data-bs-blocks")
        ((kept, rule),) = verdicts
        classes = (el.get("class") or "").split()
        assert ("bs-kept" in classes) is kept and ("bs-dropped" in classes) is not kept
        assert el.get("data-bs-rule") == (KEPT if kept else rule)
        assert (el.get("title") or "").endswith("kept" if kept else f"dropped by {rule}")
        # The outline holds exactly the words of its blocks: the picture is right.
        words = [w for b in blocks for w in b.text.split()]
        assert words_of(el) == words, el.get("data-bs-blocks")
    assert seen == Counter(range(len(article.blocks)))
    assert "per element" not in etree.tostring(doc, encoding="unicode")


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_legend_counts_match_the_article(case: Path) -> None:
    article, doc = page((case / "source.html").read_bytes())
    legend = legend_of(doc)
    body = doc.find("body")
    assert body is not None and body.index(legend) == 0
    shown = {tr.get("data-bs-rule"): int(tr[1].text or "") for tr in legend.iter("tr")}
    expected = Counter(KEPT if b.kept else b.rule for b in article.blocks)
    assert shown == dict(expected)
    head = legend[0].text or ""
    kept = len(article.kept_blocks)
    assert f"{len(article.blocks)} blocks, {kept} kept" in head


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_nothing_active_is_left(case: Path) -> None:
    _, doc = page((case / "source.html").read_bytes())
    assert_inert(doc)


def assert_inert(doc: etree._Element) -> None:
    head = doc.find("head")
    assert head is not None
    metas = head.findall("meta")
    assert metas[0].get("charset") == "utf-8"
    assert metas[1].get("http-equiv") == "Content-Security-Policy"
    assert metas[1].get("content") == CSP and "default-src 'none'" in CSP
    assert len(metas) == 2
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        assert el.tag not in {"script", "iframe", "object", "embed", "link", "base", "frame"}
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            assert name.lower() not in {"srcset", "poster", "background", "action", "ping"}
            if name.lower() == "src":
                assert value.startswith("data:image/")
            if name.lower() == "href":
                assert not value.strip().lower().startswith(("javascript:", "data:"))
            if name.lower() == "style":
                assert "url(" not in value.lower()
    for style in doc.iter("style"):
        css = (style.text or "").lower()
        assert "url(" not in css and "@import" not in css and "image-set(" not in css


HOSTILE = """<html><head><link rel="stylesheet" href="http://127.0.0.1:9/link.css">
<style>@import "http://127.0.0.1:9/import.css"; body{background:\\75 rl(http://127.0.0.1:9/e.png)}
p{background:url(http://127.0.0.1:9/url.png)} h1:before{content:"\\201C"}</style>
<style media="print">.print-only{color:red}</style>
<base href="http://127.0.0.1:9/"><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">
<script>alert(1)</script></head><body onload="alert(2)">
<article><p style="background-image:url(http://127.0.0.1:9/inline.png)" onclick="alert(3)">A
paragraph of prose long enough to be kept as article text, with a full sentence. And another
sentence, so that it reads like prose.</p>
<img src="http://127.0.0.1:9/img.png" srcset="http://127.0.0.1:9/2x.png 2x" alt="a picture">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="inline">
<iframe src="http://127.0.0.1:9/frame"></iframe><a href=" java&#9;script:alert(4)">js link</a>
<a href="https://example.org/ok">fine link</a>
<object data="http://127.0.0.1:9/obj"></object><embed src="http://127.0.0.1:9/embed">
<table background="http://127.0.0.1:9/bg.png"><tr><td>cell</td></tr></table>
<form action="http://127.0.0.1:9/form"><p>form text</p></form></article></body></html>"""


def test_hostile_page_is_made_inert() -> None:
    _, doc = page(HOSTILE)
    assert_inert(doc)
    out = etree.tostring(doc, encoding="unicode")
    assert "alert" not in out
    assert "https://example.org/ok" in out
    assert ".print-only" not in out
    assert '"\\201C"' in out  # an escape that loads nothing stays as it was
    assert [img.get("alt") for img in doc.iter("img")] == ["a picture", "inline"]
    assert doc.find(".//img[@alt='inline']").get("src", "").startswith("data:image/gif")


def test_mixed_elements_wrap_their_runs() -> None:
    html = (
        "<html><body><div>Loose intro words <a href='/x'><div>A linked box</div></a> loose"
        " outro words<p>A long paragraph of prose that is kept, with a sentence. And then"
        " another sentence here, also prose.</p>tail words</div></body></html>"
    )
    article, doc = page(html)
    spans = [el for el in outlines(doc) if el.tag == "span"]
    assert [words_of(el) for el in spans] == [
        ["Loose", "intro", "words"],
        ["loose", "outro", "words"],
        ["tail", "words"],
    ]
    (outer,) = doc.xpath("/html/body/div[@id='bs-legend']/following-sibling::div")
    assert isinstance(outer, etree._Element)
    assert outer.get("data-bs-blocks") is None  # mixed: not outlined whole
    assert len({int(i) for el in outlines(doc) for i in el.get("data-bs-blocks", "").split()}) == (
        len(article.blocks)
    )


def test_the_analysis_is_left_as_it_was() -> None:
    analysis = analyze(SEED.read_bytes())
    assert analysis.root is not None
    before = etree.tostring(analysis.root)
    explain_html(analysis)
    assert etree.tostring(analysis.root) == before


@pytest.mark.parametrize(
    "html", ["", "   ", "<html><body> </body></html>", "<html><head></head></html>"]
)
def test_pages_without_blocks_still_give_a_page(html: str | bytes) -> None:
    article, doc = page(html)
    assert article.blocks == ()
    legend = legend_of(doc)
    assert "0 blocks" in (legend[0].text or "")
    assert_inert(doc)


def test_page_styles_are_kept_inert() -> None:
    styles = page_styles(SEED.read_bytes())
    assert any(".top-bar" in s for s in styles)
    assert page_styles("<style>a{b:url(x)}</style><style media='print'>c{}</style>") == (
        "a{b:boilerstrip-blocked(x)}",
    )
    assert page_styles("<style>unclosed {color: red}") == ("unclosed {color: red}",)


# --- the command line ------------------------------------------------------------------------


def test_cli_explain_html_writes_the_page(tmp_path: Path) -> None:
    out_file = tmp_path / "out.html"
    code, out, err = run(["--explain-html", str(out_file), str(SEED)])
    assert code == 0, err
    assert out == ""
    assert "wrote" in err and "66 blocks" in err
    analysis = analyze(SEED.read_bytes())
    assert out_file.read_text(encoding="utf-8") == explain_html(
        analysis, styles=page_styles(SEED.read_bytes())
    )


def test_cli_both_views_at_once_from_stdin(tmp_path: Path) -> None:
    out_file = tmp_path / "out.html"
    code, out, _ = run(["-q", "--explain", "--explain-html", str(out_file), "-"], SEED.read_bytes())
    assert code == 0
    assert out == explain_table(extract(SEED.read_bytes()))
    assert out_file.stat().st_size > 1000


@pytest.mark.parametrize(
    "argv",
    [
        ["--explain", "a.html", "b.html"],
        ["--explain", "fixtures"],
        ["--explain", "crawl.warc.gz"],
        ["--explain", "--jsonl", "-", "a.html"],
        ["--explain-html", "out.html", "--output-dir", "d", "a.html"],
        ["--explain", "--format", "json", "a.html"],
        ["--explain-html"],
    ],
)
def test_cli_explain_usage_errors_exit_2(argv: list[str]) -> None:
    code, out, err = run(argv)
    assert code == 2, err
    assert out == ""
    assert "boilerstrip: error:" in err


def test_cli_explain_failures_exit_1(tmp_path: Path) -> None:
    code, _, err = run(["--explain", str(tmp_path / "missing.html")])
    assert code == 1 and "missing.html" in err
    code, _, err = run(["--explain-html", str(tmp_path / "no" / "dir" / "x.html"), str(SEED)])
    assert code == 1 and "cannot write" in err


# --- in a real browser -----------------------------------------------------------------------


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(data: bytes) -> tuple[int, int, int, bytes]:
    """Width, height, bytes per pixel and the unfiltered pixel rows of an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = bpp = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * bpp
    out = bytearray()
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + prev[i]) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((a + prev[i]) >> 1)) & 0xFF
            elif kind == 4:
                c = prev[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + _paeth(a, prev[i], c)) & 0xFF
        out += line
        prev = line
    return width, height, bpp, bytes(out)


def near(pixel: tuple[int, int, int], color: tuple[int, int, int]) -> bool:
    return all(abs(p - c) <= 24 for p, c in zip(pixel, color, strict=True))


@pytest.mark.skipif(_browser() is None, reason="no chromium on PATH (apt-get install chromium)")
def test_renders_in_headless_chromium_with_green_and_red_outlines(tmp_path: Path) -> None:
    html_file, png = tmp_path / "seed.html", tmp_path / "seed.png"
    code, _, err = run(["-q", "--explain-html", str(html_file), str(SEED)])
    assert code == 0, err
    browser = _browser()
    assert browser is not None
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={png}",
            "--window-size=1200,1200",
            html_file.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert png.is_file(), "chromium wrote no screenshot"
    width, height, bpp, pixels = read_png(png.read_bytes())
    assert (width, height) == (1200, 1200)
    colours: Counter[tuple[int, int, int]] = Counter()
    for i in range(0, len(pixels), bpp * 2):  # every other pixel is plenty
        colours[(pixels[i], pixels[i + 1], pixels[i + 2])] += 1
    green = sum(n for c, n in colours.items() if near(c, (0x1A, 0x7F, 0x37)))
    red = sum(n for c, n in colours.items() if near(c, (0xCF, 0x22, 0x2E)))
    assert green > 300, "no green (kept) outlines in the screenshot"
    assert red > 300, "no red (dropped) outlines in the screenshot"
    assert len(colours) > 50, "the screenshot is nearly blank"
