"""The blocks of a page, each written as HTML and as Markdown with the page's footnotes:
a note's text, a table (a saved query's result, headers in the page's language) and a
diagram (inline SVG from Graphviz; a Mermaid block in Markdown)."""

from __future__ import annotations

import re

from pyoxigraph import NamedNode

from kg import checked as r
from kg.errors import QueryCheckError
from kg.i18n import yes_no
from kg.output import Format, OutputContext
from kg.output.cells import cell_text
from kg.output.diagram import diagram
from kg.output.dot import dot_source
from kg.output.footnotes import Footnotes, md_url
from kg.output.html import attr, escape
from kg.output.html import table as html_table
from kg.output.markdown import literal as md_escape
from kg.output.markdown import pipe_table
from kg.output.mermaid import write as mermaid
from kg.output.provenance import SourcedFact, cell_facts
from kg.output.sources import WEB_SCHEMES
from kg.output.subgraph import subgraph
from kg.output.svg import render_svg
from kg.records import record
from kg.result import Cell, Result
from kg.saved import bind, load_saved, missing_source, queries_dir, run_saved
from kg.session import Graph
from kg.site.pages import say
from kg.tables import headers, page_columns
from kg.vocab import KG

__all__ = ["Notes", "Block", "note_block", "table_block", "diagram_block", "run"]


@record(frozen=False)
class Notes:
    """The footnotes of one page, numbered alike in its HTML and its Markdown."""

    html: Footnotes
    md: Footnotes


@record
class Block:
    html: str
    md: str


def run(graph: Graph, query: str, params: dict[str, str] | None = None) -> tuple[Result, r.RStatement | None]:
    """A shipped saved query's (or a statement's) result, and its checked statement (a
    user's saved query of the same name does not change the site)."""
    if " " not in query.strip():  # a saved query's name
        saved = load_saved(query, queries_dir())
        result = run_saved(graph, saved, params or {})
        return result, graph.checked(saved.source or saved.text,
                                     bind(saved, params or {}, graph.ontology, graph.lang))
    return graph.query(query, params), graph.checked(query, params)


def _facts(graph: Graph, result: Result) -> list[list[list[SourcedFact]]]:
    return cell_facts(result, subgraph(result, graph.context), graph.ontology)


def note_block(graph: Graph, name: str, notes: Notes) -> Block | None:
    """A note of the page (by local name): its title and text, citing their sources; None
    where this revision has no such note."""
    try:
        result = graph.query(f"{name} | show name, text, link")
    except QueryCheckError:
        return None
    if not result.rows:
        return None
    facts = _facts(graph, result)
    graphs = [g for cell in facts[0] for _, gs in cell for g in gs]
    title, text = (str(c) if c is not None else "" for c in result.rows[0][:2])
    link = _web_link(result.rows[0][2])  # the page's link of the note ("see VM types and
    # sizes." pointed nowhere: hunt56 F6), on its title
    head_html = f'<a href="{attr(link)}">{escape(title)}</a>' if link else escape(title)
    head_md = f"[{md_escape(title)}]({md_url(link)})" if link else md_escape(title)
    if _same_words(title, text):  # said once ("Deploy machine learning models to Azure."
        text = ""  # twice over, as title and text: hunt100 F12)
    html = (f'<p class="note"><strong>{head_html}.</strong>{" " if text else ""}{escape(text)}'
            f"{notes.html.html_ref(graphs)}</p>\n")
    md = f"**{head_md}.**{' ' if text else ''}{md_escape(text)}{notes.md.md_ref(graphs)}\n"
    return Block(html, md)


def _same_words(title: str, text: str) -> bool:
    """Do a note's title and text say the same (but for case, spacing and a full stop)?"""
    def words(s: str) -> str:
        return " ".join(s.split()).removesuffix(".").casefold()

    return words(title) == words(text)


def _web_link(cell: Cell) -> str | None:
    """The first web address of a cell of links (no other scheme is a link: hunt44 #1)."""
    links = cell if isinstance(cell, tuple) else () if cell is None else (cell,)
    return next((str(u) for u in links if str(u).lower().startswith(WEB_SCHEMES)), None)


