"""The context statements run in: the store, its ontology, and what is built from them
once per session (the entity network, the labels of the sources)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.i18n import pick
from kg.ontology import Ontology
from kg.store import GraphStore
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

    @property
    def network(self) -> EntityNetwork:
        """Entities linked by object properties, for ``path`` and ``neighbors``."""
        if self._network is None:
            from kg.network import EntityNetwork

            self._network = EntityNetwork.from_store(self.store)
        return self._network

    def source_labels(self, lang: str) -> dict[str, str]:
        """Each source (named graph) IRI → its label in ``lang`` (read once per language)."""
        if lang not in self._source_labels:
            _, rows = self.store.select(
                f"SELECT ?g ?l WHERE {{ ?g a {KG.Source} ; {RDFS.label} ?l }}")
            labels: dict[str, list[object]] = {}
            for g, label in rows:
                labels.setdefault(g.value, []).append(label)  # type: ignore[union-attr]
            self._source_labels[lang] = {
                g: pick(ls, lang)[0].value for g, ls in labels.items() if ls}  # type: ignore[attr-defined]
        return self._source_labels[lang]

    def source_label(self, graph: str, lang: str) -> str:
        """The label of one source, else the last part of its IRI."""
        return self.source_labels(lang).get(graph) or graph.rsplit("/", 1)[-1]
