"""Framework data of issue 10 (§2, §3): `check` verdicts on PyTorch and TensorFlow builds.

Every row names its evidence: the document (repository, path, full commit) or the PyPI wheel
(file name, sha256) the facts come from, as /work/research/frameworks.md records them and
ontology/facts/sources-frameworks.trig describes them. Hardware facts come from the page of the
seed revision (2024-01-23); outside sources hold in every revision.
"""

from __future__ import annotations

import pytest

from kg.evidence import Firmness
from kg.result import Result
from kg.session import Graph
from kg.vocab import ENT, SRC

OK, NO, UNKNOWN = "compatible", "not compatible", "unknown"
SEED = "2024-01-23"

# Evidence, named once and cited by the rows below.
D1 = "pytorch/pytorch .ci/manywheel/build_cuda.sh @00c7a380b8369d08e02dd400aa76dc6c0738b589"
D3 = "pytorch/builder manywheel/build_cuda.sh @2432b6c57f614aff3c3ba2154ce09ee57c1ba354"
D4 = "pytorch/pytorch .ci/manywheel/build_env_setup.py @83d50900b33aecbbccb23eced123e82a5f3ddcbb"
D6 = "pytorch/pytorch.github.io _get_started/previous-versions.md @e3f009bbc0d7509ed5c85b633313ec72aa2d1a40"
D12 = "moi90/pytorch_compute_capabilities table.md @6bbfa99e99cdc2d4b3bbd0de86dab3748ca489cf"
D13 = "moi90/pytorch_compute_capabilities cache/*/summary.json @c62966f2cbb18df2fd9d4f5994b1615018ebb308"
MATRIX = "RELEASE.md rows 2.12-2.14, copy:66643764700 (no commit stored: unverified)"

