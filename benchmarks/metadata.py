"""Metadata benchmark: ``python -m benchmarks.metadata`` from the repository root.

Two tables: the project's fixtures, and the ``meta`` evaluation set (real news pages; see
:func:`meta_run`) when ``../shared/evaldata/meta`` is present.

On every fixture (``fixtures/<case>/meta.json`` holds the truth), counts the cases where the
title, the authors and the date are right, for boilerstrip (:func:`boilerstrip.extract`) and
for ``trafilatura.extract_metadata`` (the ``bench`` extra: ``pip install -e '.[bench]'``).

Compared so that neither side loses on form alone: the title exactly after white space is
normalised; the authors as a set of names, case and white space normalised (trafilatura joins
names with "; "); the date by its ``YYYY-MM-DD``. A field the page does not give is right
when the extractor gives nothing either. Both read the page's bytes decoded the same way
(boilerstrip's decoder), without a URL.

On the ``meta`` set (``truth.jsonl``: title, authors, date of 215 news pages), a field is
scored only on the pages whose truth gives it, as issue 16 defines a match: the title when
equal after case-folding, collapsing white space and trimming punctuation at both ends; the
authors when the name words of one side (less "by", "and", "von", "staff" and the like)
contain those of the other, and the extractor gave some; the date when the day is the same.
Each extractor gets the page's bytes decoded by boilerstrip's decoder and the page's URL (as a
crawler would have it). htmldate is scored on dates only, asked for the original
(publication) date.

Options: ``--markdown`` prints the tables as Markdown; ``--wrong`` lists each miss; ``--set``
picks one table (``fixtures`` or ``meta``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boilerstrip
from boilerstrip.encoding import decode_html

from .evaldata import evaldata_root

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


# --- the meta evaluation set ---------------------------------------------------------------------

#: Words that are no part of a name when author lists are compared: byline prefixes, joiners
#: and the roles that some truths or extractors keep.
NOT_NAME_WORDS = frozenset(
    ("by", "and", "und", "von", "staff", "the", "et", "y", "e", "i", "di", "par", "por", "door")
)


def _loose_title(text: str | None) -> str:
    text = re.sub(r"\s+", " ", (text or "").casefold()).strip()

    def edge(ch: str) -> bool:
        return ch.isspace() or unicodedata.category(ch)[0] in "PS"

    start, end = 0, len(text)
    while start < end and edge(text[start]):
        start += 1
    while end > start and edge(text[end - 1]):
        end -= 1
    return text[start:end]


def _name_words(names: Iterable[str]) -> frozenset[str]:
    words = (w for n in names for w in re.split(r"[\W_]+", n.casefold()) if w)
    return frozenset(w for w in words if w not in NOT_NAME_WORDS)


def title_matches(expected: str, got: str | None) -> bool:
    return bool(got) and _loose_title(expected) == _loose_title(got)


def authors_match(expected: Iterable[str], got: Iterable[str]) -> bool:
    want, have = _name_words(expected), _name_words(got)
    return bool(want) and bool(have) and (want <= have or have <= want)


def date_matches(expected: str, got: str | None) -> bool:
    return _day(got) == expected[:10]


@dataclass(frozen=True, slots=True)
class Loose:
    """What an extractor gives on a meta page (``None`` for a field it does not extract)."""

    title: str | None
    authors: tuple[str, ...] | None
    date: str | None


def _bs_loose(html: str, url: str | None) -> Loose:
    a = boilerstrip.extract(html, url=url)
    return Loose(a.title, tuple(a.authors), a.date)


def _peers_loose() -> dict[str, Callable[[str, str | None], Loose | None]]:
    peers: dict[str, Callable[[str, str | None], Loose | None]] = {}
    try:
        from trafilatura import extract_metadata  # the bench extra; imported only here
    except ImportError:
        print("trafilatura is not installed: pip install -e '.[bench]'", file=sys.stderr)
    else:

        def trafilatura_found(html: str, url: str | None) -> Loose | None:
            try:
                doc = extract_metadata(html, default_url=url)
            except Exception:  # a crash is a miss on every field, not the end of the run
                return None
            if doc is None:
                return None
            return Loose(doc.title, tuple((doc.author or "").split(";")), doc.date)

        peers["trafilatura"] = trafilatura_found
    try:
        from htmldate import find_date
    except ImportError:
        print("htmldate is not installed: pip install -e '.[bench]'", file=sys.stderr)
    else:

        def htmldate_found(html: str, url: str | None) -> Loose | None:
            try:
                day = find_date(html, url=url, original_date=True)
            except Exception:
                return None
            return Loose(None, None, day)

        peers["htmldate"] = htmldate_found
    return peers


def meta_rows(root: Path | None = None) -> list[dict[str, Any]]:
    """The ``meta`` set's truth rows (empty when the set is absent)."""
    path = (root or evaldata_root()) / "meta" / "truth.jsonl"
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def meta_run(
    rows: list[dict[str, Any]], wrong: bool, root: Path | None = None
) -> dict[str, dict[str, tuple[int, int]]]:
    """Per extractor and field: (right, scored) on the meta set."""
    pages = (root or evaldata_root()) / "meta" / "pages"
    extractors: dict[str, Callable[[str, str | None], Loose | None]] = {"boilerstrip": _bs_loose}
    extractors.update(_peers_loose())
    score = {name: {f: [0, 0] for f in FIELDS} for name in extractors}
    for row in rows:
        html = decode_html((pages / f"{row['id']}.html").read_bytes(), None).text
        for name, extract in extractors.items():
            got = extract(html, row.get("url")) or Loose(None, (), None)
            checks = {
                "title": (row["title"], got.title, title_matches),
                "authors": (row["authors"], got.authors, authors_match),
                "date": (row["date"], got.date, date_matches),
            }
            for f, (want, have, same) in checks.items():
                if not want or (have is None and f != "title" and name == "htmldate"):
                    continue
                if name == "htmldate" and f == "title":
                    continue
                score[name][f][1] += 1
                if same(want, have or ()) if f == "authors" else same(want, have):
                    score[name][f][0] += 1
                elif wrong:
                    print(f"{name:12} {row['id'][:12]} {f:8} expected {want!r}, got {have!r}")
    return {n: {f: (r, t) for f, (r, t) in fields.items()} for n, fields in score.items()}


