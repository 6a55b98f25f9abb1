"""`supports(FEATURE) = "text"`: does the row's support cell show the text?

A support cell shows, in the session's language (:func:`kg.cells` and the executor's blank
cells, ``kg.executor``): the cell's own text where the page prints one, else `yes
(qualifier)`, else `yes` where the row supports the feature; `no` where it does not and is
a row of a table with the feature's column (a blank cell); `not stated` where no table has
the cell. The condition is those cases as SPARQL, each for the texts that can show it,
compared case-insensitively as text conditions are. Under `from SOURCE` the cell reads
that source alone, and only its own table's blank cell says `no`.
"""

from __future__ import annotations

from kg import checked as r
from kg.i18n import word
from kg.planner.builder import Builder
from kg.planner.sparql import iri, lowered, string
from kg.planner.texts import rank

__all__ = ["support_cell"]


def support_cell(cond: r.RSupportCell, b: Builder, focus: str) -> str:
    """The FILTER expression: the cell of ``?focus`` for the feature shows one of the texts
    (none: `in []` holds nothing; rdflib reads a bare `false` as true). Each case once, for
    all the texts it may show: a list of 990 texts was 990 times the cases, 48 s."""
    if not cond.texts:
        return "(1 = 0)"
    f, wanted = iri(cond.feature), sorted({text.lower() for text in cond.texts})
    yes, no, unsaid = (word(w, b.lang).lower() for w in ("yes", "no", "not stated"))
    supported = f"EXISTS {{ {b.scoped(f'?{focus} kg:supports {f} .')} }}"

    def said(prop: str, v: str) -> str:
        """A pattern binding ``?v`` to a ``prop`` text of the cell, on any of its nodes (two
        sources may each give the cell a node of its own)."""
        q = b.var("q")
        return b.scoped(f"?{q} kg:target ?{focus} ; kg:feature {f} ; kg:{prop} ?{v} .")

    def shown(prop: str, tagged: bool, texts: list[str]) -> str:
        """A pattern: the text of the cell's ``prop`` that it shows (in the session's
        language, else English, else any; the first of those, as a cell shows one) is
        one of ``texts``."""
        o, other = b.var("o"), b.var("p")

        def reach(v: str) -> str:
            tag = f' FILTER(LANG(?{v}) != "")' if tagged else ""
            return said(prop, v) + tag

        listed = ", ".join(string(t) for t in texts)
        mine, theirs = rank(b, f"?{o}"), rank(b, f"?{other}")
        first = (f"NOT EXISTS {{ {reach(o)} {reach(other)} FILTER({theirs} > {mine} || "
                 f"({theirs} = {mine} && STR(?{other}) < STR(?{o}))) }}")  # ?o in the
        # pattern: Jena 4.5 sees no outer variable in a FILTER inside EXISTS
        return f"{reach(o)} FILTER({lowered(f'?{o}')} IN ({listed})) FILTER({first})"

    own = b.var("c")
    has_own = f"EXISTS {{ {said('cellText', own)} FILTER(LANG(?{own}) != \"\") }}"
    cases = [f"({supported} && EXISTS {{ {shown('cellText', True, wanted)} }})"]
    if yes in wanted:
        cases.append(f"({supported} && !{has_own} && NOT EXISTS {{ {said('qualifier', b.var('l'))} }})")
    opening = f"{yes} ("
    inner = [w[len(opening):-1] for w in wanted if w.startswith(opening) and w.endswith(")")]
    if inner:
        cases.append(f"({supported} && !{has_own} && EXISTS {{ {shown('qualifier', False, inner)} }})")
    if no in wanted or unsaid in wanted:
        row = _table_row(b, focus, f, cond.feature_classes)
        blank = f"({row})" if unsaid not in wanted else f"(!{row})" if no not in wanted else "true"
        cases.append(f"(!{supported} && {blank})")
    return "(" + " || ".join(cases) + ")"


def _table_row(b: Builder, focus: str, feature: str, classes: tuple[str, ...]) -> str:
    """Is ``?focus`` a row of a table with the feature's column (a source graph that types
    the feature, by kg:Feature or one of the ``classes`` below it, and states the entity, as
    ``kg.context.Context.table_rows`` reads them), and no feature itself? Under `from`, of
    that source's table alone."""
    g, any_ = b.var("g"), b.var("a")
    graph = iri(b.graph) if b.graph else f"?{g}"
    if len(classes) > 1:  # (a data file's kg:Feature subclass typed no column: hunt124 F3)
        listed, t, u = ", ".join(iri(c) for c in classes), b.var("t"), b.var("t")
        column = f"{feature} a ?{t} . FILTER(?{t} IN ({listed}))"  # (no VALUES inside an
        own = f"?{focus} a ?{u} . FILTER(?{u} IN ({listed}))"  # EXISTS: hunt126 #10)
    else:
        column, own = f"{feature} a kg:Feature .", f"?{focus} a kg:Feature"
    return (f"(EXISTS {{ GRAPH {graph} {{ {column} ?{focus} a|kg:supports "
            f"?{any_} . }} }} && NOT EXISTS {{ GRAPH ?{b.var('g')} {{ {own} }} }})")
