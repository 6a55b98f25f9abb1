"""The graph store: the embedded engine behind a small interface of kg's own.

The shipped graph is the schema (``ontology/*.ttl``, default graph) and the facts
(``ontology/facts/*.trig``, one named graph per source). Extra ``--data`` files load on
top: a ``.trig`` file as it is, a Turtle file into a graph named after the file (its
provenance). Queries read the union of all graphs; pyoxigraph is the engine.

A fact that several sources state is in several graphs, and pyoxigraph's union default
graph gives one solution per graph it is in (oxigraph/oxigraph#1919, fixed after 0.5.13):
a join of four such patterns on the page gives 710 solutions for 90. A session on a
small store (:data:`MERGED_MAX`) therefore keeps the union once more, each triple once,
as the default graph of a second store, and runs there every query that names no graph:
the same triples, so the same answers, without the repeats (the slowest documented
example 3.0 → 1.0 ms by this alone). ``kg publish`` does the same on a server (a union
graph).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import field
from pathlib import Path

import pyoxigraph as ox

from kg.datafiles import (
    RDF_FORMATS,
    as_in_file,
    composed,
    data_path,
    own_facts,
    read_data,
    refuse_bad_json_ld,
    unreadable,
)
from kg.errors import DataError, ExecutionError
from kg.fileread import resolved
from kg.graphstore import Term
from kg.guard import refuse_forged_sources, refuse_other_files_sources
from kg.records import record
from kg.revisions import (
    EveryRevision,
    Revision,
    choose,
    left_out,
    read_revisions,
    source_names,
    sources_revisions,
    undescribed,
)
from kg.shipped import page_store, shipped_files
from kg.vocab import DCTERMS, KG, RDF, RDFS, SRC
from kg.worker import ABANDONED, checkpoint

__all__ = ["OxigraphStore", "MERGED_MAX"]


def _file_graph(path: Path) -> ox.NamedNode:
    """The graph a data file's facts go to, named after the file."""
    return ox.NamedNode(resolved(path).as_uri())


def _resolved(path: Path) -> Path | None:
    """``path`` resolved; None for a name no file has (a NUL: ``read_regular`` says so)."""
    try:
        return resolved(path)
    except ValueError:
        return None


@functools.lru_cache(maxsize=1)
def _every_revision(files: tuple[Path, ...]) -> OxigraphStore:
    """The shipped ``files`` (``$KG_ONTOLOGY`` names others), every revision's sources."""
    return OxigraphStore(page_store(files=list(files)))


def _rows(solutions: ox.QuerySolutions) -> Iterator[tuple[Term | None, ...]]:
    """The solutions' rows; work Ctrl-C abandoned stops at the next (:mod:`kg.worker`)."""
    abandoned = ABANDONED  # a set, empty while no work is abandoned: a cheap test per row
    try:
        for solution in solutions:
            if abandoned:
                checkpoint()
            yield tuple(solution)
    except (OSError, RuntimeError, ValueError) as exc:  # evaluation goes on as rows are read
        raise ExecutionError(f"query failed: {exc}") from None


#: The most quads a store keeps a merged copy for (see the module's docstring). The copy
#: costs 19 ms for the page's 8k quads and 0.3 s for 110k, as much as loading them, while
#: on a generated graph, where few facts have two sources, it saves a tenth at most.
MERGED_MAX = 50_000


