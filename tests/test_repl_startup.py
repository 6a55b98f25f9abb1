"""The REPL's start-up file (psql's ~/.psqlrc): its commands run unsaid when an interactive
REPL starts; a failing one is said with its line; `kg repl --no-rc` and a script on stdin
read none; `.vi` switches the prompt to vi's keys (hunt98 F11: settings were retyped each
session, and editing was Emacs's alone)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from kg.cli.registry import build_parser
from kg.repl.app import run_file, run_repl
from kg.repl.startup import run_startup, startup_file
from kg.session import Graph
from tests.conftest import SEED


def _rc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "config" / "kg" / "replrc"
    path.parent.mkdir(parents=True)
    path.write_text(text)
    assert startup_file() == path
    return path


def _session(keys: str, tmp_path: Path, startup: bool | None) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        assert run_repl(input=pipe, output=DummyOutput(), out=out, err=err, as_of=SEED,
                        history=tmp_path / "history", startup=startup) == 0
    return out.getvalue(), err.getvalue()


def test_its_commands_run_unsaid_and_a_failing_one_is_said(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _rc(tmp_path, monkeypatch, "# mine\n.x off\n.vi on\n.format csvv\n.timing on\n")
    out, err = _session(".settings\r\x04", tmp_path, startup=True)
    assert "expanded: off" in out and "keys: vi" in out and "timing: on" in out
    assert "format: table" in out  # the line that failed set nothing
    assert "unknown format 'csvv'" in err and "(in " in err and "line 4)" in err
    assert "1 of 4 statements in" in err
    assert "expanded: off" not in err and "timing: on" not in err  # set unsaid


def test_no_rc_and_a_file_that_is_not_there(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = _rc(tmp_path, monkeypatch, ".x off\n")
    out, _ = _session(".settings\r\x04", tmp_path, startup=False)
    assert "expanded: auto" in out
    assert f"start-up file: {path} (not read: --no-rc)" in out  # (hunt102 F6)
    path.unlink()
    out, err = _session(".settings\r\x04", tmp_path, startup=True)
    assert "expanded: auto" in out and f"start-up file: {path} (none there)" in out
    assert "error" not in err
    assert build_parser().parse_args(["repl", "--no-rc"]).no_rc


def test_an_unreadable_file_is_said_and_the_repl_starts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _rc(tmp_path, monkeypatch, "")
    path.write_bytes(b".x off\n\xff\n")
    from kg.repl.state import ReplState

    state = ReplState(Graph.open(as_of=SEED), out=io.StringIO(), err=io.StringIO())
    assert run_startup(state, run_file)
    said = state.err.getvalue()  # type: ignore[attr-defined]
    assert said.startswith("error: start-up file ") and "not UTF-8 text (line 2" in said
    assert state.expanded == "auto" and not state.quiet


def test_vi_switches_the_prompts_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`.vi on`, then Esc, `b` (a word back), `cw` (change it): the statement typed is
    edited with vi's keys and runs so; the setting is said as `.settings` says it."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "none"))
    out, err = _session(".vi on\rVMSeries | counx\x1bbcwcount\r\x04", tmp_path, startup=None)
    assert "keys: vi" in err and "count\n-----\n   " in out, err


def test_vi_cw_keeps_the_space_after_the_word(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt109 F11, hunt120 F5: `cw` took the space after the word too, as `dw` does; vim
    and bash's vi mode keep it. `VMSeries` changed to `GPU`; at a word's last letter, `cw`
    changes that letter alone: the statement run is `GPU | count`."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "none"))
    _session(".vi on\rVMSeries | count\x1b0cwGPU\x1b$cwt\r\x04", tmp_path, startup=None)
    assert "+GPU | coun" + "t\n" in (tmp_path / "history").read_text()


def test_as_of_in_the_file_is_unsaid_but_its_caution_is_said(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt101 F9: `.as-of 2024-02-01` in the start-up file printed its "as of …" line,
    and kept quiet the note that part of that revision is dated later."""
    _rc(tmp_path, monkeypatch, ".as-of 2024-02-01\n")
    out, err = _session(".settings\r\x04", tmp_path, startup=True)
    assert "revision: 2024-01-23" in out and "as of the page revision" not in out.split(
        "revision:")[0]
    assert "note: " in err and "2024-10-17" in err, err


def test_quit_in_the_file_is_not_taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt101: `.quit` in the start-up file ended the REPL before its prompt, unsaid."""
    _rc(tmp_path, monkeypatch, ".x off\n.quit\n.timing on\n")
    out, err = _session(".settings\r\x04", tmp_path, startup=True)
    assert "expanded: off" in out and "says .quit" in err
    assert "timing: off" in out and "the lines after it were not run" in err  # (hunt109 F6)


def test_a_script_on_stdin_reads_no_start_up_file(tmp_path: Path) -> None:
    """`kg repl < script` runs the same for everyone: the user's start-up file is not read
    (here it would make the result CSV)."""
    import os
    import subprocess
    import sys

    rc = tmp_path / "config" / "kg" / "replrc"
    rc.parent.mkdir(parents=True)
    rc.write_text(".format csv\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "kg", "repl"], input="VMSeries | count\n",
                          capture_output=True, text=True, env=env, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.startswith("count\n-----\n"), done.stdout

