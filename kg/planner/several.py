"""Paths with several values: their values add up in a query, they do not multiply.

A row entity joined with two patterns of a few thousand values each has millions of
solutions. Columns of entities through an inverse step gather theirs into one text a row
entity (:func:`gather`: one solution each, whatever their values); other columns with several values each bind
them in UNION branches of one OPTIONAL (:func:`apart`), sort keys with several values
each join one subquery level apart (:func:`key_levels`); conditions see each entity once
after such a path (``kg.planner.conditions.distinct_focus``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from kg import checked as r
from kg.planner.builder import Builder
from kg.planner.columns import Key
from kg.planner.sparql import string
from kg.plans import NAMES_APART

__all__ = ["apart", "gather", "key_levels", "aggregate", "gathered", "HAVING"]

#: Every group has its entity; said explicitly because some engines (rdflib) give a grouped
#: subquery with no solutions one row with nothing bound.
HAVING = "HAVING (BOUND(?{}))"


def apart(b: Builder, exprs: tuple[r.RExpr, ...], skip: Collection[int] = ()) -> set[int]:
    """The columns that may hold several values, where two or more may: each binds its
    values in a branch of a UNION of its own, so a row entity has as many solutions as
    those columns have values together, not as their product (two columns of a few
    thousand values each: millions of solutions). None where at most one may hold several;
    none of ``skip`` (gathered columns, :func:`gather`)."""
    many = {i for i, e in enumerate(exprs) if isinstance(e, r.RPath) and e.many and i not in skip
            and not (r.check_column(e) and not b.reads(e))}
    return many if len(many) >= 2 else set()


def aggregate(key: Key) -> str:
    """A key by its least (its greatest, descending) value."""
    v, k, agg, _ = key
    return f"({agg}(?{v}) AS ?{k})"


def gathered(key: Key) -> str:
    """A key of names: every name, for the executor to order by (see planner.columns)."""
    v, k, _, _ = key
    return f'(GROUP_CONCAT(DISTINCT COALESCE(?{v}, ""); separator={string(NAMES_APART)}) AS ?{k})'


def key_levels(f: str, lines: list[str], keys: list[Key], key_lines: list[str],
               many: list[bool], agg_of: Callable[[Key], str],
               indent: str) -> tuple[list[str], str, str]:
    """The lines, the projection and the GROUP BY of the subquery that gives each entity in
    ``?f`` once with its sort ``keys`` (each aggregated by ``agg_of``: :func:`aggregate`,
    :func:`gathered`). Keys that may have several values each are joined
    one level apart (the entities with the keys so far, as a subquery, then the next key),
    so their values add up instead of multiplying; the other keys join the first level."""
    levels: list[list[int]] = [[]]
    for i, several in enumerate(many):
        if several and any(many[j] for j in levels[-1]):
            levels.append([])
        levels[-1].append(i)
    done: list[int] = []
    select = group = ""
    for level in levels:
        if done:  # the level before as a subquery: each entity once, with its keys so far
            body = f"\n{indent}  ".join(lines)
            lines = [f"{{ SELECT {select} WHERE {{\n{indent}  {body}\n{indent}}} "
                     f"GROUP BY {group} {HAVING.format(f)} }}"]
        lines = [*lines, *(key_lines[i] for i in level)]
        select = " ".join([f"?{f}", *(f"?{keys[i][1]}" for i in done),
                           *(agg_of(keys[i]) for i in level)])
        group = " ".join([f"?{f}", *(f"?{keys[i][1]}" for i in done)])
        done += level
    return lines, select, group


def gather(f: str, rows: str, kept: list[str], cells: list[tuple[str, str]]) -> str:
    """The row entities (``rows``, a pattern giving each once, with the variables ``kept``)
    with the ``cells`` that gather their values into one text a row (the column's variable
    and its pattern, ``kg.planner.columns.gathered_cell``): a row entity has one solution
    whatever their values, which the engine gathers (at 100k triples, the sizes and series
    of the three compute hubs, 11,000 values: about 35 ms gathered, 130–160 ms as
    solutions, and 15 ms more to read them in Python instead of 30)."""
    branches = " UNION ".join(pattern for _, pattern in cells)
    # each item ends in NAMES_APART; a solution of another cell's branch has none ("": an
    # unbound value would fail the whole GROUP_CONCAT in Oxigraph)
    aggs = " ".join(f'(GROUP_CONCAT(COALESCE(?{var}i, ""); separator="") AS ?{var})'
                    for var, _ in cells)
    group = " ".join([f"?{f}", *kept])
    return (f"{{ SELECT {group} {aggs} WHERE {{\n    {rows}\n    OPTIONAL {{ {branches} }}\n  }} "
            f"GROUP BY {group} {HAVING.format(f)} }}")
