"""Printing: Markdown pipe tables (readable in a terminal, pasteable into a note), number
formats, and the issue-11 targets, each met or NOT met."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["table", "ms", "ratio", "Target", "TARGETS", "target", "print_targets", "say"]


def say(text: str = "") -> None:
    print(text, flush=True)


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A Markdown table, columns padded to line up."""
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |"

    say(line(cells[0]))
    say("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells[1:]:
        say(line(row))
    say()


def ms(seconds: float | None, n: int | None = None) -> str:
    """Milliseconds, with the run count when it is not the usual five."""
    if seconds is None:
        return "—"
    text = f"{seconds * 1000:,.1f}" if seconds < 10 else f"{seconds * 1000:,.0f}"
    return text + (f" (n={n})" if n is not None and n < 5 else "")


def ratio(a: float | None, b: float | None) -> str:
    if a is None or not b:
        return "—"
    return f"{a / b:.2f}×"


@dataclass(frozen=True)
class Target:
    section: str
    what: str
    measured: str
    limit: str
    met: bool


TARGETS: list[Target] = []


def target(section: str, what: str, measured: str, limit: str, met: bool) -> bool:
    """Record one target's outcome (printed together by :func:`print_targets`)."""
    TARGETS.append(Target(section, what, measured, limit, met))
    return met


def print_targets() -> int:
    """The issue-11 targets as a table; the number NOT met."""
    say("## Targets (issue 11 §4)\n")
    table(["section", "target", "measured", "limit", "verdict"],
          [[t.section, t.what, t.measured, t.limit, "met" if t.met else "**NOT met**"]
           for t in TARGETS])
    missed = sum(not t.met for t in TARGETS)
    say(f"{len(TARGETS) - missed} of {len(TARGETS)} targets met.")
    sys.stdout.flush()
    return missed
