"""Turning command-line inputs into documents: files, directories, WARC records, URLs, stdin.

An input names one unit of work (:class:`Input`): an HTML file, a WARC file, an ``http(s)://``
URL or standard input; a directory stands for the files under it that match the globs. Reading
an input gives items:

- :class:`Document`: the bytes of one page, with what its transport said (URL, charset);
- :class:`Remote`: a URL still to be fetched (fetching is left to whoever extracts it, so a
  slow server holds up one worker, not the reader);
- :class:`Failure`: what could not be read, and why. Reading never raises for a bad input: a
  missing file, a corrupt WARC record or an unreachable URL is one more item.

fastwarc is imported only when a WARC file is read (``pip install 'boilerstrip[warc]'``).
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any, Literal
from urllib.parse import urlsplit

from ..encoding import charset_from_content_type

__all__ = [
    "DEFAULT_GLOBS",
    "Document",
    "Failure",
    "FetchError",
    "FetchOptions",
    "Input",
    "Item",
    "Remote",
    "expand_inputs",
    "fetch",
    "is_url",
    "is_warc",
    "read_input",
    "read_inputs",
    "read_warc",
    "stable_name",
]

#: Files a directory input is searched for (recursively), unless ``--glob`` says otherwise.
DEFAULT_GLOBS: tuple[str, ...] = ("*.html", "*.htm", "*.xhtml")
WARC_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz")
#: Media types of the WARC records that are extracted (with HTTP status 200).
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
USER_AGENT = "boilerstrip/0.1 (article text extraction; Python urllib)"
#: Defaults for fetching URLs: the largest body read, and the redirects followed.
MAX_BYTES = 10 * 2**20
MAX_REDIRECTS = 5

InputKind = Literal["file", "warc", "url", "stdin"]


@dataclass(frozen=True, slots=True)
class Input:
    """One unit of work: a file, a WARC file, a URL or standard input (``name == "-"``)."""

    kind: InputKind
    name: str


@dataclass(frozen=True, slots=True)
class Document:
    """The bytes of one page, ready to extract."""

    source: str
    """The file, WARC file or URL it was read from (``-`` for standard input)."""
    data: bytes
    url: str | None = None
    encoding: str | None = None
    """The charset its transport declared (the HTTP ``Content-Type`` header), if any."""
    record_id: str | None = None
    """For a WARC record, its ``WARC-Record-ID``."""


@dataclass(frozen=True, slots=True)
class Remote:
    """A page still to be fetched from ``url``."""

    url: str

    @property
    def source(self) -> str:
        return self.url

    @property
    def record_id(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class Failure:
    """An input, or one record of it, that could not be read."""

    source: str
    error: str
    url: str | None = None
    record_id: str | None = None


Item = Document | Remote | Failure


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits for fetching a URL with the standard library."""

    timeout: float = 30.0
    """Seconds to wait for the connection and for each read (0: no limit)."""
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    user_agent: str = USER_AGENT


class FetchError(Exception):
    """A URL could not be fetched; the message says why, for a person."""


# --- inputs ----------------------------------------------------------------------------------


def is_url(name: str) -> bool:
    return name[:8].lower().startswith(("http://", "https://"))


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def _kind(name: str) -> InputKind:
    if name == "-":
        return "stdin"
    if is_url(name):
        return "url"
    return "warc" if is_warc(name) else "file"


def _walk(directory: str, globs: Sequence[str]) -> Iterator[str]:
    """Files under ``directory`` whose names match one of ``globs``, in a stable order."""
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if any(fnmatch.fnmatch(name, pattern) for pattern in globs):
                yield os.path.join(root, name)


def expand_inputs(names: Iterable[str], globs: Sequence[str] = DEFAULT_GLOBS) -> Iterator[Input]:
    """The inputs named on a command line, directories replaced by the files they hold.

    A name that does not exist is kept as a file: reading it reports the error.
    """
    for name in names:
        if name != "-" and not is_url(name) and os.path.isdir(name):
            yield from (Input(_kind(path), path) for path in _walk(name, globs))
        else:
            yield Input(_kind(name), name)


# --- reading ---------------------------------------------------------------------------------


