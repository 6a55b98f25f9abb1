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
    for ext, mark in (("html", "<strong>{}.</strong>"), ("md", "**{}.**")):
        for iri, label in notes.items():
            shown = escape(label, quote=False) if ext == "html" else label
            pages = [name for name, text in site.items()
                     if name.endswith(ext) and mark.format(shown) in text]
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
    assert [n for n, text in site.items() if n.endswith(".md") and f"**{note}.**" in text] \
        == [f"{page}.md"]
