"""Batch throughput: ``python -m benchmarks.throughput [--records N]`` from the repository root.

Builds a WARC file (``.warc.gz``, one gzip member per record, as crawls are stored) from the
development pages of the evaluation sets (see :mod:`benchmarks.evaldata`), repeated up to
``--records`` records, in a temporary directory that is removed afterwards. Then it measures:

- reading: the time fastwarc takes to read the records (``boilerstrip.cli.sources.read_warc``:
  parse, keep HTTP 200 HTML responses, read their bodies), no extraction;
- library: ``boilerstrip.extract`` on every record in this process, bodies already in memory;
- CLI ``--jobs 1`` and ``--jobs 2``: ``boilerstrip --quiet --jsonl OUT crawl.warc.gz`` run as a
  subprocess, wall time from start to exit (interpreter start, reading, workers, output);

and reports pages/s, the CLI's overhead over the library's own extraction time at one job
(target <= 15 %) and the speed-up of two jobs over one (target >= 1.7x). Each figure is the
best of ``--rounds`` runs. Wall time is what the targets are about, but it needs an idle
machine: the load average is printed, and CPU seconds (the CLI's with all its workers) show
the overhead even on a busy one. The pages are only read, never copied into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.evaldata import REPO_ROOT, Page, available_sets, iter_pages
from boilerstrip import extract
from boilerstrip.cli.sources import Document, read_warc

TARGET_OVERHEAD = 0.15
TARGET_SPEEDUP = 1.7


def _record(n: int, page: Page) -> bytes:
    body = page.html()
    url = f"{page.url or 'http://example.invalid/' + page.id}#{n}"
    http = (
        f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012d}>\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n", compresslevel=6)


def build_warc(path: Path, pages: Sequence[Page], records: int) -> None:
    with path.open("wb") as out:
        for n, page in zip(range(records), itertools.cycle(pages)):
            out.write(_record(n, page))


def _documents(path: Path) -> Iterator[Document]:
    for item in read_warc(str(path)):
        if not isinstance(item, Document):
            raise RuntimeError(f"unexpected item in the benchmark WARC: {item}")
        yield item


@dataclass(frozen=True, slots=True)
class Timing:
    wall: float
    cpu: float
    """CPU seconds (user + system) of the process, or of the CLI and all its workers."""


def _best(timings: Sequence[Timing]) -> Timing:
    return min(timings, key=lambda t: t.wall)


def time_reading(path: Path) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in _documents(path):
        pass
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def time_library(docs: Sequence[Document]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        extract(doc.data, doc.url, encoding=doc.encoding)
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_cli(path: Path, jobs: int, out: Path, records: int) -> Timing:
    command = [sys.executable, "-m", "boilerstrip", "--quiet", "--jobs", str(jobs)]
    wall, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([*command, "--jsonl", str(out), str(path)], check=False, cwd=REPO_ROOT)
    timing = Timing(time.perf_counter() - wall, _children_cpu() - cpu)
    with out.open(encoding="utf-8") as fh:
        lines = sum(1 for _ in fh)
    if lines != records:
        raise RuntimeError(f"the CLI wrote {lines} lines for {records} records")
    return timing


@dataclass(frozen=True, slots=True)
class Figures:
    records: int
    reading: Timing
    library: Timing
    cli1: Timing
    cli2: Timing

    def rate(self, seconds: float) -> float:
        return self.records / seconds

    @property
    def overhead(self) -> float:
        return self.cli1.wall / self.library.wall - 1

    @property
    def cpu_overhead(self) -> float:
        return self.cli1.cpu / self.library.cpu - 1

    @property
    def speedup(self) -> float:
        return self.cli1.wall / self.cli2.wall


def _row(what: str, timing: Timing, figures: Figures, note: str = "") -> str:
    wall = f"{timing.wall:.2f} | {figures.rate(timing.wall):.1f}"
    return f"| {what} | {wall} | {timing.cpu:.2f} | {note} |"


def report(figures: Figures, load: tuple[float, float]) -> str:
    overhead_ok = "meets" if figures.overhead <= TARGET_OVERHEAD else "misses"
    speedup_ok = "meets" if figures.speedup >= TARGET_SPEEDUP else "misses"
    overhead = (
        f"overhead {figures.overhead:+.1%} wall ({overhead_ok} <= 15 %), "
        f"{figures.cpu_overhead:+.1%} CPU, over the library"
    )
    speedup = f"{figures.speedup:.2f}x `--jobs 1` ({speedup_ok} >= {TARGET_SPEEDUP}x)"
    lines = [
        f"{figures.records} records, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"load average {load[0]:.2f} before, {load[1]:.2f} after",
        "",
        "| run | wall s | pages/s | CPU s | note |",
        "|---|---:|---:|---:|---|",
        _row("fastwarc: read the records only", figures.reading, figures),
        _row("library: `extract` in process", figures.library, figures),
        _row("CLI `--jobs 1`", figures.cli1, figures, overhead),
        _row("CLI `--jobs 2`", figures.cli2, figures, speedup),
    ]
    return "\n".join(lines)


def measure(pages: Sequence[Page], records: int, rounds: int) -> Figures:
    """Each figure the best of ``rounds``, the runs interleaved so that noise spreads evenly."""
    runs: dict[str, list[Timing]] = {"reading": [], "library": [], "cli1": [], "cli2": []}
    with tempfile.TemporaryDirectory(prefix="boilerstrip-bench-") as tmp:
        warc = Path(tmp) / "crawl.warc.gz"
        build_warc(warc, pages, records)
        out = Path(tmp) / "out.jsonl"
        docs = list(_documents(warc))
        for _ in range(rounds):
            runs["reading"].append(time_reading(warc))
            runs["library"].append(time_library(docs))
            runs["cli1"].append(time_cli(warc, 1, out, records))
            runs["cli2"].append(time_cli(warc, 2, out, records))
    best = {name: _best(timings) for name, timings in runs.items()}
    return Figures(records, best["reading"], best["library"], best["cli1"], best["cli2"])


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.throughput", description=__doc__)
    p.add_argument("--records", type=int, default=3000, help="records in the WARC (3000)")
    p.add_argument("--sets", default=None, help="evaluation sets to take pages from (all)")
    p.add_argument("--rounds", type=int, default=2, help="runs of each measurement; best kept")
    args = p.parse_args(argv)
    sets = args.sets.split(",") if args.sets else available_sets()
    pages = [page for name in sets for page in iter_pages(name)]
    if not pages:
        print("no evaluation pages found: see benchmarks/evaldata.py", file=sys.stderr)
        return 2
    print(f"{len(pages)} pages from {', '.join(sets)}, repeated to {args.records} records")
    before = os.getloadavg()[0]
    figures = measure(pages, args.records, max(1, args.rounds))
    print(report(figures, (before, os.getloadavg()[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
