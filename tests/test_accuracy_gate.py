"""The CI accuracy gate, and tests of the benchmark machinery it stands on.

The gate runs ``boilerstrip.extract_text`` (balanced) on every page of every evaluation set
and fails when a set's mean token F1 falls more than ``TOLERANCE`` below its floor pinned in
``benchmarks/floors.json``; a set whose index names page kinds has a floor per kind too
(``magic_html/forum``), so that a loss on one kind cannot hide in the set's mean. It is
skipped when the evaluation data are absent (see :mod:`benchmarks.evaldata` for where they
are looked for). Pages are spread over a pool of
``BOILERSTRIP_GATE_JOBS`` worker processes (2 by default, CI's core count).

The other tests use a stub extractor and a small made-up data tree, so they need neither the
data nor a working extractor.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import types
from collections.abc import Mapping
from pathlib import Path

import pytest

from benchmarks import accuracy, peers
from benchmarks.evaldata import (
    ENV_VAR,
    KIND_FIELD,
    KNOWN_SETS,
    REPO_ROOT,
    article_truth,
    available_sets,
    census,
    evaldata_root,
    iter_pages,
    subset_name,
)
from benchmarks.metric import score

FLOORS_PATH = REPO_ROOT / "benchmarks" / "floors.json"
TOLERANCE = 0.005
FLOORS: dict[str, float] = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
ROOT = evaldata_root()
PRESENT = available_sets(ROOT)


def _gate_jobs() -> int:
    return max(1, int(os.environ.get("BOILERSTRIP_GATE_JOBS", "2")))


@pytest.fixture(scope="module")
def gate_summaries() -> dict[str, accuracy.Summary]:
    if not PRESENT:
        pytest.skip(f"no evaluation data at {ROOT} (set {ENV_VAR} to where it is)")
    pages = [page for s in PRESENT if s in FLOORS for page in iter_pages(s, ROOT)]
    extractors = {"boilerstrip-balanced": accuracy.boilerstrip_extractor("balanced")}
    results = list(accuracy.evaluate_pages(pages, extractors, jobs=_gate_jobs()))
    return {s.name: s for s in accuracy.summarize(results)}


def _gated(name: str) -> str:
    """The set a floor's name belongs to (``magic_html`` for ``magic_html/forum``)."""
    return name.split("/", 1)[0]


@pytest.mark.parametrize("set_name", list(FLOORS))
def test_mean_f1_not_below_floor(
    gate_summaries: dict[str, accuracy.Summary], set_name: str
) -> None:
    if set_name not in gate_summaries:
        pytest.skip(f"set {set_name} is not present under {ROOT}")
    s = gate_summaries[set_name]
    floor = FLOORS[set_name]
    assert s.f1 >= floor - TOLERANCE, (
        f"{set_name}: mean F1 {s.f1:.4f} is more than {TOLERANCE} below its floor {floor:.4f} "
        f"({s.pages} pages, {s.errors} errors, {s.empty} empty predictions)"
    )


def floors_missing(floors: Mapping[str, float], root: Path) -> list[str]:
    """The sets present under ``root``, and the page kinds of each, that have no floor."""
    wanted = [
        subset_name(s, kind)
        for s in available_sets(root)
        for kind in (None, *(k for k, _ in census(s, root).kinds))
    ]
    return [name for name in wanted if name not in floors]


def test_every_present_set_has_a_floor() -> None:
    missing = floors_missing(FLOORS, ROOT)
    assert not missing, f"no floor in {FLOORS_PATH.name} for: {', '.join(missing)}"


def test_floors_file() -> None:
    assert set(FLOORS) >= set(KNOWN_SETS)
    assert all(isinstance(v, float | int) and 0.0 <= v <= 1.0 for v in FLOORS.values())
    assert all(_gated(name) in FLOORS for name in FLOORS)  # a kind's set has a floor too


# --- a made-up data tree and a stub extractor ---------------------------------------------

