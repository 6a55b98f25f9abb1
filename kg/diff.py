"""``kg diff OLD NEW``: what changed on the page between two revisions.

Each revision's facts are the facts of its sources (the sections and tables of the
page, named graphs with ``kg:revision``), each in its section (the source's name: a table
rewritten in a revision is a new graph of the same name). A fact in NEW only, or in
another section, is *added*; in OLD only, or in another section, *removed*; where one
subject and property hold one value in each, in one section, the row reads *changed*, old
value and new. Outside facts hold in every revision and never show.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from enum import StrEnum

import pyoxigraph as ox

from kg.cells import term_value
from kg.context import Context
from kg.errors import UsageError
from kg.evidence import Firmness
from kg.i18n import day_in, word
from kg.literals import natural_key
from kg.ontology import Ontology
from kg.result import Cell, EntityRef, Result, ResultKind
from kg.revisions import ALL_REVISIONS, Revision, choose
from kg.store import OxigraphStore
from kg.vocab import KG

__all__ = ["Change", "diff_revisions", "COLUMNS"]

COLUMNS = ["change", "subject", "property", "old", "new", "source"]

Triple = tuple[str, str, ox.NamedNode | ox.Literal]


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


def diff_revisions(old: str, new: str, *, data: tuple[str, ...] = (), lang: str = "en",
                   notes: list[str] | None = None) -> Result:
    """The facts that differ between the revisions current at ``old`` and ``new``; in
    ``notes``, what to tell the user beside them (two names of one revision: an empty
    table said nothing of why, hunt50).

    Raises:
        UsageError: a date or name that is no revision, or a graph without revisions.
    """
    store = OxigraphStore.open(data, as_of=ALL_REVISIONS)
    if not store.revisions:
        raise UsageError("this graph describes no page revisions to compare")
    a, b = choose(store.revisions, old, "revision"), choose(store.revisions, new, "revision")
    if a is None or b is None:  # pragma: no cover - choose() only gives None without revisions
        raise UsageError("no revisions to compare")
    if notes is not None:
        notes += dict.fromkeys(note for given, r in ((old, a), (new, b))  # a day before a
                               if (note := r.later_note(given, lang)))  # part of it (as
        # --as-of says: hunt80 F4); one day given twice, said once
        if a == b:
            notes.append(word("same revision", lang).format(old=old, new=new,
                                                            day=day_in(a.date, lang)))
    ctx = Context(store, Ontology.from_store(store))
    section = ctx.source_labels("en").get  # a section keeps its name from one revision on
    before, after = _facts(store, a, section), _facts(store, b, section)
    rows: list[tuple[Change, Triple, ox.NamedNode | ox.Literal | None, str]] = []
    by_key: dict[tuple[str, str, str, str], dict[str, set[ox.NamedNode | ox.Literal]]] = \
        defaultdict(lambda: {"old": set(), "new": set()})
    for ((s, p, o), where) in _moved(before, after):
        by_key[(s, p, _lang(o), where)]["old"].add(o)
    for ((s, p, o), where) in _moved(after, before):
        by_key[(s, p, _lang(o), where)]["new"].add(o)
    for (s, p, _, where), sides in sorted(by_key.items(), key=lambda kv: kv[0]):
        olds, news = sides["old"], sides["new"]
        if len(olds) == 1 and len(news) == 1:
            (o1,), (o2,) = olds, news
            rows.append((Change.CHANGED, (s, p, o2), o1, after[((s, p, o2), where)]))
            continue
        rows += [(Change.REMOVED, (s, p, o), o, before[((s, p, o), where)]) for o in olds]
        rows += [(Change.ADDED, (s, p, o), None, after[((s, p, o), where)]) for o in news]
    return _result(ctx, rows, lang, a, b)


def _moved(one: dict[tuple[Triple, str], str],
           other: dict[tuple[Triple, str], str]) -> set[tuple[Triple, str]]:
    """The facts ``one`` states in a section and ``other`` does not; but not a fact of a
    section ``other`` has none of (a new table, or one gone) that ``other`` states in every
    section ``one`` states it in: copied there, not moved (the 2025 v1 training table's
    rows of targets still in the v2 table; 120 rows that buried the moves)."""
    only = one.keys() - other.keys()
    sections_other = {where for _, where in other}
    where_one: dict[Triple, set[str]] = defaultdict(set)
    where_other: dict[Triple, set[str]] = defaultdict(set)
    for t, where in one:
        where_one[t].add(where)
    for t, where in other:
        where_other[t].add(where)
    return {(t, where) for t, where in only
            if where in sections_other or not where_other[t] or not where_other[t] <= where_one[t]}


def _lang(term: ox.NamedNode | ox.Literal) -> str:
    """Values in different languages are different facts, never one changed into the other."""
    return getattr(term, "language", None) or ""


def _facts(store: OxigraphStore, revision: Revision,
           section: Callable[[str], str | None]) -> dict[tuple[Triple, str], str]:
    """Each fact of the revision's page sources, with the section stating it (a source's
    English label: a table rewritten in a revision is a new graph of the same name) → the
    (first) source stating it there. A fact that moves from one section to another (the
    Local computer row from the one training table to the SDK/CLI v1 table of 2025) is
    removed from the one and added to the other (hunt31 F1: it showed no change)."""
    _, rows = store.select(
        f"SELECT ?g ?s ?p ?o WHERE {{ ?g {KG.revision} "
        f"{ox.NamedNode(revision.iri)} . GRAPH ?g {{ ?s ?p ?o }} FILTER(isIRI(?s)) }} ORDER BY ?g")
    out: dict[tuple[Triple, str], str] = {}
    for g, s, p, o in rows:
        where = section(g.value) or g.value  # type: ignore[union-attr]
        out.setdefault(((s.value, p.value, o), where), g.value)  # type: ignore[union-attr,arg-type]
    return out


def _result(ctx: Context, rows: list[tuple[Change, Triple, ox.NamedNode | ox.Literal | None, str]],
            lang: str, a: Revision, b: Revision) -> Result:
    onto = ctx.onto
    table: list[list[Cell]] = []
    focus: list[str | None] = []
    for change, (s, p, o), old, graph in rows:
        new = None if change is Change.REMOVED else o
        table.append([str(change), EntityRef(onto.label(s, lang), s),
                      EntityRef(onto.label(p, lang), p), _value(old, ctx, lang),
                      _value(new, ctx, lang), _cited(ctx, graph, lang)])
        focus.append(s)
    order = sorted(range(len(table)), key=lambda i: (
        natural_key(str(table[i][1])), natural_key(str(table[i][2])), table[i][0],
        str(table[i][3]), str(table[i][4])))
    return Result(COLUMNS, [table[i] for i in order], ResultKind.DIFF,
                  focus=tuple(focus[i] for i in order),
                  subject_class=f"{a.label(lang)} → {b.label(lang)}", lang=lang)


def _cited(ctx: Context, graph: str, lang: str) -> str:
    """A source as a check's why cites it: its name, and how firm it is unless primary (a
    row of 2025 that the 2026 copy lacks, kept unverified, is no change the page shows)."""
    firm = ctx.firmness(graph)
    said = ctx.source_label(graph, lang)
    return said if firm is Firmness.PRIMARY else f"{said} ({firm})"


def _value(term: ox.NamedNode | ox.Literal | None, ctx: Context, lang: str) -> Cell:
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.language:  # every language's, as `describe`
        return f"{term.value} @{term.language}"  # tags it: a script matches one form (hunt40 #9)
    return term_value(term, lang, ctx.onto)
