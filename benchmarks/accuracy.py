"""Accuracy benchmark: ``python -m benchmarks.accuracy [options]`` from the repository root.

Runs boilerstrip (and, on request, peer extractors) on every page of the evaluation sets
(see :mod:`benchmarks.evaldata`), scores each page with the token P/R/F1 of
:mod:`benchmarks.metric` (plus the scrapinghub scorer's shingle figure on that set), prints
a summary table (one row per set and extractor, plus one per page kind of a set whose index
names kinds, e.g. ``magic_html/article`` and ``magic_html/forum``) and writes per-page
results as JSONL, one file per extractor and set, to
``--out`` (``benchmarks/results/`` by default, git-ignored), sorted so that two runs diff.

Each extraction is limited to ``--timeout`` seconds (20 by default, POSIX interval timer);
a crash or a timeout scores as an empty prediction and counts as an error. Network access
is blocked in this process (and its workers): a peer that tries it fails as an error.

Examples::

    python -m benchmarks.accuracy                          # boilerstrip balanced, all sets
    python -m benchmarks.accuracy --mode all --worst 10    # three modes, the 10 worst pages
    python -m benchmarks.accuracy --peers --markdown       # with every installed peer
    python -m benchmarks.accuracy --sets scrapinghub --extractors trafilatura --limit 20
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import logging
import multiprocessing
import signal
import statistics
import sys
import threading
import time
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Literal

from benchmarks import peers
from benchmarks.evaldata import (
    KIND_FIELD,
    REPO_ROOT,
    Page,
    available_sets,
    census,
    evaldata_root,
    iter_pages,
    subset_name,
)
from benchmarks.metric import (
    ShingleCounts,
    ShingleSummary,
    score_tokens,
    shingle_counts,
    shingle_summary,
    tokenize,
)

ExtractFn = peers.PeerFn
DEFAULT_TIMEOUT = 20.0
DEFAULT_OUT = REPO_ROOT / "benchmarks" / "results"
Mode = Literal["precision", "balanced", "recall"]
MODES: tuple[Mode, ...] = ("precision", "balanced", "recall")
BOILERSTRIP = "boilerstrip"
#: the set whose rows also get the scrapinghub scorer's shingle figure
SHINGLE_SET = "scrapinghub"
_WARMUP_HTML = b"<html><head><title>t</title></head><body><p>Warm up.</p></body></html>"


# --- running one extraction, guarded -------------------------------------------------------


class ExtractionTimeout(BaseException):
    """Raised by the interval timer. A ``BaseException`` so that the ``except Exception``
    blocks inside extractors do not swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`ExtractionTimeout` in the block after ``seconds`` (and every second
    after that, should the extractor swallow it). A no-op off POSIX or off the main
    thread."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise ExtractionTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True, slots=True)
class Outcome:
    text: str
    ms: float
    error: str | None


