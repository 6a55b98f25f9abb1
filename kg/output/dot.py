"""Graphviz DOT: the subgraph behind a result as a left-to-right diagram with labels.

The result's own entities are filled; what they link to is drawn plainly, and links to
those context nodes are dashed and grey, so the question's own chain of facts stands
out. Where three or more entities link to one node by the same property (every GPU
series is "supported by" the compute cluster), their edges meet in a junction point
and the label is drawn once.
"""

from __future__ import annotations

from collections import defaultdict

from kg.output import Format, OutputContext
from kg.output.diagram import Diagram, Edge, diagram
from kg.result import Result

__all__ = ["write", "dot_source", "quote"]

BUNDLE = 3  #: edges into one node by one property that are drawn through a junction

_HEAD = """\
digraph kg {
  graph [rankdir=LR, newrank=true, fontname="Helvetica", nodesep=0.25, ranksep=0.7];
  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#5b6770",
        fontname="Helvetica", fontsize=11];
  edge [color="#5b6770", fontname="Helvetica", fontsize=9, fontcolor="#3b4750"];"""
_CONTEXT = 'style=dashed, color="#a3acb4", fontcolor="#7b858d"'


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as ``\\n``.

    >>> print(quote('say "hi"\\\\now'))
    "say \\"hi\\"\\\\now"
    """
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def dot_source(d: Diagram) -> str:
    """The diagram as DOT text; the same diagram always gives the same text."""
    matched = {n.id for n in d.nodes if n.matched}
    lines = [_HEAD]
    for n in d.nodes:
        label = f"{n.label}\n({n.kind})" if n.kind else n.label
        style = ', fillcolor="#dbeafe", penwidth=1.5' if n.matched else ""
        lines.append(f"  {n.id} [label={quote(label)}, tooltip={quote(n.iri)}{style}];")
    groups: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for e in d.edges:
        groups[(e.target, e.iri)].append(e)
    junctions = 0
    for e in d.edges:
        group = groups[(e.target, e.iri)]
        extra = "" if e.target in matched else f", {_CONTEXT}"
        if len(group) < BUNDLE:
            lines.append(f"  {e.source} -> {e.target} [label={quote(e.label)}{extra}];")
        elif e is group[0]:
            junctions += 1
            j = f"j{junctions}"
            lines.append(f'  {j} [shape=point, width=0.06, color="#5b6770", label=""];')
            lines += [f"  {x.source} -> {j} [arrowhead=none{extra}];" for x in group]
            lines.append(f"  {j} -> {e.target} [label={quote(e.label)}{extra}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write(result: Result, ctx: OutputContext) -> str:
    return dot_source(diagram(result, ctx, Format.DOT))
