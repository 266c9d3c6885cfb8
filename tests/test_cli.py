"""The command line: single pages as before, and batches (files, directories, WARC, URLs)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from boilerstrip.cli import main
from tests import warcs
from tests.localhttp import Seen, serve

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


# --- batches -----------------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[tuple[str, Seen]]:
    with serve() as running:
        yield running


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def html_file(path: Path, title: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(warcs.page(title), encoding="utf-8")
    return path


def crawl(path: Path) -> Path:
    records = [
        warcs.response(
            f"http://e.org/{n}", warcs.page(f"Record {n}").encode(), record_id=warcs.rid(n)
        )
        for n in range(3)
    ]
    records.insert(
        1, warcs.response("http://e.org/empty", b"<html></html>", record_id=warcs.rid(9))
    )
    return warcs.write(path, records)


def jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_jsonl_keeps_input_order_and_reports_failures(tmp_path: Path) -> None:
    pytest.importorskip("fastwarc")
    a = html_file(tmp_path / "a.html", "Alpha")
    warc = crawl(tmp_path / "c.warc.gz")
    missing = tmp_path / "missing.html"
    out = tmp_path / "out.jsonl"
    code, stdout, err = run(["--jsonl", str(out), "-j", "2", str(a), str(missing), str(warc)])
    assert code == 1
    assert stdout == ""
    rows = jsonl(out.read_text(encoding="utf-8"))
    assert [(r["source"], r.get("record_id")) for r in rows] == [
        (str(a), None),
        (str(missing), None),
        (str(warc), warcs.rid(0)),
        (str(warc), warcs.rid(9)),
        (str(warc), warcs.rid(1)),
        (str(warc), warcs.rid(2)),
    ]
    assert rows[0]["title"] == "Alpha" and "committee met" in str(rows[0]["text"])
    assert set(rows[0]) == {"source", "url", "title", "text", "warnings"}
    assert rows[1]["error"] == "No such file or directory" and rows[1]["text"] == ""
    assert set(rows[2]) == {"source", "record_id", "url", "title", "text", "warnings"}
    assert rows[2]["url"] == "http://e.org/0" and rows[2]["title"] == "Record 0"
    assert rows[3]["text"] == "" and rows[3]["warnings"]
    assert f"boilerstrip: {missing}: No such file or directory" in err
    assert "6 documents, 4 with text, 1 empty, 1 failed" in err


def test_jsonl_to_stdout() -> None:
    code, out, _ = run(["--jsonl", "-", "-"], (SEED / "source.html").read_bytes())
    assert code == 0
    [row] = jsonl(out)
    assert row["source"] == "-"
    assert str(row["text"]) + "\n" == (SEED / "expected.txt").read_text(encoding="utf-8")


def test_format_json_prints_one_object(tmp_path: Path) -> None:
    page = html_file(tmp_path / "a.html", "Alpha")
    code, out, err = run(["--format", "json", "--url", "http://e.org/a", str(page)])
    assert code == 0 and err == ""
    obj = json.loads(out)
    assert {"url", "title", "text", "warnings", "encoding"} <= set(obj)  # all of to_dict()
    assert "blocks" not in obj and "markup" not in obj
    assert (obj["url"], obj["title"]) == ("http://e.org/a", "Alpha")


def test_directory_prints_each_page_with_a_header(tmp_path: Path) -> None:
    html_file(tmp_path / "site" / "b" / "two.htm", "Two")
    html_file(tmp_path / "site" / "a" / "one.html", "One")
    (tmp_path / "site" / "skip.txt").write_text("no", encoding="utf-8")
    code, out, err = run(["-j", "1", str(tmp_path / "site")])
    assert code == 0
    one, two = tmp_path / "site" / "a" / "one.html", tmp_path / "site" / "b" / "two.htm"
    assert out.startswith(f"==> {one} <==\n")
    assert f"\n\n==> {two} <==\n" in out
    assert "2 documents, 2 with text, 0 empty, 0 failed" in err
    code, out, _ = run(["--glob", "*.txt", "--jsonl", "-", str(tmp_path / "site")])
    assert [r["source"] for r in jsonl(out)] == [str(tmp_path / "site" / "skip.txt")]


def test_output_dir_resumes(tmp_path: Path) -> None:
    pytest.importorskip("fastwarc")
    a = html_file(tmp_path / "in" / "a.html", "Alpha")
    warc = crawl(tmp_path / "in" / "c.warc")
    outdir = tmp_path / "out"
    argv = ["--output-dir", str(outdir), str(a), str(warc), str(tmp_path / "gone.html")]
    code, stdout, err = run(argv)
    assert code == 1 and stdout == ""
    names = sorted(p.name for p in outdir.iterdir())
    assert len(names) == 5  # 1 file + 4 records, no temporary file left
    assert all(n.endswith(".txt") and not n.startswith(".") for n in names)
    [alpha] = [p for p in outdir.iterdir() if p.name.startswith("a-")]
    assert "committee met" in alpha.read_text(encoding="utf-8")
    alpha.write_text("kept", encoding="utf-8")
    code, _, err = run([*argv, "--skip-existing"])
    assert code == 1
    assert sorted(p.name for p in outdir.iterdir()) == names  # same names: derived stably
    assert alpha.read_text(encoding="utf-8") == "kept"
    assert "1 documents, 0 with text, 0 empty, 1 failed, 5 skipped" in err
    code, _, _ = run([*argv[:-1], "--format", "json"])
    assert code == 0
    assert len([p for p in outdir.iterdir() if p.suffix == ".json"]) == 5


def test_output_dir_write_failure_is_reported(tmp_path: Path) -> None:
    a = html_file(tmp_path / "a.html", "Alpha")
    b = html_file(tmp_path / "b.html", "Beta")
    outdir = tmp_path / "out"
    run(["--output-dir", str(outdir), str(a)])
    [written] = outdir.iterdir()
    written.unlink()
    written.mkdir()  # a directory where the file should go: the rename fails
    code, _, err = run(["--output-dir", str(outdir), str(a), str(b)])
    assert code == 1
    assert f"boilerstrip: {a}: cannot write {written}" in err
    assert len(list(outdir.iterdir())) == 2


def test_output_dir_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(["--output-dir", str(blocker / "sub"), str(SEED / "source.html")])
    assert code == 1 and "boilerstrip:" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--jsonl", "a", "--output-dir", "b"],
        ["--skip-existing", "x.html"],
        ["--jobs", "0"],
        ["--timeout", "-1"],
        ["--format", "nonsense"],
        ["--dask", "tcp://127.0.0.1:1", "-"],
    ],
)
def test_usage_errors_return_2(argv: list[str]) -> None:
    code, out, err = run(argv)
    assert code == 2 and out == ""
    assert err.startswith("usage: boilerstrip") and "error:" in err


def test_urls(server: tuple[str, Seen]) -> None:
    base, seen = server
    urls = [f"{base}/redirect", f"{base}/missing", f"{base}/slow", f"{base}/hop/0", f"{base}/big"]
    argv = ["--jsonl", "-", "--timeout", "0.5", "--max-redirects", "2", "--max-bytes", "50000"]
    code, out, err = run([*argv, "-j", "2", *urls])
    assert code == 1
    rows = jsonl(out)
    assert [r["source"] for r in rows] == urls
    assert rows[0]["url"] == f"{base}/page" and rows[0]["title"] == "Local page"
    assert rows[1]["error"] == "HTTP 404 Not Found"
    assert "timed out" in str(rows[2]["error"])
    assert rows[3]["error"] == "more than 2 redirects"
    assert str(rows[4]["error"]).startswith("response larger than 50000 bytes")
    for url in urls[1:]:
        assert f"boilerstrip: {url}: " in err
    assert "5 documents, 1 with text, 0 empty, 4 failed" in err
    assert all(agent.startswith("boilerstrip/") for agent in seen.agents)


def test_single_url_to_stdout(server: tuple[str, Seen]) -> None:
    base, _ = server
    code, out, err = run([f"{base}/cp1251"])
    assert code == 0 and err == ""
    assert out.startswith("Комитет собрался во вторник")


def test_progress_bar_and_summary_on_a_terminal(tmp_path: Path) -> None:
    pytest.importorskip("tqdm")
    files = [str(html_file(tmp_path / f"{n}.html", f"T{n}")) for n in range(3)]
    err = Tty()
    code = main(["--jsonl", str(tmp_path / "o.jsonl"), *files], stdout=io.StringIO(), stderr=err)
    assert code == 0
    assert "doc" in err.getvalue() and "\r" in err.getvalue()
    assert err.getvalue().rstrip().splitlines()[-1].startswith("boilerstrip: 3 documents")
    quiet = Tty()
    main(["-q", "--jsonl", str(tmp_path / "o.jsonl"), *files], stdout=io.StringIO(), stderr=quiet)
    assert quiet.getvalue() == ""


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    files = [str(html_file(tmp_path / f"{n}.html", f"T{n}")) for n in range(2)]
    code, _, err = run(["--jsonl", str(tmp_path / "o.jsonl"), *files])
    assert code == 0
    assert err.count("\n") == 1 and "\r" not in err


def test_warnings_flag(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    code, out, err = run(["--warnings", str(empty)])
    assert code == 0 and out == ""
    assert f"boilerstrip: {empty}: the input holds no HTML" in err


def test_console_script_batch_to_output_dir(tmp_path: Path) -> None:
    page = html_file(tmp_path / "a.html", "Alpha")
    proc = subprocess.run(
        [sys.executable, "-m", "boilerstrip", "-q", "--output-dir", str(tmp_path / "o"), str(page)],
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    assert len(list((tmp_path / "o").iterdir())) == 1


def test_no_bar_without_tqdm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import fails
    files = [str(html_file(tmp_path / f"{n}.html", f"T{n}")) for n in range(2)]
    err = Tty()
    code = main(["--jsonl", str(tmp_path / "o.jsonl"), *files], stdout=io.StringIO(), stderr=err)
    assert code == 0
    assert err.getvalue().startswith("boilerstrip: 2 documents") and "\r" not in err.getvalue()


def test_dask_without_distributed_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    code, _, err = run(["--dask", "local", str(SEED / "source.html")])
    assert code == 2 and "pip install 'boilerstrip[dask]'" in err


def _long_page() -> bytes:
    paragraphs = "".join(
        f"<p>Paragraph {i}: the council met on Tuesday and agreed, after a long debate, that the"
        " library would open in the spring.</p>"
        for i in range(30)
    )
    return f"<html><body><article>{paragraphs}</article></body></html>".encode()


def test_max_elements_cuts_a_page_and_says_so(tmp_path: Path) -> None:
    code, out, err = run(["--max-elements", "12", "--warnings", "-"], _long_page())
    assert code == 0, err
    assert "Paragraph 9:" in out and "Paragraph 10:" not in out  # body, article, ten paragraphs
    assert "max_elements=12 " in err
    code, out, err = run(["--max-elements", "0", "--warnings", "-"], _long_page())
    assert code == 0 and "Paragraph 29:" in out and "max_elements" not in err
    code, out, _ = run(["-"], _long_page())  # the default reads it whole
    assert code == 0 and "Paragraph 29:" in out
    code, out, err = run(["--max-elements", "auto", "--warnings", "-"], _long_page())
    assert code == 0 and "Paragraph 29:" in out and "max_elements" not in err
    # In a batch (worker processes) and in the explain view alike.
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_bytes(_long_page())
    jsonl = tmp_path / "out.jsonl"
    code, _, err = run(["--max-elements", "12", "-q", "--jsonl", str(jsonl), str(tmp_path)])
    assert code == 0, err
    rows = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert len(rows) == 2
    for row in rows:
        assert "Paragraph 10:" not in row["text"]
        assert any("max_elements" in w for w in row["warnings"])
    code, out, err = run(["--max-elements", "4", "--explain", "-"], _long_page())
    assert code == 0, err
    assert "Paragraph 1:" in out and "Paragraph 2:" not in out


@pytest.mark.parametrize("value", ["-1", "x", "1.5", "Auto"])
def test_max_elements_must_be_a_count(value: str) -> None:
    code, _, err = run(["--max-elements", value, "-"], _long_page())
    assert code == 2 and "--max-elements" in err
