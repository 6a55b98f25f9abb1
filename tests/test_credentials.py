"""Credentials for a shared SPARQL server (kg.credentials): from the URL or the netrc file,
sent as HTTP Basic authentication, never shown; tried for real against nginx asking for a
password in front of an Oxigraph server."""

from __future__ import annotations

import base64
import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from bench.remote import free_port, oxigraph_server
from kg.cli import main
from kg.credentials import server, shown
from kg.endpoint import EndpointStore, projected
from kg.errors import DataError, ExecutionError, ExitStatus, UsageError
from kg.publish import plan_uploads, publish, published_before
from kg.session import Graph
from tests.auth_proxy import password_proxy

USER, PASSWORD = "alice", "s3cr@t/pw%"  # characters a URL must percent-encode (no ":":
IN_URL = "alice:s3cr%40t%2Fpw%25"        # nginx's password file cannot hold one)
SEED = "2024-01-23"


def _basic(header: str | None) -> str:
    assert header is not None and header.startswith("Basic ")
    return base64.b64decode(header.removeprefix("Basic ")).decode()


@pytest.fixture()
def no_netrc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A netrc file of the test's own (empty until a test writes it)."""
    path = tmp_path / "netrc"
    monkeypatch.setenv("NETRC", str(path))
    return path


def test_credentials_in_the_url_are_taken_out_of_it(no_netrc: Path) -> None:
    srv = server(f"https://{IN_URL}@kg.example.org:8443/ds/query?x=1")
    assert srv.url == "https://kg.example.org:8443/ds/query?x=1"
    assert _basic(srv.authorization) == f"{USER}:{PASSWORD}"
    request = srv.request(srv.url, data=b"q", method="POST")
    assert _basic(request.get_header("Authorization")) == f"{USER}:{PASSWORD}"
    assert server("http://kg.example.org/q").authorization is None
    assert _basic(server("http://a:b%3Ac@kg.example.org/q").authorization) == "a:b:c"
    assert _basic(server("http://a@kg.example.org/q").authorization) == "a:"


def test_credentials_come_from_the_netrc_file_by_host(no_netrc: Path) -> None:
    no_netrc.write_text("machine kg.example.org login bob password pw1\n"
                        "machine other.example.org login carol password pw2\n")
    no_netrc.chmod(0o600)
    assert _basic(server("https://kg.example.org/ds/query").authorization) == "bob:pw1"
    assert server("https://nowhere.example.org/q").authorization is None
    # the URL's own credentials win
    assert _basic(server("https://dan:x@kg.example.org/q").authorization) == "dan:x"


def test_a_malformed_netrc_file_is_a_data_error(no_netrc: Path) -> None:
    no_netrc.write_text("machine kg.example.org login bob\nbogus tokens\n")
    no_netrc.chmod(0o600)
    with pytest.raises(DataError, match=f"{no_netrc}.*line"):
        server("https://kg.example.org/q")


@pytest.mark.parametrize("text", ["machine github.com login bob ghp_SECRET123\n",
                                  "machine kg.example.org login bob 'ghp_SECRET123'\n",
                                  "default ghp_SECRET123\n"])
def test_a_malformed_netrc_file_shows_no_password(no_netrc: Path, text: str) -> None:
    """hunt46 #1: `password` forgotten before the password: Python's error quotes the word
    it could not place, and kg printed it, for any server."""
    no_netrc.write_text(text)
    no_netrc.chmod(0o600)
    with pytest.raises(DataError) as caught:
        server("https://kg.example.org/q")
    assert "SECRET" not in str(caught.value)
    assert str(caught.value).startswith(f"{no_netrc}, line ")


@pytest.mark.parametrize("url", ["notaurl", "ftp://kg.example.org/q", "http://[::1",
                                 "http://kg.example.org:port/q", "https:///q",
                                 "http://kg.example.org/q?default-graph-uri=http://x.org/g",
                                 "http://kg.example.org/q?timeout=5&named-graph-uri=x",
                                 # a store's own graph (hunt76 F4: `publish --store …?graph=x`
                                 # sent graph=x&graph=… and its dry run exited 0)
                                 "http://kg.example.org/store?graph=x", "http://kg.example.org/store?default",
                                 "http://a b/q", "http://kg.example.org/\x1b[31mq"])
