"""The parts of the synthetic graph (see :mod:`bench.generate`): hardware, series with
their sizes, framework releases with builds, notes, and the sources' descriptions."""

from __future__ import annotations

import random
from collections.abc import Iterator

from bench.generate import (
    CATEGORIES,
    CHUNK,
    FRAMEWORKS,
    Layout,
    Writer,
    arch_iri,
    arch_of_gpu,
    cuda_iri,
    gpu_of,
    labels,
    lit,
    series_iri,
    typed,
)

Sources = list[tuple[str, str, str]]
VERSION_T = "kg:version"


def _source(sources: Sources, name: str, en: str, de: str) -> str:
    curie = f"src:gen-{name}"
    sources.append((curie, en, de))
    return curie


def hardware(w: Writer, layout: Layout, rng: random.Random, sources: Sources) -> None:
    """CUDA versions and GPU architectures (one source), GPUs (one source per 50)."""
    name = _source(sources, "cuda-table", "Generated CUDA table", "Generierte CUDA-Tabelle")
    w.graph(name, _cuda_and_archs(w, layout, rng))
    for start in range(0, layout.gpus, 50):
        name = _source(sources, f"gpus-{start // 50}", f"Generated GPU list {start // 50}",
                       f"Generierte GPU-Liste {start // 50}")
        w.graph(name, _gpus(w, layout, rng, range(start, min(start + 50, layout.gpus))))


def _cuda_and_archs(w: Writer, layout: Layout, rng: random.Random) -> Iterator[None]:
    cudas = layout.cudas
    for v in cudas:
        w.entity(cuda_iri(v), [
            ("a", ["kg:CudaVersion"]),
            ("rdfs:label", labels(f"Gen CUDA {v}", f"Gen-CUDA {v}")),
            ("skos:altLabel", [lit(f"gen-cu{v.replace('.', '')}")]),
            ("kg:versionNumber", [typed(v, VERSION_T)]),
            ("kg:minComputeCapability", [typed(f"{rng.randint(3, 6)}.0", VERSION_T)]),
        ])
        yield None
    for i in range(layout.archs):
        low = rng.randrange(0, len(cudas) - 40)
        removed = [cuda_iri(cudas[low + rng.randint(20, 39)])] if i % 4 == 0 else []
        w.entity(arch_iri(i), [
            ("a", ["kg:GPUArchitecture"]),
            ("rdfs:label", labels(f"Gen Arch {i}", f"Gen-Architektur {i}")),
            ("kg:minCuda", [cuda_iri(cudas[low])]),
            ("kg:removedInCuda", removed),
            ("kg:computeCapability", [typed(f"{3 + i // 5}.{i % 5}", VERSION_T)]),
            ("kg:order", [str(100 + i)]),
        ])
        yield None


def _gpus(w: Writer, layout: Layout, rng: random.Random, which: range) -> Iterator[None]:
    for g in which:
        arch = arch_of_gpu(layout, g)
        w.entity(f"ent:gen-gpu-{g}", [
            ("a", ["kg:GPU"]),
            ("rdfs:label", labels(f"Gen GPU {g}", f"Gen-GPU {g}")),
            ("skos:altLabel", [lit(f"GG{g}"), lit(f"Gen Tesla {g}")]),
            ("kg:architecture", [arch_iri(arch)]),
            ("kg:gpuMemoryGB", [typed(str(rng.choice([16, 24, 32, 40, 48, 80, 96])), "xsd:decimal")]),
            ("kg:computeCapability", [typed(f"{3 + arch // 5}.{arch % 5}", VERSION_T)]),
        ])
        yield None


def series_chunk(w: Writer, layout: Layout, rng: random.Random, which: range,
                 sources: Sources) -> None:
    """One table of series (one source), its CUDA rows (another), its sizes (a third)."""
    c = which.start // CHUNK
    table = _source(sources, f"series-table-{c}", f"Generated series table {c}",
                    f"Generierte Serientabelle {c}")
    w.graph(table, _series(w, layout, rng, which))
    rows = _source(sources, f"cuda-rows-{c}", f"Generated CUDA rows {c}",
                   f"Generierte CUDA-Zeilen {c}")
    w.graph(rows, _series_hardware(w, layout, which))
    sizes = _source(sources, f"sizes-{c}", f"Generated VM sizes {c}",
                    f"Generierte VM-Größen {c}")
    w.graph(sizes, _sizes(w, layout, rng, which))


