"""The REPL restarts itself on the same graph and settings: `.restart`, and the watchdog
when a statement Ctrl-C cancelled goes on taking memory (pyoxigraph cannot stop one)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kg import worker
from kg.output import RESULT_FORMATS
from kg.repl import watchdog as watchdog_module
from kg.repl.app import handle, run_script
from kg.repl.restart import RESUME, command_line, restart, resume, settings
from kg.repl.state import ReplState
from kg.repl.watchdog import Watchdog, parse_size, size_text
from kg.session import Graph
from tests.conftest import SEED
from tests.repl_fixtures import graph, output, state  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _writes_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """A restart whose process is not replaced (the tests' executors) leaves writes stopped
    (kg.fileio.settle_writes): each test has its own lock, so no later test of the worker
    is refused its writes ("kg is stopping")."""
    import threading

    from kg import fileio

    monkeypatch.setattr(fileio, "_COMMITTING", threading.Lock())
    monkeypatch.setattr(fileio, "_SETTLED", threading.Event())
    monkeypatch.setattr(fileio, "_settler", None)


def test_the_command_line_opens_the_same_graph(graph: Graph, tmp_path: Path,  # noqa: F811
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    st = ReplState(graph, RESULT_FORMATS.parse("csv"), data=("extra.ttl",),
                   endpoint=None)
    line = command_line(st)
    assert line[:4] == [sys.executable, "-P", "-m", "kg"]  # not a kg.py of the folder
    assert line[line.index("--as-of") + 1] == graph.store.revision.date.isoformat()
    assert line[line.index("--data") + 1] == str(tmp_path / "extra.ttl")  # made absolute
    assert "--endpoint" not in line  # in $KG_ENDPOINT (restart), where `ps` does not show it
    assert line[-3:] == ["repl", "--format", "csv"]
    latest = ReplState(Graph.open(lang="de"), endpoint="http://127.0.0.1:1/q")
    line = command_line(latest)
    assert "--as-of" not in line and line[line.index("--lang") + 1] == "de"
    assert not any("127.0.0.1" in part for part in line)


def test_settings_survive_the_restart(state: ReplState) -> None:  # noqa: F811
    for typed in (".explain on", ".timing on", ".rows 7", ".x on", ".pager off",
                  ".set arch Volta", ".set name Remote VM"):
        assert handle(state, typed) == 0
    environ = {RESUME: json.dumps(settings(state))}
    fresh = ReplState(state.graph, err=io.StringIO())
    assert resume(fresh, environ) is True
    assert RESUME not in environ  # a pager or an editor the REPL starts does not see it
    assert (fresh.explain, fresh.timing, fresh.max_rows, fresh.expanded, fresh.pager) == \
        (True, True, 7, "on", False)
    assert fresh.params == {"arch": "Volta", "name": "Remote VM"}
    assert resume(fresh, {}) is False


@pytest.mark.parametrize("given", ['{"explain": true', '{"typed": 7}',
                                   '{"typed": "VMSeries", "explain": true, "timing": true, '
                                   '"rows": "many", "expanded": "on", "pager": false, "params": {}}',
                                   '{"explain": true, "timing": true, "rows": Infinity, '
                                   '"expanded": "on", "pager": false, "params": {}}'])
def test_unreadable_settings_are_said_and_none_taken(graph: Graph, given: str) -> None:  # noqa: F811
    """hunt75 F14: `{"typed": 7}` put 7 in the prompt though the settings were "unreadable",
    and the welcome said "Restarted: the same graph and settings"."""
    fresh = ReplState(graph, out=io.StringIO(), err=io.StringIO())
    assert resume(fresh, {RESUME: given}) is False
    assert "settings of the REPL before its restart are unreadable" in output(fresh)[1]
    assert fresh.params == {} and fresh.max_rows is None and fresh.typed == ""
    assert (fresh.explain, fresh.timing) == (False, False)


def test_restart_replaces_the_process_with_the_settings(state: ReplState) -> None:  # noqa: F811
    handle(state, ".set arch Volta")
    calls: list[tuple[str, list[str], dict[str, str]]] = []
    restart(state, "kg: restarting", lambda path, line, env: calls.append((path, line, env)))
    [(path, line, env)] = calls
    assert path == sys.executable and line == command_line(state)
    assert json.loads(env[RESUME])["params"] == {"arch": "Volta"}
    assert env["KG_ENDPOINT"] == ""  # the embedded graph, whatever $KG_ENDPOINT said at first
    remote: list[tuple[list[str], dict[str, str]]] = []
    state.endpoint = "http://alice:s3cret@127.0.0.1:1/q"
    restart(state, "kg: restarting", lambda path, line, env: remote.append((line, env)))
    [(line, env)] = remote
    assert env["KG_ENDPOINT"] == state.endpoint
    assert "s3cret" not in " ".join(line)  # not on the command line, where `ps` shows it
    assert env["PYTHONPATH"].split(os.pathsep)[0] == str(Path(worker.__file__).parents[1])
    again: list[dict[str, str]] = []  # a second restart: the folder once, not twice
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONPATH", env["PYTHONPATH"])
        restart(state, "kg: restarting", lambda path, line, env: again.append(env))
    assert again[0]["PYTHONPATH"] == env["PYTHONPATH"]


def test_an_installed_kg_leaves_the_python_path_alone(state: ReplState,  # noqa: F811
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """site-packages on PYTHONPATH would go before the standard library."""
    import sysconfig

    root = str(Path(worker.__file__).resolve().parents[1])
    monkeypatch.setattr(sysconfig, "get_paths", lambda: {"purelib": root, "platlib": root})
    monkeypatch.delenv("PYTHONPATH", raising=False)
    calls: list[dict[str, str]] = []
    restart(state, "kg: restarting", lambda path, line, env: calls.append(env))
    assert "PYTHONPATH" not in calls[0]
    assert "kg: restarting" in output(state)[1]


def test_a_restart_that_fails_leaves_the_session(state: ReplState) -> None:  # noqa: F811
    def refuse(path: str, line: list[str], env: dict[str, str]) -> None:
        raise PermissionError(13, "Permission denied")

    restart(state, "kg: restarting", refuse)
    assert "error: cannot restart kg (Permission denied); this session goes on" in output(state)[1]


def test_a_restart_after_the_current_folder_is_gone(state: ReplState, tmp_path: Path,  # noqa: F811
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`.restart` once the folder kg was started in is removed was "internal error:
    FileNotFoundError" (hunt58 F12): a file `.load`ed by a relative name is kept by its
    absolute one; a restart that cannot be made says so, and the session goes on."""
    folder = tmp_path / "gone"
    folder.mkdir()
    (folder / "d.ttl").write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                                  "<http://example.org/s> a kg:VMSeries .\n")
    monkeypatch.chdir(folder)
    assert handle(state, ".load d.ttl") == 0, output(state)[1]
    folder.joinpath("d.ttl").unlink()
    folder.rmdir()
    calls: list[list[str]] = []
    restart(state, "kg: restarting", lambda path, line, env: calls.append(line))
    assert str(folder / "d.ttl") in calls[0]
    import kg.repl.restart as restarting

    def gone(state: ReplState, typed: str) -> object:
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(restarting, "_fresh", gone)
    restart(state, "kg: restarting", lambda path, line, env: calls.append(line))
    assert "error: cannot restart kg (No such file or directory" in output(state)[1]
    assert len(calls) == 1