def test_a_url_that_is_no_server_is_a_usage_error(url: str, no_netrc: Path) -> None:
    with pytest.raises(UsageError, match="URL"):
        server(url)


def test_shown_urls_carry_no_credentials() -> None:
    assert shown(f"https://{IN_URL}@kg.example.org/ds") == "https://kg.example.org/ds"
    assert shown("http://kg.example.org/q") == "http://kg.example.org/q"
    assert shown("notaurl") == "notaurl"
    assert shown("http://kg.example.org?q=a%40b") == "http://kg.example.org?q=a%40b"
    # an @ past the server's name: kg cannot tell a password cut short by a /?# (or all
    # digits, like a port) from a path; all before it is hidden (and `server` refuses it)
    for url in ("https://alice:s3cr#t@kg.example.org/ds", "https://alice:a/b?c@kg.example.org/ds",
                "http://alice:1234#abcd@kg.example.org/ds", "http://to#ken@kg.example.org/ds"):
        assert shown(url) == "https://…@kg.example.org/ds".replace(
            "https", url.partition(":")[0]), url
    assert shown("http://u:p@kg.example.org?q=a@b#c@d") == "http://…@d"
    for url in ("http:/alice:s3cret@kg.example.org/q", "https:alice:s3cret@kg.example.org/q"):
        assert shown(url) == "…@kg.example.org/q"  # no // (hunt38 #3)


@pytest.mark.parametrize("url", ["https://alice:s3cr#t@kg.example.org/ds/query",
                                 "https://alice:p?ss@kg.example.org/q",
                                 "https://alice:x/y@kg.example.org/q",
                                 "http://alice:1234#abcd@kg.example.org/q",  # a port, it seems
                                 "http://alice:12?34@kg.example.org/q",
                                 "http://alice:99/x@kg.example.org/q",
                                 "http://to#ken@kg.example.org/q"])
