""".read FILE (psql's \\i, sqlite's .read) and Ctrl-X Ctrl-E (the statement in $EDITOR)."""

from __future__ import annotations

import io
import os
import shlex
import stat
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from kg.errors import ExitStatus
from kg.repl.app import handle, run_repl, run_script
from kg.repl.completer import KgCompleter
from kg.repl.script import script_lines, script_statements
from kg.repl.state import ReplState
from tests import repl_fixtures
from tests.conftest import SEED
from tests.repl_fixtures import output

graph, state = repl_fixtures.graph, repl_fixtures.state

SCRIPT = """# GPU series, then as CSV
VMSeries | where category = GPU
  | count

.format csv
GPU | show name
    | limit 2
"""


def test_read_runs_statements_and_commands_as_typed(state: ReplState, tmp_path: Path) -> None:
    """The file's statements (over several lines) and commands run in turn, printing what
    they would print typed one by one."""
    (tmp_path / "s.kgq").write_text(SCRIPT)
    assert handle(state, f".read {tmp_path / 's.kgq'}") == 0
    out, err = output(state)
    assert err == "format: csv\n"  # what a command did: on stderr, as the output is no terminal
    assert out == ("count\n-----\n   10\n(1 row)\n"
                   "name\nNVIDIA A100 40 GB\nNVIDIA A100 80 GB PCIe\n")
    assert state.last_text == "GPU | show name\n    | limit 2"  # .save saves the last one


def test_a_failed_statement_says_where_and_the_rest_runs(state: ReplState,
                                                        tmp_path: Path) -> None:
    path = tmp_path / "s.kgq"
    path.write_text("VMSeries | count\nVMSeries\n  | where foo = 1\nGPU | count\n")
    assert handle(state, f".read {path}") == ExitStatus.QUERY
    out, err = output(state)
    assert out == "count\n-----\n   33\n(1 row)\ncount\n-----\n   11\n(1 row)\n"  # the last ran
    assert "error: line 3, column 11: unknown property `foo`\n    | where foo = 1\n" in err  # the
    assert f"(in {path}, the statement at line 2)" in err  # file's line (it said 2: hunt70 F9)
    assert err.rstrip().endswith(f"error: 1 of 3 statements in {path} failed")


def test_a_string_left_open_ends_its_statement(state: ReplState, tmp_path: Path) -> None:
    """A line that leaves a string open is an error at that statement, as Enter makes it
    typed: the lines after it are the next statements (an open bracket before the string
    took them all in, and the file ended in one error)."""
    path = tmp_path / "s.kgq"
    path.write_text('VMSeries | where name in ["Av1\nVMSeries | where category = GPU\n'
                    '  | count\nGPU | count\n')
    assert handle(state, f".read {path}") == ExitStatus.QUERY
    out, err = output(state)
    assert out == "count\n-----\n   10\n(1 row)\ncount\n-----\n   11\n(1 row)\n"
    assert 'unclosed string: add the closing "' in err
    assert f"(in {path}, the statement at line 1)" in err
    assert err.rstrip().endswith(f"error: 1 of 3 statements in {path} failed")


def test_reading_itself_or_too_deep_is_refused(state: ReplState, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "self.kgq").write_text(".read self.kgq\n")
    monkeypatch.chdir(tmp_path)  # (and back to where pytest started: hunt119 F6)
    assert handle(state, ".read self.kgq") == ExitStatus.QUERY  # a limit: 3, not 2 (hunt141 F5)
    assert "that file is being read already" in output(state)[1]
    for depth in range(20):  # a chain of 20 files, each reading the next
        (tmp_path / f"{depth}.kgq").write_text(f".read {tmp_path / f'{depth + 1}.kgq'}\n")
    (tmp_path / "20.kgq").write_text("VMSeries | count\n")
    assert handle(state, f".read {tmp_path / '0.kgq'}") == ExitStatus.QUERY
    assert "nest 16 deep at most" in output(state)[1]
    assert output(state)[0] == ""


