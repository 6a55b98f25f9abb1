"""The REPL in a real terminal (tmux), as a person uses it: paging, expanded rows,
Ctrl-R, and Ctrl-C on a statement that would run for many seconds."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import SEED

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    """One tmux server of its own, running one REPL in a 100×30 window."""

    def __init__(self, tmp_path: Path, args: str, *, env: str = "", after: str = "",
                 rows: int = 30) -> None:
        self.base = ["tmux", "-L", f"kg-test-{os.getpid()}-{id(self)}"]
        variables = f"-u COLUMNS -u LINES XDG_STATE_HOME={tmp_path} NO_COLOR=1 {env}"  # the
        # window's size, not one the environment exports (hunt119 F2)
        command = (f"cd {shlex.quote(str(ROOT))} && {'' if after else 'exec '}env {variables} "
                   f"{shlex.quote(sys.executable)} -m kg repl "  # exec: a Ctrl-C ends no
                   f"--as-of {SEED} {args}{'; ' + after if after else ''}")  # shell around it
        subprocess.run([*self.base, "new-session", "-d", "-s", "kg", "-x", "100", "-y", str(rows),
                        command], check=True)

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.base, "send-keys", "-t", "kg", *keys], check=True)

    def screen(self) -> str:
        return subprocess.run([*self.base, "capture-pane", "-p", "-t", "kg"],
                              capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    terminal = Tmux(tmp_path, "")
    try:
        terminal.wait_for("Ctrl-D to leave")
        yield terminal
    finally:
        terminal.close()


def test_long_output_is_paged(tmux: Tmux) -> None:
    """37 VM sizes on a 30-line terminal: less shows the first screenful; q returns."""
    tmux.keys("VMSize", "Enter")
    shown = tmux.wait_for("Standard_NC6")
    assert "(37 rows)" not in shown and "more rows" not in shown
    tmux.keys("G")  # less: to the end
    tmux.wait_for("(37 rows)")
    tmux.keys("q")
    tmux.wait_for(f"(37 rows)\nkg {SEED}>")  # the pager left the text, the prompt is back


def test_wide_rows_are_expanded(tmux: Tmux) -> None:
    tmux.keys("VMSeries | where architecture = Volta | show name, link, supportedBy", "Enter")
    shown = tmux.wait_for("(2 rows)")
    assert "-[ RECORD 1 ]" in shown and "name        | NCv3" in shown
    assert "link        | https://learn.microsoft.com/azure/virtual-machines/ncv3-series" in shown


def test_the_continuation_prompt_shows_what_is_open(tmux: Tmux) -> None:
    """hunt109 F10: an open `(` went on over blank lines under a `..>` that said nothing of
    it; the prompt shows it, as psql's `db(#` does, and `..>` once it is closed."""
    tmux.keys("VMSeries | where (category = GPU", "Enter")
    tmux.wait_for("(.>")
    tmux.keys("Enter")
    shown = tmux.wait_for("(.>\n           (.>")
    assert "..>" not in shown
    tmux.keys(") | count", "Enter")
    tmux.wait_for("(1 row)")


def test_ctrl_r_enter_takes_the_entry(tmux: Tmux) -> None:
    tmux.keys("VMSeries | where category = GPU | count", "Enter")
    tmux.wait_for("(1 row)")
    tmux.keys("C-l", "C-r", "categ")
    tmux.wait_for("categ")
    tmux.keys("Enter")
    tmux.wait_for(f"kg {SEED}> VMSeries | where category = GPU | count")
    tmux.keys("Enter")
    shown = tmux.wait_for("(1 row)")
    assert "   10" in shown


def test_ctrl_c_cancels_a_long_statement(tmp_path: Path) -> None:
    """A statement that runs for seconds (:func:`_long`): Ctrl-C returns to the prompt
    within a second, and the next statement answers."""
    data = _many_series(tmp_path / "many.ttl", SERIES)
    terminal = Tmux(tmp_path, f"--data {data}")
    try:
        terminal.wait_for("Ctrl-D to leave", timeout=60)
        terminal.keys(_long("many.ttl"), "Enter")
        time.sleep(1.5)
        assert "(1 row)" not in terminal.screen(), "the statement was not long after all"
        started = time.monotonic()
        terminal.keys("C-c")
        terminal.wait_for("cancelled")
        assert time.monotonic() - started < 1.0
        terminal.keys("GPUArchitecture | count", "Enter")
        shown = terminal.wait_for("(1 row)", timeout=10)
        assert "Traceback" not in shown
    finally:
        terminal.close()


