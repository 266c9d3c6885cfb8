"""Speed: ``python -m benchmarks.speed`` from the repository root.

Everything is timed in this one process, on the same pages, as a multiple of
``lxml.html.document_fromstring`` on the same bytes (a machine's speed changes from minute to
minute here; a ratio measured side by side does not):

- pages: every page of the ``scrapinghub`` set and the ten largest pages of each other set
  (see :mod:`benchmarks.evaldata`); after a warm-up pass, ``--rounds`` rounds (3), each page's
  best time kept; within a round every function runs on a page before the next page, so the
  noise of a moment falls on all of them alike;
- functions: the lxml parse, the issue's reference (the parse and one Python pass over the
  tree summing each element's text), a floor for block-based extraction in Python (the parse
  and the least walk that cuts blocks: start and end events, text joined, words counted),
  ``extract_text``, ``extract``, ``extract`` followed by every output form the Article has
  (``to_markdown``, ``to_html``, ``to_dict``, as far as they exist), and with ``--peers``
  the peer extractors that are installed (``.[bench]``);
- per function: mean and median ms/page, each as a ratio to the parse (ratio of the means, and
  median of the per-page ratios), pages/s and MB/s of raw HTML;
- ``--scaling``: one article page whose body is repeated 1, 4, 16 and 64 times, and a page
  nested 10,000 deep, timed the same way (best of ``--rounds``);
- ``--memory``: peak RSS of a fresh process that parses the largest dev page with lxml, and of
  one that extracts it, each also less the RSS of the same process before the page is read;
- ``--import-time``: ``import boilerstrip`` in a fresh interpreter less an empty one, best of 7,
  with the bytecode cached (as installed) and compiled from source;
- ``--profile``: the time of each pipeline stage on the same pages (as a ratio to the parse)
  and cProfile's top functions by their own time.

Targets (issue "Speed"): ``extract_text`` mean and median <= 2.5x the parse; the 64x page <=
80x the time of the 1x page; peak RSS <= 1.5x that of the parse; import <= 150 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import functools
import io
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html

import boilerstrip
from benchmarks.evaldata import REPO_ROOT, Page, available_sets, iter_pages
from boilerstrip.pipeline import walk
from boilerstrip.pipeline.segment import BLOCK_TAGS

#: The set timed whole; of the others, the largest pages.
MAIN_SET = "scrapinghub"
LARGEST_PER_SET = 10
SCALES = (1, 4, 16, 64)
NESTING = 10_000

Fn = Callable[[bytes], object]


def choose_pages() -> list[Page]:
    sets = available_sets()
    chosen = list(iter_pages(MAIN_SET)) if MAIN_SET in sets else []
    for name in sets:
        if name != MAIN_SET:
            pages = sorted(iter_pages(name), key=lambda p: p.html_path.stat().st_size)
            chosen += pages[-LARGEST_PER_SET:]
    return chosen


def _all_forms(html: bytes) -> object:
    article = boilerstrip.extract(html)
    for form in ("to_markdown", "to_html", "to_dict"):
        method = getattr(article, form, None)
        if method is not None:
            method()
    return article


def parse_and_one_pass(html: bytes) -> int:
    """The issue's reference: an lxml parse and one Python pass over the tree summing the
    text of each element (a floor for any extractor that reads the tree in Python)."""
    total = 0
    for el in lxml.html.document_fromstring(html).iter():
        text = el.text
        if text:
            total += len(text)
    return total


def parse_and_least_walk(html: bytes) -> int:
    """A floor for any extractor that cuts the page into blocks in Python: an lxml parse, then
    one walk over start and end events (blocks end at a block-level element, so both are
    needed) joining each block's text and counting its words. No attribute is read and
    nothing is decoded, cleaned, scored or filtered."""
    blocks: list[tuple[str, int]] = []
    parts: list[str] = []
    root = lxml.html.document_fromstring(html)
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        if el.tag in BLOCK_TAGS and parts:
            text = " ".join("".join(parts).split())
            parts = []
            if text:
                blocks.append((text, len(text.split())))
        piece = el.text if event == "start" else el.tail
        if piece:
            parts.append(piece)
    return len(blocks)


def _peer(fn: Callable[[bytes, str | None, str | None], str], html: bytes) -> object:
    return fn(html, None, None)


def functions(peers: bool) -> dict[str, Fn]:
    out: dict[str, Fn] = {
        "lxml parse": lxml.html.document_fromstring,
        "lxml parse + one Python pass (reference)": parse_and_one_pass,
        "lxml parse + the least block walk (floor)": parse_and_least_walk,
        "extract_text": boilerstrip.extract_text,
        "extract": boilerstrip.extract,
    }
    forms = [f for f in ("to_markdown", "to_html", "to_dict") if hasattr(boilerstrip.Article, f)]
    if forms:
        out["extract + " + ", ".join(forms)] = _all_forms
    if peers:
        from benchmarks.peers import PEERS, installed_peers

        for name in installed_peers():
            out[name] = functools.partial(_peer, PEERS[name][1])
    return out


def _timed(fn: Fn, html: bytes) -> float:
    start = time.perf_counter()
    with contextlib.suppress(Exception):  # a peer that fails still took the time it took
        fn(html)
    return time.perf_counter() - start


def time_pages(fns: dict[str, Fn], pages: Sequence[bytes], rounds: int) -> dict[str, list[float]]:
    """Per function, each page's best time over ``rounds`` (after one warm-up pass)."""
    for html in pages:
        for fn in fns.values():
            _timed(fn, html)
    best = {name: [float("inf")] * len(pages) for name in fns}
    for _ in range(rounds):
        for i, html in enumerate(pages):
            for name, fn in fns.items():
                best[name][i] = min(best[name][i], _timed(fn, html))
    return best


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    mean_ms: float
    median_ms: float
    mean_ratio: float
    median_ratio: float
    pages_per_s: float
    mb_per_s: float


