"""The diagram model shared by the DOT, Mermaid, SVG and GraphML formats: what the user asked.

A diagram draws the facts behind the cells the result shows (:mod:`kg.output.provenance`):
each row's entity linked to the values of its shown columns, along the path that reaches
them (``NCv3 → Volta → CUDA 9.0`` for ``show name, architecture, architecture.minCuda``),
not every fact about the entities. Values that are not entities (a date, a version) are
drawn as plain value nodes. A ``check`` draws its evidence, and its verdict as an edge from
the checked entity to the one it was checked with; ``neighbors X`` draws X, its
neighbours and the links between them. Nodes are shown by their label in the output's
language, edges by the property's label; the result's own entities are marked
``matched``. Node ids (``n1``, ``n2``, …) follow the sorted labels, so the same diagram is
byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

import pyoxigraph as ox

from kg.i18n import VERDICT_WORDS, in_language, pick, word, yes_no
from kg.literals import natural_key
from kg.ontology import Ontology
from kg.output import Format, OutputContext
from kg.output.provenance import SourcedFact, cell_facts
from kg.output.subgraph import Subgraph, is_thing, named_entities, subgraph
from kg.records import record
from kg.result import EntityRef, Result, ResultKind
from kg.vocab import RDF, RDFS, SKOS, XSD

__all__ = ["Node", "Edge", "Diagram", "diagram", "grouped", "drawn", "verdict_color",
           "LITERAL_MAX", "GROUP", "BUNDLE", "VERDICT_COLORS", "LINE", "MATCHED_FILL"]

#: Facts a diagram never draws: a node's label and class are already on the node.
_UNDRAWN = (RDF.type, RDFS.label, RDFS.comment, SKOS.altLabel, SKOS.hiddenLabel)
LITERAL_MAX = 60  #: the longest value text drawn in full
GROUP = 3  #: entities alike in every link that a drawing shows as one node
GROUP_LINE = 40  #: the widest line of a group's names
BUNDLE = 3  #: edges into one node by one property that a drawing leads through a junction
#: The colour of a check's verdict edge, by verdict (green, red, grey: the site's colours).
VERDICT_COLORS = {"compatible": "#1a7f37", "not compatible": "#b42318", "unknown": "#6b7280"}
LINE = "#5b6770"  #: the colour of a box's border, and of an edge and a junction without a verdict
MATCHED_FILL = "#dbeafe"  #: the fill of the result's own entities


@record
class Node:
    id: str
    iri: str  #: the entity's IRI; for a value, its N-Triples text
    label: str
    kind: str  #: the entity's class, by its label ("" when it has none, and for values)
    matched: bool  #: one of the result's own entities
    literal: bool = False  #: a value (a date, a version, a text), not an entity


@record
class Edge:
    source: str  #: node id
    target: str  #: node id
    label: str  #: the property's label; a verdict's edge, the verdict
    iri: str  #: the property's IRI ("" for a verdict's edge)
    #: a check's verdict (``compatible``, ``not compatible``, ``unknown``) drawn from the
    #: checked entity to the one it was checked with; "" for a fact's edge
    verdict: str = ""


@record
class Diagram:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    #: what a diagram of no node says instead ("No rows."): an empty one was a blank image
    #: (hunt74 F9)
    note: str = ""


def diagram(result: Result, ctx: OutputContext, fmt: Format) -> Diagram:
    """The diagram of ``result``: its entities and the facts behind what it shows."""
    graph = ctx.graph(fmt)
    onto = graph.onto
    sub = subgraph(result, graph)
    matched = _own(result, sub, onto)
    if result.evidence:  # the evidence's links between entities, as a check has always drawn
        facts = [(fact, g) for fact, g in sub.facts if _entity(fact[0]) in sub.entities
                 and isinstance(fact[2], ox.NamedNode)]
    elif result.kind is ResultKind.NEIGHBORS:
        facts = _among(sub, set(sub.entities))
    else:
        facts = [f for row in cell_facts(result, sub, onto) for cell in row for f in cell]
    if result.kind is ResultKind.PATH:  # its steps alone, entity to entity: its `path` and
        facts = [f for f in facts if isinstance(f[0][2], ox.NamedNode)]  # `step` numbers were
        # drawn as values, linked by `order` to the entities of that order (hunt103 F2)
    links = {(s.value, p.value, o) for (s, p, o), _ in facts
             if p not in _UNDRAWN and isinstance(s, ox.NamedNode)
             and isinstance(o, (ox.NamedNode, ox.Literal)) and _drawn(o, onto)}
    verdicts = {(e.pair[0], e.pair[1], e.verdict) for e in result.evidence
                if e.verdict and len(e.pair) == 2}  # (the rows of a `check with` share one)
    rows = {f for f in result.focus if f} & matched or matched  # the rows' own entities: of a
    # check's evidence, not every entity it draws (the feature too: hunt77 R9)
    drawn = _build(matched, _in_language(links, ctx.lang), onto, ctx.lang, sorted(verdicts), rows)
    if drawn.nodes:
        return drawn
    return Diagram((), (), word("nothing to draw" if result.rows else "empty", ctx.lang))


def _in_language(links: set[tuple[str, str, ox.NamedNode | ox.Literal]],
                 lang: str) -> list[tuple[str, str, ox.NamedNode | ox.Literal]]:
    """``links``, of each entity's texts of a property those in ``lang`` alone (else
    English, else any, as tables show them: :func:`kg.i18n.pick`): an English diagram drew
    the German description beside the English one, with no mark of its language."""
    texts: dict[tuple[str, str], list[ox.Literal]] = {}
    kept: list[tuple[str, str, ox.NamedNode | ox.Literal]] = []
    for s, p, o in sorted(links, key=str):
        if isinstance(o, ox.Literal):
            texts.setdefault((s, p), []).append(o)
        else:
            kept.append((s, p, o))
    return kept + [(s, p, o) for (s, p), lits in texts.items() for o in pick(lits, lang)]


def _entity(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode) else ""


def _own(result: Result, sub: Subgraph, onto: Ontology) -> set[str]:
    """The result's own entities: each row's, the subject's; without them (after `collect`
    or `count by`), the entities of the first column."""
    own = {f for f in result.focus if f} | ({result.subject.iri} if result.subject else set())
    if result.evidence or result.kind is ResultKind.PATH:
        own |= set(sub.entities)
    own |= set(named_entities(result, onto)) - _features(result)
    if not own and result.rows:
        first = [row[0] for row in result.rows]
        own = {v.iri for cell in first for v in (cell if isinstance(cell, tuple) else (cell,))
               if isinstance(v, EntityRef)}
    return {i for i in own if is_thing(i, onto)}


def _features(result: Result) -> set[str]:
    """The entities the rows of a transposed result stand for (its features): not its own."""
    return {iri for iri in result.features if iri} if result.transposed else set()


def _among(sub: Subgraph, nodes: set[str]) -> list[SourcedFact]:
    """The links between the given entities."""
    return [(f, g) for f, g in sub.facts if _entity(f[0]) in nodes and _entity(f[2]) in nodes]


def _drawn(term: object, onto: Ontology) -> bool:
    if isinstance(term, ox.NamedNode):
        return is_thing(term.value, onto)
    return isinstance(term, ox.Literal)


def _build(matched: set[str], links: Iterable[tuple[str, str, ox.NamedNode | ox.Literal]],
           onto: Ontology, lang: str, verdicts: Iterable[tuple[str, str, str]],
           rows: set[str]) -> Diagram:
    nodes: dict[str, tuple[str, str, bool]] = {}  # key → (label, kind, literal)
    shared = _shared_class(rows, onto)  # (shown as of it: the rows' entities alone)
    for iri in matched:
        nodes[iri] = _entity_node(iri, onto, lang, shared if iri in rows else None)
    verdicts = list(verdicts)
    for left, right, _ in verdicts:  # (the entity checked with: drawn where no fact reaches it)
        for iri in (left, right):
            nodes.setdefault(iri, _entity_node(iri, onto, lang))
    edges = []
    for s, p, o in links:
        nodes.setdefault(s, _entity_node(s, onto, lang))
        if isinstance(o, ox.NamedNode):
            key = o.value
            nodes.setdefault(key, _entity_node(key, onto, lang))
        else:
            key = str(o)
            nodes.setdefault(key, (_shorten(_shown(o, lang)), "", True))  # type: ignore[arg-type]
        edges.append((s, p, key))
    order = sorted(nodes, key=lambda k: (natural_key(nodes[k][0]), nodes[k][2], k))
    ids = {key: f"n{i}" for i, key in enumerate(order, start=1)}
    out_nodes = tuple(Node(ids[k], k, nodes[k][0], nodes[k][1], k in matched, nodes[k][2])
                      for k in order)
    out_edges = sorted([*(Edge(ids[s], ids[o], onto.label(p, lang), p) for s, p, o in edges),
                        *(Edge(ids[a], ids[b], in_language(v, lang, VERDICT_WORDS), "", v)
                          for a, b, v in verdicts)],  # (German ones said "not compatible")
                       key=lambda e: (int(e.source[1:]), e.label.casefold(), int(e.target[1:])))
    return Diagram(out_nodes, tuple(out_edges))


def _entity_node(iri: str, onto: Ontology, lang: str,
                 shared: str | None = None) -> tuple[str, str, bool]:
    """An entity's label and the label of its class: its most specific, unless that is not
    of ``shared``, the class the result's own entities share (on the training targets'
    diagram, Kubernetes, also an inference target, was the only "(inference target)":
    hunt74 F10)."""
    cls = onto.class_of(iri)
    if shared and (cls is None or shared not in onto.superclasses(cls)):
        cls = shared
    return onto.label(iri, lang), onto.label(cls, lang) if cls else "", False


def _shared_class(entities: set[str], onto: Ontology) -> str | None:
    """The most specific class every one of ``entities`` is of (None for none, or one)."""
    if len(entities) < 2:
        return None
    shared: set[str] | None = None
    for iri in entities:
        e = onto.record(iri)
        types = set().union(*(onto.superclasses(t) for t in e.types if t in onto.classes)) \
            if e is not None else set()
        shared = types if shared is None else shared & types
        if not shared:
            return None
    return min(shared or (), key=lambda c: (-len(onto.superclasses(c)), c), default=None)


def _shown(literal: ox.Literal, lang: str) -> str:
    """A literal's text as tables show it: a boolean as yes or no in ``lang``."""
    if literal.datatype == XSD.boolean:
        return yes_no(literal.value in ("true", "1"), lang)
    return literal.value


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LITERAL_MAX else text[: LITERAL_MAX - 1].rstrip() + "…"