# (A, B, verdict, confidence or None, substrings the why must contain)
CASES: list[tuple[str, str, str, str | None, tuple[str, ...]]] = [
    # --- §3: PyTorch 2.8's CUDA 12.8 and 12.9 builds include Volta -------------------------------
    # D1 12.8) "7.0;7.5;…;12.0"; wheel torch-2.8.0-cp311-cp311-manylinux_2_28_x86_64.whl
    # sha256 c12fa219f51a933d5f80eeb3a7a5d0cbe9168c0a14bbb4055f1979431660879b: sm_70 … sm_120
    ("NCv3", '"PyTorch 2.8 cu128"', OK, "primary",
     ("PyTorch 2.8 + CUDA 12.8 includes compute capabilities 7.0, 7.5, 8.0, 8.6, 9.0, 10.0, 12.0 "
      "[PyPI wheel of torch 2.8.0 (+cu128)",
      "⇒ PyTorch 2.8 + CUDA 12.8 fits Volta")),
    # D1 12.9) "7.0;7.5;8.0;8.6;9.0;10.0;12.0+PTX"; pytorch issue #160269 (release manager)
    ("NCv3", '"PyTorch 2.8 cu129"', OK, "primary",
     ("PyTorch 2.8 + CUDA 12.9 includes compute capabilities 7.0, 7.5, 8.0, 8.6, 9.0, 10.0, 12.0 "
      "[PyTorch build_cuda.sh @00c7a380",
      "⇒ PyTorch 2.8 + CUDA 12.9 covers Volta with compute capability 7.0")),
    # D1 (12.8 list) on the architecture itself
    ("Volta", '"PyTorch 2.8 cu128"', OK, None, ("fits Volta",)),
    # D1: "#removing sm_50-sm_60 …"; list 7.0 and up; issue #160269 "only Maxwell and Pascal"
    ("NV", '"PyTorch 2.8 cu128"', NO, None,
     ("[PyPI wheel of torch 2.8.0 (+cu128)",
      "has no code that runs on Maxwell's compute capability 5.2")),
    # D1 12.9 list (7.0 and up) and its sm_50-sm_60 comment: no Pascal (P40 is 6.1)
    ("ND", '"PyTorch 2.8 cu129"', NO, None,
     ("[PyTorch build_cuda.sh @00c7a380",
      "has no code that runs on Pascal's compute capability 6.1")),
    # the release: every build of 2.8 fits Volta (D1); the newest, CUDA 12.9, decides
    ("NCv3", '"PyTorch 2.8"', OK, "primary", ("⇒ PyTorch 2.8 + CUDA 12.9 fits Volta",)),
    # D1 12.6) "5.0;6.0;…": Maxwell runs 2.8 only through the CUDA 12.6 build
    ("NV", '"PyTorch 2.8"', OK, None, ("⇒ PyTorch 2.8 + CUDA 12.6 fits Maxwell",)),
    # --- §3: PyTorch 2.7's CUDA 12.8 build has no sm_50, sm_60, sm_70 --------------------------
    # PR #147607 "Deprecate sm70 for cuda 12.8 binary"; D12 pytorch-2.7.0-…cuda12.8: sm_75 and up
    ("NCv3", '"PyTorch 2.7 cu128"', NO, None,
     ("PyTorch 2.7 + CUDA 12.8 excludes architecture Volta [PyTorch PR #147607",)),
    # PR #146265 "Try removing sm50 and sm60"; D12
    ("NV", '"PyTorch 2.7 cu128"', NO, None,
     ("PyTorch 2.7 + CUDA 12.8 excludes architecture Maxwell [PyTorch PR #146265",)),
    ("ND", '"PyTorch 2.7 cu128"', NO, None,
     ("PyTorch 2.7 + CUDA 12.8 excludes architecture Pascal [PyTorch PR #146265",)),
    # D12 2.7.0 cuda12.8: sm_75 … sm_120 (a third party's measurement: secondary)
    ("NCasT4_v3", '"PyTorch 2.7 cu128"', OK, "secondary",
     ("[PyTorch conda packages 1.7.1–2.7.0: architectures measured by a third party (secondary)]",
      "⇒ PyTorch 2.7 + CUDA 12.8 covers Turing with compute capability 7.5")),
    # wheel torch-2.7.1-cp311-cp311-manylinux_2_28_x86_64.whl sha256 06eea61f…ec1 (+cu126): sm_70
    ("NCv3", '"PyTorch 2.7"', OK, None, ("⇒ PyTorch 2.7 + CUDA 12.6 fits Volta",)),
    # --- §3: TensorFlow official builds: Maxwell cannot run 2.17/2.18 ----------------------------
    # wheel tensorflow-2.18.0-cp311-…manylinux2014_x86_64.whl sha256 70b8dd70…3976:
    # SASS sm_60, sm_70, sm_80, sm_89, sm_90; PTX sm_90
    ("NV", '"TensorFlow 2.18.0"', NO, None,
     ("TensorFlow 2.18.0 + CUDA 12.5 includes compute capabilities 6.0, 7.0, 8.0, 8.9, 9.0 "
      "[PyPI wheel of TensorFlow 2.18.0",
      "has no code that runs on Maxwell's compute capability 5.2")),
    # wheel tensorflow-2.17.0-…whl sha256 8339777b…8552: no sm_50
    ("NVv3", '"TensorFlow 2.17.0"', NO, None, ("has no code that runs on Maxwell's compute capability 5.2",)),
    # wheel tensorflow-2.16.1-…whl sha256 930c6110…9404: sm_50 (the last with Maxwell)
    ("NV", '"TensorFlow 2.16.1"', OK, None,  # the M60's 5.2 by code for 5.0 (hunt97 F4)
     ("covers Maxwell's compute capability 5.2 with its code for 5.0",)),
    # wheel tensorflow-2.18.0 (sm_70)
    ("Volta", '"TensorFlow 2.18.0"', OK, None, ("TensorFlow 2.18.0 ships a build for CUDA 12.5",
                                               "fits Volta")),
    # wheel tensorflow-2.14.0-…whl sha256 a80cabe6…28aa: sm_35 runs on the K80 (3.7)
    ("NC", '"TensorFlow 2.14.0"', OK, None,
     ("⇒ TensorFlow 2.14.0 + CUDA 11.8 covers Kepler's compute capability 3.7 with its code "
      "for 3.5",)),
    # tested configurations: 2.15.0 is CUDA 12.2, which dropped Kepler (wheel also lacks sm_35)
    ("NC", '"TensorFlow 2.15.0"', NO, None, ("⇒ CUDA 12.2 is not below 12.0",)),
    # wheel tensorflow-2.4.0-cp38-cp38-manylinux2010_x86_64.whl sha256 dcd8f2e5…efe9: sm_80
    ("NDA100_v4", '"TensorFlow 2.4.0"', OK, "primary",
     ("covers Ampere with compute capability 8.0",)),
    # wheel tensorflow-2.12.0-…whl sha256 6ec4a293…189d: sm_75
    ("NCasT4_v3", '"TensorFlow 2.12.0"', OK, None, ("covers Turing with compute capability 7.5",)),
    # no source gives 2.0.0's list (its wheel was not scanned): never compatible on missing evidence
    ("NCT4_v3", '"TensorFlow 2.0.0"', UNKNOWN, None,
     ("no source lists the GPU architectures TensorFlow 2.0.0 + CUDA 10.0 carries",)),
    # --- §2: TensorFlow 2.19 and 2.20 -------------------------------------------------------------
    # wheel tensorflow-2.19.0-…whl sha256 39074778…8fe4: and-cuda ==12.5.82; sm_70
    ("NCv3", '"TensorFlow 2.19.0"', OK, "primary",
     ("TensorFlow 2.19.0 ships a build for CUDA 12.5 [PyPI wheel of TensorFlow 2.19.0",)),
    # wheel tensorflow-2.20.0-…whl sha256 481499fd…229e: sm_60 covers the P40 (6.1)
    ("ND", '"TensorFlow 2.20.0"', OK, None,
     ("covers Pascal's compute capability 6.1 with its code for 6.0",)),
    ("NV", '"TensorFlow 2.20.0"', NO, None, ("has no code that runs on Maxwell's compute capability 5.2",)),
    # --- builds whose list was missing before (test_compat's "compatible on no list") ---------
    # D12 pytorch-2.1.x …cuda11.8: sm_37 …; CUDA 12.1 dropped Kepler
    ("NC", '"PyTorch 2.1"', OK, "secondary",
     ("⇒ PyTorch 2.1 + CUDA 11.8 covers Kepler with compute capability 3.7",)),
    # D3 11.[67]) "3.7;5.0;6.0;7.0;7.5;8.0;8.6"; wheel torch-2.0.1 sha256 e617b1d0…766d
    # (the K80's compute capability has only secondary sources, so the verdict is secondary)
    ("NC", '"PyTorch 2.0 cu117"', OK, "secondary",
     ("includes compute capabilities 3.7, 5.0, 6.0, 7.0, 7.5, 8.0, 8.6 [PyPI wheel of torch 2.0.1",
      "⇒ PyTorch 2.0 + CUDA 11.7 fits Kepler")),
    # --- §2: PyTorch 1.0–1.7.1 (the page's own 9.0+ rows) -----------------------------------------
    # D6 v1.7.1: CUDA 9.2/10.1/10.2/11.0; D12 pytorch-1.7.1-…cuda11.0: sm_35, sm_37, … sm_80
    ("NC", '"PyTorch 1.7.1"', OK, "secondary", ("⇒ PyTorch 1.7.1 + CUDA 11.0 fits Kepler",)),
    ("NDasrA100_v4", '"PyTorch 1.7.1"', OK, "secondary",
     ("covers Ampere with compute capability 8.0",)),
    # D13 pytorch-1.7.0-py3.7_cuda11.0.221_cudnn8.0.3_0: sm_37, …, sm_80 (no sm_35, unlike 1.7.1)
    ("NDasrA100_v4", '"PyTorch 1.7.0"', OK, "secondary",
     ("PyTorch 1.7.0 + CUDA 11.0 includes compute capabilities 3.7, 5.0, 6.0, 6.1, 7.0, 7.5, 8.0 "
      "[PyTorch conda packages 1.0.0–1.7.0",)),
    # D13 pytorch-1.5.1-py3.7_cuda10.2.89_cudnn7.6.5_0: sm_35, sm_37, …, sm_75
    ("NCasT4_v3", '"PyTorch 1.5.1"', OK, "secondary", ("⇒ PyTorch 1.5.1 + CUDA 10.2 fits Turing",)),
    # 1.8.2 LTS (D6 via seed-facts): no source gives its lists (not in the conda channel measured)
    ("NCv3", '"PyTorch 1.8.2"', UNKNOWN, None,
     ("no source lists the GPU architectures PyTorch 1.8.2 LTS + CUDA 11.1 carries",)),
    # D6 v1.6.0: CUDA 10.2, 10.1, 9.2, all below Ampere's 11.0; D13's lists (secondary), with
    # no PTX, have nothing that runs on its 8.0: the why shows them (hunt108 F1: "primary")
    ("NDasrA100_v4", '"PyTorch 1.6.0"', NO, "secondary",
     ("PyTorch 1.6.0 ships a build for CUDA 10.2 [PyTorch 'Previous versions' page: v1.0.0–v1.7.1",
      "⇒ CUDA 9.2 is below Ampere's minimum 11.0",
      "⇒ PyTorch 1.6.0 + CUDA 10.2 has no code that runs on Ampere's compute capability 8.0")),
    # D6 v1.0.0 (cu100); D13 pytorch-1.0.0-py3.7_cuda10.0.130…: sm_30 … sm_75
    ("NCasT4_v3", '"PyTorch 1.0.0"', OK, "secondary",
     ("⇒ PyTorch 1.0.0 + CUDA 10.0 covers Turing with compute capability 7.5",)),
    # D6 v1.0.0 cu80: CUDA 8.0 is below every architecture of the page (9.0+), but not below
    # Pascal's first CUDA by clang's Cuda.cpp @adf82cff (SM_60 → CUDA_80): unknown, as Hopper
    ("NCv2", '"PyTorch 1.0.0 cu80"', UNKNOWN, None,
     ("⇒ the sources disagree: CUDA 8.0 is enough for Pascal by the minimum 8.0, not by the "
      "minimum 9.0",)),
    # D6 v1.2.0; D13 pytorch-1.2.0-py3.7_cuda9.2.148…: sm_35 covers the K80
    ("NC", '"PyTorch 1.2.0 cu92"', OK, None,
     ("covers Kepler's compute capability 3.7 with its code for 3.5",)),
    # --- §2: PyTorch 2.12–2.14 ------------------------------------------------------------------
    # wheel torch-2.14.1-cp311-cp311-manylinux_2_28_x86_64.whl sha256 305a61f6…854d (+cu130);
    # D4 "13.0": {75, 80, 86, 90, 100, 120}
    ("NCasT4_v3", '"PyTorch 2.14 cu130"', OK, None,
     ("[PyPI wheel of torch 2.14.1 (+cu130)", "covers Turing with compute capability 7.5")),
    # CUDA 13.0 removed Volta (cuFFT page), whatever the list says
    ("NCv3", '"PyTorch 2.14 cu130"', NO, None,
     ("⇒ CUDA 13.0 is not below 13.0, the version that removed Volta",)),
    # D4 "12.6": {50, …, 90} for 2.13; the release's CUDA 12.6 build is the one Volta runs
    ("NCv3", '"PyTorch 2.13"', OK, None, ("⇒ PyTorch 2.13 + CUDA 12.6 fits Volta",)),
    # only the unverified RELEASE.md copy gives 2.12's CUDA 12.6 build: the confidence says so
    ("NCv3", '"PyTorch 2.12 cu126"', OK, "unverified",
     ("[PyTorch RELEASE.md: CUDA support matrix for 2.12, 2.13 and 2.14 (unverified)]",)),
    # --- §3: the conda "CUDA 11.3" of 1.8.1/1.9: no list, not confirmed ---------------------------
    # D6 prints cudatoolkit=11.3; D12 has no such package (see the doubtful test below)
    ("NCv3", '"PyTorch 1.9 cu113"', UNKNOWN, None,
     ("no source lists the GPU architectures PyTorch 1.9 + CUDA 11.3 carries",)),
]


