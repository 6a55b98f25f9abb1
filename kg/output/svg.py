"""SVG: the DOT diagram rendered by Graphviz's ``dot`` program."""

from __future__ import annotations

import shutil
import subprocess

from kg.errors import ExportError
from kg.output import Format, OutputContext
from kg.output.diagram import diagram
from kg.output.dot import dot_source
from kg.result import Result

__all__ = ["write", "render_svg"]

TIMEOUT = 60  #: seconds Graphviz may take


def render_svg(source: str) -> str:
    """Run ``dot -Tsvg`` on DOT ``source``.

    Raises:
        ExportError: Graphviz is not installed, fails, or takes too long.
    """
    exe = shutil.which("dot")
    if exe is None:
        raise ExportError("drawing a diagram as SVG (kg export --format svg, the diagrams of "
                          "kg docs) needs Graphviz's `dot` program, which is not installed "
                          "(Debian/Ubuntu: apt-get install graphviz); kg export --format dot "
                          "writes the diagram's source, to render elsewhere")  # (hunt51 #7)
    try:
        done = subprocess.run([exe, "-Tsvg"], input=source.encode("utf-8"), capture_output=True,
                              timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise ExportError(f"Graphviz took longer than {TIMEOUT} s to render the diagram") from None
    except OSError as exc:
        raise ExportError(f"cannot run Graphviz `dot`: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
        raise ExportError(f"Graphviz `dot` failed: {message}")
    return done.stdout.decode("utf-8")


def write(result: Result, ctx: OutputContext) -> str:
    return render_svg(dot_source(diagram(result, ctx, Format.SVG), ctx.title))