def _meta_table(right: dict[str, dict[str, tuple[int, int]]], n: int, markdown: bool) -> None:
    def cell(counts: tuple[int, int]) -> str:
        r, t = counts
        return f"{r}/{t} ({r / t:.3f})" if t else "-"

    if markdown:
        print(f"| extractor (meta set, {n} pages) | title | authors | date |")
        print("|---|---:|---:|---:|")
        for name, fields in right.items():
            print(f"| {name} | " + " | ".join(cell(fields[f]) for f in FIELDS) + " |")
    else:
        print(f"{'extractor':12} {'title':>8} {'authors':>8} {'date':>8}   (meta set, {n} pages)")
        for name, fields in right.items():
            cells = (f"{r / t:8.3f}" if t else f"{'-':>8}" for r, t in (fields[f] for f in FIELDS))
            print(f"{name:12} " + " ".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.metadata", description=__doc__)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--wrong", action="store_true", help="list every miss")
    parser.add_argument("--set", choices=("fixtures", "meta"), help="only this table")
    args = parser.parse_args(argv)
    if args.set != "fixtures":
        rows = meta_rows()
        if rows:
            _meta_table(meta_run(rows, args.wrong), len(rows), args.markdown)
        elif args.set == "meta":
            print("the meta set is not in ../shared/evaldata", file=sys.stderr)
            return 1
        if args.set == "meta":
            return 0
        print()
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
