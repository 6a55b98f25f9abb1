"""What `.export` decides before it writes: the format, whether the last result can be
written in it, and whether the file may be written over."""

from __future__ import annotations

import contextlib
import shlex
from pathlib import Path

from kg.errors import UsageError
from kg.output import RESULT_FORMATS, Format, Reads, UnknownFormat
from kg.own_inputs import graph_inputs, refuse_output
from kg.repl.state import ReplState
from kg.result import ResultKind

__all__ = ["TABLES_ALONE", "export_format", "refuse_format", "refuse_target"]

#: Results with no facts behind them (.diff's, .revisions'): turtle of them wrote an empty
#: file, or the session's facts of the entities they name (hunt52 F5)
TABLES_ALONE = (ResultKind.DIFF, ResultKind.LISTING)


def export_format(args: list[str], path: Path) -> Format:
    """The format `.export [FMT] FILE` names, or FILE's extension.

    Raises:
        UsageError: none, or a file where the format goes (`.export a.csv extra` said
            "unknown format 'a.csv'": hunt120 F10).
    """
    if len(args) == 2:
        try:
            return Format.parse(args[0])
        except UnknownFormat:
            with contextlib.suppress(UnknownFormat):
                Format.from_extension(Path(args[0]))
                raise UsageError(f"usage: .export [FMT] FILE: {shlex.quote(args[1])} after the "
                                 "file is one argument too many (a name with spaces goes in "
                                 "quotes)") from None
            raise
    if args[0].lower() in {f.value for f in Format} and not path.suffix:
        raise UsageError(f"usage: .export [FMT] FILE: give the file to write the "
                         f"{args[0]} to (.export {args[0]} FILE)")
    try:
        return Format.from_extension(path)
    except UnknownFormat:  # its message names --format, which the REPL has not
        raise UsageError(f"cannot tell the format of {path} from its name: give it "
                         f"first, .export FMT FILE (FMT: {', '.join(f.value for f in Format)})"
                         ) from None


def refuse_format(state: ReplState, fmt: Format) -> None:
    """Raises: UsageError: ``fmt`` writes the facts behind the last result, and it has
    none, or the graph changed since it answered."""
    result = state.last_result
    assert result is not None
    if result.kind in TABLES_ALONE and fmt.reads is not Reads.RESULT:
        raise UsageError(f"format '{fmt}' writes the facts behind a result; a table of "
                         f".diff or .revisions has none: give one of "
                         f"{', '.join(f.value for f in RESULT_FORMATS)} (as kg diff)")
    if fmt.cites and state.last_basis != state.basis() and result.kind not in TABLES_ALONE:
        raise UsageError(  # (the facts of 2026 behind a result of 2024, unsaid: hunt120 F1)
            f"format '{fmt}' writes the facts behind the last result, and the graph changed "
            "since it answered (.as-of, .load): they would be the graph's now, not its: run "
            "the statement again, or give one of "
            f"{', '.join(f.value for f in RESULT_FORMATS if not f.cites)}")


def refuse_target(state: ReplState, path: Path) -> None:
    """Raises: ExportError: ``path`` is a file the session reads, or one of kg's own: the
    graph's files and folder (hunt83 F1, hunt106 F8), the script read (stdin: `kg repl <
    s.kgs`, hunt84 F2; `.read`'s), a saved query (yours and kg's: hunt101 F2), the REPL's
    history and start-up file (`.export csv ~/.local/state/kg/history` lost the whole
    history: hunt120 F6)."""
    from kg.saved.folders import saved_query_files

    refuse_output(path, [*graph_inputs(state.graph.store),
                         ("the script the REPL reads (stdin)", 0),
                         *(("the script .read is running", script) for script in state.reading),
                         *saved_query_files(path)])
