"""Promises about the project itself: README commands, CI script, types and lint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)[:2]


def test_readme_opens_with_two_commands_that_ci_runs() -> None:
    run_cmd, test_cmd = readme_commands()
    assert "boilerstrip fixtures/" in run_cmd
    page = run_cmd.split("boilerstrip ", 1)[1].split()[0]
    assert (ROOT / page).is_file()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_cmd in ci.splitlines()


def test_package_ships_type_marker() -> None:
    assert (ROOT / "boilerstrip" / "py.typed").is_file()


def _tool(name: str) -> list[str]:
    if shutil.which(name) is None and not (Path(sys.executable).parent / name).exists():
        pytest.skip(f"{name} is not installed (it comes with the test extras)")
    return [sys.executable, "-m", name]


def test_mypy_strict_is_clean() -> None:
    proc = subprocess.run(
        [*_tool("mypy"), "--strict", "boilerstrip"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_is_clean() -> None:
    proc = subprocess.run(
        [*_tool("ruff"), "check", "boilerstrip", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