def grouped(d: Diagram) -> Diagram:
    """``d`` as drawn: entities of one class that link alike (the same links out and in: 30
    VM series supported by the cluster and the instance) as one node naming them all, with
    their links once. Drawn one by one, 34 series in a column fed two junctions, and which
    were supported by the cluster alone could not be seen (hunt74 F3)."""
    outs: dict[str, set[tuple[str, str, str]]] = {n.id: set() for n in d.nodes}
    ins: dict[str, set[tuple[str, str, str]]] = {n.id: set() for n in d.nodes}
    for e in d.edges:
        outs[e.source].add((e.iri, e.label, e.target))
        ins[e.target].add((e.iri, e.label, e.source))
    alike: dict[tuple[object, ...], list[Node]] = {}
    for n in d.nodes:
        if not n.literal and outs[n.id] | ins[n.id]:
            key = (n.kind, n.matched, frozenset(outs[n.id]), frozenset(ins[n.id]))
            alike.setdefault(key, []).append(n)
    groups = {g[0].id: g for g in alike.values() if len(g) >= GROUP}  # by its first member
    into = {n.id: first for first, group in groups.items() for n in group}  # member → group
    if not into:
        return d
    nodes = [_group_node(n, groups[n.id]) if n.id in groups else n
             for n in d.nodes if into.get(n.id, n.id) == n.id]
    ids = {n.id: f"n{i}" for i, n in enumerate(nodes, start=1)}  # numbered again, in order
    ids.update((member, ids[group]) for member, group in into.items())
    edges = dict.fromkeys(replace(e, source=ids[e.source], target=ids[e.target])
                          for e in d.edges)
    return Diagram(tuple(replace(n, id=ids[n.id]) for n in nodes), tuple(edges), d.note)