def _series(w: Writer, layout: Layout, rng: random.Random, which: range) -> Iterator[None]:
    for i in which:
        category = CATEGORIES[i % len(CATEGORIES)]
        retired = [typed(f"20{rng.randint(19, 27)}-0{rng.randint(1, 9)}-{rng.randint(10, 28)}",
                         "xsd:date")] if i % 7 == 0 else []
        w.entity(series_iri(i), [
            ("a", ["kg:VMSeries"]),
            ("rdfs:label", labels(f"Gen Series {i}", f"Gen-Serie {i}")),
            ("skos:altLabel", [lit(f"GS{i}", "en")]),
            ("kg:category", [f"ent:{category}"]),
            ("kg:supportedBy", ["ent:compute-cluster"] + (["ent:compute-instance"] if i % 2 == 0 else [])),
            ("kg:maxGpuCount", [str(rng.choice([1, 2, 4, 8]))] if gpu_of(layout, i) is not None else []),
            ("kg:retiredOn", retired),
            ("kg:link", [typed(f"https://example.invalid/gen/series-{i}", "xsd:anyURI")]),
            ("kg:order", [str(1000 + i)]),
        ])
        yield None


def _series_hardware(w: Writer, layout: Layout, which: range) -> Iterator[None]:
    """The CUDA-table rows: a GPU series' architecture and GPU; every fifth series' category
    again (one fact, two sources)."""
    for i in which:
        g = gpu_of(layout, i)
        pairs = [("kg:category", [f"ent:{CATEGORIES[i % len(CATEGORIES)]}"])] if i % 5 == 0 else []
        if g is not None:
            pairs += [("kg:architecture", [arch_iri(arch_of_gpu(layout, g))]),
                      ("kg:gpu", [f"ent:gen-gpu-{g}"])]
        if pairs:
            w.entity(series_iri(i), pairs)
            yield None


def _sizes(w: Writer, layout: Layout, rng: random.Random, which: range) -> Iterator[None]:
    for i in which:
        gpu = gpu_of(layout, i) is not None
        for k in range(4):
            vcpus = 2 ** (k + 2)
            count = [str(2 ** k)] if gpu else []
            flag = (lambda: ["true" if rng.random() < 0.4 else "false"]) if gpu else (lambda: [])
            w.entity(f"ent:gen-size-{i}-{k}", [
                ("a", ["kg:VMSize"]),
                ("rdfs:label", labels(f"Standard_Gen{i}_{k}", f"Standard_Gen{i}_{k}")),
                ("skos:altLabel", [lit(f"Gen{i}_{k}")]),
                ("kg:series", [series_iri(i)]),
                ("kg:vcpus", [str(vcpus)]),
                ("kg:memoryGB", [typed(str(vcpus * 7), "xsd:decimal")]),
                ("kg:isolated", ["true" if k == 3 and i % 3 == 0 else "false"]),
                ("kg:rdma", ["true" if k >= 2 else "false"]),
                ("kg:gpuCount", count),
                ("kg:gpuMemoryGB", [typed(str(16 * 2 ** k), "xsd:decimal")] if gpu else []),
                ("kg:infiniband", flag()),
                ("kg:nvlink", flag()),
            ])
        yield None


def releases(w: Writer, layout: Layout, rng: random.Random, sources: Sources) -> None:
    """Framework releases with four builds each, one source per 20 releases."""
    name = _source(sources, "frameworks", "Generated frameworks", "Generierte Frameworks")
    w.graph(name, _frameworks(w))
    for start in range(0, layout.releases, 20):
        n = start // 20
        name = _source(sources, f"releases-{n}", f"Generated release matrix {n}",
                       f"Generierte Release-Matrix {n}")
        w.graph(name, _releases(w, layout, rng, range(start, min(start + 20, layout.releases))))


def _frameworks(w: Writer) -> Iterator[None]:
    for k, fw in enumerate(FRAMEWORKS):
        w.entity(f"ent:gen-framework-{k}", [("a", ["kg:Framework"]),
                                            ("rdfs:label", labels(fw, fw))])
        yield None


