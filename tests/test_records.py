"""The records made once per block (``article.quick_init``): their quicker ``__init__`` makes
the same instances as the one :mod:`dataclasses` writes, and they stay frozen."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from dataclasses import dataclass, field
from typing import Any

import pytest

from boilerstrip.article import Block, BlockMarkup, Features, Frame, Span, quick_init
from boilerstrip.pipeline.segment import RawBlock, record_fields


@dataclass(frozen=True, slots=True)
class Plain:
    text: str
    count: int
    href: str | None = None
    flags: tuple[str, ...] = ()


@quick_init
@dataclass(frozen=True, slots=True)
class Quick:
    text: str
    count: int
    href: str | None = None
    flags: tuple[str, ...] = ()


def _fields(obj: object) -> tuple[object, ...]:
    return tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("a", 1), {}),
        (("a", 1, "x"), {}),
        (("a", 1, "x", ("f",)), {}),
        (("a",), {"count": 2, "flags": ("g",)}),
        ((), {"text": "b", "count": 3, "href": None}),
    ],
)
def test_quick_init_makes_what_the_dataclass_init_makes(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    plain, quick = Plain(*args, **kwargs), Quick(*args, **kwargs)  # type: ignore[arg-type]
    assert type(quick) is Quick
    assert _fields(quick) == _fields(plain)
    assert repr(quick) == repr(plain).replace("Plain", "Quick")
    assert hash(quick) == hash(plain)
    assert quick == Quick(*args, **kwargs)  # type: ignore[arg-type]
    assert quick != plain  # type: ignore[comparison-overlap]
    assert dataclasses.replace(quick, count=9) == Quick(quick.text, 9, quick.href, quick.flags)
    assert pickle.loads(pickle.dumps(quick)) == quick == copy.deepcopy(quick)


def test_quick_init_keeps_the_signature_and_its_errors() -> None:
    quick, plain = inspect.signature(Quick), inspect.signature(Plain)
    assert list(quick.parameters.values()) == list(plain.parameters.values())
    for args, kwargs in [((), {}), (("a",), {}), (("a", 1, None, (), 5), {}), (("a", 1), {"x": 1})]:
        with pytest.raises(TypeError):
            Plain(*args, **kwargs)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            Quick(*args, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", [Quick, Features, Block, BlockMarkup, Span, Frame, RawBlock])
def test_records_stay_frozen(cls: type[Any]) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    values = {"Quick": ("a", 1), "Span": ("a",), "Frame": ("ul", 1), "BlockMarkup": (0, "p", ())}
    obj = cls(*values.get(cls.__name__, range(len(names))))
    assert type(obj) is cls
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(obj, names[0], 5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(obj, names[0])
    with pytest.raises((AttributeError, TypeError)):  # as a plain frozen slotted dataclass
        obj.other = 1


def test_a_subclass_gets_the_dataclass_init() -> None:
    class Loose(Quick):  # no __slots__: it has a __dict__, a layout of its own
        pass

    loose = Loose("a", 1)
    assert type(loose) is Loose and _fields(loose) == ("a", 1, None, ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        loose.text = "b"  # type: ignore[misc]


def test_the_compiled_walk_still_reads_the_records() -> None:
    assert record_fields(Features)[0] == "words"
    assert record_fields(RawBlock) == (
        "text",
        "linked_text",
        "kind",
        "node",
        "level",
        "lead_link",
    )


def test_quick_init_refuses_what_it_cannot_copy() -> None:
    @dataclass(slots=True)
    class Mutable:
        a: int

    @dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclass(frozen=True, slots=True)
    class Factory:
        a: list[int] = field(default_factory=list)

    @dataclass(frozen=True, slots=True)
    class KeywordOnly:
        a: int = field(kw_only=True)

    @dataclass(frozen=True, slots=True)
    class Derived:
        a: int
        b: int = field(init=False, default=0)

    for cls in (Mutable, NoSlots, Factory, KeywordOnly, Derived):
        with pytest.raises(TypeError):
            quick_init(cls)
