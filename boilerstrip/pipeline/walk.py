"""Which segment walk runs: the compiled twin (``fastwalk``, Cython over lxml's C API) when it
is installed and was built against the lxml imported now, else the pure-Python reference
(:func:`boilerstrip.pipeline.segment.segment`). Both give the same :class:`Segmentation`.

``BOILERSTRIP_PURE=1`` in the environment (read at import) forces the pure-Python walk.
:data:`IMPLEMENTATION` says which walk :func:`segment` runs. A compiled module built for
another lxml is not used: a :class:`RuntimeWarning` says so, and the Python walk runs.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import warnings
from types import ModuleType
from typing import Any, Final, Literal

from lxml import etree

from ..config import MAX_JSON_LD_SCRIPTS, MAX_TOKEN_CHARS
from ..text.runs import BREAK, normalize
from ..text.tagged import Wanted
from ..text.tagged import tagged_elements as python_tagged_elements
from .parse import (
    INVISIBLE_TAGS,
    MAX_ATTRIBUTES,
    clean_tree,
    hides_by_aria,
    hides_by_style,
    keep_json_ld,
)
from .parse import limit_attributes as python_limit_attributes
from .segment import (
    BLOCK_TAGS,
    LEAF_TAGS,
    LIST_TAGS,
    Node,
    RawBlock,
    Segmentation,
    element_limits,
    join_tokens,
    kind_and_level,
    record_fields,
    value_tokens,
    walk_start,
)
from .segment import segment as python_segment

Implementation = Literal["compiled", "python"]

#: The compiled walk's module (fastwalk.pyx; fastwalk.pyi gives its types).
COMPILED_MODULE: Final = f"{__package__}.fastwalk"

#: The environment variable that forces the pure-Python walk (any value but "" and "0").
PURE_ENV: Final = "BOILERSTRIP_PURE"


def load_compiled() -> ModuleType | None:
    """The compiled walk, if it is installed, usable with this lxml and not turned off."""
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return None
    try:
        if importlib.util.find_spec(COMPILED_MODULE) is None:
            return None  # not built (no compiler at install time): quietly
        fastwalk = importlib.import_module(COMPILED_MODULE)
    except Exception as error:  # built, but it cannot load here (Cython checks lxml's types)
        warnings.warn(
            f"boilerstrip: the compiled walk cannot be loaded ({type(error).__name__}:"
            f" {error}); the pure-Python walk is used (reinstall boilerstrip to build it again)",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    if not fastwalk.COMPATIBLE:
        warnings.warn(
            f"boilerstrip: the compiled walk was built for lxml {fastwalk.BUILT_FOR[0]} (libxml2"
            f" {fastwalk.BUILT_FOR[1]}) but lxml {fastwalk.RUNNING[0]} (libxml2"
            f" {fastwalk.RUNNING[1]}) is imported; the pure-Python walk is used (reinstall"
            " boilerstrip to build it again)",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    return fastwalk


COMPILED: Final = load_compiled()
#: The walk :func:`segment` runs.
IMPLEMENTATION: Implementation = "compiled" if COMPILED is not None else "python"
#: What the compiled walk is handed, made once: segment.py's tag sets, records and helpers.
SPEC_ARGS: Final = (
    BLOCK_TAGS,
    LIST_TAGS,
    LEAF_TAGS,
    Node,
    record_fields(Node),
    RawBlock,
    record_fields(RawBlock),
    normalize,
    kind_and_level,
    BREAK,
    join_tokens,
    value_tokens,
    MAX_TOKEN_CHARS,
)
SPEC: Final = None if COMPILED is None else COMPILED.Spec(*SPEC_ARGS)


def compiled_segment(
    root: etree._Element,
    *,
    keep_elements: bool = True,
    max_elements: int | None = None,
    max_inline: int | None = None,
) -> Segmentation:
    """:func:`boilerstrip.pipeline.segment.segment`, walked in C (needs :data:`COMPILED`)."""
    if COMPILED is None:
        raise RuntimeError("the compiled walk is not available (see walk.IMPLEMENTATION)")
    start, skipped = walk_start(root)
    block_room, inline_room = element_limits(max_elements, max_inline)
    blocks, nodes, elements, unfinished, walked = COMPILED.segment_walk(
        start,
        keep_elements,
        block_room,
        inline_room,
        skipped,
        SPEC,
    )
    kept = (start, *elements) if keep_elements else ()
    return Segmentation(tuple(blocks), tuple(nodes), kept, tuple(unfinished), walked)


def segment(
    root: etree._Element,
    *,
    keep_elements: bool = True,
    max_elements: int | None = None,
    max_inline: int | None = None,
    implementation: Implementation | None = None,
) -> Segmentation:
    """Cut the page into blocks with the walk :data:`IMPLEMENTATION` names (or the one asked
    for: the tests run both)."""
    walk = compiled_segment if (implementation or IMPLEMENTATION) == "compiled" else python_segment
    return walk(root, keep_elements=keep_elements, max_elements=max_elements, max_inline=max_inline)


def compiled_clean(root: etree._Element) -> None:
    """:func:`boilerstrip.pipeline.parse.clean_tree`, walked in C (needs :data:`COMPILED`). A
    tree the C walk does not take (CDATA, entity references: never from the HTML parser) is
    cleaned in Python."""
    if COMPILED is None:
        raise RuntimeError("the compiled walk is not available (see walk.IMPLEMENTATION)")
    json_ld = COMPILED.clean_walk(
        root, INVISIBLE_TAGS, MAX_JSON_LD_SCRIPTS, hides_by_aria, hides_by_style
    )
    if json_ld is None:
        clean_tree(root)
    elif json_ld:
        keep_json_ld(root, json_ld)


def clean(root: etree._Element, *, implementation: Implementation | None = None) -> None:
    """Drop invisible and hidden elements in place with the walk :data:`IMPLEMENTATION` names
    (or the one asked for), as :func:`boilerstrip.pipeline.parse.clean_tree` does."""
    if (implementation or IMPLEMENTATION) == "compiled":
        compiled_clean(root)
    else:
        clean_tree(root)


def compiled_limit_attributes(data: bytes) -> tuple[bytes, int]:
    """:func:`boilerstrip.pipeline.parse.limit_attributes`, scanned in C (needs
    :data:`COMPILED`)."""
    if COMPILED is None:
        raise RuntimeError("the compiled walk is not available (see walk.IMPLEMENTATION)")
    result: tuple[bytes, int] = COMPILED.limit_attributes(data, MAX_ATTRIBUTES)
    return result


def limit_attributes(
    data: bytes, *, implementation: Implementation | None = None
) -> tuple[bytes, int]:
    """Drop the attributes past the limit with the scan :data:`IMPLEMENTATION` names (or the
    one asked for), as :func:`boilerstrip.pipeline.parse.limit_attributes` does. Before Python
    3.11 the Python scan (a pattern of possessive quantifiers) does nothing, and so does this:
    the two stay twins."""
    if (implementation or IMPLEMENTATION) == "compiled" and sys.version_info >= (3, 11):
        return compiled_limit_attributes(data)
    return python_limit_attributes(data)


def compiled_valid_utf8(data: bytes) -> bool:
    """Whether ``data.decode("utf-8")`` would succeed, checked in C without making the text
    (needs :data:`COMPILED`)."""
    if COMPILED is None:
        raise RuntimeError("the compiled walk is not available (see walk.IMPLEMENTATION)")
    valid: bool = COMPILED.utf8_valid(data)
    return valid


def python_valid_utf8(data: bytes) -> bool:
    """Whether ``data.decode("utf-8")`` succeeds (it makes the text, and drops it)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def valid_utf8(data: bytes, *, implementation: Implementation | None = None) -> bool:
    """Whether ``data`` is valid UTF-8 as ``bytes.decode("utf-8")`` finds it, checked by the
    walk :data:`IMPLEMENTATION` names (or the one asked for): what ``encoding.decode_html``
    asks before it reads a page (``check_utf8``). The compiled check makes no text; the Python
    one makes it and drops it, which costs what decode_html's own decoding would."""
    if (implementation or IMPLEMENTATION) == "compiled":
        return compiled_valid_utf8(data)
    return python_valid_utf8(data)


