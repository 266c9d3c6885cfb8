"""The minimal command line."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from boilerstrip.cli import main

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "news_seed_like"


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_file_prints_expected_body() -> None:
    code, out, err = run([str(SEED / "source.html")])
    assert code == 0, err
    assert out == (SEED / "expected.txt").read_text(encoding="utf-8")


def test_stdin_dash() -> None:
    code, out, _ = run(["-"], (SEED / "source.html").read_bytes())
    assert code == 0
    assert out == (SEED / "expected.txt").read_text(encoding="utf-8")


def test_missing_file_is_reported_and_others_still_printed(tmp_path: Path) -> None:
    missing = tmp_path / "nope.html"
    code, out, err = run([str(missing), str(SEED / "source.html")])
    assert code == 1
    assert "nope.html" in err
    assert (SEED / "expected.txt").read_text(encoding="utf-8").strip() in out


def test_usage_error_exits_2() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "boilerstrip", "--mode", "nonsense"],
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 2


def test_module_entry_point_reads_stdin() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "boilerstrip", "-"],
        input=(SEED / "source.html").read_bytes(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stdout.decode() == (SEED / "expected.txt").read_text(encoding="utf-8")
