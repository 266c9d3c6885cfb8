"""The public entry points: :func:`extract` and :func:`extract_text`.

Data flows one way: input -> text -> tree (parse) -> blocks (segment) -> features -> verdicts
(classify, then filters) -> Article (serialize).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal
from warnings import warn

from lxml import etree

from .article import MODES, ArticleData, Block, BlockMarkup, Mode, plain_markup, slot_setters
from .config import thresholds_for
from .encoding import binary_kind, binary_warning, decode_html, quoted
from .metadata import Metadata, complete, find_title, read_head
from .pipeline import walk
from .pipeline.classify import classify
from .pipeline.fallback import headline_only
from .pipeline.filters import apply_filters
from .pipeline.page import Labels, Page
from .pipeline.parse import parse_html, prepare_tree
from .pipeline.segment import Node, Segmentation, element_limits
from .pipeline.serialize import join_blocks, to_text
from .pipeline.thread import declares_thread
from .pipeline.walk import (
    Implementation,
    clean,
    limit_attributes,
    segment,
    tagged_elements,
    valid_utf8,
)

ACCEPTED = "str, bytes, an lxml element or tree, or a BeautifulSoup object or Tag"

#: How much a run builds: the text only (:func:`extract_text`), the Article with its blocks and
#: metadata, or that and the markup behind ``to_markdown()`` and ``to_html()``.
Detail = Literal["text", "article", "structured"]

#: Levels of the tag path shown in :attr:`Block.path`; deeper paths start with "...".
PATH_LEVELS = 8

#: Default ``max_bytes``: input past 16 MiB (bytes, or characters for ``str``) is cut there.
#: Memory peaks at 8 (prose) to 40 (a million tiny elements) times the input, so about 0.1 to
#: 0.7 GB here; few article pages pass 2 MB.
DEFAULT_MAX_BYTES = 16 * 1024 * 1024

#: ``max_elements``'s default, ``"auto"``: the most block-level elements (``p``, ``div``,
#: ``li``, ``td``...; any input, trees included) that the segment walk in use reads within
#: the hostile-input time budget (10 times an lxml parse of the page plus 0.5 s, CPU) with
#: margin, with :data:`DEFAULT_MAX_INLINE` inline ones. Every stage after the walk works per
#: element or per block, in Python, and the pure-Python walk costs about twice the compiled
#: one per element, so the two walks read different amounts: a page past the smaller default
#: gives different text on the two (with a warning on the cut one); pass ``max_elements`` to
#: read the same on any install. At these figures the dearest shapes known take at most 60%
#: (block-level elements alone) and 73-81% (both limits reached at once) of the budget
#: compiled, 52% and 74-75% pure (BENCHMARKS.md, "max_elements by walk"). The largest of the 2,190
#: evaluation pages has 4,130 block-level elements.
DEFAULT_MAX_ELEMENTS: Final[Mapping[Implementation, int]] = MappingProxyType(
    {"compiled": 50_000, "python": 20_000}
)

#: The inline elements (``span``, ``a``, ``br``...) ``max_elements="auto"`` reads on each
#: walk (an explicit ``max_elements`` lets 20 times as many through,
#: ``config.INLINE_PER_BLOCK_ELEMENT``). A styled word costs about as much of the budget as
#: its parse adds to it (the markup reads it as a span of its own), so these are set where a
#: page at both limits at once (this many styled words, then plain paragraphs up to the
#: block-level default) is within the budget with margin; 20 times 50,000 would not be. The
#: most of any evaluation page is 10,320 elements in all.
DEFAULT_MAX_INLINE: Final[Mapping[Implementation, int]] = MappingProxyType(
    {"compiled": 100_000, "python": 60_000}
)

#: What ``max_elements`` may be: a count, ``None`` for no limit, or ``"auto"`` for
#: :func:`default_max_elements`.
MaxElements = int | Literal["auto"] | None


def default_max_elements() -> int:
    """The block-level elements that ``max_elements="auto"`` (the default) reads: 50,000 with
    the compiled segment walk, 20,000 with the pure-Python one (``walk.IMPLEMENTATION``)."""
    return DEFAULT_MAX_ELEMENTS[walk.IMPLEMENTATION]


def default_max_inline() -> int:
    """The inline elements that ``max_elements="auto"`` reads: 100,000 with the compiled
    segment walk, 60,000 with the pure-Python one."""
    return DEFAULT_MAX_INLINE[walk.IMPLEMENTATION]


#: The slot behind ``ArticleData.markup``. An Article from :func:`extract` holds there, until
#: the field is first read, what the markup walk read of the tree (a ``PendingMarkup``, see
#: :mod:`boilerstrip.pipeline.markup`); the read makes the records and keeps them in its place.
_MARKUP_SLOT = vars(ArticleData)["markup"]


def _read_markup(article: ArticleData) -> tuple[BlockMarkup, ...]:
    """``Article.markup``: the inline markup and containers of the kept blocks (see
    :attr:`ArticleData.markup`), made on first read. Most callers never read them, and a page
    of 50,000 blocks would make 150,000 records for the cyclic garbage collector."""
    held = _MARKUP_SLOT.__get__(article, type(article))
    if isinstance(held, tuple):
        return held
    from .pipeline.markup import PendingMarkup  # loaded by the extraction that set it

    if not isinstance(held, PendingMarkup):  # whatever a caller built an Article with
        return held  # type: ignore[no-any-return]
    made: tuple[BlockMarkup, ...]
    try:
        made = held.records(article.blocks)
    except Exception as exc:  # a bug of ours: the forms fall back to plain blocks, and say so
        warn(
            f"boilerstrip: the markup records failed ({type(exc).__name__}: {quoted(str(exc))});"
            " the blocks are written plain",
            RuntimeWarning,
            stacklevel=2,
        )
        made = tuple(plain_markup(b) for b in article.blocks if b.kept)
    _MARKUP_SLOT.__set__(article, made)  # two threads reading at once make equal records
    return made


def _write_markup(article: ArticleData, value: tuple[BlockMarkup, ...]) -> None:
    """Only the dataclass's ``__init__`` and ``__setstate__`` come here (through
    ``object.__setattr__``, as for every field): ``article.markup = ...`` raises
    FrozenInstanceError as for the other fields."""
    _MARKUP_SLOT.__set__(article, value)


class Article(ArticleData):
    """The result of :func:`boilerstrip.extract`: the fields of :class:`ArticleData` and the
    output forms. It lives here, above the renderers, so that the data below them
    (:mod:`boilerstrip.article`) never reaches up to them."""

    __slots__ = ()

    if not TYPE_CHECKING:  # type checkers see the frozen field it stands for
        markup = property(_read_markup, _write_markup, doc=_read_markup.__doc__)

    def to_markdown(self, *, links: bool = True) -> str:
        """The kept blocks as Markdown (CommonMark, GFM tables), links resolved against
        ``url``; ``links=False`` keeps only their text. Its words are the words of ``text``."""
        from .render.markdown import render_markdown

        return render_markdown(self, links=links)

    def to_html(self, *, document: bool = False) -> str:
        """The kept blocks as clean semantic HTML: a fragment, or with ``document=True`` a
        whole page (``<meta charset="utf-8">``, the title)."""
        from .render.html import render_html

        return render_html(self, document=document)

    def to_dict(self, *, blocks: bool = False) -> dict[str, Any]:
        """Every field as JSON-ready data (tuples as lists), ``blocks`` only when asked."""
        from .render.dict import render_dict

        return render_dict(self, blocks=blocks)


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of a page one extraction reads; ``None`` for no limit."""

    max_bytes: int | None = DEFAULT_MAX_BYTES
    max_elements: MaxElements = "auto"


