"""`kg` commands run in a worker thread (kg.worker.interruptible): its value and its
errors come back, and the thread has ended when the call returns, so no thread runs
while the interpreter shuts down (which stops a daemon thread wherever it is)."""

from __future__ import annotations

import _thread
import signal
import threading
import time

import pytest

from kg import worker


def _statement_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "kg-statement"]


def test_the_value_and_errors_come_back() -> None:
    assert worker.interruptible(lambda: 42) == 42
    with pytest.raises(ValueError, match="bad"):
        worker.interruptible(lambda: (_ for _ in ()).throw(ValueError("bad")))


def test_the_thread_has_ended_when_the_call_returns(monkeypatch: pytest.MonkeyPatch) -> None:
    run = worker._Job.run

    def slow_to_end(job: worker._Job) -> None:  # the thread lingers after its work is done
        run(job)
        time.sleep(0.3)

    monkeypatch.setattr(worker._Job, "run", slow_to_end)
    assert worker.interruptible(lambda: "done") == "done"
    assert _statement_threads() == []


def test_abandoned_work_stops_at_its_next_checkpoint_only() -> None:
    """Ctrl-C abandons the work but never raises inside it at an arbitrary point (where it
    could leave a lock of the import system held, and `kg` then hung at its next import):
    the work finishes what it is in (here a section under a lock) and stops at its next
    :func:`~kg.worker.checkpoint`, leaving no thread marked."""
    held = threading.Lock()
    steps: list[str] = []

    def work() -> None:
        with held:
            time.sleep(0.5)  # Ctrl-C comes here
            steps.append("section done")
        for _ in range(100):
            worker.checkpoint()
            steps.append("step")
            time.sleep(0.01)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.2, _thread.interrupt_main)
    try:
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            worker.interruptible(work)
    finally:
        timer.join()
        signal.signal(signal.SIGINT, previous)
    end = time.monotonic() + 3
    while any(t.name == "kg-statement" for t in threading.enumerate()):
        assert time.monotonic() < end, "the abandoned work did not stop"
        time.sleep(0.02)
    assert steps == ["section done"] and not held.locked() and not worker.ABANDONED
    worker.checkpoint()  # the main thread is never abandoned


def test_the_engine_s_results_in_an_error_are_freed_in_the_worker(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An error (or Ctrl-C's ``Abandoned``) leaves the work with a result iterator of the
    engine in its frames: those are freed in the worker thread. Freed on another thread,
    pyoxigraph printed "unsendable, but is being dropped on another thread" into the REPL
    and leaked the store (320 MB at each cancelled `.as-of` on a 1M-triple graph)."""
    import gc
    import sys

    import pyoxigraph as ox

    lost: list[str] = []  # what Python could not raise (pyo3's complaint comes so)
    monkeypatch.setattr(sys, "unraisablehook", lambda u: lost.append(str(u.exc_value)))

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1")))

    def work() -> None:
        rows = iter(store.query("SELECT * WHERE { ?s ?p ?o }"))
        next(rows)
        raise ValueError("after a row")

    with pytest.raises(ValueError, match="after a row") as caught:
        worker.interruptible(work)
    del caught
    gc.collect()
    assert not [text for text in lost if "unsendable" in text]


def test_work_ctrl_c_must_not_cut_runs_to_its_end() -> None:
    """`.load`: Ctrl-C says once that the work ends first, and the work's value comes back
    (a load cut after the engine's part left the session half updated)."""
    said: list[str] = []
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timers = [threading.Timer(t, _thread.interrupt_main) for t in (0.1, 0.2)]
    try:
        for timer in timers:
            timer.start()
        started = time.monotonic()
        value = worker.uninterruptible(lambda: (time.sleep(0.5), "loaded")[1],
                                       lambda: said.append("cannot be stopped"))
    finally:
        for timer in timers:
            timer.join()
        signal.signal(signal.SIGINT, previous)
    assert (value, said) == ("loaded", ["cannot be stopped"])
    assert time.monotonic() - started >= 0.5
    assert _statement_threads() == []


def test_a_ctrl_c_after_the_work_ended_leaves_its_outcome(monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt40 #7: Ctrl-C as the work ended (a site written whole) said "interrupted", exit
    130: the outcome stands; Ctrl-C while it runs still abandons it."""
    real = worker._Job.wait

    def wait_then_ctrl_c(self: worker._Job) -> None:
        real(self)
        raise KeyboardInterrupt

    monkeypatch.setattr(worker._Job, "wait", wait_then_ctrl_c)
    assert worker.interruptible(lambda: 42) == 42

    def ctrl_c_at_once(self: worker._Job) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(worker._Job, "wait", ctrl_c_at_once)
    started = threading.Event()

    def slow() -> int:
        started.set()
        time.sleep(0.3)
        return 1

    with pytest.raises(KeyboardInterrupt):
        worker.interruptible(slow)
    started.wait(2)


def test_after_one_sigterm_or_sighup_the_rest_are_ignored_until_kg_leaves() -> None:
    """A closed terminal sends SIGHUP twice; the second, with the handler restored, killed
    kg while it let its renames finish (half a site: hunt66 R1). The first raises; the rest
    find kg leaving, and are ignored (kg.cli.entry then ends it by the first). A caller that
    does not leave (a program that calls kg.cli.main) gets its handlers back (it could not
    be killed by them after: hunt69)."""
    import subprocess
    import sys

    script = ("import os, signal, time\n"
              "from kg.worker import Terminated, terminable\n"
              "try:\n"
              "    with terminable(leaving=True):\n"
              "        os.kill(os.getpid(), signal.SIGTERM)\n"
              "        time.sleep(5)\n"
              "except Terminated as exc:\n"
              "    print('first', exc.signum, flush=True)\n"
              "os.kill(os.getpid(), signal.SIGHUP)\n"
              "os.kill(os.getpid(), signal.SIGTERM)\n"
              "time.sleep(0.2)\n"
              "print('still here')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "first 15\nstill here\n", "")
    staying = script.replace("terminable(leaving=True)", "terminable()")
    done = subprocess.run([sys.executable, "-c", staying], capture_output=True, text=True,
                          timeout=60, check=False)
    assert (done.returncode, done.stdout) == (-1, "first 15\n")  # the SIGHUP, as before
