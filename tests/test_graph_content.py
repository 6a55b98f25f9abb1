"""The shipped graph says what the page says.

Every expected value here comes from /work/shared/reference/seed-facts.md (the English source
and its corrected tables, §2.3) and the German seed page — never from the fact files. Where
the conventions (docs/modeling.md) or the brief fix an IRI (``ent:compute-cluster``,
``ent:NCasT4_v3``), the tests use it; otherwise they find entities by their English label.
"""

from __future__ import annotations

from typing import Any

import pytest

from kg.store import OxigraphStore
from kg.vocab import ENT as ENT_NS
from kg.vocab import PREFIXES
from kg.vocab import SRC as SRC_NS
from tests.conftest import SEED

HEAD = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    return OxigraphStore.open(as_of=SEED)


def rows(store: OxigraphStore, query: str) -> list[tuple[Any, ...]]:
    return store.select(HEAD + query)[1]


def values(store: OxigraphStore, query: str) -> set[str]:
    """The first column of a SELECT as strings (IRIs shortened to ent:…, literals as text)."""
    out = set()
    for row in rows(store, query):
        v = row[0].value
        out.add("ent:" + v[len(ENT_NS):] if v.startswith(ENT_NS) else v)
    return out


def count(store: OxigraphStore, query: str) -> int:
    (row,) = rows(store, query)
    return int(row[0].value)


def ask(store: OxigraphStore, where: str) -> bool:
    return bool(rows(store, f"SELECT * WHERE {{ {where} }} LIMIT 1"))


# -- class counts --------------------------------------------------------------------------------

SUPPORTED_SERIES = {
    "DDSv4", "Dv2", "Dv3", "DSv2", "DSv3", "EAv4", "Ev3", "ESv3", "FSv2", "FX",
    "H", "HB", "HBv2", "HBv3", "HC", "LSv2", "M",
    "NC", "NC Promo", "NCv2", "NCv3", "ND", "NDv2", "NV", "NVv3", "NCasT4_v3", "NDasrA100_v4",
}
GPU_SERIES = {"NC", "NC Promo", "NCv2", "NCv3", "ND", "NDv2", "NV", "NVv3", "NCasT4_v3",
              "NDasrA100_v4"}
TRAINING_TARGETS = ["local-computer", "compute-cluster", "serverless-compute", "compute-instance",
                    "kubernetes", "remote-vm", "spark-pools", "databricks",
                    "data-lake-analytics", "hdinsight", "batch"]


def test_27_series_have_supported_by(store: OxigraphStore) -> None:
    n = count(store, """SELECT (COUNT(DISTINCT ?s) AS ?n)
        WHERE { ?s a kg:VMSeries ; kg:supportedBy ?t }""")
    assert n == 27


def test_supported_series_are_the_27_rows_of_the_table(store: OxigraphStore) -> None:
    names = values(store, """SELECT DISTINCT ?l WHERE { ?s a kg:VMSeries ; kg:supportedBy ?t ;
        rdfs:label ?l FILTER(LANG(?l) = "en") }""")
    assert names == SUPPORTED_SERIES


def test_six_vm_categories(store: OxigraphStore) -> None:
    assert count(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kg:VMCategory }") == 6
    used = count(store, """SELECT (COUNT(DISTINCT ?c) AS ?n)
        WHERE { ?s a kg:VMSeries ; kg:supportedBy ?t ; kg:category ?c }""")
    assert used == 6


def test_ten_gpu_series(store: OxigraphStore) -> None:
    names = values(store, """SELECT DISTINCT ?l WHERE { ?s a kg:VMSeries ;
        kg:category ent:gpu-category ; rdfs:label ?l FILTER(LANG(?l) = "en") }""")
    assert names == GPU_SERIES


def test_categories_of_the_other_series(store: OxigraphStore) -> None:
    got = {(s, c) for s, c in (
        (r[0].value, r[1].value) for r in rows(store, """SELECT ?l ?cl WHERE {
            ?s a kg:VMSeries ; kg:supportedBy ?t ; rdfs:label ?l ; kg:category ?c .
            ?c rdfs:label ?cl FILTER(LANG(?l) = "en" && LANG(?cl) = "en") }"""))}
    by_category: dict[str, set[str]] = {}
    for s, c in got:
        by_category.setdefault(c.casefold(), set()).add(s)
    assert sorted(map(len, by_category.values())) == [1, 2, 4, 5, 5, 10]
    assert {"DDSv4", "Dv2", "Dv3", "DSv2", "DSv3"} in by_category.values()  # general purpose
    assert {"EAv4", "Ev3", "ESv3", "M"} in by_category.values()  # memory optimized
    assert {"FSv2", "FX"} in by_category.values()  # compute optimized
    assert {"H", "HB", "HBv2", "HBv3", "HC"} in by_category.values()  # high performance compute
    assert {"LSv2"} in by_category.values()  # storage optimized


