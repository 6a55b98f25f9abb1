"""Building the site in memory: every page as HTML and as Markdown, by file name."""

from __future__ import annotations

from kg.output.footnotes import Footnotes
from kg.output.html import escape
from kg.output.markdown import literal as md_escape
from kg.session import Graph
from kg.site.blocks import Block, Notes, diagram_block, note_block, table_block
from kg.site.compat import matrix_block
from kg.site.layout import INDEX, html_page, md_page
from kg.site.pages import PAGES, Page, say
from kg.site.placement import place_notes

__all__ = ["build_site"]


def build_site(graph: Graph) -> dict[str, str]:
    """The site in the graph's language: ``index`` and one page per section, each as
    ``.html`` and ``.md``, by file name. The same graph always gives the same text.

    Raises:
        ExecutionError: Graphviz (which draws the diagrams) is not installed (exit 5).
        KgError: a page's saved query fails.
    """
    placed = place_notes(graph)
    files: dict[str, str] = {}
    files.update(_index(graph, placed.get(INDEX, [])))
    for number, spec in enumerate(PAGES, start=1):
        files.update(_page(graph, spec, number, placed.get(spec.slug, [])))
    return dict(sorted(files.items()))


def _notes(graph: Graph) -> Notes:
    return Notes(Footnotes(graph.context, graph.lang), Footnotes(graph.context, graph.lang))


def _page(graph: Graph, spec: Page, number: int, names: list[str]) -> dict[str, str]:
    lang = graph.lang
    notes = _notes(graph)
    blocks: list[Block] = [b for b in (note_block(graph, n, notes) for n in names) if b]
    blocks += [b for b in (table_block(graph, t.query, t.caption[lang], notes) for t in spec.tables)
               if b]
    if spec.matrix:
        blocks.append(matrix_block(graph, notes))
    if spec.diagram:
        diagram = diagram_block(graph, spec.diagram, number)
        heading = say("diagram", lang)
        blocks.append(Block(f"<h2>{escape(heading)}</h2>\n{diagram.html}",
                            f"## {md_escape(heading)}\n\n{diagram.md}"))
    title = spec.title[lang]
    html = (f"<h1>{escape(title)}</h1>\n<p class=\"lead\">{escape(spec.lead[lang])}</p>\n"
            + "\n".join(b.html for b in blocks) + notes.html.html_list(say("sources", lang)))
    md = f"{md_escape(spec.lead[lang])}\n\n" + "\n".join(b.md for b in blocks)
    sources = notes.md.md_list()
    if sources:
        md += f"\n## {md_escape(say('sources', lang))}\n\n{sources}"
    return {f"{spec.slug}.html": html_page(graph, spec.slug, title, html),
            f"{spec.slug}.md": md_page(graph, spec.slug, title, md)}


def _index(graph: Graph, names: list[str]) -> dict[str, str]:
    """The front page: what a compute target is (the notes of the page's introduction,
    and any no other page shows), what the site is, and its sections."""
    lang = graph.lang
    notes = _notes(graph)
    shown = [b for b in (note_block(graph, n, notes) for n in names) if b]
    intro = Block("".join(b.html for b in shown), "\n".join(b.md for b in shown)) if shown else None
    items = [f'<li><a href="{p.slug}.html">{escape(p.title[lang])}</a> — {escape(p.lead[lang])}</li>'
             for p in PAGES]
    title = say("site", lang)
    html = (f"<h1>{escape(title)}</h1>\n" + (intro.html if intro else "")
            + f'<p class="lead">{escape(say("about", lang))}</p>\n'
            + f"<h2>{escape(say('sections', lang))}</h2>\n"
            + '<ul class="toc">\n' + "\n".join(items) + "\n</ul>\n"
            + notes.html.html_list(say("sources", lang)))
    lines = [f"- [{md_escape(p.title[lang])}]({p.slug}.md) — {md_escape(p.lead[lang])}" for p in PAGES]
    md = ((intro.md + "\n" if intro else "") + f"{md_escape(say('about', lang))}\n\n"
          + f"## {md_escape(say('sections', lang))}\n\n" + "\n".join(lines) + "\n")
    sources = notes.md.md_list()
    if sources:
        md += f"\n## {md_escape(say('sources', lang))}\n\n{sources}"
    return {f"{INDEX}.html": html_page(graph, INDEX, title, html),
            f"{INDEX}.md": md_page(graph, INDEX, title, md)}
