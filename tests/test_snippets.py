"""The held-out checks (``benchmarks/snippets.py``, ``benchmarks/newspaper_set.py``), on pages
written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.evaldata import iter_pages
from benchmarks.newspaper_set import build
from benchmarks.snippets import Case, Counts, evaluate, read_evaldata, read_snippets, report
from tests.synthetic import PROSE

EVALDATA = """
# a comment, and code that must not run
import os
EVAL_PAGES = {
'https://example.org/a': {
    'file': 'a.html',
    'with': ['The council met on a wet Tuesday', 'Residents packed the small hall'],
    'without': ['Subscribe'],
    'comments': ['ignored'],
},
'https://example.org/missing': {'file': 'gone.html', 'with': ['x'], 'without': []},
}
os.remove('/nonexistent')
"""


def _page(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    body = "".join(f"<p>{p}</p>" for p in PROSE[:4])
    (pages / "a.html").write_text(
        f"<html><body><nav><a href='/s'>Subscribe</a></nav><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    return pages


def test_evaldata_is_read_without_running_it(tmp_path: Path) -> None:
    path = tmp_path / "evaldata.py"
    path.write_text(EVALDATA, encoding="utf-8")
    cases = read_evaldata(path)
    must = ("The council met on a wet Tuesday", "Residents packed the small hall")
    assert cases[0] == Case("a.html", "https://example.org/a", must, ("Subscribe",))
    assert [c.file for c in cases] == ["a.html", "gone.html"]


def test_a_file_without_eval_pages_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evaldata.py"
    path.write_text("PAGES = {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="EVAL_PAGES"):
        read_evaldata(path)


def test_json_snippets_are_keyed_by_file(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"a.html": {"url": "u", "with": ["w"], "without": ["o"]}}))
    assert read_snippets(path) == [Case("a.html", "u", ("w",), ("o",))]


def test_counts_follow_the_snippets() -> None:
    counts = Counts()
    counts.add(Case("f", None, ("kept", "lost"), ("noise", "gone")), "kept text with noise")
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (1, 1, 1, 1)
    assert counts.figures() == (0.5, 0.5, 0.5, 0.5)
    assert Counts().figures() == (0.0, 0.0, 0.0, 0.0)


def test_only_pages_present_are_scored_and_a_crash_is_an_empty_output(tmp_path: Path) -> None:
    pages = _page(tmp_path)
    cases = [
        Case("a.html", None, ("The council met",), ("Subscribe",)),
        Case("gone.html", None, ("x",), ()),
    ]

    def crash(html: bytes, url: str | None, lang: str | None) -> str:
        raise RuntimeError("broken")

    def everything(html: bytes, url: str | None, lang: str | None) -> str:
        return html.decode()

    rows = dict(evaluate(cases, pages, {"crash": crash, "all": everything}, timeout=5))
    assert rows["crash"].pages == 1 and rows["crash"].errors == 1
    assert (rows["crash"].tp, rows["crash"].fn, rows["crash"].tn) == (0, 1, 1)
    assert (rows["all"].tp, rows["all"].fp) == (1, 1)


def test_the_report_scores_boilerstrip(tmp_path: Path) -> None:
    # (main() adds an audit hook that blocks the network for the rest of the process)
    pages = _page(tmp_path)
    path = tmp_path / "evaldata.py"
    path.write_text(EVALDATA, encoding="utf-8")
    out = "\n".join(report(read_evaldata(path), pages, ["boilerstrip-balanced"], timeout=5))
    assert "1 of 2 cases have their page" in out
    # both snippets of the article kept, the menu's word dropped: every figure is 1
    assert "| boilerstrip-balanced | 1 | 1.000 | 1.000 | 1.000 | 1.000 | 0 |" in out


# --- the newspaper4k set (benchmarks/newspaper_set.py) ---------------------------------------


def test_newspaper_test_data_becomes_an_evaluation_set(tmp_path: Path) -> None:
    src = tmp_path / "data"
    for sub in ("html", "txt", "metadata"):
        (src / sub).mkdir(parents=True)
    (src / "html" / "spanish_article.html").write_text("<p>Hola</p>", encoding="utf-8")
    (src / "txt" / "spanish_article.txt").write_text("Hola", encoding="utf-8")
    (src / "metadata" / "spanish_article.json").write_text('{"url": "https://e.es/a"}')
    (src / "html" / "no_truth.html").write_text("<p>x</p>", encoding="utf-8")
    (src / "html" / "plain.html").write_text("<p>Hello</p>", encoding="utf-8")
    (src / "txt" / "plain.txt").write_text("Hello", encoding="utf-8")

    assert build(src, tmp_path / "out") == 2
    pages = list(iter_pages("newspaper4k", root=tmp_path / "out"))
    assert [(p.id, p.url, p.lang) for p in pages] == [
        ("plain", None, "en"),
        ("spanish_article", "https://e.es/a", "es"),
    ]
    assert pages[1].truth() == "Hola" and pages[1].html() == b"<p>Hola</p>"