def test_eleven_training_targets(store: OxigraphStore) -> None:
    got = values(store, "SELECT DISTINCT ?t WHERE { ?t a kg:TrainingTarget }")
    assert got == {f"ent:{t}" for t in TRAINING_TARGETS}


def test_four_inference_targets(store: OxigraphStore) -> None:
    got = values(store, """SELECT DISTINCT ?l WHERE { ?t a kg:InferenceTarget ; rdfs:label ?l
        FILTER(LANG(?l) = "en") }""")
    assert len(got) == 4
    assert count(store, "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a kg:InferenceTarget }") == 4
    assert ask(store, "ent:kubernetes a kg:InferenceTarget , kg:TrainingTarget")


def test_three_managed_computes(store: OxigraphStore) -> None:
    got = values(store, "SELECT DISTINCT ?t WHERE { ?t a kg:ManagedCompute }")
    assert got == {"ent:compute-cluster", "ent:serverless-compute", "ent:compute-instance"}


@pytest.mark.parametrize("target", ["remote-vm", "hdinsight", "databricks", "data-lake-analytics"])
def test_unmanaged_computes_the_page_lists(store: OxigraphStore, target: str) -> None:
    assert ask(store, f"ent:{target} a kg:UnmanagedCompute")


def test_gpu_architectures(store: OxigraphStore) -> None:
    """The CUDA table's six, and the three newer ones NVIDIA/LLVM sources relate to framework
    builds (issue 10 §2: outside facts, in every revision)."""
    got = values(store, "SELECT DISTINCT ?a WHERE { ?a a kg:GPUArchitecture }")
    assert got == {f"ent:{a}" for a in ("Ampere", "Turing", "Volta", "Pascal", "Maxwell", "Kepler",
                                         "Hopper", "Ada-Lovelace", "Blackwell")}
    page = values(store, "SELECT DISTINCT ?a WHERE { GRAPH src:page-cuda-table "
                         "{ ?a a kg:GPUArchitecture } }")
    assert page == {f"ent:{a}" for a in ("Ampere", "Turing", "Volta", "Pascal", "Maxwell", "Kepler")}



MIN_CUDA = {"Kepler": "9.0", "Maxwell": "9.0", "Pascal": "8.0 9.0", "Volta": "9.0",
            "Turing": "10.0", "Ampere": "11.0"}


@pytest.mark.parametrize(("arch", "numbers"), MIN_CUDA.items())
def test_minimum_cuda_is_a_first_version_that_supports_the_architecture(
        store: OxigraphStore, arch: str, numbers: str) -> None:
    """The CUDA table's N+ (seed-facts §2.3), and Pascal's 8.0, the version that brought its
    sm_60 to 62. Not clang's 7.0 for Kepler and Maxwell, the first version clang knows, which
    NVIDIA's toolkits preceded: stated as kg:buildsFromCuda (hunt87 F5, hunt90 F4)."""
    got = values(store, f"SELECT ?n WHERE {{ ent:{arch} kg:minCuda/kg:versionNumber ?n }}")
    assert got == set(numbers.split())
    if arch in ("Kepler", "Maxwell"):
        assert values(store, f"SELECT ?n WHERE {{ ent:{arch} kg:buildsFromCuda/kg:versionNumber ?n }}") \
            == {"7.0"}


# -- the training matrix (seed-facts §2.3, from the AZDOCS include @0440832a) -------------------

Y, N = True, False
MATRIX = {  # target: (AutoML, ML pipelines, designer)
    "local-computer": (Y, N, N),
    "compute-cluster": (Y, Y, Y),
    "serverless-compute": (Y, Y, Y),
    "compute-instance": (Y, Y, Y),
    "kubernetes": (N, Y, Y),
    "remote-vm": (Y, Y, N),
    "spark-pools": (Y, Y, N),
    "databricks": (Y, Y, N),
    "data-lake-analytics": (N, Y, N),
    "hdinsight": (N, Y, N),
    "batch": (N, Y, N),
}
FEATURES = ("automl", "pipelines", "designer")
CELLS = [(t, f, row[i]) for t, row in MATRIX.items() for i, f in enumerate(FEATURES)]


