"""Which facts stand behind each cell of a result, and what their sources are.

A result holds values, not facts; this module finds, for each cell, the facts of the
subgraph (:mod:`kg.output.subgraph`) that state it. A row is about its own entity (its
focus) and every entity its cells show; a cell's facts link one of its values to one of
those, the row's own entity first::

    NCv3 | Volta | CUDA 9.0     NCv3 architecture Volta; Volta minimum CUDA CUDA 9.0

A column of a path of several steps (``architecture.minCuda``) cites the facts along it,
from the row's own entity to the value, whether or not the steps between are shown.

A ``supports(FEATURE)`` cell (``yes``, ``Single node cluster``) rests on the row entity's
``kg:supports`` fact; after ``transpose`` (no row entities) the row's first cell and the
column titles name the entities, and are looked up by name. A ``describe`` row is one
fact; a ``check`` rests on its evidence. The diagrams draw these facts, and the HTML
writer turns their sources into footnotes (:func:`kg.output.sources.describe_sources`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg.i18n import CELL_WORDS, DEFAULT_LANG, in_language
from kg.literals import to_python
from kg.ontology import Ontology
from kg.output.cells import value_text
from kg.output.subgraph import (
    Subgraph,
    Triple,
    is_thing,
    resolve,
    sort_key,
)
from kg.result import EntityRef, Result, ResultKind, cell_values
from kg.vocab import KG, RDF, RDFS

__all__ = ["SourcedFact", "cell_facts"]

SourcedFact = tuple[Triple, tuple[str, ...]]  #: a fact and the graphs (sources) stating it


class _Index:
    """The subgraph's facts by subject and by object, ``rdf:type`` left out."""

    def __init__(self, sub: Subgraph) -> None:
        self.out: dict[str, list[SourcedFact]] = defaultdict(list)
        self.into: dict[str, list[SourcedFact]] = defaultdict(list)
        self._pairs: dict[tuple[str, str], list[SourcedFact]] | None = None
        for fact, graphs in sub.facts:
            s, p, o = fact
            if p == RDF.type or not isinstance(s, ox.NamedNode):
                continue
            self.out[s.value].append((fact, graphs))
            if isinstance(o, ox.NamedNode):
                self.into[o.value].append((fact, graphs))

    def between(self, a: str, b: str) -> list[SourcedFact]:
        """Facts with subject ``a`` and object ``b`` (by a table made at the first call: each
        call scanned the subject's facts, 203k calls for one diagram at 1M: hunt125 F2)."""
        if self._pairs is None:
            self._pairs = defaultdict(list)
            for s, facts in self.out.items():
                for f in facts:
                    if isinstance(f[0][2], ox.NamedNode):
                        self._pairs[s, f[0][2].value].append(f)
        return self._pairs.get((a, b), [])

    def literal(self, subject: str, text: str) -> list[SourcedFact]:
        """Facts of ``subject`` whose literal object reads ``text``."""
        return [f for f in self.out.get(subject, ())
                if isinstance(f[0][2], ox.Literal) and _literal_text(f[0][2]) == text]


def _literal_text(lit: ox.Literal) -> str:
    if lit.datatype.value.endswith("#boolean"):
        return "true" if lit.value in ("true", "1") else "false"
    return lit.value


def cell_facts(result: Result, sub: Subgraph, onto: Ontology) -> list[list[list[SourcedFact]]]:
    """For each row and column of ``result``, the facts that state the cell (maybe none).
    A statement that read one source (`from`) cites it alone for a fact it states: the
    cell was read there, not in the other sources that state it too (the page's CUDA
    table cited a secondary copy of Wikipedia, the v2 training table the v1 one: hunt44 #2)."""
    index = _Index(sub)
    cells = _cell_facts(result, index, onto)
    if result.within is None and result.transposed:  # a column is an entity: its table
        listed = [_supports_facts(row[c] for row in cells) for c in range(len(result.columns))]
        return [[cell if cell or c == 0 or not _blank(result, r, c) else listed[c]  # (each
                 for c, cell in enumerate(row)] for r, row in enumerate(cells)]  # of the row's
        # entities cited: hunt118 F4)
    if result.within is None:
        return [_blanks_cited(result, r, row) for r, row in enumerate(cells)]
    within = result.within

    def read_there(fact: Triple, graphs: tuple[str, ...], focus: str | None) -> bool:
        # the row's name too: the source lists the row, though the name's text may be
        # stated elsewhere (the v1 inference table's Kubernetes row cited the v2 and the
        # training tables, not the v1: hunt56 F2)
        return within in graphs or (fact[1] == RDFS.label and fact[0].value == focus)

    read = [[[(f, (within,) if read_there(f, gs, focus) else gs) for f, gs in cell]
             for cell in row]
            for row, focus in zip(cells, [*result.focus, *[None] * len(cells)])]
    there = _listed_there(result, index, within) if result.transposed else None
    return [_blanks_cited(result, r, row, there) for r, row in enumerate(read)]


