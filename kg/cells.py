"""Graph terms as the plain values of result cells: entities by label, literals as Python.

A cell is one value, several (a tuple, in a stable order), or ``None``; a
``supports(FEATURE)`` cell is the table cell as the documentation states it.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Collection, Iterable, Sequence
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import Any, TypeVar
from urllib.parse import unquote

import pyoxigraph as ox

from kg.i18n import langmatches, pick, word
from kg.labels import Labels
from kg.literals import Version, engine_version_key, natural_key, to_python
from kg.ontology import Ontology
from kg.plans import BY_NAMES, BY_VERSIONS, NAMES_APART, Column, unescaped
from kg.result import Cell, EntityRef, Value
from kg.vocab import GENID

__all__ = ["Row", "cell_maker", "gathered_iris", "entities_cell", "term_value", "sort_key",
           "by_gathered", "first_by", "by_first_names", "first_name_key"]

T = TypeVar("T")

Pair = tuple[Any, Any]  #: a value term and its label term (or None)


Row = tuple[Any, ...]  #: one solution of a query, its terms by variable slot


def cell_maker(col: Column, lang: str, onto: Ontology, labels: Labels, value: int,
               label: int | None) -> Callable[[Sequence[Row]], Cell]:
    """What makes a cell of ``col`` from the solutions the query gave for one row's entity,
    the value in slot ``value`` and its label (if the column has one) in slot ``label``:
    made once for all of a result's rows. A gathered column's entities are named by the
    labels ``labels`` keeps; where it has not read some yet, it wants them
    (:attr:`kg.labels.Labels.wanted`), and the cells must be made again once it has."""
    if col.supports:
        return lambda rows: _supports(_pairs(rows, value, label), lang)
    if col.gathered:
        return lambda rows: _gathered(rows[0][value], lang, onto, labels)
    label_of = onto.label
    entities = col.kind.is_entity  # a literal there is no entity (`kg validate` reports it)

    def make(rows: Sequence[Row]) -> Cell:
        if len(rows) == 1:  # the common cell: one solution, one value (and its one label)
            row = rows[0]
            v, lbl = row[value], None if label is None else row[label]
        else:
            pairs = _pairs(rows, value, label)
            if len(pairs) != 1:
                return _many(pairs, lang, onto, entities)
            (v, lbl), = pairs
        if v is None:
            return None
        if v.__class__ is ox.NamedNode:
            return EntityRef(lbl.value if lbl is not None else label_of(v.value, lang), v.value)
        if v.__class__ is ox.Literal:
            return None if entities else to_python(v)  # type: ignore[return-value]
        return _many(((v, lbl),), lang, onto, entities)

    return make


def _pairs(rows: Iterable[Row], value: int, label: int | None) -> Collection[Pair]:
    """The distinct (value, label) pairs of ``rows``, in the order first seen."""
    if label is None:
        return {(row[value], None): None for row in rows}
    return {(row[value], row[label]): None for row in rows}


def _many(pairs: Collection[Pair], lang: str, onto: Ontology, entities: bool) -> Cell:
    """A cell of several values (or of one value with several labels); of ``entities``,
    IRIs alone."""
    by_value: dict[Any, list[Any]] = {}  # each value's labels, in one pass over the pairs
    for v, lbl in pairs:  # a blank node is no value (no entity: `kg validate` reports it)
        if v is not None and v.__class__ is not ox.BlankNode and (
                not entities or v.__class__ is ox.NamedNode):
            labels_of = by_value.setdefault(v, [])
            if lbl is not None:
                labels_of.append(lbl)
    if not by_value:
        return None
    if all(isinstance(v, ox.NamedNode) for v in by_value):
        return _entities({v.value: lbls for v, lbls in by_value.items()}, lang, onto)
    literals = pick([v for v in by_value if isinstance(v, ox.Literal)], lang)
    distinct = {term_value(v, lang, onto) for v in literals}
    if len(distinct) == 1:
        return distinct.pop()
    converted = sorted(distinct, key=_order)
    return converted[0] if len(converted) == 1 else tuple(converted)


def gathered_iris(term: Any) -> list[str]:
    """The IRIs a gathered column's text holds (``kg.plans.Column.gathered``), each once,
    in the order gathered (a fact several sources state is gathered once for each)."""
    text = term.value if term is not None else ""
    if not text:
        return []
    items = dict.fromkeys(text.split(NAMES_APART))
    items.pop("", None)  # after the last item, and a solution of another cell's branch
    if GENID in text:  # a blank node a server holds as an IRI: no value, as the embedded
        items = {i: None for i in items if not i.startswith(GENID)}  # engine's (hunt76 F2:
        # its hash was its name, and changed at each publish)
    return list(items) if "%" not in text else [unescaped(i) for i in items]


def _gathered(term: Any, lang: str, onto: Ontology, labels: Labels) -> Cell:
    """The cell of a gathered column from its text: its entities by the labels ``labels``
    read for them, else by the ontology's names; each entity and its order made once a
    session and language (:meth:`kg.labels.Labels.made`)."""
    return entities_cell(gathered_iris(term), lang, onto, labels)


def entities_cell(iris: list[str], lang: str, onto: Ontology, labels: Labels) -> Cell:
    """The cell of the entities ``iris``, as a gathered cell shows them."""
    if not iris:
        return None
    made = labels.made(("cells", lang))
    entries: list[Any] = list(map(made.get, iris))  # made once a session: nearly all known
    if None in entries:
        entries = [e or _entry(made, i, lang, onto, labels) for e, i in zip(entries, iris)]
    return _sorted_refs(entries)


def _sorted_refs(entries: list[tuple[Any, EntityRef]]) -> Cell:
    """Entities with their order keys: one as itself, several in that order (a stable
    sort: equal names as given)."""
    if len(entries) == 1:
        return entries[0][1]
    entries.sort(key=_first)
    return tuple(map(_second, entries))


_first, _second = itemgetter(0), itemgetter(1)
_UNREAD = ((0, "", ""), EntityRef("", ""))  #: an entity in a cell made again (:func:`_entry`)


def _entry(made: dict[str, Any], iri: str, lang: str, onto: Ontology,
           labels: Labels) -> tuple[tuple[int, Any, str], EntityRef]:
    """An entity of a gathered cell with its order (:func:`_in_order`'s), kept in ``made``;
    one whose labels no query has read yet is ``labels.wanted``, its cell to be made again
    once they are read (:meth:`kg.labels.Labels.read_wanted`)."""
    if not labels.knows(iri):
        labels.wanted.add(iri)
        return _UNREAD
    label = labels.shown(iri, lang)
    if label is None:
        label = onto.label(iri, lang)
    made[iri] = entry = (_text_order(label), EntityRef(label, iri))
    return entry


def _entities(labels: dict[str, list[Any]], lang: str, onto: Ontology) -> Cell:
    """The cell of entities (IRI → its labels: literals, or anything with a ``value`` and a
    ``language``), each by its label in ``lang`` (:func:`kg.i18n.pick`; none: the
    ontology's name for it)."""
    return _in_order(list(labels), [
        picked[0].value if (picked := pick(found, lang) if len(found) > 1 else found)
        else onto.label(iri, lang) for iri, found in labels.items()])


def _in_order(iris: list[str], labels: list[str]) -> Cell:
    """Entities with their labels, in the order :func:`_order` gives (by label; ties as
    given), each label's key computed once."""
    return _sorted_refs([(_text_order(label), EntityRef(label, iri))
                         for iri, label in zip(iris, labels, strict=True)])


def _supports(pairs: Collection[Pair], lang: str) -> str:
    """yes / no / yes (qualifier), or the cell's own text where the page prints one; "not
    stated" where no table has a cell for the row and the feature (``check`` says unknown)."""
    said = [v for v, _ in pairs if v is not None]
    if not said:
        return word("not stated", lang)  # the executor says "no" for a blank table cell
    own = pick([v for v, _ in pairs if isinstance(v, ox.Literal) and v.language], lang)
    if own:
        return str(own[0].value)
    qualifier = pick([lbl for _, lbl in pairs if lbl is not None], lang)
    yes = word("yes", lang)
    return f"{yes} ({qualifier[0].value})" if qualifier else yes


def _order(v: Any) -> tuple[int, Any, str]:
    """How values order within a cell and between rows: numbers as numbers, versions as
    versions, text and labels case-insensitively with the numbers in them as numbers."""
    if v.__class__ is EntityRef:  # the most common value: by its label's text
        return _text_order(v.label)
    if isinstance(v, bool):
        return (0, int(v), "")
    if isinstance(v, (int, float, Decimal)):
        return (1, Decimal(str(v)), "")
    if isinstance(v, Version):
        return (2, v.key(), str(v))
    if isinstance(v, datetime.date):
        return (3, v.isoformat(), "")
    return _text_order(str(v))


@functools.lru_cache(maxsize=1 << 16)  # bounded: labels repeat from query to query
def _text_order(text: str) -> tuple[int, Any, str]:
    """A text's or label's order: its natural key (numbers in it as numbers, as the engine
    orders names: ``kg.literals.natural_key``), then the text itself."""
    return (4, natural_key(text), text)


def by_gathered(groups: dict[Any, T], rows: list[tuple[Any, ...]], focus: int,
                keys: list[tuple[int, bool]], versions: bool = False) -> dict[Any, T]:
    """``groups`` (by focus term) in the order SPARQL's ``ORDER BY ASC|DESC(?k) … ?focus``
    gives when each ``?k`` is the least (the greatest, descending) natural key of the names
    a row's key column gathers (no name: unbound, first ascending); with ``versions``, the
    version key of the versions it gathers, percent-encoded."""
    first: dict[Any, tuple[Any, ...]] = {}
    for row in rows:
        first.setdefault(row[focus], row)
    key = _gathered_version_key if versions else _gathered_name_key

    def name_key(term: Any, desc: bool) -> str | None:
        names = [n for n in term.value.split(NAMES_APART) if n] if term is not None else []
        return (max if desc else min)((key(n[1:]) for n in names), default=None)

    def key_of(i: int, desc: bool) -> Callable[[Any], str | None]:
        return lambda t: name_key(first[t][i], desc)

    order = _in_key_order(groups, [(key_of(i, desc), desc) for i, desc in keys])
    return {t: groups[t] for t in order}


def _gathered_name_key(text: str) -> str:
    return natural_key(unescaped(text))


def _gathered_version_key(text: str) -> str:
    return engine_version_key(unquote(text))


def first_by(rows: Iterable[Row], focus: int, value: int, desc: bool, count: int,
             by: str = BY_NAMES) -> list[Any]:
    """The first ``count`` entities of ``rows`` (in slot ``focus``) in the order SPARQL's
    ``ORDER BY ASC|DESC(?k) ?focus`` gives when ``?k`` is the least (the greatest,
    descending) key of the values in slot ``value``, one per row (no key: unbound, first
    ascending). ``by`` says what the values are (``kg.plans.BY_NAMES``: names, by their
    natural keys, as :func:`by_gathered` orders them gathered; ``BY_VERSIONS``: versions, by
    the version key the engine computes)."""
    key_of = _CUT_KEYS[by]
    keys: dict[Any, str] = {}
    known = keys.get
    for row in rows:
        term, k = row[focus], key_of(row[value]) or ""  # no key is ever "": unbound is
        old = known(term)
        if old is None or (k and (not old or (k > old if desc else k < old))):
            keys[term] = k
    # only the entities up to the count-th key (and its ties) need ordering: the keys alone
    # sort fast, the entities by their keys and IRIs do not (26k sizes at 1M triples: 7 ms)
    if 0 < count < len(keys):
        last = sorted(keys.values(), reverse=desc)[count - 1]
        keys = {t: k for t, k in keys.items() if (k >= last if desc else k <= last)}
    return _in_key_order(keys, [(keys.__getitem__, desc)])[:count]


def _name_key(term: Any) -> str | None:
    """A name's natural key; none for a value that is not a literal (or no value)."""
    return natural_key(term.value) if term.__class__ is ox.Literal else None


def _version_key(term: Any) -> str | None:
    """A version's key as the engine computes it: from the text of a literal or an IRI
    (``STR``); a blank node (or no value) has none (``STR`` fails: unbound)."""
    cls = term.__class__
    return engine_version_key(term.value) if cls is ox.Literal or cls is ox.NamedNode else None


_CUT_KEYS: dict[str, Callable[[Any], str | None]] = {BY_NAMES: _name_key,
                                                     BY_VERSIONS: _version_key}


def _in_key_order(terms: Iterable[Any],
                  keys: list[tuple[Callable[[Any], str | None], bool]]) -> list[Any]:
    """``terms`` in the order of SPARQL's ``ORDER BY ASC|DESC(?k) … ?term``: by each key in
    turn (a term's key, or None or "" for unbound: first ascending, last descending), then
    by the term itself. Unbound sorts as the empty text, which no key is (natural and
    version keys never are: tests/test_keys.py), so every sort compares text alone, the
    fastest keys Python sorts by."""
    order = list(terms)
    iris = all(t.__class__ is ox.NamedNode for t in order)
    order.sort(key=_iri_text if iris else _term_order)
    for key_of, desc in reversed(keys):  # stable sorts: the first key decides, then the next
        order.sort(key=lambda t: key_of(t) or "", reverse=desc)
    return order


_iri_text = attrgetter("value")  #: the order of IRIs among IRIs (see :func:`_term_order`)


def by_first_names(groups: dict[Any, list[Row]], col: Column, value: int, label: int | None,
                   lang: str) -> dict[Any, list[Row]]:
    """``groups`` (by focus term, the solutions of each) in the order :func:`by_gathered`
    gives for the default key, the names of the first column ``col`` (its value in slot
    ``value``, its label in slot ``label``): an entity's labels in ``lang``, or untagged
    names and names in ``lang``."""
    name_at = value if label is None else label
    speaks = functools.cache(lambda tag: _speaks(tag, lang, untagged=label is None))

    def key(t: Any) -> tuple[bool, str, tuple[int, str]]:
        rows = groups[t]
        if len(rows) == 1:  # most rows: one solution, one name
            found = _spoken_key(rows[0][name_at], speaks)
            return (found is not None, found or "", _term_order(t))
        return (*first_name_key((row[name_at] for row in rows), speaks), _term_order(t))

    return {t: groups[t] for t in sorted(groups, key=key)}


def first_name_key(names: Iterable[Any], speaks: Callable[[str | None], bool]) -> tuple[bool, str]:
    """A row's place in the default order by the names of its first column: the least
    natural key of those of ``names`` (terms) that are texts in a language it ``speaks``
    (by their tags); a row with none comes first (then rows by their entity)."""
    keys = [k for n in names if (k := _spoken_key(n, speaks)) is not None]
    return (bool(keys), min(keys, default=""))


def _spoken_key(name: Any, speaks: Callable[[str | None], bool]) -> str | None:
    """:func:`_name_key` of a text in a language the order ``speaks``; none otherwise."""
    return _name_key(name) if name.__class__ is ox.Literal and speaks(name.language) else None


def _speaks(tag: str | None, lang: str, *, untagged: bool) -> bool:
    """SPARQL's ``LANGMATCHES(LANG(?x), lang)``, or no tag at all where ``untagged``
    allows it."""
    return untagged if not tag else langmatches(tag, lang)


def _term_order(t: Any) -> tuple[int, str]:
    """SPARQL's order of terms: blank nodes, then IRIs, then literals."""
    if t.__class__ is ox.NamedNode:  # nearly always: the short way
        return (1, t.value)
    rank = 0 if isinstance(t, ox.BlankNode) else 1 if isinstance(t, ox.NamedNode) else 2
    return (rank, str(getattr(t, "value", t)))


def sort_key(cell: Cell) -> tuple[int, Any, str]:
    """The order of a cell among cells: by its first value; no value sorts last."""
    if cell is None:
        return (9, "", "")
    return _order(cell[0] if isinstance(cell, tuple) else cell)


def term_value(t: ox.NamedNode | ox.Literal | ox.BlankNode, lang: str, onto: Ontology) -> Value:
    """A term as a plain Python value (entities by label; an RDF 1.2 triple term as Turtle
    writes it)."""
    if isinstance(t, ox.NamedNode):
        return EntityRef(onto.label(t.value, lang), t.value)
    if isinstance(t, ox.Triple):
        return f"<<( {t} )>>"
    if not isinstance(t, ox.Literal):
        return str(t)
    return to_python(t)  # type: ignore[return-value]
