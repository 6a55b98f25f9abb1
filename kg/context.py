"""The context statements run in: the store, its ontology, and what is built from them
once per session (the entity network, the labels of the sources and of the entities
gathered cells show)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.answers import answered_by
from kg.collector import kept
from kg.evidence import Firmness
from kg.graphstore import GraphStore
from kg.i18n import pick, word
from kg.labels import Labels
from kg.ontology import Ontology
from kg.vocab import KG, RDFS

if TYPE_CHECKING:
    from kg.network import EntityNetwork

__all__ = ["Context"]


class Context:
    """What running a plan needs: the store, the ontology, and caches built on first use."""

    def __init__(self, store: GraphStore, onto: Ontology) -> None:
        self.store = store
        self.onto = onto
        self._network: EntityNetwork | None = None
        self._source_labels: dict[str, dict[str, str]] = {}
        self._firmness: dict[str, Firmness] | None = None
        #: each source scope (None: every source) → its tables' rows by feature
        self._table_rows: dict[str | None, dict[str, frozenset[str]]] = {}
        self._superseded: frozenset[ox.NamedNode] | None = None
        #: what modules built on the context keep for the session (``kg.facts``: the
        #: facts read per language), by their own keys
        self.kept: dict[object, object] = {}
        #: the labels of the entities gathered cells show, read as they are first shown
        self.labels = Labels(store)

    @property
    def network(self) -> EntityNetwork:
        """Entities linked by object properties, for ``path`` and ``neighbors``."""
        if self._network is None:
            from kg.network import EntityNetwork

            self._network = kept(lambda: EntityNetwork.from_store(self.store))
        return self._network

    def source_labels(self, lang: str) -> dict[str, str]:
        """Each source (named graph) IRI → its label in ``lang`` (read once per language)."""
        if lang not in self._source_labels:
            with answered_by(self.store):
                self._source_labels[lang] = self._read_source_labels(lang)
        return self._source_labels[lang]

    def _read_source_labels(self, lang: str) -> dict[str, str]:
        """:meth:`source_labels`, read."""
        _, rows = self.store.select(
            f"SELECT ?g ?l WHERE {{ ?g a {KG.Source} ; {RDFS.label} ?l }}")
        labels: dict[str, list[object]] = {}
        for g, label in rows:
            labels.setdefault(g.value, []).append(label)  # type: ignore[union-attr]
        files = self.store.file_sources  # a data file's own sources: with the
        # file's name (a TriG's "My lab notes" passed for a document's: hunt105 F9)
        named = {g: pick(ls, lang)[0].value  # type: ignore[attr-defined]
                 + (f", {word('file', lang)} {files[g]}" if g in files else "")
                 for g, ls in labels.items() if ls}
        # one of a file's own with no name: its IRI, and the file's (its last part passed
        # for the page's, `[CUDA_table]` beside `[CUDA table]`, at primary: hunt123 F1)
        return named | {g: f"<{g}>, {word('file', lang)} {f}" if ":" in g
                        else f"{word('file', lang)} {f}"  # (a blank node's)
                        for g, f in files.items() if g not in named}

    def firmness(self, graph: str) -> Firmness:
        """How firm a source is, as it says (``kg:firmness``; unverified where it says
        nothing, or is no source kg knows: a data file's named graph none describes);
        superseded when a later source replaces it (``kg:supersededBy``)."""
        return self._firmnesses().get(graph, Firmness.UNVERIFIED)  # a graph none describes

    def superseded(self) -> frozenset[ox.NamedNode]:
        """The sources (named graphs, as terms) that state nothing: replaced by a later one."""
        if self._superseded is None:
            self._superseded = frozenset(ox.NamedNode(g) for g, f in self._firmnesses().items()
                                         if f is Firmness.SUPERSEDED)
        return self._superseded

    def _firmnesses(self) -> dict[str, Firmness]:
        """Each source that says how firm it is, or is replaced, by its IRI (read once)."""
        if self._firmness is None:
            with answered_by(self.store):
                self._firmness = self._read_firmnesses()
        return self._firmness

    def _read_firmnesses(self) -> dict[str, Firmness]:
        """:meth:`_firmnesses`, read."""
        _, rows = self.store.select(
            f"SELECT ?g ?f ?later WHERE {{ ?g a {KG.Source} . "
            f"OPTIONAL {{ ?g {KG.firmness} ?f }} OPTIONAL {{ ?g {KG.supersededBy} ?later }} }}")
        found: dict[str, Firmness] = {}
        for g, f, later in rows:
            firm = Firmness.SUPERSEDED if later is not None else Firmness.parse(
                f.value if f is not None else "")  # type: ignore[union-attr]
            was = found.get(g.value, firm)  # type: ignore[union-attr]
            # said twice (a second data file's word on another's source): the weaker
            found[g.value] = firm if firm.rank >= was.rank else was  # type: ignore[union-attr]
        return found

    def table_rows(self, graph: str | None = None) -> dict[str, frozenset[str]]:
        """Each feature → the entities that are rows of a table with the feature as a
        column (a source graph that types the feature and states the entity; read once).
        A row without a ``kg:supports`` for the feature has a blank cell there: "no"; an
        entity of no such table has no cell: "not stated" (``check`` says unknown).

        With ``graph`` (a query's `from`), the rows of that source's table alone: a query
        that reads its facts from one source reads no support fact of another table, so
        only its own table's blank cells say "no" (a row blank in one table may say "yes"
        in another)."""
        if graph not in self._table_rows:
            scope = str(ox.NamedNode(graph)) if graph is not None else "?g"
            typed = " ".join(str(ox.NamedNode(c)) for c in sorted(  # (a data file's kg:Feature
                self.onto.subclasses(KG.Feature.value)))  # subclass typed no column: hunt124 F3)
            _, rows = self.store.select(
                f"SELECT DISTINCT ?f ?x WHERE {{ VALUES ?ft {{ {typed} }} GRAPH {scope} {{ "
                f"?f a ?ft . ?x a|{KG.supports} ?any . }} }}")
            found: dict[str, set[str]] = {}
            for f, x in rows:
                found.setdefault(f.value, set()).add(x.value)  # type: ignore[union-attr]
            # a table's features are typed in its graph too, but are no rows of it (the
            # feature AutoML said "no" to supports(AutoML); `check` says unknown)
            self._table_rows[graph] = {f: frozenset(xs - found.keys())
                                       for f, xs in found.items()}
        return self._table_rows[graph]

    def source_label(self, graph: str, lang: str) -> str:
        """The label of one source, else the last part of its IRI."""
        return self.source_labels(lang).get(graph) or graph.rsplit("/", 1)[-1]
