"""GraphML (through networkx): the diagram's nodes and edges with their labels and IRIs; a
check's verdict is an edge with a ``verdict`` and no IRI (it is no fact of the graph)."""

from __future__ import annotations

import re

import networkx as nx

from kg.output import Format, OutputContext
from kg.output.cells import printable
from kg.output.diagram import diagram
from kg.result import Result

__all__ = ["write"]


def write(result: Result, ctx: OutputContext) -> str:
    d = diagram(result, ctx, Format.GRAPHML)
    g = nx.MultiDiGraph()
    for n in d.nodes:
        g.add_node(n.id, label=printable(n.label), iri=n.iri, kind=printable(n.kind),
                   matched=n.matched, value=n.literal)
    for k, e in enumerate(d.edges):
        about = {"verdict": e.verdict} if e.verdict else {"iri": e.iri}
        g.add_edge(e.source, e.target, key=f"e{k + 1}", label=printable(e.label), **about)
    return _xsd_booleans("\n".join(nx.generate_graphml(g, encoding="utf-8",
                                                     prettyprint=True)) + "\n")


_KEY = re.compile(r"<key [^>]*>")
_ID = re.compile(r'\bid="([^"]+)"')


def _xsd_booleans(text: str) -> str:
    """GraphML's booleans as XML Schema writes them, ``true``/``false`` (networkx writes
    Python's ``True``; networkx reads either, stricter readers only the schema's)."""
    keys = [_ID.search(k) for k in _KEY.findall(text) if 'attr.type="boolean"' in k]
    for key in (m.group(1) for m in keys if m):
        for word in ("True", "False"):
            text = text.replace(f'<data key="{key}">{word}</data>',
                                f'<data key="{key}">{word.lower()}</data>')
    return text
