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
    source = (case / "source.html").read_bytes()
    got = boilerstrip.extract_text(source)
    assert got == expected, f"{case.name} differs:\n{_diff(expected, got)}"
    # extract_text() takes its own, lighter path through the pipeline: the same text.
    assert boilerstrip.extract(source).text == got


#: The metadata every meta.json gives (null or [] where the page says nothing).
META_FIELDS = (
    "title",
    "byline",
    "authors",
    "date",
    "date_modified",
    "site_name",
    "lang",
    "description",
    "image",
    "canonical_url",
    "tags",
)


def test_there_are_enough_metadata_cases() -> None:
    assert len(fixture_cases()) >= 40


@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: p.name)
def test_fixture_metadata(case: Path) -> None:
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    assert sorted(meta) == sorted(META_FIELDS), f"{case.name}/meta.json: fields differ"
    article = boilerstrip.extract((case / "source.html").read_bytes())
    got = {}
    for name in META_FIELDS:
        value = getattr(article, name)
        got[name] = list(value) if isinstance(value, tuple) else value
    wrong = {k: (meta[k], got[k]) for k in META_FIELDS if meta[k] != got[k]}
    assert not wrong, f"{case.name}: (expected, got) {wrong}"
    # No URL was passed: the Article's url is the page's canonical one.
    assert article.url == meta["canonical_url"]
