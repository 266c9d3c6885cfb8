"""Finding and reading the evaluation pages (shared by the accuracy benchmark, the CI
accuracy gate and the speed benchmark).

The data live outside the repository, in ``../shared/evaldata`` relative to the repository
root, or wherever the environment variable ``BOILERSTRIP_EVALDATA`` points. Each set is a
folder ``<set>/`` holding ``index.jsonl`` (one ``{"id", "url", "lang", ...}`` object per
line), ``pages/<id>.html`` (the raw bytes) and ``pages/<id>.txt`` (the truth, UTF-8).

A row may say what kind of page it is (:data:`KIND_FIELD`, e.g. magic_html's ``"article"``
or ``"forum"``): the benchmark then reports each kind apart, as the sub-set
``<set>/<kind>`` (:func:`subset_name`), beside the whole set.

Rules: a row with a ``split`` field is used only when the split is ``"train"`` (dragnet's
development half); a row whose HTML or truth file is missing is skipped (and counted, see
:func:`census`). Pages come in index order.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "BOILERSTRIP_EVALDATA"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = REPO_ROOT.parent / "shared" / "evaldata"

#: The known sets, in the order reports list them. Other folders with an ``index.jsonl``
#: are listed after these, alphabetically.
KNOWN_SETS: tuple[str, ...] = (
    "scrapinghub",
    "cleaneval",
    "l3s_gn1",
    "dragnet",
    "utomo_chaos",
    "utomo_big9",
    "magic_html",
)
USED_SPLIT = "train"
#: The index field naming a page's kind, where a set has one.
KIND_FIELD = "page_type"


def evaldata_root() -> Path:
    """The evaluation data folder (it may not exist: check with :func:`available_sets`)."""
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser() if env else DEFAULT_ROOT


def available_sets(root: Path | None = None) -> list[str]:
    """The sets present under ``root``: known ones first, in report order."""
    root = evaldata_root() if root is None else root
    if not root.is_dir():
        return []
    present = {p.parent.name for p in root.glob("*/index.jsonl")}
    known = [s for s in KNOWN_SETS if s in present]
    return known + sorted(present.difference(KNOWN_SETS))


@dataclass(frozen=True, slots=True)
class Page:
    set: str
    id: str
    url: str | None
    lang: str | None
    html_path: Path
    truth_path: Path
    kind: str | None = None
    """What kind of page it is (:data:`KIND_FIELD`), where the set says."""

    def html(self) -> bytes:
        return self.html_path.read_bytes()

    def truth(self) -> str:
        return article_truth(self.truth_path.read_text(encoding="utf-8"))


#: The line that separates dragnet's article from the page's comments in its human-made
#: texts. The set's SOURCE.md takes "the text before the separator line" as the truth, but its
#: conversion cut only at one exact spelling; 15 development pages keep variants (one space
#: less, "COMMNENTS", "CORRECTED", the bare symbols) followed by the whole comment thread.
COMMENTS_SEPARATOR = "!@#$%"


def article_truth(text: str) -> str:
    """The truth as its set's convention defines it: the text before a comments separator
    line, where one is left (see :data:`COMMENTS_SEPARATOR`)."""
    at = text.find(COMMENTS_SEPARATOR)
    if at < 0 or (at and text[at - 1] != "\n"):
        return text
    return text[:at].rstrip()


@dataclass(frozen=True, slots=True)
class Census:
    """What a set's index lists against what is usable."""

    set: str
    listed: int
    """Rows in ``index.jsonl``."""
    other_split: int
    """Rows skipped because their ``split`` is not the one used."""
    missing: int
    """Rows skipped because the HTML or the truth file is absent."""
    usable: int
    kinds: tuple[tuple[str, int], ...] = ()
    """Usable pages per kind (:data:`KIND_FIELD`), by kind name; empty when none has one."""


def subset_name(set_name: str, kind: str | None) -> str:
    """The name a report and the floors give to a set's pages of one kind
    (``magic_html/forum``), or to the whole set when ``kind`` is ``None``."""
    return set_name if kind is None else f"{set_name}/{kind}"


def _rows(root: Path, set_name: str) -> Iterator[dict[str, object]]:
    with (root / set_name / "index.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                if isinstance(row, dict):
                    yield row


def _page(root: Path, set_name: str, row: dict[str, object]) -> Page:
    page_id = str(row["id"])
    folder = root / set_name / "pages"
    url = row.get("url")
    lang = row.get("lang")
    kind = row.get(KIND_FIELD)
    return Page(
        set=set_name,
        id=page_id,
        url=url if isinstance(url, str) and url else None,
        lang=lang if isinstance(lang, str) and lang else None,
        html_path=folder / f"{page_id}.html",
        truth_path=folder / f"{page_id}.txt",
        kind=kind if isinstance(kind, str) and kind else None,
    )


def _used_split(row: dict[str, object]) -> bool:
    return "split" not in row or row["split"] == USED_SPLIT


def iter_pages(set_name: str, root: Path | None = None, limit: int | None = None) -> Iterator[Page]:
    """The usable pages of a set, in index order, at most ``limit`` of them."""
    root = evaldata_root() if root is None else root
    n = 0
    for row in _rows(root, set_name):
        if limit is not None and n >= limit:
            return
        if not _used_split(row):
            continue
        page = _page(root, set_name, row)
        if page.html_path.is_file() and page.truth_path.is_file():
            n += 1
            yield page


def census(set_name: str, root: Path | None = None) -> Census:
    root = evaldata_root() if root is None else root
    listed = other = missing = 0
    kinds: Counter[str] = Counter()
    for row in _rows(root, set_name):
        listed += 1
        if not _used_split(row):
            other += 1
            continue
        page = _page(root, set_name, row)
        if not (page.html_path.is_file() and page.truth_path.is_file()):
            missing += 1
        elif page.kind is not None:
            kinds[page.kind] += 1
    usable = listed - other - missing
    return Census(set_name, listed, other, missing, usable, tuple(sorted(kinds.items())))
