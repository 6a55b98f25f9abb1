"""A SPARQL server that misbehaves: every way is exit 5 and one line naming it, never an
internal error, a hang or an answer read without end. The server is a small one of this
file's, on a free loopback port, answering as each test's mode says."""

from __future__ import annotations

import http.server
import io
import itertools
import json
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator

import pytest

from kg.endpoint import SCHEMA_GRAPH, EndpointStore
from kg.errors import ExecutionError
from kg.vocab import SRC

Handler = http.server.BaseHTTPRequestHandler
MODES: dict[str, Callable[[Handler], None]] = {}


def mode(fn: Callable[[Handler], None]) -> Callable[[Handler], None]:
    MODES[fn.__name__] = fn
    return fn


def _send(h: Handler, code: int, body: bytes, kind: str = "application/sparql-results+json",
          headers: tuple[tuple[str, str], ...] = ()) -> None:
    h.send_response(code)
    h.send_header("Content-Type", kind)
    h.send_header("Content-Length", str(len(body)))
    for k, v in headers:
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)


def _chunks(h: Handler, code: int, pieces: Iterator[bytes], pause: float = 0.0) -> None:
    h.send_response(code)
    h.send_header("Content-Type", "application/sparql-results+json")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    try:
        for piece in pieces:
            h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            h.wfile.flush()
            time.sleep(pause)
    except OSError:
        pass  # kg hung up: as it should


def _forever(piece: bytes) -> Iterator[bytes]:
    while True:
        yield piece


@mode
def drip(h: Handler) -> None:  # a byte at a time: no single read ever times out
    _chunks(h, 200, _forever(b" "), pause=0.05)


@mode
def drip_headers(h: Handler) -> None:  # a status line, then a header a byte at a time
    try:
        h.wfile.write(b"HTTP/1.1 200 OK\r\n")
        while True:
            h.wfile.write(b"X")
            h.wfile.flush()
            time.sleep(0.05)
    except OSError:
        pass


@mode
def slow_hop(h: Handler) -> None:  # each hop answers after 0.6 s, with a redirect to the next
    time.sleep(0.6)
    _send(h, 307, b"", headers=(("Location", "/slow_hop/query"),))


@mode
def endless(h: Handler) -> None:  # an answer that never ends
    _chunks(h, 200, _forever(b" " * 65536))


@mode
def endless_error(h: Handler) -> None:
    _chunks(h, 500, _forever(b"x" * 65536))


@mode
def cut_error(h: Handler) -> None:  # a 500 whose body ends short of its length
    h.send_response(500)
    h.send_header("Content-Type", "text/plain")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    h.wfile.write(b"Error: the thing\n")


def _results(body: object) -> Callable[[Handler], None]:
    return lambda h: _send(h, 200, json.dumps(body).encode())


_SHAPES = {
    "no_value": {"head": {"vars": ["g"]}, "results": {"bindings": [{"g": {"type": "uri"}}]}},
    "ask_shaped": {"head": {}, "boolean": True},
    "rows_a_dict": {"head": {"vars": ["g"]}, "results": {"bindings": {"a": 1}}},
    "row_null": {"head": {"vars": ["g"]}, "results": {"bindings": [None]}},
    "row_text": {"head": {"vars": ["g"]}, "results": {"bindings": ["x"]}},
    "iri_a_number": {"head": {"vars": ["g"]},
                     "results": {"bindings": [{"g": {"type": "uri", "value": 5}}]}},
    "iri_null": {"head": {"vars": ["g"]},
                 "results": {"bindings": [{"g": {"type": "uri", "value": None}}]}},
    "column_a_number": {"head": {"vars": [5]}, "results": {"bindings": []}},
    "columns_text": {"head": {"vars": "g"}, "results": {"bindings": []}},
    "triple_text": {"head": {"vars": ["g"]},
                    "results": {"bindings": [{"g": {"type": "triple", "value": "x"}}]}},
    # a type SPARQL's JSON has not: read as text, entity columns went empty (hunt104 F3)
    "type_unknown": {"head": {"vars": ["g"]},
                     "results": {"bindings": [{"g": {"type": "IRI", "value": "http://x/g"}}]}},
    "type_null": {"head": {"vars": ["g"]},
                  "results": {"bindings": [{"g": {"type": None, "value": "http://x/g"}}]}},
}
for _name, _body in _SHAPES.items():
    MODES[_name] = _results(_body)


@mode
def cut_rows(h: Handler) -> None:  # Virtuoso past its ResultSetMaxRows: 200, and this header
    _send(h, 200, json.dumps({"head": {"vars": ["g"]}, "results": {"bindings": []}}).encode(),
          headers=(("X-SPARQL-MaxRows", "10000"),))


