"""The command line: ``boilerstrip [--mode M] [--encoding E] [FILE ...]``.

Prints the article text of each page (``-`` or no FILE reads standard input). A file that
cannot be read is reported on stderr and the rest are still processed; the exit status is 1
when any input failed, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import BinaryIO, TextIO

from .api import extract
from .article import MODES


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="boilerstrip",
        description="Print the article body of web pages, boilerplate stripped.",
    )
    p.add_argument("inputs", nargs="*", metavar="FILE", help="HTML files; '-' reads stdin")
    p.add_argument("--mode", choices=MODES, default="balanced", help="precision/recall trade")
    p.add_argument(
        "--encoding", default=None, help="charset or Content-Type value for reading the bytes"
    )
    p.add_argument("--url", default=None, help="the page's URL")
    p.add_argument(
        "--warnings", action="store_true", help="print the extraction's warnings on stderr"
    )
    return p


def _read(name: str, stdin: BinaryIO) -> bytes:
    if name == "-":
        return stdin.read()
    with open(name, "rb") as fh:
        return fh.read()


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = _parser().parse_args(argv)
    inputs: list[str] = args.inputs or ["-"]
    source = stdin or sys.stdin.buffer
    failed = 0
    for n, name in enumerate(inputs):
        try:
            data = _read(name, source)
        except OSError as exc:
            failed += 1
            print(f"boilerstrip: {name}: {exc.strerror or exc}", file=err)
            continue
        article = extract(data, args.url, mode=args.mode, encoding=args.encoding)
        if len(inputs) > 1:
            print(f"{'' if n == 0 else chr(10)}==> {name} <==", file=out)
        if article.text:
            print(article.text, file=out)
        if args.warnings:
            for w in article.warnings:
                print(f"boilerstrip: {name}: {w}", file=err)
        out.flush()
    return 1 if failed else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
