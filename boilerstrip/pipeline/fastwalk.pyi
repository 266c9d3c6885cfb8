"""Types of the compiled walk (fastwalk.pyx), for mypy whether or not it is built."""

from collections.abc import Callable
from typing import Any

from lxml import etree

from .segment import Walked

BUILT_FOR: tuple[str, str]
RUNNING: tuple[str, str]
COMPATIBLE: bool

class Spec:
    def __init__(
        self,
        block_tags: frozenset[str],
        list_tags: frozenset[str],
        leaf_tags: frozenset[str],
        node_cls: type[Any],
        node_fields: tuple[str, ...],
        block_cls: type[Any],
        block_fields: tuple[str, ...],
        normalize: Callable[..., str],
        kind_and_level: Callable[[Any], tuple[str, int]],
        brk: str,
        join_tokens: Callable[[str | None, str | None, str | None, str | None], tuple[str, ...]],
        value_tokens: Callable[[str], tuple[str, ...]],
        max_token_chars: int,
    ) -> None: ...

class FeatureSpec:
    def __init__(
        self,
        sub_words: tuple[object, ...],
        tag_hint: Callable[[str, int], int],
        features_cls: type[Any],
        feature_fields: tuple[str, ...],
        wrap_columns: int,
        cjk_columns: int,
        punctuation: str,
        sentence_ends: str,
        nospace: tuple[tuple[int, int], ...],
    ) -> None: ...

def rounded(value: float, digits: int) -> float: ...
def segment_walk(
    start: etree._Element,
    keep_elements: bool,
    limit: int,
    inline_room: int,
    skipped: frozenset[str],
    spec: Spec,
) -> tuple[list[Any], list[Any], list[etree._Element], list[int], Walked]: ...
def clean_walk(
    root: etree._Element,
    invisible: tuple[str, ...],
    max_json_ld: int,
    hides_by_aria: Callable[[str], bool],
    hides_by_style: Callable[[str], bool],
) -> list[str] | None: ...
def limit_attributes(data: bytes, limit: int) -> tuple[bytes, int]: ...
def utf8_valid(data: bytes) -> bool: ...
def attribute_values(root: etree._Element, name: str) -> list[str] | None: ...
def tagged_elements(
    root: etree._Element, wanted: tuple[tuple[str, tuple[str, ...] | None], ...]
) -> list[tuple[str, Any]]: ...
