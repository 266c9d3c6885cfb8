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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from benchmarks.evaldata import KNOWN_SETS, subset_name

__all__ = ["Means", "main", "means"]

Means = dict[tuple[str, str], tuple[int, float, float, float]]
"""(extractor, set or set/kind) -> (pages, mean P, mean R, mean F1)."""


def means(rows: Iterable[dict[str, object]]) -> Means:
    """The means of the rows (each a line of the per-page JSONL), per extractor and set, and
    per extractor and set/kind for rows that name a kind."""
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for row in rows:
        extractor, set_name = str(row["extractor"]), str(row["set"])
        kind = row.get("kind")
        names = [set_name] + ([subset_name(set_name, str(kind))] if kind else [])
        for name in names:
            acc = sums[(extractor, name)]
            acc[0] += 1
            for i, field in enumerate(("P", "R", "F1"), start=1):
                value = row[field]
                assert isinstance(value, int | float)
                acc[i] += float(value)
    return {key: (int(n), p / n, r / n, f / n) for key, (n, p, r, f) in sums.items()}


def _order(key: tuple[str, str]) -> tuple[str, int, str]:
    extractor, name = key
    base = name.split("/", 1)[0]
    rank = KNOWN_SETS.index(base) if base in KNOWN_SETS else len(KNOWN_SETS)
    return (extractor, rank, name)


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
    table = means(rows)
    for key in sorted(table, key=_order):
        n, p, r, f = table[key]
        print(f"{key[0]:24s} {key[1]:20s} {n:5d}  P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
