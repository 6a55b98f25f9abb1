"""Graphviz DOT: the subgraph behind a result as a left-to-right diagram with labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.export.diagram import Diagram, diagram
from kg.result import Result

if TYPE_CHECKING:
    from kg.session import Graph

_HEAD = """\
digraph kg {
  graph [rankdir=LR, fontname="Helvetica", nodesep=0.25, ranksep=0.6];
  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#5b6770",
        fontname="Helvetica", fontsize=11];
  edge [color="#5b6770", fontname="Helvetica", fontsize=9, fontcolor="#3b4750"];
"""


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as ``\\n``."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def dot_source(d: Diagram) -> str:
    lines = [_HEAD.rstrip("\n")]
    for n in d.nodes:
        label = f"{n.label}\n({n.kind})" if n.kind else n.label
        style = ', fillcolor="#dbeafe", penwidth=1.5' if n.matched else ""
        lines.append(f"  {n.id} [label={quote(label)}, tooltip={quote(n.iri)}{style}];")
    for e in d.edges:
        lines.append(f"  {e.source} -> {e.target} [label={quote(e.label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def export(result: Result, graph: Graph) -> str:
    return dot_source(diagram(result, graph))
