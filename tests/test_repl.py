"""The REPL: whole sessions through a pipe, commands, output, keys, history; one real terminal."""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from kg.errors import ExitStatus, QueryError
from kg.output import Format as OutputFormat
from kg.paths import history_path
from kg.repl.app import handle, run_repl, run_script
from kg.repl.commands import COMMANDS
from kg.repl.completer import KgCompleter
from kg.repl.highlight import KgLexer, tokens
from kg.repl.history import open_history
from kg.repl.keys import describe_keys, is_incomplete
from kg.repl.output import describe_card, report
from kg.repl.state import PROMPT, ReplState
from kg.repl.watchdog import Watchdog
from kg.session import Graph
from tests import repl_fixtures
from tests.conftest import SEED
from tests.repl_fixtures import on_terminal, output

#: The REPL tests' shared fixtures (tests/repl_fixtures.py).
graph, state = repl_fixtures.graph, repl_fixtures.state

ROOT = Path(__file__).resolve().parent.parent



def session(keys: str, tmp_path: Path, **kwargs: object) -> tuple[int, str, str]:
    """Run a whole REPL session on ``keys`` typed into a pipe; return status, out, err."""
    out, err = io.StringIO(), io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        status = run_repl(input=pipe, output=DummyOutput(), out=out, err=err, as_of=SEED,
                          history=kwargs.pop("history", tmp_path / "history"))  # type: ignore[arg-type]
    return status, out.getvalue(), err.getvalue()


class TestSession:
    def test_query_command_error_and_exit(self, tmp_path: Path) -> None:
        """A query, a dot-command, an error and Ctrl-D, as typed at the prompt."""
        keys = ("VMSeries | where category = GPU | count\r"
                ".format json\r"
                "VMSeries | wher x\r"
                "VMSeries |\rwhere architecture = Pascal\r"
                "\x04")
        status, out, err = session(keys, tmp_path)
        assert status == 0
        assert "count\n-----\n   10\n" in out
        assert "format: json" in err  # what a command did: with the data only on a terminal
        assert '"name": "NCv2"' in out and '"name": "ND"' in out
        assert "Traceback" not in out + err
        assert "line 1, column 12: unexpected name `wher`" in err
        lines = err.splitlines()
        prompt = f"kg {SEED}> "  # an older revision than the latest shows in the prompt
        source = lines.index(" " * len(prompt) + "VMSeries | wher x")
        assert lines[source + 1] == " " * (len(prompt) + 11) + "^^^^"

    def test_enter_inside_a_word_goes_on_after_the_statement(self, tmp_path: Path) -> None:
        """hunt70 F13: Enter in an incomplete statement with the cursor after the `w` of
        `where` made `VMSeries | w` and a line `here category =`. The new line goes at the
        end; between words it stays where the cursor is."""
        keys = "VMSeries | where category =" + "\x02" * 15 + "\r GPU | count\r\x04"
        status, out, err = session(keys, tmp_path)
        assert (status, err) == (0, "") and out.startswith("count\n-----\n   10\n")

    def test_history_is_written(self, tmp_path: Path) -> None:
        """Statements go to the history file, multi-line ones whole."""
        session("VMSeries | count\r\x04", tmp_path)
        assert "+VMSeries | count" in (tmp_path / "history").read_text()

    def test_ctrl_c_clears_the_line(self, tmp_path: Path) -> None:
        """Ctrl-C drops what was typed; the session goes on."""
        status, out, err = session("VMSeries | wh\x03VMSeries | count\r\x04", tmp_path)
        assert status == 0 and err == ""
        assert out.startswith("count\n") and "where" not in out

    def test_quit_command(self, tmp_path: Path) -> None:
        """`.quit` leaves without Ctrl-D."""
        status, out, err = session(".quit\rVMSeries | count\r", tmp_path)
        assert status == 0 and "count" not in out

    def test_unwritable_history_is_a_warning(self, tmp_path: Path) -> None:
        """A history file that cannot be created is a warning; the session still runs."""
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("a file where the history folder should be")
        status, out, err = session("VMSeries | count\r\x04", tmp_path,
                                   history=blocker / "kg" / "history")
        assert status == 0 and "count" in out
        assert err.startswith("warning: cannot use the history file")
        assert "in memory" in err and "Traceback" not in err

    def test_history_folder_in_the_way(self, tmp_path: Path) -> None:
        """A folder where the history file should be: a warning, then in-memory history."""
        (tmp_path / "history").mkdir()
        status, out, err = session("VMSeries | count\r\x04", tmp_path)
        assert status == 0 and "warning: cannot use the history file" in err

    def test_corrupt_history_is_read(self, tmp_path: Path) -> None:
        """Bytes that are not UTF-8 in the history do not stop the session."""
        (tmp_path / "history").write_bytes(b"\xff\xfe\x00garbage\n+\xc3(\n")
        status, out, err = session("VMSeries | count\r\x04", tmp_path)
        assert status == 0 and err == ""


def test_history_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """History lives in $XDG_STATE_HOME/kg/history, else ~/.local/state/kg/history."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert history_path() == tmp_path / "kg" / "history"
    monkeypatch.delenv("XDG_STATE_HOME")
    assert history_path() == Path.home() / ".local" / "state" / "kg" / "history"


def test_history_write_failure_warns_once(tmp_path: Path) -> None:
    """A history file that stops being writable mid-session warns once."""
    warnings: list[str] = []
    history = open_history(tmp_path / "h", warnings.append)
    (tmp_path / "h").unlink()
    (tmp_path / "h").mkdir()
    history.store_string("a")
    history.store_string("b")
    assert len(warnings) == 1 and "cannot write" in warnings[0]


def test_a_history_entry_longer_than_a_statement_is_not_read_back(tmp_path: Path) -> None:
    """kg writes none longer than a statement may be; one made by hand, of tens of MB,
    froze the REPL when Up recalled it (hunt83 F20)."""
    from kg.limits import MAX_QUERY_CHARS

    path = tmp_path / "h"
    path.write_text(f"\n# 2024\n+VMSeries | count\n\n# 2024\n+{'a' * (MAX_QUERY_CHARS + 1)}\n"
                    f"\n# 2024\n+{'b' * MAX_QUERY_CHARS}\n", encoding="utf-8")
    warnings: list[str] = []
    loaded = list(open_history(path, warnings.append).load_history_strings())
    assert loaded == ["b" * MAX_QUERY_CHARS, "VMSeries | count"] and warnings == []


def test_a_fifo_in_place_of_the_history_file_is_said_not_waited_on(tmp_path: Path) -> None:
    """hunt50 #7: the REPL hung before its banner, opening a FIFO for writing; /dev/null,
    the way to keep no history, still works."""
    from prompt_toolkit.history import InMemoryHistory

    os.mkfifo(tmp_path / "h")
    warnings: list[str] = []
    done: list[object] = []
    opening = threading.Thread(target=lambda: done.append(
        open_history(tmp_path / "h", warnings.append)), daemon=True)
    opening.start()
    opening.join(5)
    assert done and isinstance(done[0], InMemoryHistory)
    assert warnings == [f"warning: cannot use the history file {tmp_path / 'h'}: not a regular "
                        "file; history is kept in memory for this session"]
    (tmp_path / "null").symlink_to(os.devnull)
    assert not isinstance(open_history(tmp_path / "null", warnings.append), InMemoryHistory)
    assert len(warnings) == 1


def test_a_device_that_never_ends_is_not_read_as_history(tmp_path: Path) -> None:
    """hunt70 F1: a history file linked to /dev/zero (or /dev/full, to try a full disk) was
    read without end: 9.6 GB in 10 s, the banner never came. A device is written to, as
    /dev/null is, and read as nothing."""
    (tmp_path / "h").symlink_to("/dev/zero")
    script = ("import sys; from pathlib import Path; from kg.repl.history import open_history\n"
              "history = open_history(Path(sys.argv[1]), print)\n"
              "print(list(history.load_history_strings()))\n")
    try:  # in a process of its own, ended if it reads on (a thread could not be stopped)
        done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "h")],
                              capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("the history file was read without end")
    assert done.stdout == "[]\n" and done.returncode == 0


def test_a_history_file_that_cannot_be_written_is_still_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt70 F6: a history file kg may read but not add to (`chattr +i`, a read-only
    mount) was not read at all: Up found nothing of earlier sessions. bash and psql read
    it; so does kg, and keeps this session's statements in memory."""
    import kg.repl.history

    path = tmp_path / "h"
    writer = open_history(path, [].append)
    writer.store_string("VMSeries | count")
    real_open = os.open

    def refused(name: object, flags: int, *args: object) -> int:
        if flags & os.O_WRONLY:
            raise PermissionError(1, "Operation not permitted")
        return real_open(name, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.repl.history.os, "open", refused)
    warnings: list[str] = []
    history = open_history(path, warnings.append)
    assert list(history.load_history_strings()) == ["VMSeries | count"]
    assert warnings == [f"warning: cannot write the history file {path}: Operation not "
                        "permitted; this session's history is kept in memory"]
    history.store_string("NCv3")  # kept in memory alone, and no second warning
    monkeypatch.undo()
    assert "NCv3" not in path.read_text() and len(warnings) == 1


