"""Stage 3, features: shallow text features of every block, in one pass over the blocks.

Container-level figures come from prefix sums over the blocks (a node's blocks are contiguous),
so nothing here is worse than linear in the page.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

from ..article import Features
from ..config import (
    CJK_COLUMNS,
    HINT_EXCEPTIONS,
    NEGATIVE_INFIXES,
    NEGATIVE_PREFIXES,
    NEGATIVE_TAGS,
    NEGATIVE_WORDS,
    POSITIVE_INFIXES,
    POSITIVE_TAGS,
    POSITIVE_WORDS,
    STANDFIRST_WORDS,
    WRAP_COLUMNS,
)
from .segment import LEAF_TAGS, Node, Segmentation, record_fields
from .walk import COMPILED

#: Scripts written without spaces between words, as ranges of code points: Thai, kana, CJK
#: ideographs, half-width kana.
NOSPACE_RANGES: Final = (
    (0x0E00, 0x0E7F),
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),
)
_NOSPACE = "".join(f"{chr(low)}-{chr(high)}" for low, high in NOSPACE_RANGES)
#: Punctuation marks: ``. , ; : ! ?`` and their CJK and Arabic forms.
PUNCTUATION_MARKS: Final = ".,;:!?\u3002\uff0c\u3001\uff1b\uff1a\uff01\uff1f\u060c\u061b\u061f"
#: Marks that end a sentence: ``. ! ?``, the ellipsis and their CJK and Arabic forms.
SENTENCE_END_MARKS: Final = ".!?\u2026\u3002\uff01\uff1f\u061f\u06d4"
#: Commas, and their CJK and Arabic forms.
COMMA_MARKS: Final = ",\uff0c\u3001\u060c"


class Measure(NamedTuple):
    """Token and column counts of a piece of text (a tuple: made once per block and link)."""

    tokens: int
    columns: int


@functools.cache
def _nospace_re() -> re.Pattern[str]:
    """Compiled on first use: a class of wide Unicode ranges takes sre some 5 ms to build."""
    return re.compile(f"[{_NOSPACE}]")


def measure(text: str) -> Measure:
    """Count tokens (words, or characters in scripts without spaces) and display columns."""
    if text.isascii():
        return Measure(len(text.split()), len(text))
    # One pass: each character of a script without spaces becomes a space (a token apart) and
    # is counted (findall, then sub, read the text twice and listed every character).
    spaced, nospace = _nospace_re().subn(" ", text)
    rest = len(spaced.split())
    return Measure(nospace + rest, len(text) + nospace * (CJK_COLUMNS - 1))


def density(tokens: int, columns: int) -> float:
    """Tokens per wrapped line: every token for one line, the full-line rate beyond that."""
    if columns <= WRAP_COLUMNS:
        return float(tokens)
    return tokens * WRAP_COLUMNS / columns


def count_marks(text: str, marks: str) -> int:
    """How many characters of ``text`` are one of ``marks``: one ``str.count`` per mark, in C
    without building a list (a list of every mark, as a regex's findall makes, cost a page of
    one long CJK paragraph most of its time)."""
    return sum(text.count(mark) for mark in marks)


def punctuation(text: str) -> int:
    """Punctuation marks: ``. , ; : ! ?`` and their CJK and Arabic forms."""
    if text.isascii():  # the common case: the ASCII marks only, without a generator
        return (
            text.count(".")
            + text.count(",")
            + text.count(";")
            + text.count(":")
            + text.count("!")
            + text.count("?")
        )
    return count_marks(text, PUNCTUATION_MARKS)


def sentence_ends(text: str) -> int:
    """Marks that end a sentence: ``. ! ?``, the ellipsis and their CJK and Arabic forms."""
    if text.isascii():
        return text.count(".") + text.count("!") + text.count("?")
    return count_marks(text, SENTENCE_END_MARKS)


def comma_count(text: str) -> int:
    """Commas, and their CJK and Arabic forms."""
    if text.isascii():
        return text.count(",")
    return count_marks(text, COMMA_MARKS)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


#: Runs of letters in a class or id value: its sub-words.
_SUBWORD_RE = re.compile("[a-z]+")
#: The infixes, found anywhere in a sub-word (one search per sub-word a page names).
_NEGATIVE_INFIX_RE = re.compile(_alternation(NEGATIVE_INFIXES))
_POSITIVE_INFIX_RE = re.compile(_alternation(POSITIVE_INFIXES))

#: The bits of :func:`sub_word_hint`.
NEGATIVE_BIT: Final = 1
POSITIVE_BIT: Final = 2


def sub_word_hint(word: str) -> int:
    """What one sub-word (a whole run of letters of a class/id value) says: NEGATIVE_BIT for
    boilerplate, POSITIVE_BIT for content, both, or 0 (see :mod:`boilerstrip.config`)."""
    if word in HINT_EXCEPTIONS:
        return 0
    negative = (
        word in NEGATIVE_WORDS
        or word.startswith(NEGATIVE_PREFIXES)
        or _NEGATIVE_INFIX_RE.search(word) is not None
    )
    positive = word in POSITIVE_WORDS or _POSITIVE_INFIX_RE.search(word) is not None
    return (NEGATIVE_BIT if negative else 0) | (POSITIVE_BIT if positive else 0)


class _SubWordHints(dict[str, int]):
    """:func:`sub_word_hint` of each sub-word asked for, each matched once."""

    def __missing__(self, word: str) -> int:
        said = self[word] = sub_word_hint(word)
        return said


class Hints:
    """The class/id hint matcher of one page (:func:`hint`): a page repeats its class names
    and their sub-words many times over, so each is matched once."""

    __slots__ = ("_pairs", "_words")

    def __init__(self) -> None:
        self._words = _SubWordHints()
        self._pairs: dict[tuple[str, tuple[str, ...]], int] = {}

    def of(self, tag: str, tokens: tuple[str, ...]) -> int:
        """The hint of an element with this tag and these :attr:`Node.tokens`."""
        key = (tag, tokens)
        value = self._pairs.get(key)
        if value is None:
            value = self._pairs[key] = self._match(tag, tokens)
        return value

    def of_nodes(self, nodes: Sequence[Node]) -> tuple[int, ...]:
        """:meth:`of` every node, in node order."""
        pairs = self._pairs
        out: list[int] = []
        for node in nodes:
            key = (node.tag, node.tokens)
            value = pairs.get(key)
            if value is None:
                value = pairs[key] = self._match(node.tag, node.tokens)
            out.append(value)
        return tuple(out)

    def _match(self, tag: str, tokens: tuple[str, ...]) -> int:
        if tag in NEGATIVE_TAGS or not tokens:
            return tag_hint(tag, 0)
        words = _SUBWORD_RE.findall(" ".join(tokens))
        return tag_hint(tag, functools.reduce(operator.or_, map(self._words.__getitem__, words), 0))


def tag_hint(tag: str, bits: int) -> int:
    """The hint of an element with this tag whose class/id sub-words say ``bits`` (their
    :func:`sub_word_hint` or-ed): the tag's own semantics first."""
    if tag in NEGATIVE_TAGS:
        return -1
    positive = tag in POSITIVE_TAGS or bits & POSITIVE_BIT != 0
    return positive - (bits & NEGATIVE_BIT != 0)


