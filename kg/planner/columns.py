"""Columns and sort keys: the patterns that bind what a row shows and how rows order."""

from __future__ import annotations

from typing import TypeGuard

from kg import checked as r
from kg.planner.builder import Builder, cut
from kg.planner.sparql import iri, natural_of, string
from kg.planner.texts import hub_key, known_tag, pickable, picked_text, text_walk
from kg.plans import ESCAPED, NAMES_APART, Column
from kg.vocab import RDFS

__all__ = ["Key", "SortItems", "GATHERED", "PLAIN", "cell", "escaped", "gatherable", "gathered_cell",
           "gathered_item", "sort_keys", "many_keys", "by_name", "by_version",
           "default_column", "text_group", "shown_label", "then_by"]

SortItems = tuple[tuple[r.RExpr | r.RColumn, bool], ...]
#: (value var, key var, aggregate, direction) of one sort key
Key = tuple[str, str, str, str]


# Label cells read ``rdfs:label`` through a path, ``(rdfs:label|rdfs:label)``: an engine
# evaluates a path as a set, so a label several sources state (the default graph is the
# union of the sources) is one solution, not one a source: with a plain pattern, each label
# column multiplied a row's solutions by its sources (0.5 s became 23 s with labels in 9
# sources, hunt48 #3). Not the zero-or-one path ``rdfs:label?``: it matched an entity with
# no label as itself, and Virtuoso dropped the row when the language filter then refused
# that match (hunt46 #2). ``rdfs:label+`` Virtuoso cannot run. A supports cell is a
# subquery of distinct cells instead (see :func:`cell`).
LABEL_PATH = "(rdfs:label|rdfs:label)"


def cell(b: Builder, focus: str, expr: r.RExpr, var: str,
         grouped: bool = False, optional: bool = True) -> tuple[Column, str]:
    """The column for ``expr`` and the OPTIONAL pattern binding its values to ``?var``
    (not ``optional``: the group alone, for a UNION branch, see ``kg.planner.several.apart``;
    ``grouped``: a `count by` key's, whose labels :mod:`kg.planner.count` reads per group).

    A ``supports(FEATURE)`` cell binds ``true``, or the cell's own text (``kg:cellText``)
    where the page prints one, and the qualifier as the label (one OPTIONAL reads the cell's
    node once, for both); nothing where it does not
    (the executor tells a blank cell from no cell by :meth:`kg.context.Context.table_rows`)."""
    if isinstance(expr, r.RSupports):
        # the feature's cells, each once (a subquery of distinct ones, not a row's solutions
        # times the sources stating it): twice as fast as a zero-or-one path on the page,
        # and the shape Virtuoso 7 answers right (tests/test_virtuoso.py)
        feature = iri(expr.feature)
        supports = b.scoped(f"?{focus} kg:supports {feature} .")
        node, text = b.var("q"), b.var("t")
        cell_node = b.scoped(f"?{node} kg:target ?{focus} ; kg:feature {feature} .")
        own = b.scoped(f"?{node} kg:cellText ?{text} .")
        qualified = b.scoped(f"?{node} kg:qualifier ?{var}l .")
        pattern = (f"OPTIONAL {{ {{ SELECT DISTINCT ?{focus} ?{var} ?{var}l WHERE {{ {supports} "
                   f"OPTIONAL {{ {cell_node} OPTIONAL {{ {own} }} OPTIONAL {{ {qualified} }} }} "
                   f"BIND(COALESCE(?{text}, true) AS ?{var}) }} }} }}")
        return Column(expr.title, var, expr.kind, f"{var}l", supports=expr.feature), pattern
    label = f"{var}l" if expr.kind.is_entity else None
    if not expr.steps and not label:  # the row's own value (a walk to values, `NCv3.retiredOn`):
        # bound beside the rows, not in a group of its own, which would not see the row's
        return Column(expr.title, var, expr.kind, None), f"BIND(?{focus} AS ?{var})"
    if not grouped and expr.steps == (r.RStep(r.LABEL),):  # the row's own names
        return (Column(expr.title, var, expr.kind, None, prop=stated_by(expr)),
                _own_labels(b, focus, var, optional))
    if not grouped and _names(expr):  # names through a path: each entity's
        h = b.var("h")
        walk = f"{b.walk(focus, cut(expr, -1)[0], f'?{h}')} {_own_labels(b, h, var)}"
    else:
        walk = b.walk(focus, expr, f"?{var}")
    if label and not grouped:  # (`count` reads the labels of each group, once)
        walk += f" {_own_labels(b, var, label)}"
    return (Column(expr.title, var, expr.kind, label, prop=stated_by(expr), path=walked(expr)),
            f"{'OPTIONAL ' if optional else ''}{{ {walk} }}")


