"""The batch runner: worker processes, per-document timeouts, crashes, ordering, skipping."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import time
from pathlib import Path

import pytest

from boilerstrip.cli import batch
from boilerstrip.cli.batch import (
    Options,
    OutputFiles,
    Result,
    _Reorder,
    default_jobs,
    extract_item,
    process_input,
    run_local,
)
from boilerstrip.cli.sources import Document, Failure, Input, Item, Remote
from tests.warcs import page


def doc(n: int, marker: str = "") -> Document:
    return Document(f"doc{n}.html", page(f"Story {n} {marker}").encode(), url=f"http://e.org/{n}")


def slow_or_crash(item: Item, options: Options) -> Result:
    """Extraction, except that a page titled STUCK hangs and one titled CRASH kills its worker."""
    assert isinstance(item, Document)
    if b"STUCK" in item.data:
        time.sleep(60)
    if b"CRASH" in item.data:
        os._exit(3)
    return extract_item(item, options)


def sources(results: list[Result]) -> list[str]:
    return [r.source for r in results]


def test_extract_item_document_and_failure() -> None:
    result = extract_item(doc(1), Options())
    assert result.error is None
    assert result.title == "Story 1"
    assert "committee met on Tuesday" in result.text
    assert result.url == "http://e.org/1"
    failed = extract_item(Failure("x.warc", "bad", "http://e.org/x", "<id>"), Options())
    assert (failed.error, failed.url, failed.record_id) == ("bad", "http://e.org/x", "<id>")


def test_extract_item_options_fill_in_what_the_transport_left_out() -> None:
    prose = "Комитет собрался во вторник, чтобы обсудить бюджет и новую библиотеку. " * 8
    data = f"<html><body><article><p>{prose}</p></article></body></html>"
    item = Document("a.html", data.encode("cp1251"))
    result = extract_item(item, Options(url="http://given", encoding="windows-1251"))
    assert result.url == "http://given"
    assert "Комитет собрался" in result.text


def test_given_url_is_not_a_warc_records() -> None:
    record = Document("c.warc", page("R").encode(), record_id="<urn:uuid:1>")
    assert extract_item(record, Options(url="http://given")).url is None


def test_extract_item_unreachable_url_is_an_error_not_an_exception() -> None:
    result = extract_item(Remote("http://127.0.0.1:9/nothing"), Options(timeout=2))
    assert result.error
    assert result.source == "http://127.0.0.1:9/nothing"


def test_pool_keeps_input_order() -> None:
    items: list[Item] = [doc(n) for n in range(12)]
    items.insert(5, Failure("missing.html", "No such file or directory"))
    results = list(run_local(items, Options(timeout=20), jobs=2))
    assert sources(results) == [i.source for i in items]
    assert results[5].error == "No such file or directory"
    assert all(r.error is None and r.text for i, r in enumerate(results) if i != 5)


def test_pool_gives_what_the_library_gives() -> None:
    items = [doc(n) for n in range(4)]
    pooled = list(run_local(items, Options(timeout=20), jobs=2))
    assert pooled == [extract_item(i, Options()) for i in items]


def test_stuck_worker_is_killed_replaced_and_reported() -> None:
    items = [doc(0), doc(1, "STUCK"), doc(2), doc(3, "STUCK"), doc(4), doc(5)]
    start = time.monotonic()
    results = list(run_local(items, Options(timeout=0.5), jobs=2, work=slow_or_crash))
    assert time.monotonic() - start < 10
    assert sources(results) == [i.source for i in items]
    assert [r.error for r in results] == [
        None,
        "timed out after 0.5 s",
        None,
        "timed out after 0.5 s",
        None,
        None,
    ]
    assert results[1].url == "http://e.org/1"
    assert all(r.text for r in results if r.error is None)
    assert not multiprocessing.active_children()


def test_one_job_times_out_and_goes_on() -> None:
    items = [doc(0, "STUCK"), doc(1)]
    results = list(run_local(items, Options(timeout=0.3), jobs=1, work=slow_or_crash))
    assert results[0].error == "timed out after 0.3 s"
    assert results[1].error is None and results[1].text


def test_crashed_worker_is_replaced_and_reported() -> None:
    items = [doc(0), doc(1, "CRASH"), doc(2), doc(3)]
    results = list(run_local(items, Options(timeout=20), jobs=2, work=slow_or_crash))
    assert sources(results) == [i.source for i in items]
    assert results[1].error == "the worker process died (exit code 3)"
    assert [r.error for r in results[2:]] == [None, None]


def test_unordered_returns_everything_once() -> None:
    items = [doc(0, "STUCK"), *(doc(n) for n in range(1, 6))]
    results = list(
        run_local(items, Options(timeout=0.5), jobs=2, ordered=False, work=slow_or_crash)
    )
    assert sorted(sources(results)) == sorted(i.source for i in items)
    assert results[-1].source == "doc0.html"  # the stuck one finishes last


def test_in_process_when_one_job_and_no_timeout() -> None:
    items = [doc(0), doc(1)]
    results = list(run_local(items, Options(timeout=0), jobs=1))
    assert [r.title for r in results] == ["Story 0", "Story 1"]
    assert not multiprocessing.active_children()


def test_stopping_early_ends_the_workers() -> None:
    results = run_local((doc(n) for n in range(50)), Options(timeout=20), jobs=2)
    first = next(results)
    results.close()
    assert first.source == "doc0.html"
    assert not multiprocessing.active_children()


def test_items_are_read_lazily() -> None:
    read: list[int] = []

    def items() -> object:
        for n in range(100):
            read.append(n)
            yield doc(n)

    results = run_local(items(), Options(timeout=20), jobs=1)  # type: ignore[arg-type]
    next(results)
    # By the first result: the first document, the second (sent to the worker as the first
    # came back) and the third (read ahead while the worker works), not the hundred.
    assert len(read) <= 3
    results.close()


def test_skip_existing_outputs(tmp_path: Path) -> None:
    files = OutputFiles(str(tmp_path), ".txt")
    items = [doc(0), doc(1)]
    Path(files.path(items[0].source)).write_text("done before", encoding="utf-8")
    results = list(run_local(items, Options(timeout=20), jobs=1, skip=files.exists))
    assert [r.skipped for r in results] == [True, False]
    assert results[0].text == "" and results[0].error is None
    assert not files.exists(Failure(items[0].source, "x"))


def test_reorder() -> None:
    ordered: _Reorder[str] = _Reorder(True)
    ordered.add(1, "b")
    assert ordered.ready() == []
    ordered.add(0, "a")
    ordered.add(2, "c")
    assert ordered.ready() == ["a", "b", "c"]
    loose: _Reorder[str] = _Reorder(False)
    loose.add(1, "b")
    assert loose.ready() == ["b"]


def test_bad_jobs_and_defaults() -> None:
    with pytest.raises(ValueError):
        list(run_local([doc(0)], Options(), jobs=0))
    assert default_jobs() >= 1


def test_options_and_results_pickle() -> None:
    options = Options(mode="precision", url="u", encoding="e", timeout=3)
    assert pickle.loads(pickle.dumps(options)) == options
    result = extract_item(doc(0), options)
    assert pickle.loads(pickle.dumps(result)) == result


def test_dask_task_in_a_daemonic_process_runs_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Daemonic:
        daemon = True

    def no_pool(*args: object) -> None:
        raise AssertionError("a daemonic process may not start workers")

    path = tmp_path / "a.html"
    path.write_text(page("Alpha"), encoding="utf-8")
    monkeypatch.setattr(multiprocessing, "current_process", Daemonic)
    monkeypatch.setattr(batch, "_Pool", no_pool)
    [result] = process_input(Input("file", str(path)), Options(timeout=5))
    assert result.title == "Alpha"
