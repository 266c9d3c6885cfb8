"""The package's shape: the import contracts of pyproject.toml ([tool.importlinter]) hold, every
part of the package stands in a layer, and no module imports another's private names."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "boilerstrip"

#: Runs import-linter's own command on the pyproject.toml of the current directory.
LINT = "from importlinter.cli import lint_imports; raise SystemExit(lint_imports(no_cache=True))"


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LINT], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_import_contracts_are_kept() -> None:
    proc = _lint(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_an_upward_import_breaks_the_contracts(tmp_path: Path) -> None:
    """The contracts can fail: the data module reaching up to the renderers, even lazily
    inside a function (as it did before the layers), breaks the layers and makes a cycle."""
    shutil.copytree(PACKAGE, tmp_path / "boilerstrip", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    article = tmp_path / "boilerstrip" / "article.py"
    article.write_text(
        article.read_text(encoding="utf-8")
        + "\n\ndef _markdown(data: ArticleData) -> str:\n"
        + "    from .render.markdown import render_markdown\n\n"
        + "    return render_markdown(data)\n",
        encoding="utf-8",
    )
    proc = _lint(tmp_path)
    assert proc.returncode != 0
    assert "boilerstrip.article -> boilerstrip.render.markdown" in proc.stdout, proc.stdout
    assert "2 broken" in proc.stdout, proc.stdout  # the layers, and the cycle it makes


def _layered() -> set[str]:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers")
    return {m.strip() for layer in contract["layers"] for m in layer.replace(":", "|").split("|")}


def test_every_part_of_the_package_stands_in_a_layer() -> None:
    """A new module or subpackage at the top of the package is placed in the layers contract
    (import-linter only checks the modules it names)."""
    parts = {
        f"boilerstrip.{p.stem if p.suffix == '.py' else p.name}"
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" and p.name != "__init__.py") or (p / "__init__.py").is_file()
    }
    assert parts - _layered() == set()


def _private_imports(path: Path, root: Path = ROOT) -> list[str]:
    """``path:line module name`` for each private name imported from a boilerstrip module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(root)}:{node.lineno} {'.' * node.level}{node.module or ''} {a.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and (node.level or (node.module or "").startswith("boilerstrip"))
        for a in node.names
        if a.name.startswith("_") and not a.name.startswith("__")
    ]


def test_no_module_imports_another_modules_private_names() -> None:
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in _private_imports(path)]
    assert found == []


def test_the_private_import_check_sees_one(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from .segment import _BREAK, BLOCK_TAGS\nfrom boilerstrip.api import _run\n"
        "from os import _exit\n",
        encoding="utf-8",
    )
    assert [h.rsplit(" ", 1)[1] for h in _private_imports(module, tmp_path)] == ["_BREAK", "_run"]
