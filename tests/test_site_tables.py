"""The site's tables and `kg export --tables` say what the page's tables say (hunt21 docs
F2–F4): both training tables from the revision of 2025-11-13 on, headers in the chosen
language, and cells as the page writes them."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.saved.files import load_saved
from kg.session import Graph
from kg.site import build_site
from tests.conftest import SEED


@pytest.fixture(autouse=True, scope="module")
def graphviz() -> None:
    if shutil.which("dot") is None:
        pytest.fail("the site's diagrams need Graphviz's `dot`, which is not installed")


@pytest.fixture(scope="module")
def latest() -> dict[str, dict[str, str]]:
    return {lang: build_site(Graph.open(lang=lang)) for lang in ("en", "de")}


def export(tmp_path: Path, *args: str) -> Path:
    assert main(["export", "--tables", str(tmp_path), *args], io.StringIO(), io.StringIO()) == 0
    return tmp_path / "de" if "de" in args else tmp_path


def test_both_training_tables_from_2025_on(latest: dict[str, dict[str, str]]) -> None:
    page = latest["en"]["training-targets.md"]
    v2, v1 = page.index("**Training targets (SDK/CLI v2)**"), page.index("**Training targets (SDK/CLI v1)**")
    assert v2 < v1
    assert "| Local computer" in page[v1:] and "| Local computer" not in page[v2:v1]
    assert "| Azure Machine Learning serverless compute" in page[v2:v1]
    assert "**Trainingsziele (SDK/CLI v1)**" in latest["de"]["training-targets.md"]
    assert "<caption>Training targets (SDK/CLI v1)</caption>" in latest["en"]["training-targets.html"]


def test_the_seed_has_one_training_table() -> None:
    page = build_site(Graph.open(as_of=SEED))["training-targets.md"]
    assert page.count("**Training targets") == 1 and "**Training targets**" in page
    assert "| Local computer" in page


def test_export_tables_writes_the_v1_training_table(tmp_path: Path) -> None:
    v1 = (export(tmp_path) / "training-targets-v1.md").read_text(encoding="utf-8")
    assert "| Local computer | yes | no | no |" in v1 and "| Azure Machine Learning serverless" not in v1


def test_the_seed_export_has_no_v1_training_table(tmp_path: Path) -> None:
    assert not (export(tmp_path, "--as-of", SEED) / "training-targets-v1.md").exists()


def test_a_table_of_another_revision_is_no_broken_query() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["--as-of", SEED, "list"], out, err) == 0
    assert "table-training-targets-v1" in err.getvalue() and "this revision has not" in err.getvalue()


@pytest.mark.parametrize("table, page, caption", [
    ("cuda-page", "cuda", "CUDA-Versionen nach GPU-Architektur"),
    ("managed-page", "managed-compute", "Funktionen"),
])
def test_german_tables_have_the_sites_headers(tmp_path: Path, latest: dict[str, dict[str, str]],
                                              table: str, page: str, caption: str) -> None:
    exported = (export(tmp_path, "--lang", "de") / f"{table}.md").read_text(encoding="utf-8")
    head = next(line for line in exported.splitlines() if line.startswith("| "))
    site = latest["de"][f"{page}.md"]
    assert site[site.index(f"**{caption}**"):].split("\n")[2] == head
    assert head.startswith(("| GPU-Architektur | VM-Serie |", "| Funktion |"))  # German, as the site


def test_one_header_function() -> None:
    import kg.site.blocks
    import kg.tables

    assert kg.site.blocks.headers is kg.tables.headers


def test_compatibility_ids_are_unique_when_labels_slug_alike(tmp_path: Path) -> None:
    """hunt21 docs F6: "NC Promo" and "NC_Promo" gave one anchor id; each verdict must
    link to its own series' why."""
    data = tmp_path / "evil.ttl"
    data.write_text("""@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix ent: <https://w3id.org/azml-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ent:evil1 a kg:VMSeries ; rdfs:label "NC_Promo"@en , "NC_Promo"@de ;
  kg:category ent:gpu-category ; kg:architecture ent:Volta ; kg:supportedBy ent:compute-cluster ;
  kg:order 50 .
ent:evil2 a kg:VMSeries ; rdfs:label "日本"@en , "日本"@de ;
  kg:category ent:gpu-category ; kg:architecture ent:Volta ; kg:supportedBy ent:compute-cluster ;
  kg:order 51 .
""", encoding="utf-8")
    site = build_site(Graph.open([data]))
    for name in ("compatibility.html", "compatibility.md"):
        ids = re.findall(r'id="(why-[^"]+)"', site[name])
        assert len(ids) == len(set(ids)) and "why-nc-promo-cuda-11-8" in ids, name
        assert "why-nc-promo-2-cuda-11-8" in ids
        assert "why-日本-cuda-11-8" in ids  # its own name, not `why--cuda-11-8` (hunt44 #8)
        links = re.findall(r'href="#(why-[^"]+)"|\]\(#(why-[^)]+)\)', site[name])
        assert {a or b for a, b in links} == set(ids)


