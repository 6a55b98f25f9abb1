"""Frozen records that are quick to define: ``@record`` is ``@dataclass(frozen=True)``
whose methods are shared by every record, or written only when first needed.

Python 3.11's dataclasses write each generated method as source text and ``exec`` it, one
method at a time; for the 78 classes of the syntax tree, the checked tree, the plans and
the evidence that was most of the time ``import kg`` takes. A record instead gets the
shared ``__eq__``, ``__hash__``, ``__repr__``, ``__setattr__`` and ``__delattr__`` below,
and its ``__init__`` is written the first time the class makes an instance (a cold
``kg query`` makes instances of about a third of them). Fields, ``dataclasses.replace``
and ``dataclasses.fields`` work as on any dataclass; two records are equal when they are
of the same class and their fields are equal, and they repr as a dataclass does.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

__all__ = ["record"]

T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """A frozen dataclass whose ``__eq__``, ``__hash__`` and ``__repr__`` are shared ones
    and whose ``__init__`` is written when the class first makes an instance."""
    documented = bool(cls.__doc__)
    if not documented:  # else dataclass() would write one with inspect.signature, slowly
        cls.__doc__ = cls.__name__
    made = dataclasses.dataclass(init=False, eq=False, repr=False)(cls)  # fields only
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    if hasattr(made, "__post_init__") or any(
            not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING
            for f in fields):
        raise TypeError(f"{made.__qualname__}: a record takes plain fields, "
                        "with or without a default")
    names = tuple(f.name for f in fields)
    if not documented:
        made.__doc__ = f"{made.__name__}({', '.join(names)})"
    values = attrgetter(*names) if len(names) > 1 else (
        (lambda obj, get=attrgetter(names[0]): (get(obj),)) if names else (lambda obj: ()))
    made._record_values = staticmethod(values)  # type: ignore[attr-defined]
    made._record_names = names  # type: ignore[attr-defined]
    made.__eq__ = _eq  # type: ignore[method-assign,assignment]
    made.__hash__ = _hash  # type: ignore[method-assign,assignment]
    made.__repr__ = _repr  # type: ignore[method-assign,assignment]
    made.__setattr__ = _setattr  # type: ignore[method-assign,assignment]
    made.__delattr__ = _delattr  # type: ignore[method-assign,assignment]

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:  # noqa: N807
        made.__init__ = _init_of(made, fields)  # type: ignore[method-assign]
        made.__init__(self, *args, **kwargs)

    made.__init__ = __init__  # type: ignore[method-assign]
    return made


def _init_of(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Any:
    """The ``__init__`` a frozen dataclass would have: fields in order, defaults kept."""
    scope: dict[str, Any] = {"_set": object.__setattr__}
    params, body = ["self"], []
    for f in fields:
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            scope[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
        body.append(f"    _set(self, {f.name!r}, {f.name})")
    source = f"def __init__({', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, scope)  # noqa: S102 - the text is made of field names alone
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _setattr(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return bool(self._record_values(self) == other._record_values(other))  # type: ignore[attr-defined]


def _hash(self: Any) -> int:
    return hash(self._record_values(self))


def _repr(self: Any) -> str:
    parts = ", ".join(f"{n}={v!r}" for n, v in zip(self._record_names, self._record_values(self)))
    return f"{self.__class__.__qualname__}({parts})"
