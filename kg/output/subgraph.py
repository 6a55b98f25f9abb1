"""The subgraph behind a result: what the RDF and diagram formats are made of.

For most results it holds the entities the result mentions, every fact about them (with
the named graphs, i.e. the sources, each fact is stated in), and the labels of what they
link to. For a ``check`` (or ``check with``) result it holds the evidence: the facts the
verdicts rest on, each in its source, and the labels of every entity they name. Either
way it ends with the descriptions of those sources and of the documents they come from.

Everything is read with SPARQL through the store's ``select``, one query per batch of
subjects (``VALUES ?s {…}``), so it works on any SPARQL store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pyoxigraph as ox

from kg.catalog import RECORDS_PER_QUERY, in_values
from kg.context import Context
from kg.ontology import Ontology
from kg.records import record
from kg.result import Result, ResultKind
from kg.vocab import DCTERMS, ENT, GENID, KG, PROV, RDF, RDFS, SKOS, may_name_entity

__all__ = ["Subgraph", "subgraph", "sort_key", "Triple", "DEFAULT", "is_thing", "descriptions",
           "named_entities", "resolve"]

Node = ox.NamedNode | ox.BlankNode
Object = ox.NamedNode | ox.BlankNode | ox.Literal
Triple = tuple[Node, ox.NamedNode, Object]
DEFAULT = ""  #: the graph name of a fact in the default graph

#: subjects per query, as many as a check reads facts of (200 made the requests to a server
#: grow with the rows: 46 for 3,037 sizes, hunt76 F5)
_BATCH = RECORDS_PER_QUERY
_DOCUMENT_LINKS = (PROV.wasDerivedFrom, DCTERMS.isPartOf)


@record
class Subgraph:
    """Facts with their sources, plus source descriptions; every collection is sorted."""

    entities: tuple[str, ...]  #: the result's own entities (IRIs), sorted
    facts: tuple[tuple[Triple, tuple[str, ...]], ...]  #: each fact and the graphs stating it
    descriptions: tuple[Triple, ...]  #: default-graph triples describing the sources


def sort_key(fact: Triple) -> tuple[str, str, str]:
    """Order facts by their N-Triples text: stable across runs and engines."""
    return (str(fact[0]), str(fact[1]), str(fact[2]))


def subgraph(result: Result, ctx: Context) -> Subgraph:
    """Collect the subgraph behind ``result`` from ``ctx``'s store."""
    if result.evidence:
        facts = _evidence(result)
        _links(ctx, facts)
        entities = _entities(ctx, [*result.entities(), *_iris(facts, ENT)])
        labelled = set(entities) | _iris(facts)
    else:
        entities = _entities(ctx, [*result.entities(), *named_entities(result, ctx.onto)])
        facts = _read(ctx, entities)
        if result.kind is ResultKind.DESCRIBE and result.subject is not None:
            _merge(ctx.store.select(_from_blank(result.subject.iri))[1], facts)  # its `in` rows
        reached = _along(ctx, result, facts)
        if result.within is not None:
            facts = _read_there(facts, result.within)
        labelled = ({o.value for _, _, o in facts if isinstance(o, ox.NamedNode)} | reached) \
            - set(entities)
    for triple, graphs in _read(ctx, sorted(labelled), RDFS.label).items():
        facts.setdefault(triple, set()).update(graphs)
    _add_blank(ctx, facts)
    facts = _stable_blank(facts)
    ordered = tuple((f, tuple(sorted(facts[f]))) for f in sorted(facts, key=sort_key))
    sources = sorted({g for graphs in facts.values() for g in graphs if g != DEFAULT})
    return Subgraph(tuple(entities), ordered, descriptions(ctx, sources))




def is_thing(iri: str, onto: Ontology) -> bool:
    """Is ``iri`` an entity (or a source or document), not a class, a property or a term of
    a vocabulary such as ``rdf:type``? A describe result names properties; they are not
    what it is about."""
    return iri not in onto.classes and iri not in onto.properties \
        and may_name_entity(iri)


