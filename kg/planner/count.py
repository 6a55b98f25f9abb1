"""`count`, with `by` or without, as a plan: aggregates the engine computes, the groups in
the order `sort` gives them (a pipeline's other stages: :mod:`kg.planner.query`)."""

from __future__ import annotations

from dataclasses import replace

from kg import checked as r
from kg.planner.builder import Builder
from kg.planner.columns import cell, text_group
from kg.planner.conditions import filtered_first
from kg.planner.pipe import Pipe, checked_column, finish, settle
from kg.planner.sparql import header, natural_of
from kg.planner.texts import rank
from kg.plans import Column, CountPlan

__all__ = ["count_plan"]

NONE = "urn:kg:no-value"  #: what a group without a value reads labels of (none)


def count_plan(b: Builder, pipe: Pipe, count: r.RCount) -> CountPlan:
    body = "\n  ".join(pipe.lines)
    f = pipe.focus
    count_col = Column("count", "count", r.NUMBER)
    if not count.by:
        sparql = header() + f"SELECT (COUNT(DISTINCT ?{f}) AS ?count) WHERE {{\n  {body}\n}}\n"
        return CountPlan(sparql, (count_col,), b.lang, finish(pipe), tuple(pipe.steps), b.graph)
    settle(b, pipe)
    body = filtered_first(pipe.lines)
    columns, group_lines = [], []
    for i, expr in enumerate(count.by):
        col, pattern = cell(b, f, expr, f"g{i}", grouped=True)
        columns.append(replace(checked_column(col, expr), many=False))  # a group holds one value
        group_lines.append(text_group(b, f, expr, col.var) or pattern)
    group_vars = " ".join(f"?{c.var}" for c in columns)
    labelled = [c for c in columns if c.label_var]
    # a group sorts by its value, or by the natural key of its entity's least label as
    # text ("" for none, as unbound: first), a text by its text's (SPARQL leaves the order
    # of literals in a language undefined: Virtuoso puts "GPU"@en first, and rdflib's MIN
    # fails on an unbound value), a version by its version key (as text, 9.2 came after
    # 13.4: hunt127 F2)
    keys = [_group_key(b, c) for c in columns]
    # the columns shown: each label the one _labelled picks for its group (``?…s``), not
    # the cell's own (``labelled`` keeps those: it reads them)
    shown_columns = [replace(c, label_var=f"{c.label_var}s" if c.label_var else None)
                     for c in columns]
    order = []
    for ref, desc in pipe.count_sort:
        idx = ref.index if isinstance(ref, r.RColumn) else -1
        target = keys[idx] if 0 <= idx < len(columns) else "?count"
        order.append(f"{'DESC' if desc else 'ASC'}({target})")
    # then the value itself where the key is not (a key twice, `ORDER BY ASC(?g0) ?g0`,
    # gives Virtuoso 7 wrong counts beside a LIMIT)
    order += [f"ASC({k})" for k in keys] + [f"?{c.var}" for c, k in zip(columns, keys)
                                            if k != f"?{c.var}"]
    limit = f"LIMIT {pipe.count_limit}\n" if pipe.count_limit is not None else ""
    # the groups ordered outside the query that makes them: a key computed from an
    # aggregate (a label's natural key) is no variable of that query's (Virtuoso 7 refuses
    # it there), and each group's key is computed once, not each solution's
    shown = " ".join([group_vars, *(f"?{c.label_var}" for c in shown_columns if c.label_var),
                      "?count"])
    grouped = (f"{{ SELECT {group_vars} (COUNT(DISTINCT ?{f}) AS ?count) WHERE {{\n  {body}\n  "
               + "\n  ".join(group_lines) + f"\n}}\nGROUP BY {group_vars} }}")
    if labelled:
        grouped = _labelled(b, grouped, group_vars, labelled)
    sparql = (header() + f"SELECT {shown} WHERE {{\n{grouped}\n}}\nORDER BY {' '.join(order)}\n"
              f"{limit}")
    return CountPlan(sparql, (*shown_columns, count_col), b.lang, finish(pipe),
                     tuple(pipe.steps), b.graph)


def _labelled(b: Builder, grouped: str, group_vars: str, labelled: list[Column]) -> str:
    """The groups of the query ``grouped`` with the label each entity of theirs shows:
    the least of its labels of the best rank by language (:func:`kg.planner.texts.rank`,
    as its cells pick them), found as the least of the labels each prefixed by its
    rank's digit, the best first, then the digit cut off. The labels are read for each
    group, once, not for each (row, value) pair before grouping: `VMSeries | count by
    supportedBy, category` took 25 ms so at 100k triples, 4 ms now. A group without a
    value (unbound) reads the labels of none (its sentinel IRI names nothing), not of
    every entity."""
    reads, picks, named = [], [], []
    for c in labelled:
        v, lv = c.var, c.label_var
        reads.append(f"BIND(COALESCE(?{v}, <{NONE}>) AS ?{v}n) OPTIONAL {{ ?{v}n rdfs:label ?{lv} . }}")
        picks.append(f"(MIN(COALESCE(CONCAT(STR(9 - {rank(b, f'?{lv}')}), STR(?{lv})), \"\")) "
                     f"AS ?{lv}r)")  # ("" for none: rdflib's MIN fails on an unbound value)
        named.append(f"BIND(SUBSTR(?{lv}r, 2) AS ?{lv}k) "  # (none: unbound, an error)
                     f"BIND(IF(?{lv}r != \"\", ?{lv}k, ?{lv}none) AS ?{lv}s)")
    return (f"{{ SELECT {group_vars} ?count {' '.join(picks)} WHERE {{\n{grouped}\n"
            + "\n".join(reads) + f"\n}}\nGROUP BY {group_vars} ?count }}\n" + " ".join(named))


def _group_key(b: Builder, c: Column) -> str:
    """What a group of ``c`` sorts by (see :func:`count_plan`)."""
    if c.label_var:
        return natural_of(f"?{c.label_var}k")
    if c.kind.tag is r.KindTag.STRING:
        return natural_of(f"?{c.var}")
    return b.key(c.var) if c.kind.tag is r.KindTag.VERSION else f"?{c.var}"
