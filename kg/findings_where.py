"""Where a problem `kg validate` finds lies: the named graphs and the files that hold the
triples of its focus, read once, at the first problem (a graph with none reads nothing:
8.7 s and most of 2.5 GB at 1M triples, hunt125 F4)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.fileread import resolved
from kg.paths import ontology_dir
from kg.store import OxigraphStore
from kg.vocab import term_name

__all__ = ["Locator"]


class Locator:
    """Finds the named graphs and the files that hold a subject's triples (read at the first
    :meth:`find`: a graph with no problem needs none)."""

    def __init__(self, store: OxigraphStore) -> None:
        self._store = store
        self.by_subject: dict[Any, list[tuple[Any, Any, Any]]] | None = None
        self.files: dict[tuple[Any, Any, Any], set[str]] = defaultdict(set)

    def _read(self) -> dict[Any, list[tuple[Any, Any, Any]]]:
        by_subject: dict[Any, list[tuple[Any, Any, Any]]] = defaultdict(list)
        for q in self._store.quads():
            by_subject[q.subject].append((q.predicate, q.object, q.graph_name))
        for path in self._store.files:
            short = _short(path)
            try:
                for q in ox.parse(path=str(path), base_iri=resolved(path).as_uri()):
                    self.files[(q.subject, q.predicate, q.object)].add(short)
            except (SyntaxError, ValueError, OSError):
                continue
        return by_subject

    def find(self, focus: Any, pred: Any = None, obj: Any = None) -> tuple[str | None, str | None]:
        """(files, graphs) holding triples of ``focus`` (with ``pred`` and ``obj`` if given)."""
        if self.by_subject is None:
            self.by_subject = self._read()
        hits = [(p, o, g) for p, o, g in self.by_subject.get(focus, ())
                if pred in (None, p) and obj in (None, o)]
        graphs = {"default" if isinstance(g, ox.DefaultGraph) else term_name(g) for _, _, g in hits}
        files = {f for p, o, _ in hits for f in self.files.get((focus, p, o), ())}
        return _join(files), _join(graphs)


def _join(items: set[str], limit: int = 3) -> str | None:
    shown = sorted(items)
    return (", ".join(shown[:limit]) + (", …" if len(shown) > limit else "")) or None


def _short(path: Path) -> str:
    try:
        return str(resolved(path).relative_to(resolved(ontology_dir()).parent))
    except ValueError:
        return str(path)
