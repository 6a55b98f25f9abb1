"""What the fact audit of 2026-12-05 found (/work/notes/hunt21-facts.md), each held here.

- A superseded source (``kg:supersededBy``: a plan later changed, release notes later
  edited) answers no statement: its facts stood beside the ones that replaced them in
  every plain query ("PyTorch 2.8 + CUDA 12.8 includes and excludes Volta"), while
  ``check`` already ignored them. Its graph and its description stay.
- PyTorch's release matrix rows 2.4–2.11 cite the translated copy they were read from
  (unverified), not the pinned RELEASE.md commit, whose matrix ends at 2.3.
- "The T4 is a Turing GPU" is derived (the CUDA guide's rule applied to its compute
  capability), and its source says so, not the copy of the rule alone.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.revisions import ALL_REVISIONS, superseded_sources
from kg.session import Graph
from kg.vocab import ENT, KG, SRC

PLAN, NOTES = SRC + "pytorch-issue-157517-plan", SRC + "pytorch-v2-8-0-release-notes"


def _names(graph: Graph, text: str) -> list[str]:
    return [str(row[0]) for row in graph.query(text).rows]


def _graphs_of(graph: Graph, s: str, p: ox.NamedNode, o: str) -> set[str]:
    _, rows = graph.store.select(
        f"SELECT ?g WHERE {{ GRAPH ?g {{ <{s}> {p} <{o}> }} }}")
    return {g.value for (g,) in rows}  # type: ignore[union-attr]


def test_no_statement_answers_from_a_superseded_source(latest: Graph) -> None:
    both = ("FrameworkBuild | where includesArchitecture = Volta and "
            "excludesArchitecture = Volta | show name")
    assert _names(latest, both) == []
    # the release notes as first published said 2.8's CUDA 12.8 build drops Volta
    excludes = _names(latest, "FrameworkBuild | where excludesArchitecture = Volta | show name")
    assert "PyTorch 2.8 + CUDA 12.8" not in excludes and "PyTorch 2.7 + CUDA 12.8" in excludes


def test_a_superseded_source_is_still_described(latest: Graph) -> None:
    _, rows = latest.store.select(f"SELECT ?later WHERE {{ <{NOTES}> {KG.supersededBy} ?later }}")
    assert [r[0].value for r in rows] == [SRC + "pytorch-issue-160269"]  # type: ignore[union-attr]
    assert not latest.store.store.contains_named_graph(ox.NamedNode(NOTES))  # type: ignore[attr-defined]


def test_every_revision_keeps_superseded_graphs_for_diff_and_publish() -> None:
    every = Graph.open(as_of=ALL_REVISIONS)
    assert NOTES in _graphs_of(every, ENT + "pytorch-2.8-cuda-12.8", KG.excludesArchitecture,
                               ENT + "Volta")


def _select(rows: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    def select(_sparql: str) -> tuple[list[str], list[tuple[ox.NamedNode, ...]]]:
        return ["g", "later"], [(ox.NamedNode(g), ox.NamedNode(later)) for g, later in rows]
    return select


@pytest.mark.parametrize(("gone", "expected"), [
    ([], [PLAN]),
    # replaced by a source of another page revision: as of this one, it still holds
    ([SRC + "later"], []),
    # a source of another revision itself: dropped with it, not listed twice
    ([PLAN], []),
])
def test_superseded_sources(gone: list[str], expected: list[str]) -> None:
    select = _select([(PLAN, SRC + "later")])
    got = superseded_sources(select, [ox.NamedNode(g) for g in gone])
    assert [g.value for g in got] == expected


def test_release_matrix_rows_after_2_3_are_not_cited_to_the_pinned_commit(latest: Graph) -> None:
    pinned, copied = SRC + "pytorch-release-matrix", SRC + "pytorch-release-matrix-2-4"
    for release in ("2.4", "2.8", "2.11"):
        graphs = _graphs_of(latest, ENT + f"pytorch-{release}", KG.cudaBuild,
                            ENT + {"2.4": "cuda-12.4", "2.8": "cuda-12.9", "2.11": "cuda-12.8"}[release])
        assert copied in graphs and pinned not in graphs, (release, graphs)
    assert pinned in _graphs_of(latest, ENT + "pytorch-2.3", KG.cudaBuild, ENT + "cuda-12.1")
    assert latest.context.firmness(copied).value == "unverified"


def test_gpu_architectures_are_marked_derived(latest: Graph) -> None:
    graphs = _graphs_of(latest, ENT + "tesla-t4", KG.architecture, ENT + "Turing")
    assert graphs == {SRC + "gpu-architecture-by-cc"}
    result = latest.query('check T4 with "CUDA 13.0"')
    why = "\n".join(str(cell) for row in result.rows for cell in row)
    assert "GPU architecture by compute capability (derived" in why


def test_no_source_copied_from_a_repository_without_a_commit_is_primary(latest: Graph) -> None:
    """A source read from a repository's file is primary when it cites the commit it was
    read at; TensorFlow's tested configurations (rows 2.6–2.18, a copy tied to no commit)
    were primary while PyTorch's RELEASE.md rows in the same state were not (hunt31 F5)."""
    _, rows = latest.store.select("""
        PREFIX kg: <https://w3id.org/azml-kg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT DISTINCT ?g WHERE {
          ?g a kg:Source ; prov:wasDerivedFrom ?d . ?d kg:repository ?r .
          FILTER NOT EXISTS { ?d kg:commit ?c } }""")
    uncommitted = sorted(g.value for (g,) in rows)  # type: ignore[union-attr]
    assert SRC + "tensorflow-tested-gpu-configs" in uncommitted
    assert {g: latest.context.firmness(g).value for g in uncommitted
            if latest.context.firmness(g).value == "primary"} == {}


