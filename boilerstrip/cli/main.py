"""The command line: ``boilerstrip [OPTIONS] [INPUT ...]``.

Argument parsing and output only: :mod:`boilerstrip.cli.sources` turns the inputs into documents
and :mod:`boilerstrip.cli.batch` runs them. One document prints to stdout; many print with
``==> name <==`` headers, or go to ``--jsonl`` or ``--output-dir``. Every failure is named on
stderr and the rest still processed; the exit status is 0 when all succeeded, 1 when any
failed, 2 for a usage error.

Near 600 lines on purpose: the options, their checks and the output of each form read best in
one place; where the inputs come from, the worker pool and the renderers live in their own
modules beside it.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import math
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import IO, Any, BinaryIO, Final, NoReturn, Protocol, TextIO

from ..api import MaxElements, analyze, default_max_elements, default_max_inline
from ..article import MODES
from ..render.explain import WIDTH, explain_html, explain_table, page_styles
from .batch import Options, OutputFiles, Result, default_jobs, run_dask, run_local
from .sources import (
    DEFAULT_GLOBS,
    MAX_BYTES,
    MAX_REDIRECTS,
    Failure,
    FetchError,
    FetchOptions,
    Input,
    Item,
    Remote,
    expand_inputs,
    fetch,
    is_url,
    is_warc,
    read_input,
    read_inputs,
)

# --- formats -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Format:
    """How one document is written: to stdout, or to its file under ``--output-dir``."""

    suffix: str
    render: Callable[[Result], str]


def _render_text(result: Result) -> str:
    return result.text + "\n" if result.text else ""


def _render_json(result: Result) -> str:
    if result.output is not None:  # Article.to_dict(), rendered by the worker
        return result.output + "\n"
    obj = {
        "url": result.url,
        "title": result.title,
        "text": result.text,
        "warnings": list(result.warnings),
    }
    return json.dumps(obj, ensure_ascii=False) + "\n"


def _render_output(result: Result) -> str:
    """Markdown or HTML, rendered by the worker."""
    return result.output + "\n" if result.output else ""


#: ``--format`` choices (the worker renders all but text: :mod:`boilerstrip.cli.outputs`). A new
#: format is one more entry here and one there.
FORMATS: Final[Mapping[str, Format]] = MappingProxyType(
    {
        "text": Format(".txt", _render_text),
        "json": Format(".json", _render_json),
        "markdown": Format(".md", _render_output),
        "html": Format(".html", _render_output),
    }
)


def _jsonl_record(result: Result, form: str = "text") -> dict[str, object]:
    """A document's JSONL line; with ``--format json`` it holds all of ``to_dict()``, with
    ``markdown`` or ``html`` that form under its name too."""
    record: dict[str, object] = {"source": result.source}
    if result.record_id is not None:
        record["record_id"] = result.record_id
    record.update(
        url=result.url, title=result.title, text=result.text, warnings=list(result.warnings)
    )
    if result.output is not None:
        if form == "json":
            record.update(json.loads(result.output))
        else:
            record[form] = result.output
    if result.error is not None:
        record["error"] = result.error
    return record


def _label(result: Result) -> str:
    """How a document is named in headers and messages."""
    if result.record_id is not None:
        return f"{result.source} {result.url or result.record_id}"
    return result.source


# --- arguments -------------------------------------------------------------------------------


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return number


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be at least 0: {value}")
    return number


def _element_count(value: str) -> MaxElements:
    """``--max-elements``: ``auto`` (the walk's default) or a count (0: no limit)."""
    if value == "auto":
        return "auto"
    try:
        return _count(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"auto or a count (0: no limit): {value}") from None


def _seconds(value: str) -> float:
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise argparse.ArgumentTypeError(f"must be a number of seconds >= 0: {value}")
    return number


def _parser() -> _Parser:
    p = _Parser(
        prog="boilerstrip",
        description="Print the article body of web pages, boilerplate stripped.",
    )
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="HTML file, directory, WARC file (.warc, .warc.gz), http(s) URL, or '-' for stdin "
        "(the default)",
    )
    p.add_argument("--mode", choices=MODES, default="balanced", help="precision/recall trade")
    p.add_argument(
        "--encoding", default=None, help="charset or Content-Type value for reading the bytes"
    )
    p.add_argument("--url", default=None, help="the page's URL")
    p.add_argument(
        "--warnings", action="store_true", help="print the extraction's warnings on stderr"
    )
    p.add_argument("--format", choices=tuple(FORMATS), default="text", help="output format")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--jsonl", metavar="PATH", help="one JSON line per document ('-': stdout)")
    out.add_argument("--output-dir", metavar="DIR", help="one file per document")
    p.add_argument(
        "--skip-existing",
        action="store_true",
        help="with --output-dir: pass by documents whose file exists (resume a batch)",
    )
    p.add_argument(
        "--glob",
        action="append",
        metavar="PATTERN",
        help=f"file names to take from directories (repeatable; default {' '.join(DEFAULT_GLOBS)})",
    )
    p.add_argument(
        "-j", "--jobs", type=_positive_int, default=None, help="worker processes (default: CPUs)"
    )
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=30.0,
        help="seconds per document, fetching included; 0: no limit (default 30)",
    )
    p.add_argument(
        "--max-bytes",
        type=_positive_int,
        default=MAX_BYTES,
        help="largest response read from a URL (default 10 MiB)",
    )
    p.add_argument(
        "--max-elements",
        type=_element_count,
        default="auto",
        help="block-level elements read per page, and 20 times as many inline ones; past them"
        " a page is cut, with a warning; 0: no limit; auto (default): as many as the segment"
        f" walk reads within the time budget ({default_max_elements():,} block-level and"
        f" {default_max_inline():,} inline on this install)",
    )
    p.add_argument(
        "--max-redirects",
        type=int,
        default=MAX_REDIRECTS,
        help="redirects followed for a URL (default 5)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    p.add_argument(
        "--explain",
        action="store_true",
        help="print one row per block of the page: kept or dropped, and by which rule",
    )
    p.add_argument(
        "--explain-html",
        metavar="OUT.html",
        help="write the page with its blocks outlined (green kept, red dropped)",
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster (tcp://host:8786), or 'local' for a LocalCluster of --jobs",
    )
    return p


def _check(args: argparse.Namespace) -> None:
    if args.skip_existing and not args.output_dir:
        raise _UsageError("--skip-existing needs --output-dir")
    if args.max_redirects < 0:
        raise _UsageError("--max-redirects must be >= 0")
    if args.dask and "-" in (args.inputs or ["-"]):
        raise _UsageError("--dask cannot read standard input: name files, directories or URLs")
    if args.dask and importlib.util.find_spec("distributed") is None:
        raise _UsageError("--dask needs dask.distributed: pip install 'boilerstrip[dask]'")
    if args.explain or args.explain_html:
        _check_explain(args)


def _check_explain(args: argparse.Namespace) -> None:
    names: list[str] = args.inputs or ["-"]
    name = names[0]
    one_page = name == "-" or is_url(name) or not (os.path.isdir(name) or is_warc(name))
    if len(names) != 1 or not one_page:
        raise _UsageError("--explain and --explain-html take one page (a file, URL or '-')")
    if args.jsonl or args.output_dir or args.dask or args.format != "text":
        raise _UsageError(
            "--explain and --explain-html go with none of --jsonl, --output-dir, --dask, --format"
        )


def _options(args: argparse.Namespace) -> Options:
    fetch = FetchOptions(
        timeout=args.timeout, max_bytes=args.max_bytes, max_redirects=args.max_redirects
    )
    return Options(
        args.mode,
        args.url,
        args.encoding,
        args.timeout,
        fetch,
        output=args.format,
        max_elements=args.max_elements or None,
    )


# --- output ----------------------------------------------------------------------------------


class _Sink(Protocol):
    def write(self, result: Result) -> str | None:
        """Write one result; an error message if it could not be written."""


class _Stdout:
    """Documents to a text stream, with ``==> name <==`` headers when there are many."""

    def __init__(self, out: TextIO, fmt: Format, headers: bool) -> None:
        self._out, self._fmt, self._headers = out, fmt, headers
        self._first = True

    def write(self, result: Result) -> str | None:
        if result.error is not None or result.skipped:
            return None
        if self._headers:
            print(f"{'' if self._first else chr(10)}==> {_label(result)} <==", file=self._out)
        self._first = False
        self._out.write(self._fmt.render(result))
        self._out.flush()
        return None


class _Jsonl:
    """One JSON object a line, failures included."""

    def __init__(self, out: IO[str], form: str = "text") -> None:
        self._out, self._form = out, form

    def write(self, result: Result) -> str | None:
        record = _jsonl_record(result, self._form)
        self._out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._out.flush()
        return None


def _write_atomic(path: str, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it into place."""
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=os.path.dirname(path) or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class _Directory:
    """One file per document under a directory; failed documents get none."""

    def __init__(self, files: OutputFiles, fmt: Format) -> None:
        self._files, self._fmt = files, fmt

    def write(self, result: Result) -> str | None:
        if result.error is not None or result.skipped:
            return None
        path = self._files.path(result.source, result.record_id, result.url)
        try:
            _write_atomic(path, self._fmt.render(result))
        except OSError as exc:
            return f"cannot write {path}: {exc.strerror or exc}"
        return None


@contextlib.contextmanager
def _sink(args: argparse.Namespace, out: TextIO, headers: bool) -> Iterator[_Sink]:
    fmt = FORMATS[args.format]
    if args.output_dir:
        os.makedirs(args.output_dir, exist_ok=True)
        yield _Directory(OutputFiles(args.output_dir, fmt.suffix), fmt)
    elif args.jsonl == "-":
        yield _Jsonl(out, args.format)
    elif args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as fh:
            yield _Jsonl(fh, args.format)
    else:
        yield _Stdout(out, fmt, headers)


# --- progress and summary --------------------------------------------------------------------


class _Progress:
    """A tqdm bar on stderr (when tqdm is installed and wanted) and messages around it."""

    def __init__(self, err: TextIO, enabled: bool) -> None:
        self._err = err
        self._bar: Any = None
        if enabled:
            with contextlib.suppress(ImportError):
                from tqdm import tqdm

                self._bar = tqdm(file=err, unit="doc", leave=False, dynamic_ncols=True)

    def note(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message, file=self._err)
        else:
            print(message, file=self._err)

    def step(self) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


@dataclass(slots=True)
class _Tally:
    documents: int = 0
    with_text: int = 0
    empty: int = 0
    failed: int = 0
    skipped: int = 0

    def add(self, result: Result) -> None:
        if result.skipped:
            self.skipped += 1
            return
        self.documents += 1
        if result.error is not None:
            self.failed += 1
        elif result.text:
            self.with_text += 1
        else:
            self.empty += 1

    def line(self, seconds: float) -> str:
        rate = f" ({self.documents / seconds:.1f} documents/s)" if seconds > 0 else ""
        skipped = f", {self.skipped} skipped" if self.skipped else ""
        return (
            f"boilerstrip: {self.documents} documents, {self.with_text} with text, "
            f"{self.empty} empty, {self.failed} failed{skipped}, {seconds:.1f} s{rate}"
        )


# --- running -------------------------------------------------------------------------------


@contextlib.contextmanager
def _dask_client(address: str, jobs: int) -> Iterator[Any]:
    import dask
    from distributed import Client, LocalCluster

    if address != "local":
        with Client(address) as client:
            yield client
        return
    # Non-daemonic workers may start the child process that enforces --timeout. No dashboard;
    # the scheduler's small HTTP server (health, metrics) on a free port of 127.0.0.1.
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
        )
    with cluster, Client(cluster) as client:
        yield client


def _results(
    args: argparse.Namespace,
    inputs: list[Input],
    stdin: IO[bytes] | None,
    skip: Callable[[Item], bool] | None,
) -> Iterator[Result]:
    options = _options(args)
    jobs = args.jobs or default_jobs()
    ordered = not args.output_dir
    if not args.dask:
        items = read_inputs(inputs, stdin)
        yield from run_local(items, options, jobs, ordered=ordered, skip=skip)
        return
    with _dask_client(args.dask, jobs) as client:
        yield from run_dask(inputs, options, client, ordered=ordered, skip=skip)


def _many(names: Sequence[str], inputs: list[Input]) -> bool:
    """Whether there may be more than one document (so stdout gets headers)."""
    return len(names) > 1 or len(inputs) != 1 or inputs[0].kind == "warc"


def _consume(results: Iterator[Result], sink: _Sink, progress: _Progress, warnings: bool) -> _Tally:
    tally = _Tally()
    for result in results:
        problem = sink.write(result)
        if problem is not None:
            result = replace(result, error=problem)
        tally.add(result)
        if result.error is not None:
            progress.note(f"boilerstrip: {_label(result)}: {result.error}")
        if warnings:
            for warning in result.warnings:
                progress.note(f"boilerstrip: {_label(result)}: {warning}")
        progress.step()
    return tally


def _run(
    args: argparse.Namespace,
    names: Sequence[str],
    stdin: IO[bytes] | None,
    out: TextIO,
    err: TextIO,
) -> int:
    inputs = list(expand_inputs(names, args.glob or DEFAULT_GLOBS))
    many = _many(names, inputs)
    batch = many or bool(args.jsonl or args.output_dir)
    fmt = FORMATS[args.format]
    skip = OutputFiles(args.output_dir, fmt.suffix).exists if args.skip_existing else None
    start = time.monotonic()
    progress = _Progress(err, batch and not args.quiet and err.isatty())
    try:
        with _sink(args, out, many) as sink:
            tally = _consume(_results(args, inputs, stdin, skip), sink, progress, args.warnings)
    finally:
        progress.close()
    if batch and not args.quiet:
        print(tally.line(time.monotonic() - start), file=err)
    return 1 if tally.failed else 0


def _explain(
    args: argparse.Namespace, name: str, stdin: IO[bytes] | None, out: TextIO, err: TextIO
) -> int:
    """``--explain`` and ``--explain-html``: one page, extracted in this process."""
    (inp,) = expand_inputs([name])
    item = next(read_input(inp, stdin))
    if isinstance(item, Remote):
        try:
            item = fetch(item.url, _options(args).fetch)
        except FetchError as exc:
            item = Failure(name, str(exc))
    if isinstance(item, Failure):
        print(f"boilerstrip: {item.source}: {item.error}", file=err)
        return 1
    encoding = item.encoding or args.encoding
    analysis = analyze(
        item.data,
        item.url or args.url,
        mode=args.mode,
        encoding=encoding,
        max_elements=args.max_elements or None,
    )
    article = analysis.article
    if args.warnings:
        for warning in article.warnings:
            print(f"boilerstrip: {name}: {warning}", file=err)
    if args.explain_html:
        try:
            page = explain_html(analysis, styles=page_styles(item.data, encoding))
            _write_atomic(args.explain_html, page)
        except OSError as exc:
            print(f"boilerstrip: cannot write {args.explain_html}: {exc.strerror or exc}", file=err)
            return 1
        if not args.quiet:
            kept = len(article.kept_blocks)
            print(
                f"boilerstrip: wrote {args.explain_html}: {len(article.blocks)} blocks, {kept}"
                f" kept, {len(article.blocks) - kept} dropped",
                file=err,
            )
    if args.explain:
        tty = out.isatty()
        width = max(80, shutil.get_terminal_size((WIDTH, 24)).columns) if tty else WIDTH
        out.write(explain_table(article, width=width, color=tty and "NO_COLOR" not in os.environ))
    return 0


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        _check(args)
    except _UsageError as exc:
        parser.print_usage(err)
        print(f"boilerstrip: error: {exc}", file=err)
        return 2
    names: list[str] = args.inputs or ["-"]
    try:
        if args.explain or args.explain_html:
            return _explain(args, names[0], stdin or getattr(sys.stdin, "buffer", None), out, err)
        return _run(args, names, stdin or getattr(sys.stdin, "buffer", None), out, err)
    except OSError as exc:
        print(f"boilerstrip: {exc}", file=err)
        return 1
    except KeyboardInterrupt:
        print("boilerstrip: interrupted", file=err)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