_KG = "https://w3id.org/azml-kg/ontology#"
_REVISION = {"r": {"type": "uri", "value": "https://w3id.org/azml-kg/source/rev"}}


def _published(rows: list[dict[str, object]]) -> Callable[[Handler], None]:
    """A server with kg's graphs, answering the revisions' query with ``rows``."""
    def answer(h: Handler) -> None:
        if "GRAPH ?g" in getattr(h, "body", ""):  # the graphs: kg's schema and one source
            found = [{"g": {"type": "uri", "value": g}} for g in (SCHEMA_GRAPH, SRC + "x")]
            _send(h, 200, json.dumps({"head": {"vars": ["g"]},
                                      "results": {"bindings": found}}).encode())
        else:
            _send(h, 200, json.dumps({"head": {"vars": ["r", "p", "o"]},
                                      "results": {"bindings": rows}}).encode())
    return answer


MODES["revision_unbound"] = _published([_REVISION])  # ?p and ?o, which its pattern binds
MODES["revision_no_date"] = _published([{**_REVISION, "p": {
    "type": "uri", "value": _KG + "revisionDate"}, "o": {
    "type": "literal", "value": "abc", "datatype": "http://www.w3.org/2001/XMLSchema#date"}}])


#: the queries the servers of odd graph names were asked
ASKED: list[str] = []
_ODD_GRAPHS = {
    "literal": {"type": "literal", "value": "a> } } INJECTED { ?s ?p ?o } #"},
    "triple": {"type": "triple", "value": {"subject": {"type": "uri", "value": "http://x/s"},
                                           "predicate": {"type": "uri", "value": "http://x/p"},
                                           "object": {"type": "uri", "value": "http://x/o"}}},
    "bnode": {"type": "bnode", "value": "b0"},
}


def _odd_graphs(odd: dict[str, object]) -> Callable[[Handler], None]:
    """A server with kg's graphs that lists ``odd`` among its graph names too, and holds
    every graph it is asked about."""
    def answer(h: Handler) -> None:
        body = getattr(h, "body", "")
        ASKED.append(body)
        graphs: list[object] = [{"type": "uri", "value": g} for g in (SCHEMA_GRAPH, SRC + "x")]
        if "VALUES ?g" in body:  # verify: every graph asked is there
            graphs = [{"type": "uri", "value": g} for g in re.findall(r"<([^>]*)>", body)]
        elif "GRAPH ?g { }" in body:
            graphs.append(odd)
        else:  # no revisions, nothing else: with the columns asked
            head = re.search(r"SELECT\s+(?:DISTINCT\s+)?(.*?)\s+(?:FROM|WHERE)", body, re.S)
            names = list(dict.fromkeys(re.findall(r"\?(\w+)", head[1] if head else "")))
            _send(h, 200, json.dumps({"head": {"vars": names}, "results": {"bindings": []}}).encode())
            return
        _send(h, 200, json.dumps({"head": {"vars": ["g"]}, "results": {
            "bindings": [{"g": g} for g in graphs]}}).encode())
    return answer


for _name, _odd in _ODD_GRAPHS.items():
    MODES[f"odd_{_name}"] = _odd_graphs(_odd)


@mode
def moved(h: Handler) -> None:  # 301 of a POST: urllib would send a GET without the query
    _send(h, 301, b"", headers=(("Location", "/drip/query"),))


@mode
def moved_307(h: Handler) -> None:  # 307: the same request again, there
    _send(h, 307, b"", headers=(("Location", "/echo/query"),))


@mode
def to_ftp(h: Handler) -> None:  # urllib would follow it, and talk FTP
    _send(h, 307, b"", headers=(("Location", "ftp://127.0.0.1:1/x"),))


@mode
def to_no_name(h: Handler) -> None:  # to a name no server can have (IDNA cannot encode it)
    _send(h, 307, b"", headers=(("Location", "http://a..b/query"),))


@mode
def to_file(h: Handler) -> None:  # urllib refused it with a bare "307" (hunt65 F4)
    _send(h, 307, b"", headers=(("Location", "file:///etc/passwd"),))


@mode
def loop(h: Handler) -> None:  # back to itself, again and again
    _send(h, 307, b"", headers=(("Location", "/loop/query"),))


@mode
def chain(h: Handler) -> None:  # on and on, each hop to a new place: no loop
    hop = int(h.path.split("/")[2] if h.path.count("/") > 2 else 0)
    _send(h, 307, b"", headers=(("Location", f"/chain/{hop + 1}/query"),))


