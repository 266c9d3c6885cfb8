"""Coverage-guided fuzzing of ``boilerstrip.extract`` with atheris (libFuzzer for Python).

Install the extra and run from the repository root::

    python -m pip install -e '.[fuzz]'
    python benchmarks/fuzz.py -max_total_time=1800            # 30 minutes, one process
    python benchmarks/fuzz.py CRASH_FILE                       # replay one input

Every input is fed to :func:`boilerstrip.extract` as ``bytes`` or as ``str``, in one of the
three modes, with or without a small ``max_elements`` (all chosen by the first byte), and the
promise of the API is checked: an :class:`~boilerstrip.Article` comes back, its ``text`` is a
``str``, an empty result carries a warning, no warning says "extraction failed" (an internal
error that ``extract`` swallowed), and nothing is opened or connected to while it runs (a
Python audit hook). Anything else (an exception, a hang past ``-timeout``, an out-of-memory
past ``-rss_limit_mb``) is a finding: libFuzzer writes the input to ``<artifacts>/crash-...``
(``timeout-...``, ``oom-...``) and stops. Each finding becomes a regression test in
``tests/test_hostile.py``.

Where the compiled segment walk is built (issue 17), ``extract`` runs it, and each input is
also parsed and cut by both walks, the compiled one and the pure-Python one, which must give the
same segmentation (with and without the elements, at the input's ``max_elements``); each input
is also cleaned by ``parse.clean_tree`` and its compiled twin (``walk.compiled_clean``, which
moves dropped nodes by direct pointer changes: a proxy is held on every element while it runs,
and read after), each on its own parse, and the serialized trees compared; and scanned by both
attribute-limit scans (same bytes, same count); and checked for valid UTF-8 by both checks (the
compiled one and ``bytes.decode``); and its meta, link, title, h1 and time elements found by both
tagged walks. Any difference is a finding too.
``BOILERSTRIP_PURE=1`` fuzzes the pure path alone.

Unless given on the command line, the script adds: a corpus folder (``$BOILERSTRIP_FUZZ_DIR``,
default ``/tmp/boilerstrip-fuzz``: ``corpus/``, seeded from ``fixtures/*/source.html`` and a
few hostile snippets, and ``artifacts/``), a dictionary of HTML tokens, ``-max_len=65536``,
``-len_control=0`` (else libFuzzer grows inputs so slowly that a 20-minute run never passed the
13 KB of the largest seed), ``-timeout=5`` (an input of at most 64 KB extracts in
milliseconds: seconds mean something superlinear, as a run of 20,000 digits once took 25 s) and
``-rss_limit_mb=2048``. Nothing is written inside the repository.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import atheris
from lxml import etree

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # run as a script, benchmarks/ is not on the path

from benchmarks.guard import outside_world_watched  # noqa: E402
from benchmarks.twins import leave_as_parsed, serialized  # noqa: E402

with atheris.instrument_imports():
    import boilerstrip
    from boilerstrip.encoding import decode_html
    from boilerstrip.pipeline import walk
    from boilerstrip.pipeline.parse import clean_tree, limit_attributes, parse_html
    from boilerstrip.pipeline.segment import segment
WORK_DIR = Path(os.environ.get("BOILERSTRIP_FUZZ_DIR", "/tmp/boilerstrip-fuzz"))
MODES = ("balanced", "precision", "recall")

#: Tokens libFuzzer splices into inputs: tags, attributes, entities, declarations, charsets,
#: control characters. Tokens made of code points below 256 are those bytes (byte-order marks),
#: others are UTF-8.
DICTIONARY = [
    "<html>",
    "</html>",
    "<head>",
    "<body>",
    "</body>",
    "<title>",
    "</title>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<span>",
    "<a href='x'>",
    "</a>",
    "<br>",
    "<pre>",
    "</pre>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "</table>",
    "<ul>",
    "<li>",
    "</ul>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<article>",
    "<nav>",
    "<footer>",
    "<aside>",
    "<blockquote>",
    "<figure>",
    "<figcaption>",
    "<script>",
    "</script>",
    "<style>",
    "<noscript>",
    "<template>",
    "<svg>",
    "<math>",
    "<frameset>",
    "<frame src='x'>",
    "<iframe>",
    "<textarea>",
    "<select>",
    "<option>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?xml version='1.0'?>",
    "<!DOCTYPE html>",
    "<!DOCTYPE html [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>",
    "&x;",
    "<!ENTITY",
    "&amp;",
    "&lt;",
    "&nbsp;",
    "&#0;",
    "&#x10FFFF;",
    "&#xD800;",
    "&#99999999;",
    "&",
    " hidden",
    " aria-hidden='true'",
    " style='display:none'",
    " class='content'",
    " class='nav'",
    " id='comments'",
    " role='main'",
    " itemprop='articleBody'",
    "<meta charset='utf-8'>",
    "<meta charset='shift_jis'>",
    "<meta charset='utf-16'>",
    "<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>",
    "\xef\xbb\xbf",
    "\xff\xfe",
    "\xfe\xff",
    "\x00",
    "\x1b$B",
    "\x0b",
    "\x0c",
    "\x1f",
    "\ufffe",
    ". ",
    ", ",
    "。",
]


def _token_bytes(token: str) -> bytes:
    return token.encode("latin-1") if all(ord(c) < 256 for c in token) else token.encode()


SEEDS = [
    b"<p>Hello, world. This is a sentence.</p>",
    b"<div>" * 300 + b"deep" + b"</div>" * 300,
    b"<table><tr><td>" * 50 + b"cell",
    b"<!-- never closed <p>text</p>",
    b"<script>var s = '<p>x</p>';",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
    b"<frameset><frame src='a.html'><noframes><p>No frames.</p></noframes></frameset>",
    "<meta charset='windows-1251'><p>Привет, мир. 你好，世界。 مرحبا بالعالم.</p>".encode(),
]


#: ``max_elements`` values, so that the walk is also cut short at every point.
LIMITS = (None, 1, 3, 12)


def test_one_input(data: bytes) -> None:
    limit: int | None = None
    if not data:
        html: str | bytes = b""
        mode = "balanced"
    else:
        head, rest = data[0], data[1:]
        mode = MODES[head % 3]
        limit = LIMITS[(head >> 3) & 3]
        if head & 0x80:  # str input: surrogates and NULs included
            html = atheris.FuzzedDataProvider(rest).ConsumeUnicodeNoSurrogates(len(rest))
            if head & 0x40:
                html = rest.decode("utf-8", "surrogateescape" if head & 0x20 else "replace")
        else:
            html = rest
    with outside_world_watched() as touched:
        article = boilerstrip.extract(html, mode=mode, max_elements=limit)  # type: ignore[arg-type]
    if touched:
        raise AssertionError(f"extraction touched the outside world: {touched}")
    if not isinstance(article, boilerstrip.Article) or not isinstance(article.text, str):
        raise AssertionError(f"extract returned {type(article).__name__}")
    if not article.text and not article.warnings:
        raise AssertionError("an empty result without a warning")
    # extract() turns an internal error into an empty Article with this warning: for the
    # fuzzer that is a crash all the same.
    failed = [w for w in article.warnings if w.startswith("extraction failed")]
    if failed:
        raise AssertionError(failed[0])
    if walk.COMPILED is not None:
        both_walks_agree(html, limit)
        both_cleanings_agree(html, below=head_byte(data))
        both_limits_agree(data)
        both_limits_agree(text_of(html).encode("utf-8", "surrogatepass"))
        both_utf8_checks_agree(data)
        both_taggeds_agree(html)


def head_byte(data: bytes) -> int:
    return data[0] if data else 0


def text_of(html: str | bytes) -> str:
    return decode_html(html).text if isinstance(html, bytes) else html


def both_walks_agree(html: str | bytes, limit: int | None) -> None:
    """The two segment walks (extract() ran the compiled one) give the same segmentation."""
    root = parse_html(text_of(html))
    if root is None:
        return
    for keep in (True, False):
        python = segment(root, keep_elements=keep, max_elements=limit)
        if walk.compiled_segment(root, keep_elements=keep, max_elements=limit) != python:
            raise AssertionError(f"the walks differ (keep_elements={keep}, limit={limit})")


def both_cleanings_agree(html: str | bytes, *, below: int) -> None:
    """The two cleanings (``parse.clean_tree`` and its compiled twin), each on its own parse
    of the input, leave trees that serialize alike; so do they when asked to clean one element
    below the root (which one: ``below``). The parse is ``parse_html``'s, or (odd ``below``)
    lxml's own keeping comments and processing instructions, which parse_html drops but the
    cleanings take. While the compiled cleaning runs, a proxy is held on
    every element of its tree, and each is read afterwards (a proxy into a dropped run must stay
    usable), then all are let go before the tree is serialized."""
    text = text_of(html)
    for whole in (True, False):
        trees = []
        for cleaner in (clean_tree, walk.compiled_clean):
            root = _parsed(text, raw=bool(below & 1))
            if root is None:
                return
            held = list(root.iter())
            elements = [e for e in held if isinstance(e.tag, str)]  # no comment, no PI
            target = root if whole else elements[below % len(elements)]
            cleaner(target)
            if cleaner is walk.compiled_clean:
                for element in held:  # each proxy still reads its node
                    _ = (element.tag, element.text, element.tail, element.getparent(), len(element))
                del held, elements, element, target  # the proxies go: their nodes may be freed now
            trees.append(serialized(root))
        if trees[0] != trees[1]:
            raise AssertionError(f"the cleanings differ (whole tree: {whole})")


def _parsed(text: str, *, raw: bool) -> etree._Element | None:
    if not raw:
        return parse_html(text, clean=leave_as_parsed)
    data = text.encode("utf-8", "replace").replace(b"\x00", b" ")
    parser = etree.HTMLParser(
        remove_comments=False, remove_pis=False, no_network=True, encoding="utf-8"
    )
    try:
        return etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def both_limits_agree(data: bytes) -> None:
    """The two attribute-limit scans give the same bytes and count."""
    if walk.compiled_limit_attributes(data) != limit_attributes(data):
        raise AssertionError("the attribute-limit scans differ")


def both_utf8_checks_agree(data: bytes) -> None:
    """The compiled UTF-8 check says valid exactly where ``bytes.decode`` succeeds, for the
    input and for each of its first eight suffixes (every offset of its 8-byte steps)."""
    for start in range(min(len(data), 8) + 1):
        piece = data[start:]
        if walk.compiled_valid_utf8(piece) != walk.python_valid_utf8(piece):
            raise AssertionError(f"the UTF-8 checks differ (from byte {start})")


#: What the head's reader asks of the tagged walks (attributes read, elements handed back).
TAGGED_WANTED = (
    ("meta", ("name", "content", "property", "itemprop", "http-equiv")),
    ("link", ("rel", "href")),
    ("title", None),
    ("h1", None),
    ("time", None),
)


def both_taggeds_agree(html: str | bytes) -> None:
    """The two tagged walks (``text.tagged.tagged_elements`` and its compiled twin) find the
    same elements in the same order, with the same attributes."""
    root = parse_html(text_of(html))
    if root is None:
        return
    got = walk.compiled_tagged_elements(root, TAGGED_WANTED)
    expected = walk.tagged_elements(root, TAGGED_WANTED, implementation="python")
    if len(got) != len(expected) or any(
        a[0] != b[0] or (a[1] is not b[1] if isinstance(b[1], etree._Element) else a[1] != b[1])
        for a, b in zip(got, expected, strict=True)
    ):
        raise AssertionError("the tagged walks differ")


def _prepare(argv: Sequence[str]) -> list[str]:
    args = list(argv)
    flags = [a for a in args[1:] if a.startswith("-")]
    positional = [a for a in args[1:] if not a.startswith("-")]

    def has(flag: str) -> bool:
        return any(a.startswith(f"-{flag}=") for a in flags)

    replay = any(Path(p).is_file() for p in positional)
    if not positional and not replay:
        corpus = WORK_DIR / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        for i, seed in enumerate(SEEDS):
            (corpus / f"seed-{i:02d}").write_bytes(seed)
        for source in sorted((REPO_ROOT / "fixtures").glob("*/source.html")):
            (corpus / f"fixture-{source.parent.name}").write_bytes(source.read_bytes()[:65536])
        args.append(str(corpus))
    if not has("artifact_prefix"):
        artifacts = WORK_DIR / "artifacts"
        artifacts.mkdir(parents=True, exist_ok=True)
        args.append(f"-artifact_prefix={artifacts}/")
    if not has("dict"):
        WORK_DIR.mkdir(parents=True, exist_ok=True)
        path = WORK_DIR / "html.dict"
        lines = []
        for token in DICTIONARY:
            escaped = "".join(
                c if 32 <= ord(c) < 127 and c not in '"\\' else f"\\x{ord(c):02x}"
                for c in _token_bytes(token).decode("latin-1")
            )
            lines.append(f'"{escaped}"')
        path.write_text("\n".join(lines) + "\n", encoding="ascii")
        args.append(f"-dict={path}")
    defaults = {"max_len": "65536", "len_control": "0", "timeout": "5", "rss_limit_mb": "2048"}
    args.extend(f"-{k}={v}" for k, v in defaults.items() if not has(k))
    return args


def main() -> None:
    atheris.Setup(_prepare(sys.argv), test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
