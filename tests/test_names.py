"""Names people type: abbreviations, spaces for hyphens, versions written short or long,
and suggestions that rank the nearest version first."""

from __future__ import annotations

import pytest

from kg import Graph
from kg.errors import QueryError
from kg.names import loose_key, version_forms


def _iri(graph: Graph, name: str) -> str:
    return graph.query(f'describe "{name}"').subject.iri  # type: ignore[union-attr]


@pytest.mark.parametrize(("typed", "meant"), [
    ("CUDA 12", "CUDA 12.0"),
    ("cuda 11", "CUDA 11.0"),
    ("PyTorch 2.4.1", "PyTorch 2.4"),
    ("ND H100 v5", "ND-H100-v5"),
    ("nd h200 v5", "ND-H200-v5"),
    ("NCads H100 v5", "NCads_H100_v5"),
    ("ACI", "Azure Container Instances"),
    ("AKS", "Azure Kubernetes Service"),
])
def test_a_name_people_type_means_the_entity(latest: Graph, typed: str, meant: str) -> None:
    assert _iri(latest, typed) == _iri(latest, meant)


def test_the_check_of_a_typed_name_is_the_check_of_the_entity(latest: Graph) -> None:
    typed = latest.query('check "ND H100 v5" with "PyTorch 2.4.1"')
    exact = latest.query('check ND-H100-v5 with "PyTorch 2.4"')
    assert typed.rows == exact.rows


def test_an_exact_name_wins_over_a_loose_one(latest: Graph) -> None:
    assert _iri(latest, "CUDA 12.0") != _iri(latest, "CUDA 12.1")
    assert _iri(latest, "12.1") == _iri(latest, "CUDA 12.1")  # an alias, exactly


def test_an_unknown_version_suggests_the_nearest_versions(latest: Graph) -> None:
    with pytest.raises(QueryError) as info:
        latest.query('check NCv3 with "CUDA 12.7"')
    assert info.value.problems[0].hint == "did you mean `CUDA 12.6` or `CUDA 12.8` or `CUDA 12.5`?"
    with pytest.raises(QueryError) as info:
        latest.query('check NCv3 with "PyTorch 2.19"')
    assert info.value.problems[0].hint is not None
    assert info.value.problems[0].hint.startswith("did you mean `PyTorch 2.14`")


def test_a_name_that_means_nothing_is_still_unknown(latest: Graph) -> None:
    with pytest.raises(QueryError, match="unknown entity `Nonsense 12`"):
        latest.query('describe "Nonsense 12"')


def test_the_abbreviations_have_a_source(latest: Graph) -> None:
    rows = latest.query("describe ACI").rows
    (alias,) = [r for r in rows if str(r[1]) == "altLabel" and r[2] == "ACI"]
    assert "ACI and AKS" in str(alias[3])


def test_rules() -> None:
    assert loose_key("ND H100 v5") == loose_key("nd-h100_v5") == "ndh100v5"
    assert version_forms("CUDA 12") == ["CUDA 12.0"]
    assert version_forms("PyTorch 2.4.1") == ["PyTorch 2.4"]
    assert version_forms("TensorFlow 2.16.1.3") == ["TensorFlow 2.16.1", "TensorFlow 2.16"]
    assert version_forms("Volta") == [] and version_forms("12") == []
