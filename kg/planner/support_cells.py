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
from kg.planner.columns import picked_text
from kg.planner.sparql import iri, lowered, string

__all__ = ["support_cell"]


def support_cell(cond: r.RSupportCell, b: Builder, focus: str) -> str:
    """The FILTER expression: the cell of ``?focus`` for the feature shows one of the texts
    (none: `in []` holds nothing; rdflib reads a bare `false` as true)."""
    if not cond.texts:
        return "(1 = 0)"
    return "(" + " || ".join(_shows(b, focus, cond.feature, text) for text in cond.texts) + ")"


def _shows(b: Builder, focus: str, feature: str, text: str) -> str:
    f, wanted = iri(feature), text.casefold()
    yes, no, unsaid = (word(w, b.lang) for w in ("yes", "no", "not stated"))
    supported = f"EXISTS {{ {b.scoped(f'?{focus} kg:supports {f} .')} }}"
    q = b.var("q")
    node = b.scoped(f"?{q} kg:target ?{focus} ; kg:feature {f} .")

    def said(prop: str, tagged: bool) -> tuple[str, str]:
        """A pattern binding the cell's ``prop`` texts that show (in the session's language,
        else English, else any), and the variable it binds."""
        o = b.var("o")

        def reach(v: str) -> str:
            tag = f' FILTER(LANG(?{v}) != "")' if tagged else ""
            return f"{node} {b.scoped(f'?{q} kg:{prop} ?{v} .')}{tag}"

        return f"{reach(o)} FILTER({picked_text(b, reach, o)})", o

    own, own_var = said("cellText", tagged=True)  # the cell's own text: language-tagged
    cases = [f"({supported} && EXISTS {{ {own} FILTER({lowered(f'?{own_var}')} = "
             f"{string(wanted)}) }})"]
    no_own = f"NOT EXISTS {{ {own} }}"
    if wanted == yes.casefold():
        qualified, _ = said("qualifier", tagged=False)
        cases.append(f"({supported} && {no_own} && NOT EXISTS {{ {qualified} }})")
    opening = f"{yes.casefold()} ("
    if wanted.startswith(opening) and wanted.endswith(")"):
        qualified, q_var = said("qualifier", tagged=False)
        inner = wanted[len(opening):-1]
        cases.append(f"({supported} && {no_own} && EXISTS {{ {qualified} "
                     f"FILTER({lowered(f'?{q_var}')} = {string(inner)}) }})")
    if wanted in (no.casefold(), unsaid.casefold()):
        row = _table_row(b, focus, f)
        cases.append(f"(!{supported} && {'' if wanted == no.casefold() else '!'}{row})")
    return "(" + " || ".join(cases) + ")"


def _table_row(b: Builder, focus: str, feature: str) -> str:
    """Is ``?focus`` a row of a table with the feature's column (a source graph that types
    the feature and states the entity, as ``kg.context.Context.table_rows`` reads them), and
    no feature itself? Under `from`, of that source's table alone."""
    g, any_ = b.var("g"), b.var("a")
    graph = iri(b.graph) if b.graph else f"?{g}"
    return (f"(EXISTS {{ GRAPH {graph} {{ {feature} a kg:Feature . ?{focus} a|kg:supports "
            f"?{any_} . }} }} && NOT EXISTS {{ GRAPH ?{b.var('g')} {{ ?{focus} a kg:Feature }} }})")
