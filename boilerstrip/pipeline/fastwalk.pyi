"""Types of the compiled walk (fastwalk.pyx), for mypy whether or not it is built."""

from collections.abc import Callable
from typing import Any

from lxml import etree

BUILT_FOR: tuple[str, str]
RUNNING: tuple[str, str]
COMPATIBLE: bool

def segment_walk(
    start: etree._Element,
    keep_elements: bool,
    limit: int,
    inline_room: int,
    block_tags: frozenset[str],
    list_tags: frozenset[str],
    skipped: frozenset[str],
    node_cls: Callable[..., Any],
    block_cls: Callable[..., Any],
    normalize: Callable[..., str],
    kind_and_level: Callable[[Any], tuple[str, int]],
    brk: str,
    join_tokens: Callable[[str | None, str | None, str | None, str | None], tuple[str, ...]],
) -> tuple[
    list[Any],
    list[Any],
    list[etree._Element],
    list[int],
    list[tuple[int, int, int, int, int] | None],
]: ...
def clean_walk(
    root: etree._Element,
    invisible: tuple[str, ...],
    max_json_ld: int,
    hides_by_aria: Callable[[str], bool],
    hides_by_style: Callable[[str], bool],
) -> list[str] | None: ...
def limit_attributes(data: bytes, limit: int) -> tuple[bytes, int]: ...
