"""Frozen records that are quick to define: ``@record`` is ``@dataclass(frozen=True)``
with equality, hashing and repr shared by every record instead of generated per class.

Python 3.11's dataclasses write each generated method as source text and ``exec`` it, one
method at a time; for the 75 classes of the syntax tree, the checked tree and the plans
that was a third of the time ``import kg`` takes. Fields, ``dataclasses.replace`` and
``dataclasses.fields`` work as on any dataclass; two records are equal when they are of
the same class and their fields are equal, and they repr as a dataclass does.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

__all__ = ["record"]

T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """A frozen dataclass whose ``__eq__``, ``__hash__`` and ``__repr__`` are shared ones."""
    made = dataclasses.dataclass(frozen=True, eq=False, repr=False)(cls)
    names = tuple(f.name for f in dataclasses.fields(made))  # type: ignore[arg-type]
    values = attrgetter(*names) if len(names) > 1 else (
        (lambda obj, get=attrgetter(names[0]): (get(obj),)) if names else (lambda obj: ()))
    made._record_values = staticmethod(values)  # type: ignore[attr-defined]
    made._record_names = names  # type: ignore[attr-defined]
    made.__eq__ = _eq  # type: ignore[method-assign,assignment]
    made.__hash__ = _hash  # type: ignore[method-assign,assignment]
    made.__repr__ = _repr  # type: ignore[method-assign,assignment]
    return made


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return bool(self._record_values(self) == other._record_values(other))  # type: ignore[attr-defined]


def _hash(self: Any) -> int:
    return hash(self._record_values(self))


def _repr(self: Any) -> str:
    parts = ", ".join(f"{n}={v!r}" for n, v in zip(self._record_names, self._record_values(self)))
    return f"{self.__class__.__qualname__}({parts})"
