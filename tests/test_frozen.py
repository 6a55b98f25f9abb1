"""`kg.frozen.record` behaves as `@dataclass(frozen=True)` does: equal by class and fields,
hashable alike, the same repr, immutable, and `replace`/`fields` work."""

from __future__ import annotations

import dataclasses

import pytest

from kg import ast
from kg.frozen import record
from kg.parser import parse


@record
class Pair:
    a: int
    b: tuple[str, ...] = ()


@record
class Other:
    a: int
    b: tuple[str, ...] = ()


@record
class One:
    a: int


@record
class Empty:
    pass


@dataclasses.dataclass(frozen=True)
class Reference:
    a: int
    b: tuple[str, ...] = ()


def test_equality_is_by_class_and_fields() -> None:
    assert Pair(1, ("x",)) == Pair(1, ("x",))
    assert Pair(1) != Pair(2)
    assert Pair(1) != Other(1)
    assert One(1) == One(1) and One(1) != One(2)
    assert Empty() == Empty()


def test_equal_records_hash_alike_and_work_as_keys() -> None:
    assert hash(Pair(1, ("x",))) == hash(Pair(1, ("x",)))
    assert len({Pair(1), Pair(1), Pair(2), One(1), One(1), Empty(), Empty()}) == 4


def test_repr_is_the_dataclass_repr() -> None:
    assert repr(Pair(1, ("x",))).replace("Pair", "Reference") == repr(Reference(1, ("x",)))
    assert repr(One(3)) == "One(a=3)" and repr(Empty()) == "Empty()"


def test_records_are_frozen_and_replace_and_fields_work() -> None:
    p = Pair(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.a = 2  # type: ignore[misc]
    assert dataclasses.replace(p, a=5) == Pair(5)
    assert [f.name for f in dataclasses.fields(p)] == ["a", "b"]


def test_the_syntax_tree_of_a_statement_equals_itself_parsed_again() -> None:
    text = "VMSeries | where category = GPU and not has retiredOn | show name, architecture"
    assert parse(text) == parse(text + " ")  # same spans: the same tree
    assert parse(text) != parse(text.replace("GPU", "CPU"))
    assert isinstance(parse(text), ast.Query)


def test_init_takes_what_a_dataclass_init_takes() -> None:
    assert Pair(1) == Pair(a=1) == Pair(1, ()) and Pair(b=("y",), a=2) == Pair(2, ("y",))
    for args, kwargs in (((), {}), ((1, (), 3), {}), ((1,), {"c": 2}), ((1,), {"a": 1})):
        with pytest.raises(TypeError):
            Reference(*args, **kwargs)  # the call fails on the dataclass …
        with pytest.raises(TypeError):
            Pair(*args, **kwargs)  # … and on the record
    assert Pair.__doc__ == "Pair(a, b)"


def test_init_is_written_when_the_class_first_makes_an_instance() -> None:
    @record
    class Late:
        a: int
        b: str = "x"

    assert Late.__init__.__qualname__.endswith("record.<locals>.__init__")
    assert Late(1) == Late(1, "x")
    assert Late.__init__.__qualname__.endswith("Late.__init__")
    assert Late(b="y", a=2).b == "y"


def test_a_record_refuses_fields_it_cannot_init_plainly() -> None:
    with pytest.raises(TypeError, match="plain fields"):
        @record
        class Listy:
            a: list[int] = dataclasses.field(default_factory=list)
