"""kg and Python's cycle collector, in one place.

kg keeps large tables for as long as a session lives (the ontology, the entity table and
its name tables, the entity network, the REPL's completion lists): hundreds of thousands of
containers at a million triples. A full collection walks every tracked container, so each
such table is handed to :func:`kept` as it is built, which moves everything alive into the
permanent generation (``gc.freeze``). Building a result makes many young objects that live
on; :func:`paused` builds it without collections, and the collector, enabled again, finds
any cycle it left.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["kept", "paused"]

T = TypeVar("T")


def kept(value: T) -> T:
    """``value``, just built to live as long as the session, out of every later pass."""
    gc.freeze()
    return value


@contextmanager
def paused() -> Iterator[None]:
    """No collection inside the block; the collector comes back as it was (enabled or
    not), after an error too."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