def _os_error(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _read_file(path: str) -> Document | Failure:
    try:
        with open(path, "rb") as fh:
            return Document(path, fh.read())
    except OSError as exc:
        return Failure(path, _os_error(exc))


def _read_stream(stream: IO[bytes]) -> Document | Failure:
    try:
        return Document("-", stream.read())
    except OSError as exc:
        return Failure("-", _os_error(exc))


def read_input(inp: Input, stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """The items of one input, in order. Never raises for a bad input: see :class:`Failure`."""
    if inp.kind == "warc":
        yield from read_warc(inp.name)
    elif inp.kind == "url":
        yield Remote(inp.name)
    elif inp.kind == "stdin":
        yield _read_stream(stdin) if stdin is not None else Failure("-", "no standard input")
    else:
        yield _read_file(inp.name)


def read_inputs(inputs: Iterable[Input], stdin: IO[bytes] | None = None) -> Iterator[Item]:
    for inp in inputs:
        yield from read_input(inp, stdin)


# --- WARC --------------------------------------------------------------------------------------


def _header(headers: Any, key: str) -> str | None:
    value = headers.get(key)
    return str(value) if value is not None else None


def _record_item(path: str, record: Any) -> Item | None:
    """The document in one WARC response record; ``None`` for one that is not an HTML page."""
    if not record.is_http:
        return None
    record_id = _header(record.headers, "WARC-Record-ID")
    url = _header(record.headers, "WARC-Target-URI")
    url = url.strip("<>") if url else None
    http = record.http_headers
    status = http.status_code if http is not None else None
    if status is None:
        return Failure(path, "the record holds no readable HTTP response", url, record_id)
    content_type = _header(http, "Content-Type") or ""
    if str(status) != "200" or content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    try:
        data = bytes(record.reader.read())
    except (OSError, ValueError) as exc:
        return Failure(path, f"the record cannot be read: {exc}", url, record_id)
    return Document(path, data, url, charset_from_content_type(content_type), record_id)


def _corrupt(count: int, exc: Exception) -> str:
    records = f"{count} response record{'' if count == 1 else 's'}"
    return f"corrupt WARC data after {records}, the rest of the file skipped: {exc}"


def read_warc(path: str) -> Iterator[Item]:
    """The HTML pages of the HTTP 200 response records of a WARC file (``.warc``, ``.warc.gz``).

    Data that cannot be parsed ends the file with a :class:`Failure` saying how many records
    were read before it; the documents read until then are kept.
    """
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        yield Failure(path, "reading WARC files needs fastwarc: pip install 'boilerstrip[warc]'")
        return
    try:
        stream = open(path, "rb")  # noqa: SIM115 (closed below, the generator may be suspended)
    except OSError as exc:
        yield Failure(path, _os_error(exc))
        return
    with stream:
        records = iter(
            ArchiveIterator(
                stream, record_types=WarcRecordType.response, parse_http=True, auto_decode="all"
            )
        )
        count = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except (OSError, ValueError) as exc:
                yield Failure(path, _corrupt(count, exc))
                return
            count += 1
            item = _record_item(path, record)
            if item is not None:
                yield item


# --- URLs ----------------------------------------------------------------------------------


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, and only to http(s) URLs."""

    #: urllib's own cap, above any sensible ``limit``: ours is checked first.
    max_redirections = 100

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._limit = limit

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if len(getattr(req, "redirect_dict", ())) >= self._limit:
            raise FetchError(f"more than {self._limit} redirects")
        if not is_url(newurl):
            raise FetchError(f"redirect to a URL that is not http(s): {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read_limited(response: Any, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length") or ""
    digits = declared.strip()
    # isdecimal, not isdigit ("²" is a digit that int() refuses); past 18 digits the length
    # is beyond any limit, and int() reads at most 4,300.
    if digits.isdecimal() and (len(digits) > 18 or int(digits) > max_bytes):
        raise FetchError(f"response larger than {max_bytes} bytes (Content-Length {declared})")
    data = bytes(response.read(max_bytes + 1))
    if len(data) > max_bytes:
        raise FetchError(f"response larger than {max_bytes} bytes")
    return data


def fetch(url: str, options: FetchOptions | None = None) -> Document:
    """GET ``url`` and return its body; raises :class:`FetchError` saying what went wrong."""
    options = options or FetchOptions()
    opener = urllib.request.build_opener(_Redirects(options.max_redirects))
    request = urllib.request.Request(
        url,
        headers={"User-Agent": options.user_agent, "Accept": "text/html,*/*;q=0.5"},
    )
    timeout = options.timeout if options.timeout > 0 else None
    try:
        with opener.open(request, timeout=timeout) as response:
            data = _read_limited(response, options.max_bytes)
            content_type = response.headers.get("Content-Type") or ""
            final_url = str(response.geturl())
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise FetchError(f"more than {options.max_redirects} redirects") from None
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(str(exc.reason)) from None
    except TimeoutError:
        raise FetchError("timed out") from None
    except (OSError, ValueError) as exc:
        raise FetchError(str(exc) or type(exc).__name__) from None
    return Document(url, data, final_url, charset_from_content_type(content_type))


# --- output names --------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_STEM_CHARS = 48


def _readable(text: str) -> str:
    return _UNSAFE.sub("-", text).strip("-.")[:_STEM_CHARS] or "page"


def _url_stem(url: str) -> str:
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # "Invalid IPv6 URL"
        return "page"
    segments = [s for s in parts.path.split("/") if s]
    return segments[-1] if segments else hostname or "page"


def _file_stem(path: str) -> str:
    name = os.path.basename(path.rstrip("/\\"))
    for suffix in (*WARC_SUFFIXES, *(g.lstrip("*") for g in DEFAULT_GLOBS)):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def stable_name(source: str, record_id: str | None = None, url: str | None = None) -> str:
    """A file-name stem for a document that is the same on every run over the same inputs.

    A readable part (the page's URL or file name) and a digest of the document's identity: the
    absolute path of its file, or its URL, plus the record ID for a WARC record.
    """
    identity = source if source == "-" or is_url(source) else os.path.abspath(source)
    if record_id is not None:
        identity = f"{identity}\n{record_id}"
    digest = hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    if record_id is not None and url:
        stem = _url_stem(url)
    elif is_url(source):
        stem = _url_stem(source)
    else:
        stem = "stdin" if source == "-" else _file_stem(source)
    return f"{_readable(stem)}-{digest}"