@record(frozen=False)
class OxigraphStore:
    """An in-memory pyoxigraph store loaded with the shipped graph and any extra files."""

    store: ox.Store = field(default_factory=ox.Store)
    files: list[Path] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)  #: every revision, oldest first
    revision: Revision | None = None  #: the revision this store answers as of
    #: keep a merged copy of a small store for the queries that name no graph (a session's)
    merge: bool = False
    #: that copy: built at the first query that can use it; False where the store is too big
    _merged: ox.Store | bool | None = field(default=None, repr=False)
    _changes: int = field(default=0, repr=False)  #: loads and additions so far
    #: the names of the sources of other revisions, dropped (:func:`kg.revisions.source_names`)
    dropped_names: frozenset[str] = field(default=frozenset(), repr=False)
    #: the data files loaded on top, in order (:meth:`reopened`)
    data: list[Path] = field(default_factory=list, repr=False)
    #: sources a data file may describe that the store has not (yet) (:meth:`_own_facts`)
    known_sources: set[ox.NamedNode] = field(default_factory=set, repr=False)
    #: each source a TriG data file brings → the file's name (kg.context cites it so)
    file_sources: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, data: Sequence[str | Path] = (), *, shipped: bool = True,
             as_of: str | datetime.date | EveryRevision | None = None,
             merge: bool = False) -> OxigraphStore:
        """Load the shipped graph (unless ``shipped`` is false), then each ``data`` file,
        and keep the page as of the revision current at ``as_of`` (default: the latest).
        With ``merge`` (for a session, which asks many statements), a store of at most
        :data:`MERGED_MAX` quads answers from a merged copy (see the module's docstring)."""
        self = cls()
        self.known_sources = {ox.NamedNode(p.as_uri()) for d in data if (p := _resolved(Path(d)))}
        files = shipped_files() if shipped else []  # (looked for once)
        page = page_store(files=files) if data and files else None
        for extra in data:  # first: a source the shipped files name is then the file's doing
            try:
                self._load_data(data_path(extra), page)  # (`x.ttl/` read x.ttl: hunt83 F16)
            except DataError as exc:
                exc.file = str(extra)  # which one, for a caller that may go on without it
                raise
        if page is not None:  # read once: checked against, then joined
            self.store.bulk_extend(page)
            self.files[:0] = files
        else:
            for shipped_path in files:
                self.load(shipped_path)
        self.revisions = read_revisions(self.select)
        of_sources = sources_revisions(self.select)
        if missing := undescribed(of_sources, self.revisions):
            why = "a name misspelt?" if self.revisions else "is facts/revisions.trig missing?"
            raise DataError(f"the sources name page revisions the graph does not describe "
                            f"({', '.join(missing[:3])}{', …' if len(missing) > 3 else ''}): kg "
                            f"cannot tell their facts apart ({why})")
        if not isinstance(as_of, EveryRevision):
            self.revision = choose(self.revisions, as_of)
            if self.revision is not None:
                gone, replaced = left_out(self.select, self.revision, of_sources)
                self.dropped_names = source_names(self.select, gone)
                self._drop(gone)
                for g in replaced:  # their facts; what they are stays (the default graph)
                    self.store.remove_graph(g)
                self._changed()
        self.merge = merge  # now: a copy of what the store keeps, not of every revision
        return self

    def as_of(self, revision: Revision) -> Iterator[ox.Quad]:
        """The quads this store (opened with every revision) holds as of ``revision``: what
        :meth:`open` keeps for it (see :meth:`_drop`), with no file read again."""
        gone, replaced = map(set, left_out(self.select, revision))
        default = ox.DefaultGraph()
        for q in self.store:
            if q.graph_name in gone or q.graph_name in replaced or (
                    q.graph_name == default and q.subject in gone):
                continue
            yield q

    def _drop(self, graphs: list[ox.NamedNode]) -> None:
        """Remove sources of other revisions: their facts (their graphs) and their
        descriptions (what the default graph says of them); :meth:`as_of` leaves out the
        same, and the facts of superseded sources (:func:`~kg.revisions.superseded_sources`)
        as :meth:`open` does."""
        for g in graphs:
            self.store.remove_graph(g)
            for q in list(self.store.quads_for_pattern(g, None, None, ox.DefaultGraph())):
                self.store.remove(q)
        self._changed()

    def load(self, path: Path, *, extra: bool = False) -> None:
        """Load one RDF file; a malformed file is a :class:`DataError` with line and column."""
        fmt = RDF_FORMATS.get(path.suffix.lower())
        if fmt is None and path.is_dir():
            raise DataError(f"{path}: is a folder; give an RDF file in it")
        if fmt is None:
            known = ", ".join(sorted(RDF_FORMATS))
            raise DataError(f"{path}: unknown RDF file type {path.suffix!r}; expected one of: {known}")
        raw = read_data(path)
        json = fmt is ox.RdfFormat.JSON_LD
        content = composed(raw, json) if extra else raw
        if json:
            refuse_bad_json_ld(content, path)
        quads = fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS) and extra
        default_before = set(self._default_quads()) if quads else set()
        graphs_before = set(self.store.named_graphs()) if quads else set()
        own = _file_graph(path)  # the file's graph, and the base of its relative IRIs
        graph: ox.NamedNode | ox.DefaultGraph = ox.DefaultGraph()
        if extra and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD):
            graph = own
        try:
            self.store.load(content, format=fmt, to_graph=graph, base_iri=own.value)
        except (SyntaxError, ValueError, OSError, MemoryError) as exc:
            raise unreadable(path, as_in_file(exc, raw, content, fmt, own.value)) from None
        if quads:  # facts outside any graph are the file's, as a Turtle file's are
            graph = self._own_facts([q for q in self._default_quads() if q not in default_before],
                                    own)
            self._cite_file(path, own, graphs_before)
        if isinstance(graph, ox.NamedNode):
            self._describe_file_source(graph, path)
        if extra:
            self.data.append(resolved(path))  # as loaded, wherever the session goes next
        self.files.append(path)
        self._changed()

    def _cite_file(self, path: Path, own: ox.NamedNode, before: set[ox.NamedNode | ox.BlankNode]) -> None:
        """Cite a TriG file's own sources with its name, as kg records it, not the file (its
        "My lab notes" passed for a document's: hunt105 F9, hunt108 F6); kg's sources and
        another data file's, which an export restates, are not the file's."""
        self.file_sources.update((g.value, path.name) for g in self.store.named_graphs()
                                 if g not in before and g != own and g not in self.known_sources
                                 and not g.value.startswith(SRC))
        # (a blank one's, and one named as a file not loaded, too: hunt123 F1)

    def _default_quads(self) -> Iterator[ox.Quad]:  # the default graph's
        return self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())

    def _load_data(self, path: Path, page: ox.Store | None) -> None:
        """Load a data file of ``--data``, checked against ``page`` (the shipped files, if
        any): the first into the store, each after it as ``.load`` loads one."""
        if self.data:
            self._join(self._checked_alone(path, page), path)
            return
        self.load(path, extra=True)
        if page is not None:
            refuse_forged_sources(self.store, page, path)

    def _checked_alone(self, path: Path, page: ox.Store | None) -> OxigraphStore:
        """The data file ``path`` read into a store of its own, as it would be loaded here,
        checked against ``page`` and what the files before it said of their sources
        (:mod:`kg.guard`): a file refused leaves this store as it was."""
        alone = OxigraphStore(files=list(self.files))  # their names: see _describe_file_source
        alone.known_sources = {*self.known_sources, *(
            g for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))}
        alone.load(path, extra=True)
        if page is not None:  # first: what it says of the page's sources is said so
            refuse_forged_sources(alone.store, page, path, session=self.store)
        refuse_other_files_sources(alone.store, self.store, path, _file_graph(path),
                                   [_file_graph(p) for p in self.data])
        return alone

    def _join(self, alone: OxigraphStore, path: Path) -> None:
        """Add ``alone``, the data file ``path`` read and checked, to this store."""
        self.store.extend(alone.store)
        self.file_sources.update(alone.file_sources)
        self.file_sources.pop(_file_graph(path).value, None)  # its own, an export restated
        self.files.append(path)
        self.data.append(resolved(path))
        self._changed()

    def _own_facts(self, new: list[ox.Quad],
                   graph: ox.NamedNode) -> ox.NamedNode | ox.DefaultGraph:
        """:func:`kg.datafiles.own_facts` of what the file just said outside any graph
        (``new``); ``graph`` if a fact moved into it."""
        moved = own_facts(self.store, new, {*self.store.named_graphs(), *self.known_sources},
                          graph)
        return graph if moved else ox.DefaultGraph()

    def load_checked(self, path: Path) -> None:
        """Load one more data file into a store already open (the REPL's ``.load``): read
        into a store of its own first, so a file refused (:mod:`kg.guard`) leaves
        this one as it was. (A file loaded before: :meth:`reopened`.)"""
        page = page_store()
        alone = self._checked_alone(path, page)
        kept = set(self.store.named_graphs())  # the page as of the session's revision:
        gone = [g for g in page.named_graphs() if g not in kept]  # an export restating
        alone._drop([g for g in gone if isinstance(g, ox.NamedNode)])  # another's, left out
        self._join(alone, path)

    def loaded(self, path: Path) -> bool:
        """Is ``path`` one of the data files loaded on top?"""
        return _resolved(path) in self.data  # (each kept resolved)

    def reopened(self) -> OxigraphStore:
        """The same graph opened again, every data file as it is now, as of the same revision
        (`.load` of a file edited since: what it no longer says is gone, what others say stays)."""
        revision = self.revision
        as_of = None if revision is None or revision == self.revisions[-1] else revision.date
        return OxigraphStore.open(self.data, as_of=as_of, merge=self.merge)

    def described(self, path: Path) -> int:
        """How many statements kg wrote of its own about the data file ``path`` (a source:
        its name, firmness, origin), not the file's."""
        node = _file_graph(path)
        return sum(1 for _ in self.store.quads_for_pattern(node, None, None, ox.DefaultGraph()))

    def _describe_file_source(self, graph: ox.NamedNode, path: Path) -> None:
        """A Turtle file loaded on top is its own source: say so, in the default graph."""
        name = path.name  # another file of that name loaded: which folder it is in too
        if any(f.name == path.name and _resolved(f) != _resolved(path) for f in self.files):
            name = str(path) if path.parent.name in ("", ".") else f"{path.parent.name}/{path.name}"
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")  # a
        # byte that is not UTF-8, as `\xff`: no literal holds it (exit 70: hunt89 F2)
        says = [ox.Quad(graph, p, o, ox.DefaultGraph()) for p, o in (
            (RDF.type, KG.Source),
            (RDFS.label, ox.Literal(f"file {name}", language="en")),
            (RDFS.label, ox.Literal(f"Datei {name}", language="de")),
            (DCTERMS.source, _file_graph(path)),
            (KG.firmness, ox.Literal("unverified")),
        )]
        self.store.extend(says)

    def select(self, sparql: str) -> tuple[list[str], list[tuple[Term | None, ...]]]:
        """Run a SELECT over the union of all graphs (parameters are already in the text
        as VALUES of serialized terms: see :mod:`kg.planner`)."""
        names, rows = self.solutions(sparql)
        return names, list(rows)

    def select_named(self, sparql: str) -> tuple[list[str], list[tuple[Term | None, ...]]]:
        """:meth:`select` (the store holds the revision's graphs alone)."""
        return self.select(sparql)

    def select_every(self, sparql: str) -> tuple[list[str], list[tuple[Term | None, ...]]]:
        """:meth:`select` over the shipped page, every revision (read once: 20 ms; the
        checker read it itself, for a hint: hunt113 F5)."""
        return _every_revision(tuple(shipped_files())).select(sparql)

    def verify(self, *, force: bool = False) -> None:
        """Nothing to ask: the embedded graph is in the process (:meth:`GraphStore.verify`)."""

    def about_blank(self, nodes: Sequence[ox.BlankNode]) -> list[tuple[Term | None, ...]]:
        """:meth:`GraphStore.about_blank`: the store's own quads of each node."""
        default = ox.DefaultGraph()
        return [(q.subject, q.predicate, q.object,  # type: ignore[misc]  # no triple terms
                 None if q.graph_name == default else q.graph_name)  # in kg's graphs
                for node in nodes for q in self.store.quads_for_pattern(node, None, None, None)]

    def solutions(self, sparql: str) -> tuple[list[str], Iterator[tuple[Term | None, ...]]]:
        """:meth:`select`, its rows read from the engine one by one as they are consumed
        (an ``ORDER BY`` query's first row comes once the engine has sorted). A query that
        names a graph (``GRAPH``, in any case: its sources) reads the graphs themselves."""
        merged = self._merged_store() if self.merge and "GRAPH" not in sparql.upper() else None
        try:
            if merged is not None:
                result = merged.query(sparql)
            else:
                result = self.store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise ExecutionError(f"the compiled SPARQL does not parse: {exc}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise ExecutionError(f"query failed: {exc}") from None
        if not isinstance(result, ox.QuerySolutions):
            raise ExecutionError("expected a SELECT query")
        return [v.value for v in result.variables], _rows(result)

    def _merged_store(self) -> ox.Store | None:
        """The merged copy: every triple of every graph once, in its default graph (built
        now if it is not yet); None for a store of more than :data:`MERGED_MAX` quads."""
        found = self._merged
        if found is None:
            changes = self._changes
            if len(self.store) > MERGED_MAX:
                found = False
            else:
                triples = self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                           use_default_graph_as_union=True)
                assert isinstance(triples, ox.QueryTriples)
                found = ox.Store()  # loading N-Triples keeps each triple once
                found.load(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES),
                           format=ox.RdfFormat.N_TRIPLES)
            if changes == self._changes:  # not a copy of the store before a load meanwhile
                self._merged = found  # (a statement Ctrl-C abandoned may still build one)
        return found if isinstance(found, ox.Store) else None

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self.store)

    def add_all(self, quads: Iterable[ox.Quad]) -> None:
        self.store.extend(quads)
        self._changed()

    def _changed(self) -> None:
        """The store's quads changed: its merged copy is out of date."""
        self._changes += 1
        self._merged = None

    def __len__(self) -> int:
        return len(self.store)