def _listed_there(result: Result, index: _Index, within: str) -> list[list[SourcedFact]]:
    """For each column of a transposed table read `from` one source, what lists its entity
    there: its name, as the title reads it, cited to that source (as the row's name is
    upright; its "not stated" cells cited nothing: review-s43-a)."""
    cited: tuple[str, ...] = (within,)
    return [[], *[[(f, cited) for f, _ in _named(index, iri, str(title))] if iri else []
                  for iri, title in zip(result.column_focus, result.columns[1:])]]


def _named(index: _Index, iri: str, title: str) -> list[SourcedFact]:
    """The name facts of ``iri`` that read ``title``; every one where none does (a title
    numbered where names repeat, `GPU (2)`: hunt126 #9)."""
    return index.literal(iri, title) or [f for f in index.out.get(iri, ())
                                         if f[0][1] == RDFS.label]


def _blanks_cited(result: Result, r: int, row: list[list[SourcedFact]],
                  listed: list[list[SourcedFact]] | None = None) -> list[list[SourcedFact]]:
    """A `supports(F)` cell a table leaves blank ("no": no fact states it) cites the table
    whose row it is (it cited nothing: hunt111 F4): the source read (`from`), which the row's
    name cites (after `transpose`, the column's: ``listed``); else the sources of the row's
    `supports` facts in its other cells (its name cited every source naming it, an inference
    table for a training target's "no": hunt116 F2), none where it has none."""
    listing = row[0] if result.within is not None else _supports_facts(
        cell for c, cell in enumerate(row) if _feature(result.features, c))
    return [(listed[c] if listed else listing)
            if c and (_blank(result, r, c) and not cell or _unstated(result, r, c))
            else cell for c, cell in enumerate(row)]


def _unstated(result: Result, r: int, c: int) -> bool:
    """Is the cell a "not stated" of a table read `from`? It cites that table, which leaves
    it unstated, not another source's "yes" (the training table was cited for the v1
    inference table's Kubernetes: hunt118)."""
    return result.within is not None and _support_word(result, r, c) == "not stated"


def _supports_facts(cells: Iterable[list[SourcedFact]]) -> list[SourcedFact]:
    """The `supports` facts of ``cells``, each once."""
    return list(dict.fromkeys(f for cell in cells for f in cell if f[0][1] == KG.supports))


def _blank(result: Result, r: int, c: int) -> bool:
    return _support_word(result, r, c) == "no"


def _support_word(result: Result, r: int, c: int) -> str | None:
    """A `supports(F)` cell's word in English ("no" in any language, as `= no` reads it;
    kg.i18n), else None; its feature is its column's, after `transpose` its row's (the
    "not stated" cells of a transposed table read `from` one source were taken for another
    column's, and cited nothing: review-s43-a)."""
    value = result.rows[r][c]
    if not isinstance(value, str) or _feature(result.features, r if result.transposed else c) is None:
        return None
    return in_language(value, DEFAULT_LANG, CELL_WORDS)


def _feature(features: tuple[str | None, ...], i: int) -> str | None:
    return features[i] if i < len(features) else None


