"""Graphviz DOT: the diagram of a result (:mod:`kg.output.diagram`), left to right, with labels.

The result's own entities are filled; the entities their shown columns reach are drawn
plainly, and values (dates, versions) as text without a box. Where three or more
entities link to one node by the same property (every Volta series has "architecture"
Volta), their edges meet in a junction point and the label is drawn once. A check's verdict
is a dashed edge in the verdict's colour (:data:`kg.output.diagram.VERDICT_COLORS`).
"""

from __future__ import annotations

from kg.output import Format, OutputContext
from kg.output.cells import line_breaks, printable
from kg.output.diagram import LINE, MATCHED_FILL, Diagram, Edge, diagram, drawn, grouped, verdict_color
from kg.result import Result

__all__ = ["write", "dot_source", "quote"]

_HEAD = f"""\
  graph [rankdir=LR, newrank=true, fontname="Helvetica", nodesep=0.25, ranksep=0.7];
  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="{LINE}",
        fontname="Helvetica", fontsize=11];
  edge [color="{LINE}", fontname="Helvetica", fontsize=9, fontcolor="#3b4750"];"""
_VALUE = 'shape=plaintext, style="", fontcolor="#3b4750"'

def _look(e: Edge) -> str:
    """The attributes after an edge's label: a verdict's dash and colour."""
    if not e.verdict:
        return ""
    color = verdict_color(e.verdict)
    return f', style=dashed, penwidth=1.5, color="{color}", fontcolor="{color}"'


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as ``\\n``,
    other control characters as visible escapes, and ``&`` as ``&amp;`` (Graphviz reads an
    entity in a label: the text ``&amp;`` showed as ``&``).

    >>> print(quote('say "hi"\\\\now'))
    "say \\"hi\\"\\\\now"
    """
    text = printable(line_breaks(text)).replace("\\", "\\\\").replace('"', '\\"') \
        .replace("&", "&amp;")
    return '"' + text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def dot_source(d: Diagram, title: str | None = None) -> str:
    """The diagram as DOT text; the same diagram always gives the same text. ``title`` (what
    the result answers) names the graph: an SVG's ``<title>``, its name for a screen reader
    (every diagram was "kg": hunt74 F9)."""
    d = grouped(d)
    name = " ".join(line.strip() for line in (title or "").splitlines() if line.strip())  # a
    # saved query's lines as one, the spaces in a line kept (`"a    b"`: hunt77 R7)
    lines = [f"digraph {quote(name) if name else 'kg'} {{", _HEAD]
    if d.note:
        lines.append(f"  note [label={quote(d.note)}, {_VALUE}];")
    for n in d.nodes:
        label = f"{n.label}\n({n.kind})" if n.kind else n.label
        style = f", {_VALUE}" if n.literal else f', fillcolor="{MATCHED_FILL}", penwidth=1.5' \
            if n.matched else ""
        lines.append(f"  {n.id} [label={quote(label)}, tooltip={quote(n.iri)}{style}];")
    names = {n.id: n.label for n in d.nodes}

    def said(e: Edge) -> str:  # an edge's tooltip: what it says (Graphviz's was `n1->n5`)
        return quote(f"{names.get(e.source, '')} → {e.label} → {names.get(e.target, '')}")

    junctions = 0
    for e, group in drawn(d):
        if len(group) == 1:
            lines.append(f"  {e.source} -> {e.target} [label={quote(e.label)}, "
                         f"tooltip={said(e)}{_look(e)}];")
        else:
            junctions += 1
            j = f"j{junctions}"
            color = verdict_color(e.verdict) if e.verdict else LINE
            lines.append(f'  {j} [shape=point, width=0.06, color="{color}", label=""];')
            lines += [f"  {x.source} -> {j} [arrowhead=none, tooltip={said(x)}{_look(x)}];"
                      for x in group]
            lines.append(f"  {j} -> {e.target} [label={quote(e.label)}, tooltip="
                         f"{quote(e.label)}{_look(e)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write(result: Result, ctx: OutputContext) -> str:
    return dot_source(diagram(result, ctx, Format.DOT), ctx.title)
