"""The remote endpoint's overhead per statement: an Oxigraph server (from this venv) on a
free loopback port, the embedded graph published to it (``kg.publish``), then the same
statements on ``open_graph(endpoint=…)`` and on the embedded graph, alternating."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import IO

from bench.report import ms, ratio, say, table
from bench.timing import alternate
from kg.publish import plan_uploads, publish, published_before
from kg.session import Graph

__all__ = ["remote_section", "remote_scale_section", "oxigraph_server", "free_port",
           "wait_until_answering", "stop", "REMOTE_STATEMENTS", "SCALE_STATEMENTS"]

REMOTE_STATEMENTS = (
    "VMSeries | where category = GPU | count",
    "TrainingTarget | show name, supports(AutoML), supports(Pipelines), supports(Designer)",
    "GPUArchitecture | where minCuda >= 10.0 | show name, minCuda | sort minCuda",
    'describe "Azure Container Instances"',
    'path NCv3 to "CUDA 9.0"',
    'check NCv3 with "CUDA 13.0"',
    'VMSeries | check with "CUDA 12.0"',
)


#: One-shot statements on a server holding a generated graph: what each cold `kg query
#: --endpoint` costs (connecting, the names it resolves, the statement).
SCALE_STATEMENTS = (
    "VMSeries | count",
    "VMSeries | where category = GPU | count",
    'describe "Gen Arch 3"',
    'check "Gen Series 12" with "CUDA 12.1"',
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_answering(url: str, proc: subprocess.Popen[bytes], what: str,
                         said: Callable[[], str], seconds: float = 20) -> None:
    """Wait until the server ``proc`` started answers ``url`` (any HTTP status is an
    answer); if it ends or ``seconds`` pass first, a RuntimeError naming ``what``, with the
    end of what it ``said`` (its log)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answered (a proxy asking for a password, say)
        except (urllib.error.URLError, OSError):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start: {said()[-500:]}") from None
            time.sleep(0.1)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server the tests or the bench started: asked first, killed if it lingers."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def _said(log: IO[bytes]) -> str:
    log.seek(0)
    return log.read().decode("utf-8", "replace")


@contextmanager
def oxigraph_server() -> Iterator[str]:
    """An in-memory Oxigraph server (the `oxigraph` package) on a free loopback port;
    yields its base URL. The benchmarks and the endpoint tests both start it here."""
    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if exe is None:
        raise RuntimeError("the `oxigraph` server is not installed: `pip install oxigraph` "
                           "(make test installs it with the test extras)")
    port = free_port()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen([exe, "serve", "--bind", f"127.0.0.1:{port}"],
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_answering(f"{url}/query?query=ASK%7B%7D", proc, "the oxigraph server",
                                 partial(_said, log))
            yield url
        finally:
            stop(proc)


def _cost(graph: Graph, text: str) -> int:
    """The requests ``text`` sends the first time a session asks it (the facts and
    verdicts the session keeps for `check` forgotten)."""
    graph.context.kept.clear()
    before = graph.store.requests  # type: ignore[union-attr]
    graph.query(text)
    return graph.store.requests - before  # type: ignore[union-attr]


def _rows(url: str, runs: int) -> list[list[object]]:
    publish(f"{url}/store", plan_uploads(previous=published_before(f"{url}/store")))
    remote, local = Graph.open(endpoint=f"{url}/query"), Graph.open()
    rows: list[list[object]] = []

    def forget() -> None:  # each run as the first time (untimed): see _cost
        local.context.kept.clear()
        remote.context.kept.clear()

    for text in REMOTE_STATEMENTS:
        times = alternate({"local": partial(local.query, text),
                           "remote": partial(remote.query, text)}, runs=runs, setup=forget)
        lo, far = times["local"].median, times["remote"].median
        rows.append([f"`{text}`", ms(lo), ms(far), ms(far - lo), ratio(far, lo),
                     _cost(remote, text)])
    return rows


def remote_section(runs: int = 5) -> None:
    """Each statement on the server and embedded, alternating; overhead and round trips."""
    try:
        with oxigraph_server() as url:
            rows = _rows(url, runs)
    except RuntimeError as exc:
        say(f"### Remote endpoint: skipped ({exc})\n")
        return
    say(f"### Remote endpoint overhead (Oxigraph server on loopback, page graph; median ms "
        f"of {runs} alternating runs, each with the facts a session keeps for `check` "
        "forgotten)\n")
    table(["statement", "embedded", "endpoint", "overhead", "endpoint / embedded",
           "requests"], rows)


def remote_scale_section(triples: int, runs: int = 3) -> None:
    """Cold `kg query` on a server holding the generated graph (published with `kg publish
    --data`) and on the embedded graph loading the same file (`--data`), alternating."""
    from bench.generate import ensure

    data = str(ensure(triples))
    kg_query = partial(_run, [sys.executable, "-m", "kg", "query"])
    rows: list[list[object]] = []
    try:
        with oxigraph_server() as url:
            started = time.perf_counter()
            publish(f"{url}/store", plan_uploads([data]))
            took = time.perf_counter() - started
            for text in SCALE_STATEMENTS:
                times = alternate({"endpoint": partial(kg_query, text, "--endpoint", f"{url}/query"),
                                   "embedded": partial(kg_query, text, "--data", data)}, runs=runs)
                far, near = times["endpoint"].median, times["embedded"].median
                rows.append([f"`{text}`", ms(far), ms(near), ratio(far, near)])
    except RuntimeError as exc:
        say(f"### Cold statements on a server at {triples:,} triples: skipped ({exc})\n")
        return
    say(f"### Cold `kg query` on a server holding {triples:,} generated triples (Oxigraph "
        f"server in memory, published in {took:.1f} s; median ms of at least {runs} "
        "alternating runs after a warm-up, each a new process)\n")
    table(["statement", "`--endpoint`", "embedded (`--data`)", "endpoint / embedded"], rows)


def _run(command: list[str], *args: str) -> None:
    subprocess.run([*command, *args], check=True, stdout=subprocess.DEVNULL)
