"""kg's compiled SPARQL on Apache Jena ARQ (Debian's ``libapache-jena-java``), the query
engine of Jena Fuseki and the reference implementation of SPARQL 1.1: the documented
examples, the spec's statements, the golden plans and fuzz statements, in English and
German, at two revisions, give the rows pyoxigraph gives (issue 11 §2: plain SPARQL 1.1,
the same text on any engine; the README names Fuseki as a server kg runs on).

Jena runs in one JVM per revision (``tests/arq/RunQueries.java``, started by ``java`` as a
source file), every query in turn, on the revision's quads with their union as the default
graph, as kg reads a store."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.spec import SPEC_STATEMENTS
from fuzz.mix import statements
from kg.plans import MEMBERS, OTHERS, sparql_of
from kg.session import Graph
from kg.steps import run_steps
from tests.conftest import SEED, SEVERAL
from tests.test_plans import CASES, EXAMPLES, _items, _params

JAVA_LIB = Path("/usr/share/java")
RUNNER = Path(__file__).resolve().parent / "arq" / "RunQueries.java"
#: Jena's jars and what they need, as Debian names them (libapache-jena-java's dependencies).
JARS = ("jena-arq", "jena-base", "jena-core", "jena-iri", "commons-cli", "commons-codec",
        "commons-compress", "commons-csv", "commons-io", "commons-lang3", "guava", "gson",
        "jackson-core", "jackson-databind", "jackson-annotations", "jsonld-java",
        "dexx.collection", "httpclient", "httpcore", "slf4j-api", "slf4j-nop", "thrift",
        "protobuf", "titanium-json-ld", "jakarta.json-api")
FUZZ, FUZZ_SEED = 4000, 23


def _classpath(tmp: Path) -> str:
    jdk = shutil.which("java") and shutil.which("javac")  # java runs a source file with a JDK
    missing = [name for name in JARS if not (JAVA_LIB / f"{name}.jar").is_file()]
    if not jdk or missing:
        pytest.fail("Apache Jena or a JDK is not installed: apt-get install "
                    "libapache-jena-java default-jdk-headless (.ci/run installs them)"
                    + (f"; missing: {', '.join(missing)}" if missing else ""))
    # Debian 12's jena-core moves Xerces' classes to `xerces.*` but leaves the regular
    # expressions' messages under org/apache/jena/ext/xerces/: Jena then fails to start
    # ("internal error" in XSSimpleTypeDecl.applyFacets1). Copied to where the classes look.
    moved = "org/apache/jena/ext/xerces/impl/xpath/regex/"
    with zipfile.ZipFile(JAVA_LIB / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(moved) and not name.endswith("/"):
                target = tmp / "resources" / "xerces/impl/xpath/regex" / name[len(moved):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return ":".join([*(str(JAVA_LIB / f"{name}.jar") for name in JARS), str(tmp / "resources")])


def _texts() -> tuple[list[str], dict[str, str]]:
    texts = [*EXAMPLES, *SPEC_STATEMENTS, *SEVERAL]
    params: dict[str, str] = {}
    for case in sorted(CASES.iterdir()):
        if (case / "query.kgq").is_file():
            texts.append((case / "query.kgq").read_text())
            params.update(_params(case))
    fuzz, fuzz_params = statements(FUZZ, seed=FUZZ_SEED)
    return [*texts, *fuzz], {**fuzz_params, **params}


def _queries(graph: Graph, texts: list[str], params: dict[str, str]) -> dict[str, str]:
    """Each distinct query kg sends for ``texts`` (in both languages; a plan's steps
    filled as the executor fills them), with the statement it came from."""
    found: dict[str, str] = {}
    for text in texts:
        for lang in ("en", "de"):
            try:
                plan = graph.compile(text, params, lang=lang)
                sparql = sparql_of(plan)
                if not sparql:
                    continue
                steps = getattr(plan, "steps", ())
                if steps:
                    found.setdefault(steps[0].sparql, text)
                    sparql = run_steps(sparql, steps, lang, graph.context)[0]
                    if sparql is None:  # a step leaves no entity: no query is sent
                        continue
            except Exception:  # noqa: BLE001 - not a statement (the fuzz): nothing to run
                continue
            found.setdefault(sparql, f"{lang}: {text}")
    return found


def _rows(values: list[list[str]], names: list[str]) -> set[tuple[str, ...]]:
    """Distinct rows, a gathered cell as its set of items (tests/test_plans.py); a grouped
    `collect`'s groups (kg.planner.grouped) by their keys' sets of items, as kg.grouping
    merges them: an engine gathers each entity's keys in an order of its own."""
    rows = {tuple(_items(v) for v in row) for row in values}
    if MEMBERS not in names:
        return rows
    at, others = names.index(MEMBERS), names.index(OTHERS)
    merged: dict[tuple[str, ...], tuple[set[str], int]] = {}
    for row in rows:
        key = tuple(v for i, v in enumerate(row) if i not in (at, others))
        members, count = merged.get(key, (set(), 0))
        merged[key] = (members | set(row[at].split()), count + int(row[others] or 0))
    return {(*key, " ".join(sorted(members)), str(count))
            for key, (members, count) in merged.items()}


@pytest.mark.parametrize("as_of", [SEED, None], ids=["seed", "latest"])
def test_jena_arq_answers_kgs_sparql_as_pyoxigraph(tmp_path: Path, as_of: str | None) -> None:
    classpath = _classpath(tmp_path)
    graph = Graph.open(as_of=as_of)
    texts, params = _texts()
    queries = _queries(graph, texts, params)
    data = tmp_path / "data.nq"
    data.write_bytes(graph.store.store.dump(format=ox.RdfFormat.N_QUADS))  # type: ignore[union-attr]
    folder = tmp_path / "queries"
    folder.mkdir()
    for n, sparql in enumerate(queries):
        (folder / f"{n:05d}.rq").write_text(sparql, "utf-8")
    run = subprocess.run(["java", "-cp", classpath, str(RUNNER), str(data), str(folder)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]

    refused, differ = [], []
    for n, (sparql, text) in enumerate(queries.items()):
        err = folder / f"{n:05d}.err"
        if err.exists():
            refused.append((text, err.read_text()[:300]))
            continue
        answer = json.loads((folder / f"{n:05d}.json").read_text("utf-8"))
        names = answer["head"]["vars"]
        jena = [[b.get(v, {}).get("value", "") for v in names] for b in answer["results"]["bindings"]]
        ox_names, rows = graph.store.select(sparql)
        oxigraph = [["" if t is None else t.value for t in row] for row in rows]
        if _rows(jena, names) != _rows(oxigraph, ox_names):
            differ.append(text)
    assert refused == []
    assert differ == []
    assert len(queries) > 500  # the examples, the plans and the fuzz: many shapes
    assert sum("GROUP_CONCAT" in q for q in queries) > 20  # gathered cells
