"""kg and Python's cycle collector, in one place.

kg keeps large tables for as long as a session lives (the ontology, the entity table and
its name tables, the entity network, the REPL's completion lists): hundreds of thousands of
containers at a million triples. Each such table is built by :func:`kept`: without
collections while it grows (each would walk the growing table again: a third of the time
of the entity table at 1M triples), then moved with everything alive into the permanent
generation (``gc.freeze``), out of every later pass. Building a result makes many young
objects that live on; :func:`paused` builds it without collections, and the collector,
enabled again, finds any cycle it left.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["kept", "paused"]

T = TypeVar("T")


def kept(build: Callable[[], T]) -> T:
    """``build()``, a table that lives as long as the session: built without collections,
    then out of every later pass."""
    with paused():
        value = build()
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