def _is_soup(html: object) -> bool:
    module = type(html).__module__ or ""
    return module == "bs4" or module.startswith("bs4.")


def _check(html: object, mode: object) -> None:
    accepted = (str, bytes, bytearray, etree._Element, etree._ElementTree)
    if not isinstance(html, accepted) and not _is_soup(html):
        raise TypeError(f"html must be {ACCEPTED}; got {type(html).__name__}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")


def _check_limit(name: str, value: object, *, accepted: str = "int or None") -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be {accepted}; got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1 (or None for no limit); got {value}")


def _whole_characters(cut: bytes) -> bytes:
    """``cut``, the start of a longer input, less a character the cut split: UTF-16 and UTF-32
    (known by their byte-order mark) keep whole code units, UTF-8 whole sequences."""
    if cut.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return cut[: len(cut) - len(cut) % 4]
    if cut.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return cut[: len(cut) - len(cut) % 2]
    for back in range(1, min(4, len(cut)) + 1):
        byte = cut[-back]
        if byte < 0x80:
            break
        if byte >= 0xC0:  # the lead byte of the last sequence: is the sequence whole?
            length = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return cut[:-back] if length > back else cut
    return cut


def _truncated(size: int, limit: int, unit: str) -> str:
    return (
        f"the input is {size:,} {unit} long, more than max_bytes={limit:,}; only its first"
        f" {limit:,} {unit} were read"
    )