@pytest.fixture(scope="module")
def seed() -> Graph:
    return Graph.open(as_of=SEED)


def _check(graph: Graph, a: str, b: str) -> Result:
    return graph.query(f"check {a} with {b}")


def _why(result: Result) -> str:
    return "\n".join(str(line) for line in result.rows[0][2])  # type: ignore[union-attr]


def test_enough_cases() -> None:
    assert len(CASES) >= 25
    assert {v for _, _, v, _, _ in CASES} == {OK, NO, UNKNOWN}


@pytest.mark.parametrize(("a", "b", "verdict", "confidence", "says"), CASES,
                         ids=[f"{a} with {b}" for a, b, *_ in CASES])
def test_verdict(seed: Graph, a: str, b: str, verdict: str, confidence: str | None,
                 says: tuple[str, ...]) -> None:
    result = _check(seed, a, b)
    got, firm, _ = result.rows[0]
    text = _why(result)
    assert got == verdict, text
    if confidence is not None:
        assert firm == confidence, text
    for part in says:
        assert part in text, f"{part!r} not in:\n{text}"


# --- superseded sources never decide a verdict ---------------------------------------------------

def test_superseded_sources(seed: Graph) -> None:
    # issue #157517's pre-release plan; the v2.8.0 release notes as first published (#160269)
    for name in ("pytorch-issue-157517-plan", "pytorch-v2-8-0-release-notes"):
        assert seed.context.firmness(SRC + name) is Firmness.SUPERSEDED
    # the issue itself still quotes the CUDA release notes (deprecations): not superseded
    assert seed.context.firmness(SRC + "pytorch-issue-157517") is Firmness.PRIMARY


