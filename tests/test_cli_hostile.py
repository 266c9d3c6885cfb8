"""The CLI on a directory of mixed, hostile files: every good page written, every bad one
reported, exit status 1, no hang."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.test_cli import SEED, run


def _big_page(size: int) -> bytes:
    line = b"A long page keeps going with one more plain sentence of words. "
    para = b"<p>" + line * 40 + b"</p>"
    head = b"<html><head><title>Big</title></head><body><article>"
    body = para * (size // len(para) + 1)
    return head + body[:size] + b"</article></body></html>"


def _mixed_dir(root: Path, big: int) -> dict[str, str]:
    """Files under ``root``: name -> what must become of them ("text", "empty" or "error")."""
    (root / "good1.html").write_bytes((SEED / "source.html").read_bytes())
    (root / "sub").mkdir()
    (root / "sub" / "good2.html").write_bytes((SEED / "source.html").read_bytes())
    (root / "png.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    (root / "random.htm").write_bytes(bytes((i * 37) % 256 for i in range(50_000)))
    os.symlink(root / "does-not-exist", root / "dangling.html")  # unreadable, even for root
    (root / "big.html").write_bytes(_big_page(big))
    return {
        "good1.html": "text",
        "good2.html": "text",
        "png.html": "any",
        "random.htm": "any",
        "dangling.html": "error",
        "big.html": "text",
    }


def _check(tmp_path: Path, big: int) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    expect = _mixed_dir(pages, big)
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    code, _, err = run(["--jsonl", str(out), "-j", "2", "--timeout", "60", "-q", str(pages)])
    assert time.monotonic() - started < 120
    assert code == 1, err
    rows = {Path(r["source"]).name: r for r in map(json.loads, out.read_text().splitlines())}
    assert set(rows) == set(expect)
    good = (SEED / "expected.txt").read_text(encoding="utf-8").rstrip("\n")
    for name, fate in expect.items():
        row = rows[name]
        if fate == "error":
            assert row.get("error"), name
            assert name in err
        else:
            assert not row.get("error"), (name, row.get("error"))
            if fate == "text":
                assert row["text"], name
    assert rows["good1.html"]["text"] == rows["good2.html"]["text"] == good
    assert rows["big.html"]["text"].startswith("A long page keeps going")


def test_mixed_directory(tmp_path: Path) -> None:
    _check(tmp_path, 5 * 1024 * 1024)


@pytest.mark.slow
def test_mixed_directory_with_a_50_mb_page(tmp_path: Path) -> None:
    _check(tmp_path, 50 * 1024 * 1024)
