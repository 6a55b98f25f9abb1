"""A framework release (or a CUDA version) against many series of one GPU: the build's fit
to the GPU (the version's compute capabilities) is worked out once for them all
(kg.compat.hardware.for_every_series), and each series' why still names its own GPU fact,
as a check of that series alone says it (hunt125 F7: a release against
the 8,710 GPU series of a million triples fitted 26,130 times, for 735 GPUs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import Graph
from kg.compat import framework, hardware
from tests.test_compat import FRAMEWORK_ODD

# series that share a GPU with each other or with a series of the page (NCv3's V100,
# NC's K80), two of a GPU with no compute capability, two of one whose is no version
# number (`sm_70`), beside test_compat's releases, whose builds list what they carry in
# every way kg reads: compute capabilities, PTX, an architecture, a list that is no version
SHARED = FRAMEWORK_ODD + """
ex:v1 a kg:VMSeries ; rdfs:label "Shared V1"@en ; kg:category ent:GPU ; kg:gpu ent:tesla-v100 .
ex:v2 a kg:VMSeries ; rdfs:label "Shared V2"@en ; kg:category ent:GPU ; kg:gpu ent:tesla-v100 ;
    kg:architecture ent:Volta .
ex:k1 a kg:VMSeries ; rdfs:label "Shared K1"@en ; kg:category ent:GPU ; kg:gpu ent:tesla-k80 .
ex:u1 a kg:VMSeries ; rdfs:label "Shared U1"@en ; kg:category ent:GPU ; kg:gpu ex:gpuk .
ex:u2 a kg:VMSeries ; rdfs:label "Shared U2"@en ; kg:category ent:GPU ; kg:gpu ex:gpuk .
ex:o1 a kg:VMSeries ; rdfs:label "Shared O1"@en ; kg:category ent:GPU ; kg:gpu ex:g70 .
ex:o2 a kg:VMSeries ; rdfs:label "Shared O2"@en ; kg:category ent:GPU ; kg:gpu ex:g70 .
"""

RELEASES = ('"MyFW 2.0"', '"MyFW 3.0"', '"MyFW 4.0"', '"PyTorch 2.0"', '"PyTorch 2.8"',
            '"TensorFlow 2.4"', '"CUDA 11.0"', '"CUDA 12.1"', '"CUDA 13.0"')
ROWS = 'VMSeries | where name ~ "Shared" or name = NCv3 or name = NC | sort name'


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    path: Path = tmp_path_factory.mktemp("shared") / "shared.ttl"
    path.write_text(SHARED, encoding="utf-8")
    return Graph.open([path])


def _alone(graph: Graph, series: str, release: str, lang: str) -> tuple[object, ...]:
    """The verdict, confidence and why of ``check series with release`` in a session that
    has checked nothing before (nothing worked out for another series to share)."""
    graph.context.kept.clear()
    return tuple(graph.query(f'check "{series}" with {release}', lang=lang).rows[0])


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("release", RELEASES)
def test_each_series_of_a_shared_gpu_is_answered_as_if_checked_alone(
        shared: Graph, release: str, lang: str) -> None:
    shared.context.kept.clear()
    rows = shared.query(f"{ROWS} | show name | check with {release}", lang=lang).rows
    assert len(rows) == 9
    for name, *checked in rows:
        assert tuple(checked) == _alone(shared, str(name), release, lang), (name, release)


def test_each_why_names_its_own_series_gpu(shared: Graph) -> None:
    shared.context.kept.clear()
    rows = shared.query(f'{ROWS} | show name | check with "MyFW 3.0"').rows
    whys = {str(name): "\n".join(str(line) for line in why) for name, _, _, why in rows}
    assert "Shared V1 has GPU NVIDIA Tesla V100" in whys["Shared V1"]
    assert "Shared V2 has GPU NVIDIA Tesla V100" in whys["Shared V2"]
    assert "NCv3 has GPU NVIDIA Tesla V100" in whys["NCv3"]
    assert "Shared V1" not in whys["Shared V2"] and "Shared V2" not in whys["NCv3"]
    assert "Shared O2 has GPU Odd Volta" in whys["Shared O2"]  # (a list that is no version)
    assert "Shared O1" not in whys["Shared O2"]
    rows = shared.query(f'{ROWS} | show name | check with "CUDA 11.0"').rows
    whys = {str(name): "\n".join(str(line) for line in why) for name, _, _, why in rows}
    assert "Shared K1 has GPU NVIDIA Tesla K80" in whys["Shared K1"]  # (the K80's 3.7 decides)
    assert "NC has GPU NVIDIA Tesla K80" in whys["NC"] and "Shared K1" not in whys["NC"]


def test_a_builds_fit_is_worked_out_once_for_the_series_of_one_gpu(
        shared: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    fits: list[tuple[str, ...]] = []
    real = framework._fit

    def counted(fx, chain, hw, arch, cuda, builds, label):  # type: ignore[no-untyped-def]
        fits.append((tuple(hw.gpus), arch, cuda))
        return real(fx, chain, hw, arch, cuda, builds, label)

    monkeypatch.setattr(framework, "_fit", counted)
    shared.context.kept.clear()
    shared.query('VMSeries | where name ~ "Shared" | check with "MyFW 3.0"')
    assert fits and len(fits) == len(set(fits))  # seven series, four GPUs: each fit once
    assert len({gpus for gpus, _, _ in fits}) == 4


def test_a_cuda_versions_compute_capabilities_are_compared_once_for_one_gpu(
        shared: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[str, ...]] = []
    real = hardware._capabilities

    def counted(fx, chain, hw, arch, cuda):  # type: ignore[no-untyped-def]
        compared.append((*hw.gpus, arch, cuda))
        return real(fx, chain, hw, arch, cuda)

    monkeypatch.setattr(hardware, "_capabilities", counted)
    shared.context.kept.clear()
    shared.query('VMSeries | where name ~ "Shared" | check with "CUDA 12.1"')
    assert compared and len(compared) == len(set(compared))
