"""Every fixture page extracts to its expected text, exactly."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

import boilerstrip
from tests.conftest import fixture_cases


def _diff(expected: str, got: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(), got.splitlines(), "expected.txt", "extract_text", lineterm=""
    )
    return "\n".join(lines)


def test_there_are_enough_cases() -> None:
    assert len(fixture_cases()) >= 20


@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: p.name)
def test_fixture_text(case: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").rstrip("\n")
    got = boilerstrip.extract_text((case / "source.html").read_bytes())
    assert got == expected, f"{case.name} differs:\n{_diff(expected, got)}"


@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: p.name)
def test_fixture_title(case: Path) -> None:
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    assert boilerstrip.extract((case / "source.html").read_bytes()).title == meta["title"]
