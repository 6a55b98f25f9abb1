"""`check A with B`: verdicts and why-chains (issue 6, spec §2).

The expected verdicts follow ../shared/reference/seed-facts.md, not the fact files:
§2.3 the corrected training matrix, §3 series → GPU → architecture → compute
capability, §4 each architecture's CUDA window (Kepler removed in 12.0; Maxwell,
Pascal, Volta deprecated in 12.8/12.9 and removed in 13.0; Turing still in 13.x),
§6 PyTorch builds and their architecture lists, §7 TensorFlow's tested CUDA.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kg import render
from kg.errors import QueryCheckError
from kg.output import RESULT_FORMATS as OutputFormat
from kg.result import Result
from kg.session import Graph
from kg.vocab import ENT, KG, SRC

OK, NO, UNKNOWN = "compatible", "not compatible", "unknown"

# (A, B, verdict, substrings the why must contain)
CASES: list[tuple[str, str, str, tuple[str, ...]]] = [
    # --- series / size / GPU / architecture with a CUDA version (§3, §4) -------------------
    ("NCv3", "9.0", OK, ("NCv3 has architecture Volta [CUDA table]",
                         "Volta's minimum CUDA version is 9.0 [CUDA table]",
                         "⇒ CUDA 9.0 is at least 9.0 and below 13.0")),        # exactly the minimum
    ("NCv3", "13.0", NO, ("Volta is removed in CUDA 13.0 [", "cuFFT documentation (current)",
                          "⇒ CUDA 13.0 is not below 13.0")),                   # exactly the removal
    ("NCv3", '"CUDA 12.1"', OK, ("⇒ CUDA 12.1 is at least 9.0 and below 13.0",)),
    ("NCv3", "12.9", OK, ("caution: Volta is deprecated in CUDA 12.8, 12.9 [",)),
    ("NDv2", "12.8", OK, ("NDv2 has architecture Volta", "caution: Volta is deprecated")),
    ("NC", "12.0", NO, ("NC has architecture Kepler [CUDA table]",
                        "Kepler is removed in CUDA 12.0 [", "LLVM commit 0f49116e")),
    ("NC", "11.8", OK, ("⇒ CUDA 11.8 is at least 9.0 and below 12.0",
                        "caution: Kepler is deprecated in CUDA 11.0",
                        "caution: NC was retired on 2023-08-31")),
    ('"NC Promo"', "12.0", NO, ("NC Promo has architecture Kepler",)),
    # hunt41 #1: an architecture's CUDA window holds for some of its compute capabilities
    # alone (this was compatible, primary): CUDA 11.0 dropped 3.0, 3.2; 8.6 needs 11.1
    ("Kepler", "11.0", UNKNOWN, ("Kepler's minimum CUDA version is 9.0",
                                 "CUDA 11.0 builds for compute capability 3.5 and above [",
                                 "⇒ CUDA 11.0 builds for compute capabilities 3.5 to 8.0: for "
                                 "Kepler's 3.5, 3.7, not for its 3.0, 3.2; the GPU's compute "
                                 "capability decides")),
    ("Kepler", "10.0", OK, ("⇒ CUDA 10.0 is at least 9.0 and below 12.0",)),
    ("Ampere", "11.0", UNKNOWN, ("for Ampere's 8.0, not for its 8.6, 8.7",)),
    ("Ampere", "11.4", OK, ("Ampere's minimum CUDA version is 11.0",)),
    ("Volta", "9.0", UNKNOWN, ("CUDA 9.0 builds for compute capability 7.0 and below [LLVM",)),
    ("Volta", "9.1", OK, ("⇒ CUDA 9.1 is at least 9.0 and below 13.0",)),
    ("NCasT4_v3", "10.0", OK, ("NCasT4_v3 has architecture Turing [CUDA table]",
                               "⇒ CUDA 10.0 is at least 10.0")),               # exactly the minimum
    # the CUDA table's spelling
    ("NCT4_v3", "10.0", OK, ("NCasT4_v3 has architecture Turing",)),
    ("NCasT4_v3", "9.0", NO, ("⇒ CUDA 9.0 is below Turing's minimum 10.0",)),
    ("NCT4_v3", "13.0", OK, ("no source says a CUDA version removed Turing",)),
    ("NDasrA100_v4", "10.2", NO, ("⇒ CUDA 10.2 is below Ampere's minimum 11.0",)),
    ("NDA100_v4", "11.0", OK, ("NDasrA100_v4 has architecture Ampere",)),  # the CUDA table's
    ("NV", "13.0", NO, ("NV has architecture Maxwell", "Maxwell is removed in CUDA 13.0")),
    ("NVv3", "12.6", OK, ("NVv3 has architecture Maxwell",)),
    # clang builds Maxwell and Kepler from CUDA 7.0 on, the page says 9.0+: not "not
    # compatible" on the page's word alone (hunt86 F1); 7.0 is no minimum (hunt90 F4)
    ("NV", "8.0", UNKNOWN, ("⇒ the sources disagree: a compiler builds code for Maxwell with "
                            "CUDA 8.0 (from 7.0 on), below the minimum 9.0",)),
    ("NC", "8.0", UNKNOWN, ("a compiler builds code for Kepler from CUDA 7.0 on [LLVM clang "
                            "Cuda.cpp",)),
    ("NC", "7.0", UNKNOWN, ("⇒ CUDA 7.0 is below Kepler's minimum 9.0",)),
    ("ND", "8.0", UNKNOWN, ("CUDA 8.0 is enough for Pascal by the minimum 8.0",)),
    ("ND", "13.0", NO, ("ND has architecture Pascal", "Pascal is removed in CUDA 13.0")),
    ("NCv2", "11.0", OK, ("NCv2 has architecture Pascal",)),
    ('"CUDA 12.1"', "NCv3", OK, ("NCv3 has architecture Volta",)),              # either order
    ('"Tesla K80"', "12.0", NO, ("NVIDIA Tesla K80 has architecture Kepler [",)),
    ("T4", "12.1", OK, ("NVIDIA Tesla T4 has architecture Turing [",)),
    ("Volta", "13.0", NO, ("Volta is removed in CUDA 13.0",)),
    ("Standard_NC24rs_v3", "12.1", OK, ("Standard_NC24rs_v3 is a size of the NCv3 series [",)),
    # a CPU series: no series of its category has a GPU (issue 10 §4: not a confusing unknown)
    ("DDSv4", "12.1", NO, ("DDSv4 is in the category General purpose [Supported VM series table]",
                           "⇒ the table puts the series with a GPU in GPU, DDSv4 in General "
                           "purpose, where no series has a GPU: it runs no CUDA")),
    ("FX", '"CUDA 11.0"', NO, ("FX in Compute optimized, where no series has a GPU",)),
    # with a framework, the verdict is of its CUDA builds: its CPU build runs there (hunt71 F9)
    ("FX", '"PyTorch 2.8"', NO, ("where no series has a GPU: it runs no CUDA",
                                 "⇒ so none of PyTorch 2.8's CUDA builds runs on it: the verdict "
                                 "is of its CUDA builds (a CPU build, which needs no GPU, is no "
                                 "fact of the graph)")),
    ('"compute cluster"', '"CUDA 12.1"', UNKNOWN,
     ("depends on the VM series it uses; check a VM series or size",)),
    # --- a target with a feature (§2.3) -----------------------------------------------------
    ('"compute instance"', "AutoML", OK,
     ("Azure Machine Learning compute instance supports Automated machine learning "
      "(through SDK) [Training targets table]",)),
    ("Kubernetes", "AutoML", NO, ("Azure Machine Learning Kubernetes is a row of this table "
                                  "[Training targets table]",
                                  "is blank, which this table reads as no")),
    ("AutoML", "Kubernetes", NO, ("is blank",)),                                  # either order
    ("Kubernetes", "Designer", OK,
     ("supports Azure Machine Learning designer [Training targets table]",)),
    ('"Local computer"', "Designer", NO, ("Local computer is a row of this table",)),
    ('"compute cluster"', "Pipelines", OK, ("supports Machine learning pipelines",)),
    ("HDInsight", "AutoML", NO, ("Azure HDInsight supports Machine learning pipelines [",)),
    ('"Azure Batch"', "Pipelines", OK, ("Azure Batch supports Machine learning pipelines",)),
    ("Databricks", "AutoML", OK, ("(SDK local mode only) [Training targets table]",
                                  # a yes within the cell's words says so (hunt62 F3)
                                  "caution: the cell says yes with a restriction: SDK local "
                                  "mode only [Training targets table")),
    ('"compute instance"', '"Single- or multi-node cluster"', OK,
     ("caution: the cell says yes with a restriction: Single node cluster [Managed compute",)),
    ('"Remote VM"', "Designer", NO, ("Remote VM supports Automated machine learning, "
                                     "Machine learning pipelines [Training targets table]",)),
    ("serverless", "Designer", OK,
     ("serverless compute supports Azure Machine Learning designer",)),
    ('"Azure Container Instances"', "Designer", OK, ("[Inference targets table (SDK/CLI v1)]",)),
    ('"Azure Container Instances"', "AutoML", UNKNOWN,
     ("no table states whether Azure Container Instances supports Automated machine learning",)),
    ('"compute instance"', '"Autoscales each time you submit a job"', NO,
     ("[Managed compute capability table]",)),
    # --- a series with a framework release or build (§6, §7) --------------------------------
    # issue 10 §3: the newest build that fits, CUDA 12.9, carries Volta (the release manager in
    # pytorch#160269; build_cuda.sh @00c7a380): the firmest source that says so is worded
    ("NCv3", '"PyTorch 2.8"', OK, ("PyTorch 2.8 ships a build for CUDA 12.9 [",
                                   "PyTorch 2.8 + CUDA 12.9 includes compute capabilities 7.0, "
                                   "7.5, 8.0, 8.6, 9.0, 10.0, 12.0 [PyTorch build_cuda.sh "
                                   "@00c7a380",
                                   "⇒ PyTorch 2.8 + CUDA 12.9 fits Volta")),
    ('"PyTorch 2.8"', "NCv3", OK, ("⇒ PyTorch 2.8 + CUDA 12.9 fits Volta",)),      # either order
    ("NCv3", '"PyTorch 2.8 cu126"', OK, ("covers Volta with compute capability 7.0",)),
    ("NV", '"PyTorch 2.8 cu128"', NO, ("[PyPI wheel of torch 2.8.0 (+cu128)",
                                       "has no code that runs on Maxwell's compute capability 5.2")),
    ("ND", '"PyTorch 2.8 cu129"', NO, ("NVIDIA Tesla P40 has compute capability 6.1",
                                       "has no code that runs on Pascal's compute capability 6.1")),
    # issue 10 §3: the 2.8 CUDA 12.8 build includes Volta (build_cuda.sh @00c7a380, the wheel,
    # pytorch#160269); #157517's lists were a pre-release plan, superseded: they never decide
    ("NCv3", '"PyTorch 2.8 cu128"', OK,
     ("[PyPI wheel of torch 2.8.0 (+cu128)", "covers Volta with compute capability 7.0")),
    # hunt97 F4: the M60 is 5.2, run by code for 5.0; "covers Maxwell with compute
    # capability 5.0" read as the GPU's (and the T4's 7.5 as 7.0)
    ("NV", '"PyTorch 2.8"', OK, ("covers Maxwell's compute capability 5.2 with its code for 5.0",)),
    ("NCasT4_v3", '"TensorFlow 2.16.1"', OK,
     ("covers Turing's compute capability 7.5 with its code for 7.0",)),
    ("NC", '"PyTorch 2.8"', NO, ("⇒ CUDA 12.6 is not below 12.0, the version that removed Kepler",
                                 "⇒ CUDA 12.8 is not below 12.0", "⇒ CUDA 12.9 is not below 12.0")),
    ("NC", '"PyTorch 2.1"', OK, ("PyTorch 2.1 ships a build for CUDA 11.8 [",
                                 "⇒ PyTorch 2.1 + CUDA 11.8 fits Kepler")),
    ("NC", '"TensorFlow 2.15.0"', NO, ("TensorFlow 2.15.0 ships a build for CUDA 12.2 [",)),
    ("NC", '"TensorFlow 2.14.0"', OK, ("TensorFlow 2.14.0 ships a build for CUDA 11.8",)),
    # a build of a CUDA before Ampere whose PTX for 7.0 the driver compiles for it: whether
    # it runs no source says (it was "not compatible, primary": hunt105 F2)
    ("NDasrA100_v4", '"TensorFlow 2.3.0"', UNKNOWN,
     ("⇒ CUDA 10.1 is below Ampere's minimum 11.0",
      "⇒ TensorFlow 2.3.0 + CUDA 10.1 covers Ampere with PTX for compute capability 7.0",
      "⇒ CUDA 10.1 came before Ampere, yet TensorFlow 2.3.0 + CUDA 10.1 carries code that runs "
      "on it: whether the build runs there, no source says")),
    # a list of such a build with nothing that runs there (no PTX): not compatible
    ('"ND-H100-v5"', '"PyTorch 1.0.0 + CUDA 10.0"', NO,
     ("⇒ CUDA 10.0 is below Hopper's minimum 11.8",)),
    # no list: whether it carries PTX is not known (its CUDA 9.0 and 10.0 builds' lists
    # have none)
    ("NDasrA100_v4", '"PyTorch 1.0.0"', UNKNOWN,
     ("no source lists the code PyTorch 1.0.0 + CUDA 8.0 carries: CUDA 8.0 came before "
      "Ampere, so only PTX of an older compute capability could run there",)),
    ("NDA100_v4", '"TensorFlow 2.4.0"', OK, ("⇒ CUDA 11.0 is at least 11.0",)),
    # issue 10 §4: no source lists what TensorFlow 2.0.0's build carries: never compatible
    # on missing evidence
    ("NCT4_v3", '"TensorFlow 2.0.0"', UNKNOWN, ("⇒ CUDA 10.0 is at least 10.0",
                                               "no source lists the GPU architectures "
                                               "TensorFlow 2.0.0 + CUDA 10.0 carries")),
    ("NCasT4_v3", '"PyTorch 2.11"', OK, ("PyTorch 2.11 ships a build for CUDA 13.0",
                                         "covers Turing with compute capability 7.5")),
    ("Volta", '"TensorFlow 2.18.0"', OK, ("TensorFlow 2.18.0 ships a build for CUDA 12.5",)),
    ("DDSv4", '"PyTorch 2.8"', NO, ("DDSv4 in General purpose, where no series has a GPU",)),
    # a compute target with a CUDA version: its VM series decides (the why says so)
    ('"compute cluster"', '"CUDA 12.0"', UNKNOWN, ("check a VM series or size with 12.0",)),
]

#: Pairs `check` does not relate: an error of the statement (exit 3), not "unknown" with
#: confidence "primary" and exit 0, which a typo in a CI job's check passed as (hunt40 #3)
UNRELATED = [
    ("NCv3", "AutoML", "check does not relate a VM series to a feature"),
    ('"CUDA 11.0"', '"CUDA 12.0"', "check does not relate a CUDA version to a CUDA version"),
    ("PyTorch", "NCv3", "check does not relate a framework to a VM series"),  # (under PyTorch)
    ('"Azure CLI"', "Volta", "check does not relate a creation method to a GPU architecture"),
    ("NCv3", "NDv2", "check does not relate a VM series to a VM series"),
    ('"Azure Machine Learning endpoints"', '"Real-time inference"',
     "check does not relate an inference target to a use case"),
    ('"Azure Synapse Spark pool"', "NCv3", "check does not relate an unmanaged compute to a VM series"),
]


@pytest.mark.parametrize(("a", "b", "says"), UNRELATED)
def test_a_pair_check_does_not_relate_is_an_error(graph: Graph, a: str, b: str,
                                                  says: str) -> None:
    with pytest.raises(QueryCheckError) as raised:
        _check(graph, a, b)
    assert says in str(raised.value)
    # under the second entity; under the first where no rule takes it (hunt113 F6)
    assert str(raised.value).count("^") == len(a if a in ("PyTorch", '"Azure CLI"') else b)
    with pytest.raises(QueryCheckError, match="check setzt"):
        _check(graph, a, b, "de")


def _check(graph: Graph, a: str, b: str, lang: str | None = None) -> Result:
    return graph.query(f"check {a} with {b}", lang=lang)


@pytest.mark.parametrize(("a", "b", "verdict", "says"), CASES,
                         ids=[f"{a} with {b}" for a, b, _, _ in CASES])
def test_verdict(graph: Graph, a: str, b: str, verdict: str, says: tuple[str, ...]) -> None:
    result = _check(graph, a, b)
    assert result.kind == "check"
    assert result.columns == ["verdict", "confidence", "why"]
    assert len(result.rows) == 1
    got, _, why = result.rows[0]
    assert isinstance(why, tuple) and why
    text = "\n".join(str(line) for line in why)
    assert got == verdict, text
    for part in says:
        assert part in text, f"{part!r} not in:\n{text}"


def test_enough_cases() -> None:
    assert len(CASES) >= 30
    assert {v for _, _, v, _ in CASES} == {OK, NO, UNKNOWN}


def test_both_spellings_give_the_same_answer(graph: Graph) -> None:
    for a, b in (("NCT4_v3", "NCasT4_v3"), ("NDA100_v4", "NDasrA100_v4")):
        for other in ("12.1", "9.0", '"PyTorch 2.8"'):
            assert _check(graph, a, other).rows == _check(graph, b, other).rows


def test_fact_lines_name_their_sources(graph: Graph) -> None:
    """Every fact and caution line ends with the source labels in brackets, and so does a
    rule step that compares version numbers (hunt49 F3), with the sources of those."""
    for a, b, _, _ in CASES:
        result = _check(graph, a, b)
        steps = result.evidence[0].steps
        for step, line in zip(steps, result.rows[0][2], strict=True):  # type: ignore[arg-type]
            if step.kind in ("fact", "caution") or step.facts:
                assert step.sources, line
                assert str(line).endswith("[" + "; ".join(step.sources) + "]")
                assert step.kind != "rule" or {f.p for f in step.facts} \
                    == {KG.versionNumber.value}, line
            else:
                assert not step.sources and line == step.text, line


def test_a_version_only_a_data_file_numbers_is_as_weak_as_the_file(tmp_path: Path) -> None:
    """hunt49 F3: a CUDA 12.7 a file invents (NVIDIA released none; LLVM's list has none)
    was "compatible, primary" for NCv3, and neither the why nor the evidence named the
    file; the step that compares its number cites it, and the verdict is as weak."""
    path = tmp_path / "cuda.ttl"
    path.write_text('@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n'
                    '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '<https://example.org/cuda-12.7> a kg:CudaVersion ; rdfs:label "CUDA 12.7"@en ;'
                    ' kg:versionNumber "12.7"^^kg:version .\n', encoding="utf-8")
    graph = Graph.open([path])
    verdict, confidence, why = _check(graph, "NCv3", '"CUDA 12.7"').rows[0]
    assert (verdict, confidence) == (OK, "unverified")
    assert "⇒ CUDA 12.7 is at least 9.0 and below 13.0 [file cuda.ttl (unverified); LLVM clang " \
           "Cuda.cpp: the CUDA versions it knows; cuFFT documentation (current): deprecated " \
           "functionality]" in [str(line) for line in why]  # type: ignore[union-attr]
    facts = _check(graph, "NCv3", '"CUDA 12.7"').evidence[0].facts()
    assert ("https://example.org/cuda-12.7", KG.versionNumber.value) in {(f.s, f.p) for f in facts}
    assert _check(graph, "NCv3", '"CUDA 12.1"').rows[0][:2] == [OK, "primary"]


def test_structured_facts_are_in_their_graphs(graph: Graph) -> None:
    """The evidence facts: each is a triple the store holds in that named graph, a kg:Source."""
    for a, b, _, _ in CASES:
        for f in _check(graph, a, b).evidence[0].facts():
            s, p, o, g = f.s, f.p, f.o, f.graphs[0]
            pattern = f"GRAPH <{g}> {{ <{s}> <{p}> ?o }}"
            _, rows = graph.store.select(f"SELECT ?o WHERE {{ {pattern} }}")
            values = {row[0].value for row in rows}  # type: ignore[union-attr]
            assert o in values, f
            _, rows = graph.store.select(f"SELECT ?l WHERE {{ <{g}> a {KG.Source} }}")
            assert rows, g


def test_structured_facts_of_one_check(graph: Graph) -> None:
    facts = _check(graph, "NCv3", "13.0").evidence[0].facts()
    assert ("https://w3id.org/azml-kg/id/NCv3", KG.architecture.value,
            "https://w3id.org/azml-kg/id/Volta", (SRC + "page-cuda-table",)) \
        in [(f.s, f.p, f.o, f.graphs) for f in facts]
    removed = {f.graphs[0] for f in facts if f.p == KG.removedInCuda.value}
    assert SRC + "nvidia-cufft-deprecated" in removed and len(removed) >= 2


def _why_texts(result: Result, fmt: OutputFormat) -> str:
    """The rendered why column, as one text (whitespace collapsed)."""
    out = render(result, fmt, width=100_000)
    if fmt in (OutputFormat.JSON, OutputFormat.JSONL):
        records = json.loads(out) if fmt is OutputFormat.JSON else [json.loads(out)]
        return "\n".join(records[0]["why"])
    if fmt in (OutputFormat.CSV, OutputFormat.TSV):
        delimiter = "," if fmt is OutputFormat.CSV else "\t"
        rows = list(csv.reader(io.StringIO(out), delimiter=delimiter))
        assert rows[0] == ["verdict", "confidence", "why"]
        return rows[1][2]
    return out


@pytest.mark.parametrize("fmt", list(OutputFormat))
@pytest.mark.parametrize(("a", "b"), [("NCv3", "13.0"), ("Kubernetes", "AutoML"),
                                      ('"compute instance"', "AutoML"), ("NCv3", '"PyTorch 2.8"'),
                                      ("DDSv4", "12.1")])
def test_why_in_every_format(graph: Graph, fmt: OutputFormat, a: str, b: str) -> None:
    result = _check(graph, a, b)
    text = _why_texts(result, fmt)
    verdict = result.rows[0][0]
    assert str(verdict) in render(result, fmt, width=100_000)
    for step in result.evidence[0].steps:
        assert step.text in text, (fmt, step.text)
        for source in step.sources:
            assert source in text, (fmt, source)


GERMAN = [
    ("NCv3", "13.0", ("NCv3 hat die Architektur Volta [CUDA-Tabelle]",
                      "Die minimale CUDA-Version für Volta ist 9.0 [CUDA-Tabelle]",
                      "Volta wird ab CUDA 13.0 nicht mehr unterstützt [",
                      "⇒ CUDA 13.0 ist nicht kleiner als 13.0")),
    ("Kubernetes", "AutoML", ("ist eine Zeile dieser Tabelle [Tabelle der Trainingsziele]",
                              "Automatisiertes maschinelles Lernen ist eine Spalte")),
    ('"compute instance"', "AutoML", ("Azure Machine Learning-Computeinstanz unterstützt "
                                      "Automatisiertes maschinelles Lernen (über SDK) "
                                      "[Tabelle der Trainingsziele]",)),
    ("NCv3", "12.9", ("Achtung: Volta ist in CUDA 12.8, 12.9 abgekündigt [",)),
    ("NCv3", '"PyTorch 2.8"', ("PyTorch 2.8 hat einen Build für CUDA 12.9 [",
                               "⇒ PyTorch 2.8 + CUDA 12.9 passt zu Volta")),
    ("DDSv4", "12.1", ("keine Aussage nennt die GPU-Architektur von DDSv4",)),
    ("Kepler", "11.0", ("⇒ CUDA 11.0 baut für die Compute Capabilities 3.5 bis 8.0: für 3.5, 3.7 "
                        "von Kepler, nicht für 3.0, 3.2",)),
]


@pytest.mark.parametrize(("a", "b", "says"), GERMAN, ids=[f"{a} with {b}" for a, b, _ in GERMAN])
def test_german(graph: Graph, a: str, b: str, says: tuple[str, ...]) -> None:
    english, german = _check(graph, a, b), _check(graph, a, b, lang="de")
    assert german.rows[0][0] == english.rows[0][0]  # verdicts are spec values, in every language
    text = "\n".join(str(line) for line in german.rows[0][2])  # type: ignore[union-attr]
    for part in says:
        assert part in text, f"{part!r} not in:\n{text}"
    for english_word in (" has architecture ", " is removed in ", " supports ", "caution:"):
        assert english_word not in text
    for fmt in OutputFormat:
        rendered = _why_texts(german, fmt)
        for part in says:
            assert part in rendered


MORE = """\
@prefix kg:   <https://w3id.org/azml-kg/ontology#> .
@prefix ent:  <https://w3id.org/azml-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ent:test-arch a kg:GPUArchitecture ; rdfs:label "Testarch"@en .
ent:test-series a kg:VMSeries ; rdfs:label "TS-v1"@en ; kg:architecture ent:test-arch .
ent:pytorch-9.9 a kg:FrameworkRelease ; rdfs:label "PyTorch 9.9"@en ; kg:framework ent:pytorch .
ent:Standard_Y1 a kg:VMSize ; rdfs:label "Standard_Y1"@en .
"""


@pytest.fixture(scope="module")
def more(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    path: Path = tmp_path_factory.mktemp("compat") / "more.ttl"
    path.write_text(MORE, encoding="utf-8")
    return Graph.open([path])


@pytest.mark.parametrize(("a", "b", "says"), [
    # an architecture (and a series) a user's --data file adds, with no CUDA window
    ("TS-v1", "12.1", ("TS-v1 has architecture Testarch [file more.ttl (unverified)]",
                       "no fact gives the minimum CUDA version of Testarch")),
    ("Testarch", '"PyTorch 2.8"', ("no fact gives the minimum CUDA version of Testarch",)),
    ("NCv3", '"PyTorch 9.9"', ("no fact gives a CUDA build of PyTorch 9.9",)),
    # a size with no series: that is what is missing (it said its GPU architecture)
    ("Standard_Y1", '"CUDA 12.0"', ("no fact gives the VM series of the size Standard_Y1",)),
    ("Standard_Y1", '"PyTorch 2.4"', ("no fact gives the VM series of the size Standard_Y1",)),
])
def test_unknown_when_a_fact_is_missing(more: Graph, a: str, b: str, says: tuple[str, ...]) -> None:
    result = _check(more, a, b)
    text = "\n".join(str(line) for line in result.rows[0][2])  # type: ignore[union-attr]
    assert result.rows[0][0] == UNKNOWN, text
    for part in says:
        assert part in text


ODD = """\
@prefix kg:   <https://w3id.org/azml-kg/ontology#> .
@prefix ent:  <https://w3id.org/azml-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ent:cuda-legacy a kg:CudaVersion ; rdfs:label "CUDA legacy 12 toolkit"@en .
ent:NoNumberArch a kg:GPUArchitecture ; rdfs:label "NoNumberArch"@en ; kg:minCuda ent:cuda-legacy .
ent:cuda-11.8 kg:versionNumber "99.0"^^kg:version .
ent:Standard_Two a kg:VMSize ; rdfs:label "Standard_Two"@en ; kg:series ent:NCv3 , ent:NCasT4_v3 .
ent:MixGpu a kg:VMSeries ; rdfs:label "MixGpu"@en ; kg:gpu ent:tesla-v100 , ent:a100-40gb .
ent:test-build a kg:FrameworkBuild ; rdfs:label "TestBuild cu121"@en ;
    kg:buildCuda ent:cuda-12.1 ; kg:includesCapability "8.0"^^kg:version .
ent:my-target a kg:TrainingTarget ; rdfs:label "My target"@en .
ent:my-feature a kg:Feature ; rdfs:label "My feature"@en .
ent:acc a kg:VMCategory ; rdfs:label "Accelerated"@en .
ent:NPx_v1 a kg:VMSeries ; rdfs:label "NPx_v1"@en ; kg:category ent:acc .
ent:CPUx_v1 a kg:VMSeries ; rdfs:label "CPUx_v1"@en ; kg:category ent:general-purpose .
ent:OldArch a kg:GPUArchitecture ; rdfs:label "OldArch"@en ; kg:minCuda ent:cuda-9.0 .
ent:old-gpu a kg:GPU ; rdfs:label "Old GPU"@en ; kg:architecture ent:OldArch .
ent:OldSeries a kg:VMSeries ; rdfs:label "OldSeries"@en ; kg:gpu ent:old-gpu .
ent:tesla-t4 kg:architecture ent:Volta .
ent:pytorch-9.8 a kg:FrameworkRelease ; rdfs:label "PyTorch 9.8"@en ; kg:cudaBuild ent:cuda-12.1 .
"""


@pytest.mark.parametrize(("a", "b", "says"), [
    # a CUDA version with no number: its label's digits are no number (this was compatible)
    ("NoNumberArch", '"CUDA 13.0"', ("no fact gives the version number of CUDA legacy 12 toolkit",)),
    # two numbers for one CUDA version: no verdict by either (this was compatible, primary)
    # (each number by its sources: one line citing them all hid which said which, hunt105 F5)
    ("NCv3", '"CUDA 11.8"', ("CUDA 11.8's version number is 99.0 [file odd.ttl (unverified)]\n",
                             "CUDA 11.8's version number is 11.8 [",
                             "the sources disagree on the version number of CUDA 11.8: 11.8, "
                             "99.0",)),
    # a size in two series is each of them (this was compatible, by the first series alone)
    ("Standard_Two", '"CUDA 13.0"', ("Standard_Two is a size of the NCasT4_v3, NCv3 series",
                                     "⇒ CUDA 13.0 is at least 10.0, and no source says a CUDA "
                                     "version removed Turing",
                                     "⇒ CUDA 13.0 is not below 13.0, the version that removed "
                                     "Volta")),
    # GPUs of two architectures: the A100's 8.0 covers Ampere, not Volta (it covered both)
    ("MixGpu", '"TestBuild cu121"', ("⇒ TestBuild cu121 covers Ampere with compute capability 8.0",
                                     "⇒ TestBuild cu121 has no code that runs on Volta's "
                                     "compute capability 7.0")),
    # a file that types a target and a feature is no table: its silence is no "no" (it was)
    ('"My target"', '"My feature"', ("no table states whether My target supports My feature",)),
    # a category no table sets against one whose series have GPUs: none of its series has a
    # GPU fact, which says nothing (it was "runs no CUDA": hunt62 F9); nor does a file that
    # puts a series in a category of the page's table and has no GPU category of its own
    ("NPx_v1", '"CUDA 12.0"', ("no fact gives the GPU architecture of NPx_v1",)),
    ("CPUx_v1", '"CUDA 12.0"', ("no fact gives the GPU architecture of CPUx_v1",)),
    # a CUDA version's window of compute capabilities, and none known to compare with it
    # (it was compatible: hunt105 F1)
    ("OldSeries", '"CUDA 13.0"', ("CUDA 13.0 builds for compute capability 7.5 and above [",
                                  "no fact gives a compute capability of OldArch")),
    # a series' GPU of a second architecture besides the series' own (the file's: unseen,
    # compatible: hunt105 F3)
    ("NCasT4_v3", '"CUDA 13.0"', ("NCasT4_v3 has architecture Turing [",
                                  "NVIDIA Tesla T4 has architecture Volta [file odd.ttl",
                                  "⇒ CUDA 13.0 is not below 13.0, the version that removed Volta")),
    # a release's build with no entity of its own, named as such (it was "the GPU
    # architectures 12.1 carries": hunt105 F7)
    ("NCv3", '"PyTorch 9.8"', ("no source lists the GPU architectures PyTorch 9.8's build for "
                               "CUDA 12.1 carries",)),
])
def test_unknown_where_the_facts_do_not_decide(tmp_path: Path, a: str, b: str,
                                               says: tuple[str, ...]) -> None:
    """Odd facts in a --data file give "unknown" and say why, one check and a batch alike."""
    _checked_with(tmp_path / "odd.ttl", ODD, a, b, UNKNOWN, says)


def _checked_with(path: Path, data: str, a: str, b: str, verdict: str,
                  says: tuple[str, ...]) -> str:
    """``check a with b`` on the page and the data file ``data`` (written to ``path``): its
    verdict and why as expected, and a `check with` stage's the same; the why's text."""
    path.write_text(data, encoding="utf-8")
    graph = Graph.open([path])
    result = _check(graph, a, b)
    text = "\n".join(str(line) for line in result.rows[0][2])  # type: ignore[union-attr]
    assert result.rows[0][0] == verdict, text
    for part in says:
        assert part in text
    batch = graph.query(f"{a} | check with {b}")  # the entity as a pipeline's source
    assert [row[1:] for row in batch.rows] == result.rows
    return text


@pytest.mark.parametrize(("name", "params", "verdict"), [
    ("check-series-cuda", {}, OK),
    ("check-series-cuda", {"series": "NCT4_v3", "cuda": "9.0"}, NO),
    ("check-series-release", {}, OK),
    ("check-series-release", {"series": "NC"}, NO),
    ("check-target-feature", {}, OK),
    ("check-target-feature", {"target": "Kubernetes"}, NO),
])
def test_saved_check_queries(graph: Graph, name: str, params: dict[str, str], verdict: str) -> None:
    from kg.saved import load_saved, run_saved

    result = run_saved(graph, load_saved(name), params)
    assert result.rows[0][0] == verdict


@pytest.mark.parametrize(("query", "expected"), [
    # issue 10 §2 added PyTorch 2.12–2.14 and TensorFlow 2.19, 2.20
    ("FrameworkRelease | where cudaBuild >= 12.1 | count", 20),
    ("FrameworkRelease | where cudaBuild >= 12.1 and framework = TensorFlow | count", 6),
    ("FrameworkRelease | where cudaBuild >= 13.0 | count", 6),
])
def test_releases_by_cuda_build(graph: Graph, query: str, expected: int) -> None:
    # §6: PyTorch 2.1–2.11 (11 rows, 2.1.x–2.3.x ship 12.1); §7: TensorFlow 2.15–2.18 (4 rows).
    assert graph.query(query).rows == [[expected]]


def test_gpu_series_with_cuda_window(graph: Graph) -> None:
    result = graph.query("VMSeries | where category = GPU | show name, gpu, architecture, "
                         "architecture.minCuda, architecture.removedInCuda")
    rows = {r["name"]: r for r in result.records()}
    assert len(rows) == 10
    # minCuda is not functional (the page and NVIDIA disagree on Hopper's): always an array
    assert rows["NCv3"] == {"name": "NCv3", "gpu": "NVIDIA Tesla V100", "architecture": "Volta",
                            "architecture.minCuda": ["CUDA 9.0"],
                            "architecture.removedInCuda": "CUDA 13.0"}
    assert rows["NC"]["architecture.removedInCuda"] == "CUDA 12.0"
    assert rows["NCasT4_v3"]["architecture.removedInCuda"] is None
    assert rows["NDasrA100_v4"]["architecture.minCuda"] == ["CUDA 11.0"]
    assert rows["NV"]["gpu"] == "NVIDIA Tesla M60"


def test_the_why_reads_one_fact_per_line_in_a_table() -> None:
    from kg import open_graph, render

    result = open_graph().query('check NCv3 with "CUDA 9.0"')
    lines = render(result, "table", width=400).splitlines()
    why = [line.split(" | ", 2)[2] for line in lines[2:-1]]
    assert why == list(result.rows[0][2])


def test_check_with_stage_checks_every_row() -> None:
    from kg import open_graph

    graph = open_graph()
    result = graph.query("VMSeries | where architecture = Volta | show name | check with \"CUDA 13.0\"")
    assert result.columns == ["name", "verdict", "confidence", "why"]
    assert {str(r[0]): r[1] for r in result.rows} == {"NCv3": "not compatible",
                                                      "NDv2": "not compatible"}
    assert result.rows[0][3] == graph.query('check NCv3 with "CUDA 13.0"').rows[0][2]


def test_a_session_reads_facts_once_and_again_after_a_load(tmp_path: Path) -> None:
    """A session keeps the facts and verdicts it worked out (the store does not change
    under it), per language; loading a file (the REPL's `.load`) starts afresh, so a
    verdict the new facts change is worked out again."""
    from kg.facts import Facts

    first = tmp_path / "first.ttl"
    first.write_text(MORE, encoding="utf-8")
    graph = Graph.open([first])
    statement = 'check TS-v1 with "CUDA 12.1"'
    assert graph.query(statement).rows[0][0] == UNKNOWN
    facts = Facts.of(graph.context, "en")
    assert ("check", f"{ENT}test-series", f"{ENT}cuda-12.1") in facts.memo
    assert graph.query('TS-v1.architecture').rows and Facts.of(graph.context, "en") is facts
    assert Facts.of(graph.context, "de") is not facts
    window = tmp_path / "window.ttl"
    window.write_text(MORE.split("ent:test-arch")[0]
                      + 'ent:test-arch kg:minCuda ent:cuda-9.0 ; kg:computeCapability "7.0"^^kg:version .\n',
                      encoding="utf-8")
    graph.load(window)
    assert Facts.of(graph.context, "en") is not facts
    result = graph.query(statement)
    assert result.rows[0][0] == OK, result.rows[0][2]


def test_a_sessions_facts_stay_bounded(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_FACTS facts and verdicts, a session's reader starts afresh (same answers)."""
    import kg.facts

    statement = 'VMSeries | where category = GPU | check with "CUDA 12.0" | show name, verdict'
    expected = graph.query(statement).rows
    before = kg.facts.Facts.of(graph.context, "en")
    monkeypatch.setattr(kg.facts, "MAX_FACTS", 10)
    assert graph.query(statement).rows == expected
    assert kg.facts.Facts.of(graph.context, "en") is not before


def test_a_qualifier_two_sources_state_cites_both_in_any_order() -> None:
    """The qualifier of a support cell stated by two sources (the page's v1 and v2 training
    tables) is one fact citing both, whatever order the engine answers in (an endpoint's
    order made the export cite the other one of the two)."""
    import pyoxigraph as ox

    from kg.facts import Facts

    g = Graph.open()
    fx = Facts(g.context, "en")
    q, text = ox.NamedNode(ENT + "support-x"), ox.Literal("through SDK", language="en")
    v1, v2 = SRC + "page-training-table-v1-2025", SRC + "page-training-table-v2-2025"
    rows = [(q, text, ox.NamedNode(v1)), (q, text, ox.NamedNode(v2))]
    one, other = fx._best_qualifiers(rows), fx._best_qualifiers(rows[::-1])
    assert one == other and len(one) == 1
    assert one[0].graphs == (v1, v2)
    result = g.query('check "compute instance" with AutoML')
    assert "[Training targets table (SDK/CLI v1); Training targets table]" in str(result.rows[0][2])


def test_a_gpus_weaker_compute_capability_gives_way_to_its_architectures_only_one() -> None:
    """An H100 NVL's compute capability 9.0 is derived (unverified); Hopper has 9.0 alone,
    from LLVM (primary). A check went through the GPU's and said `unverified` where a chain
    of primary facts decides it, the one ND-H100-v5 takes (hunt31 F4)."""
    from kg import open_graph

    graph = open_graph()
    nvl = graph.query('check NCads_H100_v5 with "PyTorch 2.4"').rows[0]
    h100 = graph.query('check ND-H100-v5 with "PyTorch 2.4"').rows[0]
    assert nvl[:2] == h100[:2] == ["compatible", "primary"]
    assert "Hopper has compute capability 9.0 [LLVM clang Cuda.cpp" in "\n".join(nvl[2])
    assert "PyTorch 2.4 + CUDA 12.1 covers Hopper with compute capability 9.0" in nvl[2][-2]
    seed = open_graph(as_of="seed").query('check NCads_H100_v5 with "PyTorch 2.4"').rows[0]
    assert seed[:2] == ["compatible", "unverified"]  # its architecture: through the GPU alone


def test_a_gpus_compute_capability_outside_the_cuda_versions_window(tmp_path: Path) -> None:
    """A Kepler GPU of compute capability 3.0 does not run CUDA 11.0, which dropped it,
    though Kepler's window of CUDA versions (9.0 to 12.0) holds 11.0; one of 3.5 does."""
    path = tmp_path / "gpus.ttl"
    path.write_text("""@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix ent: <https://w3id.org/azml-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ent:gtx-680 a kg:GPU ; rdfs:label "GTX 680"@en ; kg:architecture ent:Kepler ;
    kg:computeCapability "3.0"^^kg:version .
ent:k40 a kg:GPU ; rdfs:label "K40"@en ; kg:architecture ent:Kepler ;
    kg:computeCapability "3.5"^^kg:version .
""", encoding="utf-8")
    graph = Graph.open([path])
    verdict, _, why = _check(graph, '"GTX 680"', '"CUDA 11.0"').rows[0]
    text = "\n".join(str(line) for line in why)  # type: ignore[union-attr]
    assert verdict == NO, text
    assert "⇒ CUDA 11.0 builds for compute capabilities 3.5 to 8.0, and GTX 680's 3.0 is " \
           "outside" in text
    assert "GTX 680 has compute capability 3.0 [file gpus.ttl (unverified)]" in text
    assert _check(graph, "K40", '"CUDA 11.0"').rows[0][0] == OK
    assert _check(graph, '"GTX 680"', '"CUDA 10.0"').rows[0][0] == OK
    german = _check(graph, '"GTX 680"', '"CUDA 11.0"', "de").rows[0][2]
    assert "liegt außerhalb" in "\n".join(str(line) for line in german)  # type: ignore[union-attr]


def test_a_compute_capability_that_is_no_version_decides_nothing(tmp_path: Path) -> None:
    """hunt42 #4: `"sm_30"` was read as 30.0 ("not compatible: Kepler's sm_30 is outside");
    hunt42 #3: where the sources alone disagree, no "for its 3.5, not for its —"."""
    path = tmp_path / "odd-cc.ttl"
    path.write_text("""@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix ent: <https://w3id.org/azml-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ent:weird a kg:GPU ; rdfs:label "WeirdGPU"@en ; kg:architecture ent:Kepler ;
    kg:computeCapability "sm_30" .
ent:cuda-11.0 kg:minComputeCapability "3.0"^^kg:version .
""", encoding="utf-8")
    graph = Graph.open([path])
    verdict, _, why = _check(graph, "WeirdGPU", '"CUDA 11.0"').rows[0]
    text = "\n".join(str(line) for line in why)  # type: ignore[union-attr]
    assert verdict == UNKNOWN and "is outside" not in text
    assert "a compute capability given as `sm_30` is no version number" in text
    verdict, _, why = _check(graph, "Kepler", '"CUDA 11.0"').rows[0]
    text = "\n".join(str(line) for line in why)  # type: ignore[union-attr]
    assert verdict == UNKNOWN
    assert "⇒ the sources disagree whether CUDA 11.0 builds for compute capability 3.0, 3.2" in text
    assert "—" not in text


FRAMEWORK_ODD = """@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix ent: <https://w3id.org/azml-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/lab/> .
ex:gpuk a kg:GPU ; rdfs:label "Unknown Kepler GPU"@en ; kg:architecture ent:Kepler .
ex:KS a kg:VMSeries ; rdfs:label "KSeries"@en ; kg:category ent:GPU ; kg:gpu ex:gpuk .
ex:k40 a kg:GPU ; rdfs:label "Tesla K40"@en ; kg:architecture ent:Kepler ;
    kg:computeCapability "3.5"^^kg:version .
ex:K40S a kg:VMSeries ; rdfs:label "K40Series"@en ; kg:category ent:GPU ; kg:gpu ex:k40 .
ex:KK a kg:VMSeries ; rdfs:label "TwoKeplers"@en ; kg:category ent:GPU ;
    kg:gpu ex:k40, ent:tesla-k80 .
ex:g70 a kg:GPU ; rdfs:label "Odd Volta"@en ; kg:architecture ent:Volta ;
    kg:computeCapability "sm_70" .
ex:fw a kg:FrameworkRelease ; rdfs:label "MyFW 2.0"@en ; kg:cudaBuild ent:cuda-12.1 ;
    kg:build ex:fw-121 .
ex:fw-121 a kg:FrameworkBuild ; rdfs:label "MyFW 2.0 + 12.1"@en ; kg:buildCuda ent:cuda-12.1 ;
    kg:includesCapability "sm_70" .
ex:fw3 a kg:FrameworkRelease ; rdfs:label "MyFW 3.0"@en ; kg:cudaBuild ent:cuda-12.1 ;
    kg:build ex:fw3-121 .
ex:fw3-121 a kg:FrameworkBuild ; rdfs:label "MyFW 3.0 + 12.1"@en ; kg:buildCuda ent:cuda-12.1 ;
    kg:includesCapability "7.0"^^kg:version ; kg:includesPtx "sm_70" .
ex:fw4 a kg:FrameworkRelease ; rdfs:label "MyFW 4.0"@en ; kg:cudaBuild ent:cuda-11.8 ;
    kg:build ex:fw4-118 .
ex:fw4-118 a kg:FrameworkBuild ; rdfs:label "MyFW 4.0 + 11.8"@en ; kg:buildCuda ent:cuda-11.8 ;
    kg:includesArchitecture ent:Kepler ; kg:includesCapability "3.7"^^kg:version .
"""


@pytest.mark.parametrize(("a", "b", "verdict", "says"), [
    # an architecture alone: one of its compute capabilities covered is not all (it was
    # compatible, where its CUDA version, 11.8, is unknown: hunt49 F1)
    ("Kepler", '"PyTorch 2.0"', UNKNOWN,
     ("⇒ PyTorch 2.0 + CUDA 11.8 covers Kepler's 3.7, not its 3.0, 3.2, 3.5: the GPU's "
      "compute capability decides",)),
    ("NC", '"PyTorch 2.0"', OK, ("⇒ PyTorch 2.0 + CUDA 11.8 covers Kepler with compute "
                                 "capability 3.7",)),
    # a GPU whose compute capability no source gives is its architecture's (compatible)
    ("KSeries", '"PyTorch 2.0"', UNKNOWN, ("covers Kepler's 3.7, not its 3.0, 3.2, 3.5",)),
    ("K40Series", '"PyTorch 2.0"', NO, ("⇒ PyTorch 2.0 + CUDA 11.8 has no code that runs on "
                                            "Kepler's compute capability 3.5",)),
    # a series with two GPUs, one covered (compatible)
    ("TwoKeplers", '"PyTorch 2.0"', UNKNOWN, ("covers Kepler's 3.7, not its 3.5",)),
    # a compute capability that is no version: `sm_70` was 70 (not compatible with 2.7,
    # whose list has 7.0; compatible with a build of PTX for 12.0: hunt49 F2)
    ('"Odd Volta"', '"PyTorch 2.7"', UNKNOWN,
     ("a compute capability given as `sm_70` is no version number: whether the build "
      "carries code for the GPU is not decided",)),
    ("NCv3", '"MyFW 2.0"', UNKNOWN, ("MyFW 2.0 + 12.1 includes compute capability sm_70",
                                     "a compute capability given as `sm_70` is no version")),
    # a list that covers the GPU decides, whatever else it holds kg cannot read (an `sm_70`
    # beside it made it undecided: hunt52 F2)
    ("NCv3", '"MyFW 3.0"', OK, ("⇒ MyFW 3.0 + 12.1 covers Volta with compute capability 7.0",)),
    # "includes Kepler" and a list of some of its compute capabilities do not disagree (the
    # why said they did: hunt52 F3)
    ("Kepler", '"MyFW 4.0"', UNKNOWN, ("covers Kepler's 3.7, not its 3.0, 3.2, 3.5",)),
])
def test_a_build_covers_each_compute_capability_compared_or_it_does_not_decide(
        tmp_path: Path, a: str, b: str, verdict: str, says: tuple[str, ...]) -> None:
    text = _checked_with(tmp_path / "fw.ttl", FRAMEWORK_ODD, a, b, verdict, says)
    assert "PTX" not in text or a != '"Odd Volta"'
    assert "disagree" not in text


def test_a_build_of_an_older_cuda_covers_a_newer_gpu_of_its_major_version(graph: Graph) -> None:
    """The CUDA version's window of compute capabilities bounds what it compiles, not where
    the compiled code runs: PyTorch 1.7.0's CUDA 11.0 build carries sm_80, which runs on
    Ampere's 8.6 and 8.7, though CUDA 11.0 itself is unknown for Ampere (no 8.6 before 11.1)."""
    assert _check(graph, "Ampere", '"CUDA 11.0"').rows[0][0] == UNKNOWN
    verdict, _, why = _check(graph, "Ampere", '"PyTorch 1.7.0"').rows[0]
    text = "\n".join(str(line) for line in why)  # type: ignore[union-attr]
    assert verdict == OK, text
    assert "Ampere has compute capabilities 8.6, 8.7" in text
    assert ("⇒ PyTorch 1.7.0 + CUDA 11.0 covers Ampere's compute capabilities 8.0, 8.6, 8.7 "
            "with its code for 8.0") in text


def test_the_compute_capabilities_that_decide_a_compatible_verdict_are_cited(graph: Graph) -> None:
    """Kepler alone is unknown with CUDA 11.0 (which dropped its 3.0 and 3.2); NC is
    compatible by its K80's 3.7, and that fact and CUDA 11.0's window, both from secondary
    copies, are in its why and weigh in its confidence (it said primary: hunt49 F4)."""
    assert _check(graph, "Kepler", '"CUDA 11.0"').rows[0][0] == UNKNOWN
    verdict, confidence, why = _check(graph, "NC", '"CUDA 11.0"').rows[0]
    text = "\n".join(str(line) for line in why)  # type: ignore[union-attr]
    assert (verdict, confidence) == (OK, "secondary"), text
    for line in ("NC has GPU NVIDIA Tesla K80", "NVIDIA Tesla K80 has compute capability 3.7",
                 "CUDA 11.0 builds for compute capability 3.5 and above",
                 "⇒ CUDA 11.0 builds for compute capabilities 3.5 to 8.0, and NVIDIA Tesla "
                 "K80's 3.7 is inside"):
        assert line in text
    evidence = {(f.s, f.p) for f in _check(graph, "NC", '"CUDA 11.0"').evidence[0].facts()}
    assert (ENT + "tesla-k80", KG.computeCapability.value) in evidence
    # where the architecture's own compute capabilities decide as well, no more is said
    verdict, confidence, why = _check(graph, "NCv3", '"CUDA 12.1"').rows[0]
    assert (verdict, confidence) == (OK, "primary")
    assert not any("compute capabilit" in str(line) for line in why)  # type: ignore[union-attr]


def test_a_german_why_says_how_firm_a_source_is_in_german(graph: Graph) -> None:
    """hunt42, hunt49 F6: German whys said "(secondary)"."""
    why = "\n".join(str(line) for line in _check(graph, "NC", '"CUDA 11.0"', "de").rows[0][2])  # type: ignore[union-attr]
    assert "(sekundär)" in why and "(secondary)" not in why


def test_a_series_gpu_line_is_the_series_own_in_one_session() -> None:
    """hunt52 F1: the GPU line that cites what decides was kept per GPU, not per series:
    after NDv2's check, NCv3's why said "NDv2 has GPU NVIDIA Tesla V100"."""
    graph = Graph.open()
    graph.query('check NDv2 with "CUDA 9.0"')
    why = [str(line) for line in _check(graph, "NCv3", '"CUDA 9.0"').rows[0][2]]  # type: ignore[union-attr]
    assert any(line.startswith("NCv3 has GPU NVIDIA Tesla V100") for line in why), why
    assert not any(line.startswith("NDv2") for line in why), why
    rows = graph.query('VMSeries | where name in [NDv2, NCv3] | check with "CUDA 9.0" '
                       '| show name, why').rows
    for name, lines in rows:
        assert not any(str(line).split(" has GPU")[0] not in (str(name), "NVIDIA Tesla V100")
                       for line in lines if " has GPU " in str(line)), (name, lines)


def test_a_compiler_version_with_no_number_is_no_evidence_either_way(tmp_path: Path) -> None:
    """hunt91 F7: a kg:buildsFromCuda to a CUDA version no fact numbers was passed over, and
    below the minimum the verdict was "not compatible", unsaid; as for a minimum with no
    number, it is unknown, and the why says which version has none."""
    data = tmp_path / "odd.ttl"
    data.write_text(f"<{ENT}Turing> {KG.buildsFromCuda} <{ENT}cuda-odd> .\n"
                    f"<{ENT}cuda-odd> a {KG.CudaVersion} ; "
                    '<http://www.w3.org/2000/01/rdf-schema#label> "CUDA odd"@en, "CUDA odd"@de .\n')
    row = Graph.open(data=[data]).query('check NCasT4_v3 with "CUDA 9.0"').rows[0]
    assert row[0] == "unknown" and "no fact gives the version number of CUDA odd" in row[2]
    assert Graph.open().query('check NCasT4_v3 with "CUDA 9.0"').rows[0][0] == "not compatible"