def stated_by(expr: r.RExpr) -> str | None:
    """The property whose facts state ``expr``'s values: its path's last step, where that
    is forward and no label (a cell of `retiredOn` cites the page's `retiredOn` fact, not
    the deadline of the same date another source gives)."""
    last = expr.steps[-1] if isinstance(expr, r.RPath) and expr.steps else None
    return last.iri if last is not None and not last.inverse and last.iri != r.LABEL else None


def walked(expr: r.RExpr) -> tuple[tuple[str, bool], ...]:
    """The steps of ``expr``'s path where it has several (:attr:`kg.plans.Column.path`)."""
    if isinstance(expr, r.RPath) and len(expr.steps) > 1:  # (`name`: the label it reads)
        return tuple((RDFS.label.value if step.iri == r.LABEL else step.iri, step.inverse)
                     for step in expr.steps)
    return ()


def shown_label(b: Builder, entity: str, label: str) -> str:
    """The pattern binding ``?label`` to the labels of ``?entity`` that its cell shows
    (:meth:`kg.catalog.Entity.label`, :func:`kg.i18n.pick`): in the session's language,
    else English, else any language, else untagged; a regional tag where none is exact.
    A key or a group's label reads the least of them. One pattern, not two OPTIONALs,
    which a group evaluates on their own, before the entity is bound; ``rdfs:label``,
    not ``rdfs:label?``: a key or a group's label reads the least of its labels, however
    often a label is stated (and the zero-length match cost 13% of a sort by names at
    100k triples). (Admitting every English or untagged label, a row sorted by an
    untagged "Alpha" that its cell, showing "Zeta"@en, leaves out: hunt136 #2.)"""
    shown = picked_text(b, lambda o: f"?{entity} rdfs:label ?{o} .", label)
    return f"?{entity} rdfs:label ?{label} . FILTER({shown})"


def text_group(b: Builder, focus: str, expr: r.RExpr, var: str) -> str | None:
    """The OPTIONAL pattern binding ``?var`` to the texts of ``expr`` from ``?focus`` that
    its cell shows (:func:`kg.planner.texts.picked`). A `count by` text groups each entity by those alone,
    not by its text in every language (`VMCategory | count by name` listed "GPU" twice and
    "Allgemeiner Zweck" in English). None for a column that is no text of the graph."""
    if not pickable(expr):
        return None
    return f"OPTIONAL {{ {text_walk(b, focus, expr, var)} }}"


def gatherable(expr: r.RExpr) -> bool:
    """Does ``expr`` show entities, several a row, that the engine had better gather into
    one text a row (:func:`gathered_cell`)? Those reached through an inverse step, which
    fans in from many entities (a hub's series and sizes: at 100k triples 25 ms as
    solutions, 10 gathered). A forward path has a few values a row, which cost more
    gathered than as solutions (`VMSeries | show name, supportedBy`: 37.5 against 42.5
    ms). Not a `check with` column: its values are slots."""
    return (isinstance(expr, r.RPath) and expr.many and expr.kind.is_entity
            and any(step.inverse for step in expr.steps) and r.check_column(expr) is None)


