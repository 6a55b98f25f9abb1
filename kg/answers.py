"""What a SPARQL server answered, read: an answer kg cannot take is the server's error
(exit 5, naming it), in kg's words, never an internal error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from kg.errors import ExecutionError

__all__ = ["answered_by", "malformed"]


@contextmanager
def answered_by(store: object) -> Iterator[None]:
    """Read what ``store`` answered. On a SPARQL endpoint (a store with a ``url``), a value
    kg cannot take where its query binds one (a variable left unbound, a date that is no
    date) is the server's malformed answer: exit 5 naming it, not an internal error."""
    url = getattr(store, "url", None)
    if url is None:
        yield
        return
    try:
        yield
    except (AttributeError, TypeError, ValueError, KeyError) as exc:
        raise malformed(url, exc) from None


def malformed(url: str, exc: Exception) -> ExecutionError:
    """The error for a server's answer kg cannot read, in kg's words: a key missing is
    named (Python says a bare ``'value'``), else the first line of what went wrong."""
    said = ([f"no {exc.args[0]!r} where SPARQL's JSON results have one"]
            if isinstance(exc, KeyError) and exc.args else str(exc).strip().splitlines()[:1])
    return ExecutionError(f"the SPARQL endpoint {url} answered malformed results"
                          + (f": {said[0][:200]}" if said else ""))
