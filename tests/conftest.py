from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from boilerstrip.pipeline import walk
from boilerstrip.pipeline.walk import Implementation

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def dev_page_texts() -> Iterator[str]:
    """The decoded text of every development page of the evaluation sets present; the test
    is skipped when there are none (as on CI)."""
    from benchmarks.evaldata import available_sets, iter_pages
    from boilerstrip.encoding import decode_html

    sets = available_sets()
    if not sets:
        pytest.skip("no evaluation data here")
    for name in sets:
        for page in iter_pages(name):
            yield decode_html(page.html()).text


def fixture_cases() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if (p / "source.html").is_file())


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


#: The segment walks these tests can run: the pure-Python reference always, the compiled twin
#: when it is built (and not turned off with BOILERSTRIP_PURE=1).
WALKS: list[Implementation] = ["python", *(["compiled"] if walk.COMPILED is not None else [])]


def pytest_report_header() -> str:
    built = "built" if walk.COMPILED is not None else "not built or turned off"
    return (
        f"boilerstrip segment walk: {walk.IMPLEMENTATION} (compiled walk {built}); tests marked"
        f" for both walks run on: {', '.join(WALKS)}"
    )


@contextmanager
def walking(implementation: Implementation) -> Iterator[None]:
    """Run the block inside with the given segment walk (the tests compare the two)."""
    before = walk.IMPLEMENTATION
    walk.IMPLEMENTATION = implementation
    try:
        yield
    finally:
        walk.IMPLEMENTATION = before


@pytest.fixture(params=WALKS)
def walk_path(request: pytest.FixtureRequest) -> Iterator[Implementation]:
    """Each test that uses it runs once per available walk."""
    with walking(request.param):
        yield request.param
