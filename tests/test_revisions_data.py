"""The data of issue 10 §1–§2: page revisions, current hardware and sizes, corrected facts.

Expected values come from the research notes (/work/research/revisions.md, vm-sizes.md,
cuda-and-pins.md), never from the fact files: each table row names its evidence.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest

from kg.session import Graph
from kg.store import OxigraphStore
from kg.validate import validate
from kg.vocab import ENT, PREFIXES, SRC

SEED, REV25, REV26 = "2024-01-23", "2025-11-13", "2026-03-31"
REVISIONS = (SEED, REV25, REV26)
HEAD = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {d: Graph.open(as_of=d) for d in REVISIONS}


def rows(graph: Graph, query: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in graph.store.select(HEAD + query)[1]]  # type: ignore[attr-defined]


def values(graph: Graph, query: str) -> set[str]:
    return {row[0].value for row in rows(graph, query) if row[0] is not None}


def ask(graph: Graph, where: str) -> bool:
    return bool(rows(graph, f"SELECT * WHERE {{ {where} }} LIMIT 1"))


def count(graph: Graph, text: str) -> int:
    (row,) = graph.query(text).rows
    return int(str(row[0]))


# -- the revisions themselves (revisions.md §0) ------------------------------------------------

REVISION_TABLE = [  # date, a name users type, commit
    (SEED, "seed", "0eea71caf55c6e7bdbfa9b0b3664288200817f6d"),
    (REV25, "2025", "43dc14ea7c3081e819d52883eea5ff12878fc8f8"),
    (REV26, "2026", "766e4b444667054247ad440e9c5a418efa71c050"),
]


@pytest.mark.parametrize(("date", "name", "commit"), REVISION_TABLE)
def test_each_revision_is_chosen_by_date_and_name(date: str, name: str, commit: str) -> None:
    for as_of in (date, name):
        store = OxigraphStore.open(as_of=as_of)
        assert store.revision is not None
        assert store.revision.date == datetime.date.fromisoformat(date)
        assert store.revision.commit == commit
        assert store.revision.repository == "MicrosoftDocs/azure-ai-docs"


def test_a_date_before_a_part_of_its_revision_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    """The seed (2024-01-23) holds the retired-series include of 2024-10-17, the text the
    German scrape shows: as of a day between them kg answers from the seed and says that
    part is younger than the day (hunt62 F2); `kg revisions` lists it; a day after it, or
    the revision's name or date (which names it as well), says nothing."""
    import io

    from kg.cli import _Closed, main

    seed = OxigraphStore.open(as_of="seed").revision
    assert seed is not None
    assert seed.later_parts() == ["retiring-vms.md (retired VM series include) of 2024-10-17"]
    assert seed.later_parts("de") == ["retiring-vms.md (Include der eingestellten VM-Serien) "
                                      "vom 17.10.2024"]
    for as_of, noted in (("2024-03-01", True), ("2024-10-17", False), ("seed", False),
                         ("2024-01-23", False), ("2025-11-13", False)):
        assert main(["--as-of", as_of, "query", "VMSeries | count", "-f", "csv"]) == 0
        err = capsys.readouterr().err
        assert ("note: as of 2024-03-01 kg answers from the page revision of 2024-01-23 (seed); "
                "part of it is dated later: retiring-vms.md (retired VM series include) of "
                "2024-10-17" in err) == noted, (as_of, err)
    assert main(["--lang", "de", "--as-of", "2024-03-01", "query", "VMSeries | count", "-f", "csv"]) == 0
    assert capsys.readouterr().err == (  # German, with German dates (half English: hunt80 F3)
        "note: Stand 01.03.2024: kg antwortet aus der Seitenrevision vom 23.01.2024 (Grundlage); "
        "ein Teil davon ist später datiert: retiring-vms.md (Include der eingestellten "
        "VM-Serien) vom 17.10.2024\n")
    out, closed = io.StringIO(), _Closed()  # stderr closed (`2>&-`): the note is lost, not
    assert main(["--as-of", "2024-03-01", "query", "VMSeries | count", "-f", "csv"],  # the
                out=out, err=closed) == 0  # result (it was exit 4: hunt63 F1)
    assert out.getvalue().startswith("count\n")
    assert main(["revisions", "-f", "csv"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0] == "date,names,commit,revision,parts dated later,current"
    assert listed[1].endswith(",retiring-vms.md (retired VM series include) of 2024-10-17,false")
    assert [line.count("retiring-vms") for line in listed[2:]] == [0, 0]


def test_the_revisions_in_json_are_typed(capsys: pytest.CaptureFixture[str]) -> None:
    """hunt89 F7: `names` and `parts dated later` are arrays, `current` a boolean, in
    every row (they were joined text, and "yes" or null)."""
    import json

    from kg.cli import main

    assert main(["revisions", "-f", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["names"] for row in rows] == [["2024", "seed"], ["2025"], ["2026"]]
    assert [row["current"] for row in rows] == [False, False, True]
    assert rows[0]["parts dated later"] == [
        "retiring-vms.md (retired VM series include) of 2024-10-17"]
    assert rows[1]["parts dated later"] == []
    assert main(["--as-of", "seed", "revisions", "-f", "json"]) == 0
    assert [row["current"] for row in json.loads(capsys.readouterr().out)] == [True, False, False]


@pytest.mark.parametrize("given", ["all", "ALL", "every"])
def test_every_revision_at_once_is_no_name_a_user_gives(given: str) -> None:
    """`kg diff` and `kg publish` keep every revision's sources (ALL_REVISIONS, an object);
    `--as-of all` was that too: every revision in one answer, a name of two labels as a
    JSON array and every fact twice, exit 0 (hunt80 F1). It is a usage error, as any name
    of no revision, from the command line, the API and the REPL."""
    import io

    from kg.cli import main
    from kg.errors import UsageError
    from kg.revisions import ALL_REVISIONS

    err = io.StringIO()
    assert main(["--as-of", given, "query", "VMSeries | count"], io.StringIO(), err) == 2
    assert f"--as-of {given!r} is neither a date" in err.getvalue()
    with pytest.raises(UsageError, match="neither a date"):
        Graph.open(as_of=given)
    with pytest.raises(UsageError, match="neither a date"):
        OxigraphStore.open(as_of=given)
    assert OxigraphStore.open(as_of=ALL_REVISIONS).revision is None  # (diff, publish)
    assert repr(ALL_REVISIONS) == "ALL_REVISIONS"


def test_latest_is_the_default() -> None:
    assert OxigraphStore.open().revision.date == datetime.date(2026, 3, 31)  # type: ignore[union-attr]


def test_the_2026_revision_says_what_it_is(graphs: dict[str, Graph]) -> None:
    comment = values(graphs[REV26], "SELECT ?c WHERE { src:rev-2026-03-31 rdfs:comment ?c }")
    (text,) = comment
    assert "copy:70346404351" in text and "not stored at that commit" in text


@pytest.mark.parametrize("date", REVISIONS)
def test_every_page_source_names_its_revisions(graphs: dict[str, Graph], date: str) -> None:
    """Sources of the page (part of the German page or of a revision) all carry kg:revision."""
    missing = values(graphs[date], """SELECT ?s WHERE { ?s a kg:Source ;
        dcterms:isPartOf ?d . FILTER(?d = src:page || EXISTS { ?d a kg:Revision })
        FILTER(?s != src:corrections) FILTER NOT EXISTS { ?s kg:revision ?r } }""")
    assert missing == set()


@pytest.mark.parametrize("date", REVISIONS)
def test_every_revision_validates(date: str) -> None:
    report = validate(OxigraphStore.open(as_of=date))
    assert report.ok, report.render()


# -- the VM series table (revisions.md §1.5, §2.5, §3.1) ---------------------------------------

SERIES_COUNTS = [  # date, rows with supportedBy, GPU rows, series new in this revision
    (SEED, 27, 10, set()),
    (REV25, 29, 12, {"ND-H100-v5", "ND-H200-v5"}),
    (REV26, 32, 14, {"ND-H100-v5", "ND-H200-v5", "Av2", "NCads_A100_v4", "NCads_H100_v5"}),
]
SEED_ROWS = 27


@pytest.mark.parametrize(("date", "rows_", "gpu_rows", "new"), SERIES_COUNTS)
def test_series_table_per_revision(graphs: dict[str, Graph], date: str, rows_: int,
                                   gpu_rows: int, new: set[str]) -> None:
    g = graphs[date]
    assert count(g, "VMSeries | where has supportedBy | count") == rows_
    assert count(g, "VMSeries | where category = GPU | count") == gpu_rows
    names = values(g, """SELECT ?l WHERE { ?s kg:supportedBy ?t ; rdfs:label ?l
        FILTER(LANG(?l) = "en") }""")
    later = {"ND-H100-v5", "ND-H200-v5", "Av2", "NCads_A100_v4", "NCads_H100_v5"}
    assert names & later == new
    assert len(names) == SEED_ROWS + len(new)


def test_av2_exists_only_in_2026(graphs: dict[str, Graph]) -> None:
    assert [ask(graphs[d], "ent:Av2 a kg:VMSeries") for d in REVISIONS] == [False, False, True]


def test_a_name_of_another_revision_says_which(graphs: dict[str, Graph]) -> None:
    """As of the seed, `Av2` (a 2026 series) is unknown with a hint naming the revisions
    that have it, not "did you mean `Av1`?"; a source of another revision says so, not
    "did you mean" another table. A name no revision has still gets its near names."""
    from kg.errors import QueryError

    with pytest.raises(QueryError) as caught:
        graphs[SEED].query("describe av2")
    assert caught.value.problems[0].hint == \
        "`av2` is on the page as of 2026-03-31 (--as-of 2026), not as of 2024-01-23 (in the REPL: .as-of)"
    with pytest.raises(QueryError) as caught:
        graphs[SEED].query('check "compute cluster" with "Single-node or multinode cluster"')
    assert "as of 2025-11-13 (--as-of 2025) and 2026-03-31 (--as-of 2026)" in str(caught.value)
    with pytest.raises(QueryError) as caught:
        graphs[SEED].query('TrainingTarget from "Training targets table (SDK/CLI v1)"')
    assert "is a source of another revision of the page" in str(caught.value)
    with pytest.raises(QueryError, match="did you mean `Volta`"):
        graphs[SEED].query("describe Voltaa")
    with pytest.raises(QueryError) as caught:  # a series, not a feature, in 2026 too (hunt37 #9)
        graphs[SEED].query("TrainingTarget | where supports Av2")
    assert "on the page as of" not in str(caught.value)


def test_a_saved_querys_parameter_of_another_revision_says_which(graphs: dict[str, Graph]) -> None:
    """hunt45 #2: `kg --as-of seed run check-series-cuda -p series=Av2` said "did you mean
    `Av1`?" (a retired series), where the statement says that Av2 is on a later page."""
    from kg.errors import SavedQueryError
    from kg.saved import load_saved, run_saved

    saved = load_saved("check-series-cuda")
    with pytest.raises(SavedQueryError) as caught:
        run_saved(graphs[SEED], saved, {"series": "Av2", "cuda": "CUDA 12.0"})
    assert str(caught.value).endswith(
        "parameter `series`: `Av2` names no VM series: `Av2` is on the page as of 2026-03-31 "
        "(--as-of 2026), not as of 2024-01-23 (in the REPL: .as-of)")


GPU_OF_SERIES_2026 = {  # the 2026 Category cell "GPU (X)" → the GPU entity
    "NC": "tesla-k80", "NC_Promo": "tesla-k80", "NCv2": "tesla-p100", "NCv3": "tesla-v100",
    "ND": "tesla-p40", "NDv2": "tesla-v100", "NV": "tesla-m60", "NVv3": "tesla-m60",
    "NCasT4_v3": "tesla-t4", "ND-H200-v5": "h200",
}

# "GPU (A100)" and "GPU (H100)" fit two GPU entities each: the variant is the Azure VM page's
GPU_VARIANT_2026 = {  # series → (GPU entity, the graph of the Azure page that states it)
    "NCads_A100_v4": ("a100-80gb", "azdocs-nc-a100-v4-series-sizes"),
    "NDasrA100_v4": ("a100-40gb", "azdocs-nda100-v4-series-gpus"),
    "NCads_H100_v5": ("h100-nvl", "azdocs-ncads-h100-v5-sizes"),
    "ND-H100-v5": ("h100", "compdocs-ndh100v5-series-sizes"),
}


@pytest.mark.parametrize(("series", "gpu"), list(GPU_OF_SERIES_2026.items()))
def test_2026_table_names_the_gpu(graphs: dict[str, Graph], series: str, gpu: str) -> None:
    assert ask(graphs[REV26], f"GRAPH src:page-vm-series-table-2026 {{ ent:{series} kg:gpu ent:{gpu} }}")
    assert ask(graphs[REV26], f"ent:{series} kg:category ent:gpu-category")


@pytest.mark.parametrize(("series", "gpu", "source"),
                         [(s, g, src) for s, (g, src) in GPU_VARIANT_2026.items()])
def test_2026_table_names_no_gpu_variant(graphs: dict[str, Graph], series: str, gpu: str,
                                         source: str) -> None:
    """hunt97 F3: the page says "GPU (A100)" / "GPU (H100)", not which A100 or H100: the table
    was cited for the variant. The series' Azure VM page states it; the table, the category."""
    g = graphs[REV26]
    assert not ask(g, f"GRAPH src:page-vm-series-table-2026 {{ ent:{series} kg:gpu ?x }}")
    assert ask(g, f"GRAPH src:page-vm-series-table-2026 {{ ent:{series} kg:category ent:gpu-category }}")
    assert ask(g, f"GRAPH src:{source} {{ ent:{series} kg:gpu ent:{gpu} }}")


# -- retirement (revisions.md §1.5: NCv3 retired on 2025-09-30 from the 2025 include) ----------

@pytest.mark.parametrize(("date", "retired"), [(SEED, None), (REV25, "2025-09-30"),
                                               (REV26, "2025-09-30")])
def test_ncv3_retired_only_from_2025(graphs: dict[str, Graph], date: str,
                                     retired: str | None) -> None:
    got = values(graphs[date], "SELECT ?d WHERE { ent:NCv3 kg:retiredOn ?d }")
    assert got == ({retired} if retired else set())


@pytest.mark.parametrize("date", REVISIONS)
def test_seed_retirements_in_every_revision(graphs: dict[str, Graph], date: str) -> None:
    got = {(str(n), str(d)) for n, d in graphs[date].query(
        "VMSeries | where has retiredOn | show name, retiredOn").rows}
    assert {("NC", "2023-08-31"), ("NV Promo", "2023-08-31"), ("Av1", "2024-08-31"),
            ("HB", "2024-08-31")} <= got


@pytest.mark.parametrize("date", REVISIONS)
def test_recreate_note_covers_nc_promo_in_every_revision(graphs: dict[str, Graph], date: str) -> None:
    """hunt97 F2: the "Azure NC-series" item covers NC and NC_Promo in every revision (hunt90 F2
    for the seed); the 2025/2026 note and the scrape's correction left NC Promo out, so `kg diff
    seed 2025` said the note stopped covering it, while NC Promo kept its retirement date."""
    about = values(graphs[date], "SELECT ?s WHERE { ent:note-recreate-retired-series kg:about ?s }")
    assert {f"{ENT}NC", f"{ENT}NC_Promo", f"{ENT}NV_Promo"} <= about
    assert ask(graphs[date], "GRAPH src:corrections { ent:correction-retired-2023-list kg:about ent:NC_Promo }")


# -- the CUDA table (revisions.md §3.2) ---------------------------------------------------------

CUDA_ROWS = [  # date, Hopper's minimum CUDA versions, series with architecture Hopper
    (SEED, {"11.8"}, set()),                      # NVIDIA/LLVM only: the page has no Hopper row
    (REV25, {"11.8"}, set()),
    (REV26, {"11.8", "12.0"}, {"NCads_H100_v5", "ND-H100-v5", "ND-H200-v5"}),  # page: "12.0+"
]


@pytest.mark.parametrize(("date", "min_cuda", "series"), CUDA_ROWS)
def test_hopper_row(graphs: dict[str, Graph], date: str, min_cuda: set[str],
                    series: set[str]) -> None:
    g = graphs[date]
    got = values(g, "SELECT ?v WHERE { ent:Hopper kg:minCuda/kg:versionNumber ?v }")
    assert got == min_cuda
    names = values(g, """SELECT ?l WHERE { ?s kg:architecture ent:Hopper ; a kg:VMSeries ;
        rdfs:label ?l FILTER(LANG(?l) = "en") }""")
    assert names == series


def test_hopper_minimum_per_source(graphs: dict[str, Graph]) -> None:
    """The disagreement is kept: 12.0 in the 2026 CUDA table, 11.8 per LLVM and CMake."""
    got = {(r[0].value.rsplit("/", 1)[-1], r[1].value) for r in rows(graphs[REV26], """
        SELECT ?g ?v WHERE { GRAPH ?g { ent:Hopper kg:minCuda ?c } ?c kg:versionNumber ?v }""")}
    assert got == {("page-cuda-table-2026", "12.0"), ("llvm-cuda-cpp-versions", "11.8"),
                   ("cmake-mr-8031", "11.8")}


@pytest.mark.parametrize(("alias", "series", "date_from"), [
    ("NCA100_v4", "NCads_A100_v4", REV26), ("NCadsH100_v5", "NCads_H100_v5", REV26),
    ("NDA100_v4", "NDasrA100_v4", SEED), ("NCT4_v3", "NCasT4_v3", SEED)])
def test_cuda_table_spellings(graphs: dict[str, Graph], alias: str, series: str,
                              date_from: str) -> None:
    for date in REVISIONS:
        has = ask(graphs[date], f'ent:{series} skos:altLabel ?a FILTER(STR(?a) = "{alias}")')
        assert has is (date >= date_from), (date, alias)


def test_ampere_row_2026(graphs: dict[str, Graph]) -> None:
    got = values(graphs[REV26], """SELECT ?l WHERE { GRAPH src:page-cuda-table-2026 {
        ?s kg:architecture ent:Ampere } ?s rdfs:label ?l FILTER(LANG(?l) = "en") }""")
    assert got == {"NDasrA100_v4", "NCads_A100_v4"}


# -- changed text (revisions.md §1.2–§1.7, §2.1–§2.6) ------------------------------------------

TEXTS = [  # note, revision, a phrase of its English text
    ("note-idle-compute-instance", SEED, "enable idle shutdown."),
    ("note-idle-compute-instance", REV25, "you still pay for disk, public IP, and standard load balancer"),
    ("note-idle-compute-instance", REV26, "you still pay for disk, public IP, and standard load balancer"),
    ("note-development-lifecycle", SEED, "has varying support across different compute targets"),
    ("note-development-lifecycle", REV25, "Azure Machine Learning supports different compute targets"),
    ("note-compute-target-definition", REV26, "By using compute targets, you can easily change"),
    ("note-workspace-sharing", REV26, "Attach the compute resources you use"),
    ("note-cuda-drivers", REV25, "it's important to ensure that the correct CUDA drivers"),
    ("note-cuda-drivers", REV26, "make sure the training environment has the correct CUDA drivers"),
    ("note-compute-isolation", REV25, "When you use an isolated size"),
    ("note-compute-isolation", REV26, "Isolated VM sizes work best"),
    ("note-compute-instance-os-disk", REV25, "has a 120-GB OS disk"),
    ("note-pytorch-compatibility", REV25, "For PyTorch, check the compatibility"),
]


@pytest.mark.parametrize(("note", "date", "phrase"), TEXTS)
def test_note_text_per_revision(graphs: dict[str, Graph], note: str, date: str,
                                phrase: str) -> None:
    (text,) = values(graphs[date], f"""SELECT ?t WHERE {{ ent:{note} kg:text ?t
        FILTER(LANG(?t) = "en") }}""")
    assert phrase in text
    (german,) = values(graphs[date], f"""SELECT ?t WHERE {{ ent:{note} kg:text ?t
        FILTER(LANG(?t) = "de") }}""")
    assert german  # the seed's German text: no German page of the later revisions


@pytest.mark.parametrize(("date", "v2", "v1"), [
    (SEED, None, None),
    (REV25, "page-training-table-v2-2025", "page-training-table-v1-2025"),
    (REV26, "page-training-table-v2-2025", "page-training-table-v1-2026")])
def test_training_table_split_by_moniker(graphs: dict[str, Graph], date: str,
                                         v2: str | None, v1: str | None) -> None:
    g = graphs[date]
    rows_of = {n: values(g, f"SELECT ?t WHERE {{ GRAPH src:{n} {{ ?t a kg:TrainingTarget }} }}")
               for n in ("page-training-table", v2, v1) if n}
    if v2 is None or v1 is None:
        assert len(rows_of["page-training-table"]) == 11
        return
    assert "page-training-table" not in rows_of or not rows_of["page-training-table"]
    ns = "https://w3id.org/azml-kg/id/"
    assert len(rows_of[v2]) == 10 and ns + "local-computer" not in rows_of[v2]
    # the 2026 copy's v1 table lacks the Azure Data Lake Analytics row (hunt31 F2): the row
    # of 2025 is kept apart, unverified, and cited so, not to the copy
    assert len(rows_of[v1]) == (9 if date == REV26 else 10)
    assert ns + "serverless-compute" not in rows_of[v1]
    assert (ns + "data-lake-analytics" in rows_of[v1]) == (date != REV26)
    if date == REV26:
        kept = values(g, "SELECT ?t WHERE { GRAPH src:page-training-table-v1-adla-2026 "
                         "{ ?t a kg:TrainingTarget } }")
        assert kept == {ns + "data-lake-analytics"}
        assert g.context.firmness(f"{SRC}page-training-table-v1-adla-2026").value == "unverified"
    link = values(g, f"""SELECT ?l WHERE {{ GRAPH src:{v2} {{ ent:spark-pools kg:link ?l }} }}""")
    assert link == {"https://learn.microsoft.com/azure/machine-learning/how-to-manage-synapse-spark-pool"}


# -- VM sizes (vm-sizes.md) ---------------------------------------------------------------------

T, F, NA = True, False, None
SIZES = [  # size, series, vCPUs, memory, GPUs, GB per GPU, rdma, infiniband, nvlink; evidence
    ("Standard_NC24r", "NC", 24, 224, 4, 12, T, NA, NA),                 # §1 "*RDMA capable"
    ("Standard_NC6s_v2", "NCv2", 6, 112, 1, 16, NA, NA, NA),             # §3
    ("Standard_NC6s_v3", "NCv3", 6, 112, 1, 16, NA, NA, F),              # §4 NVLink Not Supported
    ("Standard_NC24rs_v3", "NCv3", 24, 448, 4, 16, T, NA, F),            # §4
    ("Standard_ND24s", "ND", 24, 448, 4, 24, NA, NA, F),                 # §5 (page's 24 total is an error)
    ("Standard_ND24rs", "ND", 24, 448, 4, 24, T, T, F),                  # §5 RDMA and InfiniBand
    ("Standard_ND40rs_v2", "NDv2", 40, 672, 8, 32, NA, T, T),            # §6 8 V100 32 GB, EDR, NVLink
    ("Standard_NV12", "NV", 12, 112, 2, 8, NA, NA, NA),                  # §7 half M60 cards
    ("Standard_NV48s_v3", "NVv3", 48, 448, 4, 8, NA, NA, NA),            # §9
    ("Standard_NC64as_T4_v3", "NCasT4_v3", 64, 440, 4, 16, NA, NA, NA),  # §10
    ("Standard_ND96asr_v4", "NDasrA100_v4", 96, 900, 8, 40, T, T, T),    # §11 HDR, NVLink 3.0
    ("Standard_NC96ads_A100_v4", "NCads_A100_v4", 96, 880, 4, 80, NA, F, T),   # §12
    ("Standard_NC40ads_H100_v5", "NCads_H100_v5", 40, 320, 1, 94, NA, F, NA),  # §13 H100 NVL 94 GB;
    # NVLink "Supported" is the series': one GPU links to none (hunt62 F7)
    ("Standard_NC24ads_A100_v4", "NCads_A100_v4", 24, 220, 1, 80, NA, F, NA),  # §12, as NC40ads'
    ("Standard_NC80adis_H100_v5", "NCads_H100_v5", 80, 640, 2, 94, NA, F, T),  # §13
    ("Standard_ND96isr_H100_v5", "ND-H100-v5", 96, 1900, 8, 80, T, T, T),      # §14
    ("Standard_ND96isr_H200_v5", "ND-H200-v5", 96, 1850, 8, 141, T, T, T),     # §15
]


@pytest.mark.parametrize("date", [SEED, REV26])
@pytest.mark.parametrize(("size", "series", "vcpus", "mem", "gpus", "gmem", "rdma", "ib", "nvl"),
                         SIZES, ids=[s[0] for s in SIZES])
def test_size(graphs: dict[str, Graph], date: str, size: str, series: str, vcpus: int, mem: int,
              gpus: int, gmem: int, rdma: bool | None, ib: bool | None, nvl: bool | None) -> None:
    g = graphs[date]
    assert ask(g, f"ent:{size} a kg:VMSize ; kg:series ent:{series} . ent:{series} a kg:VMSeries")
    got: dict[str, str | None] = {}
    for prop in ("vcpus", "memoryGB", "gpuCount", "gpuMemoryGB", "rdma", "infiniband", "nvlink"):
        vals = values(g, f"SELECT ?v WHERE {{ ent:{size} kg:{prop} ?v }}")
        assert len(vals) <= 1, (prop, vals)
        got[prop] = vals.pop() if vals else None

    def b(x: bool | None) -> str | None:
        return None if x is None else str(x).lower()
    numbers = [got[p] for p in ("vcpus", "memoryGB", "gpuCount", "gpuMemoryGB")]
    assert [float(n) if n is not None else None for n in numbers] == [vcpus, mem, gpus, gmem]
    assert (got["rdma"], got["infiniband"], got["nvlink"]) == (b(rdma), b(ib), b(nvl))


@pytest.mark.parametrize("date", REVISIONS)
def test_isolated_and_rdma_is_still_one_size(graphs: dict[str, Graph], date: str) -> None:
    result = graphs[date].query("VMSize | where isolated and rdma | show name")
    assert [str(r[0]) for r in result.rows] == ["Standard_NC24rs_v3"]


# -- GPUs and architectures (cuda-and-pins.md §1, §5) -------------------------------------------

GPUS = [  # GPU, architecture, compute capability, firmness of the architecture's source
    ("h100", "Hopper", "9.0", "primary"),          # NVIDIA MIG table "H100-SXM5 | Hopper | 9.0"
    ("h200", "Hopper", "9.0", "primary"),          # "H200-SXM5 | Hopper | 9.0"
    ("a100-80gb", "Ampere", "8.0", "primary"),     # "A100-PCIE | NVIDIA Ampere architecture | 8.0 | 80GB"
    ("a100-40gb", "Ampere", "8.0", "primary"),     # "A100-SXM4 | … | 8.0 | 40GB"
    ("h100-nvl", "Hopper", "9.0", "unverified"),   # H100 NVL = "H100-PCIE 94GB" (inferred)
]


@pytest.mark.parametrize(("gpu", "arch", "cc", "firmness"), GPUS)
def test_gpu_architecture(graphs: dict[str, Graph], gpu: str, arch: str, cc: str,
                          firmness: str) -> None:
    for date in (SEED, REV26):
        g = graphs[date]
        assert values(g, f"SELECT ?a WHERE {{ ent:{gpu} kg:architecture ?a }}") == {
            f"https://w3id.org/azml-kg/id/{arch}"}
        assert cc in values(g, f"SELECT ?c WHERE {{ ent:{gpu} kg:computeCapability ?c }}")
        firm = values(g, f"""SELECT ?f WHERE {{ GRAPH ?s {{ ent:{gpu} kg:architecture ?a }}
            ?s kg:firmness ?f }}""")
        assert firmness in firm


ARCHS = [  # architecture, compute capabilities, minimum CUDA per LLVM (Cuda.cpp @adf82cff)
    ("Ada-Lovelace", {"8.9"}, "11.8"), ("Hopper", {"9.0"}, "11.8"),
    ("Blackwell", {"10.0", "12.0"}, "12.8")]


@pytest.mark.parametrize(("arch", "ccs", "min_cuda"), ARCHS)
def test_new_architectures(graphs: dict[str, Graph], arch: str, ccs: set[str],
                           min_cuda: str) -> None:
    g = graphs[SEED]  # outside facts: in every revision
    assert values(g, f"SELECT ?c WHERE {{ ent:{arch} kg:computeCapability ?c }}") == ccs
    assert min_cuda in values(g, f"""SELECT ?v WHERE {{ GRAPH src:llvm-cuda-cpp-versions {{
        ent:{arch} kg:minCuda ?c }} ?c kg:versionNumber ?v }}""")


# -- corrected outside facts (cuda-and-pins.md §1–§7; /work/research/data-changes.md) -----------

@pytest.mark.parametrize(("cuda", "max_cc"), [("9.0", "7.0"), ("9.1", "7.2"), ("11.4", "8.7"),
                                              ("11.8", "9.0")])
def test_max_compute_capability(graphs: dict[str, Graph], cuda: str, max_cc: str) -> None:
    got = values(graphs[SEED], f"SELECT ?m WHERE {{ ent:cuda-{cuda} kg:maxComputeCapability ?m }}")
    assert got == {max_cc}


def test_kepler_deprecation_on_the_cufft_page(graphs: dict[str, Graph]) -> None:
    assert ask(graphs[SEED], """GRAPH src:nvidia-cufft-12-6-3-deprecated {
        ent:Kepler kg:deprecatedInCuda ent:cuda-11.0 }""")


def test_av1_deadline_from_the_azure_page(graphs: dict[str, Graph]) -> None:
    got = {(r[0].value, r[1].value) for r in rows(graphs[SEED], """SELECT ?g ?c WHERE {
        GRAPH ?g { ent:Av1 kg:retirementDeadline "2024-08-31"^^xsd:date }
        ?g prov:wasDerivedFrom ?d . ?d kg:commit ?c }""")}
    assert got == {("https://w3id.org/azml-kg/source/azdocs-av1-series-retirement-date",
                    "0df8d378ce430a6f39e46fa46f488961aa20ef39")}


def test_hopper_rule_cites_a_copy_that_says_it(graphs: dict[str, Graph]) -> None:
    got = values(graphs[SEED], """SELECT ?g WHERE { GRAPH ?g {
        ent:note-cc-architecture-rule kg:text ?t FILTER(CONTAINS(?t, "Hopper")) } }""")
    assert got == {"https://w3id.org/azml-kg/source/cnblogs-cuda-programming-guide-copy"}


def test_nc_note_no_longer_claims_a_first_date(graphs: dict[str, Graph]) -> None:
    (text,) = values(graphs[SEED], """SELECT ?t WHERE { ent:note-nc-retirement kg:text ?t
        FILTER(LANG(?t) = "en") }""")
    assert "2022" not in text and "NC_Promo" in text


@pytest.mark.parametrize(("note", "commit"), [
    ("note-ncv2-retirement-first-announced", "091ba04a7eace2f744af0f73233bbfd9a4e4dd90"),
    ("note-nd-retirement-first-announced", "0aa2b14aec0e5cae30883a8e96f8eafafc88767f")])
def test_first_announced_dates_cite_their_revision(graphs: dict[str, Graph], note: str,
                                                   commit: str) -> None:
    got = values(graphs[SEED], f"""SELECT ?c WHERE {{ GRAPH ?g {{ ent:{note} kg:text ?t }}
        ?g prov:wasDerivedFrom/kg:commit ?c }}""")
    assert got == {commit}


UNPINNED = {"https://w3id.org/azml-kg/source/tensorflow-docs-install-source"}  # no commit found


@pytest.mark.parametrize("date", REVISIONS)
def test_every_outside_document_is_pinned(graphs: dict[str, Graph], date: str) -> None:
    docs = rows(graphs[date], """SELECT ?d ?c WHERE { ?d a kg:Document ; kg:repository ?r
        OPTIONAL { ?d kg:commit ?c } }""")
    unpinned = {d.value for d, c in docs if c is None}
    assert unpinned == UNPINNED
    assert all(re.fullmatch(r"[0-9a-f]{40}", c.value) for _, c in docs if c is not None)
    urls = values(graphs[date], "SELECT ?u WHERE { ?s dcterms:source ?u }")
    assert not any(u.rstrip("/").endswith(("/0f49116e", "/b19e63b8", "/fc02a2ff")) for u in urls)


def test_a_graph_whose_revisions_are_not_described_is_refused(
        tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A graph folder without its revisions file answered from every revision at once,
    exit 0, and `--as-of seed` said "no page revisions" (hunt80 F2): its sources name
    revisions it does not describe, and kg says so, exit 4."""
    import io
    import shutil

    from kg.cli import main
    from kg.errors import DataError
    from kg.paths import ontology_dir

    folder = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), folder)
    (folder / "facts" / "revisions.trig").unlink()
    monkeypatch.setenv("KG_ONTOLOGY", str(folder))
    with pytest.raises(DataError, match=r"revisions the graph does not describe \(src:rev-2024-01-23, "
                                        r".*facts/revisions.trig missing"):
        Graph.open()
    err = io.StringIO()
    assert main(["--as-of", "seed", "query", "VMSeries | count"], io.StringIO(), err) == 4
    assert "does not describe" in err.getvalue()


def test_a_year_given_as_a_number_names_its_revision() -> None:
    """`as_of=2025` was refused where `as_of="2025"` names the revision (hunt80 F8)."""
    import kg
    from kg.errors import UsageError

    assert kg.open_graph(as_of=2025).store.revision.date == datetime.date(2025, 11, 13)  # type: ignore[arg-type,union-attr]
    with pytest.raises(UsageError, match="as_of=True is neither"):
        kg.open_graph(as_of=True)  # type: ignore[arg-type]


def test_a_source_naming_a_misspelt_revision_is_said_so(
        tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the revisions file there, a revision a source names that it lacks is a name
    misspelt, not a missing file (hunt81 F8)."""
    import shutil

    from kg.errors import DataError
    from kg.paths import ontology_dir

    folder = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), folder)
    facts, named = folder / "facts" / "page-2025-11-13.trig", "kg:revision src:rev-2025-11-13 ;"
    text = facts.read_text(encoding="utf-8")
    assert named in text
    facts.write_text(text.replace(named, "kg:revision src:rev-2025-11-31 ;", 1), encoding="utf-8")
    monkeypatch.setenv("KG_ONTOLOGY", str(folder))
    with pytest.raises(DataError, match=r"\(src:rev-2025-11-31\): .*\(a name misspelt\?\)"):
        Graph.open()