@pytest.mark.parametrize("b", ['"PyTorch 2.8 cu128"', '"PyTorch 2.8 cu129"', '"PyTorch 2.8"'])
def test_superseded_lists_are_not_in_the_why(seed: Graph, b: str) -> None:
    text = _why(_check(seed, "NCv3", b))
    assert "planned in trunk" not in text and "release notes" not in text
    assert "the sources disagree" not in text


def test_deprecation_caution_still_cites_the_issue(seed: Graph) -> None:
    # the CUDA 12.8/12.9 deprecation quoted in #157517 (not the plan) still warns
    text = _why(_check(seed, "NCv3", '"PyTorch 2.8 cu129"'))
    assert "caution: Volta is deprecated in CUDA 12.8, 12.9 [PyTorch issue #157517: deprecating" in text


# --- releases and their CUDA builds ----------------------------------------------------------------

def _cuda_builds(graph: Graph, release: str) -> set[str]:
    _, rows = graph.store.select(
        "PREFIX kg: <https://w3id.org/azml-kg/ontology#> "
        f"SELECT DISTINCT ?v WHERE {{ <{ENT}{release}> kg:cudaBuild ?c . "
        "?c kg:versionNumber ?v }")
    return {r[0].value for r in rows}  # type: ignore[union-attr]