@pytest.mark.parametrize("make, message, status", [
    (lambda p: None, "no such file", ExitStatus.DATA),
    (lambda p: p.mkdir(), "not a regular file", ExitStatus.DATA),
    (lambda p: os.mkfifo(p), "not a regular file", ExitStatus.DATA),  # would never end
    (lambda p: p.write_bytes(b"VMSeries | count\n\xff\n"), "not UTF-8 text (line 2, byte 17)",
     ExitStatus.QUERY),
])
def test_a_file_it_cannot_run_is_a_clear_error(state: ReplState, tmp_path: Path, make: object,
                                              message: str, status: ExitStatus) -> None:
    """A path kg cannot read is exit 4, a file of no statements (not UTF-8) exit 3, as a
    saved query's file: not 2, a usage error (hunt82 F3)."""
    path = tmp_path / "script.kgq"
    make(path)  # type: ignore[operator]
    assert handle(state, f".read {path}") == status
    out, err = output(state)
    assert err == f"error: .read {path}: {message}\n" and out == ""


def test_an_unreadable_or_too_big_file(state: ReplState, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "script.kgq"
    path.write_text("VMSeries | count\n" * 10)
    monkeypatch.setattr("kg.repl.commands.files.MAX_SCRIPT_BYTES", 100)
    assert handle(state, f".read {path}") == ExitStatus.QUERY  # past a limit: as a saved query
    assert "larger than 100 bytes" in output(state)[1]
    if os.geteuid() != 0:  # root reads anything
        monkeypatch.undo()
        path.chmod(0)
        assert handle(state, f".read {path}") == ExitStatus.DATA
        assert "Permission denied" in output(state)[1]
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.fixture
def ctrl_c_at_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while a statement naming GPU runs (any other runs as it does)."""
    import kg.repl.app as app

    real = app.run_statement

    def run(state: ReplState, text: str, params: object = None) -> None:
        if "GPU" in text:
            raise KeyboardInterrupt
        real(state, text, params)

    monkeypatch.setattr(app, "run_statement", run)


@pytest.mark.usefixtures("ctrl_c_at_gpu")
def test_ctrl_c_stops_the_whole_file(state: ReplState, tmp_path: Path) -> None:
    """Ctrl-C cancels the statement running and every one after it, in every file."""
    inner, outer = tmp_path / "inner.kgq", tmp_path / "outer.kgq"
    inner.write_text("VMSeries | count\nGPU | count\nVMSize | count\n")
    outer.write_text(f".read {inner}\nTarget | count\n")
    assert handle(state, f".read {outer}") == ExitStatus.INTERRUPTED
    out, err = output(state)
    assert out.count("(1 row)") == 1  # VMSeries | count; neither VMSize nor Target ran
    assert err == (f"cancelled\nstopped reading {inner} at line 2 (Ctrl-C)\n"
                   f"stopped reading {outer} at line 1 (Ctrl-C)\n")


def test_a_script_in_a_pipe_reads_files_too(graph: object, tmp_path: Path) -> None:
    (tmp_path / "s.kgq").write_text(SCRIPT)
    out, err = io.StringIO(), io.StringIO()
    st = ReplState(graph, out=out, err=err)  # type: ignore[arg-type]
    assert run_script(st, [f".read {tmp_path / 's.kgq'}\n", "VMSeries | count\n"]) == 0
    assert out.getvalue().endswith("count\n33\n") and err.getvalue() == "format: csv\n"


def test_read_completes_any_file(state: ReplState, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "gpu.kgq").write_text("")
    (tmp_path / "go").mkdir()
    monkeypatch.chdir(tmp_path)
    found = [c.text for c in KgCompleter(state).completions(".read g")]
    assert found == ["go/", "gpu.kgq"]


def _python_script(path: Path, code: str) -> None:
    """An executable ``path`` that runs ``code`` with this Python: a shell script, as a
    ``#!`` line cannot hold a path with a space (a checkout in `/tmp/h51 ünï`: hunt51 #2)."""
    path.with_suffix(".py").write_text(code, encoding="utf-8")
    path.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} "
                    f"{shlex.quote(str(path.with_suffix('.py')))} \"$@\"\n", encoding="utf-8")
    path.chmod(0o755)


