"""The required statements of the KGQ spec (``shared/spec/query-language.md``) that both
the benchmarks time and the endpoint tests answer locally and remotely: one list."""

from __future__ import annotations

__all__ = ["SPEC_STATEMENTS"]

SPEC_STATEMENTS = (
    "VMSeries | where category = GPU | count",
    "VMSeries | where has supportedBy | count by category",
    "TrainingTarget | where supports AutoML | show name",
    "TrainingTarget | show name, supports(AutoML), supports(Pipelines), supports(Designer)",
    'VMSeries | where supportedBy = "compute cluster" and not supportedBy = "compute instance"',
    "GPUArchitecture | where minCuda >= 10.0 | show name, minCuda | sort minCuda",
    "VMSeries | where architecture = Pascal | show name",
    "NCasT4_v3.architecture.minCuda",
    "InferenceTarget | where gpuSupport = true | show name",
    "VMSize | where isolated and rdma | show name, series",
    "VMSeries | where has retiredOn | show name, retiredOn | sort retiredOn",
    'describe "Azure Container Instances"',
    'path NCv3 to "CUDA 9.0"',
)
