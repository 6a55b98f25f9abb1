"""Graph terms as the plain values of result cells: entities by label, literals as Python.

A cell is one value, several (a tuple, in a stable order), or ``None``; a
``supports(FEATURE)`` cell is the table cell as the documentation states it.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from kg.i18n import pick, word
from kg.literals import Version, to_python, version_key
from kg.ontology import Ontology
from kg.plans import Column
from kg.result import Cell, EntityRef, Value

__all__ = ["cell_value", "term_value", "sort_key"]

Pair = tuple[Any, Any]  #: a value term and its label term (or None)


def cell_value(col: Column, pairs: list[Pair], lang: str, onto: Ontology) -> Cell:
    """The cell of ``col`` from the (value, label) pairs the query bound for one row."""
    if col.supports:
        return _supports(pairs, lang)
    values = [v for v, _ in pairs if v is not None]
    if not values:
        return None
    if all(isinstance(v, ox.NamedNode) for v in values):
        out: list[Value] = []
        for v in dict.fromkeys(values):
            labels = pick([lbl for val, lbl in pairs if val == v and lbl is not None], lang)
            out.append(EntityRef(labels[0].value if labels else onto.label(v.value, lang), v.value))
        out.sort(key=_order)
        return out[0] if len(out) == 1 else tuple(out)
    literals = pick([v for v in values if isinstance(v, ox.Literal)], lang)
    converted = sorted({term_value(v, lang, onto) for v in literals}, key=_order)
    return converted[0] if len(converted) == 1 else tuple(converted)


def _supports(pairs: list[Pair], lang: str) -> str:
    """yes / no / yes (qualifier), or the cell's own text where the page prints one."""
    if not any(v is not None for v, _ in pairs):
        return word("no", lang)
    own = pick([v for v, _ in pairs if isinstance(v, ox.Literal) and v.language], lang)
    if own:
        return str(own[0].value)
    qualifier = pick([lbl for _, lbl in pairs if lbl is not None], lang)
    yes = word("yes", lang)
    return f"{yes} ({qualifier[0].value})" if qualifier else yes


def _order(v: Any) -> tuple[int, Any, str]:
    """How values order within a cell and between rows: numbers as numbers, versions (and
    CUDA versions, by their number) as versions, text and labels case-insensitively."""
    if isinstance(v, bool):
        return (0, int(v), "")
    if isinstance(v, (int, float, Decimal)):
        return (1, Decimal(str(v)), "")
    if isinstance(v, Version):
        return (2, ("", v.key()), str(v))
    if isinstance(v, datetime.date):
        return (3, v.isoformat(), "")
    text = str(v)
    versioned = _VERSIONED.fullmatch(text)
    if versioned:
        words = text[: versioned.start(1)].strip().casefold()
        return (2, (words, version_key(versioned.group(1))), text.casefold())
    return (4, text.casefold(), text)


#: Labels that are a version (a CUDA version's "CUDA 11.8", a release's "PyTorch 2.10"):
#: they sort by the version they end in, after the words before it.
_VERSIONED = re.compile(r"(?:[^\d].*?\s)?(\d+(?:\.\d+){0,3})")


def sort_key(cell: Cell) -> tuple[int, Any, str]:
    """The order of a cell among cells: by its first value; no value sorts last."""
    if cell is None:
        return (9, "", "")
    return _order(cell[0] if isinstance(cell, tuple) else cell)


def term_value(t: ox.NamedNode | ox.Literal | ox.BlankNode, lang: str, onto: Ontology) -> Value:
    """A term as a plain Python value (entities by label)."""
    if isinstance(t, ox.NamedNode):
        return EntityRef(onto.label(t.value, lang), t.value)
    if not isinstance(t, ox.Literal):
        return str(t)
    return to_python(t)  # type: ignore[return-value]
