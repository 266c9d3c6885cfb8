"""benchmarks/snapshot.py: the same code gives the same snapshot, and a changed output shows."""

from __future__ import annotations

from pathlib import Path

import pytest

import boilerstrip
from benchmarks.snapshot import PARTS, compare, fingerprint, fixture_sources, snapshot


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("# header\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_snapshots_of_the_same_code_are_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = list(fixture_sources(2))
    first = snapshot(sources)
    assert len(first) == 2 * 3  # two pages, three modes
    assert compare(_write(tmp_path / "a", first), _write(tmp_path / "b", snapshot(sources))) == 0
    assert "6 runs compared, 0 changed" in capsys.readouterr().out


def test_a_changed_part_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = snapshot(list(fixture_sources(1)))
    page_id, mode, *hashes = lines[0].split("\t")
    hashes[PARTS.index("markdown")] = "0" * 64
    changed = ["\t".join([page_id, mode, *hashes]), *lines[1:]]
    assert compare(_write(tmp_path / "a", lines), _write(tmp_path / "b", changed)) == 1
    out = capsys.readouterr().out
    assert f"changed  {page_id} {mode}: markdown" in out
    assert "DIFFERENT" in out


def test_every_part_is_fingerprinted() -> None:
    page = "<title>T</title><article><h1>T</h1><p>" + "A sentence of the story. " * 9 + "</p>"
    a, b = boilerstrip.extract(page), boilerstrip.extract(page.replace("story", "tale"))
    assert set(fingerprint(a)) == set(PARTS)
    assert fingerprint(a) == fingerprint(boilerstrip.extract(page))
    changed = {p for p in PARTS if fingerprint(a)[p] != fingerprint(b)[p]}
    assert changed == set(PARTS)  # to_dict() holds the text too
    c = boilerstrip.extract(page, "https://example.org/a")
    assert {p for p in PARTS if fingerprint(a)[p] != fingerprint(c)[p]} == {"metadata"}