def named_entities(result: Result, onto: Ontology) -> list[str]:
    """The entities a result names only as text: after `collect` or `transpose` rows have no
    entity of their own, and a collected ``name`` or a transposed title is a label. Each text
    that names exactly one entity counts; nothing for a result whose rows have entities."""
    if result.focus or not result.rows or result.kind not in (ResultKind.ROWS, ResultKind.COUNT):
        return []
    cells = [row[1:] if result.transposed else row for row in result.rows]
    texts = [v for row in cells for cell in row
             for v in (cell if isinstance(cell, tuple) else (cell,)) if isinstance(v, str)]
    found = (resolve(text, onto) for text in dict.fromkeys(texts))
    told = (*result.column_focus, *result.features) if result.transposed else ()  # (a
    # transposed result's rows and columns were its titles, looked up by name: hunt113 F3)
    return list(dict.fromkeys(iri for iri in (*told, *found) if iri))


def resolve(name: str, onto: Ontology) -> str | None:
    """The one entity ``name`` names (by label, alias or local name), if exactly one."""
    found = onto.find_entity(name) if name.strip() else []
    return found[0].iri if len(found) == 1 and is_thing(found[0].iri, onto) else None


def _entities(ctx: Context, iris: Iterable[str]) -> list[str]:
    """The entities among ``iris``, sorted."""
    return sorted({i for i in iris if is_thing(i, ctx.onto)})


def _iris(facts: Iterable[Triple], namespace: str = "") -> set[str]:
    """The IRIs the facts name as subject or object, in ``namespace`` if given."""
    terms = (t for s, _, o in facts for t in (s, o))
    return {t.value for t in terms if isinstance(t, ox.NamedNode) and t.value.startswith(namespace)}


def _evidence(result: Result) -> dict[Triple, set[str]]:
    """The facts of a check's evidence, each with the graphs it is stated in."""
    facts: dict[Triple, set[str]] = {}
    for evidence in result.evidence:
        for f in evidence.facts():
            triple: Triple = (ox.NamedNode(f.s), ox.NamedNode(f.p), f.term)
            facts.setdefault(triple, set()).update(f.graphs)
    return facts


def _links(ctx: Context, facts: dict[Triple, set[str]]) -> None:
    """Add to a check's ``facts`` the links of a release to the builds its why cites and of
    those to their CUDA versions (its facts came alone, and a diagram drew the build
    unlinked: hunt105 F8); no other fact the why does not cite (hunt108 F7)."""
    named = _iris(facts, ENT)
    for prop in _BUILD_LINKS:
        for triple, graphs in _read(ctx, sorted(named), prop).items():
            if isinstance(triple[2], ox.NamedNode) and triple[2].value in named \
                    and graphs != {DEFAULT}:
                facts.setdefault(triple, set()).update(graphs)


_BUILD_LINKS = (KG.build, KG.buildCuda)  #: what ties a cited build to its release


def _along(ctx: Context, result: Result, facts: dict[Triple, set[str]]) -> set[str]:
    """Add to ``facts`` those along each shown path of several steps, from the rows' own
    entities (`architecture.minCuda`: NCv3's architecture Volta, and Volta's minimum CUDA
    9.0, which no export held: hunt121 F1); one query a step and batch of nodes. Returns
    the entities reached."""
    starts = sorted({f for f in result.focus if f})
    reached: set[str] = set()
    for path in dict.fromkeys(p for p in result.paths if p) if starts else ():
        nodes = starts
        for iri, inverse in path:
            if iri == RDFS.label.value and not inverse:  # read for every node reached (below)
                break
            found = _read(ctx, nodes, ox.NamedNode(iri), backwards=inverse)
            if result.within is not None:  # along the source's facts alone: the names of
                found = _read_there(found, result.within)  # what another's led to came
                # unlinked into the export (hunt122 F4)
            for triple, graphs in found.items():
                facts.setdefault(triple, set()).update(graphs)
            ends = {(s if inverse else o) for s, _, o in found}
            nodes = sorted(t.value for t in ends if isinstance(t, ox.NamedNode))
            reached.update(nodes)
    return reached


def _read_there(facts: dict[Triple, set[str]], source: str) -> dict[Triple, set[str]]:
    """The facts a statement read `from` ``source`` rests on: those it states, and what
    names and types the entities (the export of `GPUArchitecture from "CUDA table"` held
    every other source's minimum CUDA too, which the diagram and the HTML left out:
    hunt121 F6)."""
    return {fact: graphs for fact, graphs in facts.items()
            if source in graphs or fact[1] in _NAMING}