_P = "<p>{}</p>"
_Row = tuple[str, str | None, str | None, list[str], list[str]]  # id, url, lang, boiler, content
_PAGES: dict[str, list[_Row]] = {
    "scrapinghub": [
        ("a1", "https://example.org/a1", "en", ["Menu Home About"], ["First story body text."]),
        ("b2", None, "ja", ["ナビ"], ["東京の話です。", "二段落目。"]),
        ("c3", "https://example.org/c3", "de", [], ["Eine kurze Geschichte über nichts."]),
    ],
    "dragnet": [
        ("10", None, "en", ["Share this"], ["Blog post words here.", "More words follow."]),
        ("11", None, "en", [], ["Held out page."]),
        ("12", None, None, ["Login"], ["Another post."]),
    ],
    "magic_html": [
        ("f1", "https://example.org/t/1", "en", ["Menu"], ["How do I?", "Like this.", "Thanks!"]),
        ("a7", "https://example.org/a7", "en", ["Tags"], ["An article's one paragraph."]),
        ("f2", None, "zh", [], ["问题。", "回答。"]),
        ("n9", None, "en", [], ["A page whose row names no kind."]),
    ],
}
#: the page kinds (index field KIND_FIELD) of the made-up pages that have one
_KINDS = {"f1": "forum", "a7": "article", "f2": "forum"}


def _html(boiler: list[str], content: list[str]) -> bytes:
    nav = "".join(f"<li>{b}</li>" for b in boiler)
    body = "".join(_P.format(c) for c in content)
    return f"<html><body><ul>{nav}</ul><div>{body}</div></body></html>".encode()


@pytest.fixture
def data_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for set_name, rows in _PAGES.items():
        pages = tmp_path / set_name / "pages"
        pages.mkdir(parents=True)
        index = []
        for page_id, url, lang, boiler, content in rows:
            row: dict[str, object] = {"id": page_id, "url": url, "lang": lang}
            if set_name == "dragnet":
                row["split"] = "test" if page_id == "11" else "train"
            if page_id in _KINDS:
                row[KIND_FIELD] = _KINDS[page_id]
            index.append(json.dumps(row))
            (pages / f"{page_id}.html").write_bytes(_html(boiler, content))
            (pages / f"{page_id}.txt").write_text("\n".join(content) + "\n", encoding="utf-8")
        index.append(json.dumps({"id": "gone", "url": None, "lang": "en"}))  # no files
        (tmp_path / set_name / "index.jsonl").write_text("\n".join(index) + "\n")
    (tmp_path / "notaset").mkdir()
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    return tmp_path


def stub_extract(html: bytes, url: str | None, lang: str | None) -> str:
    """Keeps the <p> texts, plus the boilerplate of page a1 (so that it loses precision)."""
    text = html.decode()
    paragraphs = [part.split("</p>")[0] for part in text.split("<p>")[1:]]
    if "Menu" in text:
        paragraphs.insert(0, "Menu Home About")
    return "\n".join(paragraphs)


def crashing_extract(html: bytes, url: str | None, lang: str | None) -> str:
    raise ValueError("broken page")


def _fake_boilerstrip() -> types.ModuleType:
    module = types.ModuleType("boilerstrip")

    def extract_text(html: bytes, url: str | None = None, *, mode: str = "balanced") -> str:
        text = stub_extract(html, url, None)
        return text.splitlines()[0] if mode == "precision" and text else text

    module.extract_text = extract_text  # type: ignore[attr-defined]
    return module


# --- evaldata ------------------------------------------------------------------------------


def test_root_from_env(data_root: Path) -> None:
    assert evaldata_root() == data_root


def test_default_root_is_beside_the_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert evaldata_root() == REPO_ROOT.parent / "shared" / "evaldata"


def test_sets_pages_and_census(data_root: Path) -> None:
    assert available_sets() == ["scrapinghub", "dragnet", "magic_html"]  # KNOWN_SETS order
    assert available_sets(data_root / "absent") == []
    assert [p.id for p in iter_pages("scrapinghub")] == ["a1", "b2", "c3"]
    assert [p.id for p in iter_pages("dragnet")] == ["10", "12"]  # train split only
    assert [p.id for p in iter_pages("scrapinghub", limit=2)] == ["a1", "b2"]
    page = next(iter_pages("scrapinghub"))
    assert (page.url, page.lang, page.set) == ("https://example.org/a1", "en", "scrapinghub")
    assert page.truth() == "First story body text.\n"
    assert page.html().startswith(b"<html>")
    c = census("dragnet")
    assert (c.listed, c.other_split, c.missing, c.usable) == (4, 1, 1, 2)
    assert c.kinds == ()


