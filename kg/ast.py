"""The syntax tree of KGQ: small frozen dataclasses, each carrying its source span.

The parser builds these; the checker reads them and builds the resolved plan
input. Nothing here knows about the ontology or SPARQL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from enum import StrEnum
from typing import Union

from kg.errors import Span
from kg.records import record

__all__ = [
    "Name", "Step", "Path", "SupportsFn", "Expr", "Value", "ValueKind",
    "Compare", "Contains", "In", "Supports", "Has", "Is", "Truthy", "Not", "And", "Or", "Cond",
    "Where", "Show", "ShowItem", "Sort", "SortItem", "Limit", "Count", "CountBy", "Collect",
    "Transpose", "Follow",
    "Distinct", "CheckWith", "Stage", "Query", "Describe", "PathStmt", "Neighbors", "Check", "Schema",
    "Statement", "values", "param_values",
]


@record
class Name:
    text: str
    span: Span
    quoted: bool = False


@record
class Step:
    name: Name
    inverse: bool
    span: Span


@record
class Path:
    steps: tuple[Step, ...]
    span: Span


@record
class SupportsFn:
    feature: Value
    span: Span


Expr = Union[Path, SupportsFn]

class ValueKind(StrEnum):
    """How a value was written: a bare name, a quoted string, a number or version, a date,
    or a ``$parameter``."""

    NAME = "name"
    STRING = "string"
    NUMBER = "number"
    DATE = "date"
    PARAM = "param"


@record
class Value:
    kind: ValueKind
    text: str
    span: Span


# --- conditions ---------------------------------------------------------------


@record
class Compare:
    expr: Expr
    op: str
    value: Value
    span: Span


@record
class Contains:
    expr: Expr
    text: Value  #: a string, or a ``$parameter`` whose value is the text
    span: Span


@record
class In:
    expr: Expr
    values: tuple[Value, ...]
    span: Span


@record
class Supports:
    feature: Value
    span: Span


@record
class Has:
    path: Path
    span: Span


@record
class Is:
    cls: Name
    span: Span


@record
class Truthy:
    expr: Expr
    span: Span


@record
class Not:
    cond: Cond
    span: Span


@record
class And:
    conds: tuple[Cond, ...]
    span: Span


@record
class Or:
    conds: tuple[Cond, ...]
    span: Span


Cond = Union[Compare, Contains, In, Supports, Has, Is, Truthy, Not, And, Or]

# --- stages -------------------------------------------------------------------


@record
class Where:
    cond: Cond
    span: Span


@record
class ShowItem:
    expr: Expr
    alias: Name | None
    span: Span


@record
class Show:
    items: tuple[ShowItem, ...]
    span: Span


@record
class SortItem:
    expr: Expr
    descending: bool
    span: Span


@record
class Sort:
    items: tuple[SortItem, ...]
    span: Span


@record
class Limit:
    count: int
    span: Span


@record
class Count:
    span: Span


@record
class CountBy:
    items: tuple[ShowItem, ...]
    span: Span


@record
class Collect:
    """`collect EXPR by EXPR, …`: one row per group, the values of EXPR in one cell."""

    value: ShowItem
    by: tuple[ShowItem, ...]
    span: Span


@record
class Transpose:
    """`transpose [as NAME]`: the result's columns become its rows."""

    title: Name | None
    span: Span


@record
class Follow:
    path: Path
    span: Span


@record
class Distinct:
    span: Span


@record
class CheckWith:
    value: Value
    span: Span


Stage = Union[Where, Show, Sort, Limit, Count, CountBy, Collect, Transpose, Follow, Distinct,
              CheckWith]

# --- statements ---------------------------------------------------------------


@record
class Query:
    source: Path
    stages: tuple[Stage, ...]
    span: Span
    within: Value | None = None  #: `from SOURCE`


@record
class Describe:
    entity: Value
    span: Span


@record
class PathStmt:
    start: Value
    end: Value
    span: Span


@record
class Neighbors:
    entity: Value
    depth: int
    span: Span
    depth_span: Span | None = None  #: where the depth is written


@record
class Check:
    left: Value
    right: Value
    span: Span


@record
class Schema:
    cls: Name | None
    span: Span


Statement = Union[Query, Describe, PathStmt, Neighbors, Check, Schema]


def values(node: object) -> Iterator[Value]:
    """Every value in a syntax tree, in source order."""
    return (n for n in _nodes(node) if isinstance(n, Value))


def param_values(node: object) -> Iterator[Value]:
    """Every ``$name`` value in a syntax tree, in source order."""
    return (v for v in values(node) if v.kind is ValueKind.PARAM)


def text_params(node: object) -> Iterator[Value]:
    """Every ``$name`` that stands for text (``EXPR ~ $name``), in source order."""
    return (n.text for n in _nodes(node)
            if isinstance(n, Contains) and n.text.kind is ValueKind.PARAM)


def _nodes(node: object) -> Iterator[object]:
    """Every record of a syntax tree (a value's parts and spans are not walked), in source
    order, each before its parts."""
    if isinstance(node, (tuple, list)):
        for item in node:
            yield from _nodes(item)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        yield node
        if not isinstance(node, (Value, Span)):
            for f in dataclasses.fields(node):
                yield from _nodes(getattr(node, f.name))