def test_matrix_covers_the_training_targets() -> None:
    assert list(MATRIX) == TRAINING_TARGETS


@pytest.mark.parametrize(("target", "feature", "supported"), CELLS)
def test_training_matrix_cell(store: OxigraphStore, target: str, feature: str,
                              supported: bool) -> None:
    assert ask(store, f"ent:{target} kg:supports ent:{feature}") is supported


@pytest.mark.parametrize("feature", FEATURES)
def test_features_are_features(store: OxigraphStore, feature: str) -> None:
    assert ask(store, f"ent:{feature} a kg:Feature")


QUALIFIED = {  # (target, feature): (English, German) qualifier
    ("compute-instance", "automl"): ("through SDK", "über SDK"),
    ("spark-pools", "automl"): ("SDK local mode only", "nur lokaler SDK-Modus"),
    ("databricks", "automl"): ("SDK local mode only", "nur lokaler SDK-Modus"),
}


@pytest.mark.parametrize(("cell", "qualifier"), list(QUALIFIED.items()))
def test_qualified_cell(store: OxigraphStore, cell: tuple[str, str],
                        qualifier: tuple[str, str]) -> None:
    target, feature = cell
    got = rows(store, f"""SELECT ?q ?lang ?text WHERE {{
        ?q a kg:QualifiedSupport ; kg:target ent:{target} ; kg:feature ent:{feature} ;
           kg:qualifier ?text BIND(LANG(?text) AS ?lang) }}""")
    texts = {(r[1].value, r[2].value) for r in got}
    assert ("en", qualifier[0]) in texts
    assert ("de", qualifier[1]) in texts
    assert len({r[0] for r in got}) == 1  # one qualified-support entity per cell


def test_only_three_automl_cells_are_qualified(store: OxigraphStore) -> None:
    got = values(store, """SELECT DISTINCT ?t WHERE {
        ?q a kg:QualifiedSupport ; kg:target ?t ; kg:feature ent:automl }""")
    assert got == {f"ent:{t}" for t, _ in QUALIFIED}


# -- VM series -----------------------------------------------------------------------------------


def test_fx_is_supported_by_compute_cluster_only(store: OxigraphStore) -> None:
    assert values(store, "SELECT ?t WHERE { ent:FX kg:supportedBy ?t }") == {"ent:compute-cluster"}
    cluster_only = values(store, """SELECT DISTINCT ?s WHERE { ?s kg:supportedBy ent:compute-cluster
        FILTER NOT EXISTS { ?s kg:supportedBy ent:compute-instance } }""")
    assert cluster_only == {"ent:FX"}


def test_every_other_series_is_supported_by_cluster_and_instance(store: OxigraphStore) -> None:
    both = values(store, """SELECT DISTINCT ?l WHERE {
        ?s kg:supportedBy ent:compute-cluster , ent:compute-instance ;
           rdfs:label ?l FILTER(LANG(?l) = "en") }""")
    assert both == SUPPORTED_SERIES - {"FX"}


@pytest.mark.parametrize(("series", "alias"),
                         [("NCasT4_v3", "NCT4_v3"), ("NDasrA100_v4", "NDA100_v4")])
def test_both_spellings(store: OxigraphStore, series: str, alias: str) -> None:
    assert ask(store, f'ent:{series} rdfs:label ?l FILTER(STR(?l) = "{series}")')
    assert ask(store, f'ent:{series} skos:altLabel ?a FILTER(STR(?a) = "{alias}")')


def test_sh_is_a_hidden_label_of_nv(store: OxigraphStore) -> None:
    assert ask(store, 'ent:NV a kg:VMSeries ; rdfs:label "NV"@en')
    assert ask(store, 'ent:NV skos:hiddenLabel ?h FILTER(STR(?h) = "SH")')
    assert not ask(store, '?x rdfs:label|skos:altLabel ?l FILTER(STR(?l) = "SH")')


@pytest.mark.parametrize("as_of", [SEED, "2025-11-13", "2026-03-31"])
def test_sh_is_cited_to_the_corrections_alone(as_of: str) -> None:
    """hunt97 F7: no English VM series table says "SH" (seed-facts §2.3); the German scrape's
    garble was cited to the tables of all three revisions."""
    store = OxigraphStore.open(as_of=as_of)
    assert ask(store, 'GRAPH src:corrections { ent:NV skos:hiddenLabel ?h FILTER(STR(?h) = "SH") }')
    assert not ask(store, 'GRAPH ?g { ?x skos:hiddenLabel ?h FILTER(STR(?h) = "SH") '
                          'FILTER(?g != src:corrections) }')