@pytest.mark.parametrize("as_of", ["seed", "2025-11-13", None])
def test_nc_promos_k80_is_cited_to_a_document_that_names_the_promo_sizes(as_of: str | None) -> None:
    """The NC-series page names the NC sizes alone: NC Promo's K80 was cited to it (hunt62
    F1). The GPU migration guide's K80 section lists Standard_NC6_Promo … NC24r_Promo."""
    graph = Graph.open(as_of=as_of)
    k80 = ENT + "tesla-k80"
    cited = _graphs_of(graph, ENT + "NC_Promo", KG.gpu, k80)  # (and the 2026 table's)
    assert SRC + "azdocs-n-series-migration-nc" in cited
    assert SRC + "azdocs-nc-series-gpus" not in cited
    assert SRC + "azdocs-nc-series-gpus" in _graphs_of(graph, ENT + "NC", KG.gpu, k80)
    (_, _, why), = graph.query('check "NC Promo" with "CUDA 11.8"').rows
    line, = (line for line in why if line.startswith("NC Promo has GPU NVIDIA Tesla K80 ["))
    assert "GPU migration guide: NC-series VMs featuring NVIDIA K80 GPUs" in line
    assert "NC-series: GPU model" not in line


def _stated_by(graph: Graph, s: str, p: str, o: str) -> set[str]:
    """The graphs stating ``s p o`` (``o`` a literal's text or an IRI)."""
    _, rows = graph.store.select(
        f"SELECT ?g ?o WHERE {{ GRAPH ?g {{ <{s}> <{p}> ?o }} }}")
    return {g.value for g, obj in rows if obj is not None and obj.value == o}  # type: ignore[union-attr]


def test_the_audit_of_2026_12_07(latest: Graph) -> None:
    """hunt114: a TensorFlow 2.13 page's requirement was stated of every TensorFlow (F2);
    CUDA 12.9 was numbered and bounded by an unverified and a secondary source alone,
    though a pinned LLVM file states both (F3); the 11.8 list of a 2.1-cycle build script
    was stated, primary, of PyTorch 2.0's 11.8 build (F4); 1.13's plain-pip build (F6)."""
    note = ENT + "note-tensorflow-gpu-architectures"
    assert _stated_by(latest, note, KG.about.value, ENT + "tensorflow-2.13.0")
    assert "2.13" in str(latest.query('describe "TensorFlow 2.13: GPU architectures required"').rows)
    llvm = SRC + "llvm-nvptx-targetparser-versions"
    assert llvm in _stated_by(latest, ENT + "cuda-12.9", KG.maxComputeCapability.value, "12.1")
    assert llvm in _stated_by(latest, ENT + "cuda-12.9", KG.versionNumber.value, "12.9")
    cu118 = _stated_by(latest, ENT + "pytorch-2.0-cuda-11.8", KG.includesCapability.value, "9.0")
    assert SRC + "pytorch-builder-build-cuda-sh-2-0-cu118" in cu118
    assert SRC + "pytorch-builder-build-cuda-sh-2-0" not in cu118
    assert latest.context.firmness(SRC + "pytorch-builder-build-cuda-sh-2-0-cu118").name == "UNVERIFIED"
    assert SRC + "pytorch-previous-versions" in _stated_by(
        latest, ENT + "pytorch-1.13-cuda-11.7", "https://w3id.org/azml-kg/ontology#buildChannel", "default")
