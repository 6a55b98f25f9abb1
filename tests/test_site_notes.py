"""`kg docs DIR` shows every note of the page revision it shows (hunt21 docs F1): each note
stated in a source of the revision lands on one page of the site, the page of its
section, in English and in German."""

from __future__ import annotations

import shutil
from html import escape

import pytest

from kg.session import Graph
from kg.site import build_site
from kg.vocab import KG, RDFS

REVISIONS = ("seed", "2025-11-13", None)  # None: the latest

_Q_PAGE_NOTES = f"""SELECT DISTINCT ?n ?label WHERE {{
  GRAPH ?g {{ ?n a {KG.Note} }} ?g {KG.revision} ?r .
  ?n {RDFS.label} ?label FILTER(lang(?label) = "LANG")
}}"""


@pytest.fixture(autouse=True, scope="module")
def graphviz() -> None:
    if shutil.which("dot") is None:
        pytest.fail("the site's diagrams need Graphviz's `dot`, which is not installed")


def page_notes(graph: Graph) -> dict[str, str]:
    """Every note of the page revision the graph holds: its IRI → its label."""
    _, rows = graph.store.select(_Q_PAGE_NOTES.replace("LANG", graph.lang))
    return {n.value: label.value for n, label in rows}  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("as_of", REVISIONS)
def test_every_note_of_the_revision_is_on_one_page(as_of: str | None, lang: str) -> None:
    graph = Graph.open(lang=lang, as_of=as_of)
    site = build_site(graph)
    notes = page_notes(graph)
    assert len(notes) >= 30
    import re

    marks = (("html", '<strong>(?:<a href="[^"]*">)?{}(?:</a>)?\\.</strong>'),
             ("md", "\\*\\*(?:\\[)?{}(?:\\]\\([^)]*\\))?\\.\\*\\*"))  # a title may link
    for ext, mark in marks:
        for iri, label in notes.items():
            shown = re.escape(escape(label, quote=False) if ext == "html" else label)
            pages = [name for name, text in site.items()
                     if name.endswith(ext) and re.search(mark.format(shown), text)]
            assert len(pages) == 1, f"{iri} ({label!r}) on {pages or 'no page'} ({ext})"


@pytest.mark.parametrize("note, page", [
    ("Azure Container Instances: recommended for dev/test only", "inference-targets"),
    ("Not all Azure VM sizes are supported (v1)", "vm-series"),
    ("Not all Azure VM sizes are supported (v2)", "vm-series"),
    ("Compute instance has a 120 GB OS disk", "training-targets"),
    ("Use serverless compute instead of creating a compute cluster", "managed-compute"),
    ("Typical model development lifecycle", "index"),
])
def test_a_note_lands_on_the_page_of_its_section(note: str, page: str) -> None:
    site = build_site(Graph.open())
    assert [n for n, text in site.items() if n.endswith(".md") and (
        f"**{note}.**" in text or f"**[{note}](" in text)] == [f"{page}.md"]


def test_a_notes_title_links_where_the_page_links_it() -> None:
    """The page's links were published nowhere: a note ending "see VM types and sizes."
    pointed at nothing (hunt56 F6). A note's title links to its first web link, in HTML
    and in Markdown; a note without one has none."""
    import re

    graph = Graph.open()
    linked = dict(graph.query("Note | where has link | show name, link").rows)
    site = build_site(graph)
    html, md = site["managed-compute.html"], site["managed-compute.md"]
    found = re.findall(r'<p class="note"><strong><a href="([^"]+)">([^<]+)</a>\.</strong>', html)
    assert found
    for url, title in found:
        links = linked[title.replace("&amp;", "&")]
        assert url.replace("&amp;", "&") == (links[0] if isinstance(links, tuple) else links)
        assert f"**[{title}]({url.replace('&amp;', '&')}).**" in md
    assert all(t in linked for _, t in found) and len(found) == len(re.findall(
        r'<p class="note"><strong><a ', html))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_note_whose_text_is_its_title_says_it_once(lang: str) -> None:
    """hunt100 F12: "**Deploy machine learning models to Azure.** Deploy machine learning
    models to Azure.": a note whose text repeats its title is said once, with its source;
    a note with a text of its own keeps both."""
    site = build_site(Graph.open(lang=lang))
    for page in ("inference-targets.md", "inference-targets.html"):
        text = site[page]
        deploy = next(line for line in text.splitlines() if "how-to-deploy-and-where" in line)
        assert deploy.count("Deploy machine learning models to Azure") == 1, deploy
        assert "[^" in deploy or 'class="fn"' in deploy, deploy
    if lang == "en":
        assert ("**Azure Container Instances: recommended for dev/test only.** Recommended for "
                "dev/test purposes only.") in site["inference-targets.md"]
