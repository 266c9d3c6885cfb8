"""Running many documents: a pool of worker processes, a timeout per document, ordering.

:func:`run_local` extracts a stream of items (see :mod:`boilerstrip.cli.sources`) in worker
processes and yields one :class:`Result` per item, in input order (or as they finish). Each
document has ``Options.timeout`` seconds: a worker that overruns it, or dies, is killed and
replaced, and that document alone is reported as failed. :func:`run_dask` does the same on a
Dask cluster, one task per input (dask is imported only there).
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from ..api import MaxElements, analyze
from ..article import Mode
from .outputs import STRUCTURED, render
from .sources import (
    Document,
    Failure,
    FetchOptions,
    Input,
    Item,
    fetch,
    read_input,
    stable_name,
)

__all__ = [
    "Options",
    "OutputFiles",
    "Result",
    "Work",
    "default_jobs",
    "extract_item",
    "process_input",
    "run_dask",
    "run_local",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Options:
    """How every document of a batch is extracted."""

    mode: Mode = "balanced"
    url: str | None = None
    """The URL of documents whose transport gave none (files, standard input)."""
    encoding: str | None = None
    """How to read documents whose transport declared no charset."""
    timeout: float = 30.0
    """Seconds per document, fetching included; 0 for no limit."""
    fetch: FetchOptions = field(default_factory=FetchOptions)
    output: str = "text"
    """The form each document is also rendered in by its worker: ``text`` (none beyond the
    text), ``json``, ``markdown`` or ``html`` (see :mod:`boilerstrip.cli.outputs`)."""
    max_elements: MaxElements = "auto"
    """Block-level elements read per document (:func:`boilerstrip.extract`); ``None``: all;
    ``"auto"``: the default of the segment walk each worker runs."""


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one document."""

    source: str
    url: str | None = None
    title: str | None = None
    text: str = ""
    warnings: tuple[str, ...] = ()
    record_id: str | None = None
    error: str | None = None
    """Why the document failed (``None`` when it did not)."""
    skipped: bool = False
    """Its output already existed (``--skip-existing``), so it was not extracted."""
    output: str | None = None
    """The document in ``Options.output`` (``None`` for ``text``), rendered by the worker."""


#: What a worker does with one item: :func:`extract_item` or a function with its signature.
Work = Callable[[Item, Options], Result]
Skip = Callable[[Item], bool]


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _failed(item: Item, error: str) -> Result:
    return Result(item.source, url=item.url, record_id=item.record_id, error=error)


def extract_item(item: Item, options: Options) -> Result:
    """Fetch (for a URL) and extract one item; never raises."""
    if isinstance(item, Failure):
        return _failed(item, item.error)
    try:
        doc = item if isinstance(item, Document) else fetch(item.url, options.fetch)
        # Options.url stands for a file's or stdin's URL, never a WARC record's.
        url = doc.url if doc.record_id is not None else doc.url or options.url
        encoding = doc.encoding or options.encoding
        structured = options.output in STRUCTURED
        article = analyze(
            doc.data,
            url,
            mode=options.mode,
            encoding=encoding,
            max_elements=options.max_elements,
            structured=structured,
        ).article
        output = render(article, options.output)
    except Exception as exc:  # a bad page must not end the batch
        return _failed(item, str(exc) or type(exc).__name__)
    return Result(
        doc.source,
        article.url,
        article.title,
        article.text,
        article.warnings,
        doc.record_id,
        output=output,
    )


@dataclass(frozen=True, slots=True)
class OutputFiles:
    """Where ``--output-dir`` writes each document: ``DIR/<stable name><suffix>``."""

    directory: str
    suffix: str

    def path(self, source: str, record_id: str | None = None, url: str | None = None) -> str:
        name = stable_name(source, record_id, url)
        return os.path.join(self.directory, name + self.suffix)

    def exists(self, item: Item) -> bool:
        """Whether an item's output is already there (so ``--skip-existing`` passes it by)."""
        if isinstance(item, Failure):
            return False
        return os.path.exists(self.path(item.source, item.record_id, item.url))


def _settled(item: Item, skip: Skip | None) -> Result | None:
    """The result of an item that needs no worker: a read failure, or one to skip."""
    if isinstance(item, Failure):
        return _failed(item, item.error)
    if skip is not None and skip(item):
        return Result(item.source, url=item.url, record_id=item.record_id, skipped=True)
    return None


