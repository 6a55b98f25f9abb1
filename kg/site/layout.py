"""The frame of every page: the site's header (title, revision), the section navigation,
the footer; as HTML (through :func:`kg.output.html.page`) and as Markdown."""

from __future__ import annotations

from kg.i18n import DEFAULT_LANG, LANGUAGES, word
from kg.output.html import attr, escape, page
from kg.output.markdown import literal as md_escape
from kg.session import Graph
from kg.site.pages import PAGES, say

__all__ = ["html_page", "md_page", "revision_line", "INDEX", "other_languages"]

INDEX = "index"  #: the slug of the front page


def revision_line(graph: Graph) -> str:
    """Which page revision the site shows (empty when the graph has no revisions)."""
    revision = graph.store.revision
    if revision is None:
        return ""
    line = say("as-of", graph.lang).format(revision=revision.label(graph.lang),
                                           commit=(revision.commit or "")[:12])
    if later := revision.later_said(graph.lang):
        line += " " + later
    older = next((r for r in graph.store.revisions
                  if r.iri == revision.german_from != revision.iri), None)
    if older is not None and graph.lang == "de":  # (hunt56 F3: it said nothing of it)
        line += " " + say("german-from", graph.lang).format(revision=older.label(graph.lang))
    return line


def other_languages(slug: str, lang: str, ext: str) -> list[tuple[str, str, str]]:
    """``(language, its name in itself, relative link)`` to the same page in each other
    language: the site is written in every language at once (:func:`kg.site.write_site`),
    English in ``DIR``, the others in ``DIR/LANG/``."""
    up = "" if lang == DEFAULT_LANG else "../"
    return [(other, word("language name", other),
             f"{up}{'' if other == DEFAULT_LANG else other + '/'}{slug}.{ext}")
            for other in LANGUAGES if other != lang]


def _language_links(slug: str, lang: str) -> str:
    links = " · ".join(f'<a href="{attr(href)}" hreflang="{other}" lang="{other}">'
                       f"{escape(name)}</a>" for other, name, href in
                       other_languages(slug, lang, "html"))
    return f'<nav class="languages" aria-label="{attr(word("languages", lang))}">{links}</nav>\n'


def _nav(current: str, lang: str) -> str:
    items = []
    for slug, title in [(INDEX, say("index", lang)), *((p.slug, p.title[lang]) for p in PAGES)]:
        mark = ' aria-current="page"' if slug == current else ""
        items.append(f'<li><a href="{slug}.html"{mark}>{escape(title)}</a></li>')
    return (f'<nav class="sections" aria-label="{attr(say("sections", lang))}">\n<ul>\n'
            + "\n".join(items) + "\n</ul>\n</nav>\n")


def html_page(graph: Graph, slug: str, title: str, body: str) -> str:
    """A page of the site as a whole HTML document."""
    lang = graph.lang
    site = say("site", lang)
    revision = revision_line(graph)
    header = (f'<header class="site">\n<a href="{INDEX}.html">{escape(site)}</a>\n'
              + (f"<p>{escape(revision)}</p>\n" if revision else "")
              + _language_links(slug, lang) + "</header>\n"
              + _nav(slug, lang))
    footer = (f'<footer class="site">\n<p>{escape(say("generated", lang))} '
              f'<a href="{slug}.md">{escape(say("markdown", lang))}</a></p>\n</footer>\n')
    full = title if slug == INDEX else f"{title} · {site}"
    return page(full, body, lang, header=header, footer=footer)


def md_page(graph: Graph, slug: str, title: str, body: str) -> str:
    """A page of the site as Markdown: title, revision, body, then the footer lines (the
    sections; the same page in the other languages)."""
    lang = graph.lang
    revision = revision_line(graph)
    head = f"# {md_escape(title)}\n\n" + (f"*{md_escape(revision)}*\n\n" if revision else "")
    links = " · ".join(f"[{md_escape(p.title[lang])}]({p.slug}.md)" for p in PAGES)
    languages = " · ".join(f"[{md_escape(name)}]({href})"
                           for _, name, href in other_languages(slug, lang, "md"))
    return (head + body.rstrip("\n") + "\n\n---\n\n"
            + f"[{md_escape(say('index', lang))}]({INDEX}.md) · {links}\n\n"
            + f"{md_escape(word('languages', lang))}: {languages}\n\n"
            + f"*{md_escape(say('generated', lang))}*\n")