@pytest.mark.parametrize(("size", "series", "rdma"), [
    ("Standard_M128ms", "M", False),
    ("Standard_F72s_v2", "FSv2", False),
    ("Standard_NC24s_v3", "NCv3", False),
    ("Standard_NC24rs_v3", "NCv3", True),
])
def test_isolated_size(store: OxigraphStore, size: str, series: str, rdma: bool) -> None:
    assert ask(store, f"ent:{size} a kg:VMSize ; kg:isolated true ; kg:series ent:{series}")
    assert ask(store, f"ent:{size} kg:rdma true") is rdma


def test_four_isolated_sizes(store: OxigraphStore) -> None:
    n = count(store, "SELECT (COUNT(DISTINCT ?z) AS ?n) { ?z a kg:VMSize ; kg:isolated true }")
    assert n == 4
    assert values(store, "SELECT ?z WHERE { ?z kg:isolated true ; kg:rdma true }") == {
        "ent:Standard_NC24rs_v3"}


# -- CUDA ------------------------------------------------------------------------------------------

MIN_CUDA = {"Ampere": "11.0", "Turing": "10.0", "Volta": "9.0", "Pascal": "9.0",
            "Maxwell": "9.0", "Kepler": "9.0"}
ARCHITECTURE = {"NDasrA100_v4": "Ampere", "NCasT4_v3": "Turing", "NCv3": "Volta", "NDv2": "Volta",
                "NCv2": "Pascal", "ND": "Pascal", "NV": "Maxwell", "NVv3": "Maxwell",
                "NC": "Kepler", "NC Promo": "Kepler"}


@pytest.mark.parametrize(("arch", "version"), list(MIN_CUDA.items()))
def test_min_cuda(store: OxigraphStore, arch: str, version: str) -> None:
    """The page's minimum (a source of a page revision states it)."""
    got = values(store, f"""SELECT ?v WHERE {{ GRAPH ?g {{ ent:{arch} kg:minCuda ?c }}
        ?g kg:revision ?r . ?c a kg:CudaVersion ; kg:versionNumber ?v
        FILTER(DATATYPE(?v) = kg:version) }}""")
    assert got == {version}


@pytest.mark.parametrize(("arch", "first"), [("Pascal", "8.0"), ("Kepler", "7.0"), ("Maxwell", "7.0")])
def test_the_architectures_have_llvms_minimum_too(store: OxigraphStore, arch: str, first: str) -> None:
    """clang's Cuda.cpp (llvm/llvm-project @adf82cff): SM_60, SM_61, SM_62 → CUDA_80; SM_35,
    SM_37, SM_50, SM_52, SM_53 → CUDA_70, the first version clang knows: not when NVIDIA began
    to support them, but a version clang builds them with (without it, `check NV with "CUDA
    8.0"` was "not compatible" by the page's 9.0+ alone, against this source: hunt86 F1); the
    one as the minimum, the other as kg:buildsFromCuda."""
    prop = "kg:minCuda" if arch == "Pascal" else "kg:buildsFromCuda"  # (hunt90 F4)
    got = values(store, f"""SELECT ?v WHERE {{ GRAPH src:llvm-cuda-cpp-versions {{
        ent:{arch} {prop} ?c }} ?c kg:versionNumber ?v }}""")
    assert got == {first}


@pytest.mark.parametrize(("series", "arch"), list(ARCHITECTURE.items()))
def test_architecture_of_series(store: OxigraphStore, series: str, arch: str) -> None:
    got = values(store, f"""SELECT ?a WHERE {{ ?s a kg:VMSeries ; rdfs:label "{series}"@en ;
        kg:architecture ?a }}""")
    assert got == {f"ent:{arch}"}


# -- retirement ------------------------------------------------------------------------------------

#: seed-facts §5: "NC / NC_Promo | retired Aug 31, 2023" (NC Promo was missing: hunt90 F2)
RETIRED_ON = {"NC": "2023-08-31", "NC_Promo": "2023-08-31", "NCv2": "2023-08-31",
              "ND": "2023-08-31", "NV": "2023-08-31", "NV_Promo": "2023-08-31",
              "Av1": "2024-08-31", "HB": "2024-08-31"}
LATER_REVISION = {("NCv3", "2025-09-30")}  # the 2025 include: not in the seed, allowed as extra