#: series in :func:`_many_series`'s data for :func:`_long`: 8.5 s and 1 GB on the machine
#: that measured it (3.9 s for 1,200)
SERIES = 1500


def _long(source: str, rows: int = 1) -> str:
    """A statement of seconds over :func:`_many_series`'s data, whose answer is its first
    ``rows`` groups: every series names every other through their shared category, and
    grouping the series by those names counts SERIES² pairs. (A condition through the
    category, `where category.^category.architecture = Volta`, took 10 s for 3,000 series
    read `from` their file while a walk through a shared node went there by pairs; it is
    joined at the node now and takes 0.4 s.)"""
    return f'VMSeries from "{source}" | count by category.^category.name | limit {rows}'


def _many_series(path: Path, count: int) -> Path:
    """A data file of ``count`` generated GPU series (a statement over them takes seconds)."""
    lines = ["@prefix kg: <https://w3id.org/azml-kg/ontology#> .",
             "@prefix ent: <https://w3id.org/azml-kg/id/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    lines += [f'ent:gen{i} a kg:VMSeries ; rdfs:label "Gen {i}"@en ; kg:category '
              f"ent:gpu-category ; kg:architecture ent:Volta ." for i in range(count)]
    path.write_text("\n".join(lines) + "\n")
    return path


def _typed_ahead_unshown(terminal: Tmux, before: Callable[[], None]) -> None:
    """Start a statement of seconds, do ``before``, type `GPUArch`: it is not shown while the
    statement runs, and the next prompt holds it."""
    terminal.keys(_long("some.ttl"), "Enter")
    before()
    terminal.keys("GPUArch")
    time.sleep(0.5)
    during = terminal.screen()
    assert "(1 row)" not in during, "the statement was not long after all"
    assert "GPUArch" not in during
    terminal.wait_for(f"kg {SEED}> GPUArch", timeout=120)


def test_keys_typed_ahead_wait_unshown_for_the_prompt(tmp_path: Path) -> None:
    """Keys typed while a statement runs are not echoed where the next prompt is then drawn
    over them (hunt50 #10): they wait, unshown, and the next prompt holds them."""
    data = _many_series(tmp_path / "some.ttl", SERIES)
    terminal = Tmux(tmp_path, f"--data {data}")
    try:
        terminal.wait_for("Ctrl-D to leave", timeout=60)
        _typed_ahead_unshown(terminal, before=lambda: time.sleep(0.5))
    finally:
        terminal.close()


def test_ctrl_d_typed_while_a_statement_runs_ends_the_repl_after_it(tmp_path: Path) -> None:
    """A Ctrl-D typed while a statement runs ends the REPL once the statement has answered,
    as a shell or psql does (the terminal's line mode kept it as a NUL, which the next
    prompt took for Ctrl-Space: hunt59 R13); `GPUArch` typed before it is no statement
    run, and the shell after the REPL has its echo."""
    data = _many_series(tmp_path / "some.ttl", SERIES)
    terminal = Tmux(tmp_path, f"--data {data}",
                    after=f"stty -a > {shlex.quote(str(tmp_path / 'after'))}; sleep 30")
    try:
        terminal.wait_for("Ctrl-D to leave", timeout=60)
        terminal.keys(_long("some.ttl"),
                      "Enter")
        time.sleep(0.5)
        terminal.keys("C-d")
        time.sleep(0.3)
        assert "(1 row)" not in terminal.screen(), "the statement was not long after all"
        _wait_file(tmp_path / "after", timeout=120)
        shown = terminal.screen()
    finally:
        terminal.close()
    assert "(1 row)" in shown and "Traceback" not in shown
    modes = (tmp_path / "after").read_text().split()
    assert "echo" in modes and "-echo" not in modes