@mode
def echo(h: Handler) -> None:  # answers a POST with its form's length, a GET with an error
    size = int(h.headers.get("Content-Length") or 0)
    if h.command != "POST" or not size:
        _send(h, 400, b"no query", "text/plain")
        return
    _send(h, 200, json.dumps({"head": {"vars": ["g"]}, "results": {"bindings": []}}).encode())


@mode
def plain(h: Handler) -> None:  # a plain web server: no such file, and no POST (nor PUT)
    h.send_error(501 if h.command in ("POST", "PUT", "DELETE") else 404)


_HALF = itertools.count()  #: the requests `half` has taken


@mode
def half(h: Handler) -> None:  # a graph store that takes two graphs, then fails
    if h.command == "GET":  # no manifest: nothing published there before
        _send(h, 404, b"", "text/plain")
    else:
        _send(h, 204 if next(_HALF) < 2 else 500, b"", "text/plain")


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _any(self) -> None:
        size = int(self.headers.get("Content-Length") or 0)
        self.body = urllib.parse.unquote_plus(self.rfile.read(size).decode()) if size else ""
        MODES[self.path.split("/")[1]](self)

    do_GET = do_POST = do_PUT = do_DELETE = _any

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _fails(url: str, how: str, timeout: float = 2.0) -> str:
    with pytest.raises(ExecutionError) as err:
        EndpointStore.open(f"{url}/{how}/query", timeout=timeout)
    said = str(err.value)
    assert "\n" not in said and f"{url}/{how}/query" in said
    return said


def test_a_server_that_drips_is_cut_at_the_deadline(url: str) -> None:
    """The timeout is the whole request's, not each read's (a byte every 50 ms hung kg)."""
    start = time.monotonic()
    assert _fails(url, "drip", timeout=1.0).endswith("did not answer within 1 s")
    assert time.monotonic() - start < 10


@pytest.mark.parametrize("how", ["drip_headers", "slow_hop"])
def test_the_deadline_covers_headers_and_every_hop(url: str, how: str) -> None:
    """A status line and headers sent a byte at a time, and a chain of slow redirects, end
    at the deadline too (each hop, and each header byte, restarted a socket's timeout)."""
    start = time.monotonic()
    assert _fails(url, how, timeout=1.5).endswith("did not answer within 1.5 s")
    assert time.monotonic() - start < 10


