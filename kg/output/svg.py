"""SVG: the DOT diagram rendered by Graphviz's ``dot`` program."""

from __future__ import annotations

import shutil
import subprocess
import time

from kg.errors import ExecutionError
from kg.output import Format, OutputContext
from kg.output.diagram import diagram
from kg.output.dot import dot_source
from kg.result import Result
from kg.worker import POLL, checkpoint

__all__ = ["write", "render_svg"]

TIMEOUT = 60  #: seconds Graphviz may take


def render_svg(source: str) -> str:
    """Run ``dot -Tsvg`` on DOT ``source``.

    Raises:
        ExecutionError: Graphviz is not installed, cannot run, fails or takes too long (exit
            5, as a program kg needs: it was 4, a data error, hunt115 F4, hunt123 F6).
    """
    exe = shutil.which("dot")
    if exe is None:
        raise ExecutionError("drawing a diagram as SVG (kg export --format svg, the diagrams of "
                          "kg docs) needs Graphviz's `dot` program, which is not installed "
                          "(Debian/Ubuntu: apt-get install graphviz); kg export --format dot "
                          "writes the diagram's source, to render elsewhere")  # (hunt51 #7)
    try:
        dot = subprocess.Popen([exe, "-Tsvg"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    except OSError as exc:
        raise ExecutionError(f"cannot run Graphviz `dot`: {exc.strerror or exc}") from None
    with dot:
        try:
            out, err = _answer(dot, source.encode("utf-8"))
        except BaseException:  # the time is up, or the work abandoned (Ctrl-C, SIGTERM): dot
            dot.kill()  # ends with it (it ran on for a minute after kg had left: hunt83 F12)
            raise
    if dot.returncode != 0:
        message = err.decode("utf-8", "replace").strip() or f"exit {dot.returncode}"
        raise ExecutionError(f"Graphviz `dot` failed: {message}")
    return out.decode("utf-8")


def _answer(dot: subprocess.Popen[bytes], source: bytes) -> tuple[bytes, bytes]:
    """What ``dot`` writes for ``source``, waited for in steps of :data:`~kg.worker.POLL`,
    each a :func:`~kg.worker.checkpoint` (abandoned work stops there).

    Raises:
        ExecutionError: it took longer than :data:`TIMEOUT`.
    """
    deadline = time.monotonic() + TIMEOUT
    given: bytes | None = source
    while True:
        try:
            return dot.communicate(given, timeout=POLL)
        except subprocess.TimeoutExpired:
            given = None  # (communicate goes on writing it: input is given once)
            checkpoint()
            if time.monotonic() > deadline:
                raise ExecutionError(f"Graphviz took longer than {TIMEOUT} s to render the "
                                  "diagram") from None


def write(result: Result, ctx: OutputContext) -> str:
    return render_svg(dot_source(diagram(result, ctx, Format.SVG), ctx.title))