RELEASES: list[tuple[str, set[str]]] = [
    # D6 sections v1.0.0 … v1.7.1 (Linux and Windows commands)
    ("pytorch-1.0.0", {"8.0", "9.0", "10.0"}),
    ("pytorch-1.0.1", {"9.0", "10.0"}),
    ("pytorch-1.1.0", {"9.0", "10.0"}),
    ("pytorch-1.2.0", {"9.2", "10.0"}),
    ("pytorch-1.4.0", {"9.2", "10.1"}),
    ("pytorch-1.5.0", {"9.2", "10.1", "10.2"}),
    ("pytorch-1.5.1", {"9.2", "10.1", "10.2"}),
    ("pytorch-1.6.0", {"9.2", "10.1", "10.2"}),
    ("pytorch-1.7.0", {"9.2", "10.1", "10.2", "11.0"}),
    ("pytorch-1.7.1", {"9.2", "10.1", "10.2", "11.0"}),
    # MATRIX rows 2.12–2.14; the CUDA 13.0 builds also from the wheels (torch 2.12.1, 2.13.0,
    # 2.14.1, sha256 6e29e7e7…, 60fcdcb2…, 305a61f6…)
    ("pytorch-2.12", {"12.6", "13.0", "13.2"}),
    ("pytorch-2.13", {"12.6", "13.0", "13.2"}),
    ("pytorch-2.14", {"12.6", "13.0", "13.2"}),
    # wheels tensorflow-2.19.0 (and-cuda ==12.5.82) and 2.20.0 (>=12.5.82,<13)
    ("tensorflow-2.19.0", {"12.5"}),
    ("tensorflow-2.20.0", {"12.5"}),
]


@pytest.mark.parametrize(("release", "cudas"), RELEASES, ids=[r for r, _ in RELEASES])
def test_release_has_its_cuda_builds(seed: Graph, release: str, cudas: set[str]) -> None:
    assert _cuda_builds(seed, release) == cudas


def test_no_v1_3_on_the_page(seed: Graph) -> None:
    # D6 jumps from v1.4.0 to v1.2.0
    assert not _cuda_builds(seed, "pytorch-1.3.0")