def table_block(graph: Graph, query: str, caption: str, notes: Notes) -> Block | None:
    """A table of the page, every cell citing the sources of its facts, captioned with the
    SDK/CLI version its source is for (if it says); None where this revision has not the
    source the table reads (the SDK/CLI v1 training table as of the seed)."""
    if missing_source(load_saved(query, queries_dir()), graph.ontology):
        return None
    result, stmt = run(graph, query)
    caption += _sdk(graph, stmt)
    result, cited = page_columns(result, stmt, lambda shown: _facts(graph, shown))
    facts = cited or []
    heads = headers(result, stmt, graph.ontology, graph.lang)
    html = html_table(result, headers=heads, notes=notes.html, facts=facts, caption=caption,
                      lang=graph.lang)
    rows = []
    for row, row_facts in zip(result.rows, facts, strict=True):
        texts = [md_escape(_text(cell, graph.lang)) + notes.md.md_ref(g for _, gs in cf for g in gs)
                 for cell, cf in zip(row, row_facts, strict=True)]
        rows.append(texts)
    md = f"**{md_escape(caption)}**\n\n" + _raw_pipe_table(heads, rows)
    return Block(html, md)


def _sdk(graph: Graph, stmt: r.RStatement | None) -> str:
    """`` (SDK/CLI v2)`` for a query that reads a source for one SDK/CLI version only."""
    within = stmt.within if isinstance(stmt, r.RQuery) else None
    if within is None:
        return ""
    _, rows = graph.store.select(f"SELECT ?v WHERE {{ {NamedNode(within)} {KG.sdkVersion} ?v }} ORDER BY ?v")
    versions = [str(row[0].value) for row in rows if row[0] is not None]
    return f" (SDK/CLI {', '.join(versions)})" if versions else ""


def _text(cell: Cell, lang: str) -> str:
    """A cell's text; booleans read yes/no in ``lang``."""
    if isinstance(cell, bool):
        return yes_no(cell, lang)
    return cell_text(cell)


def _raw_pipe_table(heads: list[str], rows: list[list[str]]) -> str:
    """A pipe table of cells already escaped (they carry footnote references)."""
    head = pipe_table(heads, [])
    return head + "".join("| " + " | ".join(row) + " |\n" for row in rows)


def diagram_block(graph: Graph, query: str, number: int) -> Block:
    """The diagram of a statement's (or saved query's) result: inline SVG, Mermaid in
    Markdown, captioned with what it draws.

    Raises:
        ExecutionError: Graphviz is not installed (exit 5).
    """
    result, _ = run(graph, query)
    ctx = OutputContext(graph.context, graph.lang)
    svg = _inline(render_svg(dot_source(diagram(result, ctx, Format.SVG))), f"d{number}")
    shown = query if " " in query.strip() else load_saved(query, queries_dir()).text.strip()
    caption = (f"{say('diagram-of', graph.lang)} <code>{escape(' '.join(shown.split()))}</code>. "
               f"{escape(say('diagram-sources', graph.lang))}")
    html = (f'<figure class="diagram">\n{svg}\n<figcaption id="d{number}-caption">{caption}'
            '</figcaption>\n</figure>\n')
    md = f"```mermaid\n{mermaid(result, ctx)}```\n\n{md_escape(say('diagram-sources', graph.lang))}\n"
    return Block(html, md)


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_ID = re.compile(r'\bid="([^"]*)"')
_TITLE = re.compile(r"<title>[^<]*</title>\n?")  #: Graphviz's names of the graph and nodes


def _inline(svg: str, prefix: str) -> str:
    """Graphviz's SVG for inlining: no XML prolog or doctype, no ``<title>`` (Graphviz's
    names: `kg`, `n1`, `n1->n5` showed as tooltips; nodes and edges have their own), ids
    made unique to the page, and named for assistive technology by the figure's caption."""
    body = _PROLOG.sub("", svg).strip()
    body = _TITLE.sub("", body)  # the graph's `kg` and the nodes' `n1` showed as tooltips
    body = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = re.sub(r'href="#([^"]*)"', lambda m: f'href="#{prefix}-{m.group(1)}"', body)
    return body.replace("<svg ", f'<svg role="img" aria-labelledby="{prefix}-caption" ', 1)
