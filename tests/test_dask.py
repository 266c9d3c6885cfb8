"""``--dask``: the batch on a Dask cluster gives exactly the serial run's output."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from boilerstrip.cli import main
from boilerstrip.cli.batch import Options, run_dask
from boilerstrip.cli.sources import Input
from tests import warcs

pytest.importorskip("fastwarc")
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two in-process workers, listening on 127.0.0.1 only, no dashboard."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        host="127.0.0.1",
        protocol="tcp",
        dashboard_address=None,
        scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
    ) as running:
        yield running


def inputs(tmp_path: Path) -> list[str]:
    pages = []
    for n in range(3):
        path = tmp_path / f"page{n}.html"
        path.write_text(warcs.page(f"Page {n}"), encoding="utf-8")
        pages.append(str(path))
    for name in ("a.warc.gz", "b.warc"):
        records = [
            warcs.response(
                f"http://e.org/{name}/{n}",
                warcs.page(f"{name} {n}").encode(),
                record_id=warcs.rid(n),
            )
            for n in range(4)
        ]
        pages.append(str(warcs.write(tmp_path / name, records)))
    return [*pages, str(tmp_path / "missing.html")]


def run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue()


def test_dask_output_equals_serial_output(cluster: Any, tmp_path: Path) -> None:
    names = inputs(tmp_path)
    assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
    serial_code, serial = run(["--jsonl", "-", "-j", "1", *names])
    dask_code, dasked = run(["--jsonl", "-", "--dask", cluster.scheduler_address, *names])
    assert (serial_code, dask_code) == (1, 1)
    assert dasked == serial
    rows = [json.loads(line) for line in serial.splitlines()]
    assert len(rows) == 3 + 8 + 1 and rows[-1]["error"] == "No such file or directory"


def test_dask_output_dir_equals_serial(cluster: Any, tmp_path: Path) -> None:
    names = inputs(tmp_path)[:-1]
    assert run(["--output-dir", str(tmp_path / "serial"), "-j", "1", *names])[0] == 0
    dask_dir = tmp_path / "dask"
    assert run(["--output-dir", str(dask_dir), "--dask", cluster.scheduler_address, *names])[0] == 0
    serial_files = {p.name: p.read_bytes() for p in (tmp_path / "serial").iterdir()}
    assert {p.name: p.read_bytes() for p in dask_dir.iterdir()} == serial_files
    assert len(serial_files) == 11


def test_failed_task_fails_its_input(cluster: Any) -> None:
    with distributed.Client(cluster) as client:
        bad = Input("url", "http://127.0.0.1:9/")
        results = list(run_dask([bad], Options(), client, skip=explode))
    [result] = results
    assert result.source == "http://127.0.0.1:9/"
    assert result.error is not None and "RuntimeError" in result.error


def explode(item: object) -> bool:
    raise RuntimeError("boom")


def test_dask_local_starts_its_own_cluster(tmp_path: Path) -> None:
    """``--dask local``: worker processes that may start children, so --timeout holds."""
    names = inputs(tmp_path)[3:5]
    serial_code, serial = run(["--jsonl", "-", "-j", "1", *names])
    code, dasked = run(["--jsonl", "-", "--dask", "local", "-j", "1", *names])
    assert (code, dasked) == (serial_code, serial)