_NAMING = (RDFS.label, SKOS.altLabel, RDF.type)  #: what names and types an entity


def descriptions(ctx: Context, sources: Sequence[str]) -> tuple[Triple, ...]:
    """What the default graph says about the sources and the documents they come from."""
    about = set(_read(ctx, sources, named=False))
    documents = {o.value for _, p, o in about
                 if p in _DOCUMENT_LINKS and isinstance(o, ox.NamedNode)} - set(sources)
    about |= set(_read(ctx, sorted(documents), named=False))
    return tuple(sorted(about, key=sort_key))


def _read(ctx: Context, subjects: Sequence[str], predicate: ox.NamedNode | None = None,
          *, named: bool = True, backwards: bool = False) -> dict[Triple, set[str]]:
    """Every fact about ``subjects`` (with ``predicate`` only, if given) and the graphs stating
    it: named graphs by name, the default graph as :data:`DEFAULT` (only where no named graph
    states the fact). With ``named`` false, only the default graph's facts; ``backwards``,
    the facts whose object they are (a step walked backwards, ``^series``).

    The facts of the default graph that a named graph states too are left out here, not in
    the query: a ``FILTER NOT EXISTS`` per fact took an Oxigraph server holding 4M triples
    over a minute for three series."""
    out: dict[Triple, set[str]] = {}
    for _, values in in_values(subjects, _BATCH):  # (a server's IRI with a space in it is
        if values:  # named by no query: its VALUES would not parse)
            _, rows = ctx.store.select(_facts(f"VALUES ?{'o' if backwards else 's'} {{ {values} }}",
                                              predicate=predicate))
            _merge(rows, out, named)
    return out


def _merge(rows: Sequence[tuple[object, ...]], out: dict[Triple, set[str]],
           named: bool = True) -> None:
    """Add rows of subject, predicate, object and graph to ``out`` (see :func:`_read`)."""
    # by a named graph (the engine's default graph is the union of all: each fact a named
    # graph states comes again with no graph); not for a description of the sources, which
    # a data file may repeat (kg's own export loaded back: the footnotes lost every
    # section, document and commit, hunt56 F1)
    stated = {(s, p, o) for s, p, o, g in rows if g is not None} if named else set()
    for s, p, o, g in rows:
        triple: Triple = (s, p, o)  # type: ignore[assignment]
        if g is None and triple not in stated:
            out.setdefault(triple, set()).add(DEFAULT)
        elif g is not None and named:
            out.setdefault(triple, set()).add(g.value)  # type: ignore[attr-defined]


def _add_blank(ctx: Context, facts: dict[Triple, set[str]]) -> None:
    """Add to ``facts`` what is said of the blank nodes they lead to, and so on, as a
    concise bounded description does: a data file's ``kg:note [ rdfs:label "…" ]`` is
    exported with its label, not as a node nothing is said of. Each round asks only of the
    nodes the last one reached (a list of 20,000 items took 45 s, each round looking
    through every fact so far); a store may answer for more (a list's whole spine)."""
    done: set[object] = set()
    todo: set[object] = {t for s, _, o in facts for t in (s, o) if isinstance(t, ox.BlankNode)}
    while todo:
        batch = sorted(todo, key=str)
        done.update(batch)
        reached: set[object] = set()
        for start in range(0, len(batch), _BATCH):
            rows = ctx.store.about_blank(batch[start:start + _BATCH])  # type: ignore[arg-type]
            _merge(rows, facts)
            done.update(r[0] for r in rows)
            reached.update(r[2] for r in rows if isinstance(r[2], ox.BlankNode))
        todo = reached - done


def _from_blank(iri: str) -> str:
    """The facts that lead from a blank node to ``iri`` (a described entity's `in` rows from
    a data file's ``[ kg:about ent:NCv3 ]``); on a server a blank node kg published is an
    IRI under GENID."""
    return _facts(f"VALUES ?o {{ {ox.NamedNode(iri)} }}",
                  f'FILTER(isBlank(?s) || STRSTARTS(STR(?s), "{GENID}"))')


