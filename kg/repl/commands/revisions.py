"""The dot-commands about page revisions: ``.revisions`` lists them, ``.as-of`` reopens
the graph as of one (its date shows in the prompt when it is not the latest)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kg.errors import DataError, UsageError
from kg.output import Format
from kg.repl.commands.registry import arity, command
from kg.repl.output import show
from kg.repl.state import ReplState
from kg.repl.words import menu
from kg.result import Result
from kg.revisions import Revision, choose, listing, names_of
from kg.session import Graph
from kg.worker import interruptible

__all__ = ["revision_names", "describe_revision"]


def _revisions(state: ReplState) -> tuple[list[Revision], Revision | None]:
    return list(state.graph.store.revisions), state.graph.store.revision


def describe_revision(state: ReplState) -> str:
    """``as of 2024-01-23 (2024, seed)``, ``… (the latest)``, or that there are none."""
    revisions, current = _revisions(state)
    if current is None:
        return "no page revisions"
    names = [*current.names, *(["the latest"] if current == revisions[-1] else [])]
    return f"as of {current.date}" + (f" ({', '.join(names)})" if names else "")


def revision_names(state: ReplState, given: Sequence[str] = ()) -> list[tuple[str, str]]:
    """``(name, what)`` for completing ``.as-of`` and ``.diff``: each revision's date and
    names, but those of a revision ``given`` names already (`.diff 2024 ` offered `2024`
    and `seed` again as NEW: hunt139 F8)."""
    revisions, _ = _revisions(state)
    taken = set()
    for word in given:
        try:
            taken.add(choose(revisions, word))
        except UsageError:  # (a word that names none: nothing taken)
            pass
    out = [] if revisions and revisions[-1] in taken else [
        ("latest", menu("the latest revision", state.lang))]
    for r in reversed(revisions):
        if r not in taken:
            out.append((r.date.isoformat(), r.label(state.lang)))
            out += [(n, f"= {r.date}") for n in r.names if n != "latest"]
    return out


@command("revisions", ".revisions", "the page revisions: date, names, commit; which one answers")
def _list(state: ReplState, args: list[str]) -> None:
    arity(args, ".revisions", 0)
    revisions, current = _revisions(state)
    whole = listing(revisions, current, state.lang)  # what JSON, CSV and .export write, as
    state.last_result = whole  # `kg revisions` does; a table shows 12 digits (hunt102 F5)
    show(state, listing(revisions, current, state.lang, commit_digits=12)
         if state.fmt is Format.TABLE else whole)


def _shown(state: ReplState, result: Result) -> None:
    """Show a command's table, the one `.export` writes next (it wrote the statement's
    before it, which the hint under a long table sends one to: hunt50 #1)."""
    state.last_result = result
    show(state, result)


def _as_of_help(state: ReplState) -> str:
    """``.as-of``'s help, naming the revisions of the session's graph (as ``.revisions``)."""
    revisions, _ = _revisions(state)
    return ("answer as of the page revision current at DATE, or a named one "
            f"({', '.join(names_of(revisions))})")


@command("as-of", ".as-of [DATE|NAME|latest]", _as_of_help, complete=("revision",))
def _as_of(state: ReplState, args: list[str]) -> None:
    arity(args, ".as-of [DATE|NAME|latest]", 0, 1)
    if args:
        state.graph = _reopen(state, args[0])
        if state.data:  # read as they are now: a file edited since changed the answers
            state.note("the data files are read again, as they are now: "  # unsaid (hunt67 F6)
                       + ", ".join(Path(d).name for d in state.data))
    if not state.quiet:  # (unsaid in the start-up file: hunt101 F9)
        state.say(describe_revision(state))
    _, current = _revisions(state)
    if current is not None and (note := current.later_note(args[0] if args else None,
                                                            state.lang)):
        if state.quiet:  # a caution, said also from the start-up file
            state.warn(f"note: {note}")
        else:
            state.note(note)  # an include of the revision younger than the day (hunt62 F2)


@command("diff", ".diff OLD [NEW]", "what changed on the page between two revisions (NEW: "
         "the one answering): added, removed and changed facts, each with its source",
         complete=("revision",))
def _diff(state: ReplState, args: list[str]) -> None:
    """`kg diff` in the session (hunt45 #9): of its `--data` and `.load` files too."""
    from kg.diff import diff_revisions

    arity(args, ".diff OLD [NEW]", 1, 2)
    if state.endpoint:
        raise UsageError(".diff compares the revisions of the embedded graph, not the "
                         "endpoint's (kg --endpoint '' repl)")
    _, current = _revisions(state)
    new = args[1] if len(args) > 1 else current.date.isoformat() if current else "latest"
    data, lang = tuple(state.data), state.lang
    notes: list[str] = []
    try:
        result = interruptible(lambda: diff_revisions(args[0], new, data=data, lang=lang,
                                                      notes=notes))
    except UsageError as exc:
        raise UsageError(str(exc).replace("--as-of", ".diff")) from None
    _shown(state, result)
    for note in notes:
        state.note(note)


def _reopen(state: ReplState, as_of: str) -> Graph:
    """The session's graph (its ``--data`` and ``.load`` files, its endpoint) as of ``as_of``."""
    data, lang, endpoint = state.data, state.lang, state.endpoint
    revisions, _ = _revisions(state)
    if not revisions and as_of != "latest":
        raise UsageError("this graph describes no page revisions (see .revisions)")
    try:
        return interruptible(lambda: Graph.open(data, lang=lang, as_of=as_of, endpoint=endpoint))
    except UsageError as exc:  # its words are the command line's
        raise UsageError(str(exc).replace("--as-of", ".as-of")) from None
    except DataError as exc:  # a data file gone or broken since: say why it was read
        raise DataError(f"{exc} (.as-of opens the session's graph again, with every data file "
                        "as it is now; the session stays as it was)") from None
