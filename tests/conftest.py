from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def fixture_cases() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if (p / "source.html").is_file())


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