def summarize(times: dict[str, list[float]], sizes: Sequence[int]) -> list[Row]:
    base = times["lxml parse"]
    total_mb = sum(sizes) / 1e6
    rows = []
    for name, ts in times.items():
        total = sum(ts)
        rows.append(
            Row(
                name,
                1000 * total / len(ts),
                1000 * statistics.median(ts),
                total / sum(base),
                statistics.median(t / b for t, b in zip(ts, base, strict=True)),
                len(ts) / total,
                total_mb / total,
            )
        )
    return rows


def table(rows: Sequence[Row]) -> str:
    lines = [
        "| function | mean ms/page | median ms/page | mean ÷ parse | median ÷ parse | pages/s"
        " | MB/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.name} | {r.mean_ms:.2f} | {r.median_ms:.2f} | {r.mean_ratio:.2f}x"
            f" | {r.median_ratio:.2f}x | {r.pages_per_s:.0f} | {r.mb_per_s:.1f} |"
        )
    return "\n".join(lines)


# --- scaling -----------------------------------------------------------------------------------


def repeated_article(times: int) -> bytes:
    """An article page (written here) whose body is repeated ``times`` times."""
    body = (
        "<nav><ul>"
        + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12))
        + "</ul></nav><article><h1>A harbour reopens after the storm</h1>"
        "<p class='byline'>By A. Writer</p>"
        + "".join(
            f"<p>Paragraph {i} of the story: the harbour master said on Monday that the quay,"
            " damaged by the storm in March, would reopen to fishing boats within weeks, and that"
            " the repairs had cost less than feared.</p>"
            for i in range(8)
        )
        + "</article><aside><h2>You may also like</h2><ul>"
        + "".join(f"<li><a href='/t{i}'>Another story number {i}</a></li>" for i in range(6))
        + "</ul></aside><footer><p>Copyright, all rights reserved.</p></footer>"
    )
    return f"<html><head><title>Harbour</title></head><body>{body * times}</body></html>".encode()


def nested(depth: int) -> bytes:
    text = "A sentence of text at the bottom of a very deep page, with words. " * 4
    return ("<div>" * depth + f"<p>{text}</p>" + "</div>" * depth).encode()


