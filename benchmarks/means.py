"""Mean P, R and F1 to four decimals, per set and per page kind, from the per-page JSONL files
that ``python -m benchmarks.accuracy --out DIR`` writes (``DIR/<extractor>.<set>.jsonl``).

The accuracy tables round to three places; rules that move a set by less than 0.001 are judged
on four::

    python -m benchmarks.accuracy --jobs 2 --out /tmp/runs/base
    python -m benchmarks.means /tmp/runs/base            # every extractor and set in DIR
    python -m benchmarks.means /tmp/runs/base --extractor boilerstrip-balanced
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from benchmarks.accuracy import PageResult, Summary, summarize

__all__ = ["main", "means", "page_result"]


def page_result(row: dict[str, object]) -> PageResult:
    """A line of the per-page JSONL as the benchmark's own record (what the means need)."""
    error = row.get("error")
    kind = row.get("kind")
    return PageResult(
        set=str(row["set"]),
        id=str(row["id"]),
        extractor=str(row["extractor"]),
        precision=float(str(row["P"])),
        recall=float(str(row["R"])),
        f1=float(str(row["F1"])),
        ms=float(str(row.get("ms", 0.0))),
        error=None if error is None else str(error),
        empty_pred=False,
        empty_gold=False,
        kind=None if kind is None else str(kind),
    )


def means(rows: Iterable[dict[str, object]]) -> list[Summary]:
    """The benchmark's summary rows (per set, and per page kind) of the JSONL ``rows``."""
    return summarize([page_result(row) for row in rows])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("folder", type=Path, help="the --out folder of benchmarks.accuracy")
    parser.add_argument("--extractor", help="only this row (e.g. boilerstrip-balanced)")
    args = parser.parse_args(argv)
    rows = [
        json.loads(line)
        for path in sorted(args.folder.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if args.extractor:
        rows = [row for row in rows if row.get("extractor") == args.extractor]
    for s in means(rows):
        print(
            f"{s.extractor:24s} {s.name:20s} {s.pages:5d}"
            f"  P {s.precision:.4f}  R {s.recall:.4f}  F1 {s.f1:.4f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