def test_a_password_cut_short_is_never_shown(url: str, no_netrc: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A `#`, `/` or `?` in a password ends the URL's authority: the error said "not a URL"
    with the URL, password and all, or "Port could not be cast … 's3cr'"; one of all digits
    read as a port, the request went out and its error showed the URL (hunt37 #3)."""
    assert main(["--endpoint", url, "query", "VMSeries | count"]) == ExitStatus.USAGE
    said = capsys.readouterr().err
    assert "write a `/`, `?` or `#` as %2F, %3F or %23" in said
    assert not any(secret in said for secret in ("s3cr", "p?ss", "x/y", "alice", "1234",
                                                 "12?34", "99/x", "to#ken"))
    assert main(["--endpoint", "", "publish", "--store", url, "--dry-run"]) == ExitStatus.USAGE
    assert "alice" not in capsys.readouterr().err


def test_an_endpoint_from_the_environment_is_named_without_its_password(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KG_ENDPOINT", "http://alice:s3cret@127.0.0.1:1/query")
    assert main(["diff", "seed", "latest"]) == ExitStatus.USAGE
    said = capsys.readouterr().err
    assert "http://127.0.0.1:1/query" in said and "s3cret" not in said


def _kg(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          timeout=120, input=stdin)


@pytest.mark.parametrize("args", [["query", "--endpoint", "notaurl", "VMSeries"],
                                  ["publish", "--store", "ftp://x/store", "--dry-run"],
                                  ["publish", "--store", "http://[::1/store"],
                                  # a line break or an ESC, shown escaped: the one line was
                                  # two, and the ESC went to the terminal (hunt104 F7)
                                  ["query", "--endpoint", "http://127.0.0.1:1/qu\nery", "V"],
                                  ["query", "--endpoint", "http://127.0.0.1:1/q\x1b[2J", "V"]])
def test_a_bad_server_url_is_one_line_and_exit_2(args: list[str]) -> None:
    done = _kg(*args)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "URL" in done.stderr and "Traceback" not in done.stderr
    assert "\x1b" not in done.stderr


# --- a real server asking for a password ----------------------------------------------------


@pytest.fixture(scope="module")
def guarded() -> Iterator[str]:
    """nginx asking for USER and PASSWORD in front of an Oxigraph server; its base URL."""
    try:
        with oxigraph_server() as upstream, password_proxy(upstream, USER, PASSWORD) as url:
            yield url
    except RuntimeError as exc:  # not installed, or did not start: say why
        pytest.fail(str(exc))


def _with(url: str, userinfo: str) -> str:
    return url.replace("http://", f"http://{userinfo}@", 1)


def test_publish_and_query_with_credentials_in_the_url(guarded: str, no_netrc: Path) -> None:
    store = _with(f"{guarded}/store", IN_URL)
    publish(store, plan_uploads(previous=published_before(store)))
    remote = Graph.open(endpoint=_with(f"{guarded}/query", IN_URL), as_of=SEED)
    local = Graph.open(as_of=SEED)
    for text in ('check NCv3 with "CUDA 12.1"', "VMSeries | where category = GPU | count",
                 "FrameworkRelease | sort versionNumber desc | show name | limit 3"):
        assert remote.query(text).records() == local.query(text).records(), text
    assert PASSWORD not in remote.store.url and "alice" not in remote.store.url  # type: ignore[union-attr]
    import base64  # hunt76 F1: a notebook's `remote`, or a log line of it, showed `Basic …`

    secret = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    for text in (repr(remote), str(remote), repr(remote.store), repr(remote.store.server)):  # type: ignore[union-attr]
        assert secret not in text and "Basic" not in text and PASSWORD not in text
    assert repr(remote) == f"Graph(endpoint='{guarded}/query', as_of=2024-01-23, lang='en')"


def test_query_with_credentials_from_netrc(guarded: str, no_netrc: Path) -> None:
    store = _with(f"{guarded}/store", IN_URL)
    publish(store, plan_uploads(previous=published_before(store)))
    no_netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n")
    no_netrc.chmod(0o600)
    remote = Graph.open(endpoint=f"{guarded}/query", as_of=SEED)
    assert remote.query("VMSeries | where name = NCv3").records() == [{"name": "NCv3"}]


def test_no_credentials_says_where_kg_looks(guarded: str, no_netrc: Path) -> None:
    with pytest.raises(ExecutionError, match=r"answered 401.*give them in the URL.*netrc") as e:
        Graph.open(endpoint=f"{guarded}/query")
    assert "<" not in str(e.value)  # not the first line of nginx's HTML page
    assert str(e.value).endswith(f"or in {no_netrc}; $NETRC names no file: {no_netrc})")
    no_netrc.write_text("")  # hunt46 #6: a file there, with nothing for this server
    no_netrc.chmod(0o600)
    with pytest.raises(ExecutionError) as e:
        Graph.open(endpoint=f"{guarded}/query")
    assert str(e.value).endswith(f"or in {no_netrc})")  # $NETRC's file: where kg looked
    with pytest.raises(ExecutionError, match=r"graph store .* answered 401.*netrc"):
        published_before(f"{guarded}/store")


def test_wrong_credentials_are_refused_and_never_shown(guarded: str, no_netrc: Path) -> None:
    wrong = "alice:not-the-password"
    done = _kg("--endpoint", _with(f"{guarded}/query", wrong), "query", "VMSeries | count")
    assert done.returncode == 5
    assert "refused the credentials" in done.stderr and done.stderr.count("\n") == 1
    assert "not-the-password" not in done.stderr and "alice" not in done.stderr
    done = _kg("publish", "--store", _with(f"{guarded}/store", wrong))
    assert done.returncode == 5 and "refused the credentials" in done.stderr
    assert "not-the-password" not in done.stderr


def test_the_dry_run_and_the_report_show_no_credentials(guarded: str, no_netrc: Path) -> None:
    store = _with(f"{guarded}/store", IN_URL)
    dry = _kg("publish", "--store", store, "--dry-run")
    assert dry.returncode == 0 and dry.stdout.count(f"PUT {guarded}/store?graph=") > 10
    assert "s3cr" not in dry.stdout and "alice" not in dry.stdout
    done = _kg("publish", "--store", store)
    assert done.returncode == 0, done.stderr
    assert f"to {guarded}/store" in done.stderr and "s3cr" not in done.stderr


# --- redirects ---------------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Redirects ``/here`` to ``/there`` on its own server, ``/away`` to the other server,
    and answers 404 elsewhere, keeping each request's Authorization header."""

    seen: list[tuple[str, str | None]]
    other: str

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.seen.append((self.path.split("?")[0], self.headers.get("Authorization")))
        to = {"/here": "/there", "/away": f"{self.other}/there"}.get(self.path.split("?")[0])
        self.send_response(302 if to else 404)
        if to:
            self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def _recorder(seen: list[tuple[str, str | None]], other: str = "") -> AbstractContextManager[str]:
    return _serving(type("Handler", (_Recorder,), {"seen": seen, "other": other}))


@contextmanager
def _serving(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """The URL of ``handler`` served on a free loopback port, for the block."""
    httpd = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_credentials_follow_a_redirect_only_on_their_own_server(no_netrc: Path) -> None:
    """A redirect to the same server keeps the credentials; one to another host (here:
    another port) loses them, as with curl."""
    near: list[tuple[str, str | None]] = []
    far: list[tuple[str, str | None]] = []
    with _recorder(far) as other, _recorder(near, other) as url:
        for path in ("/here", "/away"):
            assert published_before(_with(f"{url}{path}", "alice:pw")) == []  # a 404: none
    assert near[0][0] == "/here" and _basic(near[0][1]) == "alice:pw"
    assert near[1][0] == "/there" and _basic(near[1][1]) == "alice:pw"
    assert near[2][0] == "/away" and _basic(near[2][1]) == "alice:pw"
    assert far == [("/there", None)]


def test_an_empty_server_is_named_without_the_credentials(no_netrc: Path) -> None:
    with oxigraph_server() as upstream, password_proxy(upstream, USER, PASSWORD) as url:
        with pytest.raises(ExecutionError, match="holds no named graphs") as e:
            Graph.open(endpoint=_with(f"{url}/query", IN_URL))
    assert f"{url}/query" in str(e.value) and "s3cr" not in str(e.value)


def test_a_netrc_others_may_read_is_refused(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """~/.netrc with a password that others may read is a data error (as Python's netrc
    module has it), naming the file; readable by its owner alone, it is used."""
    monkeypatch.delenv("NETRC", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    file = tmp_path / ".netrc"
    file.write_text("machine kg.example.org login bob password pw1\n")
    file.chmod(0o644)
    with pytest.raises(DataError, match=r"\.netrc.*(permissive|permissions)"):
        server("https://kg.example.org/q")
    file.chmod(0o600)
    assert _basic(server("https://kg.example.org/q").authorization) == "bob:pw1"


def _answering(body: bytes, content_type: str,
               status: int = 200) -> type[http.server.BaseHTTPRequestHandler]:
    """A server that answers every GET and POST with ``body`` (a web page, broken JSON)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def test_a_store_that_answers_html_is_an_engine_error(no_netrc: Path) -> None:
    """`kg publish` reads kg's manifest first: a server that answers HTML there (a web
    page, not a graph store) is an error naming it, not an internal error."""
    page = b"<!doctype html><html><body>Welcome</body></html>"
    with _serving(_answering(page, "text/html")) as url:
        with pytest.raises(ExecutionError, match="not N-Triples"):
            published_before(f"{url}/store")


def test_an_endpoint_answer_nested_too_deep_is_an_engine_error(no_netrc: Path) -> None:
    """JSON nested deeper than Python parses is no SPARQL JSON results: an engine error."""
    with _serving(_answering(b"[" * 100_000, "application/sparql-results+json")) as url:
        with pytest.raises(ExecutionError, match="not SPARQL JSON results"):
            EndpointStore.open(f"{url}/sparql")


def test_an_endpoint_answering_other_columns_is_an_engine_error(no_netrc: Path) -> None:
    """A server whose answer names other columns than the query asked for is an engine
    error saying so (kg reads rows by position); the same columns in another order are
    put back in the query's order."""
    other = json.dumps({"head": {"vars": ["a"]}, "results": {"bindings": []}}).encode()
    with _serving(_answering(other, "application/sparql-results+json")) as url:
        with pytest.raises(ExecutionError, match="answered with the columns `a` a query that "
                                                 "asks for `g`"):
            EndpointStore.open(f"{url}/sparql")
    none = json.dumps({"head": {"vars": []}, "results": {"bindings": []}}).encode()
    with _serving(_answering(none, "application/sparql-results+json")) as url:  # hunt46 #6
        with pytest.raises(ExecutionError, match="answered with no column a query that asks for "):
            EndpointStore.open(f"{url}/sparql")
    listed = json.dumps([1, 2, 3]).encode()  # hunt43 #8: "list indices must be integers…"
    with _serving(_answering(listed, "application/sparql-results+json")) as url:
        with pytest.raises(ExecutionError, match="answered malformed results: no object with "
                                                 "a `head` and `results`"):
            EndpointStore.open(f"{url}/sparql")
    swapped = json.dumps({"head": {"vars": ["b", "a"]}, "results": {"bindings": [
        {"a": {"type": "literal", "value": "1"}, "b": {"type": "literal", "value": "2"}}]}})
    with _serving(_answering(swapped.encode(), "application/sparql-results+json")) as url:
        store = EndpointStore(server(f"{url}/sparql"))
        names, rows = store.select("SELECT ?a ?b WHERE { ?a ?b ?c }")
    assert names == ["a", "b"] and [[t.value for t in row] for row in rows] == [["1", "2"]]


def test_the_projection_of_kgs_queries_is_read_back() -> None:
    """The variables kg's queries project, as the check above reads them."""
    assert projected("PREFIX kg: <x>\nSELECT DISTINCT ?x0 (GROUP_CONCAT(?v; separator=\" \") "
                     "AS ?c1) ?c2 WHERE { { SELECT ?y WHERE { } } }") == ["x0", "c1", "c2"]
    assert projected("SELECT (COUNT(DISTINCT ?x0) AS ?count) WHERE { }") == ["count"]
    assert projected("SELECT * WHERE { }") is None


def test_a_redirect_to_a_server_that_is_down_names_where_it_went(no_netrc: Path) -> None:
    """The error names the URL that could not be reached (the redirect's target, without
    credentials), not only the one that answered with the redirect."""
    dead = f"http://me:pw@127.0.0.1:{free_port()}"
    seen: list[tuple[str, str | None]] = []
    with _recorder(seen, dead) as url:
        with pytest.raises(ExecutionError) as err:
            published_before(_with(f"{url}/away", "alice:pw"))
    said = str(err.value)
    assert f"{url}/away (it redirected to {dead.replace('me:pw@', '')}/there): " in said
    assert "pw" not in said.replace("/away", "")


def test_a_url_with_letters_outside_ascii_is_sent_percent_encoded() -> None:
    """`…/quéry`, `?x=é`: http.client refused the request line, an internal error (exit 70;
    a traceback in Python and in %%kgq: hunt55 F2). Sent as a browser sends it."""
    from kg.credentials import server

    assert server("http://127.0.0.1:9/qu%C3%A9ry?x=%C3%A9").url == \
        server("http://127.0.0.1:9/quéry?x=é").url == "http://127.0.0.1:9/qu%C3%A9ry?x=%C3%A9"
    done = subprocess.run([sys.executable, "-m", "kg", "--endpoint", "http://127.0.0.1:9/quéry",
                           "query", "VMSeries | count"], capture_output=True, text=True)
    assert done.returncode == 5 and "Traceback" not in done.stderr
    assert "http://127.0.0.1:9/qu%C3%A9ry" in done.stderr


def test_no_home_no_netrc(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty HOME is no home: `~/.netrc` was looked up as `/.netrc` (hunt59 R15)."""
    from kg import credentials

    looked: list[str] = []
    real = Path.is_file
    monkeypatch.setattr(Path, "is_file", lambda self: looked.append(str(self)) or real(self))
    monkeypatch.setenv("HOME", "")
    monkeypatch.delenv("NETRC", raising=False)
    assert credentials._from_netrc("example.org") is None
    assert "/.netrc" not in looked


def test_a_403_blames_credentials_only_where_kg_sent_some(no_netrc: Path) -> None:
    """hunt76 F3: a read-only server's 403 said "the server refused the credentials kg
    sent: check the user and password" where kg had sent none."""
    with _serving(_answering(b"The server is read-only", "text/plain", 403)) as url:
        with pytest.raises(ExecutionError) as none:
            EndpointStore.open(f"{url}/sparql")
        with pytest.raises(ExecutionError) as some:
            EndpointStore.open(_with(f"{url}/sparql", IN_URL))
    assert "refused the credentials" not in str(none.value)
    assert str(none.value).endswith("(kg sent no credentials: a server that is read-only, or "
                                    "wants a user and password for this, refuses so)")
    assert "refused the credentials kg sent: check the user and password" in str(some.value)


def _cut_short(said: int, sent: bytes) -> type[http.server.BaseHTTPRequestHandler]:
    """A server whose answer says ``said`` bytes and sends ``sent``, then closes."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(said))
            self.end_headers()
            self.wfile.write(sent)
            self.close_connection = True

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def test_a_bad_answer_is_said_in_kgs_words(no_netrc: Path) -> None:
    """hunt76 F8: a binding that is no object said Python's "'int' object is not
    subscriptable"; an answer cut short was "not SPARQL JSON results"."""
    odd = json.dumps({"head": {"vars": ["g"]}, "results": {"bindings": [{"g": 42}]}}).encode()
    with _serving(_answering(odd, "application/sparql-results+json")) as url:
        with pytest.raises(ExecutionError) as caught:
            EndpointStore.open(f"{url}/sparql")
    assert str(caught.value) == (f"the SPARQL endpoint {url}/sparql answered malformed results: "
                                 "a row, or a value in one, that is no object")
    start = b'{"head": {"vars": ["g"]}, "results": {"bindings": ['
    with _serving(_cut_short(1000, start)) as url:
        with pytest.raises(ExecutionError) as caught:
            EndpointStore.open(f"{url}/sparql")
    assert str(caught.value).startswith(f"the SPARQL endpoint {url}/sparql cut its answer short")
    assert str(caught.value).endswith(f": {len(start)} of 1,000 bytes")


def test_a_manifest_entry_that_names_no_graph_is_left_out(no_netrc: Path) -> None:
    """hunt85 F1: a text, a blank node or a triple among the manifest's kg:published was an
    internal error (exit 70), and on a real server every publish after it failed (DELETE of
    "just text"); they name no graph kg published, nor does the manifest itself."""
    manifest = "<https://w3id.org/azml-kg/source/kg-publication>"
    published = "<https://w3id.org/azml-kg/ontology#published>"
    body = "".join(f"{manifest} {published} {o} .\n" for o in (
        '"just text"', "_:b1", "<<( <http://a> <http://b> <http://c> )>>", manifest,
        "<https://w3id.org/azml-kg/source/page-cuda-table>")).encode()
    with _serving(_answering(body, "application/n-triples")) as url:
        assert published_before(f"{url}/store") == ["https://w3id.org/azml-kg/source/page-cuda-table"]


def test_the_repls_settings_show_no_credentials(guarded: str, no_netrc: Path) -> None:
    """hunt85 F2: `.settings` printed the endpoint as it was typed, its user and password too."""
    store = _with(f"{guarded}/store", IN_URL)
    publish(store, plan_uploads(previous=published_before(store)))
    done = _kg("--endpoint", _with(f"{guarded}/query", IN_URL), "repl", stdin=".settings\n")
    assert done.returncode == 0, done.stderr
    assert f"endpoint: {guarded}/query" in done.stdout + done.stderr
    assert "s3cr" not in done.stdout + done.stderr and "alice" not in done.stdout + done.stderr


def test_a_url_with_a_byte_that_is_no_utf8_says_so(no_netrc: Path) -> None:
    """hunt123 F7: a `\\xff` byte in a URL (a surrogate as Python reads argv) was called "a
    space or a control character", and shown as `\\udcff`; it is shown as kg shows such a
    byte elsewhere, and said to be no UTF-8."""
    with pytest.raises(UsageError) as caught:
        server("http://a/\udcff")
    assert str(caught.value) == ("not a URL: http://a/\\xff (a byte in it is not UTF-8 text; "
                                 "write a byte as %FF)")