def run_guarded(
    fn: ExtractFn,
    html: bytes,
    url: str | None,
    lang: str | None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Outcome:
    """Run one extraction; a crash or a timeout gives an empty text and an error."""
    error: str | None = None
    text = ""
    sink = io.StringIO()  # what extractors print is noise here
    start = time.perf_counter()
    try:
        with (
            warnings.catch_warnings(),
            contextlib.redirect_stdout(sink),
            contextlib.redirect_stderr(sink),
            time_limit(timeout),
        ):
            warnings.simplefilter("ignore")
            result = fn(html, url, lang)
        text = result if isinstance(result, str) else ("" if result is None else str(result))
    except ExtractionTimeout:
        error = f"timeout after {timeout:g} s"
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    ms = (time.perf_counter() - start) * 1000.0
    if error is None and timeout > 0 and ms > timeout * 1000.0:
        error = f"timeout after {timeout:g} s"  # the timer could not interrupt it
    if error is not None:
        text = ""
        error = " ".join(error.split())[:300]
    return Outcome(text, ms, error)


# --- the extractors ------------------------------------------------------------------------


def _boilerstrip(mode: Mode, html: bytes, url: str | None, lang: str | None) -> str:
    import boilerstrip

    return str(boilerstrip.extract_text(html, url, mode=mode))


def boilerstrip_extractor(mode: Mode = "balanced") -> ExtractFn:
    return functools.partial(_boilerstrip, mode)


#: A row that is not the product: the title line, then the text (balanced). It measures how
#: much of a set's score is its truth's headline convention (l3s_gn1, dragnet and the utomo
#: sets count the headline; ``Article.text`` leaves it out by definition, it is the title).
TITLED = f"{BOILERSTRIP}-titled"


def _boilerstrip_titled(html: bytes, url: str | None, lang: str | None) -> str:
    import boilerstrip

    art = boilerstrip.extract(html, url)
    return f"{art.title}\n{art.text}" if art.title and art.text else str(art.text)


def boilerstrip_available() -> str | None:
    """``None`` when ``boilerstrip.extract_text`` can be called, else why not."""
    try:
        import boilerstrip
    except Exception as exc:
        return f"cannot import boilerstrip: {type(exc).__name__}: {exc}"
    if not callable(getattr(boilerstrip, "extract_text", None)):
        return "boilerstrip has no extract_text yet"
    return None


def row_name(mode: Mode) -> str:
    return f"{BOILERSTRIP}-{mode}"


_ROW_MODES: dict[str, Mode] = {row_name(m): m for m in MODES}


def resolve(name: str) -> ExtractFn:
    """The extraction function of a row name (``boilerstrip-<mode>`` or a peer row)."""
    if name in _ROW_MODES:
        return boilerstrip_extractor(_ROW_MODES[name])
    if name == TITLED:
        return _boilerstrip_titled
    return peers.PEERS[name][1]


def forbid_network() -> None:
    """Block DNS look-ups and non-local socket connections in this process (and in the
    processes it forks), so that no extractor quietly reaches out."""

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex"):
            raise OSError(f"network access is blocked in the benchmark ({event} {args[0]!r})")
        if event in ("socket.connect", "socket.connect_ex") and isinstance(args[1], tuple):
            raise OSError(f"network access is blocked in the benchmark (connect {args[1]!r})")

    sys.addaudithook(hook)


# --- scoring pages -------------------------------------------------------------------------


@dataclass(slots=True)
class PageResult:
    set: str
    id: str
    extractor: str
    precision: float
    recall: float
    f1: float
    ms: float
    error: str | None
    empty_pred: bool
    """The prediction has no token (whatever the truth)."""
    empty_gold: bool
    kind: str | None = None
    """The page's kind, where its set names one (see :mod:`benchmarks.evaldata`)."""
    shingles: ShingleCounts | None = None
    text: str | None = field(default=None, repr=False)
    """The prediction, kept only when asked for (``--worst``)."""

    def json_line(self) -> str:
        kind = {} if self.kind is None else {"kind": self.kind}
        return json.dumps(
            {
                "set": self.set,
                "id": self.id,
                **kind,
                "extractor": self.extractor,
                "P": round(self.precision, 6),
                "R": round(self.recall, 6),
                "F1": round(self.f1, 6),
                "ms": round(self.ms, 1),
                "error": self.error,
            },
            ensure_ascii=False,
        )


def score_page(
    page: Page,
    extractors: Mapping[str, ExtractFn],
    timeout: float = DEFAULT_TIMEOUT,
    keep_text: Iterable[str] = (),
) -> list[PageResult]:
    """Run every extractor on one page and score each prediction."""
    html = page.html()
    gold = page.truth()
    gold_tokens = Counter(tokenize(gold))
    keep = set(keep_text)
    results = []
    for name, fn in extractors.items():
        out = run_guarded(fn, html, page.url, page.lang, timeout)
        pred_tokens = Counter(tokenize(out.text))
        s = score_tokens(pred_tokens, gold_tokens)
        results.append(
            PageResult(
                set=page.set,
                id=page.id,
                extractor=name,
                precision=s.precision,
                recall=s.recall,
                f1=s.f1,
                ms=out.ms,
                error=out.error,
                empty_pred=not pred_tokens,
                empty_gold=not gold_tokens,
                kind=page.kind,
                shingles=shingle_counts(out.text, gold) if page.set == SHINGLE_SET else None,
                text=out.text if name in keep else None,
            )
        )
    return results


def warm_up(extractors: Mapping[str, ExtractFn]) -> None:
    """Import and initialise each extractor once so that no page pays for it."""
    for fn in extractors.values():
        run_guarded(fn, _WARMUP_HTML, None, "en", DEFAULT_TIMEOUT)


_worker_state: dict[str, Any] = {}


def _worker_init(extractors: Mapping[str, ExtractFn], timeout: float, keep: frozenset[str]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles ^C
    _worker_state.update(extractors=extractors, timeout=timeout, keep=keep)
    warm_up(extractors)


def _worker_score(page: Page) -> list[PageResult]:
    return score_page(
        page, _worker_state["extractors"], _worker_state["timeout"], _worker_state["keep"]
    )


def evaluate_pages(
    pages: Iterable[Page],
    extractors: Mapping[str, ExtractFn],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    jobs: int = 1,
    keep_text: Iterable[str] = (),
    warm: bool = True,
) -> Iterator[PageResult]:
    """Score every page with every extractor, in page order. With ``jobs > 1`` the pages
    are spread over a pool of forked worker processes (the extractors must then be
    picklable or inherited, which module-level functions and partials are)."""
    keep = frozenset(keep_text)
    if jobs <= 1:
        if warm:
            warm_up(extractors)
        for page in pages:
            yield from score_page(page, extractors, timeout, keep)
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ctx.Pool(jobs, initializer=_worker_init, initargs=(extractors, timeout, keep)) as pool:
        for results in pool.imap(_worker_score, pages, chunksize=4):
            yield from results


# --- summaries -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Summary:
    set: str
    kind: str | None
    """``None`` for the whole set, else the summary covers the set's pages of this kind."""
    extractor: str
    pages: int
    precision: float
    recall: float
    f1: float
    median_f1: float
    errors: int
    empty: int
    """Pages whose prediction is empty while their truth is not."""
    ms: float
    """Mean milliseconds per page."""
    shingles: ShingleSummary | None

    @property
    def name(self) -> str:
        """The row's set name: ``<set>`` or ``<set>/<kind>``."""
        return subset_name(self.set, self.kind)


_GroupKey = tuple[str, str | None, str]
"""(set, kind or ``None`` for the whole set, extractor)"""


def _group(results: Iterable[PageResult]) -> dict[_GroupKey, list[PageResult]]:
    """The pages of each summary row: each page counts in its set's row and, where it has a
    kind, in its kind's row. Rows come set by set (in the order the sets first appear), the
    whole set first, then its kinds by name; extractors in the order they first appear."""
    groups: dict[_GroupKey, list[PageResult]] = {}
    for r in results:
        groups.setdefault((r.set, None, r.extractor), []).append(r)
        if r.kind is not None:
            groups.setdefault((r.set, r.kind, r.extractor), []).append(r)
    set_rank = {s: i for i, s in enumerate(dict.fromkeys(k[0] for k in groups))}
    extractor_rank = {e: i for i, e in enumerate(dict.fromkeys(k[2] for k in groups))}

    def order(key: _GroupKey) -> tuple[int, bool, str, int]:
        set_name, kind, extractor = key
        return set_rank[set_name], kind is not None, kind or "", extractor_rank[extractor]

    return {key: groups[key] for key in sorted(groups, key=order)}


def summarize(results: Sequence[PageResult]) -> list[Summary]:
    """One summary per set and extractor, and one per page kind of a set and extractor
    (see :func:`_group` for the order)."""
    out = []
    for (set_name, kind, extractor), rows in _group(results).items():
        counts = [r.shingles for r in rows if r.shingles is not None]
        out.append(
            Summary(
                set=set_name,
                kind=kind,
                extractor=extractor,
                pages=len(rows),
                precision=statistics.fmean(r.precision for r in rows),
                recall=statistics.fmean(r.recall for r in rows),
                f1=statistics.fmean(r.f1 for r in rows),
                median_f1=statistics.median(r.f1 for r in rows),
                errors=sum(r.error is not None for r in rows),
                empty=sum(r.empty_pred and not r.empty_gold for r in rows),
                ms=statistics.fmean(r.ms for r in rows),
                shingles=shingle_summary(counts) if len(counts) == len(rows) else None,
            )
        )
    return out


_HEADERS = (
    "set", "pages", "extractor", "P", "R", "F1", "median F1", "errors", "empty", "ms/page",
    "SH shingle F1",
)  # fmt: skip


def _cells(s: Summary) -> list[str]:
    return [
        s.name,
        str(s.pages),
        s.extractor,
        f"{s.precision:.3f}",
        f"{s.recall:.3f}",
        f"{s.f1:.3f}",
        f"{s.median_f1:.3f}",
        str(s.errors),
        str(s.empty),
        f"{s.ms:.1f}",
        f"{s.shingles.f1:.3f}" if s.shingles else "",
    ]


def format_table(summaries: Sequence[Summary], markdown: bool = False) -> str:
    rows = [_cells(s) for s in summaries]
    numeric = [i for i, h in enumerate(_HEADERS) if h not in ("set", "extractor")]
    if markdown:
        align = ["---:" if i in numeric else "---" for i in range(len(_HEADERS))]
        lines = ["| " + " | ".join(_HEADERS) + " |", "|" + "|".join(align) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
    else:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(_HEADERS)]

        def fmt(cells: Sequence[str]) -> str:
            return "  ".join(
                c.rjust(w) if i in numeric else c.ljust(w)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()

        lines = [fmt(_HEADERS), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]
    notes = [
        f"{s.extractor} on {s.name}, scrapinghub scorer: P {s.shingles.precision:.3f}, "
        f"R {s.shingles.recall:.3f}, F1 {s.shingles.f1:.3f}, accuracy {s.shingles.accuracy:.3f}"
        for s in summaries
        if s.shingles
    ]
    legend = (
        "P, R, F1, median F1: per-page token scores (lower-cased \\w+ runs, one token per CJK "
        "character, multisets) averaged over pages; errors: crashes and timeouts (scored "
        "empty); empty: pages with an empty prediction and a non-empty truth; SH shingle "
        "F1: the scrapinghub evaluate.py figure (4-token shingles, F1 of mean P and mean R); "
        "<set>/<kind>: the set's pages of one kind (its index's "
        f"{KIND_FIELD}), also counted in the whole set's row."
    )
    if markdown:
        return "\n".join([*lines, "", legend, *(f"- {n}" for n in notes)])
    return "\n".join([*lines, "", *notes])


# --- the worst pages -----------------------------------------------------------------------


def _token_lines(text: str) -> list[tuple[str, str]]:
    """(display line, its tokens joined by spaces) for each line that has tokens."""
    out = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        tokens = tokenize(line)
        if tokens:
            out.append((line, " ".join(tokens)))
    return out


def line_diff(pred: str, gold: str) -> tuple[list[str], list[str]]:
    """Prediction lines whose tokens do not occur, in order, in the truth (wrongly kept),
    and truth lines whose tokens do not occur in the prediction (wrongly dropped)."""
    pred_lines = _token_lines(pred)
    gold_lines = _token_lines(gold)
    pred_stream = " " + " ".join(t for _, t in pred_lines) + " "
    gold_stream = " " + " ".join(t for _, t in gold_lines) + " "
    kept = [line for line, t in pred_lines if f" {t} " not in gold_stream]
    dropped = [line for line, t in gold_lines if f" {t} " not in pred_stream]
    return kept, dropped


def _clip(line: str, width: int) -> str:
    return line if len(line) <= width else line[: width - 1] + "…"


def _listing(title: str, lines: list[str], tokens: int, sign: str, max_lines: int) -> list[str]:
    if not lines and not tokens:
        return []
    shown = lines[:max_lines]
    more = f", {len(lines) - len(shown)} more lines" if len(lines) > len(shown) else ""
    out = [f"   {title}: {tokens} tokens in {len(lines)} lines{more}"]
    out += [f"     {sign} {_clip(line, 110)}" for line in shown]
    return out


def worst_report(
    results: Sequence[PageResult],
    pages: Mapping[tuple[str, str], Page],
    n: int,
    max_lines: int = 6,
) -> str:
    """The ``n`` pages of each boilerstrip row with the lowest F1, with what was kept
    wrongly and what was dropped wrongly."""
    rows = list(dict.fromkeys(r.extractor for r in results if r.extractor.startswith(BOILERSTRIP)))
    if not rows:
        return "--worst: no boilerstrip row in this run"
    out: list[str] = []
    for extractor in rows:
        mine = [r for r in results if r.extractor == extractor and r.f1 < 1.0]
        mine.sort(key=lambda r: (r.f1, r.set, r.id))
        out.append(f"== the {min(n, len(mine))} pages losing most F1 for {extractor} ==")
        for rank, r in enumerate(mine[:n], 1):
            page = pages[(r.set, r.id)]
            kind = f" ({r.kind})" if r.kind else ""
            head = f"{rank}. {r.set}/{r.id}{kind}  F1 {r.f1:.3f}"
            head += f"  P {r.precision:.3f}  R {r.recall:.3f}"
            if page.url:
                head += f"  {page.url}"
            out.append(head)
            if r.error:
                out.append(f"   error: {r.error}")
            pred = r.text or ""
            gold = page.truth()
            pred_c, gold_c = Counter(tokenize(pred)), Counter(tokenize(gold))
            kept, dropped = line_diff(pred, gold)
            extra = sum((pred_c - gold_c).values())
            missing = sum((gold_c - pred_c).values())
            out += _listing("kept, not in truth", kept, extra, "+", max_lines)
            out += _listing("in truth, dropped", dropped, missing, "-", max_lines)
            if not pred_c:
                out.append("   (empty prediction)")
        out.append("")
    return "\n".join(out)


# --- writing results -----------------------------------------------------------------------


def write_results(results: Sequence[PageResult], out_dir: Path) -> None:
    """``<out_dir>/<extractor>.<set>.jsonl``, lines sorted by page id."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files: dict[tuple[str, str], list[PageResult]] = {}
    for r in results:
        files.setdefault((r.extractor, r.set), []).append(r)
    for (extractor, set_name), rows in files.items():
        rows.sort(key=lambda r: r.id)
        text = "".join(r.json_line() + "\n" for r in rows)
        (out_dir / f"{extractor}.{set_name}.jsonl").write_text(text, encoding="utf-8")


# --- the command ---------------------------------------------------------------------------


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.accuracy",
        description="Score boilerstrip (and peers) against the evaluation sets' truth.",
    )
    p.add_argument("--sets", type=_csv, help="comma-separated sets (default: all present)")
    p.add_argument(
        "--extractors",
        type=_csv,
        default=[BOILERSTRIP],
        help=f"comma-separated: {BOILERSTRIP}, {TITLED}, {', '.join(peers.PEERS)}"
        " (default: boilerstrip)",
    )
    p.add_argument("--peers", action="store_true", help="add every installed peer extractor")
    p.add_argument("--mode", choices=[*MODES, "all"], default="balanced", help="boilerstrip mode")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="per-page JSONL folder")
    p.add_argument("--worst", type=int, default=0, metavar="N", help="list the N worst pages")
    p.add_argument("--limit", type=int, metavar="N", help="at most N pages per set")
    p.add_argument("--markdown", action="store_true", help="print the summary as Markdown")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per page")
    return p


def _rows_for(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """The extractor rows to run, and warnings about requested ones that cannot run."""
    rows: list[str] = []
    warnings: list[str] = []
    wanted = list(args.extractors)
    if args.peers:
        wanted += [name for name in peers.PEERS if name not in wanted]
    for name in wanted:
        if name == BOILERSTRIP:
            rows += [row_name(m) for m in MODES if args.mode in (m, "all")]
        elif name in _ROW_MODES or name == TITLED:
            rows.append(name)
        elif name in peers.PEERS or name in peers.PEER_GROUPS:
            for peer in peers.PEER_GROUPS.get(name, (name,)):
                if not peers.installed(peer):
                    warnings.append(f"{peer} is not installed (pip install -e '.[bench]')")
                else:
                    rows.append(peer)
        else:
            raise SystemExit(f"unknown extractor {name!r}")
    return list(dict.fromkeys(rows)), warnings


def main(argv: Sequence[str] | None = None, *, block_network: bool = True) -> int:
    args = build_parser().parse_args(argv)
    root = evaldata_root()
    present = available_sets(root)
    if not present:
        print(f"no evaluation data at {root} (set BOILERSTRIP_EVALDATA)", file=sys.stderr)
        return 2
    sets = args.sets or present
    unknown = [s for s in sets if s not in present]
    if unknown:
        print(f"sets not present under {root}: {', '.join(unknown)}", file=sys.stderr)
        return 2
    rows, warnings = _rows_for(args)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    if any(r.startswith(BOILERSTRIP) for r in rows):
        why = boilerstrip_available()
        if why:
            print(f"{why}; run peers only with --extractors", file=sys.stderr)
            return 2
    if not rows:
        print("nothing to run", file=sys.stderr)
        return 2

    if block_network:
        forbid_network()
    logging.disable(logging.CRITICAL)  # peers log every page they find odd
    extractors = {name: resolve(name) for name in rows}
    keep = [r for r in rows if r.startswith(BOILERSTRIP)] if args.worst else []
    results: list[PageResult] = []
    pages: dict[tuple[str, str], Page] = {}
    for set_name in sets:
        c = census(set_name, root)
        set_pages = list(iter_pages(set_name, root, args.limit))
        pages.update(((p.set, p.id), p) for p in set_pages)
        skipped = f", {c.missing} listed but missing" if c.missing else ""
        kinds = f" ({', '.join(f'{k} {n}' for k, n in c.kinds)})" if c.kinds else ""
        print(
            f"{set_name}: {len(set_pages)} of {c.usable} usable pages{kinds}{skipped} "
            f"x {len(rows)} extractors ...",
            file=sys.stderr,
            end="",
            flush=True,
        )
        start = time.perf_counter()
        results += evaluate_pages(
            set_pages, extractors, timeout=args.timeout, jobs=args.jobs, keep_text=keep
        )
        print(f" {time.perf_counter() - start:.1f} s", file=sys.stderr)

    write_results(results, args.out)
    summaries = summarize(results)
    table = format_table(summaries, markdown=args.markdown)
    (args.out / "summary.md").write_text(format_table(summaries, markdown=True) + "\n")
    print(table)
    print(f"\nper-page results: {args.out}/<extractor>.<set>.jsonl", file=sys.stderr)
    if args.worst:
        print()
        print(worst_report(results, pages, args.worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
