"""kg on a real SPARQL server: Oxigraph server (the `oxigraph` package from PyPI) started
on a free loopback port, the graph published through the Graph Store Protocol, and the
spec examples and the compatibility table answered through the SPARQL 1.1 Protocol with
the same answers as the embedded graph (issue 11 §3)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.remote import free_port, oxigraph_server
from bench.spec import SPEC_STATEMENTS
from kg import render
from kg.endpoint import UNION, EndpointStore, union_graph
from kg.errors import ExecutionError, QueryError, UsageError
from kg.output import Format, OutputContext, write
from kg.publish import MANIFEST_GRAPH, plan_uploads, publish, published_before
from kg.saved import load_saved
from kg.session import Graph
from kg.tables import table_markdown
from tests.conftest import SEVERAL

SEED = "2024-01-23"
SPEC = [*SPEC_STATEMENTS, "neighbors NCv3 depth 2", "schema", "schema VMSeries",
        'describe "CUDA table"', *SEVERAL]


@pytest.fixture(autouse=True)
def _no_timed_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The requests a statement costs, counted here, leave out the check a session makes
    every 30 s that kg's graph is still there (tested on its own, below)."""
    import kg.endpoint

    monkeypatch.setattr(kg.endpoint, "VERIFY_EVERY", 1e9)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """An Oxigraph server on a free loopback port, in memory, for this module."""
    try:
        with oxigraph_server() as url:
            yield url
    except RuntimeError as exc:  # not installed, or it did not start: say why
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def published(server: str) -> str:
    publish(f"{server}/store", plan_uploads(previous=published_before(f"{server}/store")))
    return server


@pytest.fixture(scope="module")
def remote(published: str) -> Graph:
    return Graph.open(endpoint=f"{published}/query", as_of=SEED)


@pytest.fixture(scope="module")
def local() -> Graph:
    return Graph.open(as_of=SEED)


@pytest.mark.parametrize("text", SPEC)
def test_spec_examples_answer_the_same_remotely(local: Graph, remote: Graph, text: str) -> None:
    assert remote.query(text).records() == local.query(text).records()


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("text", [
    "ManagedCompute | show name, ^supportedBy, ^supportedBy.^series",
    "GPUArchitecture | show name, ^architecture",
    "VMSeries | where has architecture | collect name by architecture",
    "VMSeries | collect name by supportedBy, category",
    "TrainingTarget | count by supports(AutoML), supports(Pipelines)",
    'describe "compute cluster"',
])
def test_cells_groups_and_describe_read_their_names_remotely(local: Graph, remote: Graph,
                                                            text: str, lang: str) -> None:
    """Gathered cells, a collect the server groups, a count of support cells and a hub's
    describe, their names read in queries of their own: as on the embedded graph, with
    each entity's IRI."""
    assert remote.query(text, lang=lang).records(ids=True) == \
        local.query(text, lang=lang).records(ids=True)


def test_compatibility_table_answers_the_same_remotely(local: Graph, remote: Graph) -> None:
    from tests.test_compat import CASES

    for a, b, _, _ in CASES:
        text = f"check {a} with {b}"
        assert remote.query(text).rows == local.query(text).rows, text


def test_a_streamed_result_is_the_same_remotely(local: Graph, remote: Graph,
                                               published: str) -> None:
    """Streamed parts (ordered in the server's SPARQL) and `kg query --endpoint` writing
    JSON Lines as they come, against the embedded graph's whole result."""
    for text in ("VMSize | show name, series", "TrainingTarget | show name, supports(AutoML)",
                 'VMSeries | where category = GPU | check with "CUDA 12.1" | show name, verdict'):
        assert [row for part in remote.stream(text, rows=4) for row in part.rows] == \
            local.query(text).rows, text
    out = subprocess.run([sys.executable, "-m", "kg", "--endpoint", f"{published}/query",
                          "--as-of", SEED, "query", "--format", "jsonl", "VMSize | show name"],
                         capture_output=True, text=True, check=True).stdout
    assert out == render(local.query("VMSize | show name"), "jsonl")


def test_latest_revision_by_default(published: str) -> None:
    remote, local = Graph.open(endpoint=f"{published}/query"), Graph.open()
    assert remote.store.revision == local.store.revision
    for text in ("VMSeries | count", "VMSeries | where category = GPU | show name"):
        assert remote.query(text).records() == local.query(text).records()


def test_check_with_costs_a_bounded_number_of_requests(published: str) -> None:
    """Checking many rows costs no more requests than checking one (batched facts), each
    in a new session; a session asked again reads only the rows, not their facts."""
    def cost(remote: Graph, text: str) -> int:
        before = remote.store.requests  # type: ignore[union-attr]
        remote.query(text)
        return remote.store.requests - before  # type: ignore[union-attr]

    def session() -> Graph:
        return Graph.open(endpoint=f"{published}/query", as_of=SEED)

    one = cost(session(), 'VMSeries | where name = "NCv3" | check with "CUDA 12.0"')
    remote = session()
    many = cost(remote, 'VMSeries | check with "CUDA 12.0"')
    # all rows: a fourth level of facts with its names (two), which categories have
    # hardware (one) and which tables set them apart (one), whatever the number of rows
    assert many <= one + 4, (one, many)
    # asked again: the rows alone (one query: a check that ends the pipeline checks the
    # rows' entities, no query of its own), no facts; a stage after it needs the check's
    # entities first (two)
    assert cost(remote, 'VMSeries | check with "CUDA 12.0"') == 1
    text = 'VMSeries | check with "CUDA 12.0" | where verdict = compatible'
    remote.query(text)
    assert cost(remote, text) == 2