def test_a_label_with_footnote_syntax_is_no_footnote(tmp_path: Path) -> None:
    """hunt21 docs F7: a label "X[^1]" cited source 1 in the site's Markdown."""
    data = tmp_path / "x.ttl"
    data.write_text("""@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix ent: <https://w3id.org/azml-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ent:x1 a kg:VMSeries ; rdfs:label "X[^1]"@en ; kg:category ent:gpu-category ;
  kg:supportedBy ent:compute-cluster ; kg:order 50 .
""", encoding="utf-8")
    page = build_site(Graph.open([data]))["compatibility.md"]  # (the VM-series table reads
    # the page's table alone: a data file's series is not in it)
    row = next(line for line in page.splitlines() if line.startswith("| X"))
    assert row.startswith("| X\\[^1\\] | [unknown](#why-x-1-")


@pytest.mark.parametrize(("lang", "yes"), [("en", "yes"), ("de", "ja")])
def test_booleans_are_written_as_the_page_writes_them(tmp_path: Path, lang: str,
                                                      yes: str) -> None:
    """hunt21 docs F4(b): `--tables` wrote GPU support as `true`, the page (and the site)
    "Yes"."""
    folder = export(tmp_path, "--lang", lang)
    text = (folder / "inference-v1.md").read_text(encoding="utf-8")
    kubernetes = next(line for line in text.splitlines()
                      if "Kubernetes" in line and line.startswith("| "))
    assert f"| {yes} |" in kubernetes and "true" not in text


@pytest.mark.parametrize("as_of", [SEED, None])
def test_a_rows_name_cites_the_table_it_is_a_row_of(as_of: str | None) -> None:
    """A table read from one source cites it for the row's name too, where the name's
    text is stated elsewhere: the v1 inference table's Kubernetes row cited the v2 and the
    training tables, not the v1 (hunt56 F2)."""
    page = build_site(Graph.open(as_of=as_of))["inference-targets.md"]
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", page, re.M))
    rows = re.findall(r"^\| Azure Machine Learning Kubernetes((?:\[\^\d+\])+) \|", page, re.M)
    assert rows
    for marks in rows:
        cited = [notes[n] for n in re.findall(r"\[\^(\d+)\]", marks)]
        assert len(cited) == 1 and cited[0].startswith("Inference targets table"), cited


def test_a_dropped_column_leaves_each_support_column_its_own_feature() -> None:
    """hunt116 F1: a page table's empty column dropped before its `supports(F)` columns left
    the columns' features where they were: AutoML's cells cited nothing, Pipelines' cited
    AutoML's facts."""
    from kg.output.provenance import cell_facts
    from kg.output.subgraph import subgraph
    from kg.tables import qualified, source_columns
    from kg.vocab import KG

    graph = Graph.open(as_of=SEED)
    result = graph.query('TrainingTarget from "Training targets table" | sort order '
                         '| show name, description, supports(AutoML), supports(Pipelines)')
    cut = source_columns(result)
    assert cut.columns == ["name", "supports(AutoML)", "supports(Pipelines)"]
    cut, _ = qualified(cut, None)
    facts = cell_facts(cut, subgraph(cut, graph.context), graph.ontology)
    onto = graph.ontology
    for c, feature in ((1, "AutoML"), (2, "Pipelines")):
        iri = onto.find_entity(feature)[0].iri
        cited = [f for row, values in zip(facts, cut.rows, strict=True) if values[c] == "yes"
                 for f, _ in row[c]]
        assert cited and all(f[1] == KG.supports and f[2].value == iri for f in cited), feature


def test_keeping_columns_of_a_transposed_result() -> None:
    """hunt118 F9: `Result.keeping` cut a transposed result's features, which are its rows',
    by column (an IndexError past them); its columns' entities are cut instead."""
    graph = Graph.open()
    result = graph.query(load_saved("table-managed-page").text)
    kept = result.keeping([0, 2])
    assert kept.features == result.features
    assert kept.column_focus == (result.column_focus[1],)
    assert [row[1] for row in kept.rows] == [row[2] for row in result.rows]