class _Reorder(Generic[T]):
    """Hands results out in input order (or as they come, when ``ordered`` is false)."""

    def __init__(self, ordered: bool) -> None:
        self._ordered = ordered
        self._next = 0
        self._held: dict[int, T] = {}
        self._out: list[T] = []

    def add(self, seq: int, value: T) -> None:
        if not self._ordered:
            self._out.append(value)
            return
        self._held[seq] = value
        while self._next in self._held:
            self._out.append(self._held.pop(self._next))
            self._next += 1

    def ready(self) -> list[T]:
        out, self._out = self._out, []
        return out


# --- worker processes ------------------------------------------------------------------------

Task = tuple[int, Item]

#: Seconds a new worker may take to start (a fresh interpreter on a busy machine) before it is
#: given up as broken. Its first document's timeout starts only once it is ready.
STARTUP_LIMIT = 120.0


def _serve(conn: Connection, work: Work, options: Options) -> None:
    """A worker's loop: "ready" (``None``), then one result per task until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    conn.send(None)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        seq, item = task
        conn.send((seq, work(item, options)))


def _context() -> BaseContext:
    """fork when it is safe and cheap (Linux, one thread); else forkserver or spawn."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__])  # each worker then starts with boilerstrip loaded
        return ctx
    return multiprocessing.get_context("spawn")


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    task: Task | None = None
    deadline: float = math.inf


def _start(work: Work, options: Options) -> _Worker:
    ctx = _context()
    parent, child = ctx.Pipe()
    process = ctx.Process(  # type: ignore[attr-defined]
        target=_serve, args=(child, work, options), daemon=True, name="boilerstrip-worker"
    )
    process.start()
    child.close()
    return _Worker(process, parent)


