"""The data every layer shares: blocks with their features and verdicts, the markup of the kept
blocks, and the fields of an Article.

This module is the bottom of the package: it imports nothing of boilerstrip, so the pipeline,
the metadata reader and the renderers all read it without reaching each other. The users'
:class:`boilerstrip.Article` (:class:`boilerstrip.api.Article`) adds ``to_markdown()``,
``to_html()`` and ``to_dict()`` to :class:`ArticleData`, one layer above the renderers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, Literal

Mode = Literal["precision", "balanced", "recall"]
MODES: tuple[Mode, ...] = ("precision", "balanced", "recall")

#: The kind of a block decides how it is serialized.
Kind = Literal["heading", "paragraph", "item", "cell", "pre", "quote", "caption", "text"]


@dataclass(frozen=True, slots=True)
class Features:
    """Shallow text features of one block (see :mod:`boilerstrip.pipeline.features`)."""

    words: int
    """Tokens: whitespace-separated words, or characters for scripts written without spaces."""
    linked_words: int
    """Tokens that sit inside an ``<a href>``."""
    text_density: float
    """Tokens per wrapped line of 80 characters (boilerpipe's text density)."""
    link_density: float
    """``linked_words / words`` (0 for an empty block)."""
    punctuation: int
    """Punctuation marks (``. , ; : ! ?`` and their CJK and Arabic forms)."""
    sentence_ends: int
    """Marks that end a sentence (``. ! ?`` and their CJK and Arabic forms)."""
    position: float
    """Where the block starts in the page's text, from 0.0 (first) to 1.0 (last)."""
    container_density: float
    """Text density of the block's nearest block-level container taken as a whole."""
    class_score: int
    """Hints from class/id tokens of the block and its ancestors: > 0 content, < 0 boilerplate."""
    starts_with_link: bool = False
    """Whether the text opens with a link, as a teaser's headline does."""


@dataclass(frozen=True, slots=True)
class Block:
    """One text block of the page, in document order, with the verdict on it."""

    index: int
    text: str
    kind: Kind
    tag: str
    """The tag of the element that owns the block (``p``, ``li``, ``h2``, ``td``...)."""
    path: str
    """Tag path from the root, e.g. ``html/body/div.article/p``."""
    tokens: tuple[str, ...]
    """Class and id tokens of the block's element and its ancestors, lower-cased."""
    features: Features
    in_region: bool
    """Whether the block lies inside the page's main content region."""
    kept: bool
    rule: str | None
    """For a dropped block, the name of the rule that dropped it; ``None`` when kept."""
    level: int = 0
    """Heading level (1-6) for headings, nesting depth for list items, else 0."""


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a block's text with one style; a block's spans join to its text."""

    text: str
    href: str | None = None
    """The link's address as the page wrote it (resolved against the page URL when rendered)."""
    emphasis: bool = False
    strong: bool = False
    code: bool = False


@dataclass(frozen=True, slots=True)
class Frame:
    """A container around a block: ``role`` is ``ul``, ``ol``, ``li``, ``blockquote``,
    ``figure``, ``table``, ``thead``, ``tbody``, ``tr``, ``th`` or ``td``."""

    role: str
    node: int
    """The index of the container's node: blocks in the same container share it."""
    column: int = 0
    """For a cell, its column in the row (0 first, spans of earlier cells counted)."""


@dataclass(frozen=True, slots=True)
class BlockMarkup:
    """What the Markdown and HTML forms need of one kept block."""

    block: int
    """The block's index in ``Article.blocks``."""
    role: str
    """``h1``-``h6``, ``p``, ``pre``, ``figcaption``, or ``""`` for text that sits directly in
    its innermost frame (a list item's or a cell's own text)."""
    spans: tuple[Span, ...]
    frames: tuple[Frame, ...] = ()
    """The containers around the block, outermost first."""
    language: str | None = None
    """For code, the language the page names (``class="language-x"`` or ``"lang-x"``)."""


def plain_markup(block: Block) -> BlockMarkup:
    """The markup of a block known only by its text and kind (no tree behind it)."""
    role = {"heading": f"h{min(max(block.level, 1), 6)}", "pre": "pre", "caption": "figcaption"}
    frames: tuple[Frame, ...] = ()
    if block.kind == "item":
        frames = (Frame("ul", -1), Frame("li", -2 - block.index))
    return BlockMarkup(
        block.index, "" if frames else role.get(block.kind, "p"), (Span(block.text),), frames
    )


@dataclass(frozen=True, slots=True)
class ArticleData:
    """The fields of the result of :func:`boilerstrip.extract` (see :class:`boilerstrip.Article`,
    which adds the output forms)."""

    text: str
    title: str | None
    url: str | None
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...]
    encoding: str | None = None
    """The encoding the page's bytes were read with (``None`` for ``str`` and tree input)."""
    # Metadata (see :mod:`boilerstrip.metadata`): what the page says about itself, ``None`` or
    # empty where it says nothing (never a guess).
    byline: str | None = None
    """The byline as displayed ("By Jane Doe and John Roe")."""
    authors: tuple[str, ...] = ()
    """The authors' names, from structured data or else from the byline."""
    date: str | None = None
    """Publication date, ISO 8601: ``YYYY-MM-DD``, or a full datetime when the page gives one."""
    date_modified: str | None = None
    """Date of the last change the page declares (JSON-LD ``dateModified``,
    ``article:modified_time``...), ISO 8601 like :attr:`date`; ``None`` when it declares none."""
    site_name: str | None = None
    lang: str | None = None
    """The page's language tag as it declares it (``en-GB``, ``fr``), never detected."""
    description: str | None = None
    image: str | None = None
    """The address of the page's lead image."""
    canonical_url: str | None = None
    """The page's own canonical address (``<link rel=canonical>``, ``og:url``, JSON-LD).
    ``url`` is the address the caller passed, or this one when none was passed."""
    tags: tuple[str, ...] = ()
    """Keywords and tags the page gives (``article:tag``, JSON-LD ``keywords``...)."""

    markup: tuple[BlockMarkup, ...] = field(default=(), repr=False, compare=False)
    """The inline markup and containers of the kept blocks, behind :meth:`to_markdown` and
    :meth:`to_html` (see :mod:`boilerstrip.pipeline.markup`); empty from :func:`extract_text`.
    An Article from :func:`extract` makes these records when the field is first read."""

    @property
    def kept_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kept)

    @property
    def dropped_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if not b.kept)


def slot_setters(cls: type) -> Mapping[str, Callable[[Any, Any], None]]:
    """Per field of a frozen slotted dataclass, the setter of its slot. A frozen dataclass's
    ``__init__`` sets each field through ``object.__setattr__``; ``object.__new__(cls)`` and
    every field set through these make the same record for less (half the cost, for a
    Block): for the records made by the thousand. The caller sets every field: an unset slot has no
    value, not the field's default."""
    return MappingProxyType({f.name: vars(cls)[f.name].__set__ for f in fields(cls)})