def test_the_history_file_is_the_users_alone(tmp_path: Path) -> None:
    """hunt39 #15: it was made -rw-r--r-- (umask 022), and holds `.set` values and paths."""
    history = open_history(tmp_path / "state" / "kg" / "history", [].append)
    history.store_string('.set token "s3cret"')
    assert (tmp_path / "state" / "kg" / "history").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "state" / "kg").stat().st_mode & 0o777 == 0o700
    mine = tmp_path / "mine"
    mine.write_text("", encoding="utf-8")
    mine.chmod(0o640)  # a file the user made stays as they made it
    open_history(mine, [].append)
    assert mine.stat().st_mode & 0o777 == 0o640


class TestCommands:
    def test_help_lists_every_command(self, state: ReplState) -> None:
        """`.help` is generated from the registry: every command appears with its usage."""
        handle(state, ".help")
        out, _ = output(state)
        for command in COMMANDS.values():
            assert command.usage in out
            for alias in command.aliases:  # the aliases too (hunt78 F6: `.help CMD` alone)
                assert f".{alias}" in " ".join(out.split())
        assert "also: .? for .help; .expanded for .x; .exit, .q for .quit." in " ".join(out.split())

    def test_help_lists_help_first_and_quit_last(self, state: ReplState) -> None:
        """hunt98 F9: `.help` listed the commands as their modules were imported, `.help`
        in the middle; `.settings` names every setting it shows (`keys`, the start-up file)."""
        handle(state, ".help")
        usages = [line.split()[0] for line in output(state)[0].splitlines()
                  if line.startswith("  .")]
        assert usages[0] == ".help" and usages[-1] == ".quit" and len(usages) == len(COMMANDS)
        assert usages.index(".run") < usages.index(".export") < usages.index(".revisions")
        assert "keys, start-up file" in COMMANDS["settings"].describe(state)

    def test_help_topics(self, state: ReplState) -> None:
        """`.help format`, `.help kgq` and `.help keys` give their text."""
        for topic in (".help format", ".help kgq", ".help keys"):
            handle(state, topic)
        out, _ = output(state)
        assert ".format [FMT]" in out and "stages" in out
        assert " ".join(describe_keys().split()) in " ".join(out.split())  # (wrapped to fit)

    def test_help_on_each_stage_and_statement(self, state: ReplState) -> None:
        """hunt120 F9 (hunt109 F8): `.help where` said "no help", and `.help show` gave the
        `.show` command alone. Each stage and statement has a line, and an example that
        runs as of every revision; `.help .show` is the command's alone."""
        from kg.repl.commands.settings import STAGES

        for graph in (state.graph, Graph.open()):
            for _, example in STAGES.values():
                assert graph.query(example).columns, example
        def said(line: str) -> tuple[str, str]:
            state.out, state.err = io.StringIO(), io.StringIO()
            handle(state, line)
            return output(state)

        assert said(".help where")[0].startswith("where COND: keep the rows")
        out = said(".help show")[0]
        assert out.startswith("show EXPR [as NAME]") and "the command: .show NAME|FILE" in out
        assert said(".help .show")[0].startswith(".show NAME|FILE")
        topics = said(".help nothing")[1].split("topics: ")[1].split(", ")
        assert "transpose" in topics and topics.count("show") == 1

    def test_saved_queries_are_listed_and_shown_in_the_session(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """hunt70 F12: the REPL had no way to list or show the saved queries; `.run nope`
        sent one to the shell's `kg list`."""
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        (tmp_path / "kg" / "queries").mkdir(parents=True)
        (tmp_path / "kg" / "queries" / "mine.kgq").write_text(
            "# name: mine\n# description: my GPUs\n# param c: VMCategory = GPU\n"
            "VMSeries | where category = $c | count\n")
        handle(state, ".list")
        out, _ = output(state)
        assert "mine" in out and "my GPUs" in out and "c: VMCategory = GPU" in out
        assert "series-by-architecture" in out and "| yours" in out.replace("  ", " ")
        assert state.last_result is not None and state.last_result.rows[0][0] == "check-series-cuda"
        said = len(output(state)[0]), len(output(state)[1])

        def since() -> tuple[str, str]:  # what was written since the last look
            nonlocal said
            out, err = output(state)
            new, said = (out[said[0]:], err[said[1]:]), (len(out), len(err))
            return new

        handle(state, ".show mine")
        assert since()[0] == ("# name: mine\n# description: my GPUs\n"
                                    "# param c: VMCategory = GPU\nVMSeries | where category = $c | count\n")
        (tmp_path / "kg" / "queries" / "broken.kgq").write_text(
            "# name: broken\nVMSeries | where categry = GPU\n")
        assert handle(state, ".show broken") == ExitStatus.QUERY
        out, err = since()
        assert out.startswith("# name: broken") and "did you mean `category`?" in err
        assert handle(state, ".run nope") == ExitStatus.QUERY
        assert "no saved query `nope` (see .list)" in since()[1]
        handle(state, ".show table-training-targets-v1")  # a table of a later revision than
        assert "(a table of another revision: see .revisions)" in since()[1]  # this (R11)

    def test_settings_shows_every_setting(self, state: ReplState) -> None:
        """hunt70 F12: no command showed the settings together (each alone switches now)."""
        for line in (".set arch Volta", ".x on", ".timing on", ".format csv", ".settings"):
            handle(state, line)
        said = output(state)[0].splitlines()
        assert said[:2] == ["format: csv", "language: en"] and "expanded: on" in said
        assert f"revision: {SEED}" in said[2] and "timing: on" in said and "explain: off" in said
        assert said[-3:] == ["data files: none", "endpoint: none (the embedded graph)",
                             "parameters: $arch"]

    def test_a_commands_statement_is_placed_in_the_line_typed(self, state: ReplState) -> None:
        """hunt70 F10: `.schema Bogus` showed `schema Bogus` (not typed), at column 8."""
        handle(state, ".schema Bogus")
        err = output(state)[1].splitlines()
        assert err[0] == "error: line 1, column 9: unknown class `Bogus`"
        assert err[1].endswith(" .schema Bogus") and err[2].endswith(" ^^^^^")
        assert err[2].index("^") == err[1].index("B")

    @pytest.mark.parametrize("line", [".schema  Bogus", "  .schema   Bogus  "])
    def test_a_commands_statement_is_placed_however_its_words_were_spaced(
            self, state: ReplState, line: str) -> None:
        """hunt73 R6: `.schema  Bogus` (two spaces) was placed in `schema Bogus`, its caret
        two columns left of the word."""
        handle(state, line)
        err = output(state)[1].splitlines()
        assert err[0] == f"error: line 1, column {line.index('B') + 1}: unknown class `Bogus`"
        assert err[2].index("^") == err[1].index("B") and err[2].endswith(" ^^^^^")

    def test_one_commands_help_fits_the_terminal(self, state: ReplState,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
        """hunt70 F7: `.help save` was one line, its words broken at the terminal's edge."""
        monkeypatch.setattr(type(state), "width", lambda self: 50)
        handle(state, ".help save")
        lines = output(state)[0].splitlines()
        assert len(lines) > 1 and all(len(line) <= 50 for line in lines)
        assert lines[0].startswith(".save NAME [--replace]") and lines[1].startswith("  ")
        assert "replaces your own" in " ".join(line.strip() for line in lines)
        handle(state, ".help keys")  # many lines, each wrapped (hunt73 R10: "e / ven")
        keys = output(state)[0].splitlines()[len(lines):]
        assert len(keys) > 10 and all(len(line) <= 50 for line in keys)
        assert describe_keys().split()[:8] == " ".join(keys).split()[:8]

    def test_the_language_topic_wraps_under_its_terms(self, state: ReplState,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
        """hunt96 F9: `.help kgq` in 80 columns went on two columns in, under the terms
        (`sources`, `stages`), and a sentence broken in the text left `then` alone on a line."""
        monkeypatch.setattr(type(state), "width", lambda self: 80)
        handle(state, ".help kgq")
        lines = output(state)[0].splitlines()
        assert all(len(line) <= 80 for line in lines)
        terms = ("sources", "stages", "conditions", "statements")
        under = [line for line, before in zip(lines[1:], lines) if before.split()[0] in terms]
        assert under and all(line.startswith(" " * 12) for line in under), under
        assert len(lines) <= 24  # one screen (hunt107 F8: it left out `^`, `supports(F)`,
        said = " ".join(" ".join(lines).split())  # values, comments; `depth` as required)
        for form in ("^a walks back", "supports(FEATURE)", "[asc|desc], …", "count by EXPR, …",
                     "neighbors X [depth N]", "dates (2024-01-23)", "# starts a comment",
                     '~ "text"'):
            assert form in said, form

    def test_help_says_what_the_session_holds(self, state: ReplState) -> None:
        """`.lang` switches completion's language too, and `.as-of` names every revision the
        graph names, as `.revisions` does (it said "seed, latest": 2025 and 2026 are names
        too, hunt23 #7); so does the completion menu's line for `.as-of`."""
        from kg.revisions import names_of

        handle(state, ".help lang")
        handle(state, ".help as-of")
        out = output(state)[0].replace("\n  ", " ")  # (a line wrapped to the terminal)
        assert "the language of labels in results and of completion" in out
        assert "a named one (2024, seed, 2025, 2026, latest)" in out
        names = names_of(state.graph.store.revisions)  # type: ignore[attr-defined]
        assert f"({', '.join(names)})" in out and "2025" in names
        meta = KgCompleter(state).completions(".as-")
        assert "(2024, seed, 2025, 2026, latest)" in next(meta).display_meta_text

    def test_unknown_command_did_you_mean(self, state: ReplState) -> None:
        """A mistyped command suggests the nearest one."""
        assert handle(state, ".frmat json") == 2
        assert output(state)[1].strip() == "error: unknown command .frmat; did you mean .format?"

    @pytest.mark.parametrize(("typed", "meant"), [(".mode csv", ".format"), (".headers on", ".format"),
                                                  (".tables", ".schema"), (".output x.csv", ".export")])
    def test_sqlite_commands_are_told_kgs(self, state: ReplState, typed: str, meant: str) -> None:
        """hunt96 F10: `.mode csv` was "did you mean .load?", `.headers on` ".read"."""
        assert handle(state, typed) == 2
        assert output(state)[1].strip().endswith(f"; did you mean {meant}?")

    @pytest.mark.parametrize(("typed", "said"), [
        ("kg revisions", "`kg revisions` is a shell command: in the REPL, .revisions"),
        ('kg query "VMSeries | count"', "in the REPL, type the statement itself"),
        ("kg validate", "run it in a shell (the REPL has no .validate)")])
    def test_a_shell_command_at_the_prompt_is_told_the_repls_way(
            self, state: ReplState, typed: str, said: str) -> None:
        """`kg revisions` typed at the prompt got "unexpected name `revisions` after `kg`"."""
        assert handle(state, typed) == 2
        assert said in output(state)[1]

    def test_a_dumb_terminal_is_not_told_tab_completes(self, state: ReplState,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
        """hunt96 F8: with TERM=dumb there is no completion, but the banner said "Tab to
        complete"."""
        from kg.repl.app import _welcome

        monkeypatch.setenv("TERM", "dumb")
        _welcome(state)
        assert "Type .help for help, Ctrl-D to leave." in output(state)[0] + output(state)[1]
        assert "Tab" not in output(state)[0] + output(state)[1]

    def test_settings(self, state: ReplState) -> None:
        """`.format`, `.lang`, `.explain`, `.timing`, `.rows` change the session."""
        for line in (".format csv", ".lang de", ".explain on", ".timing on", ".rows 5"):
            assert handle(state, line) == 0
        assert state.fmt is OutputFormat.CSV and state.lang == "de"
        assert state.explain and state.timing and state.max_rows == 5
        handle(state, "GPUArchitecture | where name = Volta | show name")
        out, err = output(state)
        assert "SELECT" in out and "name\nVolta\n" in out and " ms)" in err

    def test_bad_values_are_usage_errors(self, state: ReplState) -> None:
        """Wrong arguments say how to use the command."""
        assert handle(state, ".format xml") == 2
        assert handle(state, ".lang fr") == 2
        assert handle(state, ".timing maybe") == 2
        err = output(state)[1]
        assert "unknown format 'xml'" in err and "unknown language 'fr'" in err
        assert "usage: .timing [on|off]" in err

    def test_a_stage_typed_alone_goes_on_from_the_last_statement(self, state: ReplState) -> None:
        """A question built one stage at a time (spec §1): `| STAGE` at the prompt runs the
        last statement that ran with that stage, says so, and is the last statement then."""
        assert handle(state, "| count") == 2  # nothing ran yet (hunt39 #13: the parser's
        assert "no statement to continue" in output(state)[1]  # "must start with a source")
        assert handle(state, "VMSeries") == 0
        assert handle(state, "VMSeries | wher") == 3  # a failed statement is not the last
        assert handle(state, "| where category = GPU") == 0
        assert handle(state, "  | count") == 0
        out, err = output(state)  # what runs: a note, on stderr where the output is no terminal
        assert "→ VMSeries\n  | where category = GPU\n  | count\n" in err
        assert out.endswith("count\n-----\n   10\n(1 row)\n")
        assert state.last_text == "VMSeries\n| where category = GPU\n| count"
        assert handle(state, "| sort nme") == 3  # its error: on the line of the whole
        assert "error: line 4, column 8: no column `nme` to sort by" in output(state)[1]

    def test_a_stage_goes_on_from_a_saved_query_with_its_values(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`.run NAME cuda=12.0`, then `| count`: the saved query with that value (it lost
        the value: "`$cuda` has no value", hunt29 #4)."""
        assert handle(state, '.run series-for-cuda cuda="CUDA 12.0"') == 0
        output(state)
        assert handle(state, "| where verdict = compatible | count") == 0
        echo = output(state)[1]  # the statement that runs, without the file's header of 17
        assert echo.startswith("→ VMSeries\n    | where category = GPU\n"), echo  # lines
        assert "#" not in echo  # (hunt88 #7), the stage under the stages before it
        assert echo.endswith("    | where verdict = compatible\n"
                             "    | where verdict = compatible | count\n"), echo
        ran = state.graph.query('VMSeries | where category = GPU | check with "CUDA 12.0" '
                                "| where verdict = compatible | count").rows
        assert state.last_result is not None and state.last_result.rows == ran
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        assert handle(state, ".save counted") == 0  # the saved query's parameter, not its
        saved = (tmp_path / "kg/queries/counted.kgq").read_text(encoding="utf-8")  # description:
        assert saved.startswith("# name: counted\n# param cuda: CudaVersion = CUDA 12.0\n"
                                "VMSeries\n"), saved  # it is not this query's
        assert handle(state, "| sort nme") == 3  # an error counts the lines shown
        assert "error: line 9, column 10: no column `nme` to sort by" in output(state)[1]

    def test_a_stage_goes_on_in_a_script_as_typed(self, state: ReplState) -> None:
        """A script runs as if typed: a statement that starts with `|` after a blank line, a
        comment or a dot-command goes on from the last one (hunt29 #5)."""
        script = "VMSeries\n\n# GPU ones\n| where category = GPU\n.format csv\n| count\n"
        out = state.out  # the script writes through a guard around it
        assert run_script(state, iter(script.splitlines(keepends=True))) == 0
        assert isinstance(out, io.StringIO) and out.getvalue().endswith("count\n10\n")

    def test_save_after_run_saves_the_statement_and_its_parameters(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`.run NAME`, a stage on, `.save` saves the query without the old header, with its
        declared parameters ("`name` is given twice", or "`$cuda` has no value", hunt30 #7)."""
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        from kg.saved import load_saved

        assert handle(state, '.run series-for-cuda cuda="CUDA 12.0"') == 0
        assert handle(state, "| count") == 0
        assert handle(state, ".save cuda-count") == 0, output(state)[1]
        saved = load_saved("cuda-count")
        assert saved.text.startswith("VMSeries") and saved.text.endswith("| count")
        assert [p.name for p in saved.params] == ["cuda"]
        assert handle(state, ".run cuda-count") == 0

    def test_a_stage_after_any_saved_header_drops_it(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """hunt95 #2: the header was told by `# name:` alone: after a query written
        `#Name:` / `# Description:`, or one named by its file (no name line), a `| stage`
        echoed the header again, and `.save` kept the other query's description or failed
        ("declared twice")."""
        queries, mine = tmp_path / "queries", tmp_path / "data"
        queries.mkdir()
        (queries / "odd.kgq").write_text("#Name: odd\n# Description: counts GPU series\n"
                                         "# param c: VMCategory = GPU\nVMSeries\n"
                                         "  | where category = $c\n", encoding="utf-8")
        (queries / "noname.kgq").write_text("# param c: VMCategory = GPU\nVMSeries\n"
                                            "  | where category = $c\n", encoding="utf-8")
        monkeypatch.setenv("KG_QUERIES", str(queries))
        monkeypatch.setenv("XDG_DATA_HOME", str(mine))
        for name in ("odd", "noname"):
            assert handle(state, f".run {name}") == 0
            output(state)
            assert handle(state, "| count") == 0
            assert output(state)[1].startswith("→ VMSeries\n    | where category = $c\n")
            assert handle(state, f".save {name}-count") == 0, output(state)[1]
            saved = (mine / f"kg/queries/{name}-count.kgq").read_text(encoding="utf-8")
            assert saved == (f"# name: {name}-count\n# param c: VMCategory = GPU\nVMSeries\n"
                             "  | where category = $c\n  | count\n"), saved

    def test_a_name_compared_with_a_parameter_is_saved_as_text(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """hunt96 F2: a parameter's value naming an entity by an alias was taken for the
        entity, so `name != $s` with `.set s " NCv3 "` dropped NCv3 (the spaces `.set`
        keeps did nothing) and `.save` typed `s` a VM series, which `kg run -p s=Foo` then
        refused. A parameter's value is text, as its use says."""
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        assert handle(state, '.set s " NCv3 "') == 0
        assert handle(state, "VMSeries | where name != $s | count") == 0
        assert state.last_result is not None
        assert state.last_result.rows == state.graph.query("VMSeries | count").rows
        assert handle(state, ".save strq") == 0, output(state)[1]
        saved = (tmp_path / "kg/queries/strq.kgq").read_text(encoding="utf-8")
        assert '# param s: string = " NCv3 "' in saved, saved

    def test_export_to_dash_or_nothing_is_said(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`.export csv -` wrote a file named `-` (`kg export -o -` is stdout), and
        `.export csv ""` said ". is a folder" (hunt58 F11)."""
        monkeypatch.chdir(tmp_path)
        assert handle(state, "VMSeries | count") == 0
        output(state)
        assert handle(state, "describe NCv3") == 0
        output(state)
        assert handle(state, ".export turtle -") == 0  # to stdout, as `kg export -o -` (hunt59 R4)
        out, _ = output(state)
        assert "@prefix" in out and not (tmp_path / "-").exists()
        assert handle(state, ".export -") != 0 and "give the format" in output(state)[1]
        (tmp_path / "data.csv").write_text("precious\n")
        assert handle(state, ".export csv data.csv/") != 0  # a folder, as -o says (hunt59 R3)
        assert "names a folder" in output(state)[1]
        assert (tmp_path / "data.csv").read_text() == "precious\n"
        assert handle(state, ".export out2/") == 4  # no format: it could not tell out2's
        assert "cannot write out2/: a name ending in / " in output(state)[1]  # (hunt141 F3)
        assert handle(state, '.export csv ""') != 0
        assert "the file's name is empty" in output(state)[1]
        assert handle(state, ".export csv ./-") == 0 and (tmp_path / "-").is_file()
        assert handle(state, ".export out.csv extra") == 2  # it said "unknown format
        assert "`extra`" not in (err := output(state)[1]) and \
            "extra after the file is one argument too many" in err  # 'out.csv'" (hunt120 F10)
        assert handle(state, ".export foo out.csv") == 2
        assert "unknown format 'foo'" in output(state)[1] and not (tmp_path / "out.csv").exists()

    def test_export_to_a_name_too_long_is_an_error_not_an_internal_one(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`.export` of a file name over 255 bytes: "internal error: OSError: File name too
        long" (hunt32-repl #2); `kg export -o` said it plainly."""
        monkeypatch.chdir(tmp_path)
        assert handle(state, "VMSeries | count") == 0
        output(state)
        assert handle(state, ".export " + "a" * 260 + ".csv") != 0
        err = output(state)[1]
        assert "internal error" not in err and "255 bytes" in err, err

    def test_save_after_run_keeps_the_values_it_ran_with(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`.run series-for-cuda cuda=9.0`, `| count`, `.save sfc`: `.run sfc` answered
        with the file's default, 11.0 (hunt32-repl #1); a value given with `.set` was kept.
        It is kept as it ran: by the version's name, as `where name = $cuda` compares it."""
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        from kg.saved import load_saved

        assert handle(state, ".run series-for-cuda cuda=9.0") == 0
        assert handle(state, "| count") == 0
        ran = state.last_result.rows if state.last_result else None
        assert handle(state, ".save sfc") == 0, output(state)[1]
        assert [(p.name, p.default) for p in load_saved("sfc").params] == [("cuda", "CUDA 9.0")]
        assert handle(state, ".run sfc") == 0
        assert state.last_result is not None and state.last_result.rows == ran

    def test_save_takes_the_parameters_the_statement_uses_with_their_values(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`$a` in a string or a comment is no parameter: `.save` declared it and refused the
        file it wrote (hunt57 F12); a parameter `.unset` after the statement ran is saved with
        the value it ran with (it was refused: F13)."""
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        from kg.saved import load_saved

        assert handle(state, ".set a x") == 0
        assert handle(state, 'Target | where name ~ "$a" | count # $a') == 0
        assert handle(state, ".save dollar") == 0, output(state)[1]
        assert not load_saved("dollar").params
        assert handle(state, ".set b Volta") == 0
        assert handle(state, "VMSeries | where architecture = $b | count") == 0
        assert handle(state, ".unset b") == 0
        assert handle(state, ".save ub") == 0, output(state)[1]
        assert [(p.name, p.default) for p in load_saved("ub").params] == [("b", "Volta")]

    def test_parameters(self, state: ReplState) -> None:
        """`.set` gives `$name` a value; `.params` lists them."""
        handle(state, ".set arch Pascal")
        handle(state, ".params")
        handle(state, "VMSeries | where architecture = $arch | show name")
        out, err = output(state)
        assert "$arch = Pascal" in out and "NCv2" in out and err == "$arch = Pascal\n"

    @pytest.mark.parametrize(("line", "says"), [
        (".read data.ttl", ".read runs a file of KGQ statements; data.ttl is RDF data: "
                           ".load data.ttl loads it"),
        (".export turtle", "give the file to write the turtle to (.export turtle FILE)"),
        (".as-of 2025-02-30", "'2025-02-30' is no day of the calendar"),
        (".save ÄÖÜ", "it starts with an ASCII letter or digit, then ASCII letters, digits, - and _")])
    def test_a_slip_gets_what_was_meant(self, state: ReplState, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, line: str,
                                        says: str) -> None:
        """`.read` of an RDF file printed an error per line of it; `.export turtle` asked
        for the format of the file `turtle`; a date that is no day was "neither a date nor
        a revision"; `Ä` is a letter (hunt32-repl, low)."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "data.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n")
        handle(state, "VMSeries | count")
        output(state)
        assert handle(state, line) != 0
        assert says in output(state)[1]

    def test_a_stage_goes_on_with_a_value_set_since(self, state: ReplState) -> None:
        """hunt88 #2: `| stage` after `.set arch Volta` ran with the Pascal the statement
        before it ran with, unsaid; a `.run` argument still holds for the stages after it."""
        def names(arch: str) -> list[list[object]]:
            return state.graph.query(f"VMSeries | where architecture = {arch} | show name | "
                                     "sort name").rows

        handle(state, ".set arch Pascal")
        handle(state, "VMSeries | where architecture = $arch | show name")
        assert handle(state, "| sort name") == 0 and state.last_result.rows == names("Pascal")
        handle(state, ".set arch Volta")
        assert handle(state, "| sort name") == 0 and state.last_result.rows == names("Volta")
        assert names("Volta") != names("Pascal")
        handle(state, ".set arch Pascal")
        assert handle(state, ".run series-by-architecture arch=Volta") == 0
        assert handle(state, "| sort name") == 0
        assert [row[:1] for row in state.last_result.rows] == names("Volta")
        handle(state, ".unset arch")
        output(state)
        assert handle(state, "| sort name") != 0
        assert "$arch" in output(state)[1]
        assert handle(state, ".run series-by-architecture arch=Volta") == 0
        assert handle(state, ".unset arch") != 0  # refused: none to forget; the `.run`
        assert handle(state, "| sort name") == 0  # argument holds (hunt91 F4)
        assert [row[:1] for row in state.last_result.rows] == names("Volta")

    def test_set_alone_lists_and_unset_forgets(self, state: ReplState) -> None:
        """`.set` alone lists the values (psql's \\set; it was a usage error), a value with
        white space around it shows quoted, `.unset` forgets one (there was no way to)."""
        handle(state, '.set t " v3 "')
        output(state)
        assert handle(state, ".set") == 0
        assert output(state)[0] == '$t = " v3 "\n'
        assert handle(state, ".unset t") == 0 and state.params == {}
        assert handle(state, ".unset t") != 0
        assert "$t has no value to forget" in output(state)[1]
        # hunt39 #3, #7: a name no statement can use; `.exit 3` left with status 0
        assert handle(state, ".set ü 5") != 0 and state.params == {}
        assert "'ü' is not a parameter name (ASCII letters" in output(state)[1]
        assert handle(state, ".exit 3") != 0 and not state.done
        assert "usage: .quit" in output(state)[1]

    def test_schema(self, state: ReplState) -> None:
        """`.schema` and `.schema Class` run the schema statement."""
        handle(state, ".schema")
        handle(state, ".schema GPUArchitecture")
        out, err = output(state)
        assert "VMSeries" in out and "minCuda" in out and err == ""

    def test_save_and_run(self, state: ReplState, tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
        """`.save` writes the last statement with its parameters; `.run` runs it again."""
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        handle(state, ".set arch Volta")
        handle(state, "VMSeries | where architecture = $arch | show name")
        assert handle(state, ".save by-arch") == 0
        saved = (tmp_path / "kg" / "queries" / "by-arch.kgq").read_text()
        assert "# param arch: GPUArchitecture = Volta" in saved
        state.params.clear()
        assert handle(state, ".run by-arch arch=Pascal") == 0
        out, err = output(state)
        assert "NCv2" in out and "saved to " in err and "NCv2" not in err

    @pytest.mark.parametrize("failing", ["VMSeries | where architecture = $archx | show name",
                                         "VMSeries | where foo = 1", "VMSeries |",
                                         ".run series-by-architecture arch=Nope", ".run nope"])
    def test_save_after_a_failed_statement_is_refused(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            failing: str) -> None:
        """hunt50 #3: `.save` after a statement that failed saved the one before it under
        the name meant for this one, saying only "saved to …"."""
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        handle(state, "GPU | count")
        assert handle(state, failing) != 0
        output(state)
        assert handle(state, ".save by-arch") == 2
        assert "the last statement did not answer, and .save saves one that did (the last " \
               "one that did: `GPU | count`)" in output(state)[1]
        assert not (tmp_path / "kg" / "queries" / "by-arch.kgq").exists()
        handle(state, "GPU | count")
        assert handle(state, ".save by-arch") == 0

    def test_a_refusal_names_a_saved_querys_query_not_its_header(self, state: ReplState,
                                                                tmp_path: Path) -> None:
        """hunt73 R7: after `.run gpu-series`, a refusal named "`# name: gpu-series #
        description: …`", the file's header."""
        handle(state, ".run series-by-architecture")
        assert handle(state, "NCv3 | show nme") != 0
        assert handle(state, f".export {tmp_path / 'v.csv'}") == 2
        assert "(the last one that did: `VMSeries | where architecture = $arch | show name, " \
               "category`)" in output(state)[1]

    def test_export_after_a_failed_statement_is_refused(self, state: ReplState,
                                                        tmp_path: Path) -> None:
        """hunt70 F5: `.export` after a statement that failed wrote the one before it,
        saying only "wrote …"; `.save` refused."""
        handle(state, "VMSeries | where architecture = Volta")
        assert handle(state, "NCv3 | show nme") != 0
        output(state)
        assert handle(state, f".export {tmp_path / 'v.csv'}") == 2
        assert "the last statement did not answer, and .export writes the result of one that " \
               "did (the last one that did: `VMSeries | where architecture = Volta`)" in output(state)[1]
        assert not (tmp_path / "v.csv").exists()
        handle(state, "VMSeries | where architecture = Volta")
        assert handle(state, f".export {tmp_path / 'v.csv'}") == 0

    def test_export_never_writes_over_the_repls_own_files(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """hunt120 F6: `.export csv ~/.local/state/kg/history` replaced the whole history
        with a result's two lines; the start-up file the same."""
        from kg.cli import main
        from kg.paths import history_path, startup_file

        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # (a start-up file
        monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # left there ran in
        # every REPL test after it)

        rc = startup_file()
        assert rc is not None
        for path, what in ((history_path(), "the REPL's history"), (rc, "the REPL's start-up file")):
            handle(state, "GPU | count")  # not there yet: it was written (hunt123 F4), and
            assert handle(state, f".export csv {path}") == 4  # the next REPL ran its lines
            assert f"it is {what} (writing would lose it)" in output(state)[1]
            assert not path.exists()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("kept\n")
            handle(state, "GPU | count")
            assert handle(state, f".export csv {path}") == 4
            assert f"it is {what} (writing would lose it)" in output(state)[1]
            assert path.read_text() == "kept\n"
            for cli in (["-f", "csv"], ["-f", "json"]):  # `kg export -o` too (hunt123 F4)
                err = io.StringIO()
                status = main(["export", "GPU | count", "-o", str(path), *cli], io.StringIO(), err)
                assert status == ExitStatus.DATA and f"it is {what} (writing would lose it)" \
                    in err.getvalue()
                assert path.read_text() == "kept\n"

    def test_run_answers_as_the_statement_saved(self, state: ReplState, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
        """`.set t " v3 "` keeps the spaces, `.save` writes them quoted, and `.run` keeps
        them too (hunt21 F6: it stripped them and matched eight series, not none)."""
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        handle(state, ".format csv")
        handle(state, '.set t " v3 "')
        handle(state, "VMSeries | where name ~ $t | count")
        assert handle(state, ".save spaced") == 0
        assert handle(state, ".run spaced") == 0
        out, err = output(state)
        assert out.count("count\n0\n") == 2 and "error" not in err

    def test_run_refuses_a_parameter_given_twice(self, state: ReplState) -> None:
        """As `kg run -p date=… -p date=…` does (hunt21 F7: `.run` took the last value,
        silently): which value was meant?"""
        assert handle(state, ".run retired-by date=2023-01-01 date=2025-01-01") == 2
        out, err = output(state)
        assert out == "" and err == ("error: .run date is given twice ('2023-01-01' and "
                                     "'2025-01-01'): give it once\n")

    def test_save_never_replaces_your_own_query_unasked(self, state: ReplState, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
        """A second `.save` of the same name with another query is refused (the first is
        kept) unless `--replace`; the same query again is saved without a word."""
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        path = tmp_path / "kg" / "queries" / "mine.kgq"
        handle(state, "VMSeries | where architecture = Volta | show name")
        assert handle(state, ".save mine") == 0
        first = path.read_text()
        assert handle(state, ".save mine") == 0  # the same query: nothing lost
        handle(state, "VMSeries | count")
        assert handle(state, ".save mine") == 2
        assert path.read_text() == first
        assert (f"you saved another query as `mine` already ({path}): "
                "`.save mine --replace` replaces it") in output(state)[1]
        assert handle(state, ".save mine --replace") == 0
        assert path.read_text().endswith("VMSeries | count\n")
        path.write_bytes(b"# name: mine\n# description: Gr\xf6\xdfe\nVMSeries | count\n")
        assert handle(state, ".save mine") == 2  # a file kg cannot read: someone's work too
        assert path.read_bytes().endswith(b"Gr\xf6\xdfe\nVMSeries | count\n")

    def test_a_users_query_shadows_a_shipped_one_with_a_note_but_not_the_tables(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`.save` under a shipped query's name says that `.run` and `kg run` run the user's
        now; the page's tables (and the site) are still made by the shipped queries."""
        from kg.tables import export_tables

        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        before, _ = export_tables(tmp_path / "before", state.graph)
        handle(state, "VMSeries | count")
        assert handle(state, ".save table-cuda-page") == 0
        _, err = output(state)
        assert "shadows the shipped query `table-cuda-page`" in err
        after, _ = export_tables(tmp_path / "after", state.graph)
        assert [p.read_text() for p in after] == [p.read_text() for p in before]

    def test_run_unknown_saved_query(self, state: ReplState) -> None:
        """`.run` with a wrong name is an error with a hint, not a traceback."""
        assert handle(state, ".run gpu-seris") != 0
        assert "did you mean `gpu-series`" in output(state)[1]

    def test_export_and_load(self, state: ReplState, tmp_path: Path) -> None:
        """`.export` writes the last result; `.load` adds a Turtle file; a bad file errs."""
        handle(state, "describe NCv3")
        assert handle(state, f".export turtle {tmp_path / 'ncv3.ttl'}") == 0
        assert "NCv3" in (tmp_path / "ncv3.ttl").read_text()
        # as `kg export`: missing folders are made; a folder, or a name without a format,
        # says so in the REPL's words (it said "give --format", an option the REPL has not)
        assert handle(state, f".export table {tmp_path / 'ncv3.txt'}") == 0  # as `kg`'s to a
        assert max(map(len, (tmp_path / "ncv3.txt").read_text().splitlines())) > 100  # file
        assert handle(state, f".export json {tmp_path / 'new' / 'ncv3.json'}") == 0
        assert (tmp_path / "new" / "ncv3.json").is_file()
        assert handle(state, f".export {tmp_path / 'ncv3.dot'}") == 0  # named by the statement,
        assert (tmp_path / "ncv3.dot").read_text().startswith('digraph "describe NCv3" {\n')  # R6
        assert handle(state, f".export {tmp_path}") == 4  # as kg export -o (2: hunt82 F4)
        assert f"cannot write {tmp_path}: it is a folder" in output(state)[1]
        assert handle(state, f".export csv {tmp_path}/") == 4
        assert handle(state, f".export {tmp_path / 'ncv3'}") == 2
        assert "give it first, .export FMT FILE" in output(state)[1]
        extra = tmp_path / "extra.ttl"
        extra.write_text('<https://w3id.org/azml-kg/id/NCv3> <http://www.w3.org/2000/01/'
                         'rdf-schema#comment> "loaded in a test" .\n')
        graph = Graph.open()
        state.graph = graph
        output(state)
        assert handle(state, f".load {extra}") == 0
        # the file's statement, not kg's own about the file (hunt39 #6: "5 new statements"
        # for an empty file)
        assert f"loaded {extra}: 1 new statement, " in "".join(output(state))
        empty = tmp_path / "empty.ttl"
        empty.write_text("")
        assert handle(state, f".load {empty}") == 0
        assert "0 new statements (the file says nothing, or what the graph holds" \
            in "".join(output(state))
        broken = tmp_path / "broken.ttl"
        broken.write_text("this is not turtle")
        assert handle(state, f".load {broken}") == 4
        out, err = output(state)
        assert "loaded" in err and "broken.ttl" in err and "Traceback" not in err
        assert handle(state, f".load {extra}") == 0  # again: what it says now replaces it
        assert f"loaded {extra} again: what it says now replaces" in output(state)[1]

    @pytest.mark.parametrize(("on", "off"), [("1", "0"), ("yes", "no"), ("true", "false"),
                                             ("ON", "Off")])
    def test_a_switch_takes_the_words_psql_takes(self, state: ReplState, on: str,
                                                 off: str) -> None:
        """`.timing 1` and `.x yes` were usage errors; psql's `\\timing` and `\\x` take
        on/off, true/false, yes/no and 1/0 (hunt109 F12)."""
        for word, timing, expanded in ((on, True, "on"), (off, False, "off")):
            assert handle(state, f".timing {word}") == 0 and state.timing is timing
            assert handle(state, f".x {word}") == 0 and state.expanded == expanded

    def test_a_load_into_a_large_session_says_first_that_it_takes_a_while(
            self, state: ReplState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """hunt109 F3: a 4-triple `.load` into a 1M-triple session took 8-13 s, the screen
        silent; the interactive REPL (one with a watchdog) says so before it starts."""
        from kg.repl.commands import files

        extra = tmp_path / "extra.ttl"
        extra.write_text('<https://w3id.org/azml-kg/id/NCv3> <http://www.w3.org/2000/01/'
                         'rdf-schema#comment> "loaded in a test" .\n')
        state.graph = Graph.open()
        monkeypatch.setattr(files, "_LARGE", 1000)
        output(state)
        assert handle(state, f".load {extra}") == 0
        assert "takes a while" not in "".join(output(state))  # a script: said nothing
        state.watchdog = Watchdog(print, print)
        assert handle(state, f".load {extra}") == 0
        said = "".join(output(state))
        assert f"loading {extra}: the session reads its " in said and "takes a while" in said
        assert said.index("takes a while") < said.index("again: what it says now")


class TestOutput:
    def test_tables_fit_the_width(self, state: ReplState) -> None:
        """No table line is wider than the terminal; to a pipe, a table is as wide as its
        cells and has every row, as `kg query` writes it (it was cut at 80 columns and at a
        screenful: hunt54 F3)."""
        state.size = lambda: os.terminal_size((40, 40))
        handle(state, "Note | show name, text")
        piped, _ = output(state)
        handle(on_terminal(state), "Note | show name, text")
        out, _ = output(state)
        assert max(len(line) for line in out.splitlines()) <= 40
        assert max(len(line) for line in piped.splitlines()) > 200 and "more rows" not in piped
        rows = len(state.graph.query("Note").rows)
        assert piped.endswith(f"({rows} rows)\n") and "more rows" in out

    def test_row_limit_says_how_many_more(self, state: ReplState) -> None:
        """Long tables stop at the row limit with a line saying how many rows are left."""
        total = len(state.graph.query("VMSeries | show name").rows)
        handle(state, ".rows 3")
        handle(state, "VMSeries | show name")
        out, _ = output(state)
        assert len(out.splitlines()) == 2 + 3 + 2  # header, rows, notes (`.rows`: on stderr)
        assert f"… {total - 3} more rows" in out and f"({total} rows)" in out

    def test_describe_is_a_card(self, state: ReplState) -> None:
        """`describe` reads as facts, facts pointing here, and numbered sources."""
        handle(state, "describe NCv3")
        out, _ = output(state)
        assert out.startswith("NCv3 · VM series\n")
        for heading in ("\nfacts\n", "\nfacts pointing here\n", "\nsources\n"):
            assert heading in out
        assert "  architecture " in out and "Volta" in out and "← series" in out
        assert "[1] " in out and "direction" not in out

    def test_a_card_keeps_facts_that_read_alike_apart(self, tmp_path: Path) -> None:
        """Two properties of one name, and values that read alike (``1`` as an integer and
        as a decimal), stay apart on the card with their own sources, as in the table of
        `describe`: they were one line, citing both sources."""
        one = tmp_path / "one.ttl"
        one.write_text("@prefix ent: <https://w3id.org/azml-kg/id/> .\n"
                       "@prefix ex: <http://example.org/ns#> .\n"
                       "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                       "ex:architecture <http://www.w3.org/2000/01/rdf-schema#label> "
                       '"architecture"@en .\n'
                       'ent:NCv3 ex:weight "1"^^xsd:integer ; ex:architecture "Volta" .\n')
        other = tmp_path / "other.ttl"
        other.write_text("@prefix ent: <https://w3id.org/azml-kg/id/> .\n"
                         "@prefix ex: <http://example.org/ns#> .\n"
                         "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                         'ent:NCv3 ex:weight "1.0"^^xsd:decimal .\n')
        graph = Graph.open([one, other])
        card = describe_card(graph.query("describe NCv3"), 100)
        facts = card.split("\nfacts\n")[1].split("\n\n")[0].splitlines()
        sources = dict(re.findall(r"^  \[(\d+)\] (.*)$", card, re.M))
        one = re.compile(r"^\s+(?:weight\s+)?1\s+\[(\d+)\]$")
        ones = [sources[n] for line in facts for n in one.findall(line)]
        assert sorted(ones) == ["file one.ttl", "file other.ttl"], card
        architecture = [line for line in facts if line.lstrip().startswith("architecture")]
        assert len(architecture) == 2, card

    def test_a_cards_heading_shows_no_terminal_escape(self, tmp_path: Path) -> None:
        """The card's heading printed the entity's label raw: a data file's OSC `ESC ]0;…`
        retitled the terminal, `ESC [31m` coloured it (hunt58 F7); every line is escaped."""
        data = tmp_path / "odd.ttl"
        data.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                        "<http://example.org/s> a kg:VMSeries ; <http://www.w3.org/2000/01/"
                        'rdf-schema#label> "Ctl\\u001b[31mRED\\u0007bell"@en .\n')
        graph = Graph.open([data])
        card = describe_card(graph.query('describe "Ctl\\u001b[31mRED\\u0007bell"'), 80)
        assert "\x1b" not in card and "\x07" not in card
        assert card.startswith("Ctl\\x1b[31mRED\\x07bell · VM series")

    @pytest.mark.parametrize("width", [40, 72])
    def test_every_card_fits(self, graph: Graph, width: int) -> None:
        """Every entity's card fits the width: long values wrap at word boundaries, short
        ones share lines, and a word longer than a line (a URL) is cut, its source's mark
        beside its first line (it ran past the edge, where two links looked alike and lost
        their marks: hunt120 F4)."""
        for entity in graph.ontology.entities.values():
            card = describe_card(graph.query(f"describe {entity.iri.rsplit('/', 1)[1]!r}"
                                             .replace("'", '"')), width)
            for line in card.splitlines():
                longest = max(line.split(), key=len, default="")
                assert len(line) <= width or (len(longest) > width - 12 and not line.startswith(
                    "    https://")), (entity.iri, line)
        card = describe_card(Graph.open().query("describe NCv3"), 60).splitlines()  # 2 links
        links = [i for i, line in enumerate(card) if line.startswith("    https://")]
        assert len(links) == 2 and all(re.search(r"\[\d+\]$", card[i]) for i in links)
        assert [card[i + 1].strip() for i in links] == ["machines/ncv3-retirement",
                                                        "machines/ncv3-series"]
        assert all(len(line) <= 60 for line in card)
        from kg.repl.card import _cut_word  # a value of 40,000 characters: RecursionError,
        assert len(_cut_word("x" * 40_000, 40)) == 1000  # "internal error" (hunt122 F2)

    def test_no_color(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """NO_COLOR turns color off even on a terminal."""

        class Tty(io.StringIO):
            def isatty(self) -> bool:
                return True

        monkeypatch.setenv("TERM", "xterm-256color")
        monkeypatch.delenv("NO_COLOR", raising=False)
        assert ReplState.wants_color(Tty())
        monkeypatch.setenv("NO_COLOR", "1")
        assert not ReplState.wants_color(Tty())
        monkeypatch.delenv("NO_COLOR")
        monkeypatch.setenv("TERM", "dumb")  # a terminal that shows no escapes (hunt34-cli L2)
        assert not ReplState.wants_color(Tty())

    def test_a_suggestion_is_told_from_typed_text_without_color(self) -> None:
        """Under NO_COLOR the grey of a history suggestion is gone: it looked typed, and
        Enter ran the text without it (hunt32-repl #5). Italic is no color."""
        from kg.repl.style import repl_style

        attrs = repl_style().get_attrs_for_style_str("class:auto-suggestion")
        assert attrs.italic and not repl_style().get_attrs_for_style_str("class:prompt").italic

    def test_error_caret_accounts_for_the_prompt(self, state: ReplState, graph: Graph) -> None:
        """A typed statement's error repeats its line at the prompt's column."""
        with pytest.raises(QueryError) as caught:
            graph.query("VMSeries | where architecture = Pascall")
        report(state, caught.value, typed=True)
        lines = output(state)[1].splitlines()
        prompt = state.prompt()
        assert prompt == f"kg {SEED}> " != PROMPT  # the seed is not the latest revision
        assert lines[1] == " " * len(prompt) + "VMSeries | where architecture = Pascall"
        assert lines[2] == " " * (len(prompt) + 32) + "^" * 7
        assert lines[3] == "did you mean `Pascal`?"

    def test_internal_errors_are_one_line(self, state: ReplState) -> None:
        """A bug in kg is reported in a line, never with a traceback."""
        report(state, RuntimeError("boom"))
        assert output(state)[1] == "internal error: RuntimeError: boom (please report it)\n"


class TestEditing:
    @pytest.mark.parametrize(("text", "incomplete"), [
        ("VMSeries |", True),
        ("VMSeries | # more to come", True),
        ("VMSeries | where architecture in [Volta,", True),
        ("VMSeries | where (architecture = Volta", True),
        ("VMSeries | count", False),
        ("VMSeries | show name,", False),
        ("describe Limit", False),  # a name may be a keyword's word (hunt26 F2)
        ("VMSeries | count by category as depth", False),
        (".format json", False),
        ("", False),
        # a string holds no line break: no next line could close it (hunt23 #2)
        ('VMSeries | where supportedBy = "compute', False),
        ('VMSeries | where supportedBy = "compute\n', False),
        ('VMSeries | where name in ["Av1', False),
        ('VMSeries | where name = "Av1\n  "', False),
        ('VMSeries |\n  where name = "Av1', False),
        # more of the grammar due: it ran, to say "the query ends too early" (hunt58 F6)
        ("VMSeries | where category = GPU and", True),
        ("VMSeries | where category =", True),
        ("check NCv3 with", True),
        ("VMSeries | where category = GPU and # the rest below", True),
        ("# a comment alone", False),
        ("VMSeries | orcategory", False),  # an error at once, not more lines
        ("| where category = GPU and", True),  # a stage on the last statement (hunt59 R2)
        ("| where category = GPU", False),
        ("VMSeries | count\nGPU | where category = GPU and", True),  # a paste: its last (R11)
        # a blank line ends one the grammar alone finds unfinished, as in a script; it took
        # blank lines forever (hunt88 #9); a `|` or a bracket left open goes on
        ("VMSeries | where name =\n  ", False),
        ("VMSeries | where name =\n\n", False),
        ("check NCv3 with\n", False),
        ("VMSeries |\n  ", True),
        ("VMSeries | where name in [Volta,\n  ", True),
        ("VMSeries | where category = GPU and\n  name = NCv3", False),
    ])
    def test_enter_continues_incomplete_statements(self, text: str, incomplete: bool) -> None:
        """Enter adds a line after a trailing `|` or in an open bracket; a string left open
        runs at once (its error says to add the quote), as no line can close it."""
        assert is_incomplete(text) is incomplete

    @pytest.mark.parametrize("text", [
        "VMSeries | where x @ 3 # hi\n| limit 3",
        'describe "unclosed\nnext',
        "\x00\t€ ∑",
    ])
    def test_highlighting_covers_the_text(self, text: str) -> None:
        """The highlighter's tokens cover every character, whatever was typed."""
        assert "".join(t for _, t in tokens(text)) == text

    def test_highlighting_styles(self) -> None:
        """Keywords, operators, classes and strings get their styles."""
        lexer = KgLexer(lambda name: {"class"} if name == "VMSeries" else set())
        styles = dict((t, s) for s, t in lexer.fragments('VMSeries | where x = "a"'))
        assert styles["VMSeries"] == "class:kgq.class"
        assert styles["where"] == "class:kgq.keyword"
        assert styles["|"] == "class:kgq.operator"
        assert styles['"a"'] == "class:kgq.string"

    @pytest.mark.parametrize(("text", "name", "style"), [
        ("category", "category", "class"),
        ("VMSeries | where category = GPU", "category", "property"),
        ("VMSeries | where category = GPU", "GPU", "entity"),
        ("GPU | count", "GPU", "class"),
        ("VMSize | where series.category = GPU", "category", "property"),
        ("VMSeries | show name, category as category", "category", "property"),
        ("Target | where is category", "category", "class"),
        ("VMSeries | where architecture in [Volta, GPU]", "GPU", "entity"),
        ("Target | where supports(GPU) and (category = GPU)", "category", "property"),
        ("check GPU with NCv3", "GPU", "entity"),
        ("VMSeries | sort category | collect name by category", "category", "property"),
    ])
    def test_a_name_is_styled_by_its_place(self, text: str, name: str, style: str) -> None:
        """A name that is a class, a property and an entity (as `category` or `GPU` may be)
        is styled by what its place in the statement wants; an alias is a plain name."""
        def kinds(word: str) -> set[str]:
            return {"category": {"class", "property"}, "gpu": {"class", "entity"},
                    "volta": {"entity"}, "vmseries": {"class"}}.get(word.lower(), set())

        fragments = KgLexer(kinds).fragments(text)
        styles = [s for s, t in fragments if t == name]
        want = f"class:kgq.{style}"
        assert styles[0] == want
        if " as " in text:  # the alias
            assert styles == [want, "class:kgq.name"]

    def test_each_statement_of_a_prompt_is_highlighted_on_its_own(self) -> None:
        """A prompt of several statements (a paste) is highlighted as they will run: the
        second one's first name is a class, a dot-command among them a command, and a
        statement's lines that go on (`| count`, `and …`) stay its own (hunt139 F3)."""
        def kinds(word: str) -> set[str]:
            return {"gpu": {"class", "entity"}, "vmseries": {"class"}}.get(word.lower(), set())

        text = ("VMSeries | where category = GPU\n\nGPU | count\n.format csv\n"
                "VMSeries\n  | where category = GPU\n  and x = GPU\n")
        styles = [(s, t) for s, t in KgLexer(kinds).fragments(text) if t.strip()]
        assert [s for s, t in styles if t == "GPU"] == ["class:kgq.entity", "class:kgq.class",
                                                        "class:kgq.entity", "class:kgq.entity"]
        assert {s for s, t in styles if t in (".", "format", "csv")} == {"class:kgq.command"}
        assert [s for s, t in styles if t == "VMSeries"] == ["class:kgq.class"] * 2
        assert "".join(t for _, t in KgLexer(kinds).fragments(text)) == text

    def test_a_long_prompt_is_highlighted_as_one_statement(self) -> None:
        """Past SPLIT_CHARS, statements are not told apart (each keystroke would parse
        every line): the text is still covered, each line's tokens styled."""
        from kg.repl.highlight import SPLIT_CHARS

        def commands(text: str) -> int:
            return sum(t == "format" and s == "class:kgq.command"
                       for s, t in KgLexer(lambda word: {"class"}).fragments(text))

        text = "GPU | count\n.format csv\n" * (SPLIT_CHARS // 24 + 1)
        assert "".join(t for _, t in KgLexer(lambda word: set()).fragments(text)) == text
        assert commands(text) == 0 and commands(text[:SPLIT_CHARS]) == SPLIT_CHARS // 24

    def test_every_binding_documented(self) -> None:
        """Each key binding has its own docstring (the `.help keys` text)."""
        docs = describe_keys().splitlines()
        assert len(docs) == len(set(docs)) and all(docs)


def test_script_mode(graph: Graph) -> None:
    """Without a terminal, statements are read one after another; `|` lines continue."""
    out, err = io.StringIO(), io.StringIO()
    state = ReplState(graph, out=out, err=err)
    status = run_script(state, ["VMSeries\n", "  | where architecture = Pascal\n",
                                "  | show name\n", "# a comment\n", "bogus stuff\n"])
    assert "NCv2" in out.getvalue() and "ND" in out.getvalue()
    assert status == 3 and "error: line 5, column 1" in err.getvalue()  # the script's line (hunt70 F9)
    assert err.getvalue().endswith("  (the statement at line 5)\n")  # where in the script


def test_a_bug_in_script_mode_is_an_internal_error(graph: Graph,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A statement that fails on a bug in kg (not a KgError) is reported in one line and
    gives exit 70, as the command line does, not 5 (an engine's failure)."""
    import kg.repl.app as app

    def broken(state: ReplState, text: str, params: object = None) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(app, "run_statement", broken)
    out, err = io.StringIO(), io.StringIO()
    status = run_script(ReplState(graph, out=out, err=err), ["VMSeries\n"])
    assert status == 70 and "internal error: RuntimeError: a bug" in err.getvalue()


def test_repl_py_reads_a_pipe() -> None:
    """`python repl.py` with piped input runs the statements, no prompt, no traceback."""
    done = subprocess.run([sys.executable, "repl.py", "--as-of", SEED], cwd=ROOT,
                          input="VMSeries | where category = GPU | count\n",
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == "count\n-----\n   10\n(1 row)\n"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_real_terminal(tmp_path: Path) -> None:
    """Under tmux: type a query, press Tab, read the screen, run it, leave with Ctrl-D."""
    socket = f"kg-test-{os.getpid()}"
    tmux = ["tmux", "-L", socket]
    env = f"env -u COLUMNS -u LINES XDG_STATE_HOME={tmp_path} NO_COLOR=1"
    command = f"cd {shlex.quote(str(ROOT))} && {env} {shlex.quote(sys.executable)} repl.py"
    subprocess.run([*tmux, "new-session", "-d", "-s", "kg", "-x", "100", "-y", "30", command],
                   check=True)

    def screen() -> str:
        return subprocess.run([*tmux, "capture-pane", "-p", "-t", "kg"], capture_output=True,
                              text=True).stdout

    def wait_for(text: str, timeout: float = 20) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared:\n{screen()}")

    try:
        wait_for("Type .help for help")
        subprocess.run([*tmux, "send-keys", "-t", "kg", "VMSeries | where architecture = Pas"])
        wait_for("entity of GPU architecture")
        subprocess.run([*tmux, "send-keys", "-t", "kg", "Tab"])
        wait_for("kg> VMSeries | where architecture = Pascal")
        subprocess.run([*tmux, "send-keys", "-t", "kg", "Enter", "Enter"])
        shown = wait_for("(2 rows)")
        assert "NCv2" in shown and "ND" in shown and "Traceback" not in shown
        subprocess.run([*tmux, "send-keys", "-t", "kg", "C-d"])
        end = time.monotonic() + 30  # (10 s failed once, two test runs sharing 2 cores)
        while time.monotonic() < end:
            alive = subprocess.run([*tmux, "has-session", "-t", "kg"], capture_output=True)
            if alive.returncode != 0:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the REPL did not leave on Ctrl-D")
        assert "Pascal" in (tmp_path / "kg" / "history").read_text()
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def test_an_error_of_a_command_wraps_its_words_whole(tmp_path: Path) -> None:
    """A `.save` refused in a narrow REPL cut a word in two (`chec` / `k`); a data file's
    line and carets stay whole (wrapping them would part the carets from the line)."""
    from kg.errors import fitted

    said = ("error: the last statement did not answer, and .save saves one that did (the last "
            'one that did: `check Kepler with "PyTorch 2.0"`): mend it and run it, then .save')
    assert all(len(line) <= 60 for line in fitted(said, 60).splitlines())
    assert "`check Kepler with" in fitted(said, 60).replace("\n", " ")
    data = "error: x.ttl: line 1, column 70: bad\n  " + "a " * 40 + "\n" + " " * 71 + "^"
    assert fitted(data, 60).splitlines()[1:] == data.splitlines()[1:]


def test_a_session_recalls_the_newest_entries_of_a_long_history(tmp_path: Path) -> None:
    """hunt125 F8: every entry of the history file was read, and the grey suggestion looked
    through all of them on each key (35 ms a key at 100,000 entries); a session recalls the
    newest HISTORY_KEPT, and the file keeps every one."""
    from kg.repl.history import HISTORY_KEPT, open_history

    path = tmp_path / "history"
    count = HISTORY_KEPT + 500
    path.write_text("".join(f"\n# 2026-01-01\n+VMSeries | limit {i}\n" for i in range(count)))
    history = open_history(path, lambda message: None)
    recalled = list(history.load_history_strings())
    assert len(recalled) == HISTORY_KEPT
    assert recalled[0] == f"VMSeries | limit {count - 1}"  # the newest first
    assert recalled[-1] == f"VMSeries | limit {count - HISTORY_KEPT}"
    history.store_string("VMSeries | count")
    assert path.read_text().count("+VMSeries") == count + 1