def test_page_kinds(data_root: Path) -> None:
    assert [(p.id, p.kind) for p in iter_pages("magic_html")] == [
        ("f1", "forum"), ("a7", "article"), ("f2", "forum"), ("n9", None)
    ]  # fmt: skip
    assert all(p.kind is None for p in iter_pages("scrapinghub"))
    c = census("magic_html")
    assert (c.usable, c.kinds) == (4, (("article", 1), ("forum", 2)))  # the file-less row: none
    assert subset_name("magic_html", "forum") == "magic_html/forum"
    assert subset_name("magic_html", None) == "magic_html"


def test_a_floor_per_present_set_and_kind(data_root: Path) -> None:
    floors = dict.fromkeys(["scrapinghub", "dragnet", "magic_html", "magic_html/article"], 0.5)
    assert floors_missing(floors, data_root) == ["magic_html/forum"]
    assert floors_missing({**floors, "magic_html/forum": 0.5}, data_root) == []
    assert floors_missing({}, data_root / "absent") == []


@pytest.mark.parametrize(
    "separator",
    ["!@#$%^&*()  COMMENTS", "!@#$%^&*() COMMENTS", "!@#$%^&*()", "!@#$%^&*()  CORRECTED"],
)
def test_truth_stops_at_a_comments_separator(separator: str) -> None:
    text = f"Headline\n\nBody text.\n\n{separator}\n\nA reader's comment.\n"
    assert article_truth(text) == "Headline\n\nBody text."


def test_truth_without_a_separator_line_is_unchanged() -> None:
    for text in ("Body text.\n", "A price of !@#$% in a sentence.\n", ""):
        assert article_truth(text) == text


# --- guarded runs --------------------------------------------------------------------------


def test_crash_scores_empty_with_error() -> None:
    out = accuracy.run_guarded(crashing_extract, b"<p>x</p>", None, None)
    assert out.text == ""
    assert out.error == "ValueError: broken page"


def test_timeout_scores_empty_with_error() -> None:
    def slow(html: bytes, url: str | None, lang: str | None) -> str:
        time.sleep(5)
        return "too late"

    start = time.perf_counter()
    out = accuracy.run_guarded(slow, b"", None, None, timeout=0.2)
    assert time.perf_counter() - start < 2
    assert (out.text, out.error) == ("", "timeout after 0.2 s")


def test_swallowed_timeout_still_counts() -> None:
    def stubborn(html: bytes, url: str | None, lang: str | None) -> str:
        with contextlib.suppress(BaseException):  # an extractor that swallows everything
            time.sleep(5)
        return "late anyway"

    out = accuracy.run_guarded(stubborn, b"", None, None, timeout=0.2)
    assert (out.text, out.error) == ("", "timeout after 0.2 s")


def test_timer_is_cleared_after_a_run() -> None:
    accuracy.run_guarded(stub_extract, b"<p>x</p>", None, None, timeout=0.2)
    time.sleep(0.4)  # an alarm left armed would raise here


# --- scoring and reports -------------------------------------------------------------------


def test_evaluate_pages_scores_each_extractor(data_root: Path) -> None:
    pages = list(iter_pages("scrapinghub"))
    fns = {"stub": stub_extract, "crash": crashing_extract}
    results = list(accuracy.evaluate_pages(pages, fns, warm=False))
    assert [(r.id, r.extractor) for r in results] == [
        (p.id, name) for p in pages for name in ("stub", "crash")
    ]
    a1 = results[0]
    expected = score("Menu Home About\nFirst story body text.", pages[0].truth())
    assert (a1.precision, a1.recall, a1.f1) == (expected.precision, expected.recall, expected.f1)
    assert a1.shingles is not None  # scrapinghub pages get the shingle counts
    assert all(r.f1 == 1.0 for r in results[2:] if r.extractor == "stub")
    crashed = [r for r in results if r.extractor == "crash"]
    assert all(r.error and r.empty_pred and r.f1 == 0.0 for r in crashed)

    summaries = accuracy.summarize(results)
    stub = next(s for s in summaries if s.extractor == "stub")
    assert stub.pages == 3 and stub.errors == 0 and stub.empty == 0
    assert stub.f1 == pytest.approx((a1.f1 + 2) / 3)
    assert stub.median_f1 == 1.0
    assert stub.shingles is not None and 0 < stub.shingles.f1 < 1
    crash = next(s for s in summaries if s.extractor == "crash")
    assert (crash.errors, crash.empty, crash.f1) == (3, 3, 0.0)