def _cell_facts(result: Result, index: _Index, onto: Ontology) -> list[list[list[SourcedFact]]]:
    if result.evidence:
        return _evidence_cells(result)
    if result.kind is ResultKind.DESCRIBE:
        return _describe_cells(result, index)
    by_name = not result.focus and result.kind in (ResultKind.ROWS, ResultKind.COUNT)
    columns = _column_things(result)
    shown = result.shows if len(result.shows) == len(result.columns) else [None] * len(result.columns)
    paths = result.paths if len(result.paths) == len(result.columns) else [()] * len(result.columns)
    out = []
    for r, row in enumerate(result.rows):
        focus = result.focus[r] if r < len(result.focus) else None
        cells = [tuple(_entity(v, onto, by_name) for v in cell_values(cell)) for cell in row]
        if result.transposed:  # the row's name is its column's feature, if one (not a name)
            feature = _feature(result.features, r)
            cells[0] = (EntityRef(str(row[0]), feature),) if feature else ()
        things = _row_things(cells, focus, onto)
        out.append([_facts(cell, focus, things, cols, index, onto, prop,
                           _ends(focus, path, index) if focus and path else None)
                    for cell, cols, prop, path in zip(cells, columns, shown, paths, strict=True)])
    return out


def _of(facts: list[SourcedFact], prop: str | None) -> list[SourcedFact]:
    """The facts of the column's property, where the column has one: a date both a series'
    `retiredOn` and its `retirementDeadline` cited both sources in each cell (hunt45 #1); a
    fact of another property that only shares the value is none of the cell's (hunt47 #7)."""
    return [f for f in facts if f[0][1].value == prop] if prop else facts




def _entity(value: object, onto: Ontology, by_name: bool) -> object:
    """A text that names an entity, as that entity, where rows name entities as text."""
    if by_name and isinstance(value, str):
        iri = resolve(value, onto)
        return EntityRef(value, iri) if iri else value
    return value


def _row_things(cells: Sequence[tuple[object, ...]], focus: str | None, onto: Ontology) -> list[str]:
    """The entities a row is about: its own entity, then those its cells show."""
    things = [focus] if focus else []
    for values in cells:
        things += [v.iri for v in values if isinstance(v, EntityRef) and is_thing(v.iri, onto)]
    return list(dict.fromkeys(things))


def _column_things(result: Result) -> list[list[str]]:
    """The entities each column is about, as the plan says (its title was parsed for them,
    and `as P` lost them: hunt113 F3): a `supports(FEATURE)` column's feature; after
    `transpose`, the entity each column stands for, and, for the first, the rows' names,
    all of them (what lists a capability: hunt111 F4)."""
    if result.transposed:
        own = [[iri] if iri else [] for iri in result.column_focus]
        return [[iri for iri in result.column_focus if iri], *own]
    features = (_feature(result.features, c) for c in range(len(result.columns)))
    return [[feature] if feature else [] for feature in features]


def _facts(cell: tuple[object, ...], focus: str | None, things: list[str], columns: list[str], index: _Index,
           onto: Ontology, prop: str | None = None,
           ends: dict[tuple[str, str], list[SourcedFact]] | None = None) -> list[SourcedFact]:
    found: dict[Triple, SourcedFact] = {}
    for value in cell:
        along = ends.get(_shown_end(value), []) if ends else []
        for fact in along or _value_facts(value, focus, things, index, onto, prop):
            found.setdefault(fact[0], fact)
    if not found and columns:
        for a in things:
            for b in columns:
                for fact in [*index.between(a, b), *index.between(b, a)]:
                    if fact[0][1] == KG.supports:
                        found.setdefault(fact[0], fact)
    return [found[k] for k in sorted(found, key=sort_key)]


def _ends(focus: str, path: tuple[tuple[str, bool], ...],
          index: _Index) -> dict[tuple[str, str], list[SourcedFact]]:
    """Each end of ``path`` from the row's entity ``focus`` (an entity's IRI, or a literal's
    text; see :func:`_end`), with the facts of every way that reaches it (NCv3 → Volta →
    CUDA 9.0: both facts). Walked once for a row's column, not once for each of its values
    (a cell of 1,500 values walked 1,500 times: 10 s at 100k triples, hunt122 F1)."""
    reach: dict[str, list[SourcedFact]] = {focus: []}
    ends: dict[tuple[str, str], list[SourcedFact]] = {}
    for i, (iri, inverse) in enumerate(path):
        ahead: dict[str, list[SourcedFact]] = {}
        for node, before in reach.items():
            for fact in (index.into if inverse else index.out).get(node, ()):
                s, p, o = fact[0]
                there = s if inverse else o
                if p.value != iri:
                    continue
                if i == len(path) - 1:
                    ends.setdefault(_end(there), []).extend([*before, fact])
                elif isinstance(there, ox.NamedNode):
                    ahead.setdefault(there.value, []).extend([*before, fact])
        reach = {node: list(dict.fromkeys(facts)) for node, facts in ahead.items()}
    return {end: list(dict.fromkeys(facts)) for end, facts in ends.items()}