def _facts(head: str, tail: str = "", predicate: ox.NamedNode | None = None) -> str:
    """The facts ``head`` picks (and ``tail`` filters), of ``predicate`` alone if given, in
    each named graph and in the default graph, as rows of subject, predicate, object and
    graph. The predicate stands in the patterns, bound to ?p after them: as `VALUES ?p`,
    the labels of 2,000 subjects took 1.9 s at 100k triples, against 14 ms (hunt122 F1)."""
    p = str(predicate) if predicate else "?p"
    bound = f" BIND({predicate} AS ?p)" if predicate else ""
    return (f"SELECT ?s ?p ?o ?g WHERE {{ {head} {{ GRAPH ?g {{ ?s {p} ?o }} }} "
            f"UNION {{ ?s {p} ?o }}{bound} {tail}}}")


def _stable_blank(facts: dict[Triple, set[str]]) -> dict[Triple, set[str]]:
    """``facts`` with each blank node named by what is said of it (its facts, theirs in
    turn, and what leads to it), not by the engine's random label, so the same export is
    byte-identical. Nodes alike in all of that are interchangeable: they are numbered."""
    about: dict[ox.BlankNode, list[tuple[str, Object]]] = {}
    into: dict[ox.BlankNode, list[tuple[Node, str]]] = {}
    for s, p, o in facts:
        if isinstance(s, ox.BlankNode):
            about.setdefault(s, []).append((p.value, o))
        if isinstance(o, ox.BlankNode):
            into.setdefault(o, []).append((s, p.value))
    if not about and not into:
        return facts

    def shallow(n: ox.BlankNode) -> tuple[str, ...]:  # what is said of it, blank aside
        return tuple(sorted(f"{p} {'_' if isinstance(o, ox.BlankNode) else o}"
                            for p, o in about.get(n, ())))

    def rooted(n: ox.BlankNode) -> tuple[object, ...]:  # a walk's start, by no label
        return (sorted(f"{s} {p}" for s, p in into.get(n, ()) if not isinstance(s, ox.BlankNode)),
                shallow(n))

    # the walk in an order no engine's label decides: a cycle is cut where it began
    digest = _digests(about, sorted({*about, *into}, key=rooted), shallow)
    keys = {n: (digest[n], sorted(f"{digest[s] if isinstance(s, ox.BlankNode) else s} {p}"
                                  for s, p in into.get(n, ()))) for n in digest}
    label: dict[ox.BlankNode, ox.BlankNode] = {}
    seen: dict[str, int] = {}
    for n in sorted(digest, key=keys.__getitem__):
        key = repr(keys[n])
        twin = seen[key] = seen.get(key, -1) + 1
        label[n] = ox.BlankNode(f"b{digest[n]}" + (f"x{twin}" if twin else ""))

    def term(t: Node | Object) -> Node | Object:
        return label[t] if isinstance(t, ox.BlankNode) else t

    return {(term(s), p, term(o)): graphs  # type: ignore[misc]
            for (s, p, o), graphs in facts.items()}


def _digests(about: dict[ox.BlankNode, list[tuple[str, Object]]],
             nodes: Iterable[ox.BlankNode],
             shallow: Callable[[ox.BlankNode], tuple[str, ...]]) -> dict[ox.BlankNode, str]:
    """Each node's digest of its facts, a blank object's digest standing for it (depth
    first without recursion: an RDF list of any length; a cycle back is "cycle")."""
    import hashlib  # only for an export with blank nodes

    digest: dict[ox.BlankNode, str] = {}
    for root in nodes:
        stack, open_ = [root], {root}
        while stack:
            node = stack[-1]
            if node in digest:
                stack.pop()
                continue
            waiting = sorted({o for _, o in about.get(node, ()) if isinstance(o, ox.BlankNode)
                              and o not in digest and o not in open_}, key=shallow)
            if waiting:
                stack.extend(waiting)
                open_.update(waiting)
                continue
            parts = sorted(f"{p} {digest.get(o, 'cycle') if isinstance(o, ox.BlankNode) else o}"
                           for p, o in about.get(node, ()))
            digest[node] = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
            stack.pop()
    return digest
