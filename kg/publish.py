"""``kg publish --store URL``: the embedded graph on a SPARQL server, for a team to share.

Uploads through the SPARQL 1.1 Graph Store HTTP Protocol, one ``PUT`` per named graph,
so every source keeps its graph (the provenance); the embedded default graph (schema,
descriptions of sources, documents and revisions) goes to :data:`SCHEMA_GRAPH`. A
manifest graph lists what kg published; publishing again replaces those graphs and
deletes the ones no longer published. Every revision is published: readers choose one
with ``--as-of``.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.credentials import GRAPH_STORE_HINT, Server, server, shown
from kg.endpoint import (
    GENID,
    MANIFEST_GRAPH,
    SCHEMA_GRAPH,
    description_graph,
    kg_graph,
    skolem,
    union_graph,
)
from kg.errors import DataError, ExecutionError
from kg.records import record
from kg.revisions import ALL_REVISIONS
from kg.shipped import page_store
from kg.store import OxigraphStore
from kg.vocab import KG

__all__ = ["Upload", "plan_uploads", "publish", "MANIFEST_GRAPH", "refuse_others",
           "published_before", "read_manifest"]

_NT = "application/n-triples"


@record
class Upload:
    """One request: PUT a graph's triples, or DELETE a graph kg published before."""

    method: str
    graph: str
    triples: bytes = b""
    count: int = 0
    from_data: bool = False  #: a graph a data file names (not the page's, not kg's own)

    def describe(self, store_url: str) -> str:
        target = _graph_url(shown(store_url), self.graph)
        return f"{self.method} {target}" + (f"  ({self.count} triples)" if self.method == "PUT" else "")


def plan_uploads(data: Sequence[str | Path] = (), previous: Sequence[str] = ()) -> list[Upload]:
    """The requests that publish the embedded graph (plus ``data``), replacing ``previous``:
    every graph as it is, and each revision's union graph (``kg.endpoint.UNION``)."""
    every = OxigraphStore.open(data, as_of=ALL_REVISIONS)
    store = every.store
    of_revisions = {q.subject for q in store.quads_for_pattern(None, KG.revision, None,
                                                                ox.DefaultGraph())}
    by_graph: dict[str, list[ox.Triple]] = {}
    for q in store:
        _check_publishable(q)
        if not isinstance(q.graph_name, ox.DefaultGraph):
            name = q.graph_name.value
        elif q.subject in of_revisions:  # a page source: described beside its revision
            name = description_graph(q.subject.value)  # type: ignore[union-attr]
        else:
            name = SCHEMA_GRAPH
        by_graph.setdefault(name, []).append(_triple(q))
    for revision in every.revisions:  # what a reader of it sees, each triple once
        by_graph[union_graph(revision)] = list({_triple(q) for q in every.as_of(revision)})
    page = {g.value for g in page_store().named_graphs()  # the shipped files read again,
            if isinstance(g, ox.NamedNode)} if data else set()  # only beside a data file
    uploads = [Upload("PUT", g, _ntriples(ts), len(ts),
                      from_data=bool(data) and g not in page and not kg_graph(g))
               for g, ts in sorted(by_graph.items())]
    uploads += [Upload("DELETE", g) for g in sorted(set(previous) - set(by_graph))]
    uploads.append(_manifest(by_graph))
    if set(by_graph) - set(previous):  # first, the old and the new: a publish that fails
        # part way leaves no graph the manifest does not name, which the next one deletes
        uploads.insert(0, _manifest({*previous, *by_graph}))
    return uploads


def _manifest(graphs: Iterable[str]) -> Upload:
    """The PUT of kg's manifest, naming ``graphs``."""
    triples = [ox.Triple(ox.NamedNode(MANIFEST_GRAPH), KG.published, ox.NamedNode(g))
               for g in sorted(graphs)]
    return Upload("PUT", MANIFEST_GRAPH, _ntriples(triples), len(triples))


def refuse_others(store: str | Server, uploads: Sequence[Upload], previous: Sequence[str]) -> None:
    """Refuse to write over a graph of someone else's: a data file's graph that the server
    holds, and kg did not publish (not in ``previous``, its manifest). A publish would
    replace it, and the next one delete it. One request per such graph (a GET whose answer
    is not read: Virtuoso answers no HEAD).

    Raises:
        DataError: the server holds such graphs (named, at most five).
    """
    srv, mine = _server(store), set(previous)
    taken = [up.graph for up in uploads if up.from_data and up.graph not in mine
             and srv.send(_graph_url(srv.url, up.graph), what="the graph store",
                          doing=f"asking for {up.graph}", headers={"Accept": _NT},
                          missing_ok=True, read=False) is not None]
    if taken:
        names = ", ".join(f"<{g}>" for g in taken[:5]) + (", …" if len(taken) > 5 else "")
        raise DataError(f"the graph store {srv.url} holds {names}, which kg's list of what "
                        "it published there does not name (another's graph, or one that two "
                        "publishes at once left behind: hunt104 F1): a publish would replace "
                        "it (and the next one delete it). Give the data file's graph another "
                        "name, or delete it on the server first")


