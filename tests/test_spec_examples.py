"""Every example of the spec (§6) answers as the documentation says."""

from __future__ import annotations

import datetime

from kg.result import EntityRef
from kg.session import Graph


def names(graph: Graph, text: str, column: int = 0) -> list[str]:
    return [str(row[column]) for row in graph.query(text).rows]


def test_gpu_series_count(graph: Graph) -> None:
    assert graph.query("VMSeries | where category = GPU | count").rows == [[10]]


def test_supported_series_by_category(graph: Graph) -> None:
    result = graph.query("VMSeries | where has supportedBy | count by category")
    assert result.columns == ["category", "count"]
    counts = {str(cat): n for cat, n in result.rows}
    assert counts == {
        "General purpose": 5, "Memory optimized": 4, "Compute optimized": 2,
        "High performance compute": 5, "Storage optimized": 1, "GPU": 10,
    }
    assert sum(counts.values()) == 27


def test_automl_targets(graph: Graph) -> None:
    got = names(graph, "TrainingTarget | where supports AutoML | show name")
    assert len(got) == 7
    assert "Azure Machine Learning Kubernetes" not in got
    assert set(got) == {
        "Local computer", "Azure Machine Learning compute cluster",
        "Azure Machine Learning serverless compute", "Azure Machine Learning compute instance",
        "Remote VM", "Apache Spark pools (preview)", "Azure Databricks",
    }


def test_training_matrix_with_qualifiers(graph: Graph) -> None:
    result = graph.query("TrainingTarget | show name, supports(AutoML), supports(Pipelines), "
                         "supports(Designer)")
    assert result.columns == ["name", "supports(AutoML)", "supports(Pipelines)",
                              "supports(Designer)"]
    rows = {str(r[0]): tuple(r[1:]) for r in result.rows}
    assert rows["Azure Machine Learning compute instance"] == ("yes (through SDK)", "yes", "yes")
    assert rows["Azure Machine Learning Kubernetes"] == ("no", "yes", "yes")
    assert rows["Azure Databricks"] == ("yes (SDK local mode only)", "yes", "no")
    assert rows["Azure Batch"] == ("no", "yes", "no")
    assert rows["Local computer"] == ("yes", "no", "no")


def test_training_matrix_in_german(graph: Graph) -> None:
    result = graph.query("TrainingTarget | where name ~ \"instanz\" | show supports(AutoML)",
                         lang="de")  # the name its cell shows: "…-Computeinstanz"
    assert result.rows == [["ja (über SDK)"]]


def test_cluster_but_not_instance(graph: Graph) -> None:
    got = names(graph, 'VMSeries | where supportedBy = "compute cluster" and not '
                       'supportedBy = "compute instance"')
    assert got == ["FX"]


def test_architectures_from_cuda_10(graph: Graph) -> None:
    result = graph.query("GPUArchitecture | where minCuda >= 10.0 | show name, minCuda "
                         "| sort minCuda")
    # The page's rows (Turing 10.0, Ampere 11.0), then the newer architectures whose minimum
    # CUDA comes from NVIDIA/LLVM (issue 10 §2: outside facts hold in every revision).
    assert [(str(a), str(b)) for a, b in result.rows] == [
        ("Turing", "CUDA 10.0"), ("Ampere", "CUDA 11.0"), ("Ada Lovelace", "CUDA 11.8"),
        ("Hopper", "CUDA 11.8"), ("Blackwell", "CUDA 12.8")]


def test_pascal_series(graph: Graph) -> None:
    assert names(graph, "VMSeries | where architecture = Pascal | show name") == ["NCv2", "ND"]


def test_both_spellings_reach_one_series(graph: Graph) -> None:
    assert names(graph, "NCasT4_v3.architecture.minCuda") == ["CUDA 10.0"]
    assert names(graph, "NCT4_v3.architecture.minCuda") == ["CUDA 10.0"]
    assert graph.query("NDA100_v4").rows == graph.query("NDasrA100_v4").rows


def test_inference_targets_with_gpu(graph: Graph) -> None:
    got = names(graph, "InferenceTarget | where gpuSupport = true | show name")
    assert got == ["Azure Machine Learning endpoints", "Azure Machine Learning Kubernetes"]


