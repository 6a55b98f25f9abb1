"""What a data file may not say: anything that would have its facts cited as the page's.

Every fact kg shows cites its source, a named graph, by the source's name and firmness,
which kg reads wherever the store states them. A data file (``--data``, the REPL's
``.load``) may bring sources of its own, but may not

- state a fact in one of the page's sources, or say anything of one, that the shipped
  files do not (kg's own TriG or N-Quads export, which restates them, loads);
- say what a source is from inside a named graph: a Turtle file's triples all land in the
  file's own graph, so `<> rdfs:label "CUDA table"` or `<> kg:firmness "primary"` there
  would rename the file's source or raise its firmness; a TriG file describes its own
  graphs in its default graph;
- name a source of its own (a named graph, a blank node naming one, or anything typed
  ``kg:Source``) as one of the page's sources is named;
- say anything of the documents the page's sources come from (``src:aidocs-…``: their
  links), or that a source of its own comes from one of them, or is part of the page;
- state facts in a graph named as one of those documents or the page's revisions;
- rename an entity the shipped files name, in a language they name it in;
- say anything of a class or property the shipped files declare but a name or a comment
  (`kg:VMSeries rdfs:subClassOf kg:GPUArchitecture` made 43 GPU architectures of 9, and a
  range or a kind would change how a property compares: hunt123 F3);
- say what another data file's source is, one it states no fact in, before or after that
  file comes (a TriG file's default graph relabelled a Turtle file loaded beside it, whose
  facts were then cited under that name: hunt87 F4, hunt91 F1).

Each rule was a way past the one before it (hunt27 F1, hunt28 #2, hunt29 #1).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from kg.errors import DataError
from kg.textscan import loose_key
from kg.vocab import (
    KG,
    OWL,
    RDF,
    RDFS,
    SKOS,
    SOURCE_LINKS,
    SRC,
    TERM_TYPES,
    curie,
    local_name,
    term_name,
)

__all__ = ["refuse_forged_sources", "refuse_other_files_sources"]

#: How a source says where it comes from: a data file's may not name the page's
_DERIVED = (*SOURCE_LINKS, KG.revision)

def refuse_forged_sources(data: ox.Store, page: ox.Store, path: Path,
                          session: ox.Store | None = None) -> None:
    """Check the data files in ``data`` (``path`` the last of them) against ``page``, a store
    of the shipped files alone, and, for a file loaded into a session, against the graphs of
    ``session`` too.

    Raises:
        DataError: the data says what one of the rules in this module's docstring forbids.
    """
    sources: set[object] = set(page.named_graphs())
    revisions, documents = _revisions(page), _documents(page)  # (each walks the page: once)
    _in_page_sources(data, page, sources, path)
    _in_page_documents(data, revisions | documents, sources, path)
    _about_page_sources(data, page, sources, revisions, documents, path)
    _relabelled(data, page, path)
    _reshaped(data, page, path)
    graphs = {*data.named_graphs(), *(session.named_graphs() if session is not None else ())}
    _described_inside(data, {g for g in graphs if g not in sources}, path, session)
    _named_as_page_sources(data, page, sources, graphs, session, path)


def refuse_other_files_sources(new: ox.Store, before: ox.Store, path: Path,
                               own: ox.NamedNode, owned: Iterable[ox.NamedNode] = ()) -> None:
    """Refuse a data file (``new``: it alone, with kg's description of its source, ``own``
    for a Turtle file) that says, in its default graph, what a source of a file loaded
    before it is (``before``: those files, or the session), a source it states no fact in;
    or whose source such a file described before it came (a label in the default graph, or
    inside that file's own graph). Either way one file's facts were cited under a name or a
    firmness another chose, in one order of the two or the other (hunt87 F4, hunt91 F1).
    Files that state facts in one graph share it, and each may describe it.

    Raises:
        DataError: naming the source and the statement.
    """
    default = ox.DefaultGraph()
    filled_before = set(before.named_graphs())
    filled = {g for g in (*new.named_graphs(), own) if not _kgs(g)}  # (the page's sources and
    typed = before.quads_for_pattern(None, RDF.type, KG.Source, default)  # documents: the
    sources_before = {s for s in (*filled_before, *(q.subject for q in typed))  # rules
                      if not _kgs(s)}  # above, which say so)
    said = next((q for q in new.quads_for_pattern(None, None, None, default)
                 if q.subject in sources_before and q.subject not in filled
                 and q not in before), None)
    if said is not None:
        raise DataError(f"{path}: it says what {said.subject} is ({curie(said.predicate.value)} "
                        f"{said.object}), the source of another data file, loaded before it: a "
                        "data file describes the sources it states facts in (that file's facts "
                        "would be cited as this one says)")
    _in_files_graphs(new, before, path, own, {g for g in owned if g in filled_before})
    for source in sorted(filled - filled_before, key=str):
        told = next((q for q in before.quads_for_pattern(source, None, None, None)
                     if ox.Quad(q.subject, q.predicate, q.object, default) not in new), None)
        if told is not None:
            raise DataError(f"{path}: a data file loaded before it says what {source}, this "
                            f"file's source, is ({curie(told.predicate.value)} {told.object}): "
                            "its facts would be cited as that file says; load it without that "
                            "file")


def _in_files_graphs(new: ox.Store, before: ox.Store, path: Path, own: ox.NamedNode,
                     files: set[ox.NamedNode]) -> None:
    """The own graph of a data file loaded before (``files``: named after it, which kg
    describes) that another file states a fact in or describes, which the file itself does
    not: its facts were cited under the name the other chose, or the other's as that file's
    (hunt123 F2). An export restating them says only what they said; a ``file:`` graph no
    file loaded owns (two exports of one file) is shared as any graph is (hunt126 #3)."""
    for graph in sorted(files - {own}, key=str):
        told = next((q for q in (*new.quads_for_pattern(None, None, None, graph),
                                 *new.quads_for_pattern(graph, None, None, ox.DefaultGraph()))
                     if q not in before), None)
        if told is not None:
            raise DataError(f"{path}: it says {term_name(told.subject)} {curie(told.predicate.value)} "
                            f"{term_name(told.object)} in or of the graph {graph}, another data "
                            "file's own, which that file does not say: its facts would be cited "
                            "as that file's, or that file's under this one's name; put them in "
                            "a graph of its own")
    if any(q not in new for q in before.quads_for_pattern(None, None, None, own)):
        raise DataError(f"{path}: a data file loaded before it states facts in {own}, this "
                        "file's own graph, which this file does not: they would be cited as "
                        "this file's; load it without that file")


def _in_page_sources(data: ox.Store, page: ox.Store, sources: set[object], path: Path) -> None:
    for graph in sorted((g for g in data.named_graphs() if g in sources), key=str):
        if _new(data.quads_for_pattern(None, None, None, graph), page):
            raise DataError(f"{path}: it states facts in the graph {graph}, one of the page's "
                            "sources that kg ships: a data file may not add to them (its facts "
                            "would be cited as the page's); put its facts in a graph of its own")


def _in_page_documents(data: ox.Store, documents: set[object], sources: set[object],
                       path: Path) -> None:
    """A graph named as a page revision or document (the German page, retiring-vms.md)
    is no source of the file's: its facts were cited by that document's name (hunt67 F1)."""
    named = sorted((g for g in data.named_graphs() if g in documents - sources), key=str)
    if named:
        raise DataError(f"{path}: it states facts in the graph {named[0]}, one of the page's "
                        "revisions or documents that kg ships: its facts would be cited by "
                        "that name; put them in a graph of its own")


def _relabelled(data: ox.Store, page: ox.Store, path: Path) -> None:
    """A page entity named anew in a language the shipped files name it in: the name that
    sorted first was shown, so "AAA fake" replaced NCv3 in `check`'s why, under the CUDA
    table's citation, and in the page's own tables (hunt67 F2). Another name is an alias."""
    named = {(q.subject, getattr(q.object, "language", None)): q.object
             for q in page.quads_for_pattern(None, RDFS.label, None, None)}
    for subject in {s for s, _ in named}:
        for d in data.quads_for_pattern(subject, RDFS.label, None, None):
            lang = getattr(d.object, "language", None)
            if (subject, lang) in named and _said((d,), page):
                raise DataError(f"{path}: it names {subject} {d.object}, which the page names "
                                f"{named[subject, lang]}: a data file may not rename the page's "
                                "entities (the new name would stand in the page's answers and "
                                "tables); give it as another name, skos:altLabel")


#: What a data file may say of the page's classes and properties: more names (none another
#: of them has), comments and other notes
_NAMES = (RDFS.label, SKOS.altLabel, SKOS.hiddenLabel)
_ANNOTATING = (RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, SKOS.definition, SKOS.note)


def _reshaped(data: ox.Store, page: ox.Store, path: Path) -> None:
    """A statement of a data file about one of the page's classes or properties, other than
    a name or a comment (or what RDFS already says of it), that the shipped files do not
    make; or a name another of them has (`kg:GPUArchitecture rdfs:label "VM series"@fr`
    took the VM series' name: hunt126 #4)."""
    declared = sorted({q.subject for q in page.quads_for_pattern(None, RDF.type, None, None)
                       if q.object.value in TERM_TYPES}, key=str)  # type: ignore[union-attr]
    kind = {t: _is_class(page, t) for t in declared}  # (a class and a property may share one)
    names = {(kind[q.subject], _name(str(getattr(q.object, "value", "")))): q.subject
             for term in declared for q in page.quads_for_pattern(term, None, None, None)
             if q.predicate in _NAMES}
    names.update(((kind[t], _name(local_name(t.value))), t)  # type: ignore[union-attr]
                 for t in declared)
    for term in declared:  # (a few hundred lookups, not a walk of the data)
        for quad in data.quads_for_pattern(term, None, None, None):
            if quad.predicate in _ANNOTATING or not _said((quad,), page) or _entailed(quad, page):
                continue
            named = quad.predicate in _NAMES
            other = names.get((kind[term], _name(str(getattr(quad.object, "value", ""))))) \
                if named else None
            if named and other in (None, term):
                continue
            raise DataError(f"{path}: it says {term_name(term)} {curie(quad.predicate.value)} "
                            f"{term_name(quad.object)}, of a class or property kg's ontology "
                            "declares: " + (
                                f"that is {term_name(other)}'s name (the name would stand for "
                                "two of them)" if other is not None else
                                "a data file may add names and comments to them, but not "
                                "change what they are (the page's answers would change); "
                                "declare a class or property of your own"))
    _taking_names(data, page, path, names)


def _taking_names(data: ox.Store, page: ox.Store, path: Path,
                  names: Mapping[tuple[bool, str], object]) -> None:
    """A class or property a data file declares in kg's namespace, named as one of kg's of
    its kind is: kg's own terms win a name over others', and the new one sorted first
    (`kg:Rack` labelled "VM series": `"VM series" | count` gave 0, unsaid: hunt145 F1). A
    term in another namespace loses the name to kg's, as a foreign term does."""
    new = {q.subject for kind in TERM_TYPES  # (looked up by kind: no walk of the data)
           for q in data.quads_for_pattern(None, RDF.type, ox.NamedNode(kind), None)
           if isinstance(q.subject, ox.NamedNode) and KG.owns(q.subject.value)
           and next(page.quads_for_pattern(q.subject, RDF.type, None, None), None) is None}
    for term in sorted(new, key=str):
        said = [str(getattr(q.object, "value", "")) for q in
                data.quads_for_pattern(term, None, None, None) if q.predicate in _NAMES]
        for name in [*said, local_name(term.value)]:  # type: ignore[attr-defined]
            other = names.get((_is_class(data, term), _name(name)))
            if other is not None:
                raise DataError(f"{path}: it declares {term_name(term)}, named {name!r}, which "
                                f"is {term_name(other)}'s name (the name would stand for two "
                                "of them): give it a name of its own")


def _is_class(page: ox.Store, term: object) -> bool:
    return any(q.object in (OWL.Class, RDFS.Class)
               for q in page.quads_for_pattern(term, RDF.type, None, None))  # type: ignore[arg-type]


def _entailed(quad: ox.Quad, page: ox.Store) -> bool:
    """Does RDFS already say ``quad`` of a page's class or property (a reasoner's output
    restates it: `kg:VMSeries a rdfs:Class`, `rdfs:subClassOf` itself, a superclass's
    superclass, `owl:Thing`)?"""
    s, p, o = quad.subject, quad.predicate, quad.object
    if p in (RDFS.subClassOf, RDFS.subPropertyOf):
        return o == s or o in (OWL.Thing, RDFS.Resource) or o in _above(page, s, p)
    if p == RDF.type:
        types = {q.object.value for q in page.quads_for_pattern(s, RDF.type, None, None)}  # type: ignore[union-attr]
        return (o == RDFS.Class and OWL.Class.value in types) or (
            o == RDF.Property and bool(types - {OWL.Class.value, RDFS.Class.value})) or o == RDFS.Resource
    return False


def _above(page: ox.Store, term: object, link: ox.NamedNode) -> set[object]:
    """Every class (or property) above ``term`` in the shipped files."""
    seen: set[object] = set()
    todo = [term]
    while todo:
        for q in page.quads_for_pattern(todo.pop(), link, None, None):  # type: ignore[arg-type]
            if q.object not in seen:
                seen.add(q.object)
                todo.append(q.object)
    return seen


def _revisions(page: ox.Store) -> set[object]:
    return {q.subject for q in page.quads_for_pattern(None, RDF.type, KG.Revision, None)}


def _documents(page: ox.Store) -> set[object]:
    """What the shipped files describe under ``src:``: sources, documents, revisions."""
    return {q.subject for q in page.quads_for_pattern(None, None, None, ox.DefaultGraph())
            if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(SRC)}


def _about_page_sources(data: ox.Store, page: ox.Store, sources: set[object],
                        revisions: set[object], documents: set[object], path: Path) -> None:
    for graph in sorted(sources | revisions | documents, key=str):  # in any graph: a Turtle
        if isinstance(graph, (ox.NamedNode, ox.BlankNode)) and \
                _said(data.quads_for_pattern(graph, None, None, None), page):  # file's own
            raise DataError(f"{path}: it says what {graph} is, one of the page's sources, "
                            "revisions or documents that kg ships: a data file may not change "
                            "them (their names, links, firmness, what supersedes them, dates)")
    protected = sources | revisions | documents
    own = {*data.named_graphs(), *(q.subject for q in  # its sources (not a statement of
                                   data.quads_for_pattern(None, RDF.type, KG.Source, None))}
    claim = next((q for link in _DERIVED for q in data.quads_for_pattern(None, link, None, None)
                  if q.object in protected and q.subject in own  # kg's export: a fact's)
                  and _said((q,), page)), None)
    if claim is not None:  # cited "from" the page's English source at its commit
        raise DataError(f"{path}: it says {claim.subject} comes from {claim.object}, one of the "
                        "page's sources, revisions or documents: a data file's sources come "
                        "from documents of their own")
    declared = next((q for q in (*data.quads_for_pattern(None, RDF.type, KG.Revision, None),
                                 *data.quads_for_pattern(None, KG.revision, None, None))
                     if _said((q,), page)), None)  # one the shipped files state: kg's export
    if declared is not None:  # a revision dated 2099 took the page away
        raise DataError(f"{path}: it declares a page revision or puts a source in one "
                        f"({declared.subject}): the page's revisions are kg's own; a data file's "
                        "sources belong to none")


def _described_inside(data: ox.Store, graphs: set[object], path: Path,
                      session: ox.Store | None) -> None:
    """What a source is, said inside a graph, where the default graph does not say the same
    (kg's Turtle export of a data file's facts restates what kg says of that file: it loads
    beside the file, as its TriG and N-Quads exports do: hunt83 F22)."""
    default = ox.DefaultGraph()
    stores = [store for store in (data, session) if store is not None]
    for graph in sorted(graphs, key=str):
        if not isinstance(graph, (ox.NamedNode, ox.BlankNode)):
            continue
        inside = next((q for q in data.quads_for_pattern(graph, None, None, None)
                       if q.graph_name != default and not any(
                           next(store.quads_for_pattern(q.subject, q.predicate, q.object,
                                                        default), None)
                           for store in stores)), None)
        if inside is not None:
            raise DataError(f"{path}: it, or a data file loaded before it, says what the source "
                            f"{graph} is ({curie(inside.predicate.value)} {inside.object}) inside "
                            f"the graph {inside.graph_name}: kg reads what a source is from the "
                            "default graph (a TriG file describes its graphs there; a Turtle "
                            "file's source is the file, described by kg)")


def _named_as_page_sources(data: ox.Store, page: ox.Store, sources: set[object],
                           graphs: set[object], session: ox.Store | None, path: Path) -> None:
    taken = {_name(q.object.value) for g in sources if isinstance(g, (ox.NamedNode, ox.BlankNode))
             for q in page.quads_for_pattern(g, RDFS.label, None, None)
             if isinstance(q.object, ox.Literal)}
    stores = [store for store in (data, session) if store is not None]  # the session's too: a
    # name given by one `.load`, the facts by the next
    own = {*graphs, *(q.subject for store in stores
                      for q in store.quads_for_pattern(None, RDF.type, KG.Source, None))}
    hits = sorted(((source, q.object) for source in own - sources
                   if isinstance(source, (ox.NamedNode, ox.BlankNode)) for store in stores
                   for q in store.quads_for_pattern(source, RDFS.label, None, None)
                   if isinstance(q.object, ox.Literal) and _name(q.object.value) in taken),
                  key=str)  # the labels of the data's sources alone: every label of a 100k
    # graph took 50 ms (and the engine's IN over 300 names 0.8 s)
    if hits:
        source, name = hits[0]
        raise DataError(f"{path}: it names the source {source} \"{name.value}\", as one of "  # type: ignore[union-attr]
                        "the page's sources is named: its facts would be cited as the "
                        "page's; give it a name of its own")


def _kgs(term: object) -> bool:
    """Is ``term`` named in kg's namespace of sources and documents (``src:``)?"""
    return isinstance(term, ox.NamedNode) and term.value.startswith(SRC)


def _new(quads: Iterable[ox.Quad], page: ox.Store) -> bool:
    """Is one of ``quads`` not among those the shipped files state, in that graph?"""
    return any(q not in page for q in quads)


def _said(quads: Iterable[ox.Quad], page: ox.Store) -> bool:
    """Does one of ``quads`` say what the shipped files do not, in any graph? (kg's Turtle
    export restates the page's descriptions in the file's own graph.)"""
    return any(next(page.quads_for_pattern(q.subject, q.predicate, q.object, None), None) is None
               for q in quads)  # type: ignore[arg-type]


def _name(text: str) -> str:
    """A name as a reader sees it (:func:`kg.textscan.loose_key`: case, spaces, hyphens and
    underscores aside), compatibility forms and invisible characters aside too: a
    non-breaking or zero-width space, full-width letters made a look-alike "CUDA table"."""
    if not text.isascii():  # nearly every name is: nothing to normalize
        shown = unicodedata.normalize("NFKC", text)
        text = "".join(c for c in shown if unicodedata.category(c) not in ("Cf", "Mn"))
        text = text.translate(_LOOK_ALIKES)
    return loose_key(text)


#: Cyrillic and Greek letters drawn as Latin ones ("СUDA tаble" with a Cyrillic С and а read
#: as the page's "CUDA table"): the common ones of Unicode's confusables (UTS #39)
_LOOK_ALIKES = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеѕіјорсухԁһӏԛԝ" "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαικνορτυχ",
    "ABESIJKMHOPCTXYaesijopcyxdhlqw" "ABEZHIKMNOPTYXaikvoptux")
