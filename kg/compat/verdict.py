"""The verdicts of ``check``, as the language spec fixes them (the same in every language)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

__all__ = ["Verdict", "combine"]


class Verdict(StrEnum):
    COMPATIBLE = "compatible"
    NOT = "not compatible"
    UNKNOWN = "unknown"


def combine(verdicts: Sequence[Verdict]) -> Verdict:
    """One verdict from several (one per architecture): all agree, else unknown."""
    if verdicts and all(v == verdicts[0] for v in verdicts):
        return verdicts[0]
    return Verdict.UNKNOWN