def _end(term: object) -> tuple[str, str]:
    """What a path's end is to a cell: an entity by its IRI, a literal by its text."""
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    return ("text", _literal_text(term)) if isinstance(term, ox.Literal) else ("", "")


def _shown_end(value: object) -> tuple[str, str]:
    """A cell's value as :func:`_end` names a path's end."""
    if isinstance(value, EntityRef):
        return ("iri", value.iri)
    return ("text", value_text(value))  # type: ignore[arg-type]


def _value_facts(value: object, focus: str | None, things: list[str], index: _Index,
                 onto: Ontology, prop: str | None = None) -> list[SourcedFact]:
    """The facts linking one value of a cell to the row: from the row's own entity first,
    then to the value, then from the value; of the column's property ``prop`` alone where
    it has one (the first such group: a release's own `cudaBuild` fact hid the fact of its
    build's `buildCuda` a cell of `build.buildCuda` shows, hunt48 #2)."""
    if isinstance(value, EntityRef):
        if not is_thing(value.iri, onto):
            return []
        others = [t for t in things if t != value.iri]
        own = [focus] if focus and focus != value.iri else []
        for found in ([f for a in own for f in index.between(a, value.iri)],
                      [f for a in own for f in index.between(value.iri, a)],
                      [f for a in others for f in index.between(a, value.iri)],
                      [f for a in others for f in index.between(value.iri, a)]):
            if _of(found, prop):
                return _of(found, prop)
        return []
    text = value_text(value)  # type: ignore[arg-type]
    for subjects in ([focus] if focus else [], things):
        found = _of([f for s in subjects for f in index.literal(s, text)], prop)
        if found:
            return found
    return []


def _evidence_cells(result: Result) -> list[list[list[SourcedFact]]]:
    """A check's why rests on its evidence; its other cells on nothing of their own."""
    out = []
    for r in range(len(result.rows)):
        evidence = result.evidence[r] if r < len(result.evidence) else None
        facts: list[SourcedFact] = []
        if evidence is not None:
            merged: dict[Triple, set[str]] = {}
            for f in evidence.facts():
                merged.setdefault((ox.NamedNode(f.s), ox.NamedNode(f.p), f.term), set()).update(f.graphs)
            facts = [(t, tuple(sorted(g))) for t, g in sorted(merged.items(), key=lambda i: sort_key(i[0]))]
        out.append([facts if c == "why" else [] for c in result.columns])
    return out


def _describe_cells(result: Result, index: _Index) -> list[list[list[SourcedFact]]]:
    """Each row of a describe is one fact: the subject's (out) or one about it (in)."""
    subject = result.subject.iri if result.subject else ""
    out = []
    for row in result.rows:
        direction, prop, value = row[0], row[1], row[2]
        p = prop.iri if isinstance(prop, EntityRef) else ""
        if isinstance(value, EntityRef):
            s, o = (subject, value.iri) if direction == "out" else (value.iri, subject)
            facts = [f for f in index.between(s, o) if f[0][1].value == p]
        else:
            facts = [f for f in index.out.get(subject, ()) if f[0][1].value == p
                     and isinstance(f[0][2], ox.Literal) and _shows(f[0][2], value)]
        out.append([facts if i == 2 else [] for i in range(len(row))])
    return out


def _shows(lit: ox.Literal, value: object) -> bool:
    """Is ``value`` the cell a describe shows for ``lit``? A text with its language, or the
    literal's value of the same type: "1", "1"^^xsd:integer and "1"^^xsd:decimal read
    alike and are three facts."""
    if lit.language:
        return value == f"{lit.value} @{lit.language}"
    mine = to_python(lit)
    return type(mine) is type(value) and mine == value
