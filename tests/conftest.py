"""Shared fixtures: the embedded graph, loaded once per test session."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator

import pytest

from kg.session import Graph

#: The revision the page's own tests ask about: the seed the spec's answers follow.
SEED = "2024-01-23"


def ctrl_c_as_in_a_terminal() -> None:
    """SIGINT as a command typed in a terminal gets it. The tests may run where it is
    ignored (a shell without job control starts a background command so), and a child
    then keeps it ignored, as Python and kg should."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(scope="session")
def graph() -> Graph:
    """The embedded graph as of the seed revision of the page (the spec's answers)."""
    return Graph.open(as_of=SEED)


@pytest.fixture(scope="session")
def latest() -> Graph:
    """The embedded graph as of the latest revision of the page."""
    return Graph.open()


#: shapes beyond the spec's: several paths with several values each, as columns,
#: conditions (joined, and probes in a FILTER) and sort keys: subqueries, UNIONs and
#: OPTIONAL probes a server must answer alike; cells gathered in the engine (the first);
#: lists joined from their entities; names looked up together by local name
SEVERAL = ["ManagedCompute | show name, ^supportedBy, ^supportedBy.^series",
           "ManagedCompute | where ^supportedBy.^series.gpuCount >= 4 and ^supportedBy.category = GPU",
           "VMSeries | sort supportedBy desc, ^series, name | show name, supportedBy | limit 5",
           'VMSeries | where category ~ "gpu" or not (^series.gpuCount >= 4) | show name',
           'VMSeries | where supportedBy in ["compute cluster", "compute instance"] '
           'and ^series.gpuCount >= 4 | show name, supportedBy',
           # names looked up together, by local name (a pattern of them, ignoring case)
           "ManagedCompute | show name, supports(Single-Or-Multi-Node-Cluster), "
           "supports(autoscales-on-job-submission), supports(cpu-and-gpu-support)"]

#: The shapes that keep the values of paths added up (kg.planner.several,
#: kg.planner.conditions) and the list of entities joined from them (`lists`), each of
#: which the `plain` fixture can switch off.
SHAPES = ("columns", "keys", "conditions", "probes", "lists", "gathered")


@pytest.fixture
def plain(latest: Graph, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """``plain(*shapes)``: ``latest`` (or the graph given as ``graph=``) compiles its
    statements again with those shapes switched off (every column, key and condition
    joined in one level, every condition in a FILTER an EXISTS, every list a FILTER, every
    cell's values as solutions), to compare with what they give; ``plain()`` switches them
    all back on. Each switch forgets the graph's compiled plans."""
    import kg.planner.conditions as conditions
    import kg.planner.query as query

    keys_of = query.many_keys
    off = {"columns": (query, "apart", lambda b, exprs, skip=(): set()),
           "keys": (query, "many_keys", lambda s, c: [False for _ in keys_of(s, c)]),
           "conditions": (conditions, "_repeats", lambda cond: False),
           "probes": (conditions, "MAX_PROBES", 0),
           "lists": (conditions, "_joined_list", lambda cond, b, focus: None),
           "gathered": (query, "gatherable", lambda expr: False)}

    def switch(*shapes: str, graph: Graph = latest) -> None:
        monkeypatch.undo()
        for shape in shapes:
            monkeypatch.setattr(*off[shape])
        graph._plans.clear()

    yield switch
    switch()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from what the code produces now")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def rdflib_dataset(graph: Graph) -> object:
    """The embedded graph in rdflib (default graph = the union of all graphs), to run
    kg's compiled SPARQL on a second engine."""
    import pyoxigraph as ox
    import rdflib

    quads = ox.serialize(graph.store.store, format=ox.RdfFormat.N_QUADS)  # type: ignore[union-attr]
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=quads, format="nquads")
    return ds


#: Tests that take seconds each (a whole-graph validation, subprocesses, a browser, a
#: kernel, a tmux server, the fuzz): `make test` runs them, `make quick` (-m "not slow")
#: leaves them out. A test can also say @pytest.mark.slow itself.
SLOW = (
    "tests/test_fuzz.py::", "tests/test_validate.py::", "tests/test_install.py::",
    "tests/test_notebook.py::", "tests/test_repl_tmux.py::", "tests/test_completion_scripts.py::",
    "tests/test_endpoint.py::", "tests/test_site.py::test_chromium",
    "tests/test_revisions_data.py::test_every_revision_validates",
    "tests/test_repl_session.py::test_real_terminal",
    "tests/test_cli_saved.py::test_export_is_byte_identical_across_processes",
    "tests/test_plans.py::test_plan_runs_on_rdflib_too",  # a second engine, rdflib
    "tests/test_jena.py::",  # a third, Apache Jena, in a JVM
    "tests/test_plain_shapes.py::",  # 4,000 fuzz statements, twice
)


def pytest_configure(config: pytest.Config) -> None:
    """Refuse a temporary folder with white space in its path, saying how to run: the tests
    write their paths into shell lines, REPL commands and server configurations as they
    are, and 98 of them failed, each in its own way (hunt119 F4)."""
    import tempfile

    base = str(config.option.basetemp or tempfile.gettempdir())
    if any(ch.isspace() for ch in base):
        raise pytest.UsageError(f"the temporary folder {base!r} has white space in its path, "
                                "which the tests do not quote: run them with another TMPDIR, or "
                                "--basetemp=/tmp/kg-tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.startswith(SLOW):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _completion_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in completion fails the test: the REPL shows it as no candidates (hunt113 F10)."""
    from kg.repl.completer import KgCompleter

    monkeypatch.setattr(KgCompleter, "strict", True)


@pytest.fixture(autouse=True)
def _no_netrc_of_the_machine(tmp_path_factory: pytest.TempPathFactory,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to the tests' servers carry no credentials from the machine's ~/.netrc
    (tests/test_credentials.py writes netrc files of its own); and no file of the user's
    reaches a test: the REPL's start-up file, saved queries, history (a README's
    `~/.config/kg/replrc` and `.save`d queries failed 23 tests: hunt102 F2), and none is
    written (history, caches). A test that wants its own sets its own."""
    base = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("NETRC", str(base / "no-netrc"))
    monkeypatch.setenv("HISTFILE", str(base / "users-own" / "bash_history"))  # a shell under
    # tmux wrote to the user's ~/.bash_history, and the parser cache and Chromium's dconf went
    # to ~/.cache (hunt106 F9)
    for variable, folder in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                             ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        (base / "users-own" / folder).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(variable, str(base / "users-own" / folder))