def test_the_terminal_is_left_as_found(tmp_path: Path) -> None:
    """The echo is off between prompts only: on for the editor, after .restart, and when
    the REPL ends (the shell after it echoes what is typed)."""
    editor = tmp_path / "editor.sh"
    editor.write_text(f"stty -a > {shlex.quote(str(tmp_path / 'in-editor'))}\n"
                      'touch "$1"\n')  # saved (one that saves nothing runs nothing)
    terminal = Tmux(tmp_path, "", env=f"VISUAL={shlex.quote('sh ' + str(editor))}",
                    after=f"stty -a > {shlex.quote(str(tmp_path / 'after'))}; sleep 30")
    try:
        terminal.wait_for("Ctrl-D to leave")
        terminal.keys("GPUArchitecture | count", "C-x", "C-e")
        _wait_file(tmp_path / "in-editor")
        terminal.wait_for("(1 row)")
        terminal.keys(".restart", "Enter")
        terminal.wait_for("restart", timeout=60)
        time.sleep(1)
        terminal.keys("C-d")
        _wait_file(tmp_path / "after")
    finally:
        terminal.close()
    for name in ("in-editor", "after"):
        modes = (tmp_path / name).read_text().split()
        assert "echo" in modes and "-echo" not in modes, name


def _wait_file(path: Path, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not (path.exists() and path.read_text()) and time.monotonic() < end:
        time.sleep(0.05)
    assert path.exists(), f"{path.name} never written"


def _repl_pid(terminal: Tmux) -> int:
    """The REPL's process: the pane's own (``exec``) or its shell's child."""
    pane = int(subprocess.run([*terminal.base, "list-panes", "-t", "kg", "-F", "#{pane_pid}"],
                              capture_output=True, text=True, check=True).stdout.split()[0])
    children = subprocess.run(["pgrep", "-P", str(pane)], capture_output=True, text=True).stdout
    return int(children.split()[0]) if children.split() else pane


def _modes(path: Path) -> list[str]:
    _wait_file(path)
    return path.read_text().split()


def test_keys_typed_ahead_of_the_pager_go_to_the_prompt(tmp_path: Path) -> None:
    """A statement typed while a long result was coming went to less as its commands: its
    `|` ran a shell, `s` saved the output to a file in the current folder (hunt58 F1). The
    keys wait for the next prompt, as typed there."""
    data = _many_series(tmp_path / "some.ttl", SERIES)
    terminal = Tmux(tmp_path, f"--data {data}")
    before = set(ROOT.iterdir())
    try:
        terminal.wait_for("Ctrl-D to leave", timeout=60)
        terminal.keys(_long("some.ttl", 200),
                      "Enter")
        time.sleep(0.5)
        terminal.keys("GPUArchitecture | sort name | show name | limit 1", "Enter")
        assert "(1 row)" not in terminal.screen(), "the statement was not long after all"
        shown = terminal.wait_for("Gen 1", timeout=120)  # the pager, at its first screenful
        assert "command not found" not in shown and "log file" not in shown.lower()
        terminal.keys("q")
        shown = terminal.wait_for("(1 row)")
        assert "Ada Lovelace" in shown  # the typed statement's answer: the first by name
    finally:
        terminal.close()
    assert set(ROOT.iterdir()) == before  # no file saved by the pager


@pytest.mark.parametrize("when", ["at the prompt", "while a statement runs"])
def test_sigterm_leaves_the_terminal_as_found(tmp_path: Path, when: str) -> None:
    """SIGTERM left the terminal raw (at the prompt) or without echo (while a statement
    ran), and under `make repl` the user's shell kept it so (hunt58 F2)."""
    data = _many_series(tmp_path / "some.ttl", SERIES)
    terminal = Tmux(tmp_path, f"--data {data}",
                    after=f"stty -a > {shlex.quote(str(tmp_path / 'after'))}; sleep 30")
    try:
        terminal.wait_for("Ctrl-D to leave", timeout=60)
        if when != "at the prompt":
            terminal.keys(_long("some.ttl"),
                          "Enter")
            time.sleep(0.5)
        os.kill(_repl_pid(terminal), 15)
        modes = _modes(tmp_path / "after")
    finally:
        terminal.close()
    assert {"echo", "icanon", "isig", "icrnl"} <= set(modes), modes


def test_after_a_stop_the_echo_is_off_again(tmp_path: Path) -> None:
    """A stopped REPL's shell turns the echo on; after `fg` keys typed while a statement runs
    were echoed again for the rest of the session (hunt58 F3). Here the shell's part is
    played by hand: SIGSTOP, the echo on, SIGCONT."""
    data = _many_series(tmp_path / "some.ttl", SERIES)
    terminal = Tmux(tmp_path, f"--data {data}")
    try:
        terminal.wait_for("Ctrl-D to leave", timeout=60)
        pid = _repl_pid(terminal)
        tty = subprocess.run([*terminal.base, "list-panes", "-t", "kg", "-F", "#{pane_tty}"],
                             capture_output=True, text=True, check=True).stdout.split()[0]
        def stopped_and_continued() -> None:  # as a shell does around Ctrl-Z and `fg`
            time.sleep(0.3)
            os.kill(pid, 19)  # SIGSTOP
            subprocess.run(["stty", "-F", tty, "echo"], check=True)
            os.kill(pid, 18)  # SIGCONT
            time.sleep(0.3)

        _typed_ahead_unshown(terminal, before=stopped_and_continued)
    finally:
        terminal.close()


def test_ctrl_z_at_the_prompt_suspends(tmp_path: Path) -> None:
    """Ctrl-Z at the prompt typed a ^Z into the statement (hunt58 F3): it stops the REPL,
    as in a shell or pgcli, and `fg` brings the prompt back as it was."""
    base = ["tmux", "-L", f"kg-test-{os.getpid()}-z"]
    subprocess.run([*base, "new-session", "-d", "-s", "kg", "-x", "100", "-y", "30",
                    f"cd {shlex.quote(str(ROOT))} && env -u COLUMNS -u LINES PS1='$ ' "
                    f"XDG_STATE_HOME={tmp_path} "
                    "NO_COLOR=1 bash --norc --noprofile -i"], check=True)
    terminal = Tmux.__new__(Tmux)
    terminal.base = base
    try:
        terminal.keys(f"{shlex.quote(sys.executable)} -m kg repl --as-of {SEED}", "Enter")
        terminal.wait_for(f"Ctrl-D to leave.\nkg {SEED}>")  # the prompt up: a Ctrl-Z before
        terminal.keys("GPUArchitecture | count", "C-z")  # it is the terminal's (it drops the line)
        terminal.wait_for("Stopped")
        terminal.keys("fg", "Enter")
        terminal.wait_for(f"kg {SEED}> GPUArchitecture | count")
        terminal.keys("Enter")
        shown = terminal.wait_for("(1 row)")
        assert "unexpected character" not in shown
    finally:
        terminal.close()


@pytest.mark.parametrize("errors_to_a_file", [False, True])
def test_results_to_a_file_the_prompt_on_the_terminal(tmp_path: Path, errors_to_a_file: bool) -> None:
    """`kg repl > out.txt`: the screen stayed blank and the file got the prompt's drawing
    (hunt58 F8; with stderr to a file too, hunt59 R6). As in psql, the prompt and the typing
    are on the terminal, the results in the file."""
    out = tmp_path / "out.txt"
    errors = f"2> {shlex.quote(str(tmp_path / 'errors.txt'))}" if errors_to_a_file else ""
    terminal = Tmux(tmp_path, f"> {shlex.quote(str(out))} {errors}")
    try:
        terminal.keys("VMSeries | count", "Enter")
        terminal.wait_for(f"kg {SEED}> VMSeries | count")
        end = time.monotonic() + 30
        while "(1 row)" not in out.read_text() and time.monotonic() < end:
            time.sleep(0.05)
        terminal.keys("C-d")
    finally:
        terminal.close()
    assert out.read_text() == "count\n-----\n   33\n(1 row)\n"  # (as of the seed)


def test_keys_typed_while_a_restart_loads_wait_unshown(tmp_path: Path) -> None:
    """During `.restart`'s reload the terminal echoed what was typed, and the fresh banner
    was glued to it (hunt58 F4): the echo is off from the start of the fresh REPL."""
    data = _many_series(tmp_path / "many.ttl", 20000)
    terminal = Tmux(tmp_path, f"--data {data}")
    try:
        terminal.wait_for("Ctrl-D to leave", timeout=120)
        terminal.keys(".restart", "Enter")
        terminal.wait_for("restarting")
        terminal.keys("GPU")  # while the fresh process starts (hunt59 R8)
        time.sleep(0.5)
        terminal.keys("Arch")  # while it loads the graph
        shown = terminal.wait_for("Restarted:", timeout=120)
        assert "GPU" not in shown.split("restarting", 1)[1].split("Restarted:")[0], shown
        terminal.wait_for(f"kg {SEED}> GPUArch", timeout=30)
    finally:
        terminal.close()


def test_a_closed_output_ends_the_repl_saying_so(tmp_path: Path) -> None:
    """`kg repl >&-` at a terminal said "internal error: OSError" for every statement and
    ended with exit 0 (hunt59 R14): the one-line error a script gets, and exit 4."""
    status = tmp_path / "status"
    terminal = Tmux(tmp_path, ">&-", after=f"echo $? > {shlex.quote(str(status))}; sleep 30")
    try:
        terminal.keys("VMSeries | limit 1", "Enter")
        shown = terminal.wait_for("cannot write the output")
        assert "internal error" not in shown
        _wait_file(status)
    finally:
        terminal.close()
    assert status.read_text().strip() == "4"


def test_a_dumb_terminal_prompt_takes_ctrl_c(tmp_path: Path) -> None:
    """With TERM=dumb (Emacs' shell) prompt_toolkit runs another prompt, and Ctrl-C held
    back for the prompt's start stayed held: the next statement was dropped unsaid (hunt60
    F4). At the prompt, SIGINT is blocked in no thread."""
    terminal = Tmux(tmp_path, "", env="TERM=dumb")
    try:
        terminal.wait_for(f"kg {SEED}>")
        time.sleep(0.5)
        status = Path(f"/proc/{_repl_pid(terminal)}/status").read_text()
        blocked = int(next(line for line in status.splitlines()
                           if line.startswith("SigBlk:")).split()[1], 16)
        assert not blocked & (1 << 1), status  # SIGINT is signal 2: bit 1
    finally:
        terminal.close()


def test_ctrl_c_leaves_what_was_typed_on_the_screen(tmp_path: Path) -> None:
    """hunt88 #4: Ctrl-C at the prompt wiped a statement of two lines from the screen, with
    no copy anywhere; as in bash, psql and pgcli it stays shown, and a fresh prompt is below
    it, empty, that runs what is typed next."""
    terminal = Tmux(tmp_path, "")
    try:
        terminal.wait_for(f"kg {SEED}>")
        terminal.keys("VMSeries |", "Enter", "where category = GPU and", "C-c")
        time.sleep(0.5)
        terminal.keys("GPUArchitecture | count", "Enter")
        shown = terminal.wait_for("(1 row)")
        assert "where category = GPU and" in shown
        assert shown.count(f"kg {SEED}>") >= 2
    finally:
        terminal.close()


def test_a_dumb_terminal_runs_the_line_it_shows(tmp_path: Path) -> None:
    """hunt88 #3: prompt_toolkit's plain mode prints only what is typed, so a completion
    taken with Tab showed `VMSers` and ran `VMSeries`, and `NCv2"` ran a note. No completion
    there, nor suggestions: Tab adds nothing, and the line shown is the line run."""
    terminal = Tmux(tmp_path, "", env="TERM=dumb")
    try:
        terminal.wait_for(f"kg {SEED}>")
        terminal.keys("VMSer", "Tab", "Enter")
        shown = terminal.wait_for("unknown class or entity `VMSer`")
        assert f"kg {SEED}> VMSer\n" in shown and "VMSers" not in shown
    finally:
        terminal.close()


@pytest.mark.parametrize("rows", [5, 7])
def test_a_window_of_few_rows_shows_the_results(tmp_path: Path, rows: int) -> None:
    """hunt88 #1: prompt_toolkit kept 8 rows for the completion menu, so a pane of 7 or
    fewer showed only "Window too small..." and never the results."""
    terminal = Tmux(tmp_path, "", rows=rows)
    try:
        terminal.wait_for(f"kg {SEED}>")
        terminal.keys("VMSeries | count", "Enter")
        shown = terminal.wait_for("(1 row)")
        assert "Window too small" not in shown
    finally:
        terminal.close()


def test_results_to_a_file_with_stderr_closed(tmp_path: Path) -> None:
    """`kg repl > FILE 2>&-` ended at once with exit 70 and nothing said (hunt60 F3)."""
    out = tmp_path / "out.txt"
    terminal = Tmux(tmp_path, f"> {shlex.quote(str(out))} 2>&-")
    try:
        terminal.keys("VMSeries | count", "Enter")
        end = time.monotonic() + 30
        while "(1 row)" not in (out.read_text() if out.exists() else "") and time.monotonic() < end:
            time.sleep(0.05)
        terminal.keys("C-d")
    finally:
        terminal.close()
    assert out.read_text().endswith("(1 row)\n")


def test_a_restart_that_dies_early_gives_the_echo_back(tmp_path: Path) -> None:
    """A restart keeps the echo off across the exec; a fresh process that failed before its
    REPL took the terminal (kg's code edited and broken) left the shell without echo (hunt60
    F2): `python -m kg` gives it back on any failure."""
    after = tmp_path / "after"
    base = ["tmux", "-L", f"kg-test-{os.getpid()}-e"]
    script = ("stty -echo; KG_REPL_RESUME='{\"echo\": true}' " + shlex.quote(sys.executable)
              + " -c 'import kg.__main__ as m; m._echo_back()'; stty -a > "
              + shlex.quote(str(after)) + "; sleep 30")
    subprocess.run([*base, "new-session", "-d", "-s", "kg", "-x", "100", "-y", "30",
                    f"cd {shlex.quote(str(ROOT))} && {script}"], check=True)
    try:
        modes = _modes(after)
    finally:
        subprocess.run([*base, "kill-server"], capture_output=True)
    assert "echo" in modes and "-echo" not in modes


def test_options_without_a_command_on_a_terminal_start_the_repl(tmp_path: Path) -> None:
    """`kg` alone on a terminal starts the REPL; `kg --lang de --as-of seed` was "no command
    given", exit 2 (hunt70 F11): psql -d x and sqlite3 FILE open their shells."""
    base = ["tmux", "-L", f"kg-test-{os.getpid()}-options"]
    command = (f"cd {shlex.quote(str(ROOT))} && env -u COLUMNS -u LINES "
               f"XDG_STATE_HOME={tmp_path} NO_COLOR=1 "
               f"{shlex.quote(sys.executable)} -m kg --lang de --as-of {SEED}; sleep 30")
    subprocess.run([*base, "new-session", "-d", "-s", "kg", "-x", "100", "-y", "30", command],
                   check=True)
    try:
        end, shown = time.monotonic() + 30, ""
        while time.monotonic() < end and f"kg {SEED}>" not in shown:
            time.sleep(0.05)
            shown = subprocess.run([*base, "capture-pane", "-p", "-t", "kg"],
                                   capture_output=True, text=True).stdout
        assert f"kg {SEED}>" in shown and "no command given" not in shown, shown
        subprocess.run([*base, "send-keys", "-t", "kg", "GPU | count", "Enter"], check=True)
        time.sleep(1)
        subprocess.run([*base, "send-keys", "-t", "kg", ".lang", "Enter"], check=True)
        end = time.monotonic() + 10
        while time.monotonic() < end and "language: de" not in shown:
            time.sleep(0.05)
            shown = subprocess.run([*base, "capture-pane", "-p", "-t", "kg"],
                                   capture_output=True, text=True).stdout
        assert "language: de" in shown, shown
    finally:
        subprocess.run([*base, "kill-server"], capture_output=True)


def test_a_pasted_tab_shows_as_white_space(tmp_path: Path) -> None:
    """hunt88 #10: a tab in a pasted statement showed as `^I`; it shows as white space, as
    in the file it was copied from, and the statement runs as pasted."""
    terminal = Tmux(tmp_path, "")
    try:
        terminal.wait_for(f"kg {SEED}>")
        subprocess.run([*terminal.base, "set-buffer", "VMSeries\t| where category = GPU\n\t| count"],
                       check=True)
        subprocess.run([*terminal.base, "paste-buffer", "-p", "-t", "kg"], check=True)
        terminal.wait_for("| count")
        terminal.keys("Enter")
        shown = terminal.wait_for("(1 row)")
        assert "^I" not in shown
        assert f"kg {SEED}> VMSeries    | where category = GPU" in shown, shown
    finally:
        terminal.close()


def test_enter_on_a_blank_line_runs_what_the_grammar_finds_unfinished(tmp_path: Path) -> None:
    """hunt88 #9: `VMSeries | where name =` took blank lines forever (only Alt-Enter or
    Ctrl-C got out, unsaid). Enter on the blank line runs it, as a script's blank line
    ends it, and its error is said; a trailing `|` still goes on."""
    terminal = Tmux(tmp_path, "")
    try:
        terminal.wait_for(f"kg {SEED}>")
        terminal.keys("VMSeries | where name =", "Enter")
        time.sleep(0.3)
        terminal.keys("Enter")
        shown = terminal.wait_for("error:")
        assert "ends too early" in shown or "expected" in shown, shown
        terminal.keys("GPUArchitecture |", "Enter")
        time.sleep(0.3)
        terminal.keys("Enter")
        time.sleep(0.3)
        terminal.keys("count", "Enter")
        assert "(1 row)" in terminal.wait_for("(1 row)")
    finally:
        terminal.close()
