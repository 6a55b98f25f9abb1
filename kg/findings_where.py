"""Where a problem `kg validate` finds lies: the named graphs that hold the triples of its
focus (looked up in the store's index) and the files (each parsed again once, at the first
problem: a graph with none reads nothing; every quad indexed in Python took 8.7 s and most
of 2.5 GB at 1M triples, hunt125 F4)."""

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
    """Finds the named graphs (in the store's index) and the files (parsed again, at the
    first :meth:`find`: a graph with no problem needs none) that hold a subject's triples."""

    def __init__(self, store: OxigraphStore) -> None:
        self._store = store
        self.files: dict[tuple[Any, Any, Any], set[str]] | None = None

    def _read(self) -> dict[tuple[Any, Any, Any], set[str]]:
        files: dict[tuple[Any, Any, Any], set[str]] = defaultdict(set)
        for path in self._store.files:
            short = _short(path)
            try:
                for q in ox.parse(path=str(path), base_iri=resolved(path).as_uri()):
                    files[(q.subject, q.predicate, q.object)].add(short)
            except (SyntaxError, ValueError, OSError):
                continue
        return files

    def find(self, focus: Any, pred: Any = None, obj: Any = None) -> tuple[str | None, str | None]:
        """(files, graphs) holding triples of ``focus`` (with ``pred`` and ``obj`` if given)."""
        if self.files is None:
            self.files = self._read()
        hits = list(self._store.store.quads_for_pattern(focus, pred, obj, None))
        graphs = {"default" if isinstance(q.graph_name, ox.DefaultGraph) else term_name(q.graph_name)
                  for q in hits}
        files = {f for q in hits for f in self.files.get((focus, q.predicate, q.object), ())}
        return _join(files), _join(graphs)


def _join(items: set[str], limit: int = 3) -> str | None:
    shown = sorted(items)
    return (", ".join(shown[:limit]) + (", …" if len(shown) > limit else "")) or None


def _short(path: Path) -> str:
    try:
        return str(resolved(path).relative_to(resolved(ontology_dir()).parent))
    except ValueError:
        return str(path)