def _releases(w: Writer, layout: Layout, rng: random.Random, which: range) -> Iterator[None]:
    cudas = layout.cudas
    for r in which:
        fw = r % len(FRAMEWORKS)
        n = r // len(FRAMEWORKS)
        version = f"{n // 10}.{n % 10}.{rng.randint(0, 3)}"
        name = f"{FRAMEWORKS[fw]} {version}"
        builds = sorted(rng.sample(cudas, 4), key=lambda v: tuple(map(int, v.split("."))))
        iri = f"ent:gen-release-{r}"
        w.entity(iri, [
            ("a", ["kg:FrameworkRelease"]),
            ("rdfs:label", labels(name, name)),
            ("kg:versionNumber", [typed(version, VERSION_T)]),
            ("kg:framework", [f"ent:gen-framework-{fw}"]),
            ("kg:cudaBuild", [cuda_iri(v) for v in builds]),
            ("kg:build", [f"{iri}-cuda-{v}" for v in builds]),
        ])
        for v in builds:
            _build(w, layout, rng, f"{iri}-cuda-{v}", name, v)
        yield None


def _build(w: Writer, layout: Layout, rng: random.Random, iri: str, name: str, v: str) -> None:
    archs = sorted(rng.sample(range(layout.archs), 3))
    w.entity(iri, [
        ("a", ["kg:FrameworkBuild"]),
        ("rdfs:label", labels(f"{name} + Gen CUDA {v}", f"{name} + Gen-CUDA {v}")),
        ("skos:altLabel", [lit(f"{name} gen-cu{v.replace('.', '')}")]),
        ("kg:buildCuda", [cuda_iri(v)]),
        ("kg:buildChannel", [lit("pip"), lit("conda")]),
        ("kg:includesCapability", [typed(f"{3 + a // 5}.{a % 5}", VERSION_T)
                                   for a in sorted(rng.sample(range(layout.archs), 6))]),
        ("kg:includesArchitecture", [arch_iri(a) for a in archs]),
        ("kg:cudnn", [typed(f"{rng.randint(7, 9)}.{rng.randint(0, 9)}", VERSION_T)]),
    ])


def notes(w: Writer, layout: Layout, rng: random.Random, sources: Sources) -> None:
    """Notes about 25 series each, plus one hub note about every fourth series."""
    name = _source(sources, "notes", "Generated notes", "Generierte Hinweise")
    w.graph(name, _notes(w, layout, rng))


def _notes(w: Writer, layout: Layout, rng: random.Random) -> Iterator[None]:
    for n in range(layout.notes):
        about = sorted(rng.sample(range(layout.series), min(25, layout.series)))
        w.entity(f"ent:gen-note-{n}", [
            ("a", ["kg:Note"]),
            ("rdfs:label", labels(f"Gen note {n}", f"Gen-Hinweis {n}")),
            ("kg:text", [lit(f"Generated note {n} about {len(about)} series.", "en"),
                         lit(f"Generierter Hinweis {n} zu {len(about)} Serien.", "de")]),
            ("kg:about", [series_iri(i) for i in about]),
        ])
        yield None
    w.entity("ent:gen-hub-note", [
        ("a", ["kg:Note"]),
        ("rdfs:label", labels("Gen hub note", "Gen-Sammelhinweis")),
        ("kg:text", [lit("A generated note about every fourth series.", "en"),
                     lit("Ein generierter Hinweis zu jeder vierten Serie.", "de")]),
        ("kg:about", [series_iri(i) for i in range(0, layout.series, 4)]),
    ])
    yield None


def default_graph(w: Writer, sources: Sources) -> None:
    """The sources' descriptions and their documents, in the default graph."""
    w.out.append("# --- sources and documents (default graph) ---")
    docs = (len(sources) + 9) // 10
    for d in range(docs):
        w.entity(f"src:gen-doc-{d}", [
            ("a", ["kg:Document"]),
            ("rdfs:label", labels(f"Generated document {d}", f"Generiertes Dokument {d}")),
            ("kg:repository", [lit("example/generated")]),
            ("kg:filePath", [lit(f"gen/doc-{d}.md")]),
            ("kg:commit", [lit(f"{d:040x}")]),
            ("dcterms:date", [typed("2025-01-01", "xsd:date")]),
        ], indent="")
    for n, (curie, en, de) in enumerate(sources):
        doc = f"src:gen-doc-{n // 10}"
        w.entity(curie, [
            ("a", ["kg:Source"]),
            ("rdfs:label", labels(en, de)),
            ("kg:section", labels(en, de)),
            ("dcterms:isPartOf", [doc]),
            ("prov:wasDerivedFrom", [doc]),
            ("kg:firmness", [lit("secondary" if n % 17 == 5 else "primary")]),
        ], indent="")
