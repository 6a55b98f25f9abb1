"""Mermaid: the diagram of a result (:mod:`kg.output.diagram`) as a ``flowchart LR`` with
labels; values (dates, versions) are rounded nodes without a border."""

from __future__ import annotations

from kg.output import Format, OutputContext
from kg.output.cells import line_breaks, printable
from kg.output.diagram import diagram
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
    d = diagram(result, ctx, Format.MERMAID)
    lines = ["flowchart LR"]
    for n in d.nodes:
        label = f"{n.label}\n({n.kind})" if n.kind else n.label
        lines.append(f"  {n.id}([{quote(label)}])" if n.literal else f"  {n.id}[{quote(label)}]")
    for e in d.edges:
        lines.append(f"  {e.source} -->|{quote(e.label)}| {e.target}")
    matched = [n.id for n in d.nodes if n.matched]
    if matched:
        lines.append("  classDef matched fill:#dbeafe,stroke:#5b6770,stroke-width:1.5px")
        lines.append(f"  class {','.join(matched)} matched")
    values = [n.id for n in d.nodes if n.literal]
    if values:
        lines.append("  classDef value fill:none,stroke:none")
        lines.append(f"  class {','.join(values)} value")
    return "\n".join(lines) + "\n"