def _kill(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join()
    worker.conn.close()


def _death(worker: _Worker) -> str:
    worker.process.join(timeout=1)
    code = worker.process.exitcode
    if code is not None and code < 0:
        return f"the worker process died (signal {-code})"
    return f"the worker process died (exit code {code})"


class _Pool:
    """Up to ``jobs`` worker processes, started as needed, each working on one task at a time."""

    def __init__(self, work: Work, options: Options, jobs: int) -> None:
        self._work = work
        self._options = options
        self._jobs = jobs
        self._workers: list[_Worker] = []

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _idle(self) -> _Worker | None:
        return next((w for w in self._workers if w.task is None), None)

    def can_take(self) -> bool:
        return len(self._workers) < self._jobs or self._idle() is not None

    def busy(self) -> bool:
        return any(w.task is not None for w in self._workers)

    def _take_idle(self) -> _Worker:
        worker = self._idle()
        if worker is None:
            worker = _start(self._work, self._options)
            self._workers.append(worker)
        return worker

    def _deadline(self, worker: _Worker) -> float:
        if not worker.ready:
            return time.monotonic() + STARTUP_LIMIT
        timeout = self._options.timeout
        return time.monotonic() + timeout if timeout > 0 else math.inf

    def submit(self, task: Task) -> None:
        worker = self._take_idle()
        try:
            worker.conn.send(task)
        except OSError:  # it died while idle: replace it and send again
            self._drop(worker)
            worker = self._take_idle()
            worker.conn.send(task)
        worker.task = task
        worker.deadline = self._deadline(worker)

    def _drop(self, worker: _Worker) -> None:
        _kill(worker)
        self._workers.remove(worker)

    def _receive(self, worker: _Worker) -> tuple[int, Result] | None:
        """The result a busy worker sent; ``None`` when it only said it is ready."""
        assert worker.task is not None
        seq, item = worker.task
        try:
            message = worker.conn.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            result = _failed(item, _death(worker))
            self._drop(worker)
            return seq, result
        if message is None:
            worker.ready = True
            worker.deadline = self._deadline(worker)
            return None
        worker.task, worker.deadline = None, math.inf
        got_seq, result = message
        return got_seq, result

    def _expire(self, worker: _Worker) -> tuple[int, Result]:
        assert worker.task is not None
        seq, item = worker.task
        self._drop(worker)
        if not worker.ready:
            return seq, _failed(item, f"the worker process did not start in {STARTUP_LIMIT:g} s")
        return seq, _failed(item, f"timed out after {self._options.timeout:g} s")

    def collect(self) -> list[tuple[int, Result]]:
        """Wait for a finished task, a ready worker or an overrun deadline; the results."""
        busy = [w for w in self._workers if w.task is not None]
        first = min(w.deadline for w in busy)
        timeout = None if first == math.inf else max(0.0, first - time.monotonic())
        ready = wait([w.conn for w in busy], timeout)
        now = time.monotonic()
        done: list[tuple[int, Result]] = []
        for worker in busy:
            got = None
            if worker.conn in ready:
                got = self._receive(worker)
            elif worker.deadline <= now:
                got = self._expire(worker)
            if got is not None:
                done.append(got)
        return done

    def close(self) -> None:
        """Stop idle workers politely and busy ones at once."""
        for worker in self._workers:
            if worker.task is None:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            else:
                worker.process.kill()
        for worker in self._workers:
            worker.process.join(timeout=2)
            _kill(worker)
        self._workers.clear()


def _run_serial(
    items: Iterable[Item], options: Options, skip: Skip | None, work: Work
) -> Iterator[Result]:
    for item in items:
        yield _settled(item, skip) or work(item, options)


def run_local(
    items: Iterable[Item],
    options: Options,
    jobs: int = 1,
    *,
    ordered: bool = True,
    skip: Skip | None = None,
    work: Work = extract_item,
) -> Iterator[Result]:
    """One result per item: in input order, or as they finish when ``ordered`` is false.

    Documents run in up to ``jobs`` worker processes, each bounded by ``options.timeout``;
    with one job and no timeout they run in this process. Items are read only as workers
    become free, so a large WARC file is never held in memory.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1; got {jobs}")
    if jobs == 1 and options.timeout <= 0:
        yield from _run_serial(items, options, skip, work)
        return
    numbered = enumerate(items)
    reorder: _Reorder[Result] = _Reorder(ordered)
    # One item is read ahead: the next document is read (a WARC record decompressed, a file
    # opened) while the workers work, not while they wait for it.
    ahead = next(numbered, None)
    with _Pool(work, options, jobs) as pool:
        while True:
            while ahead is not None and pool.can_take():
                seq, item = ahead
                settled = _settled(item, skip)
                if settled is None:
                    pool.submit((seq, item))
                else:
                    reorder.add(seq, settled)
                ahead = next(numbered, None)
            yield from reorder.ready()
            if not pool.busy():
                if ahead is None:
                    return
                continue
            for seq, result in pool.collect():
                reorder.add(seq, result)


# --- Dask ------------------------------------------------------------------------------------


def process_input(inp: Input, options: Options, skip: Skip | None = None) -> list[Result]:
    """Every document of one input, in order: the unit of work of a Dask task.

    The documents run in a child process, so the per-document timeout holds on a Dask worker;
    but a daemonic process (Dask's default for workers started by a nanny) may not have
    children, and there they run in the worker itself, with no timeout. Start workers with
    ``DASK_DISTRIBUTED__WORKER__DAEMON=False`` to keep it (``--dask local`` does).
    """
    if multiprocessing.current_process().daemon:
        options = replace(options, timeout=0)
    return list(run_local(read_input(inp), options, 1, skip=skip))


def _task_failed(inp: Input, exc: BaseException) -> list[Result]:
    return [Result(inp.name, error=f"the Dask task failed: {type(exc).__name__}: {exc}")]


def run_dask(
    inputs: Iterable[Input],
    options: Options,
    client: Any,
    *,
    ordered: bool = True,
    skip: Skip | None = None,
) -> Iterator[Result]:
    """Like :func:`run_local`, on a Dask ``distributed.Client``: one task per input.

    Paths must be readable by the workers (a shared file system) and boilerstrip installed
    there. A task that fails as a whole (a worker lost, say) fails its input.
    """
    from distributed import as_completed

    futures: dict[Any, tuple[int, Input]] = {}
    for seq, inp in enumerate(inputs):
        future = client.submit(process_input, inp, options, skip, pure=False)
        futures[future] = (seq, inp)
    reorder: _Reorder[list[Result]] = _Reorder(ordered)
    for future in as_completed(list(futures)):
        seq, inp = futures.pop(future)
        try:
            results: list[Result] = future.result()
        except Exception as exc:
            results = _task_failed(inp, exc)
        future.release()
        reorder.add(seq, results)
        for batch in reorder.ready():
            yield from batch
