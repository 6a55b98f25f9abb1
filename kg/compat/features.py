"""Targets and features: does a compute target support a feature?

A ``kg:supports`` fact says yes, with the cell's qualifier ("through SDK") where a
``kg:QualifiedSupport`` states one. A blank cell is no triple at all: where the
target is a row of a table that has the feature as a column (the training-targets
matrix, the managed-compute capability table), the blank reads "no"; anywhere else
nothing says, and the verdict is unknown.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.compat.facts import Chain, Fact, Facts
from kg.compat.hardware import COMPATIBLE, NOT, UNKNOWN
from kg.vocab import KG_NS

__all__ = ["check_feature"]


def check_feature(fx: Facts, chain: Chain, target: str, feature: str) -> str:
    """``check <target> with <feature>``."""
    s, o = fx.name(target), fx.name(feature)
    said = [f for f in fx.get(target, "supports") if f.o == feature]
    if said:
        quals = _qualifiers(fx, target, feature)
        if quals:
            chain.say("qualifier", said + quals, s=s, o=o, q=", ".join(q.o for q in quals))
        else:
            chain.fact(said)
        return COMPATIBLE
    tables = {g for f in fx.get(feature, "type") if f.o == KG_NS + "Feature" for g in f.graphs}
    rows = {g for p in ("type", "supports") for f in fx.get(target, p) for g in f.graphs}
    common = sorted(tables & rows)
    if not common:
        chain.missing("no_table", s=s, o=o)
        return UNKNOWN
    graph = common[0]
    chain.fact([f.only(graph) for f in fx.get(target, "type") if graph in f.graphs], "row")
    chain.fact([f.only(graph) for f in fx.get(feature, "type") if graph in f.graphs], "column")
    chain.fact([f.only(graph) for f in fx.get(target, "supports") if graph in f.graphs])
    chain.rule("blank", s=s, o=o)
    return NOT


def _qualifiers(fx: Facts, target: str, feature: str) -> list[Fact]:
    """The qualifier of the cell (``kg:QualifiedSupport``), in the current language."""
    rows = fx.select(
        f"SELECT ?q ?text ?g WHERE {{ GRAPH ?g {{ ?q <{KG_NS}target> {ox.NamedNode(target)} ; "
        f"<{KG_NS}feature> {ox.NamedNode(feature)} ; <{KG_NS}qualifier> ?text }} }}")
    best: dict[str, tuple[int, Fact]] = {}
    for q, text, g in rows:
        lang = getattr(text, "language", None)
        rank = 0 if lang == fx.lang else 1 if lang in ("en", None) else 2
        fact = Fact(q.value, "qualifier", text.value, False, (g.value,))
        if q.value not in best or (rank, fact.o) < (best[q.value][0], best[q.value][1].o):
            best[q.value] = (rank, fact)
    return [fact for _, fact in sorted(best.values(), key=lambda pair: pair[1].s)]