def _tree(
    html: Any, encoding: str | None, max_bytes: int | None, warnings: list[str]
) -> tuple[etree._Element | None, str | None]:
    """The cleaned tree of any accepted input, and the encoding its bytes were read with."""
    if isinstance(html, etree._ElementTree):
        html = html.getroot()
    if isinstance(html, etree._Element):
        return prepare_tree(html, clean=clean), None
    if isinstance(html, (bytes, bytearray)):
        if max_bytes is not None and len(html) > max_bytes:
            warnings.append(_truncated(len(html), max_bytes, "bytes"))
            data = _whole_characters(bytes(html[:max_bytes]))  # never a copy of it all
        else:
            data = bytes(html)
        # Valid UTF-8 is checked without making the text: the parser reads the bytes.
        decoded = decode_html(data, encoding, check_utf8=valid_utf8)
        warnings.extend(decoded.warnings)
        page = decoded.utf8 if decoded.utf8 is not None else decoded.text
        root = parse_html(page, warnings, clean=clean, limit=limit_attributes)
        return root, decoded.encoding
    # str, or BeautifulSoup: serialize it and read it back with lxml, off the bytes path.
    text = html if isinstance(html, str) else str(html)
    if max_bytes is not None and len(text) > max_bytes:
        warnings.append(_truncated(len(text), max_bytes, "characters"))
        text = text[:max_bytes]
    return parse_html(text, warnings, clean=clean, limit=limit_attributes), None


def _paths(nodes: tuple[Node, ...], wanted: Iterable[int]) -> dict[int, str]:
    """The tag path of each node of ``wanted``: the labels (``tag.token``) of its last
    :data:`PATH_LEVELS` nodes from the root, after "..." when there are more. The path down to
    a parent is read up the nodes once for all its children (the paragraphs of an article)."""
    paths: dict[int, str] = {}
    above: dict[int, str] = {}  # a parent: the path down to it, as its children's paths start
    for node in wanted:
        if node in paths:
            continue
        own = nodes[node]
        start = above.get(own.parent)
        if start is None:
            labels: list[str] = []
            up = own.parent
            while up >= 0 and len(labels) < PATH_LEVELS - 1:
                upper = nodes[up]
                labels.append(f"{upper.tag}.{upper.tokens[0]}" if upper.tokens else upper.tag)
                up = upper.parent
            start = "/".join(reversed(labels))
            if start:
                start += "/"
            start = above[own.parent] = f".../{start}" if up >= 0 else start
        # A label is the tag and the first token (written out here: a call would cost a tenth)
        paths[node] = start + (f"{own.tag}.{own.tokens[0]}" if own.tokens else own.tag)
    return paths


#: Setting the slots of each Block directly (:func:`~.article.slot_setters`) makes the same
#: Block at half the cost of the constructor (0.08x of the lxml parse a page).
_BLOCK_FIELDS = slot_setters(Block)