def _check_publishable(q: ox.Quad) -> None:
    """A quad the server can keep and kg read back as it is, else a :class:`DataError`."""
    if isinstance(q.graph_name, ox.BlankNode):
        raise DataError(f"cannot publish the graph _:{q.graph_name.value}: the Graph Store "
                        "Protocol names a graph by an IRI, not a blank node; name it with one")
    if isinstance(q.graph_name, ox.NamedNode) and kg_graph(q.graph_name.value):
        raise DataError(f"cannot publish the graph <{q.graph_name.value}>: kg names its own "
                        "graphs so (the manifest, the union graphs, the schema, sources' "
                        "descriptions) and would overwrite or hide it; give it another name")
    for term in (q.subject, q.object):
        if isinstance(term, ox.NamedNode) and term.value.startswith(GENID):
            raise DataError(f"cannot publish <{term.value}>: kg publishes blank nodes as IRIs "
                            f"under {GENID} and reads those back as blank nodes; give it "
                            "another IRI")


def _triple(q: ox.Quad) -> ox.Triple:
    """The quad's triple, its blank nodes as IRIs (one node in every graph: GENID)."""
    return ox.Triple(skolem(q.subject), q.predicate, skolem(q.object))


def _ntriples(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES) or b""


def published_before(store: str | Server) -> list[str]:
    """The graphs the manifest on the server lists (none when there is no manifest);
    ``store`` is the graph store's URL, or its :class:`~kg.credentials.Server`."""
    return read_manifest(store) or []


def read_manifest(store: str | Server) -> list[str] | None:
    """:func:`published_before`; None where the server has no manifest (404: kg never
    published there, or the URL is not its graph store)."""
    srv = _server(store)
    body = srv.send(_graph_url(srv.url, MANIFEST_GRAPH), what="the graph store",
                    doing="reading kg's manifest", headers={"Accept": _NT}, missing_ok=True)
    if body is None:
        return None
    try:  # the triples are read as they are parsed: a bad line fails in the loop
        return sorted({t.object.value for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
                       if t.predicate == KG.published and isinstance(t.object, ox.NamedNode)
                       and t.object.value != MANIFEST_GRAPH})  # a text, a blank node or a
        # triple there names no graph kg published (a DELETE of "just text" failed every
        # publish after it; a blank node was an internal error: hunt85 F1); nor the manifest
    except SyntaxError as exc:  # a server that answers HTML, or another format
        raise ExecutionError(f"the graph store {srv.url} answered kg's manifest with something "
                             f"that is not N-Triples ({str(exc).splitlines()[0][:200]}): "
                             f"{GRAPH_STORE_HINT}") from None


def publish(store: str | Server, uploads: Sequence[Upload]) -> None:
    """Send the requests, in order, to ``store`` (the graph store's URL, or its
    :class:`~kg.credentials.Server`); the first failure stops with a clear error, which
    says, where requests went through before it, that the store is half published (it
    said "cannot reach" alone, the store holding old graphs and new: hunt142 F4)."""
    srv = _server(store)
    for done, up in enumerate(uploads):
        put = up.method == "PUT"
        try:
            srv.send(_graph_url(srv.url, up.graph), what="the graph store",
                     doing=f"{up.method} {up.graph}", method=up.method,
                     data=up.triples if put else None,
                     headers={"Content-Type": _NT} if put else {},
                     missing_ok=not put)  # a graph to delete that is gone already
        except ExecutionError as exc:
            if not done:
                raise
            raise ExecutionError(f"{exc} (the publish stopped after {done} of {len(uploads)} "
                                 "requests: the store holds some graphs of this publish and "
                                 "some of the one before; publish again to complete it)"
                                 ) from None


def _server(store: str | Server) -> Server:
    """The server with its credentials (found once, where the caller has it already)."""
    return store if isinstance(store, Server) else server(store)


def _graph_url(store_url: str, graph: str) -> str:
    sep = "&" if "?" in store_url else "?"
    return f"{store_url}{sep}{urllib.parse.urlencode({'graph': graph})}"