def test_blank_gpu_support_is_not_false(graph: Graph) -> None:
    got = names(graph, "InferenceTarget | where not gpuSupport | show name")
    assert set(got) == {"Local web service", "Azure Container Instances"}


def test_isolated_rdma_sizes(graph: Graph) -> None:
    result = graph.query("VMSize | where isolated and rdma | show name, series")
    assert [(str(a), str(b)) for a, b in result.rows] == [("Standard_NC24rs_v3", "NCv3")]


def test_retired_series_sorted_by_date(graph: Graph) -> None:
    result = graph.query("VMSeries | where has retiredOn | show name, retiredOn | sort retiredOn")
    dates = [row[1] for row in result.rows]
    assert dates == sorted(dates)
    by_name = {str(n): d for n, d in result.rows}
    assert by_name["NC"] == datetime.date(2023, 8, 31)
    assert by_name["HB"] == datetime.date(2024, 8, 31)
    assert by_name["Av1"] == datetime.date(2024, 8, 31)


def test_describe_container_instances(graph: Graph) -> None:
    result = graph.query('describe "Azure Container Instances"')
    assert result.kind == "describe"
    assert result.columns == ["direction", "property", "value", "source"]
    facts = {(str(p), str(v)) for d, p, v, s in result.rows if d == "out"}
    assert ("max memory (GB)", "48") in facts
    assert ("max model size (GB)", "1") in facts
    assert all(s for *_, s in result.rows), "every fact names its source"


def test_path_to_cuda(graph: Graph) -> None:
    result = graph.query('path NCv3 to "CUDA 9.0"')
    steps = [(str(s), str(p), str(o)) for _, _, s, p, o in result.rows]
    assert steps == [("NCv3", "architecture", "Volta"), ("Volta", "minimum CUDA", "CUDA 9.0")]


def test_versions_compare_component_by_component(graph: Graph) -> None:
    older = names(graph, "GPUArchitecture | where minCuda < 10.0 | show name")
    assert set(older) == {"Volta", "Pascal", "Maxwell", "Kepler"}
    assert names(graph, "GPUArchitecture | where minCuda <= 9.0 | show name") == \
        names(graph, "GPUArchitecture | where minCuda < 10.0 | show name")


def test_entities_keep_iris(graph: Graph) -> None:
    row = graph.query("VMSeries | where name = \"NCv3\" | show name, architecture").rows[0]
    assert isinstance(row[1], EntityRef) and row[1].iri.endswith("/Volta")


def test_from_reads_facts_of_one_source_only(graph: Graph) -> None:
    def used_for(text: str) -> dict[str, object]:
        return {str(r[0]): r[1] for r in graph.query(text).rows}

    k8s = "Azure Machine Learning Kubernetes"
    everywhere = used_for("InferenceTarget | show name, usedFor")
    v1 = used_for("InferenceTarget from page-inference-table-v1 | show name, usedFor")
    v2 = used_for('InferenceTarget from "Inference targets table (SDK/CLI v2)" | show name, usedFor')
    assert len(everywhere[k8s]) == 2  # type: ignore[arg-type]
    assert str(v1[k8s]) == "Real-time inference"
    assert set(v1) == {"Local web service", k8s, "Azure Container Instances"}
    assert set(v2) == {"Azure Machine Learning endpoints", k8s}


def test_is_within_a_source_knows_the_class_tree(graph: Graph) -> None:
    """`is CLASS` under `from` holds for instances of the class's subclasses typed in that
    source, as the pipeline's start does: the class tree is the ontology's, not a fact the
    source must state (it once walked rdfs:subClassOf inside the source: no rows)."""
    within = 'Target from "Training targets table"'
    every = graph.query(f"{within} | show name").rows
    assert len(every) == 11
    assert graph.query(f"{within} | where is Target | show name").rows == every
    assert graph.query(f"{within} | where is TrainingTarget | show name").rows == every
    assert graph.query(f"{within} | where is InferenceTarget | count").rows == [[0]]


def test_from_an_unknown_source_suggests_one(graph: Graph) -> None:
    import pytest

    from kg.errors import QueryError

    with pytest.raises(QueryError) as info:
        graph.query("InferenceTarget from page-inference-table-v3")
    assert info.value.problems[0].message == "unknown source `page-inference-table-v3`"
    assert "page-inference-table-v1" in (info.value.problems[0].hint or "")
