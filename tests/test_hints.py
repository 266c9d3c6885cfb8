"""The class/id hint matcher (features.Hints) against the definition it implements: the
regular expressions of config's hint lists read literally over the joined tokens (the matcher
that was in features.py before the sub-word tables, kept here as the reference). Both must say
the same on every class/id value of every development page and on made-up ones."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip.config import (
    HINT_EXCEPTIONS,
    NEGATIVE_INFIXES,
    NEGATIVE_PREFIXES,
    NEGATIVE_TAGS,
    NEGATIVE_WORDS,
    POSITIVE_INFIXES,
    POSITIVE_TAGS,
    POSITIVE_WORDS,
)
from boilerstrip.encoding import decode_html
from boilerstrip.pipeline import walk
from boilerstrip.pipeline.features import Hints, features, hint, own_hints
from boilerstrip.pipeline.parse import parse_html
from boilerstrip.pipeline.segment import Node
from boilerstrip.pipeline.walk import segment


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_EXCEPTIONS_RE = re.compile(rf"(?<![a-z])(?:{_alternation(HINT_EXCEPTIONS)})(?![a-z])")
_NEGATIVE_RE = re.compile(
    rf"(?<![a-z])(?:{_alternation(NEGATIVE_PREFIXES)})"
    rf"|(?<![a-z])(?:{_alternation(NEGATIVE_WORDS)})(?![a-z])"
    rf"|{_alternation(NEGATIVE_INFIXES)}"
)
_POSITIVE_RE = re.compile(
    rf"(?<![a-z])(?:{_alternation(POSITIVE_WORDS)})(?![a-z])|{_alternation(POSITIVE_INFIXES)}"
)


def reference_hint(tag: str, tokens: tuple[str, ...]) -> int:
    if tag in NEGATIVE_TAGS:
        return -1
    text = _EXCEPTIONS_RE.sub(" ", " ".join(tokens)) if tokens else ""
    negative = bool(text) and _NEGATIVE_RE.search(text) is not None
    positive = tag in POSITIVE_TAGS or (bool(text) and _POSITIVE_RE.search(text) is not None)
    return positive - negative


TAGS = ("div", "article", "nav", "p")


def _agree(pairs: Iterable[tuple[str, tuple[str, ...]]]) -> int:
    matcher = Hints()  # one matcher for all: its caches must not leak one value into another
    count = 0
    for tag, tokens in pairs:
        for t in (tag, *TAGS):
            assert matcher.of(t, tokens) == reference_hint(t, tokens), (t, tokens)
            count += 1
    return count


def test_the_hint_words_are_letters() -> None:
    """The matcher reads sub-words (runs of a-z): a hint with another character could never
    match one, and the reference could match it across two."""
    for words in (HINT_EXCEPTIONS, NEGATIVE_INFIXES, NEGATIVE_PREFIXES, NEGATIVE_WORDS):
        assert all(re.fullmatch("[a-z]+", w) for w in words)
    for words in (POSITIVE_INFIXES, POSITIVE_WORDS):
        assert all(re.fullmatch("[a-z]+", w) for w in words)


#: Pieces of made-up values: every hint word, parts of them, and separators.
PIECES = sorted(
    {
        *HINT_EXCEPTIONS,
        *NEGATIVE_INFIXES,
        *NEGATIVE_PREFIXES,
        *NEGATIVE_WORDS,
        *POSITIVE_INFIXES,
        *POSITIVE_WORDS,
        *(w[:3] for w in NEGATIVE_INFIXES + POSITIVE_INFIXES),
        *(w[2:] for w in NEGATIVE_PREFIXES),
        "re",
        "s",
        "x",
        "",
        "-",
        "_",
        "1",
        "é",
        "İ",
        ":",
    }
)


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(TAGS),
    st.lists(st.lists(st.sampled_from(PIECES), max_size=5).map("".join), max_size=4),
)
def test_made_up_values_hint_alike(tag: str, tokens: list[str]) -> None:
    _agree([(tag, tuple(tokens))])


@pytest.mark.skipif(walk.COMPILED is None, reason="the compiled walk is not built")
@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(TAGS),
            st.lists(st.sampled_from(PIECES), max_size=6).map("".join),
            st.lists(st.sampled_from(PIECES), max_size=3).map("".join),
        ),
        max_size=6,
    )
)
def test_the_compiled_walk_hints_alike(elements: list[tuple[str, str, str]]) -> None:
    """The compiled features cut the sub-words in C: the same hints on made-up values."""
    html = "".join(
        f'<{tag} class="{escape(cls)}" id="{escape(ident)}">x</{tag}>'
        for tag, cls, ident in elements
    )
    root = parse_html("<body>" + html)
    if root is None:
        return
    seg = walk.segment(root, implementation="compiled")
    assert (
        features(seg)[0]
        == own_hints(seg.nodes)
        == tuple(reference_hint(n.tag, n.tokens) for n in seg.nodes)
    )


@pytest.mark.parametrize(
    "tokens",
    [
        ("commentary",),
        ("commentary-comment",),
        ("canvas", "nav"),
        ("unavailable",),
        ("xsidebarx",),
        ("research", "stock-market", "biology"),
        ("share_tools",),
        ("ad", "ads2", "ad-slot"),
        ("post-4401", "type-post"),
        ("main-text", "article"),
        ("navigable", "navigation"),
        (),
    ],
)
def test_crafted_values_hint_alike(tokens: tuple[str, ...]) -> None:
    _agree([("section", tokens)])
    assert hint(Node(0, "section", -1, 0, tokens, 0, 0)) == reference_hint("section", tokens)


def test_every_dev_page_value_hints_alike() -> None:
    """Every (tag, tokens) of every development page present (skipped without them)."""
    from benchmarks.evaldata import available_sets, iter_pages

    sets = available_sets()
    if not sets:
        pytest.skip("no evaluation data here")
    pairs: set[tuple[str, tuple[str, ...]]] = set()
    for name in sets:
        for page in iter_pages(name):
            tree = parse_html(decode_html(page.html()).text)
            if tree is not None:
                pairs.update((n.tag, n.tokens) for n in segment(tree, keep_elements=False).nodes)
    assert len(pairs) > 10_000, len(pairs)
    _agree(sorted(pairs))
