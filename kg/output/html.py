"""HTML: a result as one self-contained page (``kg export --format html``), and the pieces
the documentation site (:mod:`kg.site`) and notebooks (``Result._repr_html_``) build on.

The markup is polyglot: HTML5 that is also well-formed XML (every element closed, every
attribute quoted, only XML's own entities), with the style inline, no script and nothing
fetched from the network. Tables have a real header row (``<th scope="col">``) and a row
header per row (``<th scope="row">``: the first column; not a check's verdict). Given the
graph, every cell cites the sources of the facts behind it (:mod:`kg.output.provenance`) as footnote links, a
check's why cites each step's sources, and a last section lists those facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pyoxigraph as ox

from kg.i18n import word, yes_no
from kg.ontology import Ontology
from kg.output import Format, OutputContext
from kg.output.cells import value_text
from kg.output.footnotes import Footnotes
from kg.output.markup import attr, escape
from kg.output.provenance import SourcedFact, cell_facts
from kg.output.subgraph import subgraph
from kg.result import Cell, Result, ResultKind

__all__ = ["write", "cited", "page", "table", "fragment", "facts_table", "CSS", "escape",
           "attr"]


CSS = """\
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  color: #1f2933; background: #ffffff; margin: 0; }
header.site { background: #0f3d6e; color: #ffffff; padding: 0.8rem 1.5rem; }
header.site a { color: #ffffff; text-decoration: none; font-weight: 600; }
header.site p { margin: 0.2rem 0 0; color: #cfe0f3; font-size: 0.85rem; }
header.site nav.languages { margin-top: 0.2rem; font-size: 0.85rem; }
header.site nav.languages a { font-weight: 400; text-decoration: underline; }
nav.sections { background: #eef3f8; border-bottom: 1px solid #d5dee8; padding: 0.5rem 1.5rem; }
nav.sections ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; }
nav.sections a { color: #0f3d6e; text-decoration: none; font-size: 0.9rem; }
nav.sections a[aria-current] { font-weight: 700; text-decoration: underline; }
main { max-width: 72rem; padding: 1rem 1.5rem 2rem; }
h1 { font-size: 1.7rem; margin: 0.6rem 0; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 0.5rem; border-bottom: 1px solid #d5dee8; }
p.lead { color: #3e4c59; max-width: 50rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem;
  display: block; max-width: 100%; overflow-x: auto; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid #c8d3de; padding: 0.3rem 0.55rem; text-align: left; vertical-align: top; }
tbody th, section.footnotes li { overflow-wrap: anywhere; }
tbody th { min-width: 9em; }
thead th { background: #e3ebf3; }
tbody th { background: #f6f8fa; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.yes { background: #eaf7ee; } td.no { background: #fdf0f0; } td.unknown { background: #fff8e6; }
sup.fn { font-size: 0.7em; margin-left: 0.1em; }
sup.fn a { color: #1d5fa6; text-decoration: none; }
ul.why { margin: 0; padding-left: 1.2rem; }
ul.why li.rule { list-style: none; color: #3e4c59; }
ul.why li.missing, ul.why li.caution { color: #8a4b00; }
figure.diagram { margin: 1rem 0; overflow-x: auto; border: 1px solid #d5dee8; padding: 0.5rem; }
figure.diagram svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #52606d; }
section.footnotes { font-size: 0.82rem; color: #3e4c59; }
section.footnotes li { margin: 0.2rem 0; }
section.footnotes code { font-size: 0.95em; }
ul.toc li { margin: 0.35rem 0; }
footer.site { border-top: 1px solid #d5dee8; color: #52606d; font-size: 0.8rem; padding: 0.8rem 1.5rem; }
@media (max-width: 40rem) {
  main { padding: 0.8rem; }
  tbody th { min-width: 0; overflow-wrap: break-word; }
  th, td { hyphens: auto; }
  figure.diagram svg { max-width: none; }
}
@media print {
  header.site { background: none; color: #000000; padding: 0; }
  header.site a, header.site p { color: #000000; }
  nav.sections, nav.languages { display: none; }
  main { max-width: none; padding: 0; }
  table { display: table; overflow: visible; }
  tr, figure.diagram { break-inside: avoid; }
  h1, h2 { break-after: avoid; }
  figure.diagram { overflow: visible; border: none; padding: 0; }
  figure.diagram svg { max-width: 100%; max-height: 85vh; width: auto; }
}
"""


def page(title: str, body: str, lang: str, *, header: str = "", footer: str = "") -> str:
    """A whole HTML document: ``body`` inside ``<main>``, the style inline."""
    return (f'<!DOCTYPE html>\n<html lang="{attr(lang)}">\n<head>\n<meta charset="utf-8"/>\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
            f"<title>{escape(title)}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n"
            f"{header}<main>\n{body}</main>\n{footer}</body>\n</html>\n")


def _value(v: object, lang: str) -> str:
    if isinstance(v, bool):
        return escape(yes_no(v, lang))
    return _lines(value_text(v))  # type: ignore[arg-type]


def _lines(text: str) -> str:
    """``text`` escaped, a line break as ``<br/>`` (a lone \\r: \\x0d), as a table cell has it."""
    return "<br/>".join(escape(line) for line in text.replace("\r\n", "\n").split("\n"))


def _cell(cell: Cell, stacked: bool, lang: str) -> str:
    """A cell's text, escaped: booleans as yes/no in ``lang``, values joined."""
    if isinstance(cell, tuple):
        return ("<br/>" if stacked else ", ").join(_value(v, lang) for v in cell)
    return "" if cell is None else _value(cell, lang)


def _klass(cell: Cell, column: str) -> str:
    if isinstance(cell, (int, float, Decimal)) and not isinstance(cell, bool):
        return ' class="num"'
    if column == "verdict" and isinstance(cell, str):
        return {"compatible": ' class="yes"', "not compatible": ' class="no"',
                "unknown": ' class="unknown"'}.get(cell, "")
    return ""


def table(result: Result, *, headers: Sequence[str] | None = None, notes: Footnotes | None = None,
          facts: list[list[list[SourcedFact]]] | None = None, caption: str = "",
          lang: str = "en", limit: int | None = None) -> str:
    """``result``'s rows as a table (its first ``limit``): a header row, the first column as
    each row's header; with ``notes`` and ``facts``, each cell cites the sources of its
    facts. Booleans read yes/no in ``lang``."""
    heads = list(headers or result.columns)
    out = ["<table>"]
    if caption:
        out.append(f"<caption>{escape(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
               + "</tr></thead>")
    out.append("<tbody>")
    for r, row in enumerate(result.rows[:limit]):
        cells = []
        for c, (column, cell) in enumerate(zip(result.columns, row, strict=True)):
            content = _content(result, r, (column, cell), notes, facts, c, lang)
            if c == 0 and len(row) > 1 and result.kind is not ResultKind.CHECK:
                cells.append(f'<th scope="row">{content}</th>')
            else:
                cells.append(f"<td{_klass(cell, column)}>{content}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody>\n</table>\n")
    return "\n".join(out)


def _content(result: Result, r: int, item: tuple[str, Cell], notes: Footnotes | None,
             facts: list[list[list[SourcedFact]]] | None, c: int, lang: str) -> str:
    column, cell = item
    if column == "why" and r < len(result.evidence):
        return _why(result, r, notes)
    content = _cell(cell, column in result.stacked, lang)
    if notes is not None and facts is not None:
        content += notes.html_ref(g for _, graphs in facts[r][c] for g in graphs)
    return content


def _why(result: Result, r: int, notes: Footnotes | None) -> str:
    """A check's why, one step per line, each citing its own sources."""
    items = []
    for step in result.evidence[r].steps:
        ref = notes.html_ref(step.graphs) if notes is not None else ""
        label = step.text if notes is not None else step.line()
        items.append(f'<li class="{step.kind.value}">{escape(label)}{ref}</li>')
    return '<ul class="why">' + "".join(items) + "</ul>"


def facts_table(facts: list[list[list[SourcedFact]]], notes: Footnotes, lang: str,
                onto: Ontology) -> str:
    """The facts behind the cells, once each: subject, property, value and sources."""
    seen: dict[tuple[str, str, str], set[str]] = {}
    for row in facts:
        for cell in row:
            for (s, p, o), graphs in cell:
                value = onto.label(o.value, lang) if isinstance(o, ox.NamedNode) else o.value
                seen.setdefault((onto.label(s.value, lang), onto.label(p.value, lang), value),
                                set()).update(graphs)
    if not seen:
        return ""
    heads = [word(k, lang) for k in ("subject", "property", "value", "source")]
    out = ["<table>", "<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
           + "</tr></thead>", "<tbody>"]
    for key in sorted(seen, key=lambda k: tuple(x.casefold() for x in k)):
        subject, prop, value = (_lines(x) for x in key)  # as the result's cells show them
        out.append(f'<tr><th scope="row">{subject}</th><td>{prop}</td><td>{value}</td>'
                   f"<td>{notes.html_ref(seen[key])}</td></tr>")
    out.append("</tbody>\n</table>\n")
    return "\n".join(out)


def fragment(result: Result, lang: str = "en", max_rows: int | None = None) -> str:
    """The result as one ``<table>`` (a notebook's rich display): no page, no sources; past
    ``max_rows`` rows, the first of them and how many more there are."""
    if not result.columns:
        return f"<p>{escape(word('empty', lang))}</p>"
    shown = table(result, lang=lang, limit=max_rows)
    more = len(result.rows) - max_rows if max_rows is not None else 0
    rows = word("row" if more == 1 else "rows", lang)  # (1 more rows: hunt118 F12)
    said = f"{more:,} {word('more', lang)} {rows} ({word('holds all', lang)})"
    return shown + (f"<p>… {escape(said.format(fmt='html'))}</p>\n" if more > 0 else "")


def write(result: Result, ctx: OutputContext) -> str:
    """The result as one HTML page; given the graph, with its sources as footnotes."""
    title = _title(result, ctx)
    head = [f"<h1>{escape(title)}</h1>"]
    if result.subject_class:
        head.append(f'<p class="lead">{escape(result.subject_class)}</p>')
    revision = ctx.context.store.revision if ctx.context else None
    if revision is not None:  # a seed result looked like a latest one (hunt74 F5)
        said = word("as of", ctx.lang).format(revision=revision.label(ctx.lang))
        head.append(f'<p class="lead">{escape(said)}</p>')
        if later := revision.later_said(ctx.lang):  # as the site says it
            head.append(f'<p class="lead">{escape(later)}</p>')
    return page(title, "\n".join([*head, cited(result, ctx)]), ctx.lang)


def cited(result: Result, ctx: OutputContext, prefix: str = "fn") -> str:
    """The body of :func:`write`'s page after its heading: the table, the facts behind it
    and their sources, the footnotes' ids ``{prefix}-N`` (a notebook shows many results on
    one page, in its own style: no page, no style of kg's there)."""
    lang = ctx.lang
    notes = Footnotes(ctx.context, lang, prefix) if ctx.context is not None else None
    facts = None
    if ctx.context is not None:
        facts = cell_facts(result, subgraph(result, ctx.graph(Format.HTML)), ctx.context.onto)
    count = len(result.rows)
    body = [f"<p>{count} {word('row' if count == 1 else 'rows', lang)}</p>"]
    body.append(table(result, notes=notes, facts=facts, lang=lang) if result.columns
                else f"<p>{escape(word('empty', lang))}</p>\n")
    if notes is not None and facts is not None and ctx.context is not None and not result.evidence:
        listed = facts_table(facts, notes, lang, ctx.context.onto)
        if listed:
            body.append(f"<h2>{escape(word('facts behind the result', lang))}</h2>\n{listed}")
    if notes is not None:
        body.append(notes.html_list(word("sources", lang)))
    return "\n".join(body)


def _title(result: Result, ctx: OutputContext) -> str:
    """What the page is about: the entity described, else what the result answers (its
    statement on one line, cut at 120 characters), else "Result"."""
    if result.subject is not None:
        return result.subject.label
    if ctx.title:
        line = " ".join(ctx.title.split())
        return line if len(line) <= 120 else line[:119] + "…"
    return word("result", ctx.lang)
