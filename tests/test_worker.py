"""`kg` commands run in a worker thread (kg.worker.interruptible): its value and its
errors come back, and the thread has ended when the call returns, so no thread runs
while the interpreter shuts down (which stops a daemon thread wherever it is)."""

from __future__ import annotations

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
