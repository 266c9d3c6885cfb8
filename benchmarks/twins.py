"""Small helpers for comparing a compiled stage with its Python twin on trees: shared by the
fuzz harness (``benchmarks/fuzz.py``) and the cleaning tests (``tests/test_clean.py``)."""

from __future__ import annotations

from lxml import etree


def leave_as_parsed(root: etree._Element) -> None:
    """A cleaner that leaves the tree as parsed, for ``parse_html(..., clean=)``: the caller
    then cleans the tree both ways itself."""


def serialized(root: etree._Element) -> bytes:
    """The whole document of ``root`` as XML bytes: two trees are alike when these are."""
    return etree.tostring(root.getroottree(), encoding="utf-8", method="xml")