#: Every element's own ``itemtype``, the root's included: cheaper in libxml2 than
#: "//*[@itemtype]" (no node set of every element); plain strings, not ones that keep their
#: element.
_ITEMTYPES = etree.XPath("descendant-or-self::*/@itemtype", smart_strings=False)


def python_itemtypes(root: etree._Element) -> list[str]:
    """The ``itemtype`` value of ``root`` and of each element below it, in document order."""
    found = _ITEMTYPES(root)
    return [str(value) for value in found] if isinstance(found, list) else []


def compiled_itemtypes(root: etree._Element) -> list[str]:
    """:func:`python_itemtypes`, walked in C (needs :data:`COMPILED`). A tree the C walk does
    not read as XPath does (entity references, a value of several nodes: never from the HTML
    parser) is read by XPath."""
    if COMPILED is None:
        raise RuntimeError("the compiled walk is not available (see walk.IMPLEMENTATION)")
    found: list[str] | None = COMPILED.attribute_values(root, "itemtype")
    return python_itemtypes(root) if found is None else found


def itemtypes(root: etree._Element, *, implementation: Implementation | None = None) -> list[str]:
    """The ``itemtype`` values of the tree (see :func:`python_itemtypes`), read by the walk
    :data:`IMPLEMENTATION` names (or the one asked for): what ``thread.declares_thread``
    reads."""
    if (implementation or IMPLEMENTATION) == "compiled":
        return compiled_itemtypes(root)
    return python_itemtypes(root)


def compiled_tagged_elements(root: etree._Element, wanted: Wanted) -> list[tuple[str, Any]]:
    """:func:`boilerstrip.text.tagged.tagged_elements`, walked in C (needs :data:`COMPILED`)."""
    if COMPILED is None:
        raise RuntimeError("the compiled walk is not available (see walk.IMPLEMENTATION)")
    found: list[tuple[str, Any]] = COMPILED.tagged_elements(root, wanted)
    return found


def tagged_elements(
    root: etree._Element, wanted: Wanted, *, implementation: Implementation | None = None
) -> list[tuple[str, Any]]:
    """The elements of the tags ``wanted`` names and the attributes it names of each (see
    :func:`boilerstrip.text.tagged.tagged_elements`), found by the walk :data:`IMPLEMENTATION`
    names (or the one asked for): what api hands the head's reader."""
    if (implementation or IMPLEMENTATION) == "compiled":
        return compiled_tagged_elements(root, wanted)
    return python_tagged_elements(root, wanted)