def hint(node: Node) -> int:
    """+1 for a content-like element, -1 for a boilerplate-like one, 0 for neither or both
    (see :mod:`boilerstrip.config` for how class and id values are matched). "Both" is common:
    CMSs put taxonomy in the article's own classes ("hentry tag-politics author-jane")."""
    return Hints().of(node.tag, node.tokens)


def own_hints(nodes: Sequence[Node]) -> tuple[int, ...]:
    """:func:`hint` of every node, in node order."""
    return Hints().of_nodes(nodes)


def node_hints(nodes: Sequence[Node], hints: Sequence[int]) -> list[int]:
    """Cumulative hint of each node: its own plus all its ancestors' (parents come first)."""
    out = [0] * len(nodes)
    for node in nodes:
        out[node.index] = hints[node.index] + (out[node.parent] if node.parent >= 0 else 0)
    return out


def names_standfirst(nodes: Sequence[Node], index: int) -> bool:
    """Whether a block's element, or the box that holds it, is named as a standfirst
    ("standfirst", "dek", "lede", "summary"...: see STANDFIRST_WORDS), as a whole sub-word."""
    for at in (index, container_of(nodes, index)):
        if nodes[at].tag == "figure":  # a "lead" figure is the lead picture
            return False
        for token in nodes[at].tokens:
            if not STANDFIRST_WORDS.isdisjoint(_SUBWORD_RE.findall(token)):
                return True
    return False


