"""JSON-LD: the facts behind a result, compacted with a fixed ``@context`` of kg's prefixes;
sources by reification. Arrays are sorted, so the same export is byte-identical."""

from __future__ import annotations

import json
from typing import Any

from kg.output import OutputContext
from kg.output.cells import escape_unseen
from kg.output.rdf import rdflib_graph
from kg.result import Result


def write(result: Result, ctx: OutputContext) -> str:
    g, prefixes = rdflib_graph(result, ctx)
    text = g.serialize(format="json-ld", context=prefixes, auto_compact=True)
    return escape_unseen(json.dumps(_sorted(json.loads(text)), indent=2, sort_keys=True,
                                  ensure_ascii=False)) + "\n"


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
