"""How the readers find elements by tag: a tag-filtered walk that hands back, of each element
found, the attributes the reader wants, or the element itself where it reads more. The
compiled walk has a twin of :func:`tagged_elements` (``pipeline.walk.tagged_elements``), which
the caller hands to the readers that take a :data:`Tagged`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from lxml import etree

#: ``(tag, names)`` pairs: the elements looked for (names without a namespace, told apart) and,
#: per tag, the attributes read of each one, or ``None`` to have the element itself.
Wanted = tuple[tuple[str, tuple[str, ...] | None], ...]
#: What finds them: :func:`tagged_elements` or its compiled twin.
Tagged = Callable[[etree._Element, Wanted], Iterable[tuple[str, Any]]]


def tagged_elements(root: etree._Element, wanted: Wanted) -> list[tuple[str, Any]]:
    """``(tag, found)`` of each element of ``root.iter(*tags)`` (document order, ``root``
    included): ``found`` is the tuple of ``el.get(name)`` of the names ``wanted`` gives its
    tag, or the element itself when it gives ``None``."""
    names = dict(wanted)
    if len(names) < len(wanted):
        raise ValueError("a tag is wanted twice")
    out: list[tuple[str, Any]] = []
    if not names:  # (iter() of no tag would give every node)
        return out
    for el in root.iter(*names):
        tag = el.tag
        read = names[tag]
        out.append((tag, el if read is None else tuple(map(el.get, read))))
    return out