def scaling(rounds: int) -> str:
    cases = [(f"article x{n}", repeated_article(n)) for n in SCALES]
    cases.append((f"nested {NESTING:,} deep", nested(NESTING)))
    fns: dict[str, Fn] = {
        "lxml parse": lxml.html.document_fromstring,
        # No element limit: the whole page goes through every stage, whatever its size.
        "extract_text": functools.partial(boilerstrip.extract_text, max_elements=None),
    }
    times = time_pages(fns, [html for _, html in cases], rounds)
    one = times["extract_text"][0]
    lines = [
        "| page | KB | parse ms | extract_text ms | ÷ parse | ÷ the x1 page |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for i, (name, html) in enumerate(cases):
        p, e = times["lxml parse"][i], times["extract_text"][i]
        lines.append(
            f"| {name} | {len(html) / 1024:.0f} | {1000 * p:.2f} | {1000 * e:.2f} | {e / p:.2f}x"
            f" | {e / one:.1f}x |"
        )
    return "\n".join(lines)


# --- memory and import time (fresh processes) ---------------------------------------------------

# VmHWM, not ru_maxrss: a child started by fork and exec inherits its parent's ru_maxrss.
_RSS_SCRIPT = """
import sys
import lxml.html, boilerstrip
def status(key):
    for line in open('/proc/self/status'):
        if line.startswith(key + ':'):
            return int(line.split()[1]) * 1024
before = status('VmRSS')
data = open(sys.argv[1], 'rb').read()
{work}
print(before, status('VmHWM'))
"""


def _peak_rss(path: Path, work: str) -> tuple[int, int]:
    script = _RSS_SCRIPT.format(work=work)
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[0]), int(out[1])


def memory() -> str:
    pages = [p for name in available_sets() for p in iter_pages(name)]
    largest = max(pages, key=lambda p: p.html_path.stat().st_size).html_path
    parse = _peak_rss(largest, "lxml.html.document_fromstring(data)")
    extract = _peak_rss(largest, "boilerstrip.extract(data)")
    mb = 1024 * 1024
    return (
        f"largest dev page: {largest.stat().st_size / mb:.2f} MB\n\n"
        "| process | peak RSS MB | peak less RSS before reading the page, MB |\n|---|---:|---:|\n"
        f"| lxml parse | {parse[1] / mb:.1f} | {(parse[1] - parse[0]) / mb:.1f} |\n"
        f"| boilerstrip.extract | {extract[1] / mb:.1f} | {(extract[1] - extract[0]) / mb:.1f} |\n"
        f"\nratio of peaks {extract[1] / parse[1]:.2f}x; of the increments"
        f" {(extract[1] - extract[0]) / max(1, parse[1] - parse[0]):.2f}x"
    )


def _interpreter_ms(code: str, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO_ROOT, env=env)
    return 1000 * (time.perf_counter() - start)


def _import_ms(tries: int, env: dict[str, str] | None) -> tuple[float, float]:
    """Best of ``tries``: an interpreter importing boilerstrip, and an empty one, in ms."""
    return (
        min(_interpreter_ms("import boilerstrip", env) for _ in range(tries)),
        min(_interpreter_ms("pass", env) for _ in range(tries)),
    )


def import_time(tries: int = 7) -> str:
    """``import boilerstrip`` as an installed package runs it, its bytecode cached (``pip
    install`` writes it; so does the first import after an editable install), and with
    ``PYTHONDONTWRITEBYTECODE=1``: where the checkout has no ``__pycache__`` (as on the
    machines these figures come from), every module of the package is then compiled from
    source at each import; where it has one, that bytecode is read and the two figures agree.
    The cached run keeps its bytecode in a temporary ``PYTHONPYCACHEPREFIX``, so the checkout
    is left as it was."""
    cold = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    cold.pop("PYTHONPYCACHEPREFIX", None)
    with tempfile.TemporaryDirectory() as cache:
        warm = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        warm["PYTHONPYCACHEPREFIX"] = cache
        _interpreter_ms("import boilerstrip", warm)  # writes the bytecode
        cached = _import_ms(tries, warm)
    compiled = _import_ms(tries, cold)
    return (
        f"`import boilerstrip`, bytecode cached: {cached[0] - cached[1]:.0f} ms (a fresh"
        f" interpreter {cached[0]:.0f} ms, an empty one {cached[1]:.0f} ms); no bytecode written"
        f" (compiled from source where no __pycache__ exists):"
        f" {compiled[0] - compiled[1]:.0f} ms ({compiled[0]:.0f} ms, {compiled[1]:.0f} ms);"
        f" best of {tries} each"
    )


# --- profile -----------------------------------------------------------------------------------


