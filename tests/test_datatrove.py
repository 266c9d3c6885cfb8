"""The datatrove extractor: a step of a small local pipeline over a WARC file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import boilerstrip
from tests import warcs

pytest.importorskip("datatrove")

from boilerstrip.integrations.datatrove import Boilerstrip


def test_extract_never_raises() -> None:
    step = Boilerstrip()
    assert step.extract("") == ""
    assert step.extract("   ") == ""
    assert step.extract("\x00\xff<<<>>>") == ""
    assert step.extract(None) == ""  # type: ignore[arg-type]
    assert step.extract(42) == ""  # type: ignore[arg-type]
    html = warcs.page("Title")
    assert step.extract(html) == boilerstrip.extract_text(html)


def test_mode_and_timeout() -> None:
    step = Boilerstrip(mode="precision", timeout=2)
    assert (step.mode, step.timeout) == ("precision", 2)
    with pytest.raises(ValueError):
        Boilerstrip(mode="nonsense")  # type: ignore[arg-type]


def test_local_pipeline_over_a_warc(tmp_path: Path) -> None:
    for module in ("warcio", "cchardet", "magic", "orjson"):  # for WarcReader, JsonlWriter
        pytest.importorskip(module)
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter

    html = [warcs.page(f"Story {n}") for n in range(3)]
    html[1] = "<html><body><nav><a href='/'>Home</a></nav></body></html>"  # nothing to keep
    payload = [("WARC-Identified-Payload-Type", "text/html")]
    records = [
        warcs.response(f"http://e.org/{n}", h.encode(), record_id=warcs.rid(n), extra=payload)
        for n, h in enumerate(html)
    ]
    (tmp_path / "in").mkdir()
    warcs.write(tmp_path / "in" / "crawl.warc.gz", records)
    pipeline = [
        WarcReader(str(tmp_path / "in")),
        Boilerstrip(),
        JsonlWriter(str(tmp_path / "out"), compression=None),
    ]
    LocalPipelineExecutor(pipeline, tasks=1, workers=1, logging_dir=str(tmp_path / "logs")).run()
    [out] = (tmp_path / "out").iterdir()
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["metadata"]["url"] for d in docs] == ["http://e.org/0", "http://e.org/2"]
    assert [d["text"] for d in docs] == [boilerstrip.extract_text(html[n]) for n in (0, 2)]