def container_of(nodes: Sequence[Node], index: int) -> int:
    """The node that holds a block: the parent of a leaf element, else the element itself."""
    node = nodes[index]
    if node.tag in LEAF_TAGS and node.parent >= 0:
        return node.parent
    return index


#: What :func:`sub_word_hint` reads, for its twin in the compiled walk (fastwalk._SubWords).
_SUB_WORD_LISTS: Final = (
    HINT_EXCEPTIONS,
    NEGATIVE_WORDS,
    NEGATIVE_PREFIXES,
    NEGATIVE_INFIXES,
    POSITIVE_WORDS,
    POSITIVE_INFIXES,
    NEGATIVE_BIT,
    POSITIVE_BIT,
)
#: The fields of Features, in order (the compiled walk makes them in C: see :func:`features`).
_FEATURE_FIELDS: Final = record_fields(Features)


#: What the compiled walk's features are made with (these lists, constants and record), made
#: once: its class/id matcher holds the hint words as C strings.
FEATURE_SPEC: Final = (
    None
    if COMPILED is None
    else COMPILED.FeatureSpec(
        _SUB_WORD_LISTS,
        tag_hint,
        Features,
        _FEATURE_FIELDS,
        WRAP_COLUMNS,
        CJK_COLUMNS,
        PUNCTUATION_MARKS,
        SENTENCE_END_MARKS,
        NOSPACE_RANGES,
    )
)


def features(seg: Segmentation) -> tuple[tuple[int, ...], tuple[Features, ...]]:
    """:func:`own_hints` of the nodes of ``seg`` and :func:`compute_features` of its blocks:
    computed in C from what the compiled walk recorded, when it made ``seg``."""
    if seg.walked is not None:
        if FEATURE_SPEC is None:  # a Walked comes from the compiled walk only
            raise RuntimeError("the compiled walk is not available (see walk.IMPLEMENTATION)")
        return seg.walked.features(FEATURE_SPEC)
    hints = own_hints(seg.nodes)
    return hints, tuple(compute_features(seg, hints))


def compute_features(seg: Segmentation, hints: Sequence[int] | None = None) -> list[Features]:
    """Features of every block of ``seg``, in block order (``hints``: :func:`own_hints` of its
    nodes, when the caller has them already)."""
    blocks, nodes = seg.blocks, seg.nodes
    measures = [measure(b.text) for b in blocks]
    cumulative = node_hints(nodes, own_hints(nodes) if hints is None else hints)
    # Prefix sums of tokens and columns, for container densities in O(1) each.
    tok_prefix = [0]
    col_prefix = [0]
    for tokens, columns in measures:
        tok_prefix.append(tok_prefix[-1] + tokens)
        col_prefix.append(col_prefix[-1] + columns)
    total_cols = col_prefix[-1] or 1
    out: list[Features] = []
    for i, (block, (tokens, columns)) in enumerate(zip(blocks, measures, strict=True)):
        node = nodes[block.node]
        box = nodes[node.parent] if node.tag in LEAF_TAGS and node.parent >= 0 else node
        first, end = box.first_block, box.end_block
        text = block.text
        linked = min(measure(block.linked_text)[0], tokens) if block.linked_text else 0
        out.append(
            Features(  # positional, in the field order of Features (one per block: hot)
                tokens,
                linked,
                round(density(tokens, columns), 3),
                round(linked / tokens, 3) if tokens else 0.0,
                punctuation(text),
                sentence_ends(text),
                round(col_prefix[i] / total_cols, 4),
                round(
                    density(
                        tok_prefix[end] - tok_prefix[first], col_prefix[end] - col_prefix[first]
                    ),
                    3,
                ),
                cumulative[block.node],
                block.lead_link,
            )
        )
    return out
