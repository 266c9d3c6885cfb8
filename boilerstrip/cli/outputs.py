"""The forms a batch worker renders each document in, beside its text (see ``--format``).

The rendering happens in the worker process, where the Article is: only the rendered string
travels back (in :attr:`boilerstrip.cli.batch.Result.output`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from ..api import Article

__all__ = ["RENDERERS", "STRUCTURED", "render"]


def _json(article: Article) -> str:
    return json.dumps(article.to_dict(), ensure_ascii=False)


def _html(article: Article) -> str:
    return article.to_html(document=True)


def _markdown(article: Article) -> str:
    return article.to_markdown()


#: Output forms other than the plain text, by ``--format`` name. HTML is a whole document.
RENDERERS: Final[Mapping[str, Callable[[Article], str]]] = MappingProxyType(
    {"json": _json, "markdown": _markdown, "html": _html}
)
#: Forms that need the markup walk (``analyze(structured=True)``).
STRUCTURED: Final = frozenset({"markdown", "html"})


def render(article: Article, form: str) -> str | None:
    """``article`` in ``form``; ``None`` for ``"text"`` (the text is its own form)."""
    renderer = RENDERERS.get(form)
    return renderer(article) if renderer is not None else None