def test_retired_on_per_the_page(store: OxigraphStore) -> None:
    got = {(r[0].value[len(ENT_NS):], r[1].value) for r in rows(store, """SELECT ?s ?d WHERE {
        ?s a kg:VMSeries ; kg:retiredOn ?d FILTER(DATATYPE(?d) = xsd:date) }""")}
    assert set(RETIRED_ON.items()) <= got
    assert got - set(RETIRED_ON.items()) <= LATER_REVISION


@pytest.mark.parametrize("series", ["NC", "NCv2", "ND", "NV"])
def test_retirement_deadline_is_a_distinct_fact(store: OxigraphStore, series: str) -> None:
    got = values(store, f"SELECT ?d WHERE {{ ent:{series} kg:retirementDeadline ?d }}")
    assert got == {"2023-09-06"}


#: Retirements the Azure VM docs announced after the page's latest revision, of series on
#: its table (hunt138 F1, F2): nvv3-series-retirement.md @1aca8638, hbv2- and
#: hc-series-retirement.md @e3483603 / @5e349344, retired-sizes-list.md @0bdc5d34.
LATER_DEADLINES = {"NVv3": ("2026-09-30", "compdocs-nvv3-series-retirement-date"),
                   "HBv2": ("2027-05-31", "compdocs-hbv2-series-retirement-date"),
                   "HC": ("2027-05-31", "compdocs-hc-series-retirement-date"),
                   "Dv2": ("2028-05-01", "compdocs-retired-sizes-announced"),
                   "DSv2": ("2028-05-01", "compdocs-retired-sizes-announced"),
                   "FSv2": ("2028-11-15", "compdocs-retired-sizes-announced"),
                   "LSv2": ("2028-11-15", "compdocs-retired-sizes-announced")}


@pytest.mark.parametrize(("series", "deadline", "source"),
                         [(s, d, g) for s, (d, g) in LATER_DEADLINES.items()])
def test_later_retirements_are_in_their_sources(store: OxigraphStore, series: str, deadline: str,
                                                source: str) -> None:
    got = {(r[0].value, r[1].value) for r in rows(store, f"""SELECT ?d ?g WHERE {{
        GRAPH ?g {{ ent:{series} kg:retirementDeadline ?d }} }}""")}
    assert got == {(deadline, f"{SRC_NS}{source}")}


def test_a_note_of_a_past_retirement_says_it_is_of_that_one(store: OxigraphStore) -> None:
    """A note's "NVv3 … not affected" was of the NV retirement of 2023: as a bare claim it
    read as current after NVv3's own (hunt138 F1)."""
    texts = values(store, """SELECT ?t WHERE { ?n a kg:Note ; kg:text ?t
        FILTER(LANG(?t) = "en" && CONTAINS(?t, "not affected")) }""")
    assert texts and all("not affected by this retirement" in t for t in texts
                         if "NVv3" in t or "HBv2" in t)


# -- inference targets ----------------------------------------------------------------------------


def test_gpu_support_exactly_for_endpoints_and_kubernetes(store: OxigraphStore) -> None:
    got = rows(store, """SELECT DISTINCT ?t ?l WHERE { ?t kg:gpuSupport ?g FILTER(?g = true)
        OPTIONAL { ?t rdfs:label ?l FILTER(LANG(?l) = "en") } }""")
    targets = {r[0].value for r in got}
    assert len(targets) == 2
    assert ENT_NS + "kubernetes" in targets
    assert any("endpoints" in r[1].value.casefold() for r in got if r[1] is not None)
    assert not ask(store, "?t kg:gpuSupport ?g FILTER(?g != true)")


def test_container_instances_limits(store: OxigraphStore) -> None:
    got = rows(store, """SELECT ?t ?mem ?model WHERE { ?t a kg:InferenceTarget ; rdfs:label ?l ;
        kg:maxMemoryGB ?mem ; kg:maxModelSizeGB ?model
        FILTER(LANG(?l) = "en" && CONTAINS(LCASE(?l), "container instances")) }""")
    assert len(got) == 1
    _, mem, model = got[0]
    assert float(mem.value) == 48
    assert float(model.value) == 1


def test_local_web_service_and_aci_have_no_gpu_support(store: OxigraphStore) -> None:
    assert not ask(store, """?t a kg:InferenceTarget ; kg:gpuSupport ?g ; rdfs:label ?l
        FILTER(CONTAINS(LCASE(?l), "container instances") || CONTAINS(LCASE(?l), "web service"))""")


# -- provenance, labels, corrections ---------------------------------------------------------------


