"""A plan's steps, run before its query: `limit` cuts by names or versions and `check with`
stages, each filling slots of the queries after it (:func:`kg.plans.fill`); and the cells
of a check's columns, from its verdicts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.cells import first_by
from kg.context import Context
from kg.errors import DataError
from kg.evidence import Evidence
from kg.facts import Facts
from kg.plans import CheckStep, Column, CutStep, Step, fill, slot
from kg.result import Cell

if TYPE_CHECKING:  # kg.compat is imported when a check runs, not at start-up
    from kg.compat.verdict import Verdict

__all__ = ["Checked", "CHECK_TEXT", "run_steps", "check_each", "unread", "checked_cells",
           "with_evidence"]

Checked = dict[str, tuple["Verdict", Evidence]]  #: a `check with`'s verdicts by entity IRI

#: What each column of a `check with` holds for an entity, from its verdict and evidence
#: (as text: the query filters on it; ``why`` becomes its lines in :func:`with_evidence`).
CHECK_TEXT: dict[str, Callable[[Verdict, Evidence], str]] = {
    "check:verdict": lambda v, w: str(v),
    "check:confidence": lambda v, w: w.confidence_text(),
    "check:why": lambda v, w: "\n".join(w.lines()),
}


def run_steps(sparql: str, steps: tuple[Step, ...], lang: str,
              ctx: Context) -> tuple[str | None, Checked]:
    """Run a plan's steps in order, each filling its slots in the queries after it; return
    the plan's query filled, and the last `check with`'s verdicts by entity. The query is
    None where a step leaves no entity: every query after it would start from none and
    answer nothing, so none is sent (Virtuoso 7 refuses one that walks a zero-or-one path
    from no entity: "neither end of it is bound")."""
    filled: dict[str, str] = {}
    checked: Checked = {}
    for i, step in enumerate(steps):
        if isinstance(step, CutStep):
            found = filled[f"{step.number} cut"] = _cut(step, filled, ctx)
        else:
            later = (sparql, *(s.sparql for s in steps[i + 1:]))
            checked = _check_with(step, filled, lang, ctx, later)
            found = filled[f"{step.number} focus"]
        if not found:
            return None, {}
    return fill(sparql, filled), checked


def _cut(step: CutStep, filled: dict[str, str], ctx: Context) -> str:
    """A `limit` by names or versions: the first candidates by their names' natural keys,
    or by their versions."""
    names, raw = ctx.store.select(fill(step.sparql, filled))
    first = first_by(raw, names.index(step.focus), names.index(step.key), step.desc,
                     step.count, step.by)
    if any(isinstance(term, ox.BlankNode) for term in first):  # no query can name one ("the
        # compiled SPARQL does not parse", exit 5: hunt84)
        raise DataError(f"limit: the first {step.count:,} rows hold an entity without an IRI "
                        "(a blank node in a data file), which kg cannot name in the query "
                        "that shows them: give each an IRI in its file")
    return " ".join(str(term) for term in first)


def _check_with(step: CheckStep, filled: dict[str, str], lang: str, ctx: Context,
                later: tuple[str, ...]) -> Checked:
    """A `check with` stage: select its entities, check each (facts read in one batch), and
    fill its slots with the entities and, where the ``later`` queries read them, their
    verdict, confidence and why."""
    _, raw = ctx.store.select(fill(step.sparql, filled))
    entities = checkable([row[0] for row in raw])
    verdicts = check_each(ctx, lang, entities, step.other)
    n = step.number
    filled[f"{n} focus"] = " ".join(str(ox.NamedNode(e)) for e in entities)
    for check, text in CHECK_TEXT.items():
        if any(slot(n, check) in sparql for sparql in later):
            filled[f"{n} {check}"] = " ".join(
                f"({ox.NamedNode(e)} {ox.Literal(text(v, w))})" for e, (v, w) in verdicts.items())
    return verdicts


def checkable(terms: Iterable[object]) -> list[str]:
    """The IRIs of the entities ``terms`` (each once, in order) that a `check with` checks.

    Raises:
        DataError: one is a blank node: no verdict, and no row may go quietly (hunt67 F3: a
            series of no evidence did).
    """
    terms = list(terms)
    blank = len({t for t in terms if isinstance(t, ox.BlankNode)})
    if blank:
        what = "an entity" if blank == 1 else f"{blank:,} entities"
        raise DataError(f"check with: the rows hold {what} without an IRI (a blank node in a "
                        "data file), which kg cannot look up or check: give each an IRI in "
                        "its file")
    return list(dict.fromkeys(t.value for t in terms if isinstance(t, ox.NamedNode)))


def check_each(ctx: Context, lang: str, entities: list[str], other: str) -> Checked:
    """Each of ``entities`` checked with ``other`` (the `check` statement checks one), the
    facts of all of them read in one batch per level (what the session has not read yet)."""
    from kg.compat import PRELOAD_DEPTH, checked, preload_props  # only for checks

    fx = Facts.of(ctx, lang)
    fx.preload([*entities, other], depth=PRELOAD_DEPTH, props=preload_props(fx, other))
    return {e: checked(fx, e, other) for e in entities}


def with_evidence(rows: list[list[Cell]], focus: Sequence[str | None], columns: tuple[Column, ...],
                  checked: Checked) -> dict[str, Any]:
    """The fields of a result with `check with` columns (none without: ``{}``): each row's
    evidence, and ``why`` as its lines (a cell holds them as one text, as the query carries
    them to filter on; the evidence has them as they are), put in ``rows``."""
    if not checked:
        return {}
    none = Evidence(())
    rows_evidence = tuple(checked[f][1] if f in checked else none for f in focus)
    why = [i for i, col in enumerate(columns) if col.check == "check:why"]
    for row, found in zip(rows, rows_evidence, strict=True):
        for i in why:
            row[i] = found.lines() if row[i] is not None else None
    return {"evidence": rows_evidence, "stacked": tuple(columns[i].title for i in why)}


def unread(solutions: object) -> Cell:
    """The cell of a `check with` column the query does not read (:func:`checked_cells` fills it)."""
    return None


def checked_cells(columns: tuple[Column, ...], rows: list[list[Cell]],
                  focus: list[str | None], checked: Checked) -> None:
    """The `check with` cells the query did not read, from the check's verdicts (what the
    query would have read: a row's entity has a verdict, or the cell is empty)."""
    for i, col in enumerate(columns):
        if col.evidence and col.check is not None:
            text = CHECK_TEXT[col.check]
            for row, iri in zip(rows, focus, strict=True):
                found = checked.get(iri or "")
                row[i] = text(*found) if found is not None else None
