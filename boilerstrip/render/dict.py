"""``Article.to_dict()``: the Article as JSON-ready data.

Every field of :class:`boilerstrip.article.Article` is there, under its own name, except the
blocks and the markup behind the Markdown and HTML forms: fields added to the Article appear
by themselves. Tuples become lists. The blocks (each with its features as a dict) only on
request.
"""

from __future__ import annotations

from dataclasses import asdict, fields, is_dataclass
from typing import Any

from ..article import ArticleData, Block

__all__ = ["render_dict"]

#: Fields that are not part of the dict (the blocks come only with ``blocks=True``).
_LEFT_OUT = frozenset({"blocks", "markup"})


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready data: tuples and lists as lists, dataclasses as dicts."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    return str(value)


def _block(block: Block) -> dict[str, Any]:
    return {
        "index": block.index,
        "text": block.text,
        "kind": block.kind,
        "tag": block.tag,
        "path": block.path,
        "kept": block.kept,
        "rule": block.rule,
        "features": asdict(block.features),
        "level": block.level,
        "in_region": block.in_region,
    }


def render_dict(article: ArticleData, *, blocks: bool = False) -> dict[str, Any]:
    """The fields of ``article`` as a dict of JSON types; ``blocks`` adds its blocks."""
    out = {
        f.name: _plain(getattr(article, f.name)) for f in fields(article) if f.name not in _LEFT_OUT
    }
    if blocks:
        out["blocks"] = [_block(b) for b in article.blocks]
    return out
