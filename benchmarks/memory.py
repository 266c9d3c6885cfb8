"""Memory benchmark: does the resident set grow over many extractions in one process?

Run from the repository root::

    python -m benchmarks.memory                      # 20,000 extractions, target < 30 MB
    python -m benchmarks.memory --count 2000 --limit-mb 3

The pages are the ``fixtures/*/source.html`` files (as ``bytes`` and as ``str``) and a few
hostile snippets (deep nesting, binary, broken encodings), cycled in a fixed order. After
``--warmup`` extractions (caches, interned strings and the allocator's arenas settle) the
resident set size is read from ``/proc/self/statm``; it is read again at the end, and the
growth is reported. The exit status is 1 when the growth passes ``--limit-mb``. Linux only.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import boilerstrip

REPO_ROOT = Path(__file__).resolve().parent.parent
STATM = Path("/proc/self/statm")

PROSE = (
    "The committee met on Tuesday to review the budget, and its members agreed, after a long"
    " debate, that the new library would open in the spring. "
)


def rss_bytes() -> int:
    """The current resident set size of this process."""
    return int(STATM.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def pages() -> list[str | bytes]:
    """The inputs, in the order they are cycled."""
    out: list[str | bytes] = []
    for source in sorted((REPO_ROOT / "fixtures").glob("*/source.html")):
        data = source.read_bytes()
        out.append(data)
        out.append(data.decode("utf-8", "replace"))
    article = "".join(f"<p>{PROSE}Paragraph {i}.</p>" for i in range(6))
    out += [
        "<div>" * 5000 + PROSE + "</div>" * 5000,
        "<table><tr><td>" * 3000 + PROSE,
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16,
        b"<p>" + PROSE.encode("utf-8") + b"\xff\xfe\xc3\x28" + PROSE.encode("cp1251") + b"</p>",
        f"<meta charset='windows-1251'><article>{article}</article>".encode(),
        f"<!-- {article}",
        f"<article>{article}</article><script>{article}",
        "",
    ]
    return out


def run(
    count: int,
    warmup: int,
    inputs: Sequence[str | bytes] | None = None,
    extract: Callable[[str | bytes], object] = boilerstrip.extract,
) -> tuple[int, int]:
    """Run ``warmup`` then ``count`` extractions; the RSS after the warm-up and at the end."""
    inputs = pages() if inputs is None else inputs
    for i in range(warmup):
        extract(inputs[i % len(inputs)])
    gc.collect()
    before = rss_bytes()
    for i in range(count):
        extract(inputs[i % len(inputs)])
    gc.collect()
    return before, rss_bytes()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000, help="extractions measured")
    parser.add_argument("--warmup", type=int, default=500, help="extractions before measuring")
    parser.add_argument("--limit-mb", type=float, default=30.0, help="growth that fails the run")
    args = parser.parse_args(argv)
    if not STATM.is_file():
        print("needs /proc/self/statm (Linux)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    before, after = run(args.count, args.warmup)
    growth = (after - before) / 2**20
    print(
        f"{args.count:,} extractions after {args.warmup:,} warm-up ones in"
        f" {time.perf_counter() - start:.1f} s: RSS {before / 2**20:.1f} MB ->"
        f" {after / 2**20:.1f} MB, growth {growth:+.1f} MB (limit {args.limit_mb:g} MB)"
    )
    return 1 if growth > args.limit_mb else 0


if __name__ == "__main__":
    sys.exit(main())
