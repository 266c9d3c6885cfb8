"""Metadata benchmark: ``python -m benchmarks.metadata`` from the repository root.

On every fixture (``fixtures/<case>/meta.json`` holds the truth), counts the cases where the
title, the authors and the date are right, for boilerstrip (:func:`boilerstrip.extract`) and
for ``trafilatura.extract_metadata`` (the ``bench`` extra: ``pip install -e '.[bench]'``).

Compared so that neither side loses on form alone: the title exactly after white space is
normalised; the authors as a set of names, case and white space normalised (trafilatura joins
names with "; "); the date by its ``YYYY-MM-DD``. A field the page does not give is right
when the extractor gives nothing either. Both read the page's bytes decoded the same way
(boilerstrip's decoder), without a URL.

Options: ``--markdown`` prints the table as Markdown; ``--wrong`` lists each miss.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boilerstrip
from boilerstrip.encoding import decode_html

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIELDS = ("title", "authors", "date")


@dataclass(frozen=True, slots=True)
class Found:
    """What an extractor gives for the compared fields."""

    title: str | None
    authors: frozenset[str]
    date: str | None


def _space(text: str | None) -> str | None:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text or None


def _names(names: Iterable[str]) -> frozenset[str]:
    return frozenset(n for n in (_space(x) for x in names) if n for n in [n.casefold()])


def _day(date: str | None) -> str | None:
    found = re.match(r"\d{4}-\d{2}-\d{2}", date or "")
    return found[0] if found else None


def truth(meta: dict[str, Any]) -> Found:
    return Found(_space(meta["title"]), _names(meta["authors"]), _day(meta["date"]))


def boilerstrip_found(html: str) -> Found:
    a = boilerstrip.extract(html)
    return Found(_space(a.title), _names(a.authors), _day(a.date))


def _trafilatura() -> Callable[[str], Found] | None:
    try:
        from trafilatura import extract_metadata  # the bench extra; imported only here
    except ImportError:
        return None

    def found(html: str) -> Found:
        try:
            doc = extract_metadata(html)
        except Exception:  # a crash is a miss on every field, not the end of the run
            return Found(None, frozenset(), None)
        authors = (doc.author or "").split(";") if doc is not None else []
        return Found(
            _space(doc.title) if doc is not None else None,
            _names(authors),
            _day(doc.date) if doc is not None else None,
        )

    return found


def cases() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if (p / "meta.json").is_file())


def run(wrong: bool) -> dict[str, dict[str, int]]:
    extractors: dict[str, Callable[[str], Found]] = {"boilerstrip": boilerstrip_found}
    peer = _trafilatura()
    if peer is None:
        print("trafilatura is not installed: pip install -e '.[bench]'", file=sys.stderr)
    else:
        extractors["trafilatura"] = peer
    right = {name: dict.fromkeys(FIELDS, 0) for name in extractors}
    for case in cases():
        expected = truth(json.loads((case / "meta.json").read_text(encoding="utf-8")))
        html = decode_html((case / "source.html").read_bytes(), None).text
        for name, extract in extractors.items():
            got = extract(html)
            for f in FIELDS:
                if getattr(got, f) == getattr(expected, f):
                    right[name][f] += 1
                elif wrong:
                    print(
                        f"{name:12} {case.name:30} {f:8} expected {getattr(expected, f)!r},"
                        f" got {getattr(got, f)!r}"
                    )
    return right


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.metadata", description=__doc__)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--wrong", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    n = len(cases())
    right = run(args.wrong)
    if args.markdown:
        print(f"| extractor ({n} cases) | title | authors | date |")
        print("|---|---:|---:|---:|")
        for name, counts in right.items():
            cells = " | ".join(f"{counts[f]}/{n} ({counts[f] / n:.0%})" for f in FIELDS)
            print(f"| {name} | {cells} |")
    else:
        print(f"{'extractor':12} {'title':>8} {'authors':>8} {'date':>8}   ({n} cases)")
        for name, counts in right.items():
            print(f"{name:12} " + " ".join(f"{counts[f] / n:8.1%}" for f in FIELDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