@pytest.mark.parametrize(("text", "cuts"), [
    ("VMSeries | sort name | limit 3", 1),
    ("VMSize | sort series desc | limit 5 | show name, series", 1),
    ('VMSeries | where category = GPU | limit 4 | check with "CUDA 12.1"', 1),
    ("VMSeries | limit 30 | where has architecture | limit 2 | count", 2),
    ("FrameworkRelease | sort versionNumber desc | show name, versionNumber | limit 7", 1),
    ("FrameworkRelease | sort cudaBuild | limit 9 | show name, cudaBuild", 1),
])
def test_a_limit_by_names_answers_the_same_remotely(local: Graph, remote: Graph, text: str,
                                                    cuts: int) -> None:
    """The executor cuts a `limit` by names or versions from the candidates' names or
    versions: one request a cut, beside what the statement costs without its limits."""
    def cost(statement: str) -> int:
        before = remote.store.requests  # type: ignore[union-attr]
        remote.query(statement)
        return remote.store.requests - before  # type: ignore[union-attr]

    assert remote.query(text).records() == local.query(text).records()
    assert len(remote.compile(text).steps) == cuts  # type: ignore[union-attr]  # (a check
    # that ends the pipeline has no step: kg.planner.query._check_last)
    unlimited = re.sub(r" \| limit \d+", "", text)
    remote.query(unlimited)  # the facts a check reads: the session has them for both
    assert cost(text) == cost(unlimited) + cuts


def test_a_cut_that_leaves_no_entity_ends_the_requests(remote: Graph) -> None:
    """The first ten series have no architecture: the second cut leaves none, and the
    count is 0 without the query that would count from none."""
    text = "VMSeries | limit 10 | where has architecture | limit 2 | count"
    before = remote.store.requests  # type: ignore[union-attr]
    assert remote.query(text).rows == [[0]]
    assert remote.store.requests - before == 3  # type: ignore[union-attr]  # (and a count of
    # 0 asks whether kg's graph is still there: hunt104 F2)


