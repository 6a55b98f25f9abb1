"""Run a statement or a command so that Ctrl-C ends the wait for it within a tenth of a
second (the REPL's statements, and every `kg` command but the REPL).

The work runs in a daemon thread while the main thread waits on a lock in short steps,
so the ``KeyboardInterrupt`` Ctrl-C raises reaches the main thread at once even while
the engine works (pyoxigraph releases the interpreter while it queries). The
interrupted work is abandoned: its result is dropped, and an exception is set in
its thread so it stops as soon as it runs Python code again. A REPL statement must not
print or change the session (the REPL does that with what it returns); a `kg` command
may print, since the process leaves at once after Ctrl-C.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["interruptible", "Abandoned"]

T = TypeVar("T")
POLL = 0.1  #: seconds between checks for Ctrl-C


class Abandoned(BaseException):
    """Raised inside abandoned work so it stops (never seen by the user)."""


def interruptible(work: Callable[[], T]) -> T:
    """``work()``, run in a worker thread; Ctrl-C abandons it.

    Raises:
        KeyboardInterrupt: Ctrl-C while waiting (the work is abandoned).
        Exception: whatever ``work`` raised.
    """
    if threading.current_thread() is not threading.main_thread():
        return work()  # only the main thread receives Ctrl-C: nothing to gain
    _quiet_when_abandoned()  # before any work: nothing more to do once Ctrl-C comes
    job = _Job(work)
    worker = threading.Thread(target=job.run, name="kg-statement", daemon=True)
    worker.start()
    try:
        # a bare lock, not join() or an Event: Ctrl-C inside those can leave the condition
        # they wait on half released, and the wait then fails with a RuntimeError
        while not job.done.acquire(timeout=POLL):
            pass
        # the work is done; its thread ends at once: no thread may still run when the
        # interpreter shuts down, which stops a daemon thread wherever it is (a `kg`
        # command over an endpoint once died with a corrupt heap as it left)
        worker.join()
    except KeyboardInterrupt:
        job.abandon(worker)
        raise
    if job.error is not None:
        raise job.error
    return job.value  # type: ignore[return-value]


class _Job:
    """One piece of work and what became of it."""

    def __init__(self, work: Callable[[], object]) -> None:
        self.work = work
        self.value: object = None
        self.error: BaseException | None = None
        self.done = threading.Lock()  # held until the work is finished
        self.done.acquire()
        self._lock = threading.Lock()
        self._finished = False

    def run(self) -> None:
        try:
            try:
                self.value = self.work()
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                self.error = exc
            finally:
                with self._lock:
                    self._finished = True
                self.done.release()
        except Abandoned:
            pass

    def abandon(self, worker: threading.Thread) -> None:
        """Raise :class:`Abandoned` in ``worker`` at its next bytecode, unless it is done."""
        import ctypes  # only once Ctrl-C is pressed: not on every start-up

        with self._lock:
            if not self._finished and worker.ident is not None:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident),
                                                           ctypes.py_object(Abandoned))


def _quiet_when_abandoned() -> None:
    """Where :class:`Abandoned` lands in code that cannot raise it (a callback of the
    import system's locks, when Ctrl-C comes while the work imports a module), Python
    would print it as "Exception ignored" with a traceback: it is no error, so say nothing.
    Set before any work starts: done as Ctrl-C abandoned the work, it hung `kg` now and
    then on a busy machine (2 of 60 runs)."""
    import sys

    previous = sys.unraisablehook
    if getattr(previous, "kg_quiet", False):
        return

    def hook(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, Abandoned):
            previous(unraisable)

    hook.kg_quiet = True  # type: ignore[attr-defined]
    sys.unraisablehook = hook
