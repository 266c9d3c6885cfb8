"""Fingerprints of every output, to show that a change of code leaves the results as they were.

``python -m benchmarks.snapshot --out FILE`` runs :func:`boilerstrip.extract` on every
development page of every evaluation set (the ``index.jsonl`` sets and the ``meta`` pages) and
on every ``fixtures/*/source.html``, in each of the three modes, and writes one line per
(page, mode): the page's id, the mode, and the SHA-256 of each output part:

- ``text``: ``Article.text``;
- ``blocks``: each block's index, text, kind, tag, path, verdict (kept, rule), features, level
  and in_region;
- ``metadata``: ``Article.to_dict()`` without the blocks (title, byline, authors, date...);
- ``markup``: the inline markup and containers behind the Markdown and HTML forms;
- ``markdown`` and ``html``: ``Article.to_markdown()`` and ``Article.to_html()``.

Lines are sorted, so two snapshots compare with ``diff``, or with
``python -m benchmarks.snapshot --compare OLD NEW``, which counts the runs compared and names
those whose parts differ (exit status 1 if any does). Take one snapshot before a change and one
after: a refactoring must leave them identical; a change of behaviour shows which pages moved.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import boilerstrip
from boilerstrip import Article, Mode

from .evaldata import REPO_ROOT, available_sets, evaldata_root, iter_pages

#: The modes every page is run in.
MODES: tuple[Mode, ...] = ("precision", "balanced", "recall")
#: The fingerprinted parts, in the order of the columns.
PARTS: tuple[str, ...] = ("text", "blocks", "metadata", "markup", "markdown", "html")
#: The folder of the metadata pages inside the evaluation data (``truth.jsonl`` and ``pages/``).
META_SET = "meta"
FIXTURES = REPO_ROOT / "fixtures"


@dataclass(frozen=True, slots=True)
class Source:
    """One page to run: where its bytes are, and the address it is given."""

    id: str
    """``<set>/<page id>``, or ``fixtures/<name>``."""
    path: Path
    url: str | None


def eval_sources(root: Path, sets: Sequence[str] | None, limit: int | None) -> Iterator[Source]:
    """The development pages of the chosen sets (default: all present, ``meta`` included)."""
    present = [*available_sets(root)]
    if (root / META_SET / "truth.jsonl").is_file():
        present.append(META_SET)
    for name in present:
        if sets is not None and name not in sets:
            continue
        if name == META_SET:
            yield from _meta_sources(root, limit)
            continue
        for page in iter_pages(name, root, limit):
            yield Source(f"{name}/{page.id}", page.html_path, page.url)


def _meta_sources(root: Path, limit: int | None) -> Iterator[Source]:
    folder = root / META_SET
    n = 0
    with (folder / "truth.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if limit is not None and n >= limit:
                return
            if not line.strip():
                continue
            row = json.loads(line)
            path = folder / "pages" / f"{row['id']}.html"
            if path.is_file():
                n += 1
                url = row.get("url")
                yield Source(f"{META_SET}/{row['id']}", path, url if url else None)


def fixture_sources(limit: int | None) -> Iterator[Source]:
    """``fixtures/*/source.html``, by name, without an address (as the fixture tests run)."""
    paths = sorted(FIXTURES.glob("*/source.html"))
    for path in paths if limit is None else paths[:limit]:
        yield Source(f"fixtures/{path.parent.name}", path, None)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=repr)


def fingerprint(article: Article) -> dict[str, str]:
    """The SHA-256 of each of :data:`PARTS` of one result."""
    blocks = [
        {
            "index": b.index,
            "text": b.text,
            "kind": b.kind,
            "tag": b.tag,
            "path": b.path,
            "kept": b.kept,
            "rule": b.rule,
            "features": asdict(b.features),
            "level": b.level,
            "in_region": b.in_region,
        }
        for b in article.blocks
    ]
    return {
        "text": _digest(article.text),
        "blocks": _digest(_json(blocks)),
        "metadata": _digest(_json(article.to_dict())),
        # repr names the classes but not their modules, so moving them changes nothing here.
        "markup": _digest(repr(article.markup)),
        "markdown": _digest(article.to_markdown()),
        "html": _digest(article.to_html()),
    }


def run_source(source: Source) -> list[str]:
    """The snapshot lines of one page, one per mode."""
    data = source.path.read_bytes()
    lines = []
    for mode in MODES:
        article = boilerstrip.extract(data, source.url, mode=mode)
        parts = fingerprint(article)
        lines.append("\t".join([source.id, mode, *(parts[p] for p in PARTS)]))
    return lines


def snapshot(sources: Iterable[Source], jobs: int = 1) -> list[str]:
    """The sorted snapshot lines of ``sources`` (``jobs`` worker processes when above 1)."""
    todo = list(sources)
    if jobs > 1:
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            results = pool.map(run_source, todo, chunksize=4)
    else:
        results = [run_source(s) for s in todo]
    return sorted(line for lines in results for line in lines)


def read(path: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """A snapshot file as ``{(id, mode): hashes}`` (the header line is skipped)."""
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        page_id, mode, *hashes = line.split("\t")
        rows[page_id, mode] = tuple(hashes)
    return rows


def compare(old: Path, new: Path) -> int:
    """Print how two snapshots differ; 0 when every run in both is identical."""
    a, b = read(old), read(new)
    only_old = sorted(a.keys() - b.keys())
    only_new = sorted(b.keys() - a.keys())
    both = sorted(a.keys() & b.keys())
    changed = [k for k in both if a[k] != b[k]]
    for key in changed:
        parts = [p for p, x, y in zip(PARTS, a[key], b[key], strict=True) if x != y]
        print(f"changed  {key[0]} {key[1]}: {', '.join(parts)}")
    for key in only_old:
        print(f"only in {old}: {key[0]} {key[1]}")
    for key in only_new:
        print(f"only in {new}: {key[0]} {key[1]}")
    verdict = "identical" if not (changed or only_old or only_new) else "DIFFERENT"
    print(
        f"{len(both)} runs compared, {len(changed)} changed, {len(only_old)} only in the old,"
        f" {len(only_new)} only in the new: {verdict}"
    )
    return 0 if verdict == "identical" else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.snapshot", description=__doc__)
    parser.add_argument("--out", type=Path, help="write the snapshot here (default: stdout)")
    parser.add_argument("--sets", help="comma-separated sets (default: all, meta included)")
    parser.add_argument("--limit", type=int, help="first N pages of each set, and N fixtures")
    parser.add_argument("--no-fixtures", action="store_true", help="leave fixtures/ out")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--compare", nargs=2, type=Path, metavar=("OLD", "NEW"), help="compare two snapshots"
    )
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    sets = None if args.sets is None else [s for s in args.sets.split(",") if s]
    sources: list[Source] = list(eval_sources(evaldata_root(), sets, args.limit))
    if not args.no_fixtures:
        sources.extend(fixture_sources(args.limit))
    lines = snapshot(sources, max(1, args.jobs))
    header = "# " + "\t".join(["id", "mode", *PARTS])
    body = "\n".join([header, *lines]) + "\n"
    if args.out is None:
        sys.stdout.write(body)
    else:
        args.out.write_text(body, encoding="utf-8")
        print(f"{len(sources)} pages, {len(lines)} runs -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