def test_every_fact_has_provenance(store: OxigraphStore) -> None:
    orphans = rows(store, """SELECT ?s ?p ?o WHERE { ?s ?p ?o
        FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR(ent:)))
        FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } ?g a kg:Source } } LIMIT 20""")
    assert orphans == []


def test_every_entity_has_english_and_german_labels(store: OxigraphStore) -> None:
    missing = values(store, """SELECT DISTINCT ?e WHERE { ?e ?p ?o
        FILTER(isIRI(?e) && STRSTARTS(STR(?e), STR(ent:)))
        FILTER(NOT EXISTS { ?e rdfs:label ?en FILTER(LANGMATCHES(LANG(?en), "en")) }
            || NOT EXISTS { ?e rdfs:label ?de FILTER(LANGMATCHES(LANG(?de), "de")) }) }""")
    assert missing == set()


@pytest.mark.parametrize("entity", ["kubernetes", "NV"])
def test_correction_about(store: OxigraphStore, entity: str) -> None:
    assert ask(store, f"""GRAPH src:corrections {{ ?c a kg:Correction ; kg:about ent:{entity} ;
        kg:sourceSays ?says ; dcterms:source ?doc }}""")


def test_every_source_is_named_in_german_words() -> None:
    """A source's German label that copies its English one is English on the German site
    ("M-series size table" on the German isolated-sizes page: hunt64 F7); a label names
    a document or a part of one, which German says in its own words. (Every revision's.)"""
    from kg.revisions import ALL_REVISIONS

    copied = values(OxigraphStore.open(as_of=ALL_REVISIONS), """SELECT ?en WHERE {
        ?s a kg:Source ; rdfs:label ?en , ?de .
        FILTER(LANG(?en) = "en" && LANG(?de) = "de" && STR(?en) = STR(?de)) }""")
    assert copied == set()


def test_cuda_13_drops_maxwell_pascal_and_volta_by_a_pinned_source(store: OxigraphStore) -> None:
    """PyTorch's build_env_setup.py @83d50900: "CUDA 13.x dropped sm_50/60/70" (hunt86 F2:
    the removal cited web pages alone, none pinned to a commit)."""
    assert values(store, """SELECT ?a WHERE { GRAPH src:pytorch-build-env-setup-cuda-13-drop {
        ?a kg:removedInCuda ent:cuda-13.0 } }""") == {"ent:Maxwell", "ent:Pascal", "ent:Volta"}


def test_cuda_13_4_is_the_newest_version_llvm_names(store: OxigraphStore) -> None:
    """NVPTXTargetParser.def @337115da: sm_107's earliest CUDA is CUDA_134 (hunt86 F2: the
    graph ended at 13.2); and CUDA_129 is sm_121's, 12.9 building 12.1 (hunt114 F3)."""
    assert values(store, """SELECT ?v WHERE { GRAPH src:llvm-nvptx-targetparser-versions {
        ?c a kg:CudaVersion ; kg:versionNumber ?v } }""") == {"12.9", "13.4"}


@pytest.mark.parametrize("release", ["2.9", "2.10"])
def test_the_29_and_210_lists_cite_a_pinned_build_script(store: OxigraphStore, release: str) -> None:
    """PyTorch's build_cuda.sh @799d09f2 (hunt86 F3: the lists of 2.9 and 2.10 cited a PR page
    and the wheels alone): x86_64's 13.0 list, 12.0 as PTX too."""
    got = values(store, f"""SELECT ?c WHERE {{ GRAPH src:pytorch-build-cuda-sh-2-9 {{
        <{ENT_NS}pytorch-{release}-cuda-13.0> kg:includesCapability ?c }} }}""")
    assert got == {"7.5", "8.0", "8.6", "9.0", "10.0", "12.0"}
    assert values(store, f"""SELECT ?c WHERE {{ GRAPH src:pytorch-build-cuda-sh-2-9 {{
        <{ENT_NS}pytorch-{release}-cuda-13.0> kg:includesPtx ?c }} }}""") == {"12.0"}


def test_list_sizes_has_no_english_text_tagged_german(store: OxigraphStore) -> None:
    """hunt97 F8: the German description of `az ml compute list-sizes` was the English sentence
    tagged @de; the scrape's list is empty, so there is no German one (English is the fallback)."""
    assert ask(store, 'ent:az-ml-compute-list-sizes kg:description ?d FILTER(LANG(?d) = "en")')
    assert not ask(store, 'ent:az-ml-compute-list-sizes kg:description ?d FILTER(LANG(?d) = "de")')
