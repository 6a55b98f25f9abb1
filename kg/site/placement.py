"""Which page of the site shows which note of the page.

A note of the page is a ``kg:Note`` stated in a source of the page revision the graph
holds (a named graph with ``kg:revision``). Its page is the one whose sections
(:attr:`~kg.site.pages.Page.sections`) hold the note's source section (``kg:section``,
in English): the longest section that matches wins, so "Supported VM series and sizes ›
CUDA versions table" goes to the CUDA page and the rest of that section to the VM-series
page. A note whose section no page claims goes to the front page. A new note of the page
lands on a page with no change here.
"""

from __future__ import annotations

import re

from kg.session import Graph
from kg.site.layout import INDEX
from kg.site.pages import INDEX_NOTES, INDEX_SECTIONS, PAGES
from kg.vocab import KG

__all__ = ["place_notes"]

#: Every note of the page, with the section of a source (of the revision) that states it.
_Q_NOTES = f"""SELECT DISTINCT ?n ?sec WHERE {{
  GRAPH ?g {{ ?n a {KG.Note} }}
  ?g {KG.revision} ?revision .
  OPTIONAL {{ ?g {KG.section} ?sec FILTER(langMatches(lang(?sec), "en")) }}
}}"""

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


def place_notes(graph: Graph) -> dict[str, list[str]]:
    """Each page's notes (by local name), by slug (``index`` for the front page): first
    those its :attr:`~kg.site.pages.Page.notes` names, in that order, then the others by
    section and name."""
    _, rows = graph.store.select(_Q_NOTES)
    sections: dict[str, list[str]] = {}
    for note, section in rows:
        name = note.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]  # type: ignore[union-attr]
        if _NAME.match(name):  # a name KGQ reads as it stands (the shipped notes' all do)
            sections.setdefault(name, []).append(section.value if section is not None else "")
    placed: dict[str, list[tuple[int, str, str]]] = {}
    for name, found in sections.items():
        slug, claimed, _ = max((_page_of(s) for s in found), key=lambda p: (p[2], p[1]))
        placed.setdefault(slug, []).append((_first(slug, name), claimed, name))
    return {slug: [name for *_, name in sorted(notes)] for slug, notes in placed.items()}


def _page_of(section: str) -> tuple[str, str, int]:
    """The page (its slug) whose sections hold ``section`` most closely, the section, and
    how long the claim it matched is (0 for the front page when no page claims it)."""
    best, length = INDEX, 0
    claims: list[tuple[str, str]] = [(INDEX, s) for s in INDEX_SECTIONS]
    claims += [(page.slug, s) for page in PAGES for s in page.sections]
    for slug, claimed in claims:
        if (section == claimed or section.startswith(claimed + " › ")) and len(claimed) > length:
            best, length = slug, len(claimed)
    return best, section, length


def _first(slug: str, name: str) -> int:
    """Where the page's own list puts the note (after every listed note when unlisted)."""
    listed = next((p.notes for p in PAGES if p.slug == slug), INDEX_NOTES)
    return listed.index(name) if name in listed else len(listed)

