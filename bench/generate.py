"""A synthetic graph in kg's own vocabulary, for the scale benchmarks.

Deterministic (seeded): the same size gives the same bytes. Shapes follow
``ontology/facts/*.trig``: every fact in a named graph that is its source, each source
described in the default graph (label en+de, section, document, firmness), labels in
English and German. VM series link to hubs (every series is supported by the real
``ent:compute-cluster``, half by ``ent:compute-instance``; each has one of the six real
VM categories) and to generated GPU architectures, GPUs and CUDA versions; each series
has VM sizes; framework releases have builds with many values in one cell (compute
capabilities, architectures); notes are about many entities. Every generated IRI and
label is plainly synthetic: ``ent:gen-series-123``, "Gen Series 123".

    python -m bench.generate 100000        # writes bench/.cache/gen-100000-v1.trig
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["generate", "ensure", "CACHE", "Layout", "VERSION"]

CACHE = Path(__file__).resolve().parent / ".cache"
VERSION = 1  #: bump when the shapes change (the cache file name carries it)
TRIPLES_PER_SERIES = 69.0  #: measured: quads per generated series, everything included
CATEGORIES = ["gpu-category"] * 6 + ["general-purpose", "memory-optimized",
                                     "compute-optimized", "high-performance-compute"]
FRAMEWORKS = ["GenTorch", "GenFlow", "GenJax"]
CHUNK = 25  #: series per source ("table") of generated series

_PREFIXES = """@prefix kg:      <https://w3id.org/azml-kg/ontology#> .
@prefix ent:     <https://w3id.org/azml-kg/id/> .
@prefix src:     <https://w3id.org/azml-kg/source/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


@dataclass(frozen=True)
class Layout:
    """How many of each thing a graph of about ``triples`` triples has."""

    triples: int

    @property
    def series(self) -> int:
        return max(CHUNK, int(self.triples / TRIPLES_PER_SERIES))

    @property
    def archs(self) -> int:
        return 40

    @property
    def cudas(self) -> list[str]:
        return [f"{major}.{minor}" for major in range(6, 18) for minor in range(10)]

    @property
    def gpus(self) -> int:
        return max(10, self.series // 20)

    @property
    def releases(self) -> int:
        return max(6, self.series // 10)

    @property
    def notes(self) -> int:
        return max(5, self.series // 10)


def lit(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def typed(text: str, datatype: str) -> str:
    return f'"{text}"^^{datatype}'


def labels(en: str, de: str) -> list[str]:
    return [lit(en, "en"), lit(de, "de")]


class Writer:
    """TriG out, one subject block at a time, counting triples."""

    def __init__(self, out: list[str]) -> None:
        self.out, self.count = out, 0

    def entity(self, subject: str, pairs: list[tuple[str, list[str]]], indent: str = "    ") -> None:
        parts = [(p, objs) for p, objs in pairs if objs]
        lines = [f"{indent}{subject} " + " ;\n".join(
            (f"{indent}    " if i else "") + f"{p} {' , '.join(objs)}"
            for i, (p, objs) in enumerate(parts)) + " ."]
        self.count += sum(len(objs) for _, objs in parts)
        self.out.extend(lines)

    def graph(self, name: str, body: Iterator[None]) -> None:
        self.out.append(f"{name} {{")
        for _ in body:
            pass
        self.out.append("}\n")


def cuda_iri(version: str) -> str:
    return f"ent:gen-cuda-{version}"


def arch_iri(i: int) -> str:
    return f"ent:gen-arch-{i}"


def series_iri(i: int) -> str:
    return f"ent:gen-series-{i}"


def gpu_of(layout: Layout, i: int) -> int | None:
    """The GPU of series ``i`` (GPU-category series only)."""
    return i % layout.gpus if CATEGORIES[i % len(CATEGORIES)] == "gpu-category" else None


def arch_of_gpu(layout: Layout, g: int) -> int:
    return (g * 7) % layout.archs


def generate(triples: int, seed: int = 11) -> tuple[str, int]:
    """The TriG text of a graph of about ``triples`` triples, and its exact triple count."""
    from bench.genparts import default_graph, hardware, notes, releases, series_chunk

    layout, rng = Layout(triples), random.Random(seed)
    out: list[str] = [f"# Synthetic kg graph, about {triples:,} triples (bench/generate.py, "
                      f"v{VERSION}, seed {seed}). Not real data.\n", _PREFIXES]
    w = Writer(out)
    sources: list[tuple[str, str, str]] = []  # (source curie, English label, German label)
    hardware(w, layout, rng, sources)
    for start in range(0, layout.series, CHUNK):
        series_chunk(w, layout, rng, range(start, min(start + CHUNK, layout.series)), sources)
    releases(w, layout, rng, sources)
    notes(w, layout, rng, sources)
    default_graph(w, sources)
    return "\n".join(out) + "\n", w.count


def ensure(triples: int, cache: Path = CACHE) -> Path:
    """The cached file for ``triples`` (generated and written once)."""
    path = cache / f"gen-{triples}-v{VERSION}.trig"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        text, _ = generate(triples)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> None:
    """Write (or find) the graph of each size asked for and print its path."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split(
        "\n\n")[0], epilog="e.g. python -m bench.generate 100000 1000000")
    parser.add_argument("triples", nargs="*", type=int, default=[100_000],
                        help="the size of each graph, in triples (default: 100000)")
    for triples in parser.parse_args(argv).triples:  # (`--help` was a traceback: hunt139 F8)
        print(ensure(triples))


if __name__ == "__main__":
    main()