def test_every_pypi_wheel_graph_gives_a_list(seed: Graph) -> None:
    """Each wheel-scan source states at least one build's compute capabilities."""
    _, rows = seed.store.select(
        "PREFIX kg: <https://w3id.org/azml-kg/ontology#> "
        "SELECT ?g (COUNT(?cc) AS ?n) WHERE { ?g a kg:Source . "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/azml-kg/source/pypi-')) "
        "OPTIONAL { GRAPH ?g { ?b kg:includesCapability ?cc } } } GROUP BY ?g")
    counts = {r[0].value: int(r[1].value) for r in rows}  # type: ignore[union-attr]
    assert len(counts) == 33  # 15 torch wheels, 18 tensorflow wheels
    assert all(n > 0 for n in counts.values()), counts


# --- firmness and NVIDIA's compatibility rules ------------------------------------------------------

def test_conda_cuda_11_3_is_doubtful(seed: Graph) -> None:
    # D6 prints cudatoolkit=11.3 for v1.8.1 and v1.9.x; D12 lists no such conda package
    assert seed.context.firmness(SRC + "pytorch-previous-versions-conda-11-3") is Firmness.DOUBTFUL
    assert _check(seed, "NCv3", '"PyTorch 1.9 cu113"').rows[0][1] == "doubtful"


def test_same_major_sass_runs(seed: Graph) -> None:
    # wheel tensorflow-2.16.1 sha256 930c6110…9404: SASS sm_50, sm_60, sm_70, sm_80, sm_90
    assert _check(seed, "NCasT4_v3", '"TensorFlow 2.16.1"').rows[0][0] == OK


def test_ptx_runs_on_newer_gpus() -> None:
    # wheel tensorflow-2.15.0 sha256 dee8ec2b…ebfc: SASS up to sm_80, PTX sm_80; ND-H100-v5 is in
    # the revision of 2026-03-31 only
    latest = Graph.open()
    assert _check(latest, "ND-H100-v5", '"TensorFlow 2.15.0"').rows[0][0] == OK


# --- architectures each RELEASE.md support-matrix row names ------------------------------------------

PR_175253 = "pytorch/pytorch PR #175253 (RELEASE.md diff: 'For Release 2.9 and 2.10' -> 'For Release 2.11')"

# (build, every architecture its matrix row names)
MATRIX_ARCHITECTURES: list[tuple[str, set[str]]] = [
    *[(f"pytorch-{v}-cuda-12.6", {"Maxwell", "Pascal", "Volta", "Turing", "Ampere", "Hopper"})
      for v in ("2.9", "2.10", "2.11")],
    *[(f"pytorch-{v}-cuda-12.8", {"Volta", "Turing", "Ampere", "Hopper", "Blackwell"})
      for v in ("2.9", "2.10")],
    ("pytorch-2.11-cuda-12.8", {"Turing", "Ampere", "Hopper", "Blackwell"}),
    *[(f"pytorch-{v}-cuda-13.0", {"Turing", "Ampere", "Hopper", "Blackwell"})
      for v in ("2.9", "2.10", "2.11")],
]


@pytest.mark.parametrize(("build", "architectures"), MATRIX_ARCHITECTURES,
                         ids=[b for b, _ in MATRIX_ARCHITECTURES])
def test_matrix_rows_give_every_architecture(seed: Graph, build: str, architectures: set[str]) -> None:
    """hunt97 F1: the 2.9–2.11 builds lacked Hopper (and Blackwell in the CUDA 12.8 and 13.0
    builds) though the rows of their cited source (PR_175253) name them."""
    _, rows = seed.store.select(
        "PREFIX kg: <https://w3id.org/azml-kg/ontology#> "
        f"SELECT DISTINCT ?a WHERE {{ GRAPH <{SRC}pytorch-pr-175253> "
        f"{{ <{ENT}{build}> kg:includesArchitecture ?a }} }}")
    assert {r[0].value.removeprefix(ENT) for r in rows} == architectures  # type: ignore[union-attr]


def test_hopper_builds_include_2_9_to_2_11(seed: Graph) -> None:
    """hunt97 F1: asked by architecture, Hopper builds start at 2.9, not 2.12."""
    names = {row[0] for row in seed.query(
        "FrameworkBuild | where includesArchitecture = Hopper | show name").rows}
    assert {"PyTorch 2.9 + CUDA 12.6", "PyTorch 2.10 + CUDA 12.8", "PyTorch 2.11 + CUDA 13.0"} <= names