def test_summaries_per_kind(data_root: Path) -> None:
    """A set with page kinds gets a row per kind after its whole-set rows; a page counts in
    its set's row and in its kind's; a page with no kind only in its set's."""
    pages = [p for s in available_sets() for p in iter_pages(s)]
    fns = {"stub": stub_extract, "crash": crashing_extract}
    results = list(accuracy.evaluate_pages(pages, fns, warm=False))
    assert [(r.id, r.kind) for r in results if r.extractor == "stub" and r.set == "magic_html"] == [
        ("f1", "forum"), ("a7", "article"), ("f2", "forum"), ("n9", None)
    ]  # fmt: skip
    summaries = accuracy.summarize(results)
    assert [(s.name, s.extractor) for s in summaries] == [
        (name, extractor)
        for name in (
            "scrapinghub", "dragnet", "magic_html", "magic_html/article", "magic_html/forum"
        )
        for extractor in ("stub", "crash")
    ]  # fmt: skip
    rows = {(s.name, s.extractor): s for s in summaries}
    f1 = {r.id: r.f1 for r in results if r.extractor == "stub" and r.set == "magic_html"}
    assert f1["f1"] < 1.0 and f1["a7"] == f1["f2"] == f1["n9"] == 1.0  # "Menu" kept on f1
    forum, article = rows[("magic_html/forum", "stub")], rows[("magic_html/article", "stub")]
    assert (forum.set, forum.kind, forum.pages) == ("magic_html", "forum", 2)
    assert forum.f1 == pytest.approx((f1["f1"] + 1.0) / 2)
    assert forum.precision < 1.0 and forum.recall == 1.0
    assert (article.pages, article.f1) == (1, 1.0)
    whole = rows[("magic_html", "stub")]
    assert (whole.kind, whole.pages) == (None, 4)
    assert whole.f1 == pytest.approx((f1["f1"] + 3.0) / 4)
    assert rows[("magic_html/forum", "crash")].errors == 2
    table = accuracy.format_table(summaries)
    assert "magic_html/forum" in table and "magic_html/article" in table


def test_pool_gives_the_same_results(data_root: Path) -> None:
    pages = [p for s in available_sets() for p in iter_pages(s)]
    fns = {"stub": stub_extract}
    one = [(r.set, r.id, r.f1) for r in accuracy.evaluate_pages(pages, fns, warm=False)]
    two = [(r.set, r.id, r.f1) for r in accuracy.evaluate_pages(pages, fns, jobs=2)]
    assert one == two


def test_line_diff() -> None:
    kept, dropped = accuracy.line_diff(
        "Menu  Home\nThe first paragraph.\nSecond one", "The first paragraph. Second one\nEnd."
    )
    assert kept == ["Menu Home"]
    assert dropped == ["End."]