def _edit_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, visual: str,
                  saves: bytes | None = None) -> tuple[int, str, str]:
    """A REPL session: `VMSize`, Ctrl-X Ctrl-E with $VISUAL ``visual`` (or, when ``saves``
    is given, an editor script that saves those bytes), Enter, Ctrl-D."""
    if saves is not None:
        editor = tmp_path / "editor"
        _python_script(editor, f"import sys\nopen(sys.argv[-1], 'wb').write({saves!r})\n")
        visual = str(editor)
    monkeypatch.setenv("VISUAL", visual)
    out, err = io.StringIO(), io.StringIO()

    def typing(pipe: PipeInput) -> None:
        pipe.send_text("VMSize\x18\x05")
        time.sleep(1.5)  # the editor has run (or failed) by then
        pipe.send_text("\x03\x04")

    with create_pipe_input() as pipe:
        threading.Thread(target=typing, args=(pipe,), daemon=True).start()
        status = run_repl(input=pipe, output=DummyOutput(), out=out, err=err, as_of=SEED,
                          history=tmp_path / "history")
    return status, out.getvalue(), err.getvalue()


def test_an_edit_that_is_not_utf8_is_kept_in_its_file(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Latin-1 from the editor: one line saying where the edit is kept (prompt_toolkit's
    own handler ended in a traceback and lost it); nothing runs."""
    status, out, err = _edit_session(tmp_path, monkeypatch, "",
                                     saves='VMSeries | where name = "Größe"'.encode("latin-1"))
    assert status == 0 and out == "" and "Traceback" not in err
    said = err.strip()
    assert said.startswith("the editor saved text that is not UTF-8 (byte 27); it is kept in ")
    kept = Path(said.rsplit(" ", 1)[1])
    assert kept.read_bytes() == 'VMSeries | where name = "Größe"'.encode("latin-1")
    kept.unlink()


@pytest.mark.parametrize("visual, says", [
    ("vi '", "cannot edit: $VISUAL (vi ') is no command line: No closing quotation"),
    ("/nonexistent/editor", "cannot run the editor /nonexistent/editor ($VISUAL): "
                            "No such file or directory"),
    ("false", "the editor exited with 1: nothing run"),
    ("true", "the editor saved nothing: nothing run"),  # `:q!` ran the statement (hunt88 #6)
])
def test_an_editor_that_cannot_run_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               visual: str, says: str) -> None:
    status, out, err = _edit_session(tmp_path, monkeypatch, visual)
    assert status == 0 and out == "" and err.strip() == says


def test_ctrl_x_ctrl_e_edits_the_statement_in_the_editor(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-X Ctrl-E opens the statement typed so far in $VISUAL/$EDITOR and runs what the
    editor saves, as bash does (the Enter typed after it finds an empty prompt)."""
    editor = tmp_path / "editor"
    _python_script(editor, "import sys\n"
                           "path = sys.argv[-1]\n"
                           "text = open(path).read()\n"
                           "open(path, 'w').write(text.replace('VMSize', 'VMSeries | count'))\n"
                           f"open({str(tmp_path / 'edited')!r}, 'w').close()\n")
    monkeypatch.setenv("VISUAL", str(editor))
    out, err = io.StringIO(), io.StringIO()

    def typing(pipe: PipeInput) -> None:  # Enter once the editor is done, as a person would
        pipe.send_text("VMSize\x18\x05")
        deadline = time.monotonic() + 30
        while not (tmp_path / "edited").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
        pipe.send_text("\r\x04")

    with create_pipe_input() as pipe:
        threading.Thread(target=typing, args=(pipe,), daemon=True).start()
        status = run_repl(input=pipe, output=DummyOutput(), out=out, err=err, as_of=SEED,
                          history=tmp_path / "history")
    assert status == 0 and err.getvalue() == ""
    assert out.getvalue() == "count\n-----\n   33\n(1 row)\n"


def test_a_comment_line_inside_a_statement_is_part_of_it(state: ReplState,
                                                         tmp_path: Path) -> None:
    """A comment line between a statement's lines neither ends it nor starts another (it
    ran `VMSeries` alone, then failed on `| where …`); comment lines are no statements
    in the count of failures."""
    path = tmp_path / "c.kgq"
    path.write_text("# GPU series\nVMSeries\n  # only GPU ones\n  | where category = GPU\n"
                    "  | count\n# then a typo\nBogus | count\n")
    assert handle(state, f".read {path}") == ExitStatus.QUERY
    out, err = output(state)
    assert out == "count\n-----\n   10\n(1 row)\n"
    assert f"(in {path}, the statement at line 7)" in err
    assert err.rstrip().endswith(f"1 of 2 statements in {path} failed")


def test_lines_are_cut_at_line_breaks_alone(state: ReplState, tmp_path: Path) -> None:
    """A form feed, U+0085 or U+2028 inside a line is no line break (str.splitlines cut
    there: wrong line numbers, statements cut in two); CRLF is one."""
    path = tmp_path / "odd.kgq"
    path.write_bytes('VMSeries | where\x0c category = GPU | count\r\n'
                     'VMSeries | where name = "x\u0085y" | count\r\n'
                     'VMSeries | where name = "a\u2028b" | count\r\nBogus\r\n'.encode())
    assert handle(state, f".read {path}") == ExitStatus.QUERY
    out, err = output(state)
    assert out.count("(1 row)") == 3 and "   10" in out
    assert f"(in {path}, the statement at line 4)" in err and "1 of 4 statements" in err


def test_each_line_is_scanned_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cutting a script into statements scans each line once, however long the statement
    (it scanned all the statement held so far at each line: quadratic, 40 s for 28 KB)."""
    from kg.repl import script

    scanned: list[str] = []
    real = script._Open.after
    monkeypatch.setattr(script._Open, "after",
                        lambda self, line: scanned.append(line) or real(self, line))
    lines = (["VMSize | where name in [\n"] + [f'  "Standard_X{i}",\n' for i in range(2000)]
             + ['  "Standard_NC6s_v3"\n', "]\n", "| count\n"])
    found = list(script.script_statements(lines))
    assert len(found) == 1 and found[0][0] == 1 and found[0][1].endswith("| count")
    assert len(scanned) == len(lines)


@pytest.mark.usefixtures("ctrl_c_at_gpu")
def test_ctrl_c_ends_a_piped_script(graph: object) -> None:
    """`kg repl < FILE`: Ctrl-C ends the script, exit 130 (the next statements ran on)."""
    out, err = io.StringIO(), io.StringIO()
    st = ReplState(graph, out=out, err=err)  # type: ignore[arg-type]
    lines = ["VMSeries | count\n", "GPU | count\n", "Target | count\n"]
    assert run_script(st, lines) == ExitStatus.INTERRUPTED
    assert out.getvalue() == "count\n-----\n   33\n(1 row)\n" and err.getvalue() == "cancelled\n"


@pytest.mark.parametrize("lines, cut", [
    ([".format csv\n", "# then count\n", "VMSeries | count\n"],
     [(1, ".format csv"), (3, "VMSeries | count")]),
    ([".set arch Volta\n", "# param\n", "| count\n"], [(1, ".set arch Volta"), (3, "| count")]),
    (["exit\n", "# done\n", "VMSeries | count\n"], [(1, "exit"), (3, "VMSeries | count")]),
    (["VMSeries | count;\n", "# GPUs\n", "GPU | count;\n"],
     [(1, "VMSeries | count;"), (3, "GPU | count;")]),
    (["VMSeries\n", "# c\n", "  | count\n"], [(1, "VMSeries\n# c\n  | count")]),
    (['VMSeries | where name = "Av1\n', "  | count\n"],
     [(1, 'VMSeries | where name = "Av1'), (2, "  | count")]),
])
def test_a_comment_line_between_statements_belongs_to_neither(lines: list[str],
                                                             cut: list[tuple[int, str]]) -> None:
    """A comment line after a complete statement or a dot-command joins the statement only
    if the next line goes on with it (a `|`): it was glued to `.set` (its value took the
    comment), to `exit` and to a trailing `;`; a dot-command is one line."""
    from kg.repl.script import script_statements

    assert list(script_statements(lines)) == cut


def test_an_editor_that_leaves_no_file_is_one_line(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor that removes its file: one line, nothing run (an unhandled exception in
    prompt_toolkit's event loop before)."""
    editor = tmp_path / "remover"
    _python_script(editor, "import os, sys\nos.unlink(sys.argv[-1])\n")
    status, out, err = _edit_session(tmp_path, monkeypatch, str(editor))
    assert status == 0 and out == ""
    assert err.strip() == ("the editor left no file to read (No such file or directory): "
                           "nothing run")


def test_a_command_runs_without_waiting_for_the_next_line() -> None:
    """A dot-command is one line: it is given at once, so a program feeding `kg repl`
    through a pipe gets its answer before it sends more (it waited for the next line);
    a byte order mark before the first line is no text."""
    from kg.repl.script import script_statements

    def lines() -> Iterator[str]:
        yield "\ufeff.format csv\n"
        raise AssertionError("the next line was read before the command was given")

    assert next(script_statements(lines())) == (1, ".format csv")


def test_a_script_in_a_pipe_writes_data_alone_to_stdout(tmp_path: Path) -> None:
    """`kg repl < script > out.csv`: what the commands did (`format: csv`, `$arch = …`,
    `saved to …`) went into the CSV, before its header; it goes to stderr now. On a
    terminal it shows with the results, as before."""
    import os
    import subprocess
    import sys

    script = (".format csv\n.set arch Volta\nVMSeries | where architecture = $arch | show name\n"
              "\n.save tmp-x --replace\n")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "kg", "repl"], input=script, env=env,
                          capture_output=True, text=True, check=False, timeout=60)
    assert (done.returncode, done.stdout) == (0, "name\nNCv3\nNDv2\n")
    assert done.stderr.startswith("format: csv\n$arch = Volta\nsaved to ")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out, err = Terminal(), io.StringIO()
    ReplState(None, out=out, err=err).note("format: csv")  # type: ignore[arg-type]
    assert (out.getvalue(), err.getvalue()) == ("format: csv\n", "")


