"""The saved queries as a table, each checked as ``kg run`` would find it: ``kg list`` and
the REPL's ``.list``; and whether one reads a table another page revision has."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.errors import SavedQueryError
from kg.result import Result, ResultKind
from kg.saved.binding import check_saved, missing_source
from kg.saved.folders import listed
from kg.saved.model import SavedQuery

if TYPE_CHECKING:
    from kg.session import Graph

__all__ = ["COLUMNS", "listed_rows", "other_revision", "whose"]

#: The columns of the listing.
COLUMNS = ["name", "description", "parameters", "whose"]
#: The command that lists the page revisions, as a note names it (the REPL names its own)
REVISIONS = "kg revisions"


def listed_rows(listed: list[SavedQuery], graph_of: Callable[[], Graph],
                broken: list[SavedQueryError], note: Callable[[str], None], *,
                revisions: str = REVISIONS) -> Result:
    """The listing of ``listed``, each checked on the graph ``graph_of`` gives (asked only
    where there is a query to check): its types, defaults and their uses (a broken one goes
    to ``broken``, a note on one that reads another revision's table to ``note``, naming
    the command ``revisions``)."""
    rows: list[list[object]] = []
    graph = graph_of() if listed else None  # (none opened where there is nothing to check)
    for q in listed:
        assert graph is not None
        try:
            if not other_revision(q, missing_source(q, graph.ontology), note, revisions=revisions):
                check_saved(graph, q)
        except SavedQueryError as problem:
            broken.append(problem)
            continue
        rows.append([q.name, q.description or None, tuple(str(p) for p in q.params) or None,
                     whose(q)])  # (no description: null, as any empty cell, not "": hunt140 F5)
    return Result(list(COLUMNS), rows, ResultKind.LISTING,  # type: ignore[arg-type]
                  many=("parameters",))  # an array in every listing, [] where there is none
    # (it was null where no query listed had one: hunt89 F3)


def whose(saved: SavedQuery) -> str:
    """``kg``'s (shipped), ``yours``, or ``yours, over kg's`` where one of yours takes a
    shipped query's name (the shipped one was gone from the list, unsaid: hunt51 #9)."""
    from kg.paths import NoHome, shipped_queries_dir, user_queries_dir

    try:
        yours = user_queries_dir()
    except NoHome:
        return "kg's"
    if saved.path is None or saved.path.parent != yours:
        return "kg's"
    shipped = shipped_queries_dir() / saved.path.name
    if shipped.is_file():
        return "yours, over kg's"
    name = saved.path.stem.casefold()  # a shipped name in another case: which one `kg run`
    return "yours, beside kg's" if any(  # runs is the case typed (hunt115 F5)
        p.stem.casefold() == name for p in listed(shipped_queries_dir())) else "yours"


def other_revision(saved: SavedQuery, source: str | None, note: Callable[[str], None], *,
                   revisions: str = REVISIONS) -> bool:
    """Does ``saved`` read a source this revision lacks but another has? Then it is said
    (naming the command ``revisions`` that lists them), not checked: a table of another
    revision (a misspelt `from` is checked, and an error)."""
    if source is not None:
        note(f"note: {saved.name} reads the source {source!r}, which this revision has not "
             f"(a table of another revision: see {revisions})")
    return source is not None