def _group_node(first: Node, members: list[Node]) -> Node:
    """One node for ``members``: their names, a few to a line (one a line where a name has a
    comma or a line break of its own: `A, B, C` read as three: hunt77 R10; a name's own
    line break as ↵, where it read as two names: hunt121 F10), and their class with how
    many."""
    lines = [""]
    alone = any("," in m.label or "\n" in m.label for m in members)
    for i, m in enumerate(members):
        name = " ↵ ".join(m.label.splitlines()) + ("," if i < len(members) - 1 and not alone else "")
        if lines[-1] and (alone or len(lines[-1]) + 1 + len(name) > GROUP_LINE):
            lines.append("")
        lines[-1] = f"{lines[-1]} {name}".strip()
    return replace(first, iri="\n".join(m.iri for m in members), label="\n".join(lines),
                   kind=f"{first.kind}: {len(members)}" if first.kind else str(len(members)))


def drawn(d: Diagram) -> Iterator[tuple[Edge, list[Edge]]]:
    """Each edge as a drawing draws it, in order: alone (with ``[edge]``), or, for the edges
    into one node by one property (or with one verdict) when they are :data:`BUNDLE` or
    more, once at the first of them with all of them (led through a junction, the label
    drawn once)."""
    groups: dict[tuple[str, str, str], list[Edge]] = {}
    for e in d.edges:
        groups.setdefault((e.target, e.iri, e.label), []).append(e)
    for e in d.edges:
        group = groups[(e.target, e.iri, e.label)]
        if len(group) < BUNDLE:
            yield e, [e]
        elif e is group[0]:
            yield e, group


def verdict_color(verdict: str) -> str:
    """The colour a drawing gives an edge with ``verdict`` (one it does not know: unknown's)."""
    return VERDICT_COLORS.get(verdict, VERDICT_COLORS["unknown"])