@pytest.mark.parametrize(("text", "statements"), [
    # a line after one ending with a comma, or starting with `,`, `and`, `or`, goes on
    ("VMSeries | show name,\n  category | limit 2\n", 1),
    ("VMSeries | where category = GPU\nand has architecture\n| count\n", 1),
    ("VMSeries | show name\n  , category\n", 1),
    ('check NCv3\n  with "CUDA 12.0"\npath NCv3\nto Volta\nneighbors Volta\n  depth 2\n', 3),
    ("VMSeries\n| count by category\n  as c\nVMSeries | sort name\nby\n", 2),
    # indented statements are statements; a last word that is a keyword's asks for nothing
    ("  VMSeries | count\n  CudaVersion | count\n", 2),
    ("\tVMSeries | count\n\tCudaVersion | count\n", 2),
    ("describe Limit\nneighbors Depth\nVMSeries | count by category as depth\nGPU | count\n", 4),
])
def test_how_lines_are_cut_into_statements(text: str, statements: int) -> None:
    """hunt25 F1 (a statement laid out over lines was cut) and hunt26 F1-F3 (indented
    statements merged; a name such as Limit at a line's end swallowed the next statement)."""
    assert len(list(script_statements(script_lines(text)))) == statements


def test_a_failed_command_is_called_one(state: ReplState, tmp_path: Path) -> None:
    """hunt43 #7: a dot-command's error said "(the statement at line 3)"."""
    path = tmp_path / "c.kgq"
    path.write_text("VMSeries | count\n.rows nope\n")
    assert handle(state, f".read {path}") != 0
    assert f"(in {path}, the command at line 2)" in output(state)[1]


def test_a_statement_the_grammar_finds_unfinished_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line ending in `and` goes on, as a trailing `|` does (the statement was cut in two:
    hunt58 F6); a blank line still ends it; and a long statement of such lines is not parsed
    again at each line past a bound (quadratic)."""
    from kg.repl import script

    lines = ["VMSeries | where category = GPU and\n", "  architecture = Volta\n", "  | show name\n",
             "\n", "VMSeries | where\n", "\n", "GPUArchitecture | count\n"]
    assert [n for n, _ in script.script_statements(lines)] == [1, 5, 7]
    parsed: list[int] = []
    real = script.Continuation.feed
    monkeypatch.setattr(script.Continuation, "feed",
                        lambda self, line: parsed.append(len(line)) or real(self, line))
    long = ["VMSeries | where name = Av2 or\n"] + [f"  name = X{i} or\n" for i in range(3000)]
    found = list(script.script_statements([*long, "  name = NCv3\n"]))
    assert len(found) == 1 and found[0][0] == 1
    assert sum(parsed) == sum(map(len, long)) + len("  name = NCv3\n")  # each line once