def gathered_cell(b: Builder, focus: str, expr: r.RPath, var: str) -> tuple[Column, str]:
    """The column for ``expr`` (:func:`gatherable`) and a group binding each of its values
    as one item of text (``?{var}i``), for ``GROUP_CONCAT`` to gather
    (``kg.planner.several.gather``): the value's IRI followed by ``NAMES_APART``, which
    no IRI holds (:func:`escaped`). The executor reads their labels (``kg.labels``):
    building an item of IRI, tag and label here took three times as long as the IRI
    alone. A value stated by several sources has several items; the executor keeps one.
    Only IRIs: a literal or a blank node is no entity (`kg validate` reports it)."""
    value = f"{var}v"
    pattern = f"{{ {b.walk(focus, expr, f'?{value}')} BIND({gathered_item(value)} AS ?{var}i) }}"
    return Column(expr.title, var, expr.kind, many=True, gathered=True, prop=stated_by(expr),
                  path=walked(expr)), pattern


def gathered_item(var: str) -> str:
    """``?var`` as one item of a gathered text: its IRI escaped (:func:`escaped`), then
    ``NAMES_APART``; nothing for a value that is no IRI (an IF, not a FILTER: the shape
    tests/test_virtuoso.py has run on Virtuoso 7 since it failed to compile such a FILTER
    beside a label's). ``kg.cells.gathered_iris`` reads the items back."""
    return f"IF(isIRI(?{var}), CONCAT({escaped(var)}, {string(NAMES_APART)}), \"\")"


def escaped(var: str) -> str:
    """The text of ``?var`` with none of ``NAMES_APART`` (``kg.plans.ESCAPED``): a name, or
    an IRI (one from a server that took a space in it must not shift the parts after it)."""
    text = f"STR(?{var})"
    for char, escape in ESCAPED:  # neither is special in a regex
        text = f"REPLACE({text}, {string(char)}, {string(escape)})"
    return text


def _own_labels(b: Builder, entity: str, var: str, optional: bool = True) -> str:
    """The pattern binding ``?var`` to the labels of ``?entity`` a cell may show, for the
    executor to pick among (:func:`kg.i18n.pick`): those in the session's language or
    English (regional tags too), else every label (any language, or untagged). A second
    OPTIONAL binds those where the first bound none (bound, it only finds its own label
    again): over 3,000 labels at 100k triples it added 0.6 ms where a NOT EXISTS per
    label added 3.8 ms. Labels in other languages would only multiply rows; dropped
    always, an entity named only in German or Italian showed no name in English, which
    `where name ~` and `count by name` found (hunt136 #1). (Not ``optional``: a UNION
    branch's group, which binds no ``?entity`` before an OPTIONAL in it: a NOT EXISTS
    there.) Names are read in any source, each once (:data:`LABEL_PATH`)."""
    said = f"?{entity} {LABEL_PATH} ?{var} ."
    if optional:
        return f"OPTIONAL {{ {said} FILTER({_known(b, var)}) }} OPTIONAL {{ {said} }}"
    o = b.var("o")
    return (f"{{ {said} FILTER({_known(b, var)} || NOT EXISTS {{ ?{entity} rdfs:label ?{o} . "
            f"FILTER({_known(b, o)}) }}) }}")


def _known(b: Builder, var: str) -> str:
    """Is the text in ``?var`` in the session's language or in English (regional tags too)?"""
    return known_tag(b, f"LANG(?{var})")


#: How a key by names holds them (only when every sort item :func:`by_name`): the names
#: themselves, for the executor to order by (``kg.literals.natural_key``), encoded so
#: that several gather into one value (``GATHERED``) or one name per solution (``PLAIN``);
#: else the key is each name's natural key, computed in SPARQL. A key by versions holds
#: the versions themselves with ``PLAIN`` (``kg.literals.engine_version_key``), else
#: their version keys.
GATHERED, PLAIN = "gathered", "plain"


