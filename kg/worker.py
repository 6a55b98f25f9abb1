"""Run a statement or a command so that Ctrl-C ends the wait for it within a tenth of a
second (the REPL's statements, and every `kg` command but the REPL).

The work runs in a daemon thread while the main thread waits on a lock in short steps,
so the ``KeyboardInterrupt`` Ctrl-C raises reaches the main thread at once even while
the engine works (pyoxigraph releases the interpreter while it queries). The
interrupted work is abandoned: its result is dropped, and it stops at its next
:func:`checkpoint`, which kg's loops call at each row or step. A REPL statement must not
print or change the session (the REPL does that with what it returns); a `kg` command
may print, since the process leaves at once after Ctrl-C (:func:`kg.cli.entry`).

The work is never stopped from outside (``PyThreadState_SetAsyncExc``): an exception
raised at any bytecode can land inside the import system's or a lock's own code and
leave a lock held, and the next import then waits forever (`kg` hung after Ctrl-C on a
busy machine so, now and then, while its statement still imported modules).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

__all__ = ["interruptible", "uninterruptible", "checkpoint", "settle", "Abandoned", "ABANDONED",
           "Terminated", "terminable"]

T = TypeVar("T")
POLL = 0.1  #: seconds between checks for Ctrl-C


class Abandoned(BaseException):
    """Raised inside abandoned work so it stops (never seen by the user)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP while a command waits for its work (:func:`terminable`): it ends
    as on Ctrl-C, its files whole or not at all, and then by that signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def terminable(*, leaving: bool = False) -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise :class:`Terminated` in the main thread, as
    Ctrl-C raises ``KeyboardInterrupt``: `kill`, `timeout`, a CI job cancelled or an ssh
    session closed cut `kg docs` between two renames (half the site old, temporary files
    left: hunt64 F1). The first such signal raises; every later one, until the process has
    left, is ignored (a closed terminal sends SIGHUP twice, and the second cut the renames
    that the first let finish: hunt66 R1, R9). ``leaving``: the caller ends the process
    after a signal (:func:`kg.cli.entry`), and the handlers stay till then; else they are
    put back as they were (a program that calls `kg.cli.main` could not be killed by them
    after: hunt69). A signal the process was started ignoring (`nohup`) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    import signal

    stopping: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        if not stopping:  # the first: the rest find the process leaving already
            stopping.append(signum)
            raise Terminated(signum)

    kept = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        before = signal.getsignal(signum)
        if before is not signal.SIG_IGN:
            kept[signum] = signal.SIG_DFL if before is None else before
            signal.signal(signum, stop)
    try:
        yield
    finally:
        if not (stopping and leaving):
            for signum, handler in kept.items():
                signal.signal(signum, handler)


def interruptible(work: Callable[[], T]) -> T:
    """``work()``, run in a worker thread; Ctrl-C abandons it.

    Raises:
        KeyboardInterrupt: Ctrl-C while waiting (the work is abandoned).
        Exception: whatever ``work`` raised.
    """
    if threading.current_thread() is not threading.main_thread():
        return work()  # only the main thread receives Ctrl-C: nothing to gain
    job = _Job(work)
    try:
        job.start()
        job.wait()
    except KeyboardInterrupt:
        if job.finished:  # it ended as Ctrl-C came: its outcome stands (a site written
            return job.outcome()  # whole was "interrupted", exit 130: hunt40 #7)
        job.abandon()
        raise
    return job.outcome()


def uninterruptible(work: Callable[[], T], notice: Callable[[], None]) -> T:
    """``work()``, which Ctrl-C must not cut in two (a file half loaded into the session),
    run in a worker thread to its end; Ctrl-C meanwhile calls ``notice`` (once) to say so.

    Raises:
        Exception: whatever ``work`` raised.
    """
    if threading.current_thread() is not threading.main_thread():
        return work()
    job, told = _Job(work), False
    job.start()
    while True:
        try:
            job.wait()
            break
        except KeyboardInterrupt:
            if not told:
                told = True
                notice()
    return job.outcome()


def checkpoint() -> None:
    """Raise :class:`Abandoned` in work that Ctrl-C abandoned; nothing otherwise (a
    test of an empty set while no work is abandoned: cheap enough for every row)."""
    if ABANDONED and threading.get_ident() in ABANDONED:
        raise Abandoned


#: the threads (by ident) whose work is abandoned and not yet finished
ABANDONED: set[int] = set()


def settle(timeout: float) -> bool:
    """Wait up to ``timeout`` seconds for abandoned work to stop (most stops at once, at its
    next row; work in the engine's native code runs on until the engine answers); True
    when none runs any more."""
    end = time.monotonic() + timeout
    while ABANDONED and time.monotonic() < end:
        time.sleep(0.005)
    return not ABANDONED


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
        self._abandoned = False
        self._thread: int | None = None

    def start(self) -> None:
        self._worker = threading.Thread(target=self.run, name="kg-statement", daemon=True)
        self._worker.start()

    def wait(self) -> None:
        """Until the work is done and its thread has ended."""
        # a bare lock, not join() or an Event: Ctrl-C inside those can leave the condition
        # they wait on half released, and the wait then fails with a RuntimeError
        while not self._finished:  # (so a wait cut by Ctrl-C can be taken up again)
            self.done.acquire(timeout=POLL)
        # the work is done; its thread ends at once: no thread may still run when the
        # interpreter shuts down, which stops a daemon thread wherever it is (a `kg`
        # command over an endpoint once died with a corrupt heap as it left)
        self._worker.join()

    def outcome(self) -> Any:
        """The work's value; or its error, raised."""
        if self.error is not None:
            raise self.error
        return self.value

    def run(self) -> None:
        with self._lock:
            self._thread = threading.get_ident()
            if self._abandoned:  # Ctrl-C came as the thread started
                ABANDONED.add(self._thread)
        try:
            self.value = self.work()
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            _drop_frames(exc)
            if not isinstance(exc, Abandoned):
                self.error = exc
        finally:
            with self._lock:  # a finished thread's ident may be reused: never left marked
                self._finished = True
                ABANDONED.discard(self._thread)
            self.done.release()

    @property
    def finished(self) -> bool:
        """Has the work ended (its value or error set)?"""
        with self._lock:
            return self._finished

    def abandon(self) -> None:
        """Mark the work abandoned, so its next :func:`checkpoint` stops it (unless it is
        done)."""
        with self._lock:
            self._abandoned = True
            if not self._finished and self._thread is not None:
                ABANDONED.add(self._thread)


def _drop_frames(error: BaseException) -> None:
    """Free, in this thread, what the frames of ``error`` and of the exceptions it chains
    hold: the engine's result iterators (pyoxigraph's are bound to the thread that made
    them; freed on another, they print "is unsendable, but is being dropped on another
    thread" and leak their whole store). kg reports an error in a line, never with its
    traceback."""
    import traceback  # only on an error: not on every start-up

    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if e.__traceback__ is not None:
            traceback.clear_frames(e.__traceback__)
            e.__traceback__ = None
        todo += [e.__cause__, e.__context__]
