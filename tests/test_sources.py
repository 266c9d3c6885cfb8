"""Inputs into documents: directories, files, WARC records, URLs (on a local server)."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from boilerstrip.cli.sources import (
    Document,
    Failure,
    FetchError,
    FetchOptions,
    Input,
    Remote,
    _read_limited,
    expand_inputs,
    fetch,
    read_input,
    read_inputs,
    read_warc,
    stable_name,
)
from tests import warcs
from tests.localhttp import Seen, serve

pytest.importorskip("fastwarc")


@pytest.fixture
def server() -> Iterator[tuple[str, Seen]]:
    with serve() as running:
        yield running


def touch(path: Path, text: str = "<p>x</p>") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- inputs ------------------------------------------------------------------------------------


def test_expand_walks_directories_in_a_stable_order(tmp_path: Path) -> None:
    for name in ("b/2.html", "a/1.htm", "a/z.xhtml", "a/notes.txt", "c.warc.gz", "0.html"):
        touch(tmp_path / name)
    got = list(expand_inputs([str(tmp_path)]))
    assert [Path(i.name).relative_to(tmp_path).as_posix() for i in got] == [
        "0.html",
        "a/1.htm",
        "a/z.xhtml",
        "b/2.html",
    ]
    assert {i.kind for i in got} == {"file"}


def test_expand_with_globs_finds_warcs(tmp_path: Path) -> None:
    touch(tmp_path / "x" / "c.warc.gz")
    touch(tmp_path / "d.html")
    got = list(expand_inputs([str(tmp_path)], ["*.warc.gz"]))
    assert got == [Input("warc", str(tmp_path / "x" / "c.warc.gz"))]


def test_expand_kinds() -> None:
    names = ["-", "https://e.org/a", "HTTP://E.ORG/", "a.warc", "b.WARC.GZ", "c.html", "nope"]
    assert [i.kind for i in expand_inputs(names)] == [
        "stdin",
        "url",
        "url",
        "warc",
        "warc",
        "file",
        "file",
    ]


def test_files_and_stdin(tmp_path: Path) -> None:
    path = touch(tmp_path / "a.html", "<p>hello</p>")
    inputs = [Input("file", str(path)), Input("stdin", "-"), Input("url", "http://e.org/")]
    items = list(read_inputs(inputs, io.BytesIO(b"<p>stdin</p>")))
    assert items == [
        Document(str(path), b"<p>hello</p>"),
        Document("-", b"<p>stdin</p>"),
        Remote("http://e.org/"),
    ]


def test_missing_and_unreadable_files_are_failures(tmp_path: Path) -> None:
    [missing] = read_input(Input("file", str(tmp_path / "nope.html")))
    assert missing == Failure(str(tmp_path / "nope.html"), "No such file or directory")
    [directory] = read_input(Input("file", str(tmp_path)))
    assert isinstance(directory, Failure) and directory.error == "Is a directory"


# --- WARC ------------------------------------------------------------------------------------


def sample_records() -> list[bytes]:
    html = warcs.page("One").encode()
    return [
        warcs.request("http://e.org/1", record_id=warcs.rid(0)),
        warcs.response("http://e.org/1", html, record_id=warcs.rid(1)),
        warcs.response("http://e.org/gone", b"gone", record_id=warcs.rid(2), status="404 No"),
        warcs.response(
            "http://e.org/img", b"\x89PNG", record_id=warcs.rid(3), content_type="image/png"
        ),
        warcs.response(
            "http://e.org/ru",
            "<p>Привет</p>".encode("cp1251"),
            record_id=warcs.rid(4),
            content_type="text/html; charset=windows-1251",
        ),
        warcs.response(
            "http://e.org/x",
            b"<p>x</p>",
            record_id=warcs.rid(5),
            content_type="application/xhtml+xml",
        ),
    ]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_keeps_html_200_responses(tmp_path: Path, name: str) -> None:
    path = warcs.write(tmp_path / name, sample_records())
    items = list(read_warc(str(path)))
    assert all(isinstance(i, Document) for i in items)
    docs = [i for i in items if isinstance(i, Document)]
    assert [(d.url, d.record_id, d.encoding) for d in docs] == [
        ("http://e.org/1", warcs.rid(1), "utf-8"),
        ("http://e.org/ru", warcs.rid(4), "windows-1251"),
        ("http://e.org/x", warcs.rid(5), None),
    ]
    assert docs[0].data == warcs.page("One").encode()
    assert docs[1].data == "<p>Привет</p>".encode("cp1251")
    assert {d.source for d in docs} == {str(path)}


@pytest.mark.parametrize("name", ["bad.warc", "bad.warc.gz"])
def test_corrupt_warc_keeps_what_came_before(tmp_path: Path, name: str) -> None:
    good = [
        warcs.response(f"http://e.org/{n}", b"<p>x</p>", record_id=warcs.rid(n)) for n in (1, 2)
    ]
    path = tmp_path / name
    if name.endswith(".gz"):
        warcs.write(path, good[:1])
        path.write_bytes(path.read_bytes() + b"\x1f\x8b\x08\x00broken gzip member" + b"\0" * 40)
    else:
        path.write_bytes(good[0] + b"NOT A WARC RECORD\r\n\r\n" + good[1])
    items = list(read_warc(str(path)))
    assert isinstance(items[0], Document) and items[0].url == "http://e.org/1"
    assert isinstance(items[-1], Failure)
    assert items[-1].error.startswith("corrupt WARC data after 1 response record, the rest")
    assert len(items) == 2


def test_truncated_record_is_a_failure(tmp_path: Path) -> None:
    records = [
        warcs.response(f"http://e.org/{n}", warcs.page("T").encode(), record_id=warcs.rid(n))
        for n in (1, 2)
    ]
    path = tmp_path / "cut.warc"
    path.write_bytes(records[0] + records[1][:200])
    first, second = read_warc(str(path))
    assert isinstance(first, Document)
    assert isinstance(second, Failure)
    assert (second.url, second.record_id) == ("http://e.org/2", warcs.rid(2))


def test_not_a_warc_and_missing_warc(tmp_path: Path) -> None:
    path = touch(tmp_path / "fake.warc", "hello, not a WARC\n" * 5)
    [fake] = read_warc(str(path))
    assert isinstance(fake, Failure) and "after 0 response records" in fake.error
    [missing] = read_input(Input("warc", str(tmp_path / "none.warc.gz")))
    assert missing == Failure(str(tmp_path / "none.warc.gz"), "No such file or directory")


# --- URLs ------------------------------------------------------------------------------------


def test_fetch_page_with_a_clear_user_agent(server: tuple[str, Seen]) -> None:
    base, seen = server
    got = fetch(f"{base}/page")
    assert got.source == got.url == f"{base}/page"
    assert b"Local page" in got.data
    assert got.encoding == "utf-8"
    assert seen.agents[-1].startswith("boilerstrip/")


def test_fetch_follows_redirects_and_reads_the_header_charset(server: tuple[str, Seen]) -> None:
    base, _ = server
    moved = fetch(f"{base}/redirect")
    assert (moved.source, moved.url) == (f"{base}/redirect", f"{base}/page")
    assert fetch(f"{base}/cp1251").encoding == "windows-1251"


@pytest.mark.parametrize(
    ("path", "options", "error"),
    [
        ("/hop/0", FetchOptions(max_redirects=3), "more than 3 redirects"),
        ("/redirect", FetchOptions(max_redirects=0), "more than 0 redirects"),
        ("/ftp", FetchOptions(), "redirect to a URL that is not http(s)"),
        ("/missing", FetchOptions(), "HTTP 404 Not Found"),
        ("/big", FetchOptions(max_bytes=50_000), "response larger than 50000 bytes"),
        ("/slow", FetchOptions(timeout=0.3), "timed out"),
    ],
)
def test_fetch_failures(
    server: tuple[str, Seen], path: str, options: FetchOptions, error: str
) -> None:
    base, _ = server
    with pytest.raises(FetchError) as info:
        fetch(base + path, options)
    assert str(info.value).startswith(error)


def test_fetch_refused_connection() -> None:
    with pytest.raises(FetchError):
        fetch("http://127.0.0.1:9/", FetchOptions(timeout=2))


# --- output names ----------------------------------------------------------------------------


class _Response:
    def __init__(self, length: str, body: bytes) -> None:
        self.headers = {"Content-Length": length}
        self.body = body

    def read(self, size: int) -> bytes:
        return self.body[:size]


@pytest.mark.parametrize("length", ["²", "٣", "9" * 5000, " 12 ", "", "x"])
def test_odd_content_lengths_are_read_or_refused_cleanly(length: str) -> None:
    # "²" passes str.isdigit() and fails int(); 5,000 digits are past what int() reads.
    if length.strip() == "9" * 5000:
        with pytest.raises(FetchError, match="larger than"):
            _read_limited(_Response(length, b"<p>x</p>"), 100)
    else:
        assert _read_limited(_Response(length, b"<p>x</p>"), 100) == b"<p>x</p>"


def test_stable_name_of_a_malformed_record_url() -> None:
    # A stray "[" in a record's URL: urlsplit raises "Invalid IPv6 URL"; the name falls back.
    name = stable_name("crawl.warc.gz", "<urn:uuid:1>", url="http://[bad/story.html")
    assert name.startswith("page-") and len(name) == len("page-") + 16


def test_stable_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = stable_name("pages/story one.html")
    assert name == stable_name(os.path.join(str(tmp_path), "pages", "story one.html"))
    assert name.startswith("story-one-") and len(name) == len("story-one-") + 16
    rec1 = stable_name("c.warc.gz", warcs.rid(1), "http://e.org/news/a-story.html")
    rec2 = stable_name("c.warc.gz", warcs.rid(2), "http://e.org/news/a-story.html")
    assert rec1.startswith("a-story.html-") and rec1 != rec2
    assert stable_name("https://e.org/").startswith("e.org-")
    assert stable_name("-").startswith("stdin-")
    assert stable_name("c.warc.gz").startswith("c-")


def test_warc_without_fastwarc_is_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = warcs.write(tmp_path / "c.warc", sample_records())
    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)  # import fails
    [item] = read_warc(str(path))
    assert isinstance(item, Failure) and "pip install 'boilerstrip[warc]'" in item.error
