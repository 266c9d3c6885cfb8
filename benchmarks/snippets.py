"""A held-out check: pages judged by snippets that the main text must hold or must not hold.

This is the evaluation format of trafilatura's own benchmark (its repository's
``tests/evaldata.py``: per page, an HTML file, a few ``with`` strings from the article and a
few ``without`` strings from its boilerplate). Nobody here tunes on these pages: they tell
whether what was tuned on ``../shared/evaldata`` holds on other sites. They are not stored in
this project; point the command at a copy::

    python -m benchmarks.snippets --pages DIR --evaldata evaldata.py [--peers]
    python -m benchmarks.snippets --pages DIR --snippets snippets.json [--peers]

``--evaldata`` reads the ``EVAL_PAGES = {...}`` literal of such a file without running it
(``ast.literal_eval``); ``--snippets`` reads the same mapping as JSON, keyed by file name:
``{"page.html": {"url": ..., "with": [...], "without": [...]}}``. Pages whose file is absent
from ``--pages`` are skipped and counted.

Scoring, as trafilatura's comparison script does it: every ``with`` string found in the
output is a true positive (else a false negative), every ``without`` string found is a false
positive (else a true negative); precision, recall, F1 and accuracy are taken over the
counts of all pages together. A crash or a timeout (``--timeout``, 20 s) is an empty output.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import peers
from benchmarks.accuracy import (
    DEFAULT_TIMEOUT,
    ExtractFn,
    forbid_network,
    resolve,
    row_name,
    run_guarded,
)


@dataclass(frozen=True, slots=True)
class Case:
    file: str
    url: str | None
    must: tuple[str, ...]
    must_not: tuple[str, ...]


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(s) for s in value) if isinstance(value, (list, tuple)) else ()


def _cases(mapping: Mapping[str, Mapping[str, object]], *, by_url: bool) -> list[Case]:
    out = []
    for key, entry in mapping.items():
        file = str(entry["file"]) if by_url else key
        url = key if by_url else entry.get("url")
        out.append(
            Case(
                file=file,
                url=url if isinstance(url, str) else None,
                must=_strings(entry.get("with")),
                must_not=_strings(entry.get("without")),
            )
        )
    return out


def read_evaldata(path: Path) -> list[Case]:
    """The cases of a trafilatura-style ``evaldata.py``, read without executing it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "EVAL_PAGES" for t in node.targets
        ):
            return _cases(ast.literal_eval(node.value), by_url=True)
    raise ValueError(f"{path}: no EVAL_PAGES = {{...}} literal")


def read_snippets(path: Path) -> list[Case]:
    """The cases of a JSON file keyed by page file name."""
    return _cases(json.loads(path.read_text(encoding="utf-8")), by_url=False)


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    errors: int = 0
    pages: int = 0

    def add(self, case: Case, text: str) -> None:
        self.pages += 1
        for s in case.must:
            if s in text:
                self.tp += 1
            else:
                self.fn += 1
        for s in case.must_not:
            if s in text:
                self.fp += 1
            else:
                self.tn += 1

    def figures(self) -> tuple[float, float, float, float]:
        """Precision, recall, F1 and accuracy over all the snippets."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        total = self.tp + self.fn + self.fp + self.tn
        acc = (self.tp + self.tn) / total if total else 0.0
        return p, r, f1, acc


def evaluate(
    cases: Sequence[Case], pages: Path, extractors: Mapping[str, ExtractFn], timeout: float
) -> Iterator[tuple[str, Counts]]:
    """Per extractor row, the counts over every case whose page is present."""
    present = [c for c in cases if (pages / c.file).is_file()]
    for name, fn in extractors.items():
        counts = Counts()
        for case in present:
            out = run_guarded(fn, (pages / case.file).read_bytes(), case.url, None, timeout)
            counts.errors += out.error is not None
            counts.add(case, out.text)
        yield name, counts


def report(
    cases: Sequence[Case], pages: Path, names: Sequence[str], timeout: float
) -> Iterator[str]:
    """The lines of the report: how many cases have a page, then a Markdown table row per
    extractor, each yielded as soon as it is measured."""
    present = sum((pages / c.file).is_file() for c in cases)
    yield f"{present} of {len(cases)} cases have their page in {pages}\n"
    yield "| extractor | pages | precision | recall | F1 | accuracy | errors |"
    yield "|---|---:|---:|---:|---:|---:|---:|"
    extractors = {name: resolve(name) for name in names}
    for name, counts in evaluate(cases, pages, extractors, timeout):
        p, r, f1, acc = counts.figures()
        yield (
            f"| {name} | {counts.pages} | {p:.3f} | {r:.3f} | {f1:.3f} | {acc:.3f} |"
            f" {counts.errors} |"
        )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=Path, required=True, help="folder of the pages' HTML files")
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--evaldata", type=Path, help="a trafilatura-style evaldata.py")
    source.add_argument("--snippets", type=Path, help="the same cases as JSON, keyed by file")
    ap.add_argument("--peers", action="store_true", help="add every installed peer extractor")
    ap.add_argument("--mode", choices=("precision", "balanced", "recall"), default="balanced")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per page")
    args = ap.parse_args(argv)
    cases = read_evaldata(args.evaldata) if args.evaldata else read_snippets(args.snippets)
    names = [row_name(args.mode)] + (peers.installed_peers() if args.peers else [])
    forbid_network()  # for the rest of this process: no extractor may reach out
    for line in report(cases, args.pages, names, args.timeout):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
