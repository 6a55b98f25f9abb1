"""Records that are quick to define: ``@record`` is ``@dataclass(frozen=True)`` (and
``@record(frozen=False)`` a plain ``@dataclass``) whose methods are shared by every record,
or written only when first needed.

Python 3.11's dataclasses write each generated method as source text and ``exec`` it, one
method at a time: about 1 ms a frozen class on the machine that measured it, 0.4 ms a
mutable one, against 0.08 ms a record. With some 100 classes on the way of a cold
``kg query`` (the syntax tree, the checked tree, the plans, the evidence, the result, the
ontology, the store), that was a good part of its start-up. A record instead gets the
shared ``__eq__``, ``__hash__``, ``__repr__`` (and with ``order=True`` the comparisons)
below, and its ``__init__`` is written the first time the class makes an instance. Fields
(with defaults, ``default_factory``, ``compare=False``, ``repr=False``),
``__post_init__``, ``dataclasses.replace`` and ``dataclasses.fields`` work as on any
dataclass; a method the class defines itself is kept, as a dataclass keeps it. Two records
are equal when they are of the same class and their compared fields are equal; a mutable
record, as a mutable dataclass, is not hashable unless it says how.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["record"]

T = TypeVar("T")


@overload
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(*, frozen: bool = True, order: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True)
def record(cls: type[T] | None = None, /, *, frozen: bool = True,
           order: bool = False) -> type[T] | Callable[[type[T]], type[T]]:
    """A dataclass (frozen unless ``frozen=False``) whose ``__eq__``, ``__hash__``,
    ``__repr__`` (and with ``order`` its comparisons) are shared ones and whose
    ``__init__`` is written when the class first makes an instance."""
    if cls is None:
        return lambda c: _made(c, frozen, order)
    return _made(cls, frozen, order)


def _made(cls: type[T], frozen: bool, order: bool) -> type[T]:
    own = set(cls.__dict__)  # what the class defines itself, before dataclass() adds any
    hash_given = cls.__dict__.get("__hash__", dataclasses.MISSING) not in (dataclasses.MISSING, None)
    documented = bool(cls.__doc__)
    if not documented:  # else dataclass() would write one with inspect.signature, slowly
        cls.__doc__ = cls.__name__
    frozen_base = any(getattr(b.__dict__.get("__dataclass_params__"), "frozen", False)
                      for b in cls.__mro__[1:])  # (a record of a frozen record is frozen)
    made = dataclasses.dataclass(init=False, eq=False, repr=False,  # fields only
                                 frozen=frozen_base)(cls)
    params = made.__dataclass_params__  # type: ignore[attr-defined]  # what it is, for a
    params.init = params.repr = params.eq = True  # dataclass that extends it (hunt79 F1)
    params.order, params.frozen = order, frozen
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    if any(f._field_type is dataclasses._FIELD_INITVAR  # type: ignore[attr-defined]
           for f in made.__dataclass_fields__.values()) or any(  # type: ignore[attr-defined]
            not f.init or f.kw_only for f in fields):  # (a ClassVar is no field: it may be)
        raise TypeError(f"{made.__qualname__}: a record takes plain fields, "
                        "with or without a default")
    if not documented:
        made.__doc__ = f"{made.__name__}({', '.join(f.name for f in fields)})"
    made._record_values = staticmethod(_getter([f.name for f in fields if f.compare]))  # type: ignore[attr-defined]
    made._record_shown = staticmethod(_getter([f.name for f in fields if f.repr]))  # type: ignore[attr-defined]
    made._record_names = tuple(f.name for f in fields if f.repr)  # type: ignore[attr-defined]
    made._record_fields = frozenset(f.name for f in fields)  # type: ignore[attr-defined]
    methods: dict[str, Any] = {"__eq__": _eq, "__repr__": _repr}
    if frozen:
        methods |= {"__setattr__": _setattr, "__delattr__": _delattr}
    if order:
        methods |= {"__lt__": _lt, "__le__": _le, "__gt__": _gt, "__ge__": _ge}
    for name, method in methods.items():
        if name not in own:
            setattr(made, name, method)
    if not hash_given:  # a mutable record is no key (as a mutable dataclass)
        made.__hash__ = _hash if frozen else None  # type: ignore[assignment,method-assign]

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:  # noqa: N807
        made.__init__ = _init_of(made, fields, frozen)  # type: ignore[method-assign]
        made.__init__(self, *args, **kwargs)

    made.__init__ = __init__  # type: ignore[method-assign]
    return made


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of ``names`` of a record, as a tuple."""
    if len(names) > 1:
        return attrgetter(*names)  # type: ignore[return-value]
    if names:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return lambda obj: ()


def _init_of(cls: type, fields: tuple[dataclasses.Field[Any], ...], frozen: bool) -> Any:
    """The ``__init__`` a dataclass would have: fields in order, defaults and default
    factories kept, ``__post_init__`` called last."""
    scope: dict[str, Any] = {"_set": object.__setattr__,  # a factory's default, as a
                             "_absent": getattr(dataclasses, "_HAS_DEFAULT_FACTORY",  # dataclass
                                                dataclasses.MISSING)}  # shows it: <factory>
    params, body = ["self"], []
    for f in fields:
        value = f.name
        if f.default_factory is not dataclasses.MISSING:
            scope[f"_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_absent")
            value = f"_f_{f.name}() if {f.name} is _absent else {f.name}"
        elif f.default is not dataclasses.MISSING:
            scope[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
        else:
            params.append(f.name)
        body.append(f"    _set(self, {f.name!r}, {value})" if frozen else f"    self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = f"def __init__({', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, scope)  # noqa: S102 - the text is made of field names alone
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _setattr(self: Any, name: str, value: object) -> None:
    """A record's fields are frozen, and so is all of a record; a plain class that extends
    one may set attributes of its own (as with a frozen dataclass)."""
    cls = type(self)
    if cls.__dict__.get("__setattr__") is _setattr or name in cls._record_fields:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _delattr(self: Any, name: str) -> None:
    cls = type(self)
    if cls.__dict__.get("__delattr__") is _delattr or name in cls._record_fields:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
    object.__delattr__(self, name)


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return bool(self._record_values(self) == other._record_values(other))  # type: ignore[attr-defined]


def _hash(self: Any) -> int:
    return hash(self._record_values(self))


def _repr(self: Any) -> str:
    parts = ", ".join(f"{n}={v!r}" for n, v in zip(self._record_names, self._record_shown(self)))
    return f"{self.__class__.__qualname__}({parts})"


def _lt(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return bool(self._record_values(self) < other._record_values(other))


def _le(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return bool(self._record_values(self) <= other._record_values(other))


def _gt(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return bool(self._record_values(self) > other._record_values(other))


def _ge(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return bool(self._record_values(self) >= other._record_values(other))
