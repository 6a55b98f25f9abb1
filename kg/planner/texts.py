"""Which texts of the graph a cell shows, as patterns: one language each, the session's,
else English, else any (:func:`kg.i18n.pick`), for a walk to texts from a row's entity."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeGuard

from kg import checked as r
from kg.planner.builder import Builder, cut
from kg.planner.sparql import natural_of, string

__all__ = ["text_walk", "hub_key", "shown_texts", "rank", "pickable", "picked", "picked_text", "known_tag"]


def text_walk(b: Builder, focus: str, expr: r.RExpr, var: str, test: str = "",
              *, owned: bool = False) -> str:
    """A walk from ``?focus`` along ``expr`` to ``?var``, with :func:`shown_texts` where it
    reaches texts of the graph. Through forward steps of one value each to another entity's
    texts (`series.name`), the walk names that entity, whose texts are then the cell's: a NOT
    EXISTS that walked the whole path again took Oxigraph 135 s at 100k triples for `VMSize |
    where series.name ~ "9"`, 2 ms so (hunt125 F1). Not where a step has several values
    (the pick is over the cell's texts, of every entity reached: hunt126 #1):
    :func:`shown_texts` ranks those. (Under `from`, the entity is reached in the source and
    named by its names anywhere, as a cell names it: :data:`kg.planner.builder.NAME`.)
    ``test``, a condition's test of ``?var`` (an expression), follows the walk: for a path
    that comes back through a shared node (:func:`hub`), inside the walk from that node;
    through two steps or more, with ``owned`` (a containment, `~`), in :func:`_held`, which
    binds no ``?var`` (where :func:`_owned` says: the last entity step forward, not inside
    a FILTER's EXISTS). (Virtuoso 7 failed to compile `=`, `!=`, `<` in :func:`_held`'s
    aggregate: "Bad dfe in sqlo_place_exp"; they keep the FILTER after the walk.)"""
    assert isinstance(expr, r.RPath)
    if pickable(expr) and (parts := b.joined_at_hub(expr)) is not None:
        return _through_hub(b, focus, *parts, var, test)
    if test and owned and pickable(expr) and _owned(b, expr):
        return _held(b, focus, expr, var, test)
    tested = f" FILTER({test})" if test else ""
    if not pickable(expr) or len(expr.steps) < 2 or expr.many:
        return b.walk(focus, expr, f"?{var}") + shown_texts(b, focus, expr, var) + tested
    owner = b.var("h")
    head, last = cut(expr, -1)
    return (f"{b.walk(focus, head, f'?{owner}')} {b.walk(owner, last, f'?{var}')}"
            f" FILTER({picked(b, owner, last, var)}){tested}")


def _owned(b: Builder, expr: r.RPath) -> bool:
    """Does :func:`_held` test ``expr``'s texts? Through two steps or more, the last
    to an entity forward (`supportedBy.name`: many series share a target); not backward
    (`^series.name`: a size is one series's, so its owners are as many as the walk's rows,
    and the old pattern took 0.7-1.0× the time at 1M triples), nor inside a FILTER's
    EXISTS (no subquery there: Virtuoso 7). (Under `from`, the owners are reached in the
    source and named anywhere, as :meth:`Builder.walk` names them.)"""
    return len(expr.steps) >= 2 and not expr.steps[-2].inverse and not b.nested


def _held(b: Builder, focus: str, expr: r.RPath, var: str, test: str) -> str:
    """:func:`text_walk` with a ``test``: the foci of which a text the cell shows passes it.
    Each entity the path reaches its texts from (an owner: the series of `series.name`, the
    targets of `supportedBy.name`) is given, once, the best rank of its texts
    (:func:`rank`) and the best of those that pass the test; a focus holds where the best
    over its owners of the second is the best of the first: a text of the cell's best rank
    passes. Through steps of one value each (:func:`text_walk`'s owner), an owner's own
    texts are its cell, as before. The rank subquery of :func:`shown_texts` joined with the
    walk to every text, or a NOT EXISTS a text, took 1.5-2.8× a hand query reading English
    names only (`VMSeries | where supportedBy.name ~ "cluster"`, `VMSize | where
    series.name ~ "9"`: hunt135); the owners are far fewer than the (focus, text) pairs.
    Owners are those the path's last entity step reaches from anything, not every
    entity named. The bests are compared after the subquery, not in a HAVING: Jena 4.5
    kept no group by `HAVING(MAX(IF(…)) = MAX(…))`."""
    head, last = cut(expr, -1)
    h, s, best, hit = b.var("h"), b.var("s"), b.var("best"), b.var("hit")
    reached = b.walk(s, r.RPath(head.steps[-1:], r.ENTITY, expr.title), f"?{h}")
    ranked, passed = rank(b, f"?{var}"), f"COALESCE({test}, false)"
    body = (f"{{ SELECT DISTINCT ?{h} WHERE {{ {reached} }} }} {b.walk(h, last, f'?{var}')} "
            f"FILTER(isLiteral(?{var}))")
    owners = (f"{{ SELECT ?{h} (MAX({ranked}) AS ?{best}) (MAX(IF({passed}, {ranked}, -1)) "
              f"AS ?{hit}) WHERE {{ {body} }} GROUP BY ?{h} }}")
    walk = b.walk(focus, head, f"?{h}")
    if not expr.many:  # an owner's texts are its cell (:func:`text_walk`)
        return f"{walk} {owners} FILTER(?{hit} = ?{best})"
    cell, held = b.var("best"), b.var("hit")
    return (f"{{ SELECT ?{focus} (MAX(?{best}) AS ?{cell}) (MAX(?{hit}) AS ?{held}) WHERE {{ "
            f"{walk} {owners} }} GROUP BY ?{focus} }} FILTER(?{held} = ?{cell})")


def _through_hub(b: Builder, focus: str, head: r.RPath, tail: r.RPath, var: str,
                 test: str) -> str:
    """:func:`text_walk` of a path through a shared node (:func:`hub`), joined at that
    node: each (focus, node) pair once, each (node, text) pair once, and the cell's best
    rank (:func:`shown_texts`) the best of its nodes' best. Walked hop by hop, or as one
    property path, the (focus, entity) pairs past the node grow as the square of the
    entities sharing it: `VMSeries | where category.^category.architecture.name ~ "3"`
    took 2.8-6.2 s at 100k triples, `where architecture.^architecture.name ~ "9"` 50 s at
    1M (hunt132). With ``test``, the texts that pass it are not enumerated per focus but
    their ranks per node: a focus holds when one of its nodes has a text that passes of
    the cell's best rank, which the engine finds from a few (node, rank) pairs."""
    h, pairs, ranked, best = _hub_parts(b, focus, head, tail)
    if not test:
        texts = f"{{ SELECT DISTINCT ?{h} ?{var} WHERE {{ {b.walk(h, tail, f'?{var}')} }} }}"
        return f"{pairs} {texts} {ranked} FILTER({rank(b, f'?{var}')} = ?{best})"
    k = b.var("r")
    ranks = (f"{{ SELECT DISTINCT ?{h} ?{k} WHERE {{ {b.walk(h, tail, f'?{var}')} FILTER({test}) "
             f"BIND({rank(b, f'?{var}')} AS ?{k}) }} }}")
    return f"{pairs} {ranks} {ranked} FILTER(?{k} = ?{best})"


def hub_key(b: Builder, focus: str, expr: r.RExpr, var: str, agg: str) -> str | None:
    """A sort key's pattern (``kg.planner.columns``) for texts through a shared node
    (:func:`hub`), binding ``?var`` to the least (``agg`` MIN) or greatest (MAX) of the
    natural keys of the texts each node has of the cell's best rank: the least of
    those over the focus's nodes is the least over its cell, without a key for each (focus,
    text) pair (`VMSeries | sort category.^category.^about.text` 1.3 s at 100k triples,
    minutes at 1M: hunt132). None where :func:`text_walk` does not join at a node."""
    if not pickable(expr) or (parts := b.joined_at_hub(expr)) is None:
        return None
    head, tail = parts
    h, pairs, ranked, best = _hub_parts(b, focus, head, tail)
    t, k = b.var("t"), b.var("r")
    keys = (f"{{ SELECT ?{h} ?{k} ({agg}({natural_of(f'?{t}')}) AS ?{var}) WHERE {{ "
            f"{b.walk(h, tail, f'?{t}')} FILTER(isLiteral(?{t})) BIND({rank(b, f'?{t}')} AS ?{k}) "
            f"}} GROUP BY ?{h} ?{k} }}")
    return f"{pairs} {keys} {ranked} FILTER(?{k} = ?{best})"


def _hub_parts(b: Builder, focus: str, head: r.RPath,
               tail: r.RPath) -> tuple[str, str, str, str]:
    """For a walk joined at its shared node (:func:`_through_hub`): the node's variable,
    the (focus, node) pairs, each focus's best rank and its variable."""
    h, o, best, hb, h2 = b.var("h"), b.var("o"), b.var("best"), b.var("hb"), b.var("h")
    ranked = (f"{{ SELECT ?{focus} (MAX(?{hb}) AS ?{best}) WHERE {{ {b.node_pairs(focus, head, h2)} "
              f"{{ SELECT ?{h2} (MAX({rank(b, f'?{o}')}) AS ?{hb}) WHERE {{ "
              f"{b.walk(h2, tail, f'?{o}')} FILTER(isLiteral(?{o})) }} GROUP BY ?{h2} }} }} "
              f"GROUP BY ?{focus} }}")
    return h, b.node_pairs(focus, head, h), ranked, best


def shown_texts(b: Builder, focus: str, expr: r.RExpr, var: str) -> str:
    """For a walk from ``?focus`` along ``expr`` to texts in ``?var`` (`NCv3.name`,
    `VMSeries.supportedBy.name`): what keeps the texts their cells show (:func:`picked_text`),
    one language each, not the text in every language; "" for a walk to anything else.

    Through two steps or more, each text has a rank by its language (:func:`rank`), and a
    cell shows those of the best rank among its texts: a subquery gives each focus that
    rank, once for all, of its literals (an IRI where a text should be has no language: its
    error made the focus's rank none, hunt63 F2). A NOT EXISTS per text that walked the path
    again, as :func:`picked_text` does, Oxigraph evaluated without the focus bound, for
    every text: minutes at 100k triples (`VMSeries | where ^series.name ~ "s_v"`, hunt61 F1;
    `VMSeries | where supportedBy.name ~ "cluster"`, 27 s at 30k triples, hunt128), where
    the subquery walks the path once (`VMSeries | count by category.^category.architecture.
    name`, which hunt63 F3 left to NOT EXISTS, 7.9 s at 10k triples, 0.06 s so). Not
    inside a FILTER's EXISTS (:attr:`Builder.nested`, past the probes a query makes), where
    Virtuoso 7 answered the subquery wrongly (`VMSeries | where not (^series.name ~ "v3")`
    gave 1 series of 31 there: hunt128); such an EXISTS is slow on Oxigraph either way."""
    if not pickable(expr):
        return ""
    if len(expr.steps) < 2 or b.nested:
        return f" FILTER({picked(b, focus, expr, var)})"
    o, best = b.var("o"), b.var("best")
    return (f" {{ SELECT ?{focus} (MAX({rank(b, f'?{o}')}) AS ?{best}) WHERE {{ "
            f"{b.walk(focus, expr, f'?{o}')} FILTER(isLiteral(?{o})) }} GROUP BY ?{focus} }}"
            f" FILTER({rank(b, f'?{var}')} = ?{best})")


def rank(b: Builder, term: str) -> str:
    """The rank of a text ``term`` by its language, as :func:`kg.i18n.pick` prefers them:
    the session's language exactly, one of its regions (``de-AT``), English, an English
    region, any other language, no language."""
    tag, en = f"LANG({term})", string("en")
    rest = f'IF({tag} = {en}, 3, IF(LANGMATCHES({tag}, {en}), 2, IF({tag} != "", 1, 0)))'
    if b.lang == "en":
        return rest
    own = string(b.lang)
    return f"IF({tag} = {own}, 5, IF(LANGMATCHES({tag}, {own}), 4, {rest}))"


def pickable(expr: r.RExpr) -> TypeGuard[r.RPath]:
    """Is ``expr`` a path to texts of the graph (which may be in several languages)?"""
    return (isinstance(expr, r.RPath) and expr.kind.tag is r.KindTag.STRING and bool(expr.steps)
            and r.check_column(expr) is None)


def picked(b: Builder, focus: str, expr: r.RPath, var: str) -> str:
    """Does the text in ``?var``, one of ``expr``'s from ``?focus``, show in its cell?
    (:func:`picked_text`)"""
    return picked_text(b, lambda o: b.walk(focus, expr, f"?{o}"), var)


def known_tag(b: Builder, tag: str) -> str:
    """Is the language tag ``tag`` (an expression, ``LANG(?x)``) the session's language or
    English, or a region of either?"""
    mine = f"LANGMATCHES({tag}, {string(b.lang)})"
    return mine if b.lang == "en" else f"({mine} || LANGMATCHES({tag}, {string('en')}))"


def picked_text(b: Builder, reach: Callable[[str], str], var: str) -> str:
    """Does the text in ``?var``, one of those the pattern ``reach(o)`` binds to ``?o``,
    show in its cell (:func:`kg.i18n.pick`)? Those in the session's language, else English,
    else any language, else the untagged ones; a region's tag is of its language (``de-AT``
    is German) where none is in the language exactly, as :func:`kg.i18n.pick` has it. (Each
    NOT EXISTS names no outer variable but the focus, in a pattern: Jena 4.5 does not see
    one in a FILTER inside EXISTS.)"""
    own, en = string(b.lang), string("en")

    def none(tagged: Callable[[str], str]) -> str:
        """No text of the cell has a language tag ``tagged`` holds for."""
        o = b.var("o")
        return f"NOT EXISTS {{ {reach(o)} FILTER({tagged(f'LANG(?{o})')}) }}"

    def mine(t: str) -> str:  # the session's language or one of its regions (de-AT)
        return f"LANGMATCHES({t}, {own})"

    def of(lang: str) -> str:
        """In ``lang`` exactly, else in one of its regions where none is exactly in it."""
        return (f"({tag} = {lang} || (LANGMATCHES({tag}, {lang}) && "
                f"{none(lambda t: f'{t} = {lang}')}))")

    tag = f"LANG(?{var})"
    picked = [of(own)]
    if b.lang != "en":
        picked.append(f"({of(en)} && {none(mine)})")
    picked.append(f'({tag} != "" && !{known_tag(b, tag)} && {none(partial(known_tag, b))})')
    picked.append(f'({tag} = "" && {none(lambda t: t + " != " + string(""))})')
    return " || ".join(picked)
