"""``--param NAME=VALUE``: the pairs given on a command line (``kg query``, ``kg run``,
the REPL's ``.run``, the notebook's ``%%kgq``), read one way for all of them."""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping, Sequence
from typing import Any

from kg.errors import ParameterError, UsageError

__all__ = ["parse_params", "refuse_unused", "is_param_name", "NAME_RULE", "Once",
           "GivenTwice", "given_twice", "param_hint"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  #: a `$name` as the grammar reads it (PARAM)
NAME_RULE = "ASCII letters, digits and _, not a digit first"


def is_param_name(name: str) -> bool:
    """Can a statement use ``$name``? (``ü`` was taken by `.set` and `--param`, and no
    statement could name it: "unexpected character '$'".)"""
    return _NAME.fullmatch(name) is not None


def param_hint(arg: str | None) -> str:
    """`` (a parameter's value is given as --param NAME=VALUE)`` for an argument that looks
    like one given as the REPL's `.run` takes it (`kg run retired-by date=2024-01-01` got
    "unrecognized argument" alone: hunt99 F10, hunt101 F7); else ""."""
    if not arg or "=" not in arg or not is_param_name(arg.split("=", 1)[0]):
        return ""
    return f" (a parameter's value is given as --param {arg})"


def parse_params(items: Sequence[str], *, option: str = "--param",
                 strip: bool = True) -> dict[str, str]:
    """``NAME=VALUE`` pairs from --param (or ``option``: `.run`'s arguments), each value
    without the white space around it (``strip``: as `kg run` binds it); a pair without
    ``=``, or a name given twice (in a script, a mistake: which value was meant?), is a
    usage error."""
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("$")
        if not sep or not name:
            raise UsageError(f"{option} expects NAME=VALUE, not {item!r}")
        if not is_param_name(name):
            raise UsageError(f"{option} {name!r} is not a parameter name ({NAME_RULE})")
        if name in params:
            raise UsageError(f"{option} {name} is given twice ({params[name]!r} and "
                             f"{value!r}): give it once")
        params[name] = value.strip() if strip else value
    return params


def refuse_unused(text: str, params: Mapping[str, object], option: str = "--param") -> None:
    """A parameter given that the statement ``text`` never uses is a mistake (a typo, the
    wrong query): say so.

    Raises:
        ParameterError: naming the parameters unused, and those the statement uses.
    """
    if not params:
        return
    from kg.ast import param_values  # a statement's: the CLI starts without the parser
    from kg.parser import parse  # (`kg --help`, `kg list` and completion need none)

    used = {v.text for v in param_values(parse(text))}
    unused = sorted(set(params) - used)
    if unused:
        names = ", ".join(f"${n}" for n in unused)
        hint = f"; it uses {', '.join('$' + n for n in sorted(used))}" if used else \
            "; it has no parameters"
        # a parameter of the wrong statement, as `kg run` says of a saved query's: exit 3
        raise ParameterError(f"{option} {names}: the statement never uses {names}{hint}")


class GivenTwice(UsageError):
    """An option that is given once was given twice, with two values."""


class Once(argparse.Action):
    """An option given once (`kg`'s and the notebook's ``--lang``, ``--as-of``,
    ``--endpoint``): given again with another value, a usage error (the last one won: `kg
    query --as-of seed --as-of 2026` answered as of 2026, hunt80 F6); the same value again
    is one value."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        given: dict[str, Any] = namespace.__dict__.setdefault("_given_once", {})
        if self.dest in given and given[self.dest] != values:
            raise GivenTwice(given_twice(option_string or self.dest, given[self.dest], values))
        given[self.dest] = values
        setattr(namespace, self.dest, values)


def given_twice(option: str, first: str, second: str) -> str:
    """What to say of an option given twice, with two values (a URL's credentials hidden:
    two that differ in those alone are said so)."""
    if option == "--endpoint":
        from kg.credentials import shown

        first, second = shown(first), shown(second)
        if first == second:
            return f"--endpoint is given twice ({first!r}, with two users or passwords): give it once"
    return f"{option} is given twice ({first!r} and {second!r}): give it once"
