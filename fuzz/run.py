"""The runners: statements through the Python API in a worker process (timed; a hang or a
crash restarts the worker and is a finding), and through ``kg query`` in subprocesses."""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import re
import subprocess
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from fuzz.corpus import ROOT

#: What a statement may end in: a result or kg's own error; anything else is a finding.
KINDS = {"exception": "an exception that is not kg's own",
         "engine": "an engine error (exit 5) on the embedded graph",
         "slow": "more than the time limit (CPU seconds in-process, wall seconds in the CLI)",
         "hang": "no answer within the hard timeout (the worker was killed)",
         "crash": "the interpreter died (a signal such as SIGSEGV)",
         "traceback": "a traceback on stderr",
         "exit": "an undocumented exit code, or an error without a message"}
#: Exit codes `kg query` (without --fail-empty, on the embedded graph) may end with.
CLI_OK = {0, 2, 3, 4}
#: Result formats the in-process run renders each result in (cheap ones most often).
FORMATS = ["json"] * 3 + ["csv", "table", "md", "jsonl", "tsv"] * 2 + ["mermaid", "dot", "turtle", "html"]
BATCH = 100


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    detail: str = ""
    seconds: float = 0.0

    def line(self, width: int = 300) -> str:
        shown = repr(self.text)
        if len(shown) > width:
            shown = shown[: width // 2] + f" …({len(self.text):,} chars)… " + shown[-width // 2:]
        return f"[{self.kind}] {self.seconds:.2f}s {shown}\n    {self.detail}"


# --- in-process, in a worker ------------------------------------------------------------


def _worker(conn: Connection) -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    from kg.session import Graph

    graph = Graph.open()
    conn.send("ready")
    while True:
        batch = conn.recv()
        if batch is None:
            return
        for index, text, params, fmt in batch:
            conn.send((index, *_one(graph, text, params, fmt)))


def _one(graph: Any, text: str, params: dict[str, str], fmt: str) -> tuple[str, str, float]:
    """Run and render one statement, streamed in a format that streams (as `kg query` does):
    (outcome, detail, CPU seconds)."""
    from kg import render
    from kg.errors import ExecutionError, KgError
    from kg.output import STREAMERS, Format, OutputContext, write_parts

    start = time.process_time()
    try:
        if Format.parse(fmt) in STREAMERS:
            "".join(write_parts(graph.stream(text, params), Format.parse(fmt),
                                OutputContext(graph.context)))
        else:
            render(graph.query(text, params), fmt, graph=graph)
        outcome, detail = "ok", ""
    except ExecutionError as exc:
        outcome, detail = "engine", exc.render().splitlines()[0][:300]
    except KgError:
        outcome, detail = "error", ""
    except Exception as exc:  # noqa: BLE001 - the finding
        where = traceback.extract_tb(exc.__traceback__)[-1]
        outcome = "exception"
        detail = f"{type(exc).__name__}: {str(exc)[:200]} at {where.filename}:{where.lineno}"
    return outcome, detail, time.process_time() - start


class Worker:
    """A worker process with the graph open; killed and restarted after a hang or a crash."""

    def __init__(self) -> None:
        self.process: Any = None
        self.conn: Connection | None = None

    def start(self, tries: int = 5) -> Connection:
        """Start the worker (again after a failed start: the tree may be mid-edit)."""
        for attempt in range(tries):
            ctx = mp.get_context("spawn")
            parent, child = ctx.Pipe()
            self.process = ctx.Process(target=_worker, args=(child,), daemon=True)
            self.process.start()
            child.close()
            try:
                if parent.poll(120) and parent.recv() == "ready":
                    self.conn = parent
                    return parent
            except (EOFError, OSError):
                pass
            self.stop(kill=True)
            time.sleep(2 * (attempt + 1))
        raise RuntimeError("the fuzz worker did not start (does `import kg` work?)")

    def stop(self, kill: bool = False) -> None:
        if self.process is None:
            return
        if not kill and self.conn is not None:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(10)
        self.process, self.conn = None, None


def run_api(statements: Sequence[str], params: dict[str, str], *, limit: float = 1.0,
            timeout: float = 10.0, seed: int = 0,
            progress: Callable[[int], None] | None = None,
            found: Callable[[Finding], None] | None = None) -> list[Finding]:
    """Every statement through ``graph.query`` (and rendered in a format), in a worker."""
    rng = random.Random(seed)
    formats = [rng.choice(FORMATS) for _ in statements]
    queue = deque(range(len(statements)))
    findings: list[Finding] = []
    worker, done = Worker(), 0
    try:
        while queue:
            conn = worker.conn or worker.start()
            batch = [queue.popleft() for _ in range(min(BATCH, len(queue)))]
            conn.send([(i, statements[i], params, formats[i]) for i in batch])
            for k, i in enumerate(batch):
                before = len(findings)
                failed = _receive(conn, worker, statements[i], limit, timeout, findings)
                done += 1
                if found and len(findings) > before:
                    found(findings[-1])
                if failed:  # the worker is gone: the rest of the batch goes again
                    queue.extendleft(reversed(batch[k + 1:]))
                    break
            if progress:
                progress(done)
    finally:
        worker.stop()
    return findings


def _receive(conn: Connection, worker: Worker, text: str, limit: float, timeout: float,
             findings: list[Finding]) -> bool:
    """One statement's outcome into ``findings``; True when the worker had to be replaced."""
    started = time.monotonic()
    if not conn.poll(timeout):
        worker.stop(kill=True)
        findings.append(Finding("hang", text, f"no answer in {timeout:g} s", timeout))
        return True
    try:
        _, outcome, detail, cpu = conn.recv()
    except (EOFError, OSError):
        code = worker.process.exitcode if worker.process else None
        worker.stop(kill=True)
        findings.append(Finding("crash", text, f"the worker died (exit {code})",
                                time.monotonic() - started))
        return True
    if outcome in ("exception", "engine"):
        findings.append(Finding(outcome, text, detail, cpu))
    elif cpu > limit:
        findings.append(Finding("slow", text, f"{cpu:.2f} CPU seconds", cpu))
    return False


# --- through the command line -----------------------------------------------------------


def _cli_one(text: str, params: dict[str, str], fmt: str, limit: float,
             timeout: float) -> Finding | None:
    used = sorted(set(re.findall(r"\$([A-Za-z_]\w*)", text)) & set(params))
    args: list[str | bytes] = [sys.executable, "-m", "kg", "query", "--format", fmt]
    for name in used:
        args += ["--param", f"{name}={params[name]}"]
    data = text.encode("utf-8", "surrogatepass")
    via_stdin = "\x00" in text or text.startswith("-") or len(data) > 100_000
    args.append("-" if via_stdin else data)
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    start = time.monotonic()
    try:
        done = subprocess.run(args, input=data if via_stdin else b"", capture_output=True,
                              timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        return Finding("hang", text, f"kg query ran past {timeout:g} s", timeout)
    seconds = time.monotonic() - start
    err = done.stderr.decode("utf-8", "replace")
    last = err.strip().splitlines()[-1][:200] if err.strip() else ""
    if "Traceback (most recent call last)" in err:
        return Finding("traceback", text, last, seconds)
    if done.returncode < 0:
        return Finding("crash", text, f"signal {-done.returncode}", seconds)
    if done.returncode == 5:
        return Finding("engine", text, last, seconds)
    if done.returncode not in CLI_OK or (done.returncode and not err.strip()):
        return Finding("exit", text, f"exit {done.returncode}: {last}", seconds)
    if seconds > limit:
        return Finding("slow", text, f"{seconds:.2f} s through the CLI", seconds)
    return None


def run_cli(statements: Sequence[str], params: dict[str, str], *, limit: float = 5.0,
            timeout: float = 20.0, jobs: int = 2, seed: int = 0,
            progress: Callable[[int], None] | None = None) -> list[Finding]:
    """Every statement through ``python -m kg query`` (argv, or stdin when argv cannot hold
    it), ``jobs`` at a time; exit codes, stderr and time checked."""
    rng = random.Random(seed)
    formats = [rng.choice(FORMATS) for _ in statements]
    findings: list[Finding] = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_cli_one, text, params, fmt, limit, timeout)
                   for text, fmt in zip(statements, formats)]
        for n, future in enumerate(futures, 1):
            found = future.result()
            if found:
                findings.append(found)
            if progress and n % 100 == 0:
                progress(n)
    return findings