@pytest.mark.parametrize("every", [1e9, 0.0])
def test_a_session_whose_server_lost_the_graph_says_so(monkeypatch: pytest.MonkeyPatch,
                                                        every: float) -> None:
    """hunt104 F2: a server restarted in memory, or its graphs dropped, answered a session's
    every statement with nothing (count 0, "no facts about NCv3"), and `check` from what the
    session kept: a statement that finds nothing asks whether kg's graph is still there, and
    so does the first statement after :data:`kg.endpoint.VERIFY_EVERY` seconds; exit 5."""
    import urllib.request

    import kg.endpoint

    monkeypatch.setattr(kg.endpoint, "VERIFY_EVERY", every)
    with oxigraph_server() as url:
        publish(f"{url}/store", plan_uploads(previous=published_before(f"{url}/store")))
        remote = Graph.open(endpoint=f"{url}/query")
        seed = Graph.open(endpoint=f"{url}/query", as_of="seed")  # the page tables' revision
        assert remote.query("VMSeries | where category = GPU | count").rows[0][0] > 0
        assert "| Volta" in table_markdown(load_saved("table-cuda"), seed)
        assert remote.query('check NCv3 with "CUDA 12.1"').rows[0][0] == "compatible"
        urllib.request.urlopen(urllib.request.Request(  # noqa: S310 - the test's own server
            f"{url}/update", data=b"update=DROP%20ALL", method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"}), timeout=30).read()
        statement = ('check NCv3 with "CUDA 12.1"' if every == 0.0  # kept: asked in time
                     else "VMSeries | where category = GPU | count")  # nothing found
        with pytest.raises(ExecutionError, match="no longer holds the graph kg published"):
            remote.query(statement)
        with pytest.raises(ExecutionError, match="no longer holds"):
            list(remote.stream("VMSeries | where category = GPU"))
        for unknown in ("NCv3.architecture", "path NCv3 to Volta", "schema"):  # an unknown
            with pytest.raises(ExecutionError, match="no longer holds"):  # name, no instance
                remote.query(unknown)  # (said exit 3, "unknown entity", or 0s: hunt108 F3)
        with pytest.raises(ExecutionError, match="no longer holds"):  # a page table (kg export
            table_markdown(load_saved("table-cuda"), seed)  # tables, the site) gave an empty
            # table


def test_a_session_whose_server_lost_the_union_graph_says_so() -> None:
    """hunt108 F4: the session reads the revision's union graph; the check asked for the
    schema's alone, and with the union graph gone `VMSeries | count` said 0."""
    import urllib.request

    with oxigraph_server() as url:
        publish(f"{url}/store", plan_uploads(previous=published_before(f"{url}/store")))
        remote = Graph.open(endpoint=f"{url}/query")
        union = remote.store.dataset[0][0]  # type: ignore[union-attr]
        assert union.startswith(UNION)
        urllib.request.urlopen(urllib.request.Request(  # noqa: S310 - the test's own server
            f"{url}/store?graph={union}", method="DELETE"), timeout=30).read()
        with pytest.raises(ExecutionError, match="no longer holds"):
            remote.query("VMSeries | count")


def test_publish_replaces_what_it_published(server: str, tmp_path: Path) -> None:
    store = f"{server}/store"
    extra = tmp_path / "extra.ttl"
    extra.write_text('<https://w3id.org/azml-kg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x"@en .\n')
    publish(store, plan_uploads([extra], previous=published_before(store)))
    assert extra.resolve().as_uri() in published_before(store)
    publish(store, plan_uploads(previous=published_before(store)))
    assert extra.resolve().as_uri() not in published_before(store)
    assert MANIFEST_GRAPH not in published_before(store)


def test_dry_run_names_every_request(server: str) -> None:
    uploads = plan_uploads()
    lines = [u.describe(f"{server}/store") for u in uploads]
    assert all(line.startswith(("PUT ", "DELETE ")) for line in lines)
    assert any("page-cuda-table" in line and "triples" in line for line in lines)


def test_a_dry_run_shows_the_deletes_a_publish_sends(server: str, tmp_path: Path) -> None:
    """`kg publish --dry-run` reads the manifest and prints the DELETE of each graph kg
    published before and would drop (it printed the PUTs alone); a server it cannot read
    leaves the PUTs and a note saying the DELETEs are not shown."""
    import io

    from kg.cli import main

    store = f"{server}/store"
    extra = tmp_path / "extra.ttl"
    extra.write_text('<https://w3id.org/azml-kg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x"@en .\n')
    publish(store, plan_uploads([extra], previous=published_before(store)))
    try:
        out = io.StringIO()
        assert main(["publish", "--store", store, "--dry-run"], out, io.StringIO()) == 0
        deletes = [line for line in out.getvalue().splitlines() if line.startswith("DELETE ")]
        assert len(deletes) == 1 and "extra.ttl" in deletes[0]
        assert extra.resolve().as_uri() in published_before(store)  # nothing was sent
    finally:
        publish(store, plan_uploads(previous=published_before(store)))
    down = f"http://127.0.0.1:{free_port()}/store"
    out, err = io.StringIO(), io.StringIO()
    assert main(["publish", "--store", down, "--dry-run"], out, err) == 0
    assert out.getvalue().startswith("PUT ") and "DELETE" not in out.getvalue()
    assert err.getvalue().startswith(f"note: cannot reach the graph store {down}")
    assert err.getvalue().endswith("which a publish deletes, are not shown\n")


def test_a_server_that_is_down_is_a_clear_error() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(ExecutionError, match=f"cannot reach the SPARQL endpoint {url}"):
        Graph.open(endpoint=url)


@pytest.mark.parametrize(("args", "status"), [
    (["query", "VMSeries ||| ((("], 3),  # a syntax error
    (["query", ""], 3),  # an empty statement
    (["run", "retired-by", "-p", "date=notadate"], 3),  # a value not of its type
    (["run", "retired-by", "-p", "zz=1"], 3),  # an unknown parameter
    (["run", "{tmp}/req.kgq"], 3),  # a required one not given (hunt91 F5)
    (["export", "-f", "csv", "VMSeries | wher x"], 3),  # kg export's too
    (["export", "--saved", "retired-by", "-p", "zz=1", "-f", "csv"], 3),
    (["query", "VMSeries | count"], 5),  # what needs the server
])
def test_what_needs_no_server_is_said_before_it_is_asked(tmp_path: Path, args: list[str],
                                                         status: int) -> None:
    """hunt89 F4: with the endpoint down, a typo was exit 5 ("cannot reach"), which a CI job
    retries as a server's fault; it is exit 3 (the statement, the saved query's parameters
    are read before the server is asked, as `kg run FILE` read its file)."""
    from kg.cli import main

    (tmp_path / "req.kgq").write_text("# name: req\n# param d: date\n"
                                      "VMSeries | where retiredOn < $d | show name\n")
    out, err = io.StringIO(), io.StringIO()
    url = f"http://127.0.0.1:{free_port()}/query"
    args = [a.format(tmp=tmp_path) for a in args]
    assert main(["--endpoint", url, *args], out, err) == status, err.getvalue()
    assert ("cannot reach the SPARQL endpoint" in err.getvalue()) == (status == 5)


def test_a_server_answering_what_is_not_http_is_a_clear_error(tmp_path: Path) -> None:
    """A server whose answer is not HTTP (here: a line of text, then the connection
    closed) is exit 5 and one line naming it, through the CLI too, not an internal error."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]

    def answer() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(b"this is not HTTP\r\n\r\n")

    threading.Thread(target=answer, daemon=True).start()
    url = f"http://127.0.0.1:{port}/query"
    try:
        with pytest.raises(ExecutionError, match=f"the SPARQL endpoint {url} sent an answer "
                                                 "kg cannot read"):
            Graph.open(endpoint=url)
        done = subprocess.run([sys.executable, "-m", "kg", "--endpoint", url, "query",
                               "VMSeries | count"], capture_output=True, text=True, timeout=60)
    finally:
        listener.close()
    assert done.returncode == 5
    assert done.stderr.count("\n") == 1 and "cannot read" in done.stderr, done.stderr


def test_a_revision_is_read_from_its_union_graph(published: str, remote: Graph) -> None:
    """`kg publish` writes each revision's facts once more as one graph; a reader names it
    as the default graph (the sources stay the named graphs), and it holds exactly the
    distinct triples of the graphs a reader would name without it."""
    store = remote.store
    assert store.revision is not None  # type: ignore[union-attr]
    union = union_graph(store.revision)  # type: ignore[union-attr]
    assert store._default == (union,)  # type: ignore[union-attr]
    assert union not in store._named and len(store._named) > 100  # type: ignore[union-attr]
    without = EndpointStore.open(f"{published}/query", as_of=SEED, unions=False)
    assert len(without._default) > 100 and union not in without._default
    count = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    assert store.select(count)[1] == without.select(count)[1]  # type: ignore[union-attr]
    for text in ["TrainingTarget | show name, supports(AutoML), supports(Designer)",
                 'describe "compute cluster"', 'check NCv3 with "CUDA 12.1"']:
        assert remote.query(text).records() == \
            Graph(without, remote.ontology, remote.lang).query(text).records(), text


def test_a_statement_naming_entities_does_not_read_every_name(published: str,
                                                                 local: Graph) -> None:
    """Over an endpoint, a statement that names a few entities looks each up alone: the
    names of every entity never cross the network (the REPL's completion reads them)."""
    remote = Graph.open(endpoint=f"{published}/query", as_of=SEED)
    text = 'VMSeries | where category = GPU and architecture = "volta" | show name'
    assert remote.query(text).records() == local.query(text).records()
    assert remote.ontology._entities is None


def test_describe_and_check_read_only_the_names_they_show(published: str,
                                                          local: Graph) -> None:
    """Over an endpoint, `describe` and `check` (a statement, a stage) read the names and
    types of the entities they show or reason over, a few queries for all, and answer as
    the embedded graph: the entity table (8 s at 4M triples) is never read, not even for
    a name spelled loosely."""
    from tests.test_compat import CASES

    remote = Graph.open(endpoint=f"{published}/query", as_of=SEED)
    texts = ['describe "compute cluster"', "describe Volta", 'describe "CUDA 12.1"',
             "describe NCv3", *(f"check {a} with {b}" for a, b, _, _ in CASES),
             'VMSeries | where category = GPU | check with "CUDA 12.0" | count by verdict',
             "FrameworkRelease | where framework = PyTorch and cudaBuild >= 12.6 | "
             "sort versionNumber | show name | check with NCv3",
             # names spelled loosely, and versions found through a shorter one
             'check "ND H100 v5" with "PyTorch 2.4.1"', "describe nd-h100_v5",
             'describe "cuda 12"', "describe nc_t4-v3", 'check NCv3 with "cuda 11"']
    for text in texts:
        assert remote.query(text).records() == local.query(text).records(), text
    assert remote.ontology._entities is None
    before = remote.store.requests  # type: ignore[union-attr]
    remote.query("describe Turing")
    # its name looked up (two), its facts, the names of what they link to
    assert remote.store.requests - before == 4


def test_a_server_without_union_graphs_answers_the_same(local: Graph) -> None:
    """Graphs published by an older kg (no union graphs): each request names the sources."""
    with oxigraph_server() as url:
        store = f"{url}/store"
        uploads = [u for u in plan_uploads() if not u.graph.startswith(UNION)]
        publish(store, uploads)
        remote = Graph.open(endpoint=f"{url}/query", as_of=SEED)
        assert len(remote.store._default) > 100  # type: ignore[union-attr]
        for text in SPEC[:12]:
            assert remote.query(text).records() == local.query(text).records(), text
        publish(store, plan_uploads(previous=published_before(store)))  # now with them
        assert Graph.open(endpoint=f"{url}/query", as_of=SEED).store._default == (  # type: ignore[union-attr]
            union_graph(remote.store.revision),)  # type: ignore[union-attr]


@pytest.mark.parametrize(("said", "read"), [("1", "true"), ("0", "false"), ("true", "true"),
                                            ("false", "false")])
def test_a_servers_boolean_reads_as_the_graph_says_it(said: str, read: str) -> None:
    """Virtuoso 7 answers "1" and "0" for xsd:boolean: the why of a check would say "GPU
    support: 1" where the embedded graph says "true"."""
    from kg.endpoint import _term

    term = _term({"type": "typed-literal", "value": said,
                  "datatype": "http://www.w3.org/2001/XMLSchema#boolean"})
    assert term == ox.Literal(read, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))


def test_a_triple_term_reads_as_the_embedded_graph_has_it(tmp_path: Path) -> None:
    """An RDF 1.2 triple term (``<<( s p o )>>``, which SPARQL 1.2's JSON results give as
    a binding of type "triple") describes the same on a server as embedded (it was "answered
    malformed results", exit 5); a "triple" binding without its parts is malformed."""
    from kg.endpoint import _parse

    data = tmp_path / "quoted.ttl"
    data.write_text('@prefix ent: <https://w3id.org/azml-kg/id/> .\n'
                    '@prefix ex: <http://example.org/x#> .\n'
                    'ent:quoting <http://www.w3.org/2000/01/rdf-schema#label> "Quoting"@en ;\n'
                    '  ex:says <<( ent:NCv3 ex:runs "CUDA 12" )>> .\n', encoding="utf-8")
    with oxigraph_server() as url:
        publish(f"{url}/store", plan_uploads([data]))
        remote = Graph.open(endpoint=f"{url}/query")
        local = Graph.open([data])
        said = remote.query("describe Quoting").records(ids=True)
        assert said == local.query("describe Quoting").records(ids=True)
        assert any("<<(" in str(r["value"]) and "CUDA 12" in str(r["value"]) for r in said)
    with pytest.raises(ExecutionError, match="malformed results"):
        _parse({"head": {"vars": ["t"]},
                "results": {"bindings": [{"t": {"type": "triple", "value": {}}}]}}, url)


def test_a_blank_node_describes_the_same_on_a_server(tmp_path: Path) -> None:
    """A fact whose value is a blank node shows once, with its source, on a server as
    embedded (it showed twice: once more with no source, since the server made a blank
    node of its own for each graph it was sent in). kg publishes it as a Skolem IRI and
    reads that back as a blank node; an IRI under GENID that is no blank node's stays one."""
    from kg.endpoint import GENID, _term

    data = tmp_path / "anonymous.ttl"
    data.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                    "@prefix ent: <https://w3id.org/azml-kg/id/> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    'ent:NCv3 kg:note [ rdfs:label "an anonymous note"@en ;\n'
                    '  kg:detail [ rdfs:label "within it"@en ] ] .\n'
                    '[ rdfs:label "a review"@en ; kg:about ent:NCv3 ] .\n',
                    encoding="utf-8")
    uploads = plan_uploads([data])
    assert not any(b"_:" in up.triples for up in uploads)

    def notes(graph: Graph) -> list[tuple[str, str]]:
        rows = graph.query("describe NCv3").records()
        return [(re.sub(r"^_:\w+$", "_:b", str(r["value"])), str(r["source"]))
                for r in rows if r["property"] == "note"]

    with oxigraph_server() as url:
        publish(f"{url}/store", uploads)
        remote = Graph.open(endpoint=f"{url}/query")
        assert notes(remote) == notes(Graph.open([data])) == [("_:b", "file anonymous.ttl")]
        there, here = (write(graph.query("describe NCv3"), Format.NT,
                             OutputContext(graph.context, graph.lang))
                       for graph in (remote, Graph.open([data])))
        assert there == here and '"within it"@en' in there  # the note's facts, theirs too
        assert '"a review"@en' in there  # a blank node's fact about NCv3: its `in` row
    listed = tmp_path / "listed.ttl"  # a list's cells: one request for its spine, not each
    listed.write_text(f"<https://w3id.org/azml-kg/id/NCv3> <https://w3id.org/azml-kg/ontology#tags> "
                      f"( {' '.join(f'{chr(34)}t{i}{chr(34)}' for i in range(1500))} ) .\n",
                      encoding="utf-8")
    with oxigraph_server() as url:
        publish(f"{url}/store", plan_uploads([listed]))
        remote = Graph.open(endpoint=f"{url}/query")
        result = remote.query("describe NCv3")
        before = remote.store.requests  # type: ignore[attr-defined]
        there = write(result, Format.NT, OutputContext(remote.context, remote.lang))
        assert remote.store.requests - before < 20  # type: ignore[attr-defined]
        assert there == write(Graph.open([listed]).query("describe NCv3"), Format.NT,
                              OutputContext(Graph.open([listed]).context, "en"))
    assert _term({"type": "uri", "value": GENID + "a/b"}) == ox.NamedNode(GENID + "a/b")


@pytest.mark.parametrize(("text", "message"), [
    ("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n_:gx { [] a kg:Note . }\n",
     r"cannot publish the graph _:\w+: the Graph Store Protocol names a graph by an IRI"),
    ("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
     "<https://w3id.org/azml-kg/.well-known/genid/evil> a kg:Note .\n",
     r"cannot publish <https://w3id.org/azml-kg/\.well-known/genid/evil>: kg publishes blank "
     r"nodes as IRIs under"),
    *((f"@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n<{graph}> {{ [] a kg:Note . }}\n",
       f"cannot publish the graph <{re.escape(graph)}>: kg names its own graphs so")
      for graph in ("https://w3id.org/azml-kg/source/kg-publication",
                    "https://w3id.org/azml-kg/source/kg-union/mine",
                    "https://w3id.org/azml-kg/source/x/kg-description",
                    "https://w3id.org/azml-kg/source/kg-default-graph")),
])
def test_what_publish_cannot_send_as_it_is_is_a_data_error(tmp_path: Path, text: str,
                                                          message: str) -> None:
    """A graph named by a blank node (an internal error before), and an IRI of the data
    under kg's prefix for blank nodes (read back as a blank node before): a data error
    before any request, naming what to change."""
    from kg.errors import DataError

    data = tmp_path / "odd.trig"
    data.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        plan_uploads([data])


@pytest.mark.parametrize("argv, what", [(["validate"], "kg validate checks the embedded graph"),
                                        (["diff", "seed", "latest"], "kg diff compares")])
def test_an_embedded_only_command_names_where_the_endpoint_came_from(
        argv: list[str], what: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """validate and diff work on the embedded graph: an endpoint is refused, and when it
    came from $KG_ENDPOINT the error says so and how to do without it (--endpoint '')."""
    import io

    from kg.cli import main

    url = f"http://127.0.0.1:{free_port()}/query"  # nobody there: it is never asked
    out, err = io.StringIO(), io.StringIO()
    assert main(["--endpoint", url, *argv], out, err) == 2
    assert err.getvalue() == f"error: {what}" + err.getvalue().split(what)[1]
    assert "KG_ENDPOINT" not in err.getvalue() and "not an endpoint" in err.getvalue()
    monkeypatch.setenv("KG_ENDPOINT", url)
    err = io.StringIO()
    assert main(argv, io.StringIO(), err) == 2
    assert f"not the endpoint $KG_ENDPOINT names ({url}): give --endpoint ''" in err.getvalue()
    out = io.StringIO()
    assert main(["--endpoint", "", *argv, "--format", "json"] if argv[0] == "diff"
                else ["--endpoint", "", *argv], out, io.StringIO()) in (0, 4)
    assert out.getvalue()  # the embedded graph answered


def test_a_server_kg_endpoint_names_that_is_down_says_where_the_url_came_from(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from kg.cli import main

    url = f"http://127.0.0.1:{free_port()}/query"
    monkeypatch.setenv("KG_ENDPOINT", url)
    err = io.StringIO()
    assert main(["query", "VMSeries | count"], io.StringIO(), err) == 5
    said = err.getvalue()
    assert said.startswith(f"error: cannot reach the SPARQL endpoint {url}: ")
    assert said.endswith("(the URL is $KG_ENDPOINT's: --endpoint '' uses the embedded graph)\n")
    err = io.StringIO()
    assert main(["--endpoint", url, "query", "VMSeries | count"], io.StringIO(), err) == 5
    assert "KG_ENDPOINT" not in err.getvalue()
    err = io.StringIO()  # the REPL too (hunt43 #10)
    assert main(["repl"], io.StringIO(), err) == 5
    assert err.getvalue().endswith("(the URL is $KG_ENDPOINT's: --endpoint '' uses the "
                                   "embedded graph)\n")
    monkeypatch.setenv("KG_ENDPOINT", "http://")  # no server's name: it "was no http(s) URL"
    err = io.StringIO()
    assert main(["query", "VMSeries | count"], io.StringIO(), err) == 2
    assert err.getvalue() == ("error: not a URL: http:// (no server's name after http://) (the "
                              "URL is $KG_ENDPOINT's: --endpoint '' uses the embedded graph)\n")
    for name in ("a..b", ".x", "a" * 64):  # an internal error, UnicodeError (hunt142 F1)
        monkeypatch.setenv("KG_ENDPOINT", f"http://{name}/query")
        err = io.StringIO()
        assert main(["query", "VMSeries | count"], io.StringIO(), err) == 2
        assert err.getvalue().startswith(f"error: not a URL: http://{name}/query (no server "
                                         f"can have the name '{name}': ")
        with pytest.raises(UsageError, match="no server can have the name"):
            Graph.open(endpoint=f"http://{name}/query")


def test_an_empty_endpoint_is_the_embedded_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from kg.cli import main

    monkeypatch.setenv("KG_ENDPOINT", f"http://127.0.0.1:{free_port()}/query")
    out = io.StringIO()
    assert main(["query", "--endpoint", "", "VMSeries | count", "--format", "json"], out,
                io.StringIO()) == 0
    assert json.loads(out.getvalue()) == [{"count": 34}]


def test_a_graph_kg_did_not_publish_is_no_source(published: str) -> None:
    """Another graph in the same dataset (another team's) is read neither by `describe`
    nor by queries: only the graphs kg's manifest lists are (describe showed it, queries did
    not: one session said both)."""
    import urllib.request

    foreign = "http://other.example/g2"
    body = (b"<https://w3id.org/azml-kg/id/NCv3> <https://w3id.org/azml-kg/ontology#supportedBy> "
            b"<https://w3id.org/azml-kg/id/aks> .\n")
    put = urllib.request.Request(f"{published}/store?graph={foreign}", data=body, method="PUT",
                                 headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(put, timeout=30).close()
    try:
        remote = Graph.open(endpoint=f"{published}/query")
        described = render(remote.query("describe NCv3"), "csv")
        assert "Kubernetes" not in described and foreign not in described
        assert "Kubernetes" not in render(remote.query("NCv3.supportedBy"), "csv")
    finally:
        delete = urllib.request.Request(f"{published}/store?graph={foreign}", method="DELETE")
        urllib.request.urlopen(delete, timeout=30).close()


def test_a_server_holding_no_publication_of_kgs_says_so(tmp_path: Path) -> None:
    """A dataset with others' graphs alone, or kg's files loaded by other means (the
    classes in the default graph, no manifest), is no kg graph: exit 5 naming it, not
    "unknown class `VMSeries`" (exit 3) or an empty `schema` and `kg revisions` (exit 0)."""
    import urllib.request

    with oxigraph_server() as url:
        put = urllib.request.Request(f"{url}/store?graph=http://other.example/teamB",
                                     data=b'<http://o/s> <http://o/p> "x" .\n', method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        urllib.request.urlopen(put, timeout=10).close()
        with pytest.raises(ExecutionError, match=r"holds no graph kg published \(none named "):
            EndpointStore.open(f"{url}/query")
        said = subprocess.run([sys.executable, "-m", "kg", "--endpoint", f"{url}/query",
                               "revisions"], capture_output=True, text=True, check=False)
        assert (said.returncode, said.stdout) == (5, "")
        assert said.stderr.count("\n") == 1 and f"{url}/query" in said.stderr


def test_publish_leaves_others_graphs_alone(tmp_path: Path) -> None:
    """A data file naming a graph the server holds, which kg did not publish there, is
    refused (exit 4), the dry run too: the publish had replaced another team's graph
    silently, and the next publish deleted it. kg's own graphs it replaces, as before."""
    import urllib.request

    theirs = "http://other.example/teamB"
    data = tmp_path / "b.trig"
    data.write_text(f"<{theirs}> {{ <https://example.org/lab/x> "
                    "<http://www.w3.org/2000/01/rdf-schema#label> \"x\"@en . }\n",
                    encoding="utf-8")
    with oxigraph_server() as url:
        put = urllib.request.Request(f"{url}/store?graph={theirs}", method="PUT",
                                     data=b'<http://o/s> <http://o/p> "team B" .\n',
                                     headers={"Content-Type": "application/n-triples"})
        urllib.request.urlopen(put, timeout=10).close()

        def publish_cli(*more: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run([sys.executable, "-m", "kg", "publish", "--store",
                                   f"{url}/store", "--data", str(data), *more],
                                  capture_output=True, text=True, check=False)

        for more in ((), ("--dry-run",)):
            said = publish_cli(*more)
            assert said.returncode == 4 and f"holds <{theirs}>, which kg's list of what" in said.stderr
        with urllib.request.urlopen(f"{url}/store?graph={theirs}", timeout=10) as answer:
            assert b"team B" in answer.read()
        data.write_text(data.read_text().replace(theirs, "http://mine.example/x"))
        assert publish_cli().returncode == publish_cli().returncode == 0  # again: kg's own


def test_a_publish_says_which_graphs_it_deleted(tmp_path: Path) -> None:
    """hunt104 F5: a plain publish after one with `--data` deleted that file's graph, and
    said "published 231 graphs" alone (only --dry-run named the DELETE)."""
    data = tmp_path / "lab.ttl"
    data.write_text('<https://example.org/lab/x> <http://www.w3.org/2000/01/rdf-schema#label> '
                    '"x"@en .\n', encoding="utf-8")
    with oxigraph_server() as url:
        def publish_cli(*more: str) -> str:
            done = subprocess.run([sys.executable, "-m", "kg", *more, "publish", "--store",
                                   f"{url}/store"], capture_output=True, text=True, check=True)
            return done.stderr

        assert "deleted" not in publish_cli("--data", str(data))
        said = publish_cli()
        assert f"; deleted 1 it published before and sends no more: <{data.resolve().as_uri()}>" \
            in said, said


def test_a_publish_names_a_deleted_graph_escaped(tmp_path: Path) -> None:
    """hunt129 F1: the graph names of the server's manifest (an IRI may hold a bidirectional
    override) reached the terminal raw in "deleted … <IRI>"."""
    data = tmp_path / "lab.trig"
    data.write_text("<https://example.org/lab/a\u202Egnp.exe> { <https://example.org/lab/x> "
                    '<http://www.w3.org/2000/01/rdf-schema#label> "x"@en . }\n', encoding="utf-8")
    with oxigraph_server() as url:
        def publish_cli(*more: str) -> str:
            return subprocess.run([sys.executable, "-m", "kg", *more, "publish", "--store",
                                   f"{url}/store"], capture_output=True, text=True,
                                  check=True).stderr

        publish_cli("--data", str(data))
        said = publish_cli()
        assert "deleted 1" in said and "<https://example.org/lab/a\\u202egnp.exe>" in said, said
        assert "\u202e" not in said


def test_a_long_local_name_is_found_on_a_server_as_embedded(tmp_path: Path) -> None:
    """hunt129 F2: a name longer than a REGEX kg sends is looked up by STRENDS, which a
    server answers as the embedded graph does (the entity, found in another case)."""
    long = "Ab" * 1500
    data = tmp_path / "long.ttl"
    data.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    f"<https://w3id.org/azml-kg/id/{long}> a kg:VMSeries ; "
                    'rdfs:label "Long one"@en .\n', encoding="utf-8")
    text = f'describe "{long.upper()}"'
    with oxigraph_server() as url:
        publish(f"{url}/store", plan_uploads([data]))
        remote = Graph.open(endpoint=f"{url}/query").query(text)
    local = Graph.open(data=[data]).query(text)
    assert remote.subject == local.subject and local.subject is not None
    assert local.subject.iri == f"https://w3id.org/azml-kg/id/{long}"


def test_the_repl_says_which_server_it_is_on(remote: Graph, local: Graph) -> None:
    """The REPL's first line over an endpoint read as on the embedded graph."""
    import io

    from kg.repl.app import _welcome
    from kg.repl.state import ReplState

    said = {}
    for name, graph in (("remote", remote), ("local", local)):
        state = ReplState(graph, out=io.StringIO(), err=io.StringIO())
        _welcome(state)
        said[name] = " ".join(state.out.getvalue().split())  # type: ignore[attr-defined]
    assert f"on the SPARQL endpoint {remote.store.url}" in said["remote"]  # type: ignore[attr-defined]
    assert "SPARQL endpoint" not in said["local"]


def test_a_publish_cut_short_leaves_nothing_the_next_one_keeps(tmp_path: Path) -> None:
    """A publish that fails after the data file's graph was sent: that graph was in no
    manifest, so no later publish deleted it. The manifest names the old and the new
    graphs before anything else is sent."""
    import urllib.error
    import urllib.request

    data = tmp_path / "orphan.ttl"
    data.write_text("<https://w3id.org/azml-kg/id/orphan-series> a "
                    "<https://w3id.org/azml-kg/ontology#VMSeries> .\n", encoding="utf-8")
    with oxigraph_server() as url:
        store = f"{url}/store"
        publish(store, plan_uploads())
        uploads = plan_uploads([data], previous=published_before(store))
        assert uploads[0].graph == MANIFEST_GRAPH and uploads[-1].graph == MANIFEST_GRAPH
        sent = next(i for i, u in enumerate(uploads) if u.graph == data.resolve().as_uri())
        publish(store, uploads[:sent + 1])  # then the server went down
        assert data.resolve().as_uri() in published_before(store)
        publish(store, plan_uploads(previous=published_before(store)))  # without the file
        assert data.resolve().as_uri() not in published_before(store)
        gone = urllib.request.Request(f"{store}?graph={data.resolve().as_uri()}", method="HEAD")
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(gone, timeout=10)


def test_a_wrong_path_on_the_server_is_named_with_the_right_ones() -> None:
    """`--endpoint …/store` (Oxigraph's graph store) answered 415 and said no more; `kg
    publish --store …/` (its web page) answered "not N-Triples" and no more."""
    with oxigraph_server() as url:
        with pytest.raises(ExecutionError, match=r"answered 415.*A SPARQL query endpoint is "
                                                 r"Oxigraph's …/query"):
            Graph.open(endpoint=f"{url}/store")
        with pytest.raises(ExecutionError, match=r"is it the server's Graph Store endpoint\? "
                                                 r"\(Oxigraph: …/store"):
            published_before(f"{url}/")
        with pytest.raises(ExecutionError, match=r"answered 4\d\d.*A SPARQL query endpoint is "
                                                 r"Oxigraph's …/query"):  # hunt46 #6: no hint
            Graph.open(endpoint=f"{url}/nowhere")
        with pytest.raises(ExecutionError, match=r"answered 400.*is it the server's Graph Store "
                                                 r"endpoint\? \(Oxigraph: …/store"):  # its query
            published_before(f"{url}/query")  # endpoint given as the store (hunt95 #6)


def test_the_other_revisions_hint_reads_the_server(remote: Graph, local: Graph,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`describe Av2` as of the seed says which revision has it; over an endpoint that was
    read from the embedded page, whatever the server holds (hunt55 F5). It is asked of the
    server, and nothing of the embedded page is read."""
    import kg.store
    from kg.errors import QueryError

    def no_page(files: object) -> None:
        raise AssertionError("the embedded page was read")

    asked: list[str] = []
    every = remote.store.select_every  # type: ignore[union-attr]
    monkeypatch.setattr(remote.store, "select_every", lambda q: (asked.append(q), every(q))[1])
    monkeypatch.setattr(kg.store, "_every_revision", no_page)
    with pytest.raises(QueryError) as info:
        remote.query("describe Av2")
    hint = info.value.problems[0].hint
    assert asked and hint is not None and "is on the page as of 2026-03-31" in hint
    monkeypatch.undo()
    with pytest.raises(QueryError) as info:
        local.query("describe Av2")
    assert info.value.problems[0].hint == hint


def test_a_blank_node_in_a_gathered_cell_is_the_same_on_a_server(tmp_path: Path) -> None:
    """hunt76 F2: a VM size of a data file written as a blank node was no value of a
    gathered cell embedded (a blank node is no value: `kg validate` reports it), and on a
    server its Skolem IRI's hash was its name, another at each publish."""
    data = tmp_path / "anonymous-size.ttl"
    data.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                    "@prefix ent: <https://w3id.org/azml-kg/id/> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    '[] a kg:VMSize ; rdfs:label "Anon size"@en ; kg:series ent:NCv3 .\n',
                    encoding="utf-8")
    text = "VMSeries | where name = NCv3 | show name, ^series"

    def named(graph: Graph) -> str:  # a statement naming it: why it cannot (it got "did you
        with pytest.raises(QueryError) as caught:  # mean" another entity on a server:
            graph.query('describe "Anon size"')  # hunt142 F2)
        return caught.value.render()

    with oxigraph_server() as url:
        publish(f"{url}/store", plan_uploads([data]))
        remote = Graph.open(endpoint=f"{url}/query")
        there, said_there = remote.query(text).records(ids=True), named(remote)
    here = Graph.open([data]).query(text).records(ids=True)
    assert there == here and "genid" not in json.dumps(there)
    assert "Standard_NC6s_v3" in json.dumps(here)
    assert said_there == named(Graph.open([data]))
    assert "`Anon size` names a blank node of a data file, which has no IRI" in said_there


def test_explain_on_a_server_runs_as_kg_sends_it(published: str, remote: Graph,
                                                  local: Graph) -> None:
    """hunt93 F1: with an endpoint, `--explain` printed the text alone, without the graphs
    kg asks over (the revision's union graph, its sources): pasted into curl or s-query on
    the same server it counted 0 GPU series where kg counts 14, and `--as-of` was nowhere in
    it. The graphs are FROM (and, for a query reading named graphs, FROM NAMED) lines now,
    so the printed text answers as kg does, revision and all."""
    import json
    import urllib.parse
    import urllib.request

    def raw(sparql: str) -> list[dict[str, object]]:
        body = urllib.parse.urlencode({"query": sparql}).encode()
        request = urllib.request.Request(f"{published}/query", data=body, headers={
            "Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)["results"]["bindings"]  # type: ignore[no-any-return]

    text = "VMSeries | where category = GPU | count"
    latest = Graph.open(endpoint=f"{published}/query")
    for graph, expected in ((remote, local.query(text).rows[0][0]), (latest, 14)):
        explained = graph.explain(text)
        assert "\nFROM <" in explained and "FROM NAMED" not in explained, explained
        assert int(raw(explained)[0]["count"]["value"]) == expected  # type: ignore[index]
    names = "VMSeries | where architecture = Volta | show name"  # in kg's order (hunt96 F1)
    assert [b["c0"]["value"] for b in raw(latest.explain(names))] == [  # type: ignore[index]
        str(row[0]) for row in latest.query(names).rows]
    described = remote.explain("describe NCv3")  # it reads named graphs: FROM NAMED too
    assert "\nFROM NAMED <" in described
    assert len(raw(described)) == len(local.query("describe NCv3").rows) > 0
    assert "FROM" not in local.explain(text)  # the embedded graph has no dataset to send