def test_cli_with_stub_boilerstrip(
    data_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, "boilerstrip", _fake_boilerstrip())
    out = tmp_path / "results"
    argv = ["--mode", "all", "--out", str(out), "--worst", "4", "--markdown"]
    assert accuracy.main(argv, block_network=False) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("| set | pages | extractor | P | R | F1 | median F1 |")
    assert "| scrapinghub | 3 | boilerstrip-precision |" in printed
    assert "| dragnet | 2 | boilerstrip-recall |" in printed
    assert "| magic_html | 4 | boilerstrip-balanced |" in printed
    assert "| magic_html/forum | 2 | boilerstrip-balanced |" in printed
    assert "| magic_html/article | 1 | boilerstrip-recall |" in printed
    assert "magic_html/f1 (forum)  F1 " in printed  # the worst pages say the kind
    assert "scrapinghub scorer" in printed
    assert "pages losing most F1 for boilerstrip-balanced" in printed
    assert "+ Menu Home About" in printed  # wrongly kept
    assert "- More words follow." in printed  # wrongly dropped in precision mode
    assert "dragnet/10" not in printed.split("for boilerstrip-precision")[0]  # F1 1: unlisted
    files = sorted(p.name for p in out.iterdir())
    assert "boilerstrip-balanced.scrapinghub.jsonl" in files and "summary.md" in files
    lines = (out / "boilerstrip-balanced.dragnet.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["id"] for r in rows] == ["10", "12"]
    assert list(rows[0]) == ["set", "id", "extractor", "P", "R", "F1", "ms", "error"]
    assert rows[0]["F1"] == 1.0 and rows[0]["error"] is None
    lines = (out / "boilerstrip-balanced.magic_html.jsonl").read_text().splitlines()
    kinds = [json.loads(line).get("kind") for line in lines]  # sorted by id: a7 f1 f2 n9
    assert kinds == ["article", "forum", "forum", None]
    assert list(json.loads(lines[0]))[:3] == ["set", "id", "kind"]

    # a second run writes the same lines but for the timings
    assert accuracy.main(argv, block_network=False) == 0
    again = (out / "boilerstrip-balanced.dragnet.jsonl").read_text().splitlines()
    assert [{**json.loads(x), "ms": 0} for x in again] == [{**r, "ms": 0} for r in rows]


def test_cli_refuses_unknown_sets(data_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--sets", "nope", "--extractors", "trafilatura"]
    assert accuracy.main(argv, block_network=False) == 2
    assert "not present" in capsys.readouterr().err


# --- peers ---------------------------------------------------------------------------------


def test_justext_language_map_names_real_stoplists() -> None:
    justext = pytest.importorskip("justext")
    assert set(peers.JUSTEXT_LANGS.values()) <= set(justext.get_stoplists())


def test_installed_peers_run_offline(data_root: Path, tmp_path: Path) -> None:
    """Every installed peer extracts the made-up pages without an error, in a subprocess
    whose network access is blocked as in a real benchmark run."""
    installed = peers.installed_peers()
    if not installed:
        pytest.skip("no peer extractor installed (pip install -e '.[bench]')")
    out = tmp_path / "peers"
    cmd = [sys.executable, "-m", "benchmarks.accuracy", "--out", str(out)]
    cmd += ["--extractors", ",".join(installed), "--timeout", "60"]
    env = {**os.environ, ENV_VAR: str(data_root)}
    proc = subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    for name in installed:
        rows = [json.loads(x) for x in (out / f"{name}.scrapinghub.jsonl").read_text().split("\n")
                if x]  # fmt: skip
        assert [r["error"] for r in rows] == [None] * len(rows), name


def test_the_titled_row_is_the_title_line_then_the_text() -> None:
    page = (
        b"<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>"
        + b"<p>The council said on Monday that the bridge would reopen in May, after repairs.</p>"
        * 4
        + b"</article></body></html>"
    )
    text = accuracy.resolve(accuracy.TITLED)(page, None, None)
    plain = accuracy.resolve("boilerstrip-balanced")(page, None, None)
    assert plain and "Bridge reopens" not in plain
    assert text == "Bridge reopens\n" + plain


def test_means_per_set_and_per_kind_to_four_places() -> None:
    from benchmarks.means import means

    rows: list[dict[str, object]] = [
        {"set": "a", "id": "1", "extractor": "x", "P": 1.0, "R": 0.5, "F1": 0.6, "ms": 1.0},
        {"set": "a", "id": "2", "extractor": "x", "P": 0.5, "R": 0.5, "F1": 0.5, "ms": 1.0,
         "error": None, "kind": "forum"},
        {"set": "a", "id": "1", "extractor": "y", "P": 0.0, "R": 0.0, "F1": 0.0, "ms": 1.0},
    ]  # fmt: skip
    table = {(s.extractor, s.name): (s.pages, s.precision, s.recall, s.f1) for s in means(rows)}
    assert table[("x", "a")] == (2, 0.75, 0.5, 0.55)
    assert table[("x", "a/forum")] == (1, 0.5, 0.5, 0.5)
    assert table[("y", "a")] == (1, 0.0, 0.0, 0.0)
    assert ("y", "a/forum") not in table
