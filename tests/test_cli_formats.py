"""``--format markdown|html|json`` end to end: one page to stdout, a batch to --output-dir and
to --jsonl (rendered in the worker processes)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import boilerstrip
from boilerstrip.cli import main

CASE = Path(__file__).resolve().parent.parent / "fixtures" / "lists_table_code"
URL = "https://lanternworks.example/blog/ci/"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.BytesIO(b""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def expected() -> boilerstrip.Article:
    return boilerstrip.extract((CASE / "source.html").read_bytes(), url=URL)


def test_markdown_to_stdout() -> None:
    code, out, err = run(["--format", "markdown", "--url", URL, str(CASE / "source.html")])
    assert code == 0, err
    assert out == expected().to_markdown() + "\n"
    assert "| Step | Before | After |" in out and "](" not in out  # no links in this body


def test_html_to_stdout_is_a_document() -> None:
    code, out, err = run(["--format", "html", "--url", URL, str(CASE / "source.html")])
    assert code == 0, err
    assert out == expected().to_html(document=True) + "\n"
    assert out.startswith("<!DOCTYPE html>") and "<script" not in out


def test_json_is_the_whole_dict() -> None:
    code, out, err = run(["--format", "json", "--url", URL, str(CASE / "source.html")])
    assert code == 0, err
    assert json.loads(out) == expected().to_dict()


def test_output_dir_suffixes_and_jsonl_keys(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a", "b"):
        (pages / f"{name}.html").write_bytes((CASE / "source.html").read_bytes())
    for form, suffix in (("markdown", ".md"), ("html", ".html"), ("json", ".json")):
        outdir = tmp_path / form
        code, _, err = run(["-q", "-j", "2", "--format", form, "--output-dir", str(outdir),
                            "--url", URL, str(pages)])  # fmt: skip
        assert code == 0, err
        files = sorted(outdir.iterdir())
        assert [p.suffix for p in files] == [suffix, suffix]
        if form == "markdown":
            assert files[0].read_text(encoding="utf-8") == expected().to_markdown() + "\n"
    code, out, err = run(["-q", "-j", "2", "--format", "markdown", "--jsonl", "-", "--url", URL,
                          str(pages)])  # fmt: skip
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["markdown"] for r in rows] == [expected().to_markdown()] * 2
    assert all(r["text"] == expected().text for r in rows)
    code, out, _ = run(["-q", "--format", "json", "--jsonl", "-", "--url", URL, str(pages)])
    row = json.loads(out.splitlines()[0])
    assert row["source"].endswith("a.html")
    assert {k: row[k] for k in expected().to_dict()} == expected().to_dict()
