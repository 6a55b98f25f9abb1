"""Targets and features: does a compute target support a feature?

A ``kg:supports`` fact says yes, with the cell's qualifier ("through SDK") where a
``kg:QualifiedSupport`` states one. A blank cell is no triple at all: where the
target is a row of a table that has the feature as a column (the training-targets
matrix, the managed-compute capability table), the blank reads "no"; anywhere else
nothing says, and the verdict is unknown. A source is such a table where it types the
target (or states its support) and the feature, and some target supports the feature
there (a file that gives a target and a feature their types and nothing more is no table,
and its silence no "no").
"""

from __future__ import annotations

from kg.compat.chain import Chain
from kg.compat.verdict import Verdict
from kg.facts import Facts
from kg.vocab import KG, RDF

__all__ = ["check_feature"]


def check_feature(fx: Facts, chain: Chain, target: str, feature: str) -> Verdict:
    """``check <target> with <feature>``."""
    s, o = fx.name(target), fx.name(feature)
    said = [f for f in fx.get(target, KG.supports) if f.o == feature]
    if said:
        quals = fx.qualifiers(target, feature)
        if quals:
            q = ", ".join(q.o for q in quals)
            chain.say("qualifier", said + quals, s=s, o=o, q=q)
            chain.caution("qualified", quals, q=q)  # compatible, within the cell's
            # words: `where why ~ "caution"` tells it from a plain yes (hunt62 F3)
        else:
            chain.fact(said)
        return Verdict.COMPATIBLE
    columns = fx.ctx.onto.subclasses(KG.Feature.value)  # (a subclass's: hunt124 F3)
    tables = {g for f in fx.get(feature, RDF.type) if f.o in columns
              for g in f.graphs} & fx.stated_in(KG.supports, feature)
    rows = {g for p in (RDF.type, KG.supports) for f in fx.get(target, p) for g in f.graphs}
    common = sorted(tables & rows)
    if not common:
        chain.missing("no_table", s=s, o=o)
        return Verdict.UNKNOWN
    graph = common[0]
    chain.fact([f.only(graph) for f in fx.get(target, RDF.type) if graph in f.graphs], "row")
    chain.fact([f.only(graph) for f in fx.get(feature, RDF.type) if graph in f.graphs], "column")
    chain.fact([f.only(graph) for f in fx.get(target, KG.supports) if graph in f.graphs])
    chain.rule("blank", s=s, o=o)
    return Verdict.NOT

