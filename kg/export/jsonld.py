"""JSON-LD: the subgraph behind a result, compacted with a fixed ``@context`` of kg's prefixes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from kg.export.rdf import rdflib_graph
from kg.result import Result

if TYPE_CHECKING:
    from kg.session import Graph


def export(result: Result, graph: Graph) -> str:
    g, prefixes = rdflib_graph(result, graph)
    text = g.serialize(format="json-ld", context=prefixes, auto_compact=True)
    return json.dumps(_sorted(json.loads(text)), indent=2, sort_keys=True,
                      ensure_ascii=False) + "\n"


def _sorted(node: Any, key: str = "") -> Any:
    """Sort every array except ``@list`` ones: JSON-LD arrays are sets, the serializer's
    order is not guaranteed, and the same export must be byte-identical."""
    if isinstance(node, dict):
        return {k: _sorted(v, k) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted(v) for v in node]
        if key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node
