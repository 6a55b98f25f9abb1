"""Mermaid: the diagram of a result (:mod:`kg.output.diagram`) as a ``flowchart LR`` with
labels; values (dates, versions) are rounded nodes without a border. As in the DOT output,
three or more edges into one node by one property meet in a junction and the label is drawn
once (Mermaid drew each, on top of each other: hunt74 F4), and a check's verdict is a dotted
edge in its colour."""

from __future__ import annotations

from kg.output import Format, OutputContext
from kg.output.cells import line_breaks, printable
from kg.output.diagram import LINE, MATCHED_FILL, Diagram, Edge, diagram, drawn, grouped, verdict_color
from kg.result import Result

__all__ = ["write", "quote"]

#: Characters Mermaid would read as syntax, as its ``#code;`` entities.
_ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "|": "#124;",
             "&": "#amp;", "`": "#96;",
             "%": "#37;"}  #: `%%{init: …}%%` in a label configured the diagram (hunt56 F7)


def quote(text: str) -> str:
    """A Mermaid quoted label: syntax characters as entities, line breaks as ``<br>``,
    other control characters as visible escapes."""
    escaped = "".join(_ENTITIES.get(ch, ch) for ch in printable(line_breaks(text)))
    return '"' + escaped.replace("\n", "<br>") + '"'


def write(result: Result, ctx: OutputContext) -> str:
    d = grouped(diagram(result, ctx, Format.MERMAID))
    lines = ["flowchart LR"]
    if d.note:  # (as a value: text without a box)
        lines += [f"  note([{quote(d.note)}])", "  classDef value fill:none,stroke:none",
                  "  class note value"]
    for n in d.nodes:
        label = f"{n.label}\n({n.kind})" if n.kind else n.label
        lines.append(f"  {n.id}([{quote(label)}])" if n.literal else f"  {n.id}[{quote(label)}]")
    links, junctions, colored = _links(d)
    lines += links
    matched = [n.id for n in d.nodes if n.matched]
    if matched:
        lines.append(f"  classDef matched fill:{MATCHED_FILL},stroke:{LINE},stroke-width:1.5px")
        lines.append(f"  class {','.join(matched)} matched")
    values = [n.id for n in d.nodes if n.literal]
    if values:
        lines.append("  classDef value fill:none,stroke:none")
        lines.append(f"  class {','.join(values)} value")
    if junctions:
        lines.append(f"  classDef junction fill:{LINE},stroke:{LINE},color:{LINE}")
        lines.append(f"  class {','.join(junctions)} junction")
    for color, numbers in sorted(colored.items()):
        lines.append(f"  linkStyle {','.join(map(str, numbers))} stroke:{color},color:{color}")
    return "\n".join(lines) + "\n"


def _links(d: Diagram) -> tuple[list[str], list[str], dict[str, list[int]]]:
    """The lines that draw the diagram's edges, the ids of their junctions, and the numbers of the
    verdicts' links by their colour (``linkStyle`` counts the links in order)."""
    lines: list[str] = []
    junctions: list[str] = []
    colored: dict[str, list[int]] = {}

    def link(text: str, e: Edge) -> None:
        if e.verdict:
            colored.setdefault(verdict_color(e.verdict), []).append(len(lines) - len(junctions))
        lines.append(f"  {text}")

    for e, group in drawn(d):
        arrow = "-.->" if e.verdict else "-->"
        if len(group) == 1:
            link(f"{e.source} {arrow}|{quote(e.label)}| {e.target}", e)
        else:
            j = f"j{len(junctions) + 1}"
            lines.append(f'  {j}((" "))')
            junctions.append(j)
            for x in group:
                link(f"{x.source} {'-.-' if e.verdict else '---'} {j}", x)
            link(f"{j} {arrow}|{quote(e.label)}| {e.target}", e)
    return lines, junctions, colored