def test_restart_is_refused_in_a_script(graph: Graph, tmp_path: Path) -> None:  # noqa: F811
    out, err = io.StringIO(), io.StringIO()
    st = ReplState(graph, out=out, err=err)
    assert run_script(st, [".restart\n", "VMSeries | count\n"]) != 0
    assert ".restart restarts the interactive REPL" in err.getvalue()
    assert "count" in out.getvalue()  # the rest of the script ran


def test_sizes() -> None:
    assert parse_size("500M") == 500 << 20 and parse_size("2GB") == 2 << 30
    assert parse_size("1.5g") == 3 << 29 and parse_size("4096") == 4096
    for bad in ("", "lots", "-1G", "0", "5X", "9" * 400, "2000000T"):  # (an OverflowError
        with pytest.raises(ValueError):  # for 400 digits: hunt106 F3)
            parse_size(bad)
    assert size_text(3 << 29) == "1.5 GB" and size_text(350 << 20) == "350 MB"


def test_the_allowance_is_the_variable_or_half_the_free_memory() -> None:
    warned: list[str] = []
    assert Watchdog(print, warned.append, {"KG_CANCELLED_MEMORY": "300M"}).allowance() == 300 << 20
    free = watchdog_module.available()
    half = Watchdog(print, warned.append, {"KG_CANCELLED_MEMORY": "much"}).allowance()
    assert warned and "KG_CANCELLED_MEMORY" in warned[0]
    if free is not None:  # Linux
        assert half is not None and abs(half - free // 2) < free // 10


def test_the_watchdog_calls_when_the_limit_is_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes = iter([100 << 20, 150 << 20, 250 << 20, 400 << 20])
    monkeypatch.setattr(watchdog_module, "resident", lambda: next(sizes, 400 << 20))
    monkeypatch.setattr(watchdog_module, "POLL", 0.01)
    called = threading.Event()
    why: list[str] = []
    dog = Watchdog(lambda text: (why.append(text), called.set()), print,
                   {"KG_CANCELLED_MEMORY": "200M"})
    worker.ABANDONED.add(-1)  # a cancelled statement still running
    try:
        told = dog.watch()
        assert "restarts by itself if it takes" in told and dog.limit == 300 << 20
        assert called.wait(5)
    finally:
        worker.ABANDONED.discard(-1)
    assert "has taken the process to 400 MB (the limit was 300 MB)" in why[0]


def test_the_watchdog_ends_with_the_cancelled_statement(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watchdog_module, "POLL", 0.01)
    called: list[str] = []
    dog = Watchdog(called.append, print, {"KG_CANCELLED_MEMORY": "10G"})
    worker.ABANDONED.add(-2)
    dog.watch()
    worker.ABANDONED.discard(-2)
    assert dog._thread is not None
    dog._thread.join(5)
    assert not dog._thread.is_alive() and called == []


@pytest.mark.skipif(shutil.which("tmux") is None or not Path("/proc/self/statm").exists(),
                    reason="needs tmux and /proc")
def _many_series(tmp_path: Path, count: int) -> Path:
    """A data file of ``count`` GPU series (a slower load; a join that grows fast)."""
    data = tmp_path / "many.ttl"
    lines = ["@prefix kg: <https://w3id.org/azml-kg/ontology#> .",
             "@prefix ent: <https://w3id.org/azml-kg/id/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    lines += [f'ent:gen{i} a kg:VMSeries ; rdfs:label "Gen {i}"@en ; '
              "kg:category ent:gpu-category ." for i in range(count)]
    data.write_text("\n".join(lines) + "\n")
    return data


def test_a_runaway_cancelled_statement_restarts_the_repl(tmp_path: Path) -> None:
    """A cancelled statement whose join grows by ~250 MB/s: past its allowance (150 MB) the
    REPL restarts with its settings, and the memory is free again."""
    from tests.test_repl_tmux import Tmux

    data = _many_series(tmp_path, 2000)
    terminal = Tmux(tmp_path, f"--data {data}", env="KG_CANCELLED_MEMORY=150M")
    try:
        terminal.wait_for("Ctrl-D to leave", timeout=60)
        terminal.keys(".format csv", "Enter", ".set arch Volta", "Enter")
        terminal.wait_for("$arch = Volta")
        terminal.keys("VMSeries | show name, category.^category.category.^category.name", "Enter")
        time.sleep(1.0)
        terminal.keys("C-c")
        terminal.wait_for("cancelled; the engine may go on answering it in the background")
        shown = terminal.wait_for("Restarted: the same graph and settings", timeout=30)
        assert "kg: the cancelled statement has taken the process to" in shown
        terminal.keys("C-l", ".params", "Enter", "GPUArchitecture | count", "Enter")
        shown = terminal.wait_for("count\n")
        assert "$arch = Volta" in shown and "Traceback" not in shown
        assert _resident_mb(str(data)) < 600  # the join's memory went with the old process
    finally:
        terminal.close()


def _resident_mb(argument: str) -> float:
    """The memory of the REPL whose command line holds ``argument`` (the restarted one's)."""
    listed = subprocess.run(["ps", "-ww", "-eo", "rss=,args="], capture_output=True, text=True).stdout
    sizes = [int(line.split(None, 1)[0]) / 1024 for line in listed.splitlines()
             if "-m kg" in line and argument in line and "tmux" not in line]
    assert sizes, listed
    return max(sizes)


def test_a_restart_ends_the_pager_showing_output() -> None:
    """A pager left running would read the terminal beside the fresh REPL."""
    from kg.repl import pager

    shown = threading.Thread(target=pager._run, args=(["sleep", "30"], "text\n"), daemon=True)
    started = time.monotonic()
    shown.start()
    while not pager._RUNNING and time.monotonic() - started < 5:
        time.sleep(0.01)
    assert pager._RUNNING
    pager.stop_pagers()
    shown.join(5)
    assert not shown.is_alive() and not pager._RUNNING
    assert time.monotonic() - started < 10


def test_a_pager_the_restart_ends_promises_no_output(state: ReplState,  # noqa: F811
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The watchdog's restart ended the pager being read, and the REPL warned "the output
    follows without it", which the restart then threw away (hunt58 F10): a pager kg ended
    is said by the restart alone; one that fails by itself is still followed by the text."""
    from kg.repl import pager

    monkeypatch.setattr(pager, "wants_pager", lambda state, text: True)
    monkeypatch.setenv("PAGER", "sh -c 'trap \"exit 15\" TERM; cat >/dev/null; sleep 30 & wait'")
    monkeypatch.setenv("TERM", "xterm")  # (less ends with status 15 on SIGTERM: as here)
    shown = threading.Thread(target=pager.page, args=(state, "the text\n"), daemon=True)
    shown.start()
    started = time.monotonic()
    while not pager._RUNNING and time.monotonic() - started < 5:
        time.sleep(0.01)
    pager.stop_pagers()
    shown.join(5)
    out, err = output(state)
    assert "the text" not in out and "the output follows" not in err
    monkeypatch.setenv("PAGER", "false")
    pager.page(state, "the text\n")
    out, err = output(state)
    assert "the text" in out and "the output follows" in err


def test_a_restart_goes_on_without_files_it_can_no_longer_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `.load`ed file deleted before the restart ended the session (hunt25 F4); a REPL
    started so by hand still stops at it."""
    from kg.errors import DataError
    from kg.repl.app import _open

    gone, kept = str(tmp_path / "gone.ttl"), tmp_path / "kept.ttl"
    kept.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                    "<https://w3id.org/azml-kg/id/x> a kg:VMSeries .\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        _open([gone, str(kept)], "en", SEED, None, io.StringIO())
    assert raised.value.file == gone  # the store names the file at fault
    monkeypatch.setenv(RESUME, "{}")
    err = io.StringIO()
    opened, data = _open([gone, str(kept)], "en", SEED, None, err)
    assert data == (str(kept),)  # the others stay (hunt26 F7: every file was dropped)
    [[without]] = Graph.open(as_of=SEED).query("VMSeries | count").rows
    assert opened.query("VMSeries | count").rows == [[without + 1]]
    assert f"goes on without {gone}" in err.getvalue()


def test_a_restart_removes_the_temporary_file_of_a_write_under_way(
        state: ReplState, tmp_path: Path) -> None:  # noqa: F811
    """An `.export` the restart cut short left `.NAME.kg-tmp-…` behind (hunt25 F10); a
    restart that fails lets writes go on."""
    from kg import fileio

    tmp = tmp_path / ".out.csv.kg-tmp-1-abc"
    tmp.write_text("half")
    fileio._WRITING.add(tmp)

    def refuse(path: str, line: list[str], env: dict[str, str]) -> None:
        assert not tmp.exists() and fileio._COMMITTING.locked()  # settled before the exec
        raise PermissionError(13, "Permission denied")

    restart(state, "kg: restarting", refuse)
    assert not fileio._COMMITTING.locked()  # the session goes on, and may write again
    fileio.write_atomic(tmp_path / "after.txt", "written")
    assert (tmp_path / "after.txt").read_text() == "written"


def test_the_line_being_typed_survives_the_restart(state: ReplState) -> None:  # noqa: F811
    """hunt39 #2: the watchdog's restart threw away the half-typed line; the fresh REPL's
    prompt starts with it now (handed over with the settings)."""
    calls: list[dict[str, str]] = []
    restart(state, "kg: restarting", lambda path, line, env: calls.append(env),
            typed="VMSeries | where category = GPU | cou")
    fresh = ReplState(state.graph, err=io.StringIO())
    assert resume(fresh, {RESUME: calls[0][RESUME]}) is True
    assert fresh.typed == "VMSeries | where category = GPU | cou"
    older = ReplState(state.graph, err=io.StringIO())  # settings of a kg before this one
    assert resume(older, {RESUME: json.dumps(settings(state))}) is True and older.typed == ""


def test_the_prompt_starts_with_what_was_typed(graph: Graph, tmp_path: Path) -> None:  # noqa: F811
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from kg.repl.app import _loop, build_session

    fresh = ReplState(graph, out=io.StringIO(), err=io.StringIO())
    fresh.typed = "GPUArchitecture | cou"
    with create_pipe_input() as pipe:
        session = build_session(fresh, input=pipe, output=DummyOutput(),
                                history=tmp_path / "history")
        pipe.send_text("nt\r")
        pipe.send_text(".quit\r")
        _loop(fresh, session)
    assert fresh.last_text == "GPUArchitecture | count"


def test_ctrl_c_while_the_repl_restarts_does_not_end_it(tmp_path: Path) -> None:
    """hunt50 #2: Ctrl-C while the fresh process loaded the graph ended the session (exit
    130), the moment a user at a slow REPL presses it; it is dropped until the prompt is up,
    and Ctrl-C cancels statements again after that."""
    from tests.test_repl_tmux import Tmux

    data = _many_series(tmp_path, 5000)
    terminal = Tmux(tmp_path, f"--data {data}")
    try:
        terminal.wait_for("Ctrl-D to leave", timeout=60)
        terminal.keys(".restart", "Enter")
        terminal.wait_for("kg: restarting")
        for _ in range(15):
            terminal.keys("C-c")
            time.sleep(0.1)
        shown = terminal.wait_for("Restarted: the same graph and settings", timeout=60)
        time.sleep(0.5)
        shown = terminal.screen()  # no Python warning of a prompt Ctrl-C cut as it started
        assert "never awaited" not in shown and "Exception ignored" not in shown, shown
        terminal.keys("C-l", "GPUArchitecture | count", "Enter")
        terminal.wait_for("(1 row)")
        terminal.keys("C-l", "VMSeries | show name, category.^category.category.^category.name",
                      "Enter")
        time.sleep(1.0)
        terminal.keys("C-c")
        assert "cancelled" in terminal.wait_for("cancelled")
    finally:
        terminal.close()


def test_a_restart_while_a_statement_runs_says_it_stopped(
        state: ReplState, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """hunt50 #2: the watchdog's restart dropped the statement being answered unsaid."""
    from kg.repl import app

    said: list[str] = []
    monkeypatch.setattr(app, "restart", lambda state, why: said.append(why))
    session = app.build_session(state, history=None)
    exceeded = app._restarter(state, session)
    state.running = "VMSeries | count"
    exceeded("kg: restarting to stop it")
    state.running = None
    exceeded("kg: restarting to stop it")
    assert said == ["kg: restarting to stop it\nkg: `VMSeries | count` stopped with it; run it "
                    "again", "kg: restarting to stop it"]


def test_a_signal_ends_the_editor_too(tmp_path: Path) -> None:
    """SIGTERM or SIGHUP ended the REPL and left the editor running, an orphan reading the
    terminal, with its file (hunt59 R12)."""
    from kg.repl import editor

    name = tmp_path / "kg-edit-x.kgq"
    name.write_text("VMSeries")
    running = subprocess.Popen(["sleep", "30"])
    editor._RUNNING[running] = str(name)
    try:
        editor.stop_editors()
        assert running.wait(timeout=5) != 0 and not name.exists()
    finally:
        editor._RUNNING.pop(running, None)
        running.kill()


def test_what_python_says_of_a_loop_a_ctrl_c_cut_is_not_said() -> None:
    """Ctrl-C pressed as a prompt started or ended left Python's words on the screen: a
    coroutine never awaited, a half-made loop's `__del__`, a Ctrl-C cut into a finalizer
    (hunt60 F1). Other warnings and unraisable errors are still said."""
    script = (
        "import sys, types, warnings\n"
        "from kg.repl.restart import quiet_cut_loops\n"
        "quiet_cut_loops()\n"
        "warnings.warn(\"coroutine 'Application.run_async' was never awaited\", RuntimeWarning)\n"
        "def __del__(): pass\n"
        "__del__.__qualname__ = 'BaseEventLoop.__del__'\n"
        "for exc, obj in ((AttributeError, __del__), (KeyboardInterrupt, None)):\n"
        "    sys.unraisablehook(types.SimpleNamespace(exc_type=exc, exc_value=exc('x'),\n"
        "        exc_traceback=None, err_msg='Exception ignored in', object=obj))\n"
        "class Mine:\n"
        "    def __del__(self): raise ValueError('mine')\n"
        "Mine()\n"
        "warnings.warn('a warning of its own', RuntimeWarning)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert "never awaited" not in done.stderr and "AttributeError" not in done.stderr
    assert "KeyboardInterrupt" not in done.stderr
    assert "ValueError" in done.stderr and "a warning of its own" in done.stderr


def test_ctrl_c_on_a_servers_statement_speaks_of_the_server(state: ReplState,  # noqa: F811
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt76 F7: Ctrl-C on a statement a SPARQL server had not answered said kg "restarts by
    itself if it takes 11.2 GB more": no engine of kg's runs it."""
    import types

    from kg.repl import runner

    monkeypatch.setattr(runner, "settle", lambda seconds: False)  # it did not stop at once
    embedded = state.graph
    remote = types.SimpleNamespace(endpoint="http://h/q", fork=lambda: remote)
    assert runner._leave(state, remote) == "the server may go on answering it (kg drops its answer)"  # type: ignore[arg-type]
    assert runner._leave(state, embedded) != runner.REMOTE_GOES_ON  # the embedded engine's


@pytest.mark.parametrize("where", ["user", "site"])
def test_an_installed_kg_restarts_without_its_folder_before_the_standard_library(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, where: str) -> None:
    """`pip install --user`: the user site went first on the fresh REPL's PYTHONPATH, so a
    package there named as a module of the standard library (the enum34 backport's `enum`)
    ended the session at `.restart` (hunt106 F1). A kg in any site folder is found there
    again; only a checkout's folder is added."""
    import site

    from kg.repl import restart as restart_module

    root = str(Path(restart_module.__file__).resolve().parents[2])
    monkeypatch.setattr(site, "getusersitepackages", lambda: root if where == "user" else str(tmp_path))
    monkeypatch.setattr(site, "getsitepackages", lambda: [root] if where == "site" else [])
    assert restart_module._package_root() is None
    monkeypatch.setattr(site, "getusersitepackages", lambda: str(tmp_path))
    monkeypatch.setattr(site, "getsitepackages", lambda: [])
    assert restart_module._package_root() == root  # the checkout: found again wherever