def stage_profile(pages: Sequence[bytes], rounds: int) -> str:
    """The stages of ``extract_text`` timed one by one, each page's best, as ratios to the
    parse. Mirrors ``boilerstrip.api._run`` at ``detail="text"``."""
    from boilerstrip.config import thresholds_for
    from boilerstrip.encoding import binary_kind, decode_html
    from boilerstrip.metadata import find_title
    from boilerstrip.pipeline.classify import classify
    from boilerstrip.pipeline.fallback import headline_only
    from boilerstrip.pipeline.filters import apply_filters
    from boilerstrip.pipeline.page import Page as PipelinePage
    from boilerstrip.pipeline.parse import parse_html
    from boilerstrip.pipeline.walk import (
        clean,
        limit_attributes,
        segment,
        tagged_elements,
        valid_utf8,
    )

    thresholds = thresholds_for("balanced")
    names = (
        "binary check + decode",
        "parse + clean",
        "head metadata (title)",
        "segment",
        "features",
        "classify",
        "filters",
        "join the kept text",
    )
    best = {name: [float("inf")] * len(pages) for name in names}
    parse = [float("inf")] * len(pages)
    for _ in range(rounds):
        for i, html in enumerate(pages):
            parse[i] = min(parse[i], _timed(lxml.html.document_fromstring, html))
            marks = [time.perf_counter()]
            binary_kind(html)
            decoded = decode_html(html, None, check_utf8=valid_utf8)
            marks.append(time.perf_counter())
            text = decoded.utf8 if decoded.utf8 is not None else decoded.text
            root = parse_html(text, [], clean=clean, limit=limit_attributes)
            marks.append(time.perf_counter())
            if root is None:
                continue
            title = find_title(root, tagged=tagged_elements)
            marks.append(time.perf_counter())
            seg = segment(root, keep_elements=False)
            marks.append(time.perf_counter())
            page = PipelinePage.build(seg, thresholds, title)
            marks.append(time.perf_counter())
            page, labels = classify(page)
            marks.append(time.perf_counter())
            labels = headline_only(page, apply_filters(page, labels))
            marks.append(time.perf_counter())
            "\n".join(b.text for b, label in zip(page.blocks, labels, strict=True) if not label)
            marks.append(time.perf_counter())
            for name, a, b in zip(names, marks[:-1], marks[1:], strict=True):
                best[name][i] = min(best[name][i], b - a)
    total_parse = sum(parse)
    lines = ["| stage | ÷ parse |", "|---|---:|"]
    for name in names:
        lines.append(f"| {name} | {sum(best[name]) / total_parse:.2f}x |")
    lines.append(f"| all stages | {sum(sum(v) for v in best.values()) / total_parse:.2f}x |")
    return "\n".join(lines)


def cprofile(pages: Sequence[bytes], top: int = 15) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for html in pages:
        boilerstrip.extract_text(html)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__)
    p.add_argument("--rounds", type=int, default=3, help="timed rounds; each page's best kept")
    p.add_argument("--peers", action="store_true", help="also time the installed peers")
    p.add_argument("--scaling", action="store_true", help="the repeated and nested pages")
    p.add_argument("--memory", action="store_true", help="peak RSS on the largest dev page")
    p.add_argument("--import-time", action="store_true", help="time `import boilerstrip`")
    p.add_argument("--profile", action="store_true", help="stages and cProfile's top functions")
    p.add_argument("--all", action="store_true", help="every part above")
    args = p.parse_args(argv)
    rounds = max(1, args.rounds)
    chosen = choose_pages()
    if not chosen:
        print("no evaluation pages found: see benchmarks/evaldata.py", file=sys.stderr)
        return 2
    pages = [page.html() for page in chosen]
    sizes = [len(html) for html in pages]
    print(
        f"{len(pages)} pages ({MAIN_SET} and the {LARGEST_PER_SET} largest of each other set),"
        f" {sum(sizes) / 1e6:.1f} MB; Python {sys.version.split()[0]}, lxml"
        f" {lxml.etree.__version__}, {os.cpu_count()} CPUs, load average"
        f" {os.getloadavg()[0]:.2f}; best of {rounds} rounds; segment walk:"
        f" {walk.IMPLEMENTATION} ({walk.PURE_ENV}=1 forces the pure-Python one)\n"
    )
    times = time_pages(functions(args.peers or args.all), pages, rounds)
    print(table(summarize(times, sizes)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {peak:.0f} MB")
    if args.scaling or args.all:
        print("\n" + scaling(rounds))
    if args.memory or args.all:
        print("\n" + memory())
    if args.import_time or args.all:
        print("\n" + import_time())
    if args.profile or args.all:
        print("\n" + stage_profile(pages, rounds))
        print("\n```\n" + cprofile(pages).strip() + "\n```")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
