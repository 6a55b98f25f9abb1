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
from kg.plans import Column, CountPlan

__all__ = ["count_plan"]


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
        col, pattern = cell(b, f, expr, f"g{i}", label_lang=b.lang)
        columns.append(replace(checked_column(col, expr), many=False))  # a group holds one value
        group_lines.append(text_group(b, f, expr, col.var) or pattern)
    group_vars = " ".join(f"?{c.var}" for c in columns)
    labels = " ".join(f"(SAMPLE(?{c.label_var}) AS ?{c.label_var}s) "
                      f"(MIN(COALESCE(STR(?{c.label_var}), \"\")) AS ?{c.label_var}k)"
                      for c in columns if c.label_var)
    # a group sorts by its value, or by the natural key of its entity's least label as
    # text ("" for none, as unbound: first), a text by its text's (SPARQL leaves the order
    # of literals in a language undefined: Virtuoso puts "GPU"@en first, and rdflib's MIN
    # fails on an unbound value), a version by its version key (as text, 9.2 came after
    # 13.4: hunt127 F2)
    keys = [_group_key(b, c) for c in columns]
    columns = [replace(c, label_var=f"{c.label_var}s" if c.label_var else None) for c in columns]
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
    shown = " ".join([group_vars, *(f"?{c.label_var}" for c in columns if c.label_var), "?count"])
    sparql = (header() + f"SELECT {shown} WHERE {{\n{{ SELECT {group_vars} {labels} "
              f"(COUNT(DISTINCT ?{f}) AS ?count) WHERE {{\n  {body}\n  "
              + "\n  ".join(group_lines)
              + f"\n}}\nGROUP BY {group_vars} }}\n}}\nORDER BY {' '.join(order)}\n{limit}")
    return CountPlan(sparql, (*columns, count_col), b.lang, finish(pipe), tuple(pipe.steps),
                     b.graph)


def _group_key(b: Builder, c: Column) -> str:
    """What a group of ``c`` sorts by (see :func:`count_plan`)."""
    if c.label_var:
        return natural_of(f"?{c.label_var}k")
    if c.kind.tag is r.KindTag.STRING:
        return natural_of(f"?{c.var}")
    return b.key(c.var) if c.kind.tag is r.KindTag.VERSION else f"?{c.var}"