def sort_keys(b: Builder, focus: str, sort: SortItems, columns: tuple[r.RExpr, ...],
              names: str | None = None) -> tuple[list[Key], list[str]]:
    """One key per sort item (by default the first column), and the patterns binding them;
    a key by names holds them as ``names`` says (:data:`GATHERED`, :data:`PLAIN`)."""
    keys, lines = [], []
    for expr, desc in _items(sort, columns):
        v = b.var("s")
        lines.append(_key_pattern(b, focus, expr, v, names, desc))
        keys.append((v, b.var("k"), "MAX" if desc else "MIN", "DESC" if desc else "ASC"))
    return keys, lines


def then_by(items: SortItems, before: SortItems | None) -> SortItems:
    """The keys of a `sort` stage: its own, each by its first (a key given twice orders
    nothing the first did not, and each key joins its values), then an earlier sort's it
    does not give: a sort is stable, its ties keep the order the one before gave them
    (`sort name desc | sort retiredOn` is by retiredOn, then by name desc)."""
    keys: dict[r.RExpr | r.RColumn, tuple[r.RExpr | r.RColumn, bool]] = {}
    for item, desc in (*items, *(before or ())):
        keys.setdefault(item, (item, desc))
    return tuple(keys.values())


def many_keys(sort: SortItems, columns: tuple[r.RExpr, ...]) -> list[bool]:
    """For each key :func:`sort_keys` gives: may its path have several values?"""
    return [isinstance(e, r.RPath) and e.many for e, _ in _items(sort, columns)]


def _items(sort: SortItems, columns: tuple[r.RExpr, ...]) -> list[tuple[r.RExpr, bool]]:
    items = [(columns[i.index] if isinstance(i, r.RColumn) else i, d) for i, d in sort]
    return items if items or not columns else [(columns[0], False)]


def by_name(sort: SortItems, columns: tuple[r.RExpr, ...]) -> bool:
    """Does every sort key order by a name (its natural key, :func:`_natural`)? Entities
    by their label, and names; not versions, numbers or dates."""
    return all(not isinstance(e, r.RSupports) and (
        (e.kind.is_entity and not e.kind.compares_by)
        or (e.kind.tag is r.KindTag.STRING and bool(e.steps) and e.steps[-1].iri == r.LABEL))
        for e, _ in _items(sort, columns))


def by_version(sort: SortItems, columns: tuple[r.RExpr, ...]) -> bool:
    """Does every sort key order by a version (version literals, or versioned entities by
    the property they compare by)?"""
    return all(not isinstance(e, r.RSupports) and e.kind.versioned
               for e, _ in _items(sort, columns))


def _key_pattern(b: Builder, focus: str, expr: r.RExpr, v: str, names: str | None,
                 desc: bool = False) -> str:
    if isinstance(expr, r.RSupports):
        supports = b.scoped(f"?{focus} kg:supports {iri(expr.feature)} .")
        return f"OPTIONAL {{ {supports} BIND(0 AS ?{v}) }}"
    raw, kind = b.var("v"), expr.kind
    if not expr.steps and not kind.is_entity:  # the row's own value, beside the row (in an
        # OPTIONAL group of its own, the value would be unbound)
        return f"BIND({_plain_key(b, focus, kind, names)} AS ?{v})"
    if kind.is_entity and kind.compares_by:  # by its version
        n = b.var("n")
        return (f"OPTIONAL {{ {b.walk(focus, expr, f'?{raw}')} ?{raw} {iri(kind.compares_by)} "
                f"?{n} . BIND({_version_key(b, n, names)} AS ?{v}) }}")
    if kind.is_entity or (_names(expr) and not expr.many):
        # the name a cell shows: of the entity reached, or of the one whose label is read
        owner = cut(expr, -1)[0] if _names(expr) else expr
        lead, whose = (b.walk(focus, owner, f"?{raw}") + " ", raw) if owner.steps else ("", focus)
        label = b.var("l")
        return (f"OPTIONAL {{ {lead}{shown_label(b, whose, label)} "
                f"BIND({_name_key(b, label, names)} AS ?{v}) }}")
    if _names(expr) and names is not None:  # names of several entities: the texts the cell
        # shows, of one language over them all, not each entity's (hunt136 #2)
        return (f"OPTIONAL {{ {text_walk(b, focus, expr, raw)} "
                f"BIND({_name_key(b, raw, names)} AS ?{v}) }}")
    if pickable(expr):  # the texts its cell shows (a NOT EXISTS walking the path again per
        # text took 3.0 s at 10k triples for `VMSize | sort series.^about.text`: hunt128)
        keyed = hub_key(b, focus, expr, v, "MAX" if desc else "MIN")
        if keyed is not None:  # (the key aggregated as sort_keys does: least, or greatest)
            return f"OPTIONAL {{ {keyed} }}"
        return (f"OPTIONAL {{ {text_walk(b, focus, expr, raw)} "
                f"BIND({natural_of(f'?{raw}')} AS ?{v}) }}")
    walk = b.walk(focus, expr, f"?{raw}")
    if kind.tag is r.KindTag.VERSION:
        return f"OPTIONAL {{ {walk} BIND({_version_key(b, raw, names)} AS ?{v}) }}"
    if kind.tag is r.KindTag.STRING:  # a `check with` column's
        shown = f"LANG(?{raw}) = \"\" || LANGMATCHES(LANG(?{raw}), {string(b.lang)})"
        return f"OPTIONAL {{ {walk} FILTER({shown}) BIND({natural_of(f'?{raw}')} AS ?{v}) }}"
    return f"OPTIONAL {{ {walk} BIND(?{raw} AS ?{v}) }}"