def test_an_endless_answer_is_read_up_to_the_limit(url: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.credentials.MAX_ANSWER_BYTES", 1_000_000)
    assert _fails(url, "endless").endswith("answered more than 1,000,000 bytes: kg reads no more")


@pytest.mark.parametrize("how, says", [("endless_error", "answered 500: xxxx"),
                                       ("cut_error", "answered 500: Error: the thing")])
def test_an_error_body_is_read_in_part(url: str, how: str, says: str) -> None:
    """An error's first line, from what came (an endless body filled the memory, a cut one
    was an internal error)."""
    assert says in _fails(url, how)


@pytest.mark.parametrize("how", [*_SHAPES, "revision_unbound", "revision_no_date"])
def test_malformed_results_are_a_clear_error(url: str, how: str) -> None:
    """Results of the wrong shape, and results of the right shape whose values kg cannot
    take (a variable its pattern binds left unbound, a date that is none: exit 70,
    "internal error", before)."""
    said = _fails(url, how)
    assert "answered malformed results" in said
    assert not said.endswith((": 'value'", ": 'vars'"))  # a Python key alone said nothing


def test_rows_cut_at_the_servers_limit_are_an_error(url: str) -> None:
    """Virtuoso cuts an answer at its ResultSetMaxRows (10,000 in its sample virtuoso.ini)
    and says so only in a header: the rows read as the whole answer had made `neighbors`
    show local names for labels and `kg docs` fail with "unknown entity `GPU`"."""
    assert _fails(url, "cut_rows").endswith(
        "answered only the first 10000 rows: raise its limit of rows (Virtuoso: "
        "ResultSetMaxRows in virtuoso.ini)")


def test_a_redirect_that_would_drop_the_query_is_named(url: str) -> None:
    assert _fails(url, "moved").endswith(
        f"redirects (301) to {url}/drip/query, which would drop the request's body: give "
        "that URL")


def test_a_307_sends_the_query_again_there(url: str) -> None:
    """The same POST, whole, to the new place (urllib refused to follow it): it answers, and
    its answer (no named graphs) is the error, not the redirect."""
    assert _fails(url, "moved_307").endswith("holds no named graphs: publish the graph first "
                                             "(kg publish --store URL)")


def test_a_redirect_away_from_http_is_not_followed(url: str) -> None:
    assert _fails(url, "to_ftp").endswith(
        "redirects (307) to ftp://127.0.0.1:1/x, which kg does not follow (HTTP and HTTPS only)")
    assert _fails(url, "to_file").endswith(  # urllib's own refusal said "answered 307"
        "redirects (307) to file:///etc/passwd, which kg does not follow (HTTP and HTTPS only)")


def test_a_redirect_to_a_name_no_server_has_is_unreachable(url: str) -> None:
    """`http://a..b/` was an internal error (UnicodeError, exit 70: hunt142 F1)."""
    assert "cannot reach the SPARQL endpoint" in _fails(url, "to_no_name")
    assert "(it redirected to http://a..b/query)" in _fails(url, "to_no_name")


def test_a_loop_of_redirects_is_named(url: str) -> None:
    """It said "answered 307", no more (hunt65 F4); a chain of more than ten, each to a new
    place, is no loop (hunt66 R7)."""
    assert _fails(url, "loop").endswith(
        f"redirects (307) to {url}/loop/query, which leads round in a loop of redirects")
    assert _fails(url, "chain").endswith(
        f"redirects (307) to {url}/chain/11/query, which leads on past 10 redirects")


def test_a_plain_web_server_is_told_no_endpoint_and_no_graph_store(url: str) -> None:
    """hunt93 F2, F3, F4: a plain web server's 501 said "answered 501" alone, the hint the
    404 of a query endpoint gets missing; `kg publish --dry-run` to it showed a clean plan
    (its 404 for kg's manifest read as "nothing published"), and the publish failed without
    a hint; `--endpoint` beside `kg publish` was ignored, unsaid."""
    from kg.cli import main

    said = _fails(url, "plain")
    assert "answered 501" in said and "is it the endpoint you meant?" in said
    out, err = io.StringIO(), io.StringIO()
    assert main(["publish", "--store", f"{url}/plain/store", "--dry-run"], out, err) == 0
    assert out.getvalue().startswith("PUT ")
    assert err.getvalue().startswith(f"note: {url}/plain/store has no manifest of kg's: kg has "
                                     "not published there yet; is it the server's Graph Store "
                                     "endpoint? (Oxigraph: …/store")
    err = io.StringIO()
    assert main(["publish", "--store", f"{url}/plain/store"], io.StringIO(), err) == 5
    assert "answered 501 to PUT" in err.getvalue() and "Graph Store endpoint?" in err.getvalue()
    err = io.StringIO()
    assert main(["--endpoint", f"{url}/plain/query", "publish", "--store", f"{url}/plain/store"],
                io.StringIO(), err) == 2
    assert "--endpoint does not go with it" in err.getvalue()


def test_a_publish_cut_short_says_the_store_is_half_published(url: str) -> None:
    """It said "answered 500" alone, the store holding graphs of this publish and of the
    one before (hunt142 F4); a publish that fails at once changed nothing, and says so not."""
    from kg.cli import main

    err = io.StringIO()
    assert main(["publish", "--store", f"{url}/half/store"], io.StringIO(), err) == 5
    said = err.getvalue()
    assert said.count("\n") == 1 and "answered 500" in said
    assert re.search(r"\(the publish stopped after 2 of [0-9]+ requests: the store holds some "
                     r"graphs of this publish and some of the one before; publish again to "
                     r"complete it\)\n$", said), said
    err = io.StringIO()
    assert main(["publish", "--store", f"{url}/half/store"], io.StringIO(), err) == 5
    assert "answered 500" in err.getvalue() and "stopped after" not in err.getvalue()


@pytest.mark.parametrize("odd", sorted(_ODD_GRAPHS))
def test_a_graph_name_that_is_no_iri_is_left_out(url: str, odd: str) -> None:
    """hunt129 F6: a server's literal "graph name" was pasted into the query that checks
    kg's graphs are still there (`VALUES ?g { <a> } } INJECTED … }`), and a triple term
    there was an internal error (exit 70). Only IRIs name graphs."""
    ASKED.clear()
    store = EndpointStore.open(f"{url}/odd_{odd}/query", timeout=5)
    assert store.dataset[0] == tuple(sorted((SCHEMA_GRAPH, SRC + "x")))
    store.verify(force=True)
    assert any("VALUES ?g" in q for q in ASKED)
    assert not any("INJECTED" in q or "http://x/" in q or "b0" in q for q in ASKED), ASKED
