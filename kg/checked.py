"""A checked statement: every name resolved to an IRI, every value to a typed term.

The checker produces these; the planner compiles them to SPARQL. They carry no
spans: every error a user can make has been reported before this point.
"""

from __future__ import annotations

from dataclasses import field
from enum import StrEnum
from typing import Union

import pyoxigraph as ox

from kg.literals import LiteralKind
from kg.records import record

LABEL = "label"  #: the pseudo-property `name`: rdfs:label in the current language
#: What `check with` adds to each row, as pseudo-properties of the row entity (their values
#: are computed by the compatibility rules, not read from the graph).
CHECK_STEPS = {"verdict": "check:verdict", "confidence": "check:confidence", "why": "check:why"}
#: The values a `check with` column can hold where they form a closed set (the verdicts and
#: the firmness of sources: kg.compat.Verdict and kg.evidence.Firmness).
CHECK_VALUES = {"check:verdict": ("compatible", "not compatible", "unknown"),
                "check:confidence": ("primary", "secondary", "unverified", "doubtful", "none")}


class KindTag(StrEnum):
    """What a path holds: entities, or literals of one kind."""

    ENTITY = "entity"
    VERSION = "version"
    NUMBER = "number"
    DATE = "date"
    BOOLEAN = "boolean"
    STRING = "string"

    @property
    def literal(self) -> LiteralKind:
        return LiteralKind(self.value)


_PLURAL = {KindTag.ENTITY: "entities", KindTag.VERSION: "versions", KindTag.NUMBER: "numbers",
           KindTag.DATE: "dates", KindTag.BOOLEAN: "booleans", KindTag.STRING: "text"}


class CompareOp(StrEnum):
    """A comparison of KGQ, spelt as in SPARQL."""

    EQ = "="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="

    @property
    def ordering(self) -> bool:
        return self not in (CompareOp.EQ, CompareOp.NE)


@record
class Kind:
    """What a path reaches: entities (of classes), versions, numbers, dates, booleans, text.

    Entities of a class with ``kg:comparesBy`` compare as versions by that property.
    """

    tag: KindTag
    classes: frozenset[str] = frozenset()
    compares_by: str | None = None

    @property
    def is_entity(self) -> bool:
        return self.tag is KindTag.ENTITY

    @property
    def ordered(self) -> bool:
        return self.tag in (KindTag.VERSION, KindTag.NUMBER, KindTag.DATE, KindTag.STRING) \
            or bool(self.compares_by)

    @property
    def versioned(self) -> bool:
        """Does it compare as versions (version literals, or versioned entities)?"""
        return self.tag is KindTag.VERSION or bool(self.compares_by)

    def describe(self) -> str:
        if self.is_entity and self.compares_by:
            return "versions"
        return _PLURAL[self.tag]


ENTITY = Kind(KindTag.ENTITY)
STRING = Kind(KindTag.STRING)
NUMBER = Kind(KindTag.NUMBER)


@record
class RStep:
    iri: str
    inverse: bool = False


@record
class RPath:
    steps: tuple[RStep, ...]
    kind: Kind
    title: str
    many: bool = False  #: may hold several values per row (a step that is not functional)


def check_column(e: object) -> str | None:
    """The `check with` column ``e`` reads (``check:verdict`` …), if it is one."""
    if isinstance(e, RPath) and len(e.steps) == 1 and e.steps[0].iri in _CHECKED:
        return e.steps[0].iri
    return None


_CHECKED = frozenset(CHECK_STEPS.values())


@record
class RSupports:
    feature: str
    title: str
    kind: Kind = STRING


RExpr = Union[RPath, RSupports]


@record
class RTerm:
    """A value: a graph term, bound as a parameter when ``param`` is set."""

    term: ox.NamedNode | ox.Literal
    param: str | None = None


@record
class RColumn:
    """A reference to a column made by an earlier `show` or `count`."""

    index: int
    title: str


# --- conditions ---------------------------------------------------------------


@record
class RCompare:
    path: RPath
    op: CompareOp
    value: RTerm


@record
class RIn:
    path: RPath
    values: tuple[RTerm, ...]


@record
class RContains:
    expr: RExpr
    text: str


@record
class RSupportCell:
    """`supports(FEATURE) = "text"` (or `in [...]`): the row's cell for the feature shows
    one of ``texts`` (yes, no, not stated, yes (qualifier), or the cell's own text);
    ``feature_classes``: kg:Feature and the classes below it, what types a table's column."""
    feature: str
    texts: tuple[str, ...]
    feature_classes: tuple[str, ...] = ()


@record
class RHas:
    path: RPath


@record
class RIs:
    cls: str
    subclasses: tuple[str, ...] = ()  #: ``cls`` and every class below it, from the ontology


@record
class RNot:
    cond: RCond


@record
class RAnd:
    conds: tuple[RCond, ...]


@record
class ROr:
    conds: tuple[RCond, ...]


RCond = Union[RCompare, RIn, RContains, RSupportCell, RHas, RIs, RNot, RAnd, ROr]

# --- stages -------------------------------------------------------------------


@record
class RWhere:
    cond: RCond


@record
class RShow:
    columns: tuple[RExpr, ...]


@record
class RSort:
    items: tuple[tuple[RExpr | RColumn, bool], ...]


@record
class RLimit:
    count: int


@record
class RCount:
    by: tuple[RExpr, ...] = ()


@record
class RCollect:
    """Group rows by ``by``; each group's values of ``value`` in one cell."""

    value: RExpr
    by: tuple[RExpr, ...]


@record
class RPick:
    """`show` after a grouping stage: keep these columns (by position), in this order."""

    columns: tuple[int, ...]


@record
class RTranspose:
    """Turn the result's columns into rows; the first column is titled ``title``."""

    title: str | None


@record
class RFollow:
    path: RPath


@record
class RDistinct:
    pass


@record
class RCheckWith:
    """Check each row's entity with one entity: adds the columns ``verdict``,
    ``confidence`` and ``why``, which the stages after it can use like properties."""

    entity: str


RStage = Union[RWhere, RShow, RSort, RLimit, RCount, RCollect, RPick, RTranspose, RFollow,
               RDistinct, RCheckWith]

# --- statements ---------------------------------------------------------------


@record
class RQuery:
    """A pipeline: start at a class's instances or at one entity, walk, then stages."""

    cls: str | None
    entity: str | None
    walk: RPath | None
    focus: Kind
    stages: tuple[RStage, ...] = field(default=())
    subclasses: tuple[str, ...] = ()  #: ``cls`` and every class below it, from the ontology
    within: str | None = None  #: read facts only from this source (named graph): `from`


@record
class RDescribe:
    entity: str


@record
class RPathStmt:
    start: str
    end: str


@record
class RNeighbors:
    entity: str
    depth: int


@record
class RCheck:
    left: str
    right: str


@record
class RSchema:
    cls: str | None
    subclasses: tuple[str, ...] = ()  #: ``cls`` and every class below it, from the ontology


RStatement = Union[RQuery, RDescribe, RPathStmt, RNeighbors, RCheck, RSchema]
