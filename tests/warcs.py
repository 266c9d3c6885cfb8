"""Hand-built WARC/1.0 files for the tests (no WARC library needed to write them)."""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Sequence
from pathlib import Path

PROSE = (
    "The committee met on Tuesday to review the budget, and its members agreed, after a long"
    " debate, that the new library would open in the spring. "
)


def page(title: str, body: str = PROSE * 3) -> str:
    """A small article page whose text boilerstrip keeps."""
    return (
        f"<html><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )


def _block(headers: list[tuple[str, str]], payload: bytes) -> bytes:
    lines = "".join(f"{k}: {v}\r\n" for k, v in headers)
    return f"WARC/1.0\r\n{lines}Content-Length: {len(payload)}\r\n\r\n".encode() + payload


def response(
    url: str,
    body: bytes,
    *,
    record_id: str,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    extra: Sequence[tuple[str, str]] = (),
) -> bytes:
    """One ``response`` record: WARC headers (``extra`` added), the HTTP response, a separator."""
    http = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    headers = [
        ("WARC-Type", "response"),
        ("WARC-Record-ID", record_id),
        ("WARC-Target-URI", url),
        ("WARC-Date", "2024-01-01T00:00:00Z"),
        ("Content-Type", "application/http; msgtype=response"),
        *extra,
    ]
    return _block(headers, http) + b"\r\n\r\n"


def request(url: str, *, record_id: str) -> bytes:
    http = f"GET {url} HTTP/1.1\r\nHost: example.org\r\n\r\n".encode()
    headers = [
        ("WARC-Type", "request"),
        ("WARC-Record-ID", record_id),
        ("WARC-Target-URI", url),
        ("WARC-Date", "2024-01-01T00:00:00Z"),
        ("Content-Type", "application/http; msgtype=request"),
    ]
    return _block(headers, http) + b"\r\n\r\n"


def write(path: Path, records: Iterable[bytes]) -> Path:
    """Write records to ``path``, each its own gzip member when the name ends in ``.gz``."""
    records = list(records)
    if path.name.endswith(".gz"):
        path.write_bytes(b"".join(gzip.compress(r) for r in records))
    else:
        path.write_bytes(b"".join(records))
    return path


def rid(n: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"