def _plain_key(b: Builder, var: str, kind: r.Kind, names: str | None) -> str:
    """The sort key of a value that is no entity, in ``?var``: a version's, a text's natural
    key, as `where` compares texts (a walk's texts are those the cells show already; a text
    sorted by code point, "1.10.0" before "1.9.3", which `where` has after it: hunt124 F7),
    else the value itself."""
    if kind.tag is r.KindTag.VERSION:
        return _version_key(b, var, names)
    return natural_of(f"?{var}") if kind.tag is r.KindTag.STRING else f"?{var}"


def _names(expr: r.RExpr) -> TypeGuard[r.RPath]:
    """Is ``expr`` a path to names (its last step ``rdfs:label``)?"""
    return isinstance(expr, r.RPath) and bool(expr.steps) and expr.steps[-1].iri == r.LABEL


def _version_key(b: Builder, var: str, names: str | None) -> str:
    """The key of the version in ``?var``: the version itself where the executor orders by
    it (:data:`PLAIN`), or its text gathered with others (:data:`GATHERED`), percent-encoded
    (no space, which parts them, and no regular expression: the engine's version key costs
    two a value, compiled each time), else its version key, computed in SPARQL."""
    if names == GATHERED:
        return f'CONCAT("=", ENCODE_FOR_URI(STR(?{var})))'
    return f"?{var}" if names == PLAIN else b.key(var)


def _name_key(b: Builder, var: str, names: str | None) -> str:
    """The key of the name in ``?var``, as ``names`` says (see :data:`GATHERED`)."""
    return _name(var) if names == GATHERED else f"?{var}" if names == PLAIN else _natural(b, var)


def _name(var: str) -> str:
    """A name as the executor reads it back from a key gathering several
    (``kg.plans.NAMES_APART`` between them): ``=`` and the name escaped (:func:`escaped`)."""
    return f'CONCAT("=", {escaped(var)})'


def _natural(b: Builder, var: str) -> str:
    """The natural key (:func:`natural_of`) of the name in ``?var``."""
    return natural_of(f"?{var}")


def default_column(kind: r.Kind, walk: r.RPath | None) -> r.RExpr:
    """What a pipeline with no `show` shows: entities by name, else the values themselves."""
    if kind.is_entity:
        return r.RPath((r.RStep(r.LABEL),), r.STRING, "name")
    title = walk.title.rsplit(".", 1)[-1] if walk is not None else "value"
    return r.RPath((), kind, title)