def _blocks(page: Page, labels: Labels) -> tuple[Block, ...]:
    nodes = page.nodes
    paths = _paths(nodes, (raw.node for raw in page.blocks))  # a node's blocks share its path
    region = page.region or (False,) * len(page.blocks)
    setter = _BLOCK_FIELDS
    index, text, kind, tag, path = (setter[k] for k in ("index", "text", "kind", "tag", "path"))
    tokens, features, in_region = (setter[k] for k in ("tokens", "features", "in_region"))
    kept, rule, level = (setter[k] for k in ("kept", "rule", "level"))
    new = object.__new__
    out: list[Block] = []
    append = out.append
    for i, (raw, f, dropped_by, inside) in enumerate(
        zip(page.blocks, page.features, labels, region, strict=True)
    ):
        own = nodes[raw.node]
        block = new(Block)
        index(block, i)
        text(block, raw.text)
        kind(block, raw.kind)
        tag(block, own.tag)
        path(block, paths[raw.node])
        tokens(block, own.tokens)
        features(block, f)
        in_region(block, inside)
        kept(block, dropped_by is None)
        rule(block, dropped_by)
        level(block, raw.level)
        append(block)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything one extraction saw: the Article and the stages behind it. For tools that
    look inside (the explain view, the structured serializers); scrapers use :func:`extract`.
    ``root`` and ``segmentation`` are ``None`` when the input held nothing to segment."""

    article: Article
    root: etree._Element | None = None
    segmentation: Segmentation | None = None


def _run(
    html: Any,
    url: str | None,
    mode: Mode,
    encoding: str | None,
    limits: Limits,
    warnings: list[str],
    *,
    detail: Detail,
) -> Analysis:
    kind = binary_kind(html) if isinstance(html, (str, bytes, bytearray)) else None
    if kind is not None:  # an image, an archive...: its "text" would be noise
        warnings.append(binary_warning(kind))
        return Analysis(Article("", None, url, (), tuple(warnings), None))
    root, used = _tree(html, encoding, limits.max_bytes, warnings)
    if root is None:
        warnings.append("the input holds no HTML to parse (empty or whitespace only)")
        return Analysis(Article("", None, url, (), tuple(warnings), used))
    # extract_text() needs only the title (the title filter reads it), not the rest
    head = read_head(root, url, tagged=tagged_elements) if detail != "text" else None
    title = head.title if head is not None else find_title(root, tagged=tagged_elements)
    if isinstance(limits.max_elements, str):  # "auto"
        most, inline = default_max_elements(), default_max_inline()
    else:
        most, inline = element_limits(limits.max_elements, None)
    seg = segment(root, keep_elements=detail != "text", max_elements=most, max_inline=inline)
    if seg.truncated:  # set: a walk without a limit is never cut
        warnings.append(
            f"the page has more elements than max_elements={most:,} allows ({most:,}"
            f" block-level, {inline:,} inline); the text past them was not read"
        )
    if not seg.blocks:
        warnings.append("the page has no visible text in its body")
        if head is None:
            head = read_head(root, url, tagged=tagged_elements)
        meta = complete(head, (), url)
        return Analysis(_article("", url, (), warnings, used, meta), root, seg)
    page = Page.build(seg, thresholds_for(mode), title)
    page, labels = classify(page, declared_thread=declares_thread(root))
    filtered = apply_filters(page, labels)
    labels = headline_only(page, filtered)
    if labels is not filtered:
        warnings.append("no body text found: the page's headline stands for the article")
    if detail == "text":  # extract_text(): the kept text, no Block records, no metadata
        text = join_blocks(
            raw.text for raw, label in zip(page.blocks, labels, strict=True) if label is None
        )
        return Analysis(Article(text, title, url, (), tuple(warnings), used), root, seg)
    blocks = _blocks(page, labels)
    text = to_text(blocks)
    if not text:
        warnings.append(
            f"no block looked like article content: all {len(blocks)} blocks were dropped"
        )
    assert head is not None  # read above for every detail but "text", which has returned
    meta = complete(head, blocks, url)
    article = _article(text, url, blocks, warnings, used, meta)
    if detail == "structured" and text:  # what to_markdown() and to_html() read
        from .pipeline.markup import read_markup  # imported on first use: import time counts

        # What the records need of the tree, read now; the records wait for their first read.
        _MARKUP_SLOT.__set__(article, read_markup(root, seg, blocks))
    return Analysis(article, root, seg)


def _article(
    text: str,
    url: str | None,
    blocks: tuple[Block, ...],
    warnings: list[str],
    used: str | None,
    meta: Metadata,
) -> Article:
    """The Article, with the page's metadata (its markup is set apart, from a structured run);
    ``url`` falls back to the canonical address."""
    return Article(
        text,
        meta.title,
        url or meta.canonical_url,
        blocks,
        tuple(warnings),
        used,
        byline=meta.byline,
        authors=meta.authors,
        date=meta.date,
        date_modified=meta.date_modified,
        site_name=meta.site_name,
        lang=meta.lang,
        description=meta.description,
        image=meta.image,
        canonical_url=meta.canonical_url,
        tags=meta.tags,
    )


def _checked_encoding(encoding: object) -> str | None:
    if isinstance(encoding, (bytes, bytearray)):
        return bytes(encoding).decode("latin-1")  # HTTP header bytes (Scrapy keeps them so)
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError(f"encoding must be str, bytes or None; got {type(encoding).__name__}")
    return encoding


def analyze(
    html: Any,
    url: str | None = None,
    *,
    mode: Mode = "balanced",
    encoding: str | bytes | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_elements: MaxElements = "auto",
    structured: bool = True,
) -> Analysis:
    """:func:`extract`, keeping the parsed tree and the segmentation beside the Article.
    ``structured=False`` skips the walk behind ``Article.to_markdown()`` and ``to_html()``
    (they then write the kept blocks as plain paragraphs, headings and items)."""
    limits = Limits(max_bytes, max_elements)
    encoding = _checked(html, url, mode, encoding, limits)
    return _guarded(html, url, mode, encoding, limits, "structured" if structured else "article")


def _checked(
    html: object, url: object, mode: object, encoding: object, limits: Limits
) -> str | None:
    """Raise on arguments of the wrong type or value; the encoding as a label."""
    _check(html, mode)
    _check_limit("max_bytes", limits.max_bytes)
    if isinstance(limits.max_elements, str):
        if limits.max_elements != "auto":  # a count as text is still the wrong type
            raise TypeError(
                f"max_elements must be int, None or 'auto'; got {limits.max_elements[:20]!r}"
            )
    else:
        _check_limit("max_elements", limits.max_elements, accepted="int, None or 'auto'")
    label = _checked_encoding(encoding)
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url must be str or None; got {type(url).__name__}")
    return label


def _guarded(
    html: Any,
    url: str | None,
    mode: Mode,
    encoding: str | None,
    limits: Limits,
    detail: Detail,
) -> Analysis:
    """:func:`_run`, turning any failure into an empty Article that says what went wrong."""
    warnings: list[str] = []
    try:
        return _run(html, url, mode, encoding, limits, warnings, detail=detail)
    except (MemoryError, RecursionError, ValueError, etree.LxmlError) as exc:
        # Promised: any str or bytes gives an Article. Say what went wrong instead of raising.
        warnings.append(
            f"extraction failed ({type(exc).__name__}: {quoted(str(exc))}); no text returned"
        )
        return Analysis(Article("", None, url, (), tuple(warnings), None))
    except Exception as exc:  # a bug: the promise holds all the same
        warnings.append(
            f"extraction failed on an internal error ({type(exc).__name__}:"
            f" {quoted(str(exc))}); no text returned"
        )
        return Analysis(Article("", None, url, (), tuple(warnings), None))


def extract(
    html: Any,
    url: str | None = None,
    *,
    mode: Mode = "balanced",
    encoding: str | bytes | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_elements: MaxElements = "auto",
) -> Article:
    """Extract the article body of a page.

    ``html`` is ``str``, ``bytes``, an lxml element or tree, or a BeautifulSoup object; any
    other type raises :class:`TypeError`. ``encoding`` (a charset or a whole HTTP Content-Type
    value, as ``str`` or as the ``bytes`` some HTTP clients keep headers in) says how to read
    ``bytes``. Input longer than ``max_bytes`` (bytes, or characters for ``str`` and
    BeautifulSoup input; 16 MiB by default, ``None`` for no limit; lxml trees are never cut)
    is cut there, with a warning. Of a page with more than ``max_elements`` block-level
    elements (``p``, ``div``, ``li``, ``td``...; ``None`` for no limit; by default ``"auto"``,
    :func:`default_max_elements`: 50,000 with the compiled walk, 20,000 with the pure-Python
    one), or 20 times as many inline ones (``span``, ``a``, ``br``...; by default
    :func:`default_max_inline`: 100,000 or 60,000), only the text before the next one is read,
    with a warning: the limit bounds the time of any page. Any ``str`` or
    ``bytes`` returns an :class:`Article`: when nothing is kept, ``text`` is empty and
    ``warnings`` says why.
    """
    return analyze(
        html, url, mode=mode, encoding=encoding, max_bytes=max_bytes, max_elements=max_elements
    ).article


def extract_text(
    html: Any,
    url: str | None = None,
    *,
    mode: Mode = "balanced",
    encoding: str | bytes | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_elements: MaxElements = "auto",
) -> str:
    """The article body of a page as text: ``extract(...).text``, without building the Block
    records, the metadata and the markup that only :func:`extract` returns."""
    limits = Limits(max_bytes, max_elements)
    label = _checked(html, url, mode, encoding, limits)
    return _guarded(html, url, mode, label, limits, "text").article.text
